// The generated Protobuf readers (gen/wire_read.ts over convert.ts's ProtoReader), through
// `decodeProto`, against the reference path they replace (`readProto`, `refuseUnknown` when
// strict, `fromProto`): the same object, keys in the same order, or the same ContractError
// (path, rule, message), in both modes, on the shared vectors, random documents and hostile
// mutations of their bytes. Where the generated reader takes an input alone, it agrees too.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { fromJson, toBinary, type JsonValue } from "@bufbuild/protobuf";
import fc from "fast-check";

import { UnknownEnumNumber } from "../src/check.js";
import { decodeProto, fromProto, ProtoReader, readProto, refuseUnknown, toProto } from "../src/convert.js";
import { ContractError, type MessageName } from "../src/index.js";
import { MESSAGES, TOPIC_MESSAGES } from "../src/gen/v1/tables.js";
import { MESSAGE_NAMES } from "../src/gen/v1/types.js";
import { READ } from "../src/gen/v1/wire_read.js";
import type { MessageSpec } from "../src/spec.js";
import { messages } from "./arbitraries.js";
import { MAJOR as V1 } from "../src/gen/v1/major.js";

const FOLDER = new URL("../../../examples/vectors/", import.meta.url);
const RUNS = { numRuns: 200 };

type Outcome = { value: Record<string, unknown> } | { error: string };

/** A value with its key order, bigints, -0 and unknown enum numbers spelled out. */
function shown(value: unknown): string {
  return JSON.stringify(value, (_, x: unknown) =>
    typeof x === "bigint" ? `${x}n` : Object.is(x, -0) ? "-0" : typeof x === "number" && !Number.isFinite(x) ? String(x)
      : x instanceof UnknownEnumNumber ? `enum ${x.value}` : x);
}

function outcome(run: () => Record<string, unknown>): Outcome {
  try {
    return { value: run() };
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw exc;
    return { error: exc.errors.map((e) => `${e.path} ${e.rule}: ${e.message}`).join("; ") };
  }
}

function reference(bytes: Uint8Array, spec: MessageSpec, strict: boolean): Outcome {
  return outcome(() => {
    const message = readProto(spec.schema, bytes);
    if (strict) refuseUnknown(V1, message, spec);
    return fromProto(V1, message, spec);
  });
}

/** The generated reader alone: its value, or undefined when it leaves the input to the reference path. */
function generatedAlone(bytes: Uint8Array, spec: MessageSpec, strict: boolean): Record<string, unknown> | undefined {
  const r = new ProtoReader();
  r.reset(bytes, strict);
  try {
    return READ[spec.name]!(r, bytes.length);
  } catch {
    return undefined;
  }
}

const taken = { yes: 0, no: 0 };

/** Both modes agree; returns whether the generated reader took the input in each mode. */
function agree(bytes: Uint8Array, spec: MessageSpec, label = ""): [boolean, boolean] {
  const took: boolean[] = [];
  for (const strict of [false, true]) {
    const expected = reference(bytes, spec, strict);
    const got = outcome(() => decodeProto(V1, bytes, spec, strict));
    const where = `${label} ${spec.name} strict=${strict} ${Buffer.from(bytes).toString("hex").slice(0, 200)}`;
    assert.deepEqual(got, expected, where);
    if ("value" in got && "value" in expected) assert.equal(shown(got.value), shown(expected.value), where);
    const alone = generatedAlone(bytes, spec, strict);
    took.push(alone !== undefined);
    taken[alone !== undefined ? "yes" : "no"]++;
    if (alone !== undefined) {
      assert.ok("value" in expected, `the generated reader took an input the reference refuses: ${where}`);
      assert.deepEqual(alone, expected.value, where);
    }
  }
  return [took[0]!, took[1]!];
}

// --- the shared vectors ------------------------------------------------------------------------

interface VectorCase {
  json?: unknown;
  protobuf?: JsonValue;
  protobuf_hex?: string;
  strict_errors?: unknown[];
}

