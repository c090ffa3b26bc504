// The one pass over JSON input (src/count.ts): UTF-8 bytes decoded in WebAssembly give the
// string and the verdict of a fatal TextDecoder, with the count of quotes and the backslash
// flag; the counts of strings and bytes ignore whatever an earlier input left in the kernel's
// memory; and decode gives the same verdicts from a string, bytes, a Buffer and without
// WebAssembly, for repeated keys at every depth, escaped quotes and text that is not ASCII.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { mayEscape, maySurrogate, quoteCount, textQuotes, utf8Text } from "../src/count.js";
import { ContractError, decode, type MessageName } from "../src/index.js";

const FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8 = new TextEncoder();

function decoded(bytes: Uint8Array): string | undefined {
  try {
    return FATAL.decode(bytes);
  } catch {
    return undefined;
  }
}

let seed = 11;
const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Every boundary of UTF-8's lead and continuation ranges, the quote and the backslash. */
const EDGES = [
  0x00, 0x22, 0x5c, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbb, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
  0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xfe, 0xff,
];

test("utf8Text gives what a fatal TextDecoder gives, on any bytes", () => {
  for (let round = 0; round < 40000; round++) {
    const bytes = new Uint8Array(Math.floor(random() * 48));
    for (let k = 0; k < bytes.length; k++) bytes[k] = random() < 0.7 ? pick(EDGES) : Math.floor(random() * 256);
    const got = utf8Text(bytes);
    assert.equal(got, decoded(bytes), `bytes ${Buffer.from(bytes).toString("hex")}`);
    if (got !== undefined) {
      assert.equal(textQuotes, got.split('"').length - 1);
      assert.equal(mayEscape, got.includes("\\"));
    }
  }
});

test("utf8Text decodes every kind of character at every place of a vector", () => {
  const chars = ["a", '"', "\\", "\u0080", "ё", "\u07ff", "\u0800", "Т", "\uffff", "😀", "\u{10ffff}", "\ufeff"];
  for (const char of chars) {
    for (let before = 0; before <= 33; before++) {
      for (const after of [0, 1, 15, 16, 17]) {
        const text = `${"x".repeat(before)}${char}${"y".repeat(after)}`;
        assert.equal(utf8Text(utf8.encode(text)), text, `${JSON.stringify(char)} after ${before}`);
        assert.equal(textQuotes, char === '"' ? 1 : 0);
        assert.equal(mayEscape, char === "\\");
      }
    }
  }
  // refused at every place: an overlong form, an encoded surrogate, beyond U+10FFFF, a cut sequence, a stray byte
  const broken = [[0xc0, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xff]];
  for (const bad of broken) {
    for (let before = 0; before <= 33; before++) {
      const bytes = new Uint8Array([...utf8.encode("x".repeat(before)), ...bad, ...utf8.encode('""')]);
      assert.equal(utf8Text(bytes), undefined, `${Buffer.from(bad).toString("hex")} after ${before}`);
    }
  }
  const long = "Вход с 18:00 😀 ".repeat(40000); // grows the kernel's memory
  assert.equal(utf8Text(utf8.encode(long)), long);
  assert.equal(utf8Text(new Uint8Array(0)), "");
});

test("the counts ignore what a longer input left in the kernel's memory", () => {
  const quotes = '"'.repeat(500);
  const backslashes = "\\".repeat(500);
  const surrogates = "\ud800".repeat(500);
  for (let n = 64; n <= 100; n++) {
    for (const stale of [quotes, backslashes, surrogates]) {
      quoteCount(stale);
      quoteCount(utf8.encode(stale));
      const text = `${"ё".repeat(n - 1)}"`;
      assert.equal(quoteCount(text), 1);
      assert.equal(maySurrogate, false);
      assert.equal(mayEscape, false);
      quoteCount(stale);
      assert.equal(quoteCount(utf8.encode(text)), 1);
      assert.equal(mayEscape, false);
      assert.equal(utf8Text(utf8.encode(text)), text);
      assert.equal(textQuotes, 1);
    }
  }
});

const REPEATED = "repeated key: each key may appear once in an object";

/** The verdict of decoding `text` as `name`: "ok", or the violations as `path rule`. */
function verdict(name: MessageName, data: string | Uint8Array): string {
  try {
    decode(name, data);
    return "ok";
  } catch (exc) {
    assert.ok(exc instanceof ContractError, String(exc));
    return exc.errors.map((v) => `${v.path} ${v.rule}${v.rule === "duplicate_key" ? ` ${v.message}` : ""}`).join("; ");
  }
}

/** The text as a string, bytes, bytes at an odd offset and a Buffer. */
function inputs(text: string): (string | Uint8Array)[] {
  const bytes = utf8.encode(text);
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 1);
  return [text, bytes, shifted.subarray(1, 1 + bytes.length), Buffer.from(text)];
}

