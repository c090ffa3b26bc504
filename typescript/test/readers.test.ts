// The readers of canonical JSON text (gen/v1/readers.ts), which decode tries before JSON.parse:
// on what they take they must give exactly JSON.parse's value, for a text with no repeated key;
// everything else they must leave to the general path (undefined). Held to JSON.parse on the
// writers' output of the shared vectors and of random messages, on fast-check mutations of
// those, on random number literals (to the bit) and on the edges of strings and shape; and
// decode is shown to take them.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import fc from "fast-check";

import { decode, encode, type MessageName } from "../src/index.js";
import { duplicateKeys } from "../src/json.js";
import { READERS } from "../src/gen/v1/readers.js";
import { MESSAGE_NAMES } from "../src/gen/v1/types.js";
import { messages } from "./arbitraries.js";

const utf8 = new TextDecoder();

/** JSON.parse's value, or undefined when it refuses the text. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A reader never disagrees with JSON.parse, and never takes a text with a repeated key. */
function agrees(name: MessageName, text: string): boolean {
  const got = READERS[name](text);
  if (got === undefined) return false;
  assert.deepStrictEqual(got, parsed(text), text);
  assert.deepEqual(duplicateKeys(text), [], text);
  return true;
}

/** A canonical text of a random valid message. */
const canonical = (name: MessageName): fc.Arbitrary<string> => messages(name).map((doc) => utf8.decode(encode(name, doc)));

/** The canonical texts of the shared valid vectors (as decoded), by message: plain strings, as producers write them. */
const FOLDER = new URL("../../../examples/vectors/", import.meta.url);
const VECTORS = new Map<MessageName, string[]>();
for (const file of readdirSync(FOLDER).filter((f) => f.endsWith(".json"))) {
  const doc = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as { message: MessageName; valid: { json?: unknown }[] };
  const texts = doc.valid.flatMap((v) => {
    if (v.json === undefined) return [];
    const value = decode(doc.message, JSON.stringify(v.json)); // the tolerant reading, written strictly
    return [utf8.decode(encode(doc.message, value))];
  });
  VECTORS.set(doc.message, texts);
}

// the characters JSON's grammar turns on, and some it refuses
const CHARS = ['"', "\\", "{", "}", "[", "]", ",", ":", " ", "0", "1", "-", "+", ".", "e", "E", "n", "t", "\u0000", "\u001f", "\ud800", "\udc00", "é"];

/** `text` changed once: a character removed, inserted or replaced, a slice repeated, or two slices swapped. */
const mutated = (text: string): fc.Arbitrary<string> => {
  const at = fc.nat({ max: text.length });
  const char = fc.constantFrom(...CHARS);
  return fc.oneof(
    at.map((i) => text.slice(0, i) + text.slice(i + 1)),
    fc.tuple(at, char).map(([i, c]) => text.slice(0, i) + c + text.slice(i)),
    fc.tuple(at, char).map(([i, c]) => text.slice(0, i) + c + text.slice(i + 1)),
    fc.tuple(at, at).map(([i, j]) => {
      const [a, b] = i < j ? [i, j] : [j, i];
      return text.slice(0, b) + text.slice(a, b) + text.slice(b);
    }),
    fc.tuple(at, at, at).map((ks) => {
      const [a, b, c] = ks.sort((x, y) => x - y);
      return text.slice(0, a) + text.slice(b, c) + text.slice(a, b) + text.slice(c);
    }),
  );
};

for (const name of MESSAGE_NAMES) {
  test(`${name}: the writers' text is read, as JSON.parse reads it, unless it holds an escape`, () => {
    const escaped = (text: string): boolean => text.includes("\\"); // the writers escape control characters
    for (const text of VECTORS.get(name)!) assert.ok(agrees(name, text) || escaped(text), text);
    fc.assert(fc.property(canonical(name), (text) => agrees(name, text) || escaped(text)), { numRuns: 200 });
  });

  test(`${name}: a text changed anywhere is read as JSON.parse reads it, or left to it`, () => {
    let read = 0;
    let left = 0;
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...VECTORS.get(name)!), canonical(name)).chain(mutated), (text) => {
        if (agrees(name, text)) read++;
        else left++;
      }),
      { numRuns: 2000 },
    );
    // both ways are taken: the changes reach the readers' refusals and their acceptances
    assert.ok(read > 0 && left > 0, `${read} read, ${left} left`);
  });
}

/** An Order whose first ticket's price is written `literal`, and a Venue whose latitude is. */
const order = (literal: string): string =>
  `{"id":"O","number":"1","customer":{"email":"a@b.ru","phone":"+79161234567"},` +
  `"tickets":[{"id":"T","event_id":"E","barcode":"4","category":"A","price_nominal":${literal},"currency":"RUB"}]}`;

