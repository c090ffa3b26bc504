/**
 * JSON text in: UTF-8 bytes or a string to data, refusing what Python's
 * parser (orjson) refuses, and the source facts `JSON.parse` drops.
 *
 * @module
 */

import { childPath } from "./check.js";
import { ContractError } from "./errors.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// Gates for the rare inputs JSON.parse accepts and orjson does not: an escaped lone
// surrogate (`"\ud800"`), nesting deeper than 1024. Only when a gate opens is the
// parsed value walked. A number beyond the double range is a number (Infinity) in
// both languages, judged by the rules of the field that holds it.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** orjson's nesting limit: a document nested deeper is not valid JSON to Python. */
const MAX_DEPTH = 1024;

/** Whether the text has more than MAX_DEPTH `[` and `{` (else it cannot nest deeper). */
function mayNestTooDeep(text: string): boolean {
  if (text.length <= 2 * MAX_DEPTH) return false;
  let n = 0;
  for (const open of ["[", "{"]) {
    for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) {
      if (++n > MAX_DEPTH) return true;
    }
  }
  return false;
}

/** Parse JSON bytes or text; bad input is a ContractError with rule `syntax` (or `type`). */
export function parseJson(data: unknown): { value: unknown; source: JsonSource } {
  let text: string;
  if (typeof data === "string") {
    if (!data.isWellFormed()) throw syntax("str is not valid UTF-8: surrogates not allowed");
    text = data;
  } else if (data instanceof Uint8Array) {
    try {
      text = UTF8.decode(data);
    } catch {
      throw syntax("invalid UTF-8");
    }
  } else {
    throw ContractError.at("", "type", `expected JSON bytes or str, got ${typeName(data)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (exc) {
    throw syntax((exc as Error).message);
  }
  if ((text.includes("\\u") && SURROGATE_ESCAPE.test(text)) || mayNestTooDeep(text)) {
    const problem = refused(value, 1);
    if (problem !== undefined) throw syntax(problem);
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

/** Why orjson would refuse the parsed value, if it would: lone surrogates, deep nesting. */
function refused(value: unknown, depth: number): string | undefined {
  if (typeof value === "string") return value.isWellFormed() ? undefined : "lone surrogate in string";
  if (typeof value !== "object" || value === null) return undefined;
  if (depth > MAX_DEPTH) return "depth limit exceeded";
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = refused(item, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  for (const [k, item] of Object.entries(value)) {
    const problem = k.isWellFormed() ? refused(item, depth + 1) : "lone surrogate in string";
    if (problem !== undefined) return problem;
  }
  return undefined;
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
