/**
 * JSON text in: UTF-8 bytes or a string to data, refusing what Python's
 * parser (orjson) refuses, and the source facts `JSON.parse` drops.
 *
 * @module
 */

import { childPath } from "./check.js";
import { ContractError, type Violation } from "./errors.js";
import { mayEscape, maySurrogate, quoteCount, textQuotes, utf8Text } from "./count.js";
import { checkSize, depthError, jsonDepthExceeds, type Limits } from "./limits.js";
import { syntaxReason, utf8Reason } from "./syntax.js";

export { quoteCount } from "./count.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Gates for the rare inputs JSON.parse accepts and orjson does not: an escaped lone
// surrogate (`"\ud800"`). Only when the gate opens is the parsed value walked.
// A number beyond the double range is a number (Infinity) in both languages,
// judged by the rules of the field that holds it.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Parse JSON bytes or text, in Python's order: size and depth limits (rule
 * `limit`) before anything else, then syntax (`syntax`, or `type` for a value
 * that is not text), then repeated keys (`duplicate_key`, the first one, at
 * its path): `readJson`, then `settleJson` with nothing counted.
 */
export function parseJson(data: unknown, limits: Limits): { value: unknown; source: JsonSource } {
  const json = readJson(data, limits);
  settleJson(json, limits, -1);
  return json;
}

/** JSON text parsed by `readJson`, its depth and repeated keys not yet decided (`settleJson`). */
export interface JsonRead {
  readonly data: Uint8Array | string;
  readonly value: unknown;
  /** Whose facts, until `settleJson`, are only scanned after the depth limit is checked on the text. */
  readonly source: JsonSource;
  /** The `"` characters of the text, -1 until counted. */
  quotes: number;
  /** False when the count found no backslash in the text: it holds no escape. */
  escapes: boolean;
  /** Read by a reader of canonical text: its keys cannot repeat, its depth is the message's. */
  canonical: boolean;
}

/**
 * The first half of `parseJson`: the size limit, the text (`type` for a value
 * that is not text; `syntax` for a string with a lone surrogate), `JSON.parse`
 * (`syntax`, or the depth limit for a text that does not parse and nests too
 * deep). A text that `reader` (a message's, `gen/v<N>/readers.ts`) takes is
 * not parsed again: it is canonical, and a string it takes holds no surrogate.
 */
export function readJson(data: unknown, limits: Limits, reader?: (text: string) => unknown): JsonRead {
  let text: string | undefined;
  let quotes = -1;
  let escapes = true;
  if (typeof data === "string") {
    checkSize(data, limits);
    const value = reader?.(data);
    if (value !== undefined) return canonical(data, data, value);
    quotes = quoteCount(data); // also tells whether the string may hold a surrogate or an escape
    if (maySurrogate && !data.isWellFormed()) {
      throw refusedText(data, limits, "str is not valid UTF-8: surrogates not allowed");
    }
    escapes = mayEscape;
    text = data;
  } else if (data instanceof Uint8Array) {
    checkSize(data, limits);
    text = utf8Text(data); // decoded and counted in one pass, when it can be
    if (text !== undefined) {
      quotes = textQuotes;
      escapes = mayEscape;
    } else {
      try {
        text = UTF8.decode(data);
      } catch {
        throw refusedText(data, limits, utf8Reason(data));
      }
    }
  } else {
    throw ContractError.at("", "type", `expected JSON bytes or str, got ${typeName(data)}`);
  }
  let value = typeof data === "string" ? undefined : reader?.(text); // a string's reader ran above
  if (value !== undefined) return canonical(data, text, value);
  try {
    value = JSON.parse(text);
  } catch {
    // our own words, never V8's, which quote the text around the error
    throw refusedText(text, limits, syntaxReason(text));
  }
  return { data, value, source: new JsonSource(text, limits), quotes, escapes, canonical: false };
}

