// The generated Protobuf writers (gen/wire.ts over convert.ts's ProtoWriter) give the bytes
// protobuf-es's `toBinary` gives for the same message: on the shared vectors, on random valid
// documents, and piece by piece against protobuf-es's own BinaryWriter.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { fromJson, toBinary, type JsonValue } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import fc from "fast-check";

import { ProtoWriter, toProto, toProtoBytes } from "../src/convert.js";
import { ContractError, decode, encode, type MessageName, type Order } from "../src/index.js";
import { ENUMS, MESSAGES, TOPIC_MESSAGES } from "../src/gen/v1/tables.js";
import { WIRE } from "../src/gen/v1/wire.js";
import { MESSAGE_NAMES } from "../src/gen/v1/types.js";
import type { MessageSpec } from "../src/spec.js";
import { messages } from "./arbitraries.js";
import { MAJOR as V1 } from "../src/gen/v1/major.js";

const FOLDER = new URL("../../../examples/vectors/", import.meta.url);
const RUNS = { numRuns: 300 };

/** What `toProtoBytes` replaced: the protobuf-es message of the data, then `toBinary`. */
function reference(data: Record<string, unknown>, spec: MessageSpec): Uint8Array {
  return toBinary(spec.schema, toProto(V1, data, spec));
}

/** The generated writer of `spec` alone, on a fresh ProtoWriter. */
function written(data: Record<string, unknown>, spec: MessageSpec): Uint8Array {
  const w = new ProtoWriter();
  (WIRE[spec.name] as (w: ProtoWriter, v: Record<string, unknown>) => void)(w, data);
  return w.finish();
}

/** Every message inside `data` (itself first) with its spec. */
function parts(data: Record<string, unknown>, spec: MessageSpec): [Record<string, unknown>, MessageSpec][] {
  const out: [Record<string, unknown>, MessageSpec][] = [[data, spec]];
  for (const f of spec.fields) {
    const value = data[f.name];
    if (f.kind !== "message" || value === undefined) continue;
    const inner = MESSAGES[f.typeName as string]!;
    for (const item of f.repeated ? (value as Record<string, unknown>[]) : [value as Record<string, unknown>]) {
      out.push(...parts(item, inner));
    }
  }
  return out;
}

/** The decoded valid documents of the shared vectors, by message. */
function vectorDocuments(): [MessageName, Record<string, unknown>][] {
  const out: [MessageName, Record<string, unknown>][] = [];
  for (const file of readdirSync(FOLDER).filter((f) => f.endsWith(".json")).sort()) {
    const vector = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as {
      message: MessageName;
      valid: { json?: unknown; json_text?: string; protobuf?: JsonValue; protobuf_hex?: string }[];
    };
    const schema = TOPIC_MESSAGES[vector.message].schema;
    for (const c of vector.valid) {
      const value = c.json !== undefined ? decode(vector.message, JSON.stringify(c.json))
        : c.json_text !== undefined ? decode(vector.message, c.json_text)
        : c.protobuf_hex !== undefined ? decode(vector.message, Buffer.from(c.protobuf_hex, "hex"), { format: "protobuf" })
        : decode(vector.message, toBinary(schema, fromJson(schema, c.protobuf as JsonValue)), { format: "protobuf" });
      out.push([vector.message, value as unknown as Record<string, unknown>]);
    }
  }
  return out;
}

test("every valid vector, and every message inside it, writes toBinary's bytes", () => {
  const documents = vectorDocuments();
  assert.ok(documents.length >= 10);
  for (const [name, doc] of documents) {
    const spec = TOPIC_MESSAGES[name];
    assert.deepEqual(encode(name, doc as never, { format: "protobuf" }), reference(doc, spec), name);
    for (const [part, partSpec] of parts(doc, spec)) {
      assert.deepEqual(written(part, partSpec), reference(part, partSpec), `${name}: ${partSpec.name}`);
    }
  }
});

for (const name of MESSAGE_NAMES) {
  test(`${name}: random valid documents write toBinary's bytes`, () => {
    const spec = TOPIC_MESSAGES[name];
    fc.assert(
      fc.property(messages(name), (doc) => {
        const data = doc as unknown as Record<string, unknown>;
        assert.deepEqual(toProtoBytes(V1, data, spec), reference(data, spec));
      }),
      RUNS,
    );
  });
}

test("every message has a writer, and repeated scalars are packed as the writers assume", () => {
  for (const spec of Object.values(MESSAGES)) {
    assert.equal(typeof WIRE[spec.name], "function", spec.name);
    for (const f of spec.schema.fields) {
      if (f.fieldKind === "list" && f.listKind !== "message" && f.scalar !== 9 /* STRING */) {
        assert.ok(f.packed, `${spec.name}.${f.name}`);
      }
    }
  }
});

test("implicit-presence zero values are left out, set optional ones written", () => {
  const customer = MESSAGES.Customer!;
  assert.deepEqual(written({ email: "", phone: "" }, customer), new Uint8Array(0));
  assert.deepEqual(written({ email: "", phone: "", first_name: "" }, customer), reference({ first_name: "" }, customer));
  const ticket = MESSAGES.OrderTicket!;
  const zeros = { id: "t", event_id: "e", barcode: "b", category: "c", price_nominal: 0, description: "" };
  assert.deepEqual(written(zeros, ticket), reference(zeros, ticket));
  const venue = MESSAGES.Venue!;
  assert.deepEqual(written({ id: "v", name: "n", lat: -0, lon: 0 }, venue), reference({ id: "v", name: "n", lat: -0, lon: 0 }, venue));
});

