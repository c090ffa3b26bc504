// JSON syntax errors in the library's own words (src/syntax.ts): where, never what. The same
// words as Python's (tests/cross/test_cross_language.py holds both to it on broken texts).
import assert from "node:assert/strict";
import { test } from "node:test";

import { ContractError, decode } from "../src/index.js";
import { grammarErrorAt, invalidUtf8At } from "../src/syntax.js";

function message(data: string | Uint8Array): string {
  try {
    decode("order", data);
  } catch (exc) {
    assert.ok(exc instanceof ContractError && exc.rule === "syntax" && exc.errors.length === 1, String(exc));
    assert.equal(exc.message, `<root>: ${exc.errors[0]!.message} [syntax]`);
    return exc.errors[0]!.message;
  }
  assert.fail("decoded");
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

test("a syntax error names the line and column, never the text around it", () => {
  const pii = '{"customer":{"email":anna.petrova@example.ru}}';
  assert.equal(message(pii), "not valid JSON: unexpected character at line 1, column 22");
  assert.equal(message(utf8(pii)), "not valid JSON: unexpected character at line 1, column 22");
  // columns count characters (an emoji is one), lines start after each \n
  assert.equal(message('{"id":"ё😀",\n "name": nul}'), "not valid JSON: unexpected character at line 2, column 13");
  assert.equal(message('"😀😀" x'), "not valid JSON: unexpected character at line 1, column 6");
  assert.equal(message("\ufeff{}"), "not valid JSON: unexpected character at line 1, column 1");
  assert.equal(message("NaN"), "not valid JSON: unexpected character at line 1, column 1");
  assert.equal(message("[1,]"), "not valid JSON: unexpected character at line 1, column 4");
  assert.equal(message("01"), "not valid JSON: unexpected character at line 1, column 2");
  assert.equal(message('"\\x"'), "not valid JSON: unexpected character at line 1, column 3");
  assert.equal(message('"\\u12g4"'), "not valid JSON: unexpected character at line 1, column 6");
  assert.equal(message('"a\tb"'), "not valid JSON: unexpected character at line 1, column 3");
  assert.equal(message('{"a" 1}'), "not valid JSON: unexpected character at line 1, column 6");
  assert.equal(message('{"a":1}x'), "not valid JSON: unexpected character at line 1, column 8");
});

test("a text that ends too early, an escaped lone surrogate", () => {
  for (const text of ["", " \n", "{", '{"a":', '"abc', "1.", "-", "tru", "[1e"]) {
    assert.equal(message(text), "not valid JSON: unexpected end of the text", JSON.stringify(text));
  }
  assert.equal(message('{"id":"\\ud800"}'), "not valid JSON: lone surrogate in string");
  assert.equal(message('{"id":"\ud800"}'), "not valid JSON: str is not valid UTF-8: surrogates not allowed");
});

test("bytes that are not UTF-8 name the first byte that breaks it, as Python's decoder does", () => {
  assert.equal(message(bytes(0x7b, 0xff)), "not valid JSON: invalid UTF-8 at byte 1");
  const cases: [number[], number][] = [
    [[0x41, 0xc0, 0xaf], 1], // overlong
    [[0x41, 0xe0, 0x80, 0x80], 1], // overlong, three bytes
    [[0x41, 0x42, 0xed, 0xa0, 0x80], 2], // an encoded surrogate
    [[0xf0, 0x9f, 0x98], 0], // truncated
    [[0xf4, 0x90, 0x80, 0x80], 0], // beyond U+10FFFF
    [[0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x80], 9], // é € 😀, then a stray continuation
  ];
  for (const [values, at] of cases) assert.equal(invalidUtf8At(bytes(...values)), at, values.join(" "));
  assert.equal(invalidUtf8At(utf8("é€😀")), -1);
});

test("the grammar holds exactly for JSON texts", () => {
  for (const text of ['{"a":[1,-0.5e+3,true,false,null,"\\u00e9\\n"]}', " [ ] ", "{}", '"x"', "0", "-1E9"]) {
    assert.equal(grammarErrorAt(text), -1, text);
    assert.doesNotThrow(() => JSON.parse(text));
  }
});