const NUMBERS = [
  "0", "-0", "1", "-1", "01", "-01", "00", "-", "1.", "1.5", ".5", "-.5", "1e5", "1E+5", "1e-5", "1e", "1e+", "1E-",
  "0e0", "0.0", "-0.0", "1.0e2", "1ee1", "--1", "+1", "0x1", "Infinity", "NaN", "1_0", "1 ", " 1",
  "123456789012345", "1234567890123456", "-123456789012345", "-1234567890123456", "999999999999999",
  "9007199254740993", "-9007199254740993", "12345678901234567890", "1e400", "-1e400", "4.9e-324", "2.5e-3",
  "0.1", "0.30000000000000004", "100000000000000000000000",
];

test("numbers: the JSON grammar exactly, each converted as JSON.parse converts it", () => {
  let read = 0;
  for (const literal of NUMBERS) {
    const text = order(literal);
    if (agrees("order", text)) {
      read++;
      const price = (READERS.order(text) as { tickets: { price_nominal: number }[] }).tickets[0]!.price_nominal;
      assert.ok(Object.is(price, JSON.parse(literal)), literal); // -0 stays -0
    } else {
      assert.ok(parsed(text) === undefined || !/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(literal), literal);
    }
  }
  assert.ok(read >= 25, String(read));
});

test("numbers: any literal of the grammar is read as JSON.parse reads it, to the bit", () => {
  const digits = (min: number, max: number): fc.Arbitrary<string> =>
    fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
  const literal = fc
    .tuple(
      fc.constantFrom("", "-"),
      fc.oneof(fc.constant("0"), fc.tuple(fc.constantFrom(..."123456789"), digits(0, 20)).map(([a, b]) => a + b)),
      fc.option(digits(1, 20), { nil: undefined }),
      fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), digits(1, 3)), { nil: undefined }),
    )
    .map(([sign, whole, fraction, exp]) => sign + whole + (fraction === undefined ? "" : `.${fraction}`) + (exp?.join("") ?? ""));
  fc.assert(
    fc.property(literal, (n) => {
      const got = READERS.order(order(n)) as { tickets: { price_nominal: number }[] } | undefined;
      assert.ok(got !== undefined, n);
      assert.ok(Object.is(got.tickets[0]!.price_nominal, JSON.parse(n)), n);
    }),
    { numRuns: 20000 },
  );
});

test("strings: no escape, control character or lone surrogate is read; the rest of Unicode is", () => {
  const organizer = (name: string): string => `{"id":"o","name":"${name}"}`;
  const lone = ["\ud800", "\udc00", "a\ud83db", "\ude00\ud83d", "\udbff", "x\ud83d"];
  for (const left of ["a\\\"b", "a\\nb", "\\u0041", "a\u0000b", "a\u001fb", "a\tb", ...lone]) {
    assert.equal(READERS.organizer(organizer(left)), undefined, JSON.stringify(left));
  }
  for (const taken of ["", " ", "\u007f", "Москва", "\u2028\u2029", "ü", "\uffff", "€", "'", "a\ud83d\ude00b", "\udbff\udfff"]) {
    assert.ok(agrees("organizer", organizer(taken)), JSON.stringify(taken));
  }
});

test("shape: declaration order only, each key once, no whitespace, null or unknown key, the text whole", () => {
  const taken = ['{"id":"o","name":"n"}', '{"name":"n"}', "{}", '{"id":"o","name":"n","legals":{}}'];
  for (const text of taken) assert.ok(agrees("organizer", text), text);
  const left = [
    '{"name":"n","id":"o"}', '{"id":"o","id":"p"}', '{"id":"o","name":"n","name":"m"}', '{ "id":"o"}', '{"id" :"o"}',
    '{"id":"o",}', '{,"id":"o"}', '{"id":"o","legals":null}', '{"id":"o","zz":1}', '{"id":"o"} ', ' {"id":"o"}',
    '{"id":"o"}{', '{"id":"o"', '{"id":"o","name":"n","legals":{"name":"x","name":"y"}}', '{"i\\u0064":"o"}', "[]", "",
    '{"id":1}', '{"id":"o","name":"n"}\n', "\ufeff{}",
  ];
  for (const text of left) assert.equal(READERS.organizer(text), undefined, text);
  // lists: empty, one, several; a trailing or leading comma is left
  for (const ids of ['[]', '["a"]', '["a","b","c"]']) assert.ok(agrees("refund", `{"ticket_ids":${ids}}`), ids);
  for (const ids of ['["a",]', '[,"a"]', '["a" ,"b"]', '["a""b"]', '[']) {
    assert.equal(READERS.refund(`{"ticket_ids":${ids}}`), undefined, ids);
  }
});

test("decode reads a canonical text with the reader, from a string and from bytes, and parses any other", () => {
  const text = VECTORS.get("order")![0]!;
  const spaced = JSON.stringify(JSON.parse(text), null, 1);
  const parse = JSON.parse;
  let parsed = 0;
  JSON.parse = ((...args: Parameters<typeof JSON.parse>) => {
    parsed++;
    return parse(...args);
  }) as typeof JSON.parse;
  try {
    for (const data of [text, new TextEncoder().encode(text)]) {
      parsed = 0;
      assert.deepEqual(decode("order", data), decode("order", spaced));
      assert.equal(parsed, 1, "only the spaced text is parsed");
    }
  } finally {
    JSON.parse = parse;
  }
});