/** The Protobuf bytes of every vector case that has them: JSON cases through toBinary. */
function vectorBytes(): { name: string; spec: MessageSpec; bytes: Uint8Array; valid: boolean; strictOk: boolean }[] {
  const out = [];
  for (const file of readdirSync(FOLDER).filter((f) => f.endsWith(".json")).sort()) {
    const vector = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as {
      message: MessageName; valid: VectorCase[]; invalid: VectorCase[];
    };
    const spec = TOPIC_MESSAGES[vector.message];
    for (const [valid, cases] of [[true, vector.valid], [false, vector.invalid]] as const) {
      for (const c of cases) {
        let bytes: Uint8Array | undefined;
        if (c.protobuf_hex !== undefined) bytes = new Uint8Array(Buffer.from(c.protobuf_hex, "hex"));
        else if (c.protobuf !== undefined) bytes = toBinary(spec.schema, fromJson(spec.schema, c.protobuf));
        else if (valid && c.json !== undefined) bytes = toBinary(spec.schema, toProto(V1, c.json as Record<string, unknown>, spec));
        if (bytes !== undefined) out.push({ name: file, spec, bytes, valid, strictOk: c.strict_errors === undefined });
      }
    }
  }
  return out;
}

test("every vector with Protobuf bytes: same object or error; valid ones read by the generated reader", () => {
  const cases = vectorBytes();
  assert.ok(cases.filter((c) => c.valid).length >= 10);
  for (const c of cases) {
    const [tolerant, strict] = agree(c.bytes, c.spec, c.name);
    if (c.valid) {
      assert.ok(tolerant, `${c.name}: not taken when tolerant`);
      if (c.strictOk) assert.ok(strict, `${c.name}: not taken when strict`);
    }
  }
});

type Piece = string | { repeat: string; times: number } | { hex: string } | { repeat_hex: string; times: number };

/** The bytes of a hostile case (see examples/vectors/README.md). */
function hostileBytes(c: { hex?: string; text?: string; pieces?: Piece[] }): Uint8Array {
  const pieces: Piece[] = c.hex !== undefined ? [{ hex: c.hex }] : c.text !== undefined ? [c.text] : (c.pieces ?? []);
  return new Uint8Array(Buffer.concat(pieces.map((p) =>
    typeof p === "string" ? Buffer.from(p) : "repeat" in p ? Buffer.from(p.repeat.repeat(p.times))
      : Buffer.from("hex" in p ? p.hex : p.repeat_hex.repeat(p.times), "hex"))));
}

test("every hostile Protobuf input: same object or error", () => {
  let n = 0;
  for (const file of readdirSync(new URL("hostile/", FOLDER)).filter((f) => f.endsWith(".json"))) {
    const cases = (JSON.parse(readFileSync(new URL(`hostile/${file}`, FOLDER), "utf8")) as {
      cases: { name: string; message: MessageName; format: string; hex?: string; text?: string; pieces?: Piece[] }[];
    }).cases;
    for (const c of cases.filter((c) => c.format === "protobuf")) {
      agree(hostileBytes(c), TOPIC_MESSAGES[c.message], c.name);
      n++;
    }
  }
  assert.ok(n >= 10);
});

// --- random documents and mutations of their bytes ----------------------------------------------

function bytesOf(doc: Record<string, unknown>, spec: MessageSpec): Uint8Array {
  return toBinary(spec.schema, toProto(V1, doc, spec));
}

