/**
 * JSON text in: UTF-8 bytes or a string to data, refusing what Python's
 * parser (orjson) refuses, and the source facts `JSON.parse` drops.
 *
 * @module
 */

import { childPath } from "./check.js";
import { ContractError, type Violation } from "./errors.js";
import { checkSize, depthError, jsonDepthExceeds, type Limits } from "./limits.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Gates for the rare inputs JSON.parse accepts and orjson does not: an escaped lone
// surrogate (`"\ud800"`). Only when the gate opens is the parsed value walked.
// Nesting is bounded before parsing by `limits.maxDepth` (at most 512, below
// orjson's 1024). A number beyond the double range is a number (Infinity) in
// both languages, judged by the rules of the field that holds it.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Parse JSON bytes or text, in Python's order: size and depth limits (rule
 * `limit`) before parsing, then syntax (`syntax`, or `type` for a value that
 * is not text), then repeated keys (`duplicate_key`, every one, at its path).
 */
export function parseJson(data: unknown, limits: Limits): { value: unknown; source: JsonSource } {
  let text: string;
  if (typeof data === "string") {
    checkSize(data, limits);
    if (jsonDepthExceeds(data, limits.maxDepth)) throw depthError(limits);
    if (!data.isWellFormed()) throw syntax("str is not valid UTF-8: surrogates not allowed");
    text = data;
  } else if (data instanceof Uint8Array) {
    checkSize(data, limits);
    try {
      text = UTF8.decode(data);
    } catch {
      if (jsonDepthExceeds(data, limits.maxDepth)) throw depthError(limits);
      throw syntax("invalid UTF-8");
    }
    // the same scan on the decoded text gives the same answer, faster than on bytes
    if (jsonDepthExceeds(text, limits.maxDepth)) throw depthError(limits);
  } else {
    throw ContractError.at("", "type", `expected JSON bytes or str, got ${typeName(data)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (exc) {
    throw syntax((exc as Error).message);
  }
  if (text.includes("\\u") && SURROGATE_ESCAPE.test(text)) {
    const problem = refused(value);
    if (problem !== undefined) throw syntax(problem);
  }
  if (mayRepeatKeys(typeof data === "string" ? data : (data as Uint8Array))) {
    const repeated = duplicateKeys(text);
    if (repeated.length) throw new ContractError(repeated);
  }
  return { value, source: new JsonSource(text) };
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  return typeof value;
}

function syntax(reason: string): ContractError {
  return ContractError.at("", "syntax", `not valid JSON: ${reason}`);
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

// Scratch space of `mayRepeatKeys` (never reentered): key hashes of the open
// objects, and where each open container's hashes start (-1: an array).
const HASHES = new Int32Array(4096);
const STARTS = new Int32Array(1024);
/** Objects with more keys than this are left to the exact scan (keeps the filter linear). */
const FEW_KEYS = 32;
const FNV_OFFSET = -2128831035; // 0x811c9dc5
const FNV_PRIME = 16777619;

/**
 * The fast filter before `duplicateKeys`: false only when no object of the
 * valid JSON text (bytes or string) repeats a key. One pass; per object the
 * FNV-1a hashes of its keys as written. True also for what it cannot judge
 * cheaply: a key with an escape, a hash seen twice, an object with many keys.
 */
export function mayRepeatKeys(data: Uint8Array | string): boolean {
  return typeof data === "string" ? scanText(data) : scanBytes(data);
}

// scanBytes and scanText are the same scan, written twice on purpose: one loop per
// input type keeps each monomorphic for V8 on the hot path of every decode.
function scanBytes(a: Uint8Array): boolean {
  let top = -1;
  let used = 0;
  let keyNext = false;
  for (let i = 0, n = a.length; i < n; i++) {
    const c = a[i] as number;
    if (c === 0x22) {
      let j = i + 1;
      let d = a[j] as number;
      if (keyNext) {
        let h = FNV_OFFSET;
        while (d !== 0x22) {
          if (d === 0x5c) return true;
          h = Math.imul(h ^ d, FNV_PRIME);
          d = a[++j] as number;
        }
        const start = STARTS[top] as number;
        if (used - start >= FEW_KEYS || used >= HASHES.length) return true;
        for (let k = start; k < used; k++) if (HASHES[k] === h) return true;
        HASHES[used++] = h;
        keyNext = false;
      } else {
        while (d !== 0x22) {
          if (d === 0x5c) j++;
          d = a[++j] as number;
        }
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (++top >= STARTS.length) return true;
      STARTS[top] = c === 0x7b ? used : -1;
      keyNext = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      const start = STARTS[top--] as number;
      if (start >= 0) used = start;
      keyNext = false;
    } else if (c === 0x2c) {
      keyNext = (STARTS[top] as number) >= 0;
    }
  }
  return false;
}

function scanText(t: string): boolean {
  let top = -1;
  let used = 0;
  let keyNext = false;
  for (let i = 0, n = t.length; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      if (keyNext) {
        let h = FNV_OFFSET;
        for (let d = t.charCodeAt(j); d !== 0x22; d = t.charCodeAt(++j)) {
          if (d === 0x5c) return true;
          h = Math.imul(h ^ d, FNV_PRIME);
        }
        const start = STARTS[top] as number;
        if (used - start >= FEW_KEYS || used >= HASHES.length) return true;
        for (let k = start; k < used; k++) if (HASHES[k] === h) return true;
        HASHES[used++] = h;
        keyNext = false;
      } else {
        j = closingQuote(t, i);
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (++top >= STARTS.length) return true;
      STARTS[top] = c === 0x7b ? used : -1;
      keyNext = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      const start = STARTS[top--] as number;
      if (start >= 0) used = start;
      keyNext = false;
    } else if (c === 0x2c) {
      keyNext = (STARTS[top] as number) >= 0;
    }
  }
  return false;
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
    else parts.push(`["${s}"]`);
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

  constructor(readonly text: string) {}

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
