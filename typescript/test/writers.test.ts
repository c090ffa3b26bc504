// The JSON writers: `JSON.stringify` of the validator's output stands in for the per-field
// writer only where it writes the same bytes; uniqueness and the paths of violations as the
// trail of the walk renders them.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import fc from "fast-check";

import { ContractError, decode, encode, type MessageName } from "../src/index.js";
import { MESSAGES, TOPIC_MESSAGES } from "../src/gen/v1/tables.js";
import { MESSAGE_NAMES } from "../src/gen/v1/types.js";
import { STRINGIFY_IS_CANONICAL, WRITERS } from "../src/gen/v1/writers.js";
import type { MessageSpec } from "../src/spec.js";
import { validate } from "../src/validate.js";
import { messages } from "./arbitraries.js";
import { MAJOR as V1 } from "../src/gen/v1/major.js";

const FOLDER = new URL("../../../examples/vectors/", import.meta.url);
const UTF8 = new TextEncoder();

/** What `encode` must write: the per-field writer's text, or its lone-surrogate refusal. */
function expected(name: MessageName, doc: unknown): { text: string; valid: unknown } | undefined {
  const { value, errors } = validate(V1, name, doc, { strict: true });
  if (errors.length) return undefined;
  return { text: (WRITERS[name] as (v: unknown) => string)(value), valid: value };
}

/** `encode` against the per-field writer; and JSON.stringify of the validated value where it stands in. */
function sameBytes(name: MessageName, doc: unknown): void {
  const want = expected(name, doc);
  if (want === undefined) return;
  if (STRINGIFY_IS_CANONICAL[name]) assert.equal(JSON.stringify(want.valid), want.text);
  let got: Uint8Array | ContractError;
  try {
    got = encode(name, doc as never);
  } catch (exc) {
    assert.ok(exc instanceof ContractError && exc.errors[0]?.rule === "syntax", String(exc));
    assert.ok(!want.text.isWellFormed() || want.text.includes("\\ud"), "refused only for a lone surrogate");
    return;
  }
  assert.deepEqual(got, UTF8.encode(want.text));
}

function reachesDouble(spec: MessageSpec): boolean {
  return spec.fields.some((f) => f.kind === "double" || (f.kind === "message" && reachesDouble(MESSAGES[f.typeName as string]!)));
}

test("JSON.stringify stands in exactly for the messages that reach no double", () => {
  for (const name of MESSAGE_NAMES) assert.equal(STRINGIFY_IS_CANONICAL[name], !reachesDouble(TOPIC_MESSAGES[name]), name);
  assert.ok(MESSAGE_NAMES.some((name) => STRINGIFY_IS_CANONICAL[name]));
});

test("every valid vector: encode writes the per-field writer's bytes, from either mode's output", () => {
  for (const file of readdirSync(FOLDER).filter((f) => f.endsWith(".json"))) {
    const { message, valid } = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as {
      message: string;
      valid: { name: string; json?: unknown }[];
    };
    const name = message.toLowerCase() as MessageName;
    for (const c of valid) {
      if (c.json === undefined) continue;
      sameBytes(name, c.json);
      sameBytes(name, decode(name, JSON.stringify(c.json)));
    }
  }
});

