// @vibe/contracts/legacy by itself: decoding, the config and its plain form, the value rules.
// Expected texts are Python's (vibe_contracts.legacy), which both languages must give.
import assert from "node:assert/strict";
import { test } from "node:test";

import { create, toBinary } from "@bufbuild/protobuf";

import { ContractError } from "../src/index.js";
import {
  DEFAULT_OFFSET, decode, MappingConfig, mappingConfigFromDict, PartnerSchema,
} from "../src/legacy/index.js";
import { millis, phoneE164, splitName, trimmed } from "../src/legacy/text.js";

function refusal(fn: () => unknown): [string, string, string][] {
  try {
    fn();
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw exc;
    return exc.errors.map((v) => [v.path, v.rule, v.message]);
  }
  assert.fail("expected a ContractError");
}

test("decode: the message, `syntax` for other bytes, `limit` over the size limit, TypeError for an unknown name", () => {
  const bytes = toBinary(PartnerSchema, create(PartnerSchema, { id: "p", legal: { ogrns: { case: "ogrn", value: "1" } } }));
  const partner = decode("partner", new Uint8Array([...bytes, 0xf8, 0x06, 0x01])); // and an unknown field 111
  assert.equal(partner.id, "p");
  assert.deepEqual(partner.legal?.ogrns, { case: "ogrn", value: "1" });
  assert.deepEqual(refusal(() => decode("order", Uint8Array.of(0x12))), [["", "syntax", "not a legacy Order Protobuf message"]]);
  assert.deepEqual(refusal(() => decode("partner", "x" as never)), [["", "syntax", "expected Protobuf bytes, got str"]]);
  assert.deepEqual(refusal(() => decode("event", new Uint8Array(30), { limits: { maxBytes: 10 } })),
    [["", "limit", "the message is larger than the limit of 10 bytes"]]);
  assert.throws(() => decode("ticket" as never, bytes), TypeError);
});

test("decode reads oneofs as upb does: the last member wins, a message member read twice merges", () => {
  // Partner.legal (40) { ogrn (6) "1", ogrnip (7) "2" }: ogrnip, the last one
  const legal = Uint8Array.of(0xc2, 0x02, 0x06, 0x32, 0x01, 0x31, 0x3a, 0x01, 0x32);
  assert.deepEqual(decode("partner", legal).legal?.ogrns, { case: "ogrnip", value: "2" });
  // Event.legal_ru (20) { name (3) "a" } then legal_ru { inn (4) "1" }: one LegalRu with both
  const event = decode("event", Uint8Array.of(0xa2, 0x01, 0x03, 0x1a, 0x01, 0x61, 0xa2, 0x01, 0x03, 0x22, 0x01, 0x31));
  assert.equal(event.legal.case, "legalRu");
  assert.deepEqual([event.legal.value?.name, event.legal.value?.inn], ["a", "1"]);
});

test("MappingConfig: Python's defaults, Maps or records, frozen; skipsRole compares trimmed, lower case", () => {
  const d = new MappingConfig();
  assert.deepEqual([d.categories.size, d.venues.size, d.defaultOffset, d.nameOrder, d.phoneCountryCode, d.skipRoles.size],
    [0, 0, DEFAULT_OFFSET, "given_first", "7", 0]);
  assert.equal(DEFAULT_OFFSET, 3);
  const c = new MappingConfig({ categories: new Map([["1", "concert"]]), venues: { v: { name: "Hall", offset: 5.5 } },
    skipRoles: [" Distributor\u3000"] });
  assert.equal(c.categories.get("1"), "concert");
  assert.equal(c.venues.get("v")?.offset, 5.5);
  assert.ok(Object.isFrozen(c));
  assert.ok(c.skipsRole("DISTRIBUTOR ") && !c.skipsRole("distributor\x85"));
  assert.deepEqual(refusal(() => new MappingConfig({ venues: { v: { name: "H", cityName: "M" } as never } })),
    [["venues.v.cityName", "unknown_field", "not a venue key"]]);
});

