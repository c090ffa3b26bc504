/// <reference types="node" preserve="true" />
/**
 * Messages on Kafka (docs/spec.md §2): the record envelope — key, value and the three
 * headers — and adapters for kafkajs (mirrors `vibe_contracts/kafka`).
 *
 * `encodeRecord` validates a message strictly and wraps it in a record;
 * `decodeRecord` checks the headers and decodes the value by `content-type`,
 * with the same rules, paths and messages as Python's `decode_record`
 * (`header_missing`, `header_duplicate`, `content_type`, `schema_version`,
 * `application_id`, `topic`, `key`, and the rules of the message).
 *
 * The kafkajs adapters never import kafkajs: `toKafkaMessage` gives what
 * `producer.send({ topic, messages: [...] })` takes, `fromKafkaMessage`
 * decodes the payload of `eachMessage`.
 *
 * Each function belongs to one major (`envelopeOf(major)`): it writes that
 * major's `schema-version` and refuses a record of another major.
 *
 * @module
 */

import { decodeIn, encodeIn, type DecodeOptions } from "./codec.js";
import { ContractError, type EnvelopeRule } from "./errors.js";
import { resolveLimits, sizeExceeds } from "./limits.js";
import { pyQuoted, pyStrRepr } from "./pyrepr.js";
import { headerPairs, type DecodedOf, type HeaderValue, type RecordHeaders } from "./redact.js";
import { knownName, type Major, type NameOf } from "./spec.js";

/** The `content-type` of the JSON form. */
export const CONTENT_TYPE_JSON = "application/json";
/** The `content-type` of the Protobuf form. */
export const CONTENT_TYPE_PROTOBUF = "application/x-protobuf";
/** The content types a producer may set. */
export const CONTENT_TYPES: readonly ContentType[] = [CONTENT_TYPE_JSON, CONTENT_TYPE_PROTOBUF];
export type ContentType = typeof CONTENT_TYPE_JSON | typeof CONTENT_TYPE_PROTOBUF;


/** The three headers every record carries, in the order they are written. */
export const HEADER_NAMES = ["content-type", "schema-version", "application-id"] as const;
type HeaderName = (typeof HEADER_NAMES)[number];

/** A topic name → the name of the message it carries (`{ "prod.orders.v1": "order" }`). */
export type TopicMap<Name extends string = string> = { readonly [topic: string]: Name };

const APPLICATION_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const VERSION = /^(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})$/;
const UTF8 = new TextEncoder();
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
// Python's str.strip(): the characters for which str.isspace() holds.
const PY_SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function envelopeError(path: string, rule: EnvelopeRule, message: string): ContractError {
  return ContractError.at(path, rule, message);
}

function headerPath(name: string): string {
  return `headers["${name}"]`;
}

