// JSON decode decided by the validator's quote count (src/codec.ts, src/json.ts `settleJson`):
// a text with no more quotes than the fields the validator accepted is taken without the walk
// and scans; every other text gets them, in the same order, with the same verdict. Checked
// against that full sequence (`parseJson`, then `validate`) on texts built to be near misses.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { ContractError, decode, makeLimits, type Limits, type MessageName } from "../src/index.js";
import { parseJson } from "../src/json.js";
import { validate } from "../src/validate.js";
import { MAJOR as V1 } from "../src/gen/v1/major.js";

const FOLDER = new URL("../../../examples/vectors/", import.meta.url);
const utf8 = new TextEncoder();

/** What a decode gives: the value, or the violations as `path rule message`, or another error. */
function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (exc) {
    if (exc instanceof ContractError) return { errors: exc.errors.map((v) => `${v.path} ${v.rule} ${v.message}`) };
    return { thrown: String(exc) };
  }
}

/** The full sequence: every check of the text, then the validator. */
function full(name: MessageName, data: string | Uint8Array, strict: boolean, limits: Limits): unknown {
  return outcome(() => {
    const { value, source } = parseJson(data, limits);
    const result = validate(V1, name, value, { strict, source });
    if (result.errors.length) throw new ContractError(result.errors);
    return result.value;
  });
}

/** `decode` gives what the full sequence gives, for the text as a string and as bytes, both modes. */
function same(name: MessageName, text: string, limits: Partial<Limits> = {}): unknown {
  const made = makeLimits(limits);
  let first: unknown;
  for (const data of [text, utf8.encode(text)]) {
    for (const strict of [false, true]) {
      const got = outcome(() => decode(name, data, { strict, limits }));
      assert.deepEqual(got, full(name, data, strict, made), `${name} ${strict ? "strict" : "tolerant"}: ${text}`);
      first ??= got;
    }
  }
  return first; // tolerant, from the string
}

function errors(name: MessageName, text: string, limits: Partial<Limits> = {}): string[] {
  return (same(name, text, limits) as { errors: string[] }).errors;
}

function value(name: MessageName, text: string): Record<string, unknown> {
  return (same(name, text) as { value: Record<string, unknown> }).value;
}

const CUSTOMER = '{"email":"a@example.ru","phone":"+79161234567"}';
const TICKET = '{"id":"T-1","event_id":"EV-1","barcode":"4600","category":"A","price_nominal":100,"currency":"RUB"}';
const ORDER = `{"id":"O-1","number":"1-1","customer":${CUSTOMER},"tickets":[${TICKET}]}`;

test("a repeated key is reported alone, whatever rule its values break", () => {
  // the value kept breaks a rule: still only the repeat
  assert.deepEqual(errors("organizer", '{"id":"o","name":"n","name":""}'), ["name duplicate_key repeated key: each key may appear once in an object"]);
  assert.deepEqual(errors("organizer", '{"id":"o","name":"n","name":1}'), ["name duplicate_key repeated key: each key may appear once in an object"]);
  // a repeated number pays 2 quotes, as a null or an unknown key would
  const priced = ORDER.replace('"price_nominal":100', '"price_nominal":1,"price_nominal":100');
  assert.deepEqual(errors("order", priced), ["tickets[0].price_nominal duplicate_key repeated key: each key may appear once in an object"]);
  const twice = ORDER.replace('"price_nominal":100', '"price_nominal":-1,"price_nominal":-1');
  assert.deepEqual(errors("order", twice), ["tickets[0].price_nominal duplicate_key repeated key: each key may appear once in an object"]);
  // a repeated string item list and message
  const refund = `{"customer":${CUSTOMER},"ticket_ids":["T-1"],"ticket_ids":["T-1","T-1"]}`;
  assert.deepEqual(errors("refund", refund), ["ticket_ids duplicate_key repeated key: each key may appear once in an object"]);
  const customer = `{"customer":${CUSTOMER},"customer":{"email":"x","phone":"y"},"ticket_ids":["T-1"]}`;
  assert.deepEqual(errors("refund", customer), ["customer duplicate_key repeated key: each key may appear once in an object"]);
});

test("nulls, unknown keys and escaped quotes are taken as before", () => {
  const nulls = value("refund", `{"id":null,"customer":{"email":"a@example.ru","phone":"+79161234567","first_name":null},"ticket_ids":["T-1"]}`);
  assert.deepEqual(nulls, { customer: { email: "a@example.ru", phone: "+79161234567" }, ticket_ids: ["T-1"] });
  const unknown = value("organizer", '{"id":"o","name":"n","extra":["a","b",{"c":"d"}],"more":1}');
  assert.deepEqual(unknown, { id: "o", name: "n" });
  const escaped = value("organizer", '{"id":"o\\"","name":"\\"n\\""}');
  assert.deepEqual(escaped, { id: 'o"', name: '"n"' });
  // an unknown key holding the strings a repeat would need
  assert.deepEqual(errors("organizer", '{"id":"o","name":"n","x":"y","id":"p"}'), ["id duplicate_key repeated key: each key may appear once in an object"]);
  // an unknown key beside a rule broken: the rule (strict: both)
  assert.deepEqual(errors("organizer", '{"id":"","name":"n","x":"y"}'), ["id min_length needs at least 1 character, has 0"]);
});

