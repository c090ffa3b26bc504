/**
 * Personal data out of logs (docs/spec.md §6): masks every field marked PII in the
 * source (mirrors `vibe_contracts/redact.py`).
 *
 * `redact` gives the JSON form of a message with each PII field replaced by
 * `"**Hidden**"`; `describeRecord` gives one log line for a Kafka record —
 * topic, key, headers and the redacted payload, or the paths and rules of a
 * rejection, never the raw value — the same line Python's `describe_record`
 * writes for the same record. Both read the PII marks of one major: `redactOf(major)`.
 *
 * @module
 */

import { ContractError } from "./errors.js";
import { pyFloatRepr, pyIntRepr } from "./pyrepr.js";
import { topicSpec, type FieldSpec, type Major, type MessageSpec, type NameOf, type Tables } from "./spec.js";

/** What every personal-data value is replaced by. */
export const HIDDEN = "**Hidden**";

/** A header value as Kafka clients give it: UTF-8 bytes, a string, or nothing. */
export type HeaderValue = Uint8Array | string | null | undefined;

/**
 * A record's headers: `[name, value]` pairs in record order (as `encodeRecord`
 * gives them), or an object of name → value as kafkajs gives them, where an
 * array value means the header appears more than once.
 */
export type RecordHeaders =
  | Iterable<readonly [string, HeaderValue]>
  | { readonly [name: string]: HeaderValue | readonly HeaderValue[] }
  | null
  | undefined;

/** A decoded message of a major together with its name (`"order"`, …), as `fromKafkaMessage` gives it. */
export type DecodedOf<M extends object> = { [N in NameOf<M>]: { readonly name: N; readonly message: M[N] } }[NameOf<M>];

/**
 * The headers as `[name, value]` pairs in record order; an array value of an
 * object (kafkajs: a repeated header) becomes one pair per item.
 */
export function headerPairs(headers: RecordHeaders): [string, HeaderValue][] {
  if (headers === null || headers === undefined) return [];
  const pairs: [string, HeaderValue][] = [];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const [name, value] of headers as Iterable<readonly [string, HeaderValue]>) pairs.push([name, value]);
    return pairs;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) {
      for (const item of value as readonly HeaderValue[]) pairs.push([name, item]);
    } else {
      pairs.push([name, value as HeaderValue]);
    }
  }
  return pairs;
}

/** `redact` and `describeRecord` of one major (`M`: its `MessageTypes`). */
export interface Redaction<M extends object> {
  /**
   * The JSON form of `message` (a message of type `name`, `"order"`, …) as plain
   * data, every PII field replaced by `"**Hidden**"`. Fields come in declaration
   * order; keys the contract does not know are left out (they could carry
   * anything). The message itself is not changed.
   */
  redact<N extends NameOf<M>>(name: N, message: M[N]): Record<string, unknown>;
  /**
   * One log line for a record: topic, key, headers and the redacted payload
   * (never the raw value). Pass the decoded message with its name — what
   * `fromKafkaMessage` returns — or `null` with the `error` that refused it.
   * The same line as Python's `describe_record` for the same record.
   */
  describeRecord(
    topic: string,
    key: Uint8Array | string | null | undefined,
    headers: RecordHeaders,
    decoded: DecodedOf<M> | null | undefined,
    options?: DescribeOptions,
  ): string;
}

/** `redact` and `describeRecord` bound to `major`. */
export function redactOf<M extends object>(major: Major<M>): Redaction<M> {
  return {
    redact: (name, message) => {
      const spec = topicSpec(major, name);
      return redactWith(major, spec, message as unknown as Record<string, unknown>);
    },
    describeRecord: (topic, key, headers, decoded, options) => describe(major, topic, key, headers, decoded, options),
  };
}

function nested(major: Tables, field: FieldSpec): MessageSpec {
  return major.messages[field.typeName as string] as MessageSpec;
}