/** What a reader of canonical text read: no escape in it, its depth the message's (so settled). */
function canonical(data: Uint8Array | string, text: string, value: unknown): JsonRead {
  return { data, value, source: new JsonSource(text), quotes: -1, escapes: false, canonical: true };
}

/**
 * The second half of `parseJson`: the depth limit, escapes orjson refuses,
 * then repeated keys, each decided by counting when it can be.
 *
 * A JSON text with K keys and S string values has at least 2K + 2S quote
 * characters, and exactly that many when no string holds an escaped quote.
 * The parsed value keeps every key but a repeated one, so when the text has
 * no more quotes than 2(keys + strings) of some of the value, no key repeats
 * and the text nests exactly as the value does. `counted` (-1: none) is such
 * a count that also proves the depth: the quotes of a message's fields, as
 * its validator accepted them, when the message cannot nest deeper than the
 * limit. Then a text with no more quotes holds those fields and nothing else
 * (no repeated, unknown or null key). Otherwise the value is walked: its keys
 * and strings counted, its depth decided. When that count does not clear the
 * text either (a repeat, or escaped quotes the value's strings do not account
 * for), the text is scanned: depth first, then for the repeated key.
 */
export function settleJson(json: JsonRead, limits: Limits, counted: number): void {
  if (json.canonical) return;
  const { value, source } = json;
  const text = source.text;
  let proven = false;
  if (ownKeysOnly()) {
    if (json.quotes < 0) {
      json.quotes = quoteCount(json.data);
      json.escapes = mayEscape;
    }
    proven = counted >= 0 && json.quotes <= counted;
    if (!proven) {
      const own = keysAndStrings(value, limits.maxDepth);
      if (own < 0) throw depthError(limits); // the text nests at least as deep as its value
      const extra = json.quotes - 2 * own;
      proven = extra <= 0 || escapedQuotesAccountFor(text, value, extra);
    }
  }
  if (!proven && jsonDepthExceeds(text, limits.maxDepth)) throw depthError(limits);
  source.settle();
  if (json.escapes && text.includes("\\u") && SURROGATE_ESCAPE.test(text)) {
    const problem = refused(value);
    if (problem !== undefined) throw syntax(problem);
  }
  if (!proven) {
    const repeated = duplicateKeys(text);
    if (repeated.length) throw new ContractError(repeated);
  }
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  return typeof value;
}

function syntax(reason: string): ContractError {
  return ContractError.at("", "syntax", `not valid JSON: ${reason}`);
}

/** The error for input that is not JSON: the depth limit when the text nests too deep, else `syntax`. */
function refusedText(data: Uint8Array | string, limits: Limits, reason: string): ContractError {
  return jsonDepthExceeds(data, limits.maxDepth) ? depthError(limits) : syntax(reason);
}

/** Why orjson would refuse the parsed value, if it would: a lone surrogate. */
function refused(value: unknown): string | undefined {
  if (typeof value === "string") return value.isWellFormed() ? undefined : "lone surrogate in string";
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = refused(item);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  for (const [k, item] of Object.entries(value)) {
    const problem = k.isWellFormed() ? refused(item) : "lone surrogate in string";
    if (problem !== undefined) return problem;
  }
  return undefined;
}

const EMPTY = {};

/**
 * Whether `for…in` over an object `JSON.parse` made sees its own keys only:
 * nothing enumerable was added to `Object.prototype`. Otherwise the text
 * scans decide, as for a text the quote count does not clear.
 */
function ownKeysOnly(): boolean {
  for (const _ in EMPTY) return false;
  return true;
}

/**
 * The keys plus the string values of a parsed JSON value (every key and
 * string of the text but those a repeated key dropped), or -1 when it nests
 * deeper than `room` levels (Python's `_shape`).
 */
function keysAndStrings(value: unknown, room: number): number {
  if (typeof value !== "object" || value === null) return typeof value === "string" ? 1 : 0;
  return within(value, room);
}

