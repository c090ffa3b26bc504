// The shared corpus of hostile input (examples/vectors/hostile, see the README there):
// every case gives exactly the violations (path, rule) it states, in the modes it names,
// and decodes in the others; nothing but a ContractError escapes. Python runs the same
// files (tests/vectors/test_hostile.py): both languages give the same verdicts.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { ContractError, decode, encode, type MessageName } from "../src/index.js";
import { decodeRecord } from "../src/kafka.js";
import { DEFAULT_LIMITS, makeLimits, setDefaultLimits, type Limits } from "../src/limits.js";
import type { HeaderValue } from "../src/redact.js";

const FOLDER = new URL("../../../examples/vectors/hostile/", import.meta.url);
const MODES = { tolerant: false, strict: true } as const;

type Piece = string | { repeat: string; times: number } | { hex: string } | { repeat_hex: string; times: number };

interface Expected {
  readonly path: string;
  readonly rule: string;
  readonly message?: string;
}

interface Case {
  readonly name: string;
  readonly message: MessageName;
  readonly format: "json" | "protobuf" | "record";
  readonly text?: string;
  readonly hex?: string;
  readonly pieces?: Piece[];
  readonly as_string?: boolean;
  readonly limits?: { max_bytes?: number; max_depth?: number; max_header_bytes?: number };
  readonly record?: { headers: [string, string | null | { hex: string }][]; tombstone?: boolean };
  readonly modes?: (keyof typeof MODES)[];
  readonly errors?: Expected[];
  readonly strict_errors?: Expected[];
}

const utf8 = new TextEncoder();

/** The input of a case: bytes, or a string when `as_string` (as Python builds it). */
export function hostileInput(c: Case): Uint8Array | string {
  const pieces: Piece[] = c.text !== undefined ? [c.text] : c.hex !== undefined ? [{ hex: c.hex }] : (c.pieces ?? []);
  if (c.as_string) {
    return pieces.map((p) => {
      if (typeof p === "string") return p;
      if ("repeat" in p) return p.repeat.repeat(p.times);
      throw new Error(`${c.name}: a string input has text pieces only`);
    }).join("");
  }
  const parts = pieces.map((p): Uint8Array => {
    if (typeof p === "string") return utf8.encode(p);
    if ("repeat" in p) return utf8.encode(p.repeat.repeat(p.times));
    if ("repeat_hex" in p) return new Uint8Array(Buffer.from(p.repeat_hex.repeat(p.times), "hex"));
    return new Uint8Array(Buffer.from(p.hex, "hex"));
  });
  return new Uint8Array(Buffer.concat(parts));
}

function limitsOf(c: Case): Limits {
  return makeLimits({
    maxBytes: c.limits?.max_bytes, maxDepth: c.limits?.max_depth, maxHeaderBytes: c.limits?.max_header_bytes,
  });
}

function headerValue(v: string | null | { hex: string }): HeaderValue {
  if (v === null) return null;
  return typeof v === "string" ? utf8.encode(v) : new Uint8Array(Buffer.from(v.hex, "hex"));
}

function run(c: Case, strict: boolean): unknown {
  const limits = limitsOf(c);
  const data = hostileInput(c);
  if (c.format === "record") {
    const record = c.record as NonNullable<Case["record"]>;
    const headers = record.headers.map(([name, v]) => [name, headerValue(v)] as const);
    const value = record.tombstone ? null : data;
    return decodeRecord(value, headers, { message: c.message, strict, limits });
  }
  return decode(c.message, data, { format: c.format, strict, limits });
}

/** undefined when the case decodes, else its violations; any other exception fails the test. */
function outcome(c: Case, strict: boolean): Expected[] | undefined {
  let value: unknown;
  try {
    value = run(c, strict);
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw new Error(`${c.name}: not a ContractError: ${String(exc)}`);
    assert.deepEqual([exc.path, exc.rule], [exc.errors[0]?.path, exc.errors[0]?.rule]);
    return exc.errors.map(({ path, rule, message }) => ({ path, rule, message }));
  }
  // a success is a valid message: it encodes strictly and reads back the same
  const again = decode(c.message, encode(c.message, value as never), { strict: true });
  assert.deepEqual(again, value);
  return undefined;
}