function redactWith(major: Tables, spec: MessageSpec, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const value = Object.hasOwn(data, field.name) ? data[field.name] : undefined;
    if (value === undefined || value === null) continue;
    if (field.pii) {
      out[field.name] = field.repeated && Array.isArray(value) ? value.map(() => HIDDEN) : HIDDEN;
    } else if (field.kind === "message") {
      const inner = nested(major, field);
      out[field.name] = field.repeated && Array.isArray(value)
        ? value.map((v) => redactWith(major, inner, v as Record<string, unknown>))
        : redactWith(major, inner, value as Record<string, unknown>);
    } else {
      out[field.name] = field.repeated && Array.isArray(value) ? [...value] : value;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------- Python's json.dumps

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
};

/** A string as `json.dumps(s, ensure_ascii=False)` writes it. */
function pyJsonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/[\x00-\x1f"\\]/g, (ch) => ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}"`;
}

/** Python's ordering of str keys: by code point (not by UTF-16 unit, as Array.sort does). */
export function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Plain JSON data as `json.dumps(value, ensure_ascii=False)` writes it; `kind` says how numbers print. */
function pyDumps(value: unknown, kind?: FieldSpec["kind"], sortKeys = false): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return pyJsonString(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
      return kind === "double" || !Number.isInteger(value) ? pyFloatRepr(value) : pyIntRepr(value);
    case "bigint":
      return value.toString();
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map((v) => pyDumps(v, kind)).join(", ")}]`;
  const keys = Object.keys(value as object);
  if (sortKeys) keys.sort(byCodePoint);
  return `{${keys.map((k) => `${pyJsonString(k)}: ${pyDumps((value as Record<string, unknown>)[k])}`).join(", ")}}`;
}

/** A redacted message as Python dumps it: doubles as floats (`3.0`), 64-bit integers as integers. */
function dumpsMessage(major: Tables, spec: MessageSpec, data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const field of spec.fields) {
    if (!Object.hasOwn(data, field.name)) continue;
    const value = data[field.name];
    let text: string;
    if (field.kind === "message" && !field.pii && value !== null && typeof value === "object") {
      const inner = nested(major, field);
      text = Array.isArray(value)
        ? `[${value.map((v) => dumpsMessage(major, inner, v as Record<string, unknown>)).join(", ")}]`
        : dumpsMessage(major, inner, value as Record<string, unknown>);
    } else {
      text = pyDumps(value, field.pii ? undefined : field.kind);
    }
    parts.push(`${pyJsonString(field.name)}: ${text}`);
  }
  return `{${parts.join(", ")}}`;
}

// ---------------------------------------------------------------------------- describeRecord

const LENIENT_UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

function text(value: HeaderValue): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : LENIENT_UTF8.decode(value);
}

function typeNameOf(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const ctor = (error as { constructor?: { name?: unknown } }).constructor;
    if (typeof ctor?.name === "string" && ctor.name) return ctor.name;
    const name = (error as { name?: unknown }).name;
    if (typeof name === "string" && name) return name;
    return "Object";
  }
  return typeof error;
}

/** What a log line may say about an error: paths and rules of a ContractError, else only its type. */
function safeError(error: unknown): string {
  // Violation messages may quote the offending value (a malformed e-mail is still an e-mail).
  if (error instanceof ContractError) return error.errors.map((v) => `${v.path || "<root>"} ${v.rule}`).join("; ");
  return typeNameOf(error);
}

export interface DescribeOptions {
  /** The error that refused the record (pass `null` as the decoded message then). */
  readonly error?: unknown;
}

function describe<M extends object>(
  major: Major<M>,
  topic: string,
  key: Uint8Array | string | null | undefined,
  headers: RecordHeaders,
  decoded: DecodedOf<M> | null | undefined,
  options: DescribeOptions = {},
): string {
  const shown: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const [name, value] of headerPairs(headers)) shown[name] = text(value);
  const parts = [`topic=${topic}`, `key=${pyDumps(text(key))}`, `headers=${pyDumps(shown, undefined, true)}`];
  if (decoded !== null && decoded !== undefined) {
    const spec = topicSpec(major, decoded.name);
    const payload = redactWith(major, spec, decoded.message as unknown as Record<string, unknown>);
    parts.push(`${spec.name}=${dumpsMessage(major, spec, payload)}`);
  }
  if (options.error !== undefined && options.error !== null) parts.push(`rejected=${typeNameOf(options.error)}: ${safeError(options.error)}`);
  return parts.join(" ");
}
