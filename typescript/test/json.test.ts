// JSON text in (src/json.ts, src/limits.ts): the quote-count proof that a text repeats no key,
// and the depth limit decided on the parsed value, give the verdicts of the full scans they
// stand in for: a repeated key anywhere is found at its path, a depth bomb is a `limit`.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ContractError, decode, encode, type Order } from "../src/index.js";
import { duplicateKeys, quoteCount } from "../src/json.js";
import { jsonDepthExceeds } from "../src/limits.js";

const utf8 = new TextEncoder();

function ticket(i: number): Record<string, unknown> {
  return {
    id: `T-${i}`, event_id: "EV-1", barcode: `46000${i}`, seat: String(i), category: "Партер",
    description: "Вход с 18:00", price_nominal: 350000, currency: "RUB",
  };
}

function orderText(tickets: number): string {
  const order = { id: "ORD-1", number: "1-1", customer: { email: "a@example.ru", phone: "+79161234567" }, tickets: [...Array(tickets).keys()].map(ticket) };
  return new TextDecoder().decode(encode("order", order as unknown as Order));
}

/** The violations of decoding `data` as an order, as [path, rule] pairs; [] when it decodes. */
function verdict(data: string | Uint8Array, strict = false, limits = {}): [string, string][] {
  try {
    decode("order", data, { strict, limits });
    return [];
  } catch (exc) {
    assert.ok(exc instanceof ContractError, String(exc));
    return exc.errors.map((v) => [v.path, v.rule]);
  }
}

/** Every way a text reaches the decoder: a string, bytes, and bytes at an odd offset of a larger buffer. */
function inputs(text: string): (string | Uint8Array)[] {
  const bytes = utf8.encode(text);
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 1);
  return [text, bytes, shifted.subarray(1, 1 + bytes.length)];
}

test("a repeated key deep inside a 1000-ticket order is found at its path", () => {
  const text = orderText(1000);
  assert.deepEqual(verdict(text), []);
  const last = text.lastIndexOf('"seat":');
  const repeated = `${text.slice(0, last)}"seat":"x",${text.slice(last)}`;
  for (const data of inputs(repeated)) {
    for (const strict of [false, true]) assert.deepEqual(verdict(data, strict), [["tickets[999].seat", "duplicate_key"]]);
  }
  // an unknown key repeated inside an unknown value, at the end of the text
  const hidden = `${text.slice(0, -1)},"extra":{"a":[1,{"b":1,"b":2}]}}`;
  for (const data of inputs(hidden)) assert.deepEqual(verdict(data), [["extra.a[1].b", "duplicate_key"]]);
});

test("escaped quotes do not hide a repeated key, nor make a text without one refused", () => {
  const text = orderText(3);
  const quoted = text.replaceAll("Вход с 18:00", 'Вход \\"с\\" 18:00');
  for (const data of inputs(quoted)) assert.deepEqual(verdict(data), []);
  const at = quoted.indexOf('"barcode"');
  const repeated = `${quoted.slice(0, at)}"barcode":"\\"\\"",${quoted.slice(at)}`;
  for (const data of inputs(repeated)) assert.deepEqual(verdict(data), [["tickets[0].barcode", "duplicate_key"]]);
  // `\u0022` is a quote inside a parsed string but not in the text: it must not pay for the repeat
  const sneaky = '{"id":"o\\"","name":"x","name":"\\u0022\\u0022\\u0022\\u0022"}';
  assert.equal(quoteCount(sneaky), 13);
  for (const data of inputs(sneaky)) {
    assert.throws(() => decode("organizer", data), (e: ContractError) => e.rule === "duplicate_key" && e.path === "name");
  }
});

