// Random byte mutations of valid JSON and Protobuf encodings (fast-check; Issue 7): whatever
// the bytes, a decode gives a ContractError or a message, and a message is valid: it encodes
// strictly and reads back equal in both forms. A key repeated anywhere in a valid document is
// refused at its path. Python runs the same properties (tests/vibe_contracts/test_hostile_mutations.py).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import fc from "fast-check";

import { childPath } from "../src/check.js";
import { ContractError, decode, encode, type MessageName } from "../src/index.js";
import { decodeRecord } from "../src/kafka.js";

const RUNS = { numRuns: 400 };
const VECTORS = new URL("../../../examples/vectors/", import.meta.url);
const utf8 = new TextEncoder();

const DOCS: [MessageName, Record<string, unknown>][] = readdirSync(VECTORS)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => {
    const v = JSON.parse(readFileSync(new URL(f, VECTORS), "utf8")) as {
      message: MessageName;
      valid: { json?: Record<string, unknown> }[];
    };
    return v.valid.filter((c) => c.json !== undefined).map((c) => [v.message, c.json] as [MessageName, Record<string, unknown>]);
  });

const JSON_SEEDS: [MessageName, Uint8Array][] = DOCS.flatMap(([m, d]) => [
  [m, utf8.encode(JSON.stringify(d, null, 1))],
  [m, encode(m, decode(m, JSON.stringify(d)))],
]);
const PROTO_SEEDS: [MessageName, Uint8Array][] = DOCS.map(([m, d]) => [m, encode(m, decode(m, JSON.stringify(d)), { format: "protobuf" })]);
// bytes that matter to the parsers: JSON structure, escapes, UTF-8 lead and continuation bytes, varint tags
const INTERESTING = [...utf8.encode('"{}[]:,\\0-1e.nt'), 0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xed, 0xef, 0xf8, 0xff, 0x08, 0x0a, 0x0b, 0x0c, 0x12, 0x2b, 0x2c];

type Op = { op: number; at: number; bit: number; byte: number; bytes: Uint8Array; n: number };

const ops = fc.array(
  fc.record({
    op: fc.integer({ min: 0, max: 6 }),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
    byte: fc.constantFrom(...INTERESTING),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    n: fc.integer({ min: 1, max: 200 }),
  }),
  { minLength: 1, maxLength: 4 },
);

function mutate(data: Uint8Array, edits: Op[]): Uint8Array {
  let buf = [...data];
  for (const e of edits) {
    const at = e.at % (buf.length + 1);
    switch (e.op) {
      case 0:
        if (at < buf.length) buf[at] = (buf[at] as number) ^ (1 << e.bit);
        break;
      case 1:
        if (at < buf.length) buf[at] = e.byte;
        break;
      case 2:
        buf.splice(at, 0, ...e.bytes);
        break;
      case 3:
        buf.splice(at, Math.min(e.n, 16));
        break;
      case 4:
        buf = buf.slice(0, at);
        break;
      case 5:
        buf.splice(at, 0, ...buf.slice(e.n % (buf.length + 1), (e.n % (buf.length + 1)) + 64));
        break;
      default:
        buf.splice(at, 0, ...new Array<number>(e.n).fill(e.byte));
    }
  }
  return new Uint8Array(buf);
}

/** The message, or undefined after a ContractError; any other exception fails the property. */
function outcome(name: MessageName, data: Uint8Array | string, format: "json" | "protobuf", strict: boolean): unknown {
  let value: unknown;
  try {
    value = decode(name, data, { format, strict });
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw exc;
    assert.ok(exc.errors.length > 0 && exc.errors.every((v) => typeof v.path === "string" && v.rule));
    return undefined;
  }
  assert.deepEqual(decode(name, encode(name, value as never), { strict: true }), value);
  assert.deepEqual(decode(name, encode(name, value as never, { format: "protobuf" }), { format: "protobuf", strict: true }), value);
  return value;
}

test("mutated JSON gives a ContractError or a valid message", () => {
  fc.assert(
    fc.property(fc.constantFrom(...JSON_SEEDS), ops, fc.boolean(), ([name, data], edits, strict) => {
      const bytes = mutate(data, edits);
      const value = outcome(name, bytes, "json", strict);
      // the same text as a string gets the same verdict, when it is text at all
      const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
      if (utf8.encode(text).length === bytes.length && Buffer.from(utf8.encode(text)).equals(Buffer.from(bytes))) {
        assert.deepEqual(outcome(name, text, "json", strict), value);
      }
    }),
    RUNS,
  );
});

test("mutated Protobuf gives a ContractError or a valid message", () => {
  fc.assert(
    fc.property(fc.constantFrom(...PROTO_SEEDS), ops, fc.boolean(), ([name, data], edits, strict) => {
      outcome(name, mutate(data, edits), "protobuf", strict);
    }),
    RUNS,
  );
});

test("mutated records give a ContractError or a message", () => {
  const types = ["application/json", "application/x-protobuf", "text/plain", "application/json; charset=utf-8"];
  fc.assert(
    fc.property(fc.constantFrom(...JSON_SEEDS, ...PROTO_SEEDS), ops, fc.constantFrom(...types), ([name, data], edits, type) => {
      const headers: [string, Uint8Array][] = [
        ["content-type", utf8.encode(type)], ["schema-version", utf8.encode("1.0")], ["application-id", utf8.encode("ticketland")],
      ];
      try {
        decodeRecord(mutate(data, edits), headers, { message: name });
      } catch (exc) {
        if (!(exc instanceof ContractError)) throw exc;
      }
    }),
    RUNS,
  );
});

/** JSON text of a value with one object's member repeated; the repeat's path. */
function withRepeat(doc: unknown, pick: number, again: unknown): [string, string] | undefined {
  const objects: [Record<string, unknown>, string][] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (typeof v === "object" && v !== null) {
      if (Object.keys(v).length) objects.push([v as Record<string, unknown>, path]);
      for (const [k, x] of Object.entries(v)) walk(x, childPath(path, k));
    }
  };
  walk(doc, "");
  const [target, path] = objects[pick % objects.length] as [Record<string, unknown>, string];
  const keys = Object.keys(target);
  const key = keys[pick % keys.length] as string;
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
    if (typeof v !== "object" || v === null) return JSON.stringify(v);
    const members = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`);
    if (v === target) members.push(`${JSON.stringify(key)}:${write(again === undefined ? target[key] : again)}`);
    return `{${members.join(",")}}`;
  };
  return [write(doc), childPath(path, key)];
}

test("a key repeated anywhere is refused at its path", () => {
  fc.assert(
    fc.property(fc.constantFrom(...DOCS), fc.nat(), fc.constantFrom(undefined, null, 0, "x", [], {}), fc.boolean(),
      ([name, doc], pick, again, strict) => {
        const [text, path] = withRepeat(doc, pick, again) as [string, string];
        for (const data of [text, utf8.encode(text)]) {
          assert.throws(() => decode(name, data, { strict }), (e: ContractError) => {
            assert.deepEqual(e.errors.map((v) => [v.path, v.rule]), [[path, "duplicate_key"]]);
            return true;
          });
        }
      }),
    RUNS,
  );
});
