// fast-check arbitraries of legacy records (protobuf-es messages) with random field values:
// unknown enum numbers, empty and white-space strings, odd phones and names, zero and extreme
// int64s, negative nanos. Ids come from a small pool so that joins often complete.
import { create } from "@bufbuild/protobuf";
import { TimestampSchema, type Timestamp } from "@bufbuild/protobuf/wkt";
import fc from "fast-check";

import {
  EventSchema, OrderSchema, PartnerSchema, RefundRequestSchema,
  type Event, type Order, type Partner, type RefundRequest,
} from "../src/legacy/index.js";

/** `good` four times in five, else `odd`: most records map, the rest probe the edges. */
function mostly<T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: odd, weight: 1 });
}

const WHITE = ["", " ", "\t\n", "\u3000", "\ufeff", "\xa0", "\x1c", "\x85", "\u200b"];
const text = mostly(fc.constantFrom("Hall", " Иван Петров ", "Петров  Иван\tСергеевич", "Anna"), fc.oneof(
  fc.constantFrom(...WHITE, "x", "a b c d"),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.tuple(fc.string({ maxLength: 3 }), fc.constantFrom(...WHITE), fc.string({ maxLength: 3 })).map((p) => p.join("")),
));
const ids = mostly(fc.constantFrom("a", "b"), fc.constantFrom(" a ", "a\u3000", ""));
const int64 = mostly(fc.bigInt({ min: 1n, max: 10n ** 7n }), fc.oneof(
  fc.constantFrom(0n, -1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n - 1n, -(2n ** 63n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
));
const int32 = mostly(fc.integer({ min: 0, max: 999_999_999 }), fc.oneof(fc.constantFrom(-1, 2 ** 31 - 1, -(2 ** 31)), fc.integer()));
/** A legacy enum number: mostly the one that maps (DONE, APPROVED, PUBLIC…), else any, sometimes unknown. */
const enumNumber = (mapped: number) => mostly(mostly(fc.constant(mapped), fc.integer({ min: 0, max: 3 })),
  fc.constantFrom(4, 5, -1, 99, 2 ** 31 - 1));
const phone = mostly(fc.constantFrom("8 (916) 123-45-67", "+7 916 123 45 67", "9161234567", "+44 20 7946 0958"),
  fc.oneof(text, fc.constantFrom("٣٣٣٣٣٣٣٣٣٣", "８９１６１２３４５６７", "1".repeat(16), "garbage")));
const email = mostly(fc.constantFrom("guest@example.com", " a@b.co "), fc.oneof(text, fc.constantFrom("bad", "a@b")));
const url = mostly(fc.constantFrom("https://x.ru/c.jpg", " http://a/b "), fc.oneof(text, fc.constantFrom("ftp://x", "https://")));
const stamp: fc.Arbitrary<Timestamp | undefined> = fc.option(
  fc.record({ seconds: mostly(fc.bigInt({ min: 946684800n, max: 4102444799n }), int64), nanos: int32 })
    .map((t) => create(TimestampSchema, t)),
  { nil: undefined },
);
const ogrns = fc.oneof(
  fc.constant({ case: undefined }),
  fc.record({ case: fc.constantFrom("ogrn" as const, "ogrnip" as const), value: mostly(fc.constantFrom("1027700132195", "304500116000157"), text) }),
);

export const partner: fc.Arbitrary<Partner> = fc.record({
  id: ids, name: text, role: fc.constantFrom("", "organizer", " Organizer ", "agent\x85"), status: enumNumber(1),
  removed: mostly(fc.constant(false), fc.constant(true)), hidden: fc.boolean(), currency: fc.oneof(text, fc.constantFrom("rub", " Usd ", "XXX")),
  legal: fc.option(fc.record({ name: text, address: text, inn: mostly(fc.constantFrom("7707083893", ""), text), ogrns }), { nil: undefined }),
}).map((p) => create(PartnerSchema, p));

export const event: fc.Arbitrary<Event> = fc.record({
  id: ids, meta: text, name: text, description: text, status: enumNumber(1), org: ids,
  venue: fc.constantFrom("", "v1", " v1 "), category: fc.constantFrom("", "c1", " c1 ", "zz"), openDate: fc.boolean(),
  lifetime: fc.record({ start: stamp, finish: stamp }),
  media: fc.option(fc.record({ cover: url, coverSmall: url, coverOriginal: url }), { nil: undefined }),
  legal: fc.oneof(
    fc.constant({ case: undefined }),
    fc.record({ name: text, inn: mostly(fc.constantFrom("7707083893", ""), text), address: text, type: enumNumber(0), ogrns }).map((value) => ({ case: "legalRu" as const, value })),
  ),
  sets: fc.array(fc.record({ id: fc.constantFrom("s1", "s2", " s1 ", ""), name: text, removed: fc.boolean() }), { maxLength: 3 }),
}).map((e) => create(EventSchema, e as never));

export const order: fc.Arbitrary<Order> = fc.record({
  id: ids, number: int64, status: enumNumber(2), event: ids, org: ids,
  settings: fc.record({ customer: fc.record({ name: text, email, phone, lang: text }) }),
  tickets: fc.array(fc.record({
    id: mostly(fc.constantFrom("t1", "t2", "t3"), fc.constantFrom(" t1", "")), serial: text, number: int64, barcode: text,
    set: mostly(fc.constantFrom("s1", "s2"), fc.constantFrom("", "zz")), seat: fc.record({ row: text, number: text }),
    price: int64, nominal: int64,
  }), { minLength: 1, maxLength: 3 }),
}).map((o) => create(OrderSchema, o));

export const refund: fc.Arbitrary<RefundRequest> = fc.record({
  id: ids, status: enumNumber(2), order: ids, event: ids, org: ids,
  tickets: fc.array(fc.record({ id: mostly(fc.constantFrom("t1", "t2"), fc.constantFrom(" t2 ", "", "t9")) }), { maxLength: 3 }),
}).map((r) => create(RefundRequestSchema, r));

/** A `mappingConfigFromDict` table: the default, valid ones, and a few the constructor refuses. */
export const config = fc.constantFrom(
  {},
  { name_order: "family_first", phone_country_code: "380", skip_roles: [" ORGANIZER "] },
  { categories: { c1: "concert" }, default_offset: 5.5, venues: { v1: { name: "Hall", lat: 55.7, lon: 37, offset: -3.5 } } },
  { default_offset: 3.3 },
  { categories: { c1: "gig" } },
);