function varint(n: number): number[] {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** One unknown or mistyped field: a tag of any number and wire type, with a payload of that wire type. */
const stray = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 2 ** 29 - 1 })),
  fc.constantFrom(0, 1, 2, 5), fc.uint8Array({ maxLength: 12 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }))
  .map(([no, wt, data, big]) => {
    const tag = varint(no * 8 + wt);
    if (wt === 0) {
      const out = [];
      let v = big;
      while (v > 0x7fn) {
        out.push(Number(v & 0x7fn) | 0x80);
        v >>= 7n;
      }
      return [...tag, ...out, Number(v)];
    }
    if (wt === 1) return [...tag, ...[...data, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8)];
    if (wt === 5) return [...tag, ...[...data, 0, 0, 0, 0].slice(0, 4)];
    return [...tag, ...varint(data.length), ...data];
  });

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip"), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("cut"), at: fc.nat() }),
  fc.record({ kind: fc.constant("insert"), at: fc.nat(), field: stray }),
  fc.record({ kind: fc.constant("twice"), at: fc.nat(), size: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("wiretype"), at: fc.nat(), wt: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("concat"), at: fc.constant(0) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const b = [...bytes];
  const at = b.length === 0 ? 0 : m.kind === "insert" || m.kind === "cut" ? m.at % (b.length + 1) : m.at % b.length;
  switch (m.kind) {
    case "flip":
      if (b.length) b[at] = b[at]! ^ m.bits;
      return Uint8Array.from(b);
    case "cut":
      return Uint8Array.from(b.slice(0, at));
    case "insert":
      return Uint8Array.from([...b.slice(0, at), ...m.field, ...b.slice(at)]);
    case "twice": // a run of bytes repeated: duplicated fields when it falls on field boundaries
      return Uint8Array.from([...b.slice(0, at + m.size), ...b.slice(at, at + m.size), ...b.slice(at + m.size)]);
    case "wiretype":
      if (b.length) b[at] = (b[at]! & ~7) | m.wt;
      return Uint8Array.from(b);
    case "concat": // protobuf's merge: scalars last wins, messages merge, lists append
      return Uint8Array.from([...b, ...b]);
  }
}

for (const name of MESSAGE_NAMES) {
  const spec = TOPIC_MESSAGES[name];

  test(`${name}: random documents read by the generated reader as by the reference path`, () => {
    fc.assert(fc.property(messages(name), (doc) => {
      const [tolerant, strict] = agree(bytesOf(doc as never, spec), spec);
      assert.ok(tolerant && strict, "a document written by toBinary is taken");
    }), RUNS);
  });

  test(`${name}: mutated bytes give the same object or the same error`, () => {
    fc.assert(fc.property(messages(name), fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, ms) => {
      agree(ms.reduce(mutate, bytesOf(doc as never, spec)), spec);
    }), { numRuns: 500 });
  });
}

test("the mutations reach both paths: some inputs taken by the generated reader, some left to the reference", () => {
  assert.ok(taken.yes > 100 && taken.no > 100, JSON.stringify(taken));
});

// --- cases by hand -----------------------------------------------------------------------------

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/ /g, ""), "hex"));
const TICKET = TOPIC_MESSAGES.ticket;

/** A ticket with id "t" and price_nominal (field 14, int64 with presence) the varint `varintHex`. */
function priced(varintHex: string): Uint8Array {
  return hex(`0a0174 70${varintHex}`);
}

test("int64: numbers within ±(2^53−1), bigints beyond, zero kept when it has presence", () => {
  const cases: [bigint, number | bigint][] = [
    [0n, 0], [1n, 1], [2n ** 49n - 1n, 2 ** 49 - 1], [2n ** 49n, 2 ** 49], [2n ** 53n - 1n, 2 ** 53 - 1],
    [2n ** 53n, 2n ** 53n], [2n ** 63n - 1n, 2n ** 63n - 1n], [-1n, -1], [-(2n ** 53n) + 1n, -(2 ** 53) + 1],
    [-(2n ** 53n), -(2n ** 53n)], [-(2n ** 63n), -(2n ** 63n)],
  ];
  for (const [n, expected] of cases) {
    let v = BigInt.asUintN(64, n);
    let h = "";
    do {
      const b = Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0);
      h += b.toString(16).padStart(2, "0");
      v >>= 7n;
    } while (v > 0n);
    const bytes = priced(h);
    const [tolerant] = agree(bytes, TICKET, String(n));
    assert.ok(tolerant);
    assert.equal(decodeProto(V1, bytes, TICKET, false).price_nominal, expected);
  }
  // bits past the 64th are dropped, an 11th byte is malformed
  agree(priced("ffffffffffffffffff7f"), TICKET);
  agree(priced("ffffffffffffffffffff01"), TICKET);
});