test("a repeated key is found whatever Object.prototype holds", () => {
  const text = orderText(5);
  const at = text.indexOf('"category"');
  const repeated = `${text.slice(0, at)}"category":"Балкон",${text.slice(at)}`;
  const proto = Object.prototype as Record<string, unknown>;
  for (const name of ["a", "b", "c", "d"]) proto[name] = 1; // enumerable: for-in would count them as keys
  try {
    for (const data of inputs(repeated)) assert.deepEqual(verdict(data), [["tickets[0].category", "duplicate_key"]]);
  } finally {
    for (const name of ["a", "b", "c", "d"]) delete proto[name];
  }
});

test("the depth limit: bombs and the exact bound", () => {
  const deep = (n: number): string => `{"id":"o","name":"n","z":${"[".repeat(n)}${"]".repeat(n)}}`;
  const organizer = (data: string | Uint8Array, limits = {}): string => {
    try {
      decode("organizer", data, { strict: true, limits });
      return "ok";
    } catch (exc) {
      return `${(exc as ContractError).path}:${(exc as ContractError).rule}`;
    }
  };
  for (const data of inputs(deep(63))) assert.equal(organizer(data), "z:unknown_field"); // depth 64
  for (const data of inputs(deep(64))) assert.equal(organizer(data), ":limit"); // depth 65
  for (const data of inputs(deep(99))) assert.equal(organizer(data, { maxDepth: 100 }), "z:unknown_field");
  for (const data of inputs(deep(100))) assert.equal(organizer(data, { maxDepth: 100 }), ":limit");
  for (const data of inputs("[".repeat(100000))) assert.equal(organizer(data, { maxBytes: 200000 }), ":limit");
  for (const data of inputs(`{"z":${'{"a":'.repeat(100000)}1${"}".repeat(100000)}}`)) {
    assert.equal(organizer(data, { maxBytes: 1 << 21 }), ":limit");
  }
  const shallow = `{"id":"o","name":"n","z":[[1]],"z":1}`;
  for (const data of inputs(shallow)) assert.equal(organizer(data), "z:duplicate_key");
  // a 1000-ticket order nests 3 deep
  const text = orderText(1000);
  for (const data of inputs(text)) {
    assert.deepEqual(verdict(data, false, { maxDepth: 2 }), [["", "limit"]]);
    assert.deepEqual(verdict(data, false, { maxDepth: 3 }), []);
  }
});

test("a string input is refused for a lone surrogate anywhere, and taken with surrogate pairs", () => {
  const text = orderText(600);
  assert.ok(text.length > 70000 && text.length < 98304); // counted in chunks of 32768 code units
  const emoji = text.replaceAll("Вход с 18:00", "Вход с 18:00 🎵");
  assert.deepEqual(verdict(emoji), []);
  for (const at of [text.indexOf("Партер"), text.length >> 1, text.lastIndexOf("Партер")]) {
    for (const lone of ["\ud83c", "\udfb5"]) {
      const bad = `${text.slice(0, at)}${lone}${text.slice(at)}`;
      assert.throws(() => decode("order", bad), (e: ContractError) =>
        e.rule === "syntax" && e.errors[0]?.message === "not valid JSON: str is not valid UTF-8: surrogates not allowed");
      const deep = `${bad.slice(0, -1)},"z":${"[".repeat(70)}${"]".repeat(70)}}`;
      assert.throws(() => decode("order", deep), (e: ContractError) => e.rule === "limit");
    }
  }
  // the last code unit alone in the last chunk
  const odd = `${text}${" ".repeat(3 * 32768 - text.length)}\ud800`;
  assert.equal(odd.length, 3 * 32768 + 1);
  assert.throws(() => decode("order", odd), (e: ContractError) => e.rule === "syntax");
});