function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_SPACE.includes(s[start] as string)) start++;
  while (end > start && PY_SPACE.includes(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

// ---------------------------------------------------------------------------- encoding

export interface EncodeRecordOptions {
  /** `application/json` (default) or `application/x-protobuf`. */
  readonly contentType?: ContentType;
  /** The data source in the `application-id` header, e.g. `ticketland`. */
  readonly applicationId: string;
  /** The record key; by default the message's key field (`id`). A Refund without an id needs one. */
  readonly key?: string | Uint8Array;
}

/** What goes to Kafka: key and value bytes and the headers as `[name, UTF-8 bytes]` pairs. */
export interface KafkaRecord {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  readonly headers: [string, Uint8Array][];
}

/** The envelope functions of one major (`M`: its `MessageTypes`). */
export interface Envelope<M extends object> {
  /**
   * Validate `message` (of type `name`, `"order"`, …) strictly and wrap it in a
   * record. The key is the message's key field (`id`) unless given; a Refund
   * without an id needs an explicit key. Throws ContractError.
   */
  encodeRecord<N extends NameOf<M>>(name: N, message: M[N], options: EncodeRecordOptions): KafkaRecord;
  /**
   * Check the headers and decode the value as `message` (or the message of
   * `topic`). The same major version is accepted, another refused naming both;
   * the format follows `content-type`; `limits` bounds the value's size and
   * nesting (rule `limit`). Throws ContractError (rules
   * `header_missing`, `header_duplicate`, `content_type`, `schema_version`,
   * `application_id`, `topic`, and those of the message).
   */
  decodeRecord<N extends NameOf<M>>(
    value: Uint8Array | string | null | undefined,
    headers: RecordHeaders,
    options: DecodeRecordOptions<NameOf<M>> & { readonly message: N },
  ): M[N];
  decodeRecord(
    value: Uint8Array | string | null | undefined,
    headers: RecordHeaders,
    options: DecodeRecordOptions<NameOf<M>>,
  ): M[NameOf<M>];
  /** The message name (`"order"`, …) carried by `topic`; `topics` maps custom topic names. Throws ContractError (`topic`). */
  messageForTopic(topic: string, topics?: TopicMap<NameOf<M>>): NameOf<M>;
  /**
   * `encodeRecord` for kafkajs: `{ key, value, headers }` with Buffers, for
   * `producer.send({ topic, messages: [toKafkaMessage("order", order, { applicationId })] })`.
   * Throws ContractError.
   */
  toKafkaMessage<N extends NameOf<M>>(name: N, message: M[N], options: EncodeRecordOptions): KafkaJsMessage;
  /**
   * Decode the payload of kafkajs's `eachMessage` by its topic: the message
   * with its name (`{ name: "order", message }`, narrowed by `name`). A header
   * kafkajs gives as an array appeared more than once: `header_duplicate`.
   * Throws ContractError.
   */
  fromKafkaMessage(payload: KafkaJsPayload, options?: FromKafkaOptions<NameOf<M>>): DecodedOf<M>;
}

/** One major with what its envelope keeps: the major number, the default topics, the header verdicts. */
interface Bound<M extends object> {
  readonly major: Major<M>;
  readonly number: number;
  readonly topics: ReadonlyMap<string, NameOf<M>>;
  /** Verdicts by the hash of the header values; a hash already taken by other values is not kept. */
  readonly verdicts: Map<number, Verdict>;
}

/** The envelope functions bound to `major`. */
export function envelopeOf<M extends object>(major: Major<M>): Envelope<M> {
  const b: Bound<M> = {
    major,
    number: Number(major.version.split(".")[0]),
    topics: new Map(major.names.map((name) => [major.topics[name], name])),
    verdicts: new Map(),
  };
  return {
    encodeRecord: (name, message, options) => encodeRecord(b, name, message, options),
    decodeRecord: (value: Uint8Array | string | null | undefined, headers: RecordHeaders,
      options: DecodeRecordOptions<NameOf<M>>) => decodeNamed(b, value, headers, options).message,
    messageForTopic: (topic, topics) => messageForTopic(b, topic, topics),
    toKafkaMessage: (name, message, options) => toKafkaMessage(b, name, message, options),
    fromKafkaMessage: (payload, options = {}) =>
      decodeNamed(b, payload.message.value, payload.message.headers, { ...options, topic: payload.topic }),
  } as Envelope<M>;
}

function encodeRecord<M extends object, N extends NameOf<M>>(
  b: Bound<M>,
  name: N,
  message: M[N],
  options: EncodeRecordOptions,
): KafkaRecord {
  const { key, value, contentType, applicationId } = recordParts(b.major, name, message, options);
  return {
    key: typeof key === "string" ? UTF8.encode(key) : Uint8Array.from(key),
    value,
    headers: [
      ["content-type", UTF8.encode(contentType)],
      ["schema-version", UTF8.encode(b.major.version)],
      ["application-id", UTF8.encode(applicationId)],
    ],
  };
}

/** What `encodeRecord` checks and encodes, before the key and headers become bytes. */
function recordParts<M extends object, N extends NameOf<M>>(
  major: Major<M>,
  name: N,
  message: M[N],
  options: EncodeRecordOptions,
) {
  const { contentType = CONTENT_TYPE_JSON, applicationId } = options;
  if (typeof applicationId !== "string") throw new TypeError("encodeRecord needs applicationId (a string)");
  if (!APPLICATION_ID.test(applicationId)) {
    throw envelopeError(headerPath("application-id"), "application_id",
      `${pyQuoted(applicationId)} does not match ^[a-z0-9][a-z0-9._-]{0,63}$`);
  }
  if (!CONTENT_TYPES.includes(contentType)) {
    const shown = typeof contentType === "string" ? pyQuoted(contentType) : String(contentType);
    throw envelopeError(headerPath("content-type"), "content_type", `${shown} is not one of ${CONTENT_TYPES.join(", ")}`);
  }
  const value = encodeIn(major, name, message, { format: contentType === CONTENT_TYPE_JSON ? "json" : "protobuf" });
  let key = options.key;
  if (key === undefined || key === null) {
    const spec = major.topicMessages[name];
    const keyField = spec.keyField;
    const own = keyField ? (message as unknown as Record<string, unknown>)[keyField] : undefined;
    if (typeof own !== "string" || !own) {
      throw envelopeError(keyField ?? "", "key", `${spec.name} has no ${keyField ?? "None"}: pass key=`);
    }
    key = own;
  }
  return { key, value, contentType, applicationId };
}

// ---------------------------------------------------------------------------- decoding

function messageForTopic<M extends object>(b: Bound<M>, topic: string, topics?: TopicMap<NameOf<M>>): NameOf<M> {
  const custom = topics !== undefined && Object.hasOwn(topics, topic) ? topics[topic] : undefined;
  const name = custom || b.topics.get(topic);
  if (name === undefined) throw envelopeError("", "topic", `no message is mapped to topic ${pyQuoted(topic)}`);
  return name;
}

export interface DecodeRecordOptions<Name extends string = string> {
  /** The message name (`"order"`, …); or give `topic`. */
  readonly message?: Name;
  /** The record's topic: its message is looked up in `topics`, then among the default names. */
  readonly topic?: string;
  /** Custom topic names → message names. */
  readonly topics?: TopicMap<Name>;
  /** Writer rules (docs/spec.md §4) when true; the tolerant reader rules by default. */
  readonly strict?: boolean;
  /** Bounds on the value's size and nesting (rule `limit`), as `decode` takes them. */
  readonly limits?: DecodeOptions["limits"];
}

function decodeNamed<M extends object>(
  b: Bound<M>,
  value: Uint8Array | string | null | undefined,
  headers: RecordHeaders,
  options: DecodeRecordOptions<NameOf<M>>,
): DecodedOf<M> {
  const { topic, topics, strict = false, limits } = options;
  let name = options.message;
  if (name === undefined) {
    if (topic === undefined) throw new TypeError("decodeRecord needs message or topic");
    name = messageForTopic(b, topic, topics);
  }
  knownName(b.major, name, (n) => pyStrRepr(String(n)));
  const contentType = checkedContentTypeOf(b, headers, resolveLimits(limits).maxHeaderBytes);
  if (value === null || value === undefined) {
    throw ContractError.at("", "syntax", "the record has no value (a tombstone)");
  }
  const format = contentType === CONTENT_TYPE_JSON ? "json" : "protobuf";
  const message = decodeIn(b.major, name, value, { format, strict, ...(limits === undefined ? {} : { limits }) });
  return { name, message } as DecodedOf<M>;
}

/** The values of content-type, schema-version and application-id, in that order. */
type Values = [Uint8Array | string, Uint8Array | string, Uint8Array | string];

interface Verdict {
  /** Copies of the header values that passed. */
  readonly values: Values;
  readonly contentType: ContentType;
  /** The size of the longest value, in bytes: the verdict holds under a `maxHeaderBytes` at least as large. */
  readonly longest: number;
}

/** At most this many verdicts are kept per major: the cache never grows with the input. */
const MAX_VERDICTS = 256;
/** Values longer than this in all (a padded content type) are checked every time, never kept. */
const MAX_KEPT_LENGTH = 256;
const FNV_OFFSET = -2128831035; // 0x811c9dc5
const FNV_PRIME = 16777619;

/**
 * The content type of headers that pass every check; throws ContractError otherwise.
 *
 * A topic's records mostly carry the same headers, so the verdict on the
 * values of the three headers (when each appears once, as bytes or a string)
 * is kept, for a bounded number of distinct values (as Python keeps its
 * verdicts on header tuples). Headers that fail are checked every time.
 */
function checkedContentTypeOf<M extends object>(b: Bound<M>, given: RecordHeaders, maxHeaderBytes: number): ContentType {
  // Headers are read twice (the cache's values, the full check): a one-shot iterable is read once, here.
  const headers = oneShot(given) ? [...given] : given;
  const values = ownHeaderValues(headers);
  const hash = values === undefined ? 0 : hashValues(values);
  if (values !== undefined) {
    const known = b.verdicts.get(hash);
    if (known !== undefined && known.longest <= maxHeaderBytes && sameValues(known.values, values)) {
      return known.contentType;
    }
  }
  const found = checkedHeaders(headers, maxHeaderBytes);
  const contentType = checkedContentType(found["content-type"]);
  checkSchemaVersion(b, found["schema-version"]);
  if (!APPLICATION_ID.test(found["application-id"])) {
    throw envelopeError(headerPath("application-id"), "application_id",
      `${pyQuoted(found["application-id"])} is not a valid application id`);
  }
  if (values !== undefined && b.verdicts.size < MAX_VERDICTS && !b.verdicts.has(hash) &&
      values[0].length + values[1].length + values[2].length <= MAX_KEPT_LENGTH) {
    const copies = values.map((v) => (typeof v === "string" ? v : new Uint8Array(v))) as Values;
    const longest = Math.max(...Object.values(found).map((v) => UTF8.encode(v).length));
    b.verdicts.set(hash, { values: copies, contentType, longest });
  }
  return contentType;
}

/** Whether `headers` is an iterable other than an array (a generator, a Map's entries …), which may read only once. */
function oneShot(headers: RecordHeaders): headers is Iterable<readonly [string, HeaderValue]> {
  return typeof headers === "object" && headers !== null && !Array.isArray(headers) &&
    typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}

/**
 * The values of content-type, schema-version and application-id when each
 * appears once, as bytes or a string, in headers given as pairs or as an
 * object of own properties; otherwise undefined (the full check decides).
 */
function ownHeaderValues(headers: RecordHeaders): Values | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  let contentType: unknown;
  let version: unknown;
  let applicationId: unknown;
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const pair of headers as Iterable<unknown>) {
      if (!Array.isArray(pair)) return undefined;
      const name: unknown = pair[0];
      if (name === "content-type") {
        if (contentType !== undefined) return undefined;
        contentType = pair[1];
      } else if (name === "schema-version") {
        if (version !== undefined) return undefined;
        version = pair[1];
      } else if (name === "application-id") {
        if (applicationId !== undefined) return undefined;
        applicationId = pair[1];
      }
    }
  } else {
    const object = headers as { readonly [name: string]: unknown };
    for (const name in object) {
      if (name === "content-type" || name === "schema-version" || name === "application-id") {
        if (!Object.hasOwn(object, name)) return undefined;
        if (name === "content-type") contentType = object[name];
        else if (name === "schema-version") version = object[name];
        else applicationId = object[name];
      }
    }
  }
  if (!isValue(contentType) || !isValue(version) || !isValue(applicationId)) return undefined;
  return [contentType, version, applicationId];
}

