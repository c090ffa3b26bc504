/**
 * The primitives the generated validators (`gen/v<N>/validators.ts`) call.
 *
 * Each one reports violations with exactly the path, rule and message that
 * Python's `validate.py` gives, so both languages return the same list.
 *
 * @module
 */

import type { Rule, Violation } from "./errors.js";
import type { JsonSource } from "./json.js";
import { pyFloatRepr, pyIntRepr, pyRepr } from "./pyrepr.js";

/** One validation run: the mode, the violations found so far, where the walk is, and the JSON text if any. */
export interface Ctx {
  readonly strict: boolean;
  readonly errors: Violation[];
  /**
   * The path of the message being checked, as the field names and item indexes
   * that lead to it (empty at the top). Rendered as text only for a violation.
   */
  readonly trail: (string | number)[];
  /**
   * The JSON text the data was parsed from. Only read on the error path, to
   * word a message as Python does where `JSON.parse` loses a distinction
   * (`1.0` vs `1`, digits of a huge integer, the order of integer-like keys).
   */
  readonly src: JsonSource | undefined;
}

/** An enum number read from Protobuf that has no JSON string (unknown or UNSPECIFIED). */
export class UnknownEnumNumber {
  constructor(readonly value: number) {}
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `path` extended by an object key: `a.b`, or `a["odd key"]` for keys that are not identifiers. */
export function childPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The path `c.trail` stands for: `tickets[2]`, `organizer.legals`, or "" at the top. */
export function pathOf(c: Ctx): string {
  let path = "";
  for (const step of c.trail) {
    if (typeof step === "number") path = `${path}[${step}]`;
    else path = path ? `${path}.${step}` : step;
  }
  return path;
}

/** The path of field `key` (an identifier) of the message being checked (generated code only). */
export function here(c: Ctx, key: string): string {
  const path = pathOf(c);
  return path ? `${path}.${key}` : key;
}

export function fail(c: Ctx, path: string, rule: Rule, message: string): void {
  c.errors.push({ path, rule, message });
}

/** The JSON type name Python reports (`integer` vs `number` as the source literal was written). */
function jsonType(c: Ctx, path: string, value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) && !(c.src !== undefined && c.src.isFloat(path)) ? "integer" : "number";
    case "object":
      return Array.isArray(value) ? "array" : value instanceof UnknownEnumNumber ? "UnknownEnumNumber" : "object";
    default:
      return typeof value; // string, boolean; or bigint, undefined, function for non-JSON input
  }
}

export function typeError(c: Ctx, path: string, expected: string, value: unknown): void {
  fail(c, path, "type", `expected ${expected}, got ${jsonType(c, path, value)}`);
}

/** Length in Unicode code points (a surrogate pair counts once). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const u = s.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const w = s.charCodeAt(i + 1);
      if (w >= 0xdc00 && w <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** "1 character", "5 characters": the words of the length rules, as the Python package writes them. */
function characters(n: number): string {
  return n === 1 ? "1 character" : `${n} characters`;
}

/** Reports `min_length` / `max_length` (-1: no limit); true when the length is within the limits. */
export function lengthOk(c: Ctx, path: string, s: string, min: number, max: number): boolean {
  const n = codePoints(s);
  if (n < min) {
    fail(c, path, "min_length", `needs at least ${characters(min)}, has ${n}`);
    return false;
  }
  if (max >= 0 && n > max) {
    fail(c, path, "max_length", `allows at most ${characters(max)}, has ${n}`);
    return false;
  }
  return true;
}

/** Whether every code unit of `s` from index `from` on is an ASCII digit (a fixed-shape pattern's tail, generated code only). */
export function digitsFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u < 48 || u > 57) return false;
  }
  return true;
}

export function patternError(c: Ctx, path: string): void {
  fail(c, path, "pattern", "does not match the required pattern");
}