const CUSTOMER = '{"email":"anna@example.ru","phone":"+79161234567","first_name":"Анна"}';
const TICKET = '{"id":"T-1","event_id":"EV-1","barcode":"4600","category":"Партер","price_nominal":100,"currency":"RUB"}';
const ORDER = `{"id":"O-1","number":"1-1","customer":${CUSTOMER},"tickets":[${TICKET},${TICKET.replace("T-1", "T-2")}]}`;

/** Cases of `[message, text, verdict]`: repeated keys at each depth, escapes, ASCII and not. */
const CASES: [MessageName, string, string][] = [
  ["order", ORDER, "ok"],
  ["order", ORDER.replace("Анна", "Anna").replaceAll("Партер", "Parter"), "ok"], // ASCII: a one-byte string
  ["order", ORDER.replace('"id":"O-1"', '"id":"O-1","id":"O-2"'), `id duplicate_key ${REPEATED}`],
  ["order", ORDER.replace('"phone"', '"email":"b@example.ru","phone"'), `customer.email duplicate_key ${REPEATED}`],
  ["order", ORDER.replace('"currency":"RUB"}]', '"currency":"RUB","seat":"1","seat":"2"}]'), `tickets[1].seat duplicate_key ${REPEATED}`],
  ["order", ORDER.replace('"number"', '"extra":{"a":[{"b":1,"b":2}]},"number"'), `extra.a[0].b duplicate_key ${REPEATED}`],
  ["order", ORDER.replace('"number"', '"extra":{"ключ":1,"ключ":2},"number"'), `extra["ключ"] duplicate_key ${REPEATED}`],
  ["order", ORDER.replace("Партер", 'Пар\\"тер'), "ok"],
  ["order", ORDER.replace('"id":"O-1"', '"id":"O-\\"1\\"","i\\u0064":"O-2"'), `id duplicate_key ${REPEATED}`],
  ["order", ORDER.replace('"number"', '"a\\"b":1,"a\\"b":2,"number"'), `["a\\"b"] duplicate_key ${REPEATED}`],
  ["order", ORDER.replace('"Анна"', '"\\u0022\\u0022\\u0022\\u0022"').replace('"id":"O-1"', '"id":"O-1","id":"O-1"'), `id duplicate_key ${REPEATED}`],
  ["order", ORDER.replace("Анна", "\\ud800"), " syntax"], // an escaped lone surrogate
  ["order", ORDER.replace("Анна", "Анна 😀 \\ud83d\\ude00"), "ok"],
  ["organizer", '{"id":"o","name":"Организатор","legals":{"inn":"7707083893","inn":"7707083893"}}', `legals.inn duplicate_key ${REPEATED}`],
  ["refund", '{"customer":{"email":"a@b.ru","phone":"+79161234567"},"ticket_ids":["T-1"],"ticket_ids":["T-1"]}', `ticket_ids duplicate_key ${REPEATED}`],
];

test("decode gives the same verdict from a string, bytes and a Buffer", () => {
  for (const [name, text, expected] of CASES) {
    for (const data of inputs(text)) assert.equal(verdict(name, data), expected, `${name} ${typeof data}: ${text}`);
    const long = text.replace('"id":"', `"id":"${"ж".repeat(40)}`); // past the plain count of short strings
    for (const data of inputs(long)) {
      assert.equal(verdict(name, data), verdict(name, long), `${name} ${typeof data}: ${long}`);
    }
  }
});

test("bytes longer than the kernel decodes go through TextDecoder, with the same verdicts", () => {
  const text = `{"id":"o","name":"n","pad":"${"ж".repeat(600000)}"}`; // 1.2 MB of UTF-8
  const repeated = `${text.slice(0, -1)},"name":"m"}`;
  const limits = { maxBytes: 1 << 21 };
  for (const data of inputs(text)) assert.deepEqual(decode("organizer", data, { limits }), { id: "o", name: "n" });
  for (const data of inputs(repeated)) {
    assert.throws(() => decode("organizer", data, { limits }), (e: ContractError) => e.rule === "duplicate_key" && e.path === "name");
  }
});

test("without WebAssembly, decode gives the same verdicts", () => {
  // --jitless switches WebAssembly off: the plain loops and TextDecoder decide
  const index = fileURLToPath(new URL("../src/index.js", import.meta.url));
  const script = `
    const { decode, ContractError } = await import(${JSON.stringify(index)});
    const cases = JSON.parse(process.argv[1]);
    const out = [];
    for (const [name, text] of cases) {
      for (const data of [text, new TextEncoder().encode(text), Buffer.from(text)]) {
        try { decode(name, data); out.push("ok"); }
        catch (e) { out.push(e.errors.map((v) => v.path + " " + v.rule).join("; ")); }
      }
    }
    console.log(JSON.stringify([typeof WebAssembly, out]));`;
  const run = spawnSync(process.execPath, ["--jitless", "--input-type=module", "-e", script, JSON.stringify(CASES)], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const [wasm, out] = JSON.parse(run.stdout) as [string, string[]];
  assert.equal(wasm, "undefined");
  const expected = CASES.flatMap(([, , v]) => Array(3).fill(v.replace(` ${REPEATED}`, "")));
  assert.deepEqual(out, expected);
});