function isValue(value: unknown): value is Uint8Array | string {
  return typeof value === "string" || value instanceof Uint8Array;
}

/** FNV-1a over the values, each marked by its kind and length. */
function hashValues(values: Values): number {
  let h = FNV_OFFSET;
  for (const value of values) {
    const text = typeof value === "string";
    h = Math.imul(h ^ (text ? 1 : 2), FNV_PRIME);
    h = Math.imul(h ^ value.length, FNV_PRIME);
    if (text) {
      for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
    } else {
      for (let i = 0; i < value.length; i++) h = Math.imul(h ^ (value[i] as number), FNV_PRIME);
    }
  }
  return h;
}

function sameValues(kept: Values, values: Values): boolean {
  for (let k = 0; k < 3; k++) {
    const a = kept[k];
    const b = values[k];
    if (typeof a === "string" || typeof b === "string") {
      if (a !== b) return false;
    } else {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    }
  }
  return true;
}

function checkedHeaders(headers: RecordHeaders, maxHeaderBytes: number): Record<HeaderName, string> {
  const found = new Map<HeaderName, string>();
  for (const [name, raw] of headerPairs(headers)) {
    if (!(HEADER_NAMES as readonly string[]).includes(name)) continue; // tracing and the like are not ours to judge
    const header = name as HeaderName;
    if (found.has(header)) {
      throw envelopeError(headerPath(name), "header_duplicate", `header ${pyStrRepr(name)} appears more than once`);
    }
    if ((typeof raw === "string" || raw instanceof Uint8Array) && sizeExceeds(raw, maxHeaderBytes)) {
      // before the value is copied, decoded or quoted
      throw ContractError.at(headerPath(name), "limit",
        `header ${pyStrRepr(name)} is larger than the limit of ${maxHeaderBytes} bytes`);
    }
    if (typeof raw === "string") {
      found.set(header, raw);
      continue;
    }
    try {
      found.set(header, raw === null || raw === undefined ? "" : STRICT_UTF8.decode(raw));
    } catch {
      throw envelopeError(headerPath(name), name.replaceAll("-", "_") as EnvelopeRule,
        `header ${pyStrRepr(name)} is not UTF-8`);
    }
  }
  for (const name of HEADER_NAMES) {
    if (!found.has(name)) throw envelopeError(headerPath(name), "header_missing", `header ${pyStrRepr(name)} is missing`);
  }
  return Object.fromEntries(found) as Record<HeaderName, string>;
}