test("enums: unknown numbers kept as UnknownEnumNumber, an implicit zero left out, an optional zero kept", () => {
  const cases: [string, Record<string, unknown>][] = [
    ["0a0174 1002", { id: "t", status: "used" }],
    ["0a0174 1000", { id: "t" }],
    ["0a0174 1063", { id: "t", status: new UnknownEnumNumber(99) }],
    ["0a0174 10ffffffff0f", { id: "t", status: new UnknownEnumNumber(-1) }],
    ["0a0174 78 00", { id: "t", currency: new UnknownEnumNumber(0) }],
    ["0a0174 7803 7805", { id: "t", currency: "CNY" }],
  ];
  for (const [h, expected] of cases) {
    const [tolerant, strict] = agree(hex(h), TICKET, h);
    assert.ok(tolerant && strict, h);
    assert.deepEqual(decodeProto(V1, hex(h), TICKET, false), expected, h);
  }
});

test("implicit zeros written on the wire are left out, and a later zero clears an earlier value", () => {
  const venue = MESSAGES.Venue!;
  const cases: [string, MessageSpec, Record<string, unknown>][] = [
    ["0a00 1200", MESSAGES.Organizer!, {}],
    ["0a0161 0a00", MESSAGES.Organizer!, {}],
    ["0a0176 39 0000000000000080", venue, { id: "v", lat: -0 }],
    ["39 000000000000f87f", venue, { lat: NaN }],
  ];
  for (const [h, spec, expected] of cases) {
    assert.ok(agree(hex(h), spec, h)[0], h);
    assert.deepEqual(decodeProto(V1, hex(h), spec, false), expected, h);
  }
});

test("unknown fields: skipped when tolerant, refused with their numbers when strict; groups and merges", () => {
  const organizer = MESSAGES.Organizer!;
  const unknown = hex("0a016f 12016e 980601 a106 0102030405060708 ad06 01020304 aa06 03616263");
  assert.deepEqual(agree(unknown, organizer), [true, false]);
  assert.deepEqual(decodeProto(V1, unknown, organizer, false), { id: "o", name: "n" });
  assert.throws(() => decodeProto(V1, unknown, organizer, true), (exc: unknown) => {
    assert.ok(exc instanceof ContractError);
    assert.deepEqual(exc.errors.map((e) => [e.path, e.rule, e.message]), [["", "unknown_field", "unknown field numbers [99, 100, 101]"]]);
    return true;
  });
  // a group (left to the reference reader), a group nested past upb's depth limit, a message field twice
  assert.deepEqual(agree(hex("0a016f 12016e 9b06 0801 9c06"), organizer), [false, false]);
  agree(new Uint8Array([...hex("0a016f"), ...Array(120).fill(0x9b).flatMap((b) => [b, 6]), ...Array(120).fill(0).flatMap(() => [0x9c, 6])]), organizer);
  const legals = hex("0a016f 12016e 1a030a0141 1a021003 1a00");
  assert.deepEqual(agree(legals, organizer), [false, false]);
  assert.deepEqual(decodeProto(V1, legals, organizer, false), { id: "o", name: "n", legals: { name: "A", type: "en_ltd" } });
});

test("invalid UTF-8, a field past its message, truncation: the reference's message", () => {
  const organizer = MESSAGES.Organizer!;
  for (const h of ["0a02c328", "0a03efbbbf", "1a040a0561", "1a020a0561626364", "0a05616263", "0a016f12", "0a8080808001"]) {
    agree(hex(h), organizer, h);
  }
  assert.deepEqual(decodeProto(V1, hex("0a03efbbbf"), organizer, false), { id: "\ufeff" });
  assert.throws(() => decodeProto(V1, hex("0a02c328"), organizer, false),
    (e: ContractError) => e.rule === "syntax" && e.errors[0]?.message === "not a valid Protobuf message");
});
