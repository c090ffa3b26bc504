// The hand-written runtime piece by piece: Python-compatible formatting, paths, errors,
// the generated tables against protobuf-es's descriptors, API argument checks, and types.
import assert from "node:assert/strict";
import { test } from "node:test";

import { create, fromBinary, toBinary } from "@bufbuild/protobuf";

import { childPath, codePoints } from "../src/check.js";
import { OrderSchema } from "../src/proto.js";
import { ContractError, decode, encode, VERSION, type Event, type Order } from "../src/index.js";
import { MESSAGES } from "../src/gen/v1/tables.js";
import { jsonDouble, pyFloatRepr, pyQuoted, pyStrRepr } from "../src/pyrepr.js";

const ORDER = {
  id: "o",
  number: "1",
  customer: { email: "guest@example.com", phone: "+4915112345678" },
  tickets: [{ id: "t", event_id: "e", barcode: "b", category: "c" }],
};

function errorsOf(run: () => unknown): { path: string; rule: string; message: string }[] {
  try {
    run();
  } catch (exc) {
    assert.ok(exc instanceof ContractError, String(exc));
    return exc.errors.map(({ path, rule, message }) => ({ path, rule, message }));
  }
  assert.fail("expected a ContractError");
}

test("floats print as Python's repr()", () => {
  const cases: [number, string][] = [
    [15, "15.0"], [0.0001, "0.0001"], [1e-5, "1e-05"], [1.5e16, "1.5e+16"], [1e16, "1e+16"],
    [123456789012345.6, "123456789012345.6"], [-0, "-0.0"], [1e22, "1e+22"], [5e-324, "5e-324"],
    [0.1 + 0.2, "0.30000000000000004"], [9999999999999998, "9999999999999998.0"],
    [1234567890123456.8, "1234567890123456.8"],
  ];
  for (const [x, want] of cases) assert.equal(pyFloatRepr(x), want, String(x));
});

test("doubles are written as msgspec writes them", () => {
  const cases: [number, string][] = [
    [3, "3.0"], [-0, "-0.0"], [1e-7, "1e-7"], [0.0001, "0.0001"], [1e-5, "0.00001"], [5e-324, "5e-324"],
    [1.5, "1.5"], [89.99999999999999, "89.99999999999999"], [1e16, "1e16"], [1e15, "1000000000000000.0"],
    [1.5e-6, "1.5e-6"], [2.5e-5, "0.000025"], [1.7976931348623157e308, "1.7976931348623157e308"],
    [1.2345678901234568e16, "1.2345678901234568e16"], [-12.25, "-12.25"],
  ];
  for (const [x, want] of cases) assert.equal(jsonDouble(x), want, String(x));
});

test("strings print as Python's repr()", () => {
  const cases: [string, string][] = [
    ["a", "'a'"], ["O'Neil", `"O'Neil"`], [`both ' and "`, `'both \\' and "'`], ["\n\t\x00\x7f", "'\\n\\t\\x00\\x7f'"],
    ["\u00a0", "'\\xa0'"], ["\u200b", "'\\u200b'"], ["😀", "'😀'"], ["\ud800", "'\\ud800'"],
    ["\u{e0001}", "'\\U000e0001'"], ["é", "'é'"], ["\\", "'\\\\'"], ["\u2028", "'\\u2028'"], ["\u0378", "'\\u0378'"],
  ];
  for (const [s, want] of cases) assert.equal(pyStrRepr(s), want, JSON.stringify(s));
});

test("a message quotes at most the first 32 code points of a value, as Python's quoted()", () => {
  assert.equal(pyQuoted("ballet"), "'ballet'");
  assert.equal(pyQuoted("x".repeat(32)), `'${"x".repeat(32)}'`);
  assert.equal(pyQuoted("😀".repeat(40)), `'${"😀".repeat(32)}'…`);
  assert.equal(pyQuoted("é".repeat(33)), `'${"é".repeat(32)}'…`);
  assert.throws(() => decode("order", JSON.stringify({ ...ORDER, tickets: [{ ...ORDER.tickets[0], currency: "c".repeat(99) }] })),
    (e: unknown) => e instanceof ContractError && e.errors[0]?.message === `'${"c".repeat(32)}'… is not one of USD, EUR, RUB, GBP, CNY`);
});

test("lengths count code points; paths name odd keys in brackets", () => {
  assert.equal(codePoints("😀a"), 2);
  assert.equal(codePoints("\ud800a"), 2);
  assert.equal(childPath("", "id"), "id");
  assert.equal(childPath("tickets[2]", "currency"), "tickets[2].currency");
  assert.equal(childPath("", "odd key"), '["odd key"]');
  assert.equal(childPath("a", "5"), 'a["5"]');
});

test("ContractError carries the first violation and all of them", () => {
  const exc = new ContractError([
    { path: "", rule: "type", message: "expected object, got array" },
    { path: "id", rule: "required", message: "is required" },
  ]);
  assert.ok(exc instanceof Error);
  assert.equal(exc.name, "ContractError");
  assert.equal(exc.path, "");
  assert.equal(exc.rule, "type");
  assert.equal(exc.message, "<root>: expected object, got array [type] (and 1 more)");
  assert.equal(exc.errors.length, 2);
  assert.throws(() => new ContractError([]), TypeError);
});