function checkedContentType(text: string): ContentType {
  const cut = text.indexOf(";");
  const media = pyStrip(cut < 0 ? text : text.slice(0, cut)).toLowerCase();
  const charset = cut < 0 ? "" : pyStrip(text.slice(cut + 1)).toLowerCase().replaceAll(" ", "");
  if (media === CONTENT_TYPE_JSON && (charset === "" || charset === "charset=utf-8")) return CONTENT_TYPE_JSON;
  if (media === CONTENT_TYPE_PROTOBUF && charset === "") return CONTENT_TYPE_PROTOBUF;
  throw envelopeError(headerPath("content-type"), "content_type",
    `${pyQuoted(text)} is not application/json (optionally ; charset=utf-8) or application/x-protobuf`);
}

function checkSchemaVersion<M extends object>(b: Bound<M>, text: string): void {
  const match = VERSION.exec(text);
  if (match === null) {
    throw envelopeError(headerPath("schema-version"), "schema_version", `${pyQuoted(text)} is not MAJOR.MINOR`);
  }
  if (Number(match[1]) !== b.number) {
    throw envelopeError(headerPath("schema-version"), "schema_version",
      `schema-version ${text} has another major than this reader's contract ${b.major.version}`);
  }
}

// ---------------------------------------------------------------------------- kafkajs

