/**
 * `decode` / `encode` by message name and format (mirrors `vibe_contracts/codec.py`).
 *
 * @module
 */

import { childPath } from "./check.js";
import { decodeProto, loneSurrogate, toProtoBytes } from "./convert.js";
import { ContractError, type Violation } from "./errors.js";
import { TOPIC_MESSAGES } from "./gen/v1/tables.js";
import { DEPTHS } from "./gen/v1/validators.js";
import { MESSAGE_NAMES, type MessageName, type MessageTypes } from "./gen/v1/types.js";
import { STRINGIFY_IS_CANONICAL, WRITERS } from "./gen/v1/writers.js";
import { readJson, settleJson, typeName } from "./json.js";
import { checkSize, resolveLimits, type Limits } from "./limits.js";
import type { MessageSpec } from "./spec.js";
import { validate, validateCounting } from "./validate.js";

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

function spec(name: MessageName): MessageSpec {
  if (!MESSAGE_NAMES.includes(name)) {
    throw new TypeError(`unknown message type ${JSON.stringify(name)}; expected one of ${MESSAGE_NAMES.join(", ")}`);
  }
  return TOPIC_MESSAGES[name];
}

function badFormat(format: unknown): TypeError {
  return new TypeError(`unknown format ${JSON.stringify(format)}; expected "json" or "protobuf"`);
}

function checked<N extends MessageName>(result: { value: MessageTypes[N] | undefined; errors: readonly Violation[] }) {
  if (result.errors.length) throw new ContractError(result.errors);
  return result.value as MessageTypes[N];
}

/**
 * Decode and validate one message of type `name` (`"order"`, …): the
 * normalized JSON form. Throws ContractError.
 */
export function decode<N extends MessageName>(
  name: N,
  data: Uint8Array | string,
  options: DecodeOptions = {},
): MessageTypes[N] {
  const { format = "json", strict = false } = options;
  const message = spec(name);
  const limits = resolveLimits(options.limits);
  if (format === "json") {
    // Validated first, as it counts the quotes of the fields it accepts: a text with no more
    // quotes needs no other check of its depth and keys (`settleJson`), which still decide
    // first: a text too deep or with a repeated key is refused for that alone.
    const json = readJson(data, limits);
    const { validated, quotes } = validateCounting(name, json.value, { strict, source: json.source });
    settleJson(json, limits, DEPTHS[name] <= limits.maxDepth ? quotes : -1);
    return checked<N>(validated);
  }
  if (format === "protobuf") {
    if (!(data instanceof Uint8Array)) {
      const got = typeof data === "string" ? "str" : typeName(data);
      throw ContractError.at("", "type", `expected Protobuf bytes, got ${got}`);
    }
    checkSize(data, limits);
    return checked<N>(validate(name, decodeProto(data, message, strict), { strict }));
  }
  throw badFormat(format);
}

/** Validate `value` strictly and serialize it: canonical JSON or deterministic Protobuf bytes. Throws ContractError. */
export function encode<N extends MessageName>(name: N, value: MessageTypes[N], options: EncodeOptions = {}): Uint8Array {
  const { format = "json" } = options;
  const message = spec(name);
  if (format !== "json" && format !== "protobuf") throw badFormat(format);
  const valid = checked<N>(validate(name, value, { strict: true }));
  if (format === "protobuf") return toProtoBytes(valid as unknown as Record<string, unknown>, message);
  // The validator's output holds the fields in declared order, absent ones left out: for a
  // message without doubles JSON.stringify writes it canonically, in one native call.
  const text = STRINGIFY_IS_CANONICAL[name] && !toJsonAdded() ? JSON.stringify(valid) : WRITERS[name](valid);
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
