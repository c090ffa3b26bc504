/**
 * `decode` / `encode` by message name and format (mirrors `vibe_contracts/codec.py`), for one
 * major at a time: `codecOf(major)` gives the pair each entry point (`@vibe/contracts/v1`, …) exports.
 *
 * @module
 */

import { childPath } from "./check.js";
import { decodeProto, loneSurrogate, toProtoBytes } from "./convert.js";
import { ContractError, type Violation } from "./errors.js";
import { readJson, settleJson, typeName } from "./json.js";
import { checkSize, resolveLimits, type Limits } from "./limits.js";
import { knownName, type Major, type NameOf } from "./spec.js";
import { validate, walkOf } from "./validate.js";

export type Format = "json" | "protobuf";

export interface DecodeOptions {
  /** `"json"` (default): UTF-8 bytes or a string; `"protobuf"`: bytes. */
  readonly format?: Format;
  /** Writer rules (docs/spec.md §4) when true; the tolerant reader rules by default. */
  readonly strict?: boolean;
  /**
   * Size and nesting limits (rule `limit`): the given fields over `DEFAULT_LIMITS`;
   * absent, the process default (`setDefaultLimits`).
   */
  readonly limits?: Partial<Limits>;
}

export interface EncodeOptions {
  /** `"json"` (default) or `"protobuf"`. */
  readonly format?: Format;
}

const UTF8 = new TextEncoder();

/** `decode` and `encode` of one major (`M`: its `MessageTypes`). */
export interface Codec<M extends object> {
  /**
   * Decode and validate one message of type `name` (`"order"`, …): the
   * normalized JSON form. Throws ContractError.
   */
  decode<N extends NameOf<M>>(name: N, data: Uint8Array | string, options?: DecodeOptions): M[N];
  /** Validate `value` strictly and serialize it: canonical JSON or deterministic Protobuf bytes. Throws ContractError. */
  encode<N extends NameOf<M>>(name: N, value: M[N], options?: EncodeOptions): Uint8Array;
}

/** `decode` and `encode` bound to `major`. */
export function codecOf<M extends object>(major: Major<M>): Codec<M> {
  return {
    decode: (name, data, options) => decodeIn(major, name, data, options),
    encode: (name, value, options) => encodeIn(major, name, value, options),
  };
}

function badFormat(format: unknown): TypeError {
  return new TypeError(`unknown format ${JSON.stringify(format)}; expected "json" or "protobuf"`);
}

function checked<T>(result: { value: T | undefined; errors: readonly Violation[] }): T {
  if (result.errors.length) throw new ContractError(result.errors);
  return result.value as T;
}

/** `decode` of `major`. */
export function decodeIn<M extends object, N extends NameOf<M>>(
  major: Major<M>,
  name: N,
  data: Uint8Array | string,
  options: DecodeOptions = {},
): M[N] {
  const { format = "json", strict = false } = options;
  knownName(major, name);
  const limits = resolveLimits(options.limits);
  if (format === "json") {
    // A canonical text is read by the message's reader, its keys and depth known as it reads.
    // Any other is validated first, as the validator counts the quotes of the fields it
    // accepts: a text with no more quotes needs no other check of its depth and keys
    // (`settleJson`), which still decide first: a text too deep or with a repeated key is
    // refused for that alone.
    const fits = major.depths[name] <= limits.maxDepth;
    const json = readJson(data, limits, fits ? major.readers[name] : undefined);
    const c = walkOf(strict, json.source);
    const value = major.validators[name](json.value, c);
    const valid = c.errors.length === 0;
    settleJson(json, limits, valid && fits ? c.quotes : -1);
    if (!valid) throw new ContractError(c.errors);
    return value as M[N];
  }
  if (format === "protobuf") {
    if (!(data instanceof Uint8Array)) {
      const got = typeof data === "string" ? "str" : typeName(data);
      throw ContractError.at("", "type", `expected Protobuf bytes, got ${got}`);
    }
    checkSize(data, limits);
    const message = major.topicMessages[name];
    return checked(validate(major, name, decodeProto(major, data, message, strict), { strict }));
  }
  throw badFormat(format);
}

/** `encode` of `major`. */
export function encodeIn<M extends object, N extends NameOf<M>>(
  major: Major<M>,
  name: N,
  value: M[N],
  options: EncodeOptions = {},
): Uint8Array {
  const { format = "json" } = options;
  const message = major.topicMessages[knownName(major, name)];
  if (format !== "json" && format !== "protobuf") throw badFormat(format);
  const valid = checked(validate(major, name, value, { strict: true }));
  if (format === "protobuf") return toProtoBytes(major, valid as unknown as Record<string, unknown>, message);
  // The validator's output holds the fields in declared order, absent ones left out: for a
  // message without doubles JSON.stringify writes it canonically, in one native call.
  const text = major.stringifyIsCanonical[name] && !toJsonAdded() ? JSON.stringify(valid) : major.writers[name](valid);
  // JSON.stringify writes a lone surrogate as `\udXXX`, which Python's parser (and `decode`) refuse.
  if (text.includes("\\u")) {
    const path = loneSurrogateAt(valid, "");
    if (path !== undefined) throw loneSurrogate(path);
  }
  return UTF8.encode(text);
}

/**
 * Whether a `toJSON` method reaches the values JSON.stringify would write: objects (through
 * arrays), numbers and booleans, which the per-field writers do not hand to it, and strings,
 * which they hand to it without their key.
 */
function toJsonAdded(): boolean {
  return (
    "toJSON" in Array.prototype ||
    "toJSON" in Number.prototype ||
    "toJSON" in Boolean.prototype ||
    "toJSON" in String.prototype
  );
}

/** The path of the first string holding a lone surrogate, if any. */
function loneSurrogateAt(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.isWellFormed() ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = loneSurrogateAt(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = loneSurrogateAt(v, childPath(path, k));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
