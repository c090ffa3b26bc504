/**
 * Limits on what a decode accepts before it does any expensive work (rule
 * `limit`; mirrors `vibe_contracts/limits.py`, same defaults, same checks).
 *
 * - `maxBytes` (default 1 MiB): size of the encoded message: JSON or
 *   Protobuf bytes, or the UTF-8 length of a JSON string. Checked first, in
 *   constant time unless the length alone cannot decide.
 * - `maxDepth` (default 64, at most 512): nesting of JSON arrays and objects,
 *   the top-level object being depth 1. Decided before any other check of
 *   the text: on the text itself (`jsonDepthExceeds`), or, for text that
 *   parses and repeats no key, on the parsed value, which nests the same.
 *
 * - `maxHeaderBytes` (default 1 KiB): size of each of the three headers the
 *   library reads from a Kafka record (content-type, schema-version,
 *   application-id), checked before the value is decoded, judged or quoted;
 *   other headers are not read at all.
 *
 * String lengths and item counts are the contract's own rules (docs/spec.md §3:
 * `max_length`, `max_items`), checked before any pattern or per-item work.
 *
 * Pass `{ limits: { maxBytes: … } }` to `decode` (missing fields are the
 * defaults), or change the default of the process with `setDefaultLimits`.
 *
 * @module
 */

import { ContractError } from "./errors.js";

export interface Limits {
  /** Largest encoded message, in bytes (a JSON string: its UTF-8 length). */
  readonly maxBytes: number;
  /** Deepest JSON nesting of arrays and objects; the top-level object is depth 1. */
  readonly maxDepth: number;
  /** Largest value of a header the library reads (content-type, schema-version, application-id), in bytes. */
  readonly maxHeaderBytes: number;
}

/** The highest `maxDepth` accepted (the same bound as Python's). */
export const MAX_DEPTH_CEILING = 512;

/** The limits of a decode that passes none: 1 MiB, depth 64, headers of 1 KiB. */
export const DEFAULT_LIMITS: Limits = Object.freeze({ maxBytes: 1024 * 1024, maxDepth: 64, maxHeaderBytes: 1024 });

let current: Limits = DEFAULT_LIMITS;

/** Checked, frozen limits: the given fields (undefined: absent) over `DEFAULT_LIMITS`. Throws RangeError on a bad value. */
export function makeLimits(given: Partial<Limits> = {}): Limits {
  const made = {
    maxBytes: given.maxBytes ?? DEFAULT_LIMITS.maxBytes,
    maxDepth: given.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxHeaderBytes: given.maxHeaderBytes ?? DEFAULT_LIMITS.maxHeaderBytes,
  };
  for (const name of ["maxBytes", "maxDepth", "maxHeaderBytes"] as const) {
    const value = made[name];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Limits.${name} must be a positive integer, got ${String(value)}`);
    }
  }
  if (made.maxDepth > MAX_DEPTH_CEILING) {
    throw new RangeError(`Limits.maxDepth must be at most ${MAX_DEPTH_CEILING}, got ${made.maxDepth}`);
  }
  return Object.freeze(made);
}

/** The limits a decode uses when it is passed none. */
export function defaultLimits(): Limits {
  return current;
}

/** Make `limits` (over `DEFAULT_LIMITS`) the default of every later decode; returns the previous default. */
export function setDefaultLimits(limits: Partial<Limits>): Limits {
  const previous = current;
  current = makeLimits(limits);
  return previous;
}

/** The limits of one decode: the default, or the given fields over `DEFAULT_LIMITS`. */
export function resolveLimits(given: Partial<Limits> | undefined): Limits {
  return given === undefined ? current : makeLimits(given);
}

/** Whether `data` is larger than `maxBytes`: bytes by length, a string by its UTF-8 length (a lone surrogate: 3). */
export function sizeExceeds(data: Uint8Array | string, maxBytes: number): boolean {
  if (typeof data !== "string") return data.byteLength > maxBytes;
  const n = data.length;
  if (n > maxBytes) return true; // a UTF-16 unit is 1 to 3 bytes
  if (3 * n <= maxBytes) return false;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const u = data.charCodeAt(i);
    if (u < 0x80) bytes += 1;
    else if (u < 0x800) bytes += 2;
    else if (u >= 0xd800 && u <= 0xdbff && i + 1 < n && (data.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > maxBytes) return true;
  }
  return false;
}

/** Refuse (rule `limit`) a message larger than `limits.maxBytes`. */
export function checkSize(data: Uint8Array | string, limits: Limits): void {
  if (sizeExceeds(data, limits.maxBytes)) {
    throw ContractError.at("", "limit", `the message is larger than the limit of ${limits.maxBytes} bytes`);
  }
}

export function depthError(limits: Limits): ContractError {
  return ContractError.at("", "limit", `JSON nested deeper than the limit of ${limits.maxDepth} levels`);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** Whether `data` holds more than `max` of `[` and `{` in all (else it cannot nest deeper than `max`). */
function manyBrackets(data: Uint8Array | string, max: number): boolean {
  let n = 0;
  if (typeof data === "string") {
    for (const open of ["[", "{"]) {
      for (let i = data.indexOf(open); i >= 0; i = data.indexOf(open, i + 1)) if (++n > max) return true;
    }
  } else {
    for (const open of [OPEN_ARRAY, OPEN_OBJECT]) {
      for (let i = data.indexOf(open); i >= 0; i = data.indexOf(open, i + 1)) if (++n > max) return true;
    }
  }
  return false;
}

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`.
 *
 * Defined on any text, valid JSON or not, as Python's `json_depth_exceeds`:
 * left to right, a `"` starts a string that runs to the next `"` not escaped
 * by a backslash (or to the end); outside strings `[` and `{` go one level
 * deeper, `]` and `}` one level up; the answer is whether any point is deeper
 * than `maxDepth`. Linear; it only walks the text when it has more than
 * `maxDepth` brackets at all. A decode runs it on text that did not parse, or
 * that may repeat a key; text that parses is otherwise judged on its value.
 */
export function jsonDepthExceeds(data: Uint8Array | string, maxDepth: number): boolean {
  if (data.length <= maxDepth || !manyBrackets(data, maxDepth)) return false;
  const t = typeof data === "string" ? data : bytesAsText(data);
  let depth = 0;
  for (let i = 0, n = t.length; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = t.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** Each byte as one character (latin1): ASCII as itself, so the walk sees the same brackets and quotes. */
function bytesAsText(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}