/** `keysAndStrings` of an array or object; scalars are counted in the loop, not by a call each. */
function within(value: object, room: number): number {
  if (room === 0) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = itemCount(value[i], room);
      if (inner < 0) return -1;
      n += inner;
    }
  } else {
    const object = value as Record<string, unknown>;
    for (const key in object) {
      const inner = itemCount(object[key], room);
      if (inner < 0) return -1;
      n += 1 + inner;
    }
  }
  return n;
}

function itemCount(item: unknown, room: number): number {
  if (typeof item === "string") return 1;
  return typeof item === "object" && item !== null ? within(item, room - 1) : 0;
}

/**
 * The second chance of the quote count, for text whose strings hold escaped
 * quotes: each `"` inside a parsed key or string came from a `\\"` of the text
 * (`\\u0022` excluded: with it in the text, no chance), so when those account
 * for the `extra` quotes beyond 2(keys + strings), no key repeats.
 */
function escapedQuotesAccountFor(text: string, value: unknown, extra: number): boolean {
  if (!text.includes('\\"') || text.includes("\\u0022")) return false;
  return extra <= quotesInside(value);
}

/** The `"` characters inside the keys and strings of a parsed value (nesting already bounded). */
function quotesInside(value: unknown): number {
  if (typeof value === "string") return value.includes('"') ? value.split('"').length - 1 : 0;
  if (typeof value !== "object" || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += quotesInside(item);
    return n;
  }
  for (const [k, item] of Object.entries(value)) n += quotesInside(k) + quotesInside(item);
  return n;
}

const REPEATED_KEY = "repeated key: each key may appear once in an object";

/** The index of the `"` that closes the string opened at `open` (valid JSON text). */
function closingQuote(text: string, open: number): number {
  let j = text.indexOf('"', open + 1);
  for (;;) {
    let k = j - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    if ((j - k) % 2 === 1) return j; // an even number of backslashes before it
    j = text.indexOf('"', j + 1);
  }
}

/** A key as JSON text wrote it, unescaped. */
function keyAt(text: string, open: number, close: number): string {
  const raw = text.slice(open + 1, close);
  return raw.includes("\\") ? (JSON.parse(text.slice(open, close + 1)) as string) : raw;
}

/**
 * The first repeated key of a valid JSON text (rule `duplicate_key`) at its
 * path, or []: Python's `duplicate_keys`. A key repeats when its object
 * already had it (compared unescaped); the path is built only then, so the
 * scan stays linear however long the keys.
 */
export function duplicateKeys(text: string): Violation[] {
  // one frame per open container: the key or index leading to it, keys seen (an object) or null, item index
  const stack: { step: string | number; keys: Set<string> | null; index: number }[] = [];
  let step: string | number = "";
  let keyNext = false;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const close = closingQuote(text, i);
      if (keyNext) {
        const keys = (stack[stack.length - 1] as { keys: Set<string> }).keys;
        const key = keyAt(text, i, close);
        if (keys.has(key)) {
          const path = pathOf([...stack.slice(1).map((f) => f.step), key]);
          return [{ path, rule: "duplicate_key", message: REPEATED_KEY }];
        }
        keys.add(key);
        step = key;
        keyNext = false;
      }
      i = close;
    } else if (c === 0x7b) {
      stack.push({ step, keys: new Set(), index: 0 });
      keyNext = true;
    } else if (c === 0x5b) {
      stack.push({ step, keys: null, index: 0 });
      step = 0;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      keyNext = false;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1] as { keys: Set<string> | null; index: number };
      if (top.keys === null) step = ++top.index;
      else keyNext = true;
    }
  }
  return [];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `childPath` applied step by step, in linear time. */
function pathOf(steps: readonly (string | number)[]): string {
  const parts: string[] = [];
  for (const s of steps) {
    if (typeof s === "number") parts.push(`[${s}]`);
    else if (IDENTIFIER.test(s)) parts.push(parts.length ? `.${s}` : s);
    else parts.push(`[${JSON.stringify(s)}]`);
  }
  return parts.join("");
}