/** A message as kafkajs's `producer.send({ topic, messages: [...] })` takes it. */
export interface KafkaJsMessage {
  key: Buffer;
  value: Buffer;
  headers: { [name: string]: Buffer };
}

function asBuffer(bytes: Uint8Array): Buffer {
  // kafkajs writes anything but a Buffer as String(value): a plain Uint8Array would go out as "1,2,3".
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toKafkaMessage<M extends object, N extends NameOf<M>>(
  b: Bound<M>,
  name: N,
  message: M[N],
  options: EncodeRecordOptions,
): KafkaJsMessage {
  // Buffer.from(string) is several times cheaper than TextEncoder for strings this short.
  const { key, value, contentType, applicationId } = recordParts(b.major, name, message, options);
  const headers = {
    "content-type": Buffer.from(contentType),
    "schema-version": Buffer.from(b.major.version),
    "application-id": Buffer.from(applicationId),
  };
  return { key: typeof key === "string" ? Buffer.from(key, "utf8") : Buffer.from(key), value: asBuffer(value), headers };
}

/** The part of kafkajs's `EachMessagePayload` that `fromKafkaMessage` reads. */
export interface KafkaJsPayload {
  readonly topic: string;
  readonly message: {
    readonly key?: Uint8Array | string | null;
    readonly value: Uint8Array | string | null;
    readonly headers?: { readonly [name: string]: HeaderValue | readonly HeaderValue[] };
  };
}

export interface FromKafkaOptions<Name extends string = string> {
  /** Custom topic names → message names (the default names stay known). */
  readonly topics?: TopicMap<Name>;
  /** Writer rules when true; the tolerant reader rules by default. */
  readonly strict?: boolean;
  /** Bounds on the value's size and nesting (rule `limit`), as `decode` takes them. */
  readonly limits?: DecodeOptions["limits"];
}
