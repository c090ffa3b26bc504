/**
 * Why a text is not JSON, in the library's own words (mirrors
 * `vibe_contracts/_syntax.py`): the same message in both languages, naming
 * where, never quoting the input (which may hold personal data).
 *
 * Only called once a parser has refused the input, so it is written for
 * clarity, not speed.
 *
 * @module
 */

/** The first byte of `bytes` that does not begin a well-formed UTF-8 sequence (Python's `UnicodeDecodeError.start`), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // the sequence's length, and the range of its second byte (Unicode Table 3-7)
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > n) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

const WHITESPACE = " \t\n\r";
const DIGITS = "0123456789";
const HEX = "0123456789abcdefABCDEF";
const ESCAPES = '"\\/bfnrt';

/** Thrown inside the scan: the text ends where more was needed (-1) or holds an unexpected character (its index). */
class Stop {
  constructor(readonly at: number) {}
}

/**
 * Where the text first breaks the JSON grammar (RFC 8259): the index of the
 * unexpected character, `length` when the text ends too early, or -1 when the
 * grammar holds.
 */
export function grammarErrorAt(text: string): number {
  const n = text.length;
  let i = 0;
  const stop = (): never => {
    throw new Stop(i);
  };
  const space = (): void => {
    while (i < n && WHITESPACE.includes(text[i]!)) i++;
  };
  const expect = (chars: string): void => {
    if (i >= n || !chars.includes(text[i]!)) stop();
    i++;
  };
  const digits = (): void => {
    expect(DIGITS);
    while (i < n && DIGITS.includes(text[i]!)) i++;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      if (i >= n) stop();
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) stop();
      if (c === 0x5c) {
        i++;
        if (text[i] === "u") {
          i++;
          for (let k = 0; k < 4; k++) expect(HEX);
          continue;
        }
        expect(ESCAPES);
        continue;
      }
      i++;
    }
    i++;
  };
  const number = (): void => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  const literal = (word: string): void => {
    for (const c of word) expect(c);
  };
  const stack: string[] = []; // the open containers, "{" or "["
  try {
    for (;;) {
      // a value
      space();
      if (i >= n) stop();
      const c = text[i]!;
      let scalar = true;
      if (c === "{" || c === "[") {
        i++;
        space();
        if (text[i] === (c === "{" ? "}" : "]")) i++;
        else {
          stack.push(c);
          if (c === "{") key();
          scalar = false;
        }
      } else if (c === '"') string();
      else if (c === "-" || DIGITS.includes(c)) number();
      else if (c === "t") literal("true");
      else if (c === "f") literal("false");
      else if (c === "n") literal("null");
      else stop();
      if (!scalar) continue;
      // after a value: a comma, the end of containers, or the end of the text
      for (;;) {
        space();
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (i < n) stop();
          return -1;
        }
        if (i >= n) stop();
        if (text[i] === ",") {
          i++;
          if (top === "{") key();
          break;
        }
        expect(top === "{" ? "}" : "]");
        stack.pop();
      }
    }
  } catch (exc) {
    if (exc instanceof Stop) return exc.at;
    throw exc;
  }

  function key(): void {
    space();
    string();
    space();
    expect(":");
  }
}

/** Code points in `text` (UTF-16 units, minus the second unit of each pair). */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * The reason, after `not valid JSON: `, for a text a parser refused: where
 * its grammar breaks (line and column, counted in characters from 1), or, for
 * a text whose grammar holds, the lone surrogate JSON's parsers refuse.
 */
export function syntaxReason(text: string): string {
  const at = grammarErrorAt(text);
  if (at < 0) return "lone surrogate in string";
  if (at >= text.length) return "unexpected end of the text";
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let line = 1;
  for (let k = text.indexOf("\n"); k >= 0 && k < at; k = text.indexOf("\n", k + 1)) line++;
  return `unexpected character at line ${line}, column ${codePoints(text.slice(lineStart, at)) + 1}`;
}

/** The reason for bytes that are not UTF-8: the offset of the first byte that breaks it. */
export function utf8Reason(bytes: Uint8Array): string {
  return `invalid UTF-8 at byte ${invalidUtf8At(bytes)}`;
}