/** The limits of a number field, with the texts Python words them in. */
export interface NumberRule {
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  /** `[-12, 14]`, `[946684800000, 4102444800000)`: Python's `_range(field)`. */
  readonly range: string;
  /** `must be a multiple of 0.25`. */
  readonly multipleText?: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The path of field `key` of the message being checked, or of the item being checked (`key` undefined). */
function pathAt(c: Ctx, key: string | undefined): string {
  return key === undefined ? pathOf(c) : here(c, key);
}

/**
 * The checked number (integers normalized, `-0` of an integer literal made `0`), or undefined.
 * `key`: the field of the message being checked, or undefined for an item (its path is `c.trail`).
 */
export function checkNumber(c: Ctx, key: string | undefined, value: unknown, r: NumberRule): number | undefined {
  let x: number;
  if (typeof value === "bigint" && r.integer) {
    // 64-bit integers from Protobuf (or a caller): exact, never rounded.
    if (value < -MAX_SAFE || value > MAX_SAFE) {
      fail(c, pathAt(c, key), "range", `${value} is out of range ${r.range}`);
      if (r.multipleOf !== undefined && !Number.isInteger(Number(value) / r.multipleOf)) {
        fail(c, pathAt(c, key), "multiple_of", r.multipleText ?? "");
      }
      return undefined;
    }
    x = Number(value);
  } else if (typeof value !== "number" || (r.integer && !Number.isInteger(value))) {
    typeError(c, pathAt(c, key), r.integer ? "integer" : "number", value);
    return undefined;
  } else if (!Number.isFinite(value)) {
    fail(c, pathAt(c, key), "type", "expected a finite number");
    return undefined;
  } else if (r.integer) {
    x = value + 0; // Python ints have no -0
  } else {
    x = value;
    // `-0` written without a fraction is the integer 0 in Python, so the float 0.0.
    if (x === 0 && 1 / x < 0 && c.src !== undefined && !c.src.isFloat(pathAt(c, key))) x = 0;
  }
  let ok = true;
  if (
    (r.minimum !== undefined && x < r.minimum) ||
    (r.maximum !== undefined && x > r.maximum) ||
    (r.exclusiveMaximum !== undefined && x >= r.exclusiveMaximum)
  ) {
    const shown = r.integer ? intRepr(c, pathAt(c, key), x) : pyFloatRepr(x);
    fail(c, pathAt(c, key), "range", `${shown} is out of range ${r.range}`);
    ok = false;
  }
  if (r.multipleOf !== undefined && !Number.isInteger(x / r.multipleOf)) {
    fail(c, pathAt(c, key), "multiple_of", r.multipleText ?? "");
    ok = false;
  }
  return ok ? x : undefined;
}

function intRepr(c: Ctx, path: string, x: number): string {
  if (!Number.isSafeInteger(x) && c.src !== undefined) {
    const literal = c.src.intLiteral(path);
    if (literal !== undefined) return literal;
  }
  return pyIntRepr(x);
}

/** An enum's JSON strings, its tolerant fallback, and the list Python prints. */
export interface EnumRule {
  readonly known: ReadonlySet<string>;
  readonly fallback: string | undefined;
  /** `ru_ltd, ru_lp, en_ltd` */
  readonly listed: string;
}

/** The enum string (fallback-mapped in tolerant mode), or undefined after reporting. */
export function checkEnum(c: Ctx, path: string, value: unknown, e: EnumRule): string | undefined {
  if (typeof value === "string" && e.known.has(value)) return value;
  if (typeof value !== "string" && !(value instanceof UnknownEnumNumber)) {
    typeError(c, path, "string", value);
    return undefined;
  }
  if (e.fallback !== undefined && !c.strict) return e.fallback;
  const shown = typeof value === "string" ? pyRepr(value) : `number ${value.value}`;
  fail(c, path, "enum", `${shown} is not one of ${e.listed}`);
  return undefined;
}

/** Up to this many items, duplicates are found by comparing each item with those before it. */
const FEW = 8;

/**
 * Reports each later duplicate among the `items` of field `key`: at `key[i]`, or
 * `key[i].by` for items unique by their field `by`. Equal as in a Set (SameValueZero).
 */
export function checkUnique(c: Ctx, items: readonly unknown[], key: string, by: string | undefined): void {
  const n = items.length;
  if (n < 2) return;
  const valueOf = (i: number): unknown => (by === undefined ? items[i] : (items[i] as Record<string, unknown>)[by]);
  if (n <= FEW) {
    for (let i = 1; i < n; i++) {
      const v = valueOf(i);
      for (let j = 0; j < i; j++) {
        const w = valueOf(j);
        if (v === w || (v !== v && w !== w)) {
          duplicate(c, key, by, i, v);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<unknown>();
  for (let i = 0; i < n; i++) {
    const v = valueOf(i);
    if (seen.has(v)) duplicate(c, key, by, i, v);
    else seen.add(v);
  }
}

function duplicate(c: Ctx, key: string, by: string | undefined, i: number, v: unknown): void {
  fail(c, `${here(c, key)}[${i}]${by === undefined ? "" : `.${by}`}`, "unique", `duplicate value ${pyRepr(v)}`);
}

const INDEX_KEY = /^(?:0|[1-9][0-9]{0,9})$/;

/**
 * Strict mode: reports keys of `o` that are not fields, in the order the input wrote them.
 * `fields` in declaration order, `known` the same names as a set.
 */
export function unknownKeys(
  c: Ctx,
  o: Record<string, unknown>,
  fields: readonly string[],
  known: ReadonlySet<string>,
): void {
  let extra: string[] | undefined;
  // Keys mostly come in declaration order: each is looked for from the field after the last
  // one found, and only a key not found that way is looked up in the set. for…in visits the
  // own keys first, in the order Object.keys lists them; inherited ones are skipped.
  let next = 0;
  for (const k in o) {
    let i = next;
    while (i < fields.length && fields[i] !== k) i++;
    if (i < fields.length) next = i + 1;
    else if (!known.has(k) && Object.hasOwn(o, k) && o[k] !== undefined) (extra ??= []).push(k);
  }
  if (extra === undefined) return;
  const path = pathOf(c);
  // JavaScript lists integer-like keys first; Python keeps the order of the text.
  if (extra.length > 1 && c.src !== undefined && extra.some((k) => INDEX_KEY.test(k) && Number(k) < 2 ** 32 - 1)) {
    const order = c.src.keyOrder(path);
    if (order !== undefined) extra.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  for (const k of extra) fail(c, childPath(path, k), "unknown_field", "unknown field");
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof UnknownEnumNumber);
}