test("mappingConfigFromDict: Python's plain form, with Python's errors", () => {
  const c = mappingConfigFromDict({ categories: { x: "concert" }, default_offset: 5.5, name_order: "family_first",
    phone_country_code: "380", skip_roles: ["agent"], venues: { v: { name: "Hall", lat: 55.7, lon: 37, offset: null } } });
  assert.deepEqual([c.categories.get("x"), c.defaultOffset, c.nameOrder, c.phoneCountryCode, c.skipsRole("Agent")],
    ["concert", 5.5, "family_first", "380", true]);
  const cases: [unknown, [string, string, string][]][] = [
    [[], [["", "type", "expected a table"]]],
    // Unknown keys in code-point order, whatever order they were written in (integer-like keys included).
    [{ zz: 1, name_order: "x", yy: 2, 10: 3 }, [['["10"]', "unknown_field", "not a config key"], ["yy", "unknown_field", "not a config key"], ["zz", "unknown_field", "not a config key"]]],
    [{ venues: [] }, [["venues", "type", "expected a table"]]],
    [{ venues: { "v 1": 3 } }, [['venues["v 1"]', "type", "expected a table"]]],
    [{ venues: { v1: { name: "H", zip: 1, x: 2 } } }, [["venues.v1.x", "unknown_field", "not a venue key"]]],
    [{ venues: { v1: { city_name: "M" } } }, [["venues.v1.name", "required", "is required"]]],
    [{ skip_roles: "organizer" }, [["skip_roles", "type", "expected a list of strings"]]],
    [{ categories: [] }, [["categories", "type", "expected a table"]]],
    [{ default_offset: null }, [["default_offset", "type", "expected number, got null"]]],
    [
      { venues: { v1: { name: "", lat: 91, offset: 15 } }, default_offset: 3.1, name_order: "fio", phone_country_code: "07",
        categories: { c: "gig", d: 5 } },
      [
        ["categories.c", "enum", "'gig' is not one of ballet, business, circus, concert, development, excursion, exhibition, " +
          "festival, games, health, kids, movie, museum, musical, party, show, sport, standup, test, theater, workshop, other"],
        ["categories.d", "type", "expected string, got integer"],
        ["venues.v1.name", "min_length", "needs at least 1 character, has 0"],
        ["venues.v1.lat", "range", "91.0 is out of range [-90, 90]"],
        ["venues.v1.offset", "range", "15.0 is out of range [-12, 14]"],
        ["default_offset", "multiple_of", "must be a multiple of 0.25"],
        ["name_order", "enum", "is not one of given_first, family_first"],
        ["phone_country_code", "pattern", "needs 1 to 3 digits, not starting with 0"],
      ],
    ],
  ];
  for (const [plain, errors] of cases) assert.deepEqual(refusal(() => mappingConfigFromDict(plain)), errors, JSON.stringify(plain));
});

test("the value rules: ECMAScript white space, ASCII digits, names split on white space, exact milliseconds", () => {
  assert.equal(trimmed("\ufeff\u3000a b\xa0"), "a b");
  assert.equal(trimmed(" \u2028 "), undefined);
  assert.equal(trimmed("\x85a"), "\x85a"); // not white space in ECMAScript, so not in either language
  assert.equal(phoneE164("8 (916) 123-45-67", "7"), "+79161234567");
  assert.equal(phoneE164("916 123 45 67", "380"), "+3809161234567");
  assert.equal(phoneE164("+44 20 7946 0958", "7"), "+442079460958");
  assert.equal(phoneE164("８９１６ ٣", "7"), undefined); // fullwidth and Arabic-Indic digits are not digits here
  assert.deepEqual(splitName(" Петров\u3000Иван  Сергеевич ", true), ["Иван Сергеевич", "Петров"]);
  assert.deepEqual(splitName("Anna", false), ["Anna", undefined]);
  assert.deepEqual(splitName(" \t", false), [undefined, undefined]);
  assert.equal(millis(0n, 0), undefined);
  assert.equal(millis(1700000000n, -1), 1699999999999n); // floored, as Python's //
  assert.equal(millis(2n ** 62n, 999_999_999), 2n ** 62n * 1000n + 999n);
});