// Strings JSON escapes: quotes, backslashes, controls, U+2028, lone surrogates, astral characters.
const awkward = fc
  .array(fc.constantFrom("a", "\"", "\\", "\n", "\u0000", "\u001f", "\u007f", "\u2028", "é", "😀", "\ud800", "\udfff", "/"), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

/** `doc` with one string field (at any depth) replaced by `s`, keeping the rest. */
function withString(doc: Record<string, unknown>, spec: MessageSpec, s: string, pick: number): Record<string, unknown> {
  const strings = spec.fields.filter((f) => f.kind === "string" && !f.repeated && f.pattern === undefined);
  const nested = spec.fields.filter((f) => f.kind === "message" && !f.repeated && doc[f.name] !== undefined);
  const out = { ...doc };
  if (strings.length && pick % 2 === 0) out[strings[pick % strings.length]!.name] = s;
  else if (nested.length) {
    const f = nested[pick % nested.length]!;
    out[f.name] = withString(doc[f.name] as Record<string, unknown>, MESSAGES[f.typeName as string]!, s, pick + 1);
  }
  return out;
}

for (const name of MESSAGE_NAMES) {
  test(`${name}: encode of random documents writes the per-field writer's bytes`, () => {
    fc.assert(
      fc.property(messages(name), awkward, fc.nat(), (doc, s, pick) => {
        sameBytes(name, doc);
        sameBytes(name, withString(doc as unknown as Record<string, unknown>, TOPIC_MESSAGES[name], s, pick));
      }),
      { numRuns: 200 },
    );
  });
}

test("a toJSON added to a prototype: encode writes what the per-field writer writes", () => {
  const doc = JSON.parse(readFileSync(new URL("order.json", FOLDER), "utf8")).valid.find(
    (c: { name: string }) => c.name === "full",
  ).json;
  const plain = encode("order", doc);
  for (const proto of [Object.prototype, Array.prototype, Number.prototype, Boolean.prototype, String.prototype]) {
    // one that writes the key it is given: JSON.stringify of a whole object would give it the field name
    const toJSON = (key: string): string => `polluted ${key}`;
    Object.defineProperty(proto, "toJSON", { value: toJSON, configurable: true, writable: true });
    try {
      const valid = validate(V1, "order", doc, { strict: true }).value!;
      assert.deepEqual(encode("order", doc), UTF8.encode(WRITERS.order(valid)));
      if (proto !== String.prototype) assert.deepEqual(encode("order", doc), plain);
    } finally {
      delete (proto as { toJSON?: unknown }).toJSON;
    }
  }
});

function order(ids: string[]): Record<string, unknown> {
  return {
    id: "o1",
    number: "N1",
    customer: { email: "a@b.cd", phone: "+79990001122" },
    tickets: ids.map((id) => ({ id, event_id: "e1", barcode: "b", category: "c" })),
  };
}

/** The violations a Set over the values reports: each later repeat, in order. */
function repeats(values: string[], path: (i: number) => string): { path: string; rule: string; message: string }[] {
  const seen = new Set<string>();
  const out = [];
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i]!)) out.push({ path: path(i), rule: "unique", message: `duplicate value '${values[i]}'` });
    seen.add(values[i]!);
  }
  return out;
}

test("uniqueness: few and many items report each later repeat, in order", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 20 }), (ids) => {
      const byId = validate(V1, "order", order(ids), { strict: false }).errors;
      assert.deepEqual(byId, repeats(ids, (i) => `tickets[${i}].id`));
      const refund = { customer: { email: "a@b.cd", phone: "+79990001122" }, ticket_ids: ids };
      assert.deepEqual(validate(V1, "refund", refund, { strict: true }).errors, repeats(ids, (i) => `ticket_ids[${i}]`));
    }),
    { numRuns: 300 },
  );
});

test("paths of violations at every depth, after and between nested messages", () => {
  const doc = order(["a", "b", "c"]);
  const tickets = doc.tickets as Record<string, unknown>[];
  tickets[1]!.price_nominal = -1;
  tickets[2]!.currency = "XXX";
  (doc.customer as Record<string, unknown>).extra = 1;
  doc.more = true;
  const errors = validate(V1, "order", doc, { strict: true }).errors.map((e) => [e.path, e.rule]);
  assert.deepEqual(errors, [
    ["customer.extra", "unknown_field"],
    ["tickets[1].price_nominal", "range"],
    ["tickets[2].currency", "enum"],
    ["more", "unknown_field"],
  ]);
  const event = {
    id: "e", name: "n", status: "active", category: "show", finish_at: 946684800000, offset: 0.1,
    organizer: { id: "o", name: "n", legals: { inn: "1" } }, venue: { id: "v", name: "n", lat: 91 },
  };
  assert.deepEqual(validate(V1, "event", event, { strict: false }).errors.map((e) => e.path), [
    "offset", "organizer.legals.inn", "venue.lat",
  ]);
});