const files = readdirSync(FOLDER).filter((f) => f.endsWith(".json")).sort();

test("the hostile corpus has its four files", () => {
  assert.deepEqual(files, ["json.json", "limits.json", "protobuf.json", "record.json"]);
});

for (const file of files) {
  const { cases } = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as { cases: Case[] };
  for (const c of cases) {
    test(`hostile/${file.replace(".json", "")}/${c.name}`, () => {
      for (const [mode, strict] of Object.entries(MODES)) {
        const got = outcome(c, strict);
        if (c.modes?.includes(mode as keyof typeof MODES)) {
          const expected = strict && c.strict_errors !== undefined ? c.strict_errors : c.errors;
          // the corpus states a message where both languages must word it the same (syntax)
          assert.equal(got?.length, expected?.length, `${mode}: ${JSON.stringify(got)}`);
          assert.deepEqual(got?.map((g, i) => ("message" in expected![i]! ? g : { path: g.path, rule: g.rule })), expected, mode);
        } else {
          assert.equal(got, undefined, `${mode} refused what it must accept: ${JSON.stringify(got)}`);
        }
      }
    });
  }
}

test("the default limits are Python's, and setDefaultLimits changes what a decode without limits uses", () => {
  assert.deepEqual(DEFAULT_LIMITS, { maxBytes: 1048576, maxDepth: 64, maxHeaderBytes: 1024 });
  const text = '{"id":"o","name":"n"}';
  const previous = setDefaultLimits({ maxBytes: 10 });
  try {
    assert.throws(() => decode("organizer", text), (e: ContractError) => e.rule === "limit" && e.path === "");
    assert.deepEqual(decode("organizer", text, { limits: {} }), { id: "o", name: "n" }); // explicit: over DEFAULT_LIMITS
  } finally {
    setDefaultLimits(previous);
  }
  assert.deepEqual(decode("organizer", text), { id: "o", name: "n" });
  for (const bad of [{ maxBytes: 0 }, { maxDepth: 513 }, { maxDepth: 1.5 }, { maxBytes: Number.NaN }]) {
    assert.throws(() => makeLimits(bad), RangeError);
  }
});

test("patterns only see bounded input: length rules first, no run beyond a pattern's longest match", async () => {
  const { MESSAGES } = await import("../src/gen/v1/tables.js");
  const patternOf = new Map<string, string>();
  for (const spec of Object.values(MESSAGES)) {
    for (const f of spec.fields) if (f.pattern) patternOf.set(f.name, new RegExp(f.pattern, "u").source);
  }
  const adversarial: Record<string, string> = {
    "email-100k-then-at": "max_length", "email-a-at-50000": "max_length", "email-quadratic-shape": "max_length",
    "email-at-limit-backtracking": "pattern", "phone-100k": "pattern", "inn-100k": "pattern", "ogrn-100k": "pattern",
    "media-100k": "max_length",
  };
  const all = files.flatMap((f) => (JSON.parse(readFileSync(new URL(f, FOLDER), "utf8")) as { cases: Case[] }).cases);
  const seen: [string, number][] = [];
  const original = RegExp.prototype.test;
  RegExp.prototype.test = function (this: RegExp, s: string): boolean {
    seen.push([this.source, s.length]);
    return original.call(this, s);
  };
  try {
    for (const [name, rule] of Object.entries(adversarial)) {
      const c = all.find((x) => x.name === name) as Case;
      const path = (c.errors as Expected[])[0]?.path as string;
      const field = path.split(".").pop() as string;
      for (const strict of [false, true]) {
        seen.length = 0;
        assert.deepEqual(outcome(c, strict)?.map((g) => [g.path, g.rule]), [[path, rule]]);
        const runs = seen.filter(([source]) => source === patternOf.get(field)).map(([, n]) => n);
        if (rule === "max_length" || name.endsWith("100k")) assert.deepEqual(runs, [], name);
        else assert.ok(runs.length > 0 && Math.max(...runs) <= 254, name);
      }
    }
  } finally {
    RegExp.prototype.test = original;
  }
});