test("quoteCount counts the quotes of strings and bytes, across chunks, and no look-alike", () => {
  const naive = (s: string): number => s.split('"').length - 1;
  // U+0422, U+2022 and U+0122 hold 0x22 in their low byte; 😀 is a surrogate pair
  const pieces = ['"', "a", "Т", "•", "Ģ", "😀", '\\"', " ", "}"];
  let seed = 7;
  const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (const length of [0, 1, 3, 255, 256, 257, 32767, 32768, 32769, 65535, 65536, 65537, 140000]) {
    let s = "";
    while (s.length < length) s += pieces[Math.floor(random() * pieces.length)];
    s = s.slice(0, length);
    assert.equal(quoteCount(s), naive(s), `string of ${length}`);
    const bytes = utf8.encode(s);
    for (const offset of [0, 1, 2, 3]) {
      const shifted = new Uint8Array(bytes.length + offset);
      shifted.set(bytes, offset);
      assert.equal(quoteCount(shifted.subarray(offset)), naive(s), `bytes of ${length} at ${offset}`);
    }
  }
  const ascii = '{"a":"b"}'.repeat(20000);
  assert.equal(quoteCount(ascii), 80000);
  assert.equal(quoteCount(utf8.encode(ascii)), 80000);
});

test("a lone surrogate is found at any position of a string, in a vector or in the tail", () => {
  const text = orderText(1).replace("Вход с 18:00", "Вход с 18:00".repeat(3)); // 36 units: every place in a vector
  const at = text.indexOf("Вход");
  for (let shift = 0; shift <= 36; shift++) {
    const lone = `${text.slice(0, at + shift)}\udc00${text.slice(at + shift)}`;
    assert.deepEqual(verdict(lone), [["", "syntax"]], `at ${at + shift}`);
    const paired = `${text.slice(0, at + shift)}😀${text.slice(at + shift)}`;
    assert.deepEqual(verdict(paired), [], `a pair at ${at + shift}`);
  }
  const end = `${text.slice(0, -2)}\ud800"}`; // in the last few units, which the vector loop leaves to the tail
  assert.deepEqual(verdict(end), [["", "syntax"]]);
});

test("jsonDepthExceeds reads strings and bytes alike, on any text", () => {
  const texts = ['["[[[["]', '["\\"[[["]', "[[[", '"[[[[', '[["]]', "[{}[]]", '[["\\\\"]]', "[[[[]]]]"];
  for (const text of texts) {
    for (const max of [1, 2, 3]) {
      // more brackets than `max`, so the walk runs
      assert.equal(jsonDepthExceeds(utf8.encode(text), max), jsonDepthExceeds(text, max), `${text} ${max}`);
    }
  }
  assert.equal(jsonDepthExceeds('["[[[["]', 1), false);
  assert.equal(jsonDepthExceeds('["\\"[[["]', 1), false);
  assert.equal(jsonDepthExceeds("[[[", 2), true);
  assert.equal(jsonDepthExceeds('[["]]', 1), true);
  // bytes that are not UTF-8 are judged on the depth first, byte by byte
  const bomb = new Uint8Array([...utf8.encode(`["\xff",${"[".repeat(20000)}`), 0xff, 0x22, 0x5b]);
  assert.throws(() => decode("organizer", bomb), (e: ContractError) => e.rule === "limit");
  const quoted = new Uint8Array([...utf8.encode('["'), 0xff, ...utf8.encode(`${"[".repeat(100)}"]`)]);
  assert.throws(() => decode("organizer", quoted), (e: ContractError) => e.rule === "syntax");
});

test("duplicateKeys reports the first repeat in text order, unescaped", () => {
  assert.deepEqual(duplicateKeys('{"a":{"b":1,"b":2},"a":3}'), [
    { path: "a.b", rule: "duplicate_key", message: "repeated key: each key may appear once in an object" },
  ]);
  assert.deepEqual(duplicateKeys('{"name":1,"n\\u0061me":2}').map((v) => v.path), ["name"]);
  assert.deepEqual(duplicateKeys('{"a":[{"x y":1,"x y":2}]}').map((v) => v.path), ['a[0]["x y"]']);
  assert.deepEqual(duplicateKeys('{"a":"\\"","b":"\\\\"}'), []);
});