test("the tables name the fields as protobuf-es does", () => {
  for (const spec of Object.values(MESSAGES)) {
    assert.equal(spec.schema.typeName, spec.fullName);
    assert.equal(spec.schema.fields.length, spec.fields.length);
    for (const f of spec.fields) {
      const field = spec.schema.fields.find((d) => d.number === f.number);
      assert.equal(field?.name, f.name);
      assert.equal(field?.localName, f.local);
    }
  }
});

test("decode and encode refuse bad arguments", () => {
  assert.throws(() => decode("orders" as "order", "{}"), TypeError);
  assert.throws(() => decode("order", "{}", { format: "xml" as "json" }), TypeError);
  assert.throws(() => encode("order", ORDER, { format: "xml" as "json" }), TypeError);
  assert.deepEqual(errorsOf(() => decode("order", "{}", { format: "protobuf" })), [
    { path: "", rule: "type", message: "expected Protobuf bytes, got str" },
  ]);
  assert.deepEqual(errorsOf(() => decode("order", 42 as unknown as string)), [
    { path: "", rule: "type", message: "expected JSON bytes or str, got number" },
  ]);
  assert.equal(errorsOf(() => decode("order", "{"))[0]?.rule, "syntax");
  assert.equal(errorsOf(() => decode("order", new Uint8Array([0x7b, 0xff])))[0]?.rule, "syntax");
  assert.equal(errorsOf(() => decode("order", '"\\ud800"'))[0]?.rule, "syntax"); // an escaped lone surrogate
  assert.equal(errorsOf(() => decode("order", '"\ud800"'))[0]?.rule, "syntax"); // a string holding one
  assert.equal(errorsOf(() => decode("order", "[1e400]"))[0]?.rule, "type"); // a number beyond the double range is a number
  assert.equal(errorsOf(() => decode("order", "\ufeff{}"))[0]?.rule, "syntax");
});

test("encode validates strictly and writes canonical JSON", () => {
  const text = new TextDecoder().decode(encode("order", { ...ORDER, tickets: [{ ...ORDER.tickets[0]!, seat: undefined }] }));
  assert.equal(text, '{"id":"o","number":"1","customer":{"email":"guest@example.com","phone":"+4915112345678"},' +
    '"tickets":[{"id":"t","event_id":"e","barcode":"b","category":"c"}]}');
  assert.deepEqual(errorsOf(() => encode("order", { ...ORDER, extra: 1 } as Order)), [
    { path: "extra", rule: "unknown_field", message: "unknown field" },
  ]);
  assert.deepEqual(errorsOf(() => encode("order", { ...ORDER, id: "\ud800" })), [
    { path: "id", rule: "syntax", message: "not encodable as UTF-8: a string holds a lone surrogate" },
  ]);
  assert.deepEqual(errorsOf(() => encode("order", { ...ORDER, id: "\ud800" }, { format: "protobuf" })), [
    { path: "id", rule: "syntax", message: "not encodable as UTF-8: a string holds a lone surrogate" },
  ]);
});

test("Protobuf: 64-bit integers beyond 2^53-1 are refused, never rounded; unknown fields in strict mode", () => {
  const wire = encode("order", ORDER, { format: "protobuf" });
  const message = create(OrderSchema, fromBinary(OrderSchema, wire));
  message.tickets[0]!.priceNominal = 2n ** 53n + 1n;
  const big = toBinary(OrderSchema, message);
  assert.deepEqual(errorsOf(() => decode("order", big, { format: "protobuf" })), [
    { path: "tickets[0].price_nominal", rule: "range", message: "9007199254740993 is out of range [0, 9007199254740991]" },
  ]);
  const extra = new Uint8Array([...wire, 0x2a, 0x01, 0x78, 0x38, 0x01]); // fields 5 (bytes) and 7 (varint)
  assert.equal(decode("order", extra, { format: "protobuf" }).id, "o");
  assert.deepEqual(errorsOf(() => decode("order", extra, { format: "protobuf", strict: true })), [
    { path: "", rule: "unknown_field", message: "unknown field numbers [5, 7]" },
  ]);
});

test("the package version carries the contract version", () => {
  assert.match(VERSION, /^1\.0\.\d+$/);
});

// Type-level checks: compiled by `npm test` (tsc, strict), never run.
export function typeChecks(bytes: Uint8Array, order: Order, event: Event): void {
  const decoded: Order = decode("order", bytes, { format: "protobuf", strict: true });
  const wire: Uint8Array = encode("order", decoded);
  // @ts-expect-error decode("order") is an Order, not an Event
  const wrong: Event = decode("order", bytes);
  // @ts-expect-error unknown message name
  decode("orders", bytes);
  // @ts-expect-error encode takes the type of the named message
  encode("event", order);
  // @ts-expect-error enums are string-literal unions
  const status: Event["status"] = "ACTIVE";
  // @ts-expect-error integers are numbers, not bigint
  const price: NonNullable<Order["tickets"][number]["price_nominal"]> = 1n;
  void [wire, wrong, status, price, event];
}