test("enum numbers: every JSON string of every enum field", () => {
  const ticket = MESSAGES.Ticket!;
  for (const status of Object.keys(ENUMS.TicketStatus!.numbers)) {
    for (const currency of Object.keys(ENUMS.Currency!.numbers)) {
      const doc = {
        id: "t", status, barcode: "b", customer: { email: "a@b.c" }, event_id: "e", organizer_id: "o",
        category: "c", currency,
      };
      assert.deepEqual(written(doc, ticket), reference(doc, ticket));
    }
  }
});

// --- ProtoWriter piece by piece against protobuf-es's BinaryWriter --------------------------------

function same(write: (w: ProtoWriter) => void, expected: (w: BinaryWriter) => void): void {
  const w = new ProtoWriter();
  write(w);
  const b = new BinaryWriter();
  expected(b);
  assert.deepEqual(w.finish(), b.finish());
}

test("varints of every safe integer, negative ones in ten bytes", () => {
  const edges = [0, 1, 127, 128, 16383, 16384, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -1, -128,
    -(2 ** 31), -(2 ** 31) - 1, -(2 ** 32), -(2 ** 53 - 1)];
  for (const n of edges) same((w) => w.varint(n), (b) => b.int64(n));
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => same((w) => w.varint(n), (b) => b.int64(n))), { numRuns: 1000 });
});

test("tags of small and large field numbers", () => {
  for (const no of [1, 15, 16, 2047, 2048, 262143, 262144, 536870911]) {
    same((w) => w.tag((no << 3 | WireType.LengthDelimited) >>> 0), (b) => b.tag(no, WireType.LengthDelimited));
  }
});

test("doubles and bools", () => {
  fc.assert(fc.property(fc.double(), (x) => same((w) => w.double(x), (b) => b.double(x))), { numRuns: 1000 });
  for (const x of [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE]) {
    same((w) => w.double(x), (b) => b.double(x));
  }
  same((w) => (w.bool(true), w.bool(false)), (b) => b.bool(true).bool(false));
});

test("strings: UTF-8 of every length around the length-prefix and inline limits", () => {
  const units = ["a", "ж", "€", "😀"];
  for (const unit of units) {
    for (const n of [0, 1, 42, 43, 48, 49, 63, 64, 127, 128, 129, 5461, 5462, 8191, 8192, 16383, 16384, 70000]) {
      const s = unit.repeat(n);
      same((w) => w.string(s), (b) => b.string(s));
    }
  }
  const text = fc.string({ unit: "binary", maxLength: 300 }).filter((s) => s.isWellFormed());
  fc.assert(fc.property(text, (s) => same((w) => w.string(s), (b) => b.string(s))), { numRuns: 1000 });
});

test("nested messages: the length prefix takes one to three bytes", () => {
  for (const n of [0, 1, 125, 126, 127, 128, 16381, 16382, 16383, 16384, 70000]) {
    const s = "x".repeat(n);
    same(
      (w) => {
        w.tag(10);
        const at = w.fork();
        w.tag(10);
        w.string(s);
        w.join(at);
      },
      (b) => b.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string(s).join(),
    );
  }
});

// --- through encode --------------------------------------------------------------------------------

const ORDER: Order = {
  id: "o",
  number: "1",
  customer: { email: "guest@example.com", phone: "+4915112345678" },
  tickets: [
    { id: "t1", event_id: "e", barcode: "b1", category: "c" },
    { id: "t2", event_id: "e", barcode: "b2", category: "c" },
  ],
};

test("a lone surrogate is refused with its path, in declaration order, as before", () => {
  const bad: Order = {
    ...ORDER,
    customer: { ...ORDER.customer, last_name: "x\udc00" },
    tickets: [ORDER.tickets[0]!, { ...ORDER.tickets[1]!, row: "\ud800", description: "y".repeat(100) + "\ud800" }],
  };
  const cases: [Order, string][] = [
    [bad, "customer.last_name"],
    [{ ...bad, customer: ORDER.customer }, "tickets[1].row"],
    [{ ...bad, customer: ORDER.customer, tickets: [ORDER.tickets[0]!, { ...bad.tickets[1]!, row: "r" }] }, "tickets[1].description"],
  ];
  for (const [value, path] of cases) {
    assert.throws(() => encode("order", value, { format: "protobuf" }), (exc: unknown) => {
      assert.ok(exc instanceof ContractError);
      assert.deepEqual(exc.errors.map((e) => [e.path, e.rule]), [[path, "syntax"]]);
      return true;
    });
  }
  // the writer is left usable
  assert.deepEqual(encode("order", ORDER, { format: "protobuf" }), reference(ORDER as never, TOPIC_MESSAGES.order));
});

test("a message larger than the writer's buffer, then a small one", () => {
  const big: Order = {
    ...ORDER,
    tickets: Array.from({ length: 100 }, (_, i) => ({
      id: `t${i}`, event_id: "e", barcode: `b${i}`, category: "c", description: "ж".repeat(15000), price_nominal: i,
    })),
  };
  const bytes = encode("order", big, { format: "protobuf" });
  assert.ok(bytes.length > 2 ** 21);
  assert.deepEqual(bytes, reference(big as never, TOPIC_MESSAGES.order));
  assert.deepEqual(encode("order", ORDER, { format: "protobuf" }), reference(ORDER as never, TOPIC_MESSAGES.order));
  assert.deepEqual(decode("order", bytes, { format: "protobuf", limits: { maxBytes: 2 ** 24 } }), big);
});

test("the bytes are a copy: a later encode leaves them alone", () => {
  const first = encode("order", ORDER, { format: "protobuf" });
  const copy = Uint8Array.from(first);
  encode("order", { ...ORDER, id: "another" }, { format: "protobuf" });
  assert.deepEqual(first, copy);
});