test("the depth limit holds below the message's own depth, and for what the validator never reads", () => {
  const legals = '{"id":"o","name":"n","legals":{}}';
  assert.deepEqual(errors("organizer", legals, { maxDepth: 1 }), [" limit JSON nested deeper than the limit of 1 levels"]);
  assert.deepEqual(value("organizer", '{"id":"o","name":"n"}'), { id: "o", name: "n" });
  assert.deepEqual(same("organizer", '{"id":"o","name":"n"}', { maxDepth: 1 }), { value: { id: "o", name: "n" } });
  assert.deepEqual(errors("order", ORDER, { maxDepth: 2 }), [" limit JSON nested deeper than the limit of 2 levels"]);
  assert.deepEqual(Object.keys(value("order", ORDER)), ["id", "number", "customer", "tickets"]);
  // a field of the wrong type holding a bomb: the limit, not the type
  const bomb = `{"id":${"[".repeat(70)}${"]".repeat(70)},"name":"n"}`;
  assert.deepEqual(errors("organizer", bomb), [" limit JSON nested deeper than the limit of 64 levels"]);
});

test("a text too deep is refused before an error message needs its scan", () => {
  // the type error of `id` (an integer) reads the text's facts: the scan must not recurse into the bomb
  const n = 200000;
  const bomb = `{"id":1,"name":"n","z":${"[".repeat(n)}${"]".repeat(n)}}`;
  const limits = { maxBytes: 1 << 20 };
  for (const strict of [false, true]) {
    for (const data of [bomb, utf8.encode(bomb)]) {
      assert.throws(() => decode("organizer", data, { strict, limits }), (e: ContractError) => e.rule === "limit" && e.errors.length === 1);
    }
  }
  // and -0, whose sign the text decides
  const event = (offset: string, tail = ""): string =>
    `{"id":"E","name":"n","status":"active","category":"kids","start_at":1700000000000,"finish_at":1700000000001,` +
    `"organizer":{"id":"o","name":"n"},"offset":${offset}${tail}}`;
  const offset = (literal: string): unknown => (decode("event", event(literal)) as { offset?: number }).offset;
  assert.ok(Object.is(offset("-0"), 0));
  assert.ok(Object.is(offset("-0.0"), -0));
  assert.ok(Object.is((value("event", event("-0")) as { offset?: number }).offset, 0));
  const deep = event("-0", `,"z":${"[".repeat(n)}${"]".repeat(n)}`);
  assert.throws(() => decode("event", deep, { limits }), (e: ContractError) => e.rule === "limit");
});

// Texts near every shared vector: each key in turn repeated, given another value, or joined by an
// unknown key, with values of each kind; canonical and spaced out.
const ALTERNATIVES = ["null", '""', '"x"', "1", "-0", '"q\\"q"', "[]", '["a","b"]', "{}", '{"a":"b"}', "true"];

function write(v: unknown, at: number, how: "repeat" | "replace" | "unknown" | "none", alt: string, counter: { n: number }): string {
  if (Array.isArray(v)) return `[${v.map((item) => write(item, at, how, alt, counter)).join(",")}]`;
  if (typeof v !== "object" || v === null) return JSON.stringify(v);
  const parts: string[] = [];
  for (const [key, item] of Object.entries(v)) {
    const here = counter.n++ === at;
    const k = JSON.stringify(key);
    if (here && how === "repeat") parts.push(`${k}:${alt}`);
    if (here && how === "unknown") parts.push(`"zz":${alt}`);
    parts.push(`${k}:${here && how === "replace" ? alt : write(item, at, how, alt, counter)}`);
  }
  return `{${parts.join(",")}}`;
}

test("near every shared vector the decode gives what the full sequence gives", () => {
  let texts = 0;
  for (const file of readdirSync(FOLDER).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as {
      message: MessageName;
      valid: { json?: unknown }[];
      invalid: { json?: unknown }[];
    };
    for (const vector of [...doc.valid, ...doc.invalid]) {
      if (vector.json === undefined) continue;
      const keys = { n: 0 };
      const plain = write(vector.json, -1, "none", "", keys);
      same(doc.message, plain);
      if (plain.length > 3000) continue; // the large ones: whole, not key by key
      same(doc.message, JSON.stringify(vector.json, null, 2));
      for (const maxDepth of [1, 2, 3]) same(doc.message, plain, { maxDepth });
      for (let at = 0; at < keys.n; at++) {
        for (const how of ["repeat", "replace", "unknown"] as const) {
          for (const alt of ALTERNATIVES) {
            same(doc.message, write(vector.json, at, how, alt, { n: 0 }));
            texts++;
          }
        }
      }
    }
  }
  assert.ok(texts > 1000, String(texts));
});