/** What the text said that the parsed value no longer shows, by JSON path. */
interface Scan {
  /** Numbers Python reads as floats: written with `.`/`e`, or integers beyond 64 bits. */
  readonly floats: Set<string>;
  /** Exact digits of integers beyond ±(2^53−1) that Python still reads as ints. */
  readonly ints: Map<string, string>;
  /** Keys of each object in the order the text first wrote them. */
  readonly keys: Map<string, string[]>;
}

/**
 * The JSON text a document came from. Scanned lazily, only when an error
 * message or an edge case (`-0`) needs a fact `JSON.parse` dropped.
 */
export class JsonSource {
  #scan: Scan | undefined;
  #unsettled: Limits | undefined;

  /** `unsettled`: the limits of a text not yet known to nest within them (`readJson`), checked before a scan. */
  constructor(readonly text: string, unsettled?: Limits) {
    this.#unsettled = unsettled;
  }

  /** The text is known to nest within the limits (`settleJson`). */
  settle(): void {
    this.#unsettled = undefined;
  }

  isFloat(path: string): boolean {
    return this.#facts().floats.has(path);
  }

  intLiteral(path: string): string | undefined {
    return this.#facts().ints.get(path);
  }

  keyOrder(path: string): readonly string[] | undefined {
    return this.#facts().keys.get(path);
  }

  #facts(): Scan {
    // The scan recurses as the text nests: a text too deep is refused (its verdict in any case) first.
    const limits = this.#unsettled;
    if (this.#scan === undefined && limits !== undefined && jsonDepthExceeds(this.text, limits.maxDepth)) {
      throw depthError(limits);
    }
    return (this.#scan ??= scan(this.text));
  }
}

const I64_MIN = -(2n ** 63n);
const U64_MAX = 2n ** 64n - 1n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Walk JSON text already known to be valid, recording the facts of `Scan` by path. */
function scan(text: string): Scan {
  const facts: Scan = { floats: new Set(), ints: new Map(), keys: new Map() };
  let i = 0;
  const space = (): void => {
    for (let ch = text.charCodeAt(i); ch === 32 || ch === 9 || ch === 10 || ch === 13; ch = text.charCodeAt(++i));
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return JSON.parse(text.slice(start, ++i)) as string;
  };
  const forget = (path: string): void => {
    // A repeated key: its later value replaces the earlier one, facts and all.
    const inside = (p: string): boolean => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`);
    for (const p of [...facts.floats]) if (inside(p)) facts.floats.delete(p);
    for (const p of [...facts.ints.keys()]) if (inside(p)) facts.ints.delete(p);
    for (const p of [...facts.keys.keys()]) if (inside(p)) facts.keys.delete(p);
  };
  const value = (path: string): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i++;
      const keys: string[] = [];
      facts.keys.set(path, keys);
      space();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        space();
        const key = string();
        const p = childPath(path, key);
        if (keys.includes(key)) forget(p);
        else keys.push(key);
        space();
        i++; // ':'
        value(p);
        space();
        if (text[i++] === "}") return;
      }
    }
    if (ch === "[") {
      i++;
      space();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        space();
        if (text[i++] === "]") return;
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    if (ch === "t" || ch === "n") {
      i += 4;
      return;
    }
    if (ch === "f") {
      i += 5;
      return;
    }
    const start = i;
    while (i < text.length && "+-0123456789.eE".includes(text[i] as string)) i++;
    const literal = text.slice(start, i);
    if (/[.eE]/.test(literal)) {
      facts.floats.add(path);
      return;
    }
    const n = BigInt(literal);
    if (n < I64_MIN || n > U64_MAX) facts.floats.add(path); // orjson reads these as floats
    else if (n > SAFE || n < -SAFE) facts.ints.set(path, n.toString());
  };
  value("");
  return facts;
}
