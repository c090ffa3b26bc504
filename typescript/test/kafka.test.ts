// The Kafka record around a message (docs/spec.md §2), without a broker: encodeRecord / decodeRecord
// mirror Python's encode_record / decode_record (tests/kafka/test_envelope.py), and the
// kafkajs adapters follow kafkajs's shapes (typed against kafkajs's own declarations).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import type { EachMessagePayload, IHeaders, KafkaMessage, Message } from "kafkajs";

import { ContractError, decode, encode, makeLimits, type MessageName, type MessageTypes, type Order, type Refund } from "../src/index.js";
import {
  CONTENT_TYPE_JSON,
  CONTENT_TYPE_PROTOBUF,
  decodeRecord,
  encodeRecord,
  fromKafkaMessage,
  messageForTopic,
  toKafkaMessage,
  type ContentType,
  type RecordHeaders,
} from "../src/kafka.js";

const VECTORS = new URL("../../../examples/vectors/", import.meta.url);
const HEADER_NAMES = ["content-type", "schema-version", "application-id"] as const;
const FORMATS: ContentType[] = [CONTENT_TYPE_JSON, CONTENT_TYPE_PROTOBUF];
const TOPIC_MESSAGES: Record<string, [MessageName, string]> = {
  organizers: ["organizer", "full"],
  events: ["event", "full"],
  orders: ["order", "full"],
  refunds: ["refund", "full"],
  tickets: ["ticket", "full"],
};
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The valid shared vector `name` of `message`, decoded. */
function vector<N extends MessageName>(message: N, name: string): MessageTypes[N] {
  const doc = JSON.parse(readFileSync(new URL(`${message}.json`, VECTORS), "utf8")) as {
    valid: { name: string; json?: unknown }[];
  };
  const found = doc.valid.find((c) => c.name === name && c.json !== undefined);
  assert.ok(found, `${message}/${name}`);
  return decode(message, JSON.stringify(found.json));
}

const order = (): Order => vector("order", "full");

/** The three headers of a valid JSON record as pairs, with `values` replacing some. */
function headers(values: Partial<Record<(typeof HEADER_NAMES)[number], string>> = {}): [string, Uint8Array][] {
  const base = { "content-type": CONTENT_TYPE_JSON, "schema-version": "1.0", "application-id": "ticketland", ...values };
  return Object.entries(base).map(([n, v]) => [n, utf8(v)]);
}

function refused(run: () => unknown): ContractError {
  try {
    run();
  } catch (exc) {
    assert.ok(exc instanceof ContractError, String(exc));
    return exc;
  }
  assert.fail("expected a ContractError");
}

const refusedRecord = (value: Uint8Array | null, h: RecordHeaders, topic = "orders"): ContractError =>
  refused(() => decodeRecord(value, h, { topic }));

// ---------------------------------------------------------------------------- encoding

test("the headers are exactly the three of the spec, in order", () => {
  for (const contentType of FORMATS) {
    const record = encodeRecord("order", order(), { contentType, applicationId: "ticketland" });
    assert.deepEqual(record.headers.map(([n, v]) => [n, text(v)]), [
      ["content-type", contentType], ["schema-version", "1.0"], ["application-id", "ticketland"],
    ]);
    const format = contentType === CONTENT_TYPE_JSON ? "json" : "protobuf";
    assert.deepEqual(record.value, encode("order", order(), { format }));
  }
  // JSON is the default content type, as in Python
  assert.equal(text(encodeRecord("order", order(), { applicationId: "ticketland" }).headers[0]![1]), CONTENT_TYPE_JSON);
});

test("the key is the message id", () => {
  for (const [message, name] of Object.values(TOPIC_MESSAGES)) {
    const m = vector(message, name) as { id: string };
    assert.equal(text(encodeRecord(message, m as never, { applicationId: "ticketland" }).key), m.id);
  }
});

test("a refund without id needs an explicit key", () => {
  const refund: Refund = vector("refund", "without-id");
  assert.equal(refund.id, undefined);
  const error = refused(() => encodeRecord("refund", refund, { applicationId: "ticketland" }));
  assert.deepEqual([error.path, error.rule, error.message], ["id", "key", "id: Refund has no id: pass key= [key]"]);
  assert.equal(text(encodeRecord("refund", refund, { applicationId: "ticketland", key: "RF-legacy-1" }).key), "RF-legacy-1");
});

test("an explicit key wins over the id, as a string or bytes", () => {
  for (const key of ["custom-key", utf8("custom-key")]) {
    assert.equal(text(encodeRecord("order", order(), { applicationId: "ticketland", key }).key), "custom-key");
  }
});

test("encoding refuses a bad application id", () => {
  for (const applicationId of ["TicketLand", "", "-leading-dash", "a".repeat(65), "tab\there", "ticketland\n"]) {
    const error = refused(() => encodeRecord("order", order(), { applicationId }));
    assert.deepEqual([error.path, error.rule], ['headers["application-id"]', "application_id"], applicationId);
  }
  const error = refused(() => encodeRecord("order", order(), { applicationId: "TicketLand" }));
  assert.equal(error.errors[0]!.message, "'TicketLand' does not match ^[a-z0-9][a-z0-9._-]{0,63}$");
});

test("encoding refuses an unknown content type", () => {
  const error = refused(() =>
    encodeRecord("order", order(), { applicationId: "ticketland", contentType: "text/plain" as ContentType }));
  assert.deepEqual([error.path, error.rule, error.errors[0]!.message], [
    'headers["content-type"]', "content_type", "'text/plain' is not one of application/json, application/x-protobuf"]);
});

test("encoding validates the message strictly", () => {
  const error = refused(() => encodeRecord("order", { ...order(), tickets: [] }, { applicationId: "ticketland" }));
  assert.deepEqual([error.path, error.rule], ["tickets", "min_items"]);
});

// ---------------------------------------------------------------------------- decoding

test("every message round-trips through a record in both formats", () => {
  for (const [topic, [message, name]] of Object.entries(TOPIC_MESSAGES)) {
    const m = vector(message, name);
    for (const contentType of FORMATS) {
      const record = encodeRecord(message, m as never, { contentType, applicationId: "ticketland" });
      assert.deepEqual(decodeRecord(record.value, record.headers, { topic }), m, `${topic} ${contentType}`);
      assert.deepEqual(decodeRecord(record.value, record.headers, { message }), m);
    }
  }
});

test("custom topic names map to messages; the default names stay known", () => {
  const record = encodeRecord("order", order(), { applicationId: "ticketland" });
  const topics = { "prod.vibe.orders.v1": "order" } as const;
  assert.equal(messageForTopic("prod.vibe.orders.v1", topics), "order");
  assert.deepEqual(decodeRecord(record.value, record.headers, { topic: "prod.vibe.orders.v1", topics }), order());
  assert.equal(messageForTopic("orders"), "order");
  assert.equal(messageForTopic("orders", topics), "order");
});

test("an unknown topic is refused, also one named like an Object property", () => {
  for (const topic of ["payments", "constructor", "__proto__", "toString"]) {
    const error = refusedRecord(encode("order", order()), headers(), topic);
    assert.deepEqual([error.path, error.rule], ["", "topic"]);
    assert.ok(error.message.includes(topic));
  }
  assert.equal(refusedRecord(null, headers(), "payments").errors[0]!.message, "no message is mapped to topic 'payments'");
});

test("decodeRecord needs a message or a topic", () => {
  assert.throws(() => decodeRecord(encode("order", order()), headers(), {}), TypeError);
});

test("another major is refused naming both versions; another minor is accepted", () => {
  const error = refusedRecord(encode("order", order()), headers({ "schema-version": "2.0" }));
  assert.deepEqual([error.path, error.rule], ['headers["schema-version"]', "schema_version"]);
  assert.equal(error.errors[0]!.message, "schema-version 2.0 has another major than this reader's contract 1.0");
  assert.deepEqual(decodeRecord(encode("order", order()), headers({ "schema-version": "1.7" }), { topic: "orders" }), order());
});

test("a malformed version is refused", () => {
  for (const version of ["1", "1.0.0", "v1.0", "1.x", "", " 1.0", "01.0", "1.0\n", "١.0"]) {
    const error = refusedRecord(encode("order", order()), headers({ "schema-version": version }));
    assert.deepEqual([error.path, error.rule], ['headers["schema-version"]', "schema_version"], JSON.stringify(version));
  }
});

test("each missing header is refused naming it", () => {
  for (const missing of HEADER_NAMES) {
    const error = refusedRecord(encode("order", order()), headers().filter(([n]) => n !== missing));
    assert.deepEqual([error.path, error.rule, error.errors[0]!.message],
      [`headers["${missing}"]`, "header_missing", `header '${missing}' is missing`]);
  }
  for (const none of [null, undefined, [], {}]) {
    assert.equal(refusedRecord(encode("order", order()), none).rule, "header_missing");
  }
  // header names are case-sensitive, as in Python
  const shouting = headers().map(([n, v]): [string, Uint8Array] => [n === "content-type" ? "Content-Type" : n, v]);
  assert.deepEqual(refusedRecord(encode("order", order()), shouting).path, 'headers["content-type"]');
});

test("a duplicate header is refused, as pairs and as a kafkajs array", () => {
  for (const twice of HEADER_NAMES) {
    const pairs = headers();
    pairs.push(pairs.find(([n]) => n === twice)!);
    const error = refusedRecord(encode("order", order()), pairs);
    assert.deepEqual([error.path, error.rule, error.errors[0]!.message],
      [`headers["${twice}"]`, "header_duplicate", `header '${twice}' appears more than once`]);

    const object: IHeaders = Object.fromEntries(headers().map(([n, v]) => [n, Buffer.from(v)]));
    object[twice] = [object[twice] as Buffer, object[twice] as Buffer];
    const fromObject = refusedRecord(encode("order", order()), object);
    assert.deepEqual([fromObject.path, fromObject.rule], [`headers["${twice}"]`, "header_duplicate"]);
  }
  // an array of one is the header once
  const single: IHeaders = { "content-type": [Buffer.from(CONTENT_TYPE_JSON)], "schema-version": "1.0", "application-id": "ticketland" };
  assert.deepEqual(decodeRecord(encode("order", order()), single, { topic: "orders" }), order());
});

test("other headers are left alone", () => {
  const pairs: [string, Uint8Array][] = [["traceparent", utf8("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")], ...headers()];
  assert.deepEqual(decodeRecord(encode("order", order()), pairs, { topic: "orders" }), order());
  const object: IHeaders = { traceparent: [Buffer.from("a"), Buffer.from("b")], ...Object.fromEntries(headers()) };
  assert.deepEqual(decodeRecord(encode("order", order()), object as RecordHeaders, { topic: "orders" }), order());
});

test("JSON with a UTF-8 charset is accepted; another content type is refused", () => {
  for (const contentType of ["application/json; charset=utf-8", "application/json;charset=utf-8", " Application/JSON ;CHARSET = UTF-8"]) {
    assert.deepEqual(decodeRecord(encode("order", order()), headers({ "content-type": contentType }), { topic: "orders" }), order());
  }
  for (const contentType of ["text/plain", "application/xml", "application/json; charset=latin-1", "", "\ufeffapplication/json",
    "application/x-protobuf; charset=utf-8"]) {
    const error = refusedRecord(encode("order", order()), headers({ "content-type": contentType }));
    assert.deepEqual([error.path, error.rule], ['headers["content-type"]', "content_type"], JSON.stringify(contentType));
  }
  const error = refusedRecord(encode("order", order()), headers({ "content-type": "text/plain" }));
  assert.equal(error.errors[0]!.message,
    "'text/plain' is not application/json (optionally ; charset=utf-8) or application/x-protobuf");
});

test("content-type padding is stripped as Python's str.strip() strips it", () => {
  // \x1c-\x1f and \x85 are whitespace to Python (not to String.prototype.trim); \ufeff is not.
  const padded = headers({ "content-type": "\x1c\x85application/json\u3000" });
  assert.deepEqual(decodeRecord(encode("order", order()), padded, { topic: "orders" }), order());
});

test("the content type chooses the format", () => {
  const asProto = headers({ "content-type": CONTENT_TYPE_PROTOBUF });
  assert.deepEqual(decodeRecord(encode("order", order(), { format: "protobuf" }), asProto, { topic: "orders" }), order());
  assert.equal(refusedRecord(encode("order", order(), { format: "protobuf" }), headers()).rule, "syntax");
  refusedRecord(encode("order", order()), asProto);
});

test("decoding refuses a bad application id; the longest good one passes", () => {
  for (const applicationId of ["TicketLand", "", "a".repeat(65), "tab\there"]) {
    const error = refusedRecord(encode("order", order()), headers({ "application-id": applicationId }));
    assert.deepEqual([error.path, error.rule], ['headers["application-id"]', "application_id"]);
  }
  assert.equal(refusedRecord(encode("order", order()), headers({ "application-id": "TicketLand" })).errors[0]!.message,
    "'TicketLand' is not a valid application id");
  const longest = "a" + "b.c_d-".repeat(10) + "xyz";
  assert.equal(longest.length, 64);
  assert.deepEqual(decodeRecord(encode("order", order()), headers({ "application-id": longest }), { topic: "orders" }), order());
});

test("a header that is not UTF-8 is refused naming it", () => {
  for (const name of HEADER_NAMES) {
    const pairs = headers().map(([n, v]): [string, Uint8Array] => [n, n === name ? new Uint8Array([0xff, 0xfe]) : v]);
    const error = refusedRecord(encode("order", order()), pairs);
    assert.deepEqual([error.path, error.rule, error.errors[0]!.message],
      [`headers["${name}"]`, name.replaceAll("-", "_"), `header '${name}' is not UTF-8`]);
  }
  // a UTF-8 byte order mark is kept (Python's utf-8 codec keeps it), so it is not a valid version
  const bom = headers().map(([n, v]): [string, Uint8Array] => [n, n === "schema-version" ? new Uint8Array([0xef, 0xbb, 0xbf, 0x31, 0x2e, 0x30]) : v]);
  assert.equal(refusedRecord(encode("order", order()), bom).rule, "schema_version");
});

test("a header without a value reads as empty", () => {
  const pairs: [string, Uint8Array | null][] = headers().map(([n, v]) => [n, n === "content-type" ? null : v]);
  const error = refusedRecord(encode("order", order()), pairs);
  assert.deepEqual([error.rule, error.errors[0]!.message], ["content_type",
    "'' is not application/json (optionally ; charset=utf-8) or application/x-protobuf"]);
});

test("a tombstone is refused after the headers are checked", () => {
  const error = refusedRecord(null, headers());
  assert.deepEqual([error.path, error.rule, error.errors[0]!.message], ["", "syntax", "the record has no value (a tombstone)"]);
  assert.equal(refusedRecord(null, headers({ "schema-version": "2.0" })).rule, "schema_version");
});

test("decoding is tolerant unless strict", () => {
  const json = text(encode("order", order()));
  const noisy = utf8(`${json.slice(0, -1)},"loyalty_tier":"gold"}`);
  assert.deepEqual(decodeRecord(noisy, headers(), { topic: "orders" }), order());
  const error = refused(() => decodeRecord(noisy, headers(), { topic: "orders", strict: true }));
  assert.equal(error.rule, "unknown_field");
});

test("limits bound the value, after the headers are checked", () => {
  const value = encode("order", order());
  const small = { maxBytes: value.length - 1 };
  assert.equal(refused(() => decodeRecord(value, headers(), { topic: "orders", limits: small })).rule, "limit");
  assert.deepEqual(decodeRecord(value, headers(), { topic: "orders", limits: { maxBytes: value.length } }), order());
  assert.equal(refused(() => decodeRecord(value, headers({ "schema-version": "2.0" }), { topic: "orders", limits: small })).rule,
    "schema_version");
  const payload = { topic: "orders", message: { key: null, value: Buffer.from(value), headers: Object.fromEntries(headers()) } };
  assert.equal(refused(() => fromKafkaMessage(payload, { limits: small })).rule, "limit");
});

test("a verdict kept on header values never stands in for other headers", () => {
  const value = encode("order", order());
  const object = (): IHeaders => Object.fromEntries(headers().map(([n, v]) => [n, Buffer.from(v)]));
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(decodeRecord(value, headers(), { topic: "orders" }), order());
    assert.deepEqual(decodeRecord(value, object(), { topic: "orders" }), order());
    assert.deepEqual(decodeRecord(value, new Map(headers()), { topic: "orders" }), order());
  }
  // the same values, but a header twice, missing, or as a kafkajs array
  const twice = [...headers(), ["schema-version", utf8("1.0")]] as [string, Uint8Array][];
  assert.equal(refusedRecord(value, twice).rule, "header_duplicate");
  assert.equal(refusedRecord(value, headers().slice(1)).rule, "header_missing");
  const asArray = { ...object(), "application-id": [Buffer.from("ticketland"), Buffer.from("ticketland")] };
  assert.equal(refusedRecord(value, asArray).rule, "header_duplicate");
  // only own properties are headers, as Object.entries sees them
  const inherited = Object.create(object()) as IHeaders;
  assert.equal(refusedRecord(value, inherited).rule, "header_missing");
  // bytes changed in place after a decode are checked again
  const reused = object();
  assert.deepEqual(decodeRecord(value, reused, { topic: "orders" }), order());
  (reused["schema-version"] as Buffer).write("2");
  assert.equal(refusedRecord(value, reused).rule, "schema_version");
  // a string and bytes with the same text get the same verdict; so do JSON and Protobuf headers, each their own
  const strings = { "content-type": CONTENT_TYPE_PROTOBUF, "schema-version": "1.0", "application-id": "ticketland" };
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(decodeRecord(encode("order", order(), { format: "protobuf" }), strings, { topic: "orders" }), order());
    assert.equal(refusedRecord(value, strings).rule, "syntax");
  }
  // a refused verdict is never kept
  for (let i = 0; i < 2; i++) assert.equal(refusedRecord(value, headers({ "application-id": "Bad" })).rule, "application_id");
});

test("a one-shot iterable of headers is read once, whether or not a verdict is kept", () => {
  const value = encode("order", order());
  // distinct application ids: the first decode of each finds no verdict, the second finds one
  for (const id of ["one-shot-a", "one-shot-b"]) {
    for (let i = 0; i < 2; i++) {
      function* pairs(): Generator<[string, Uint8Array]> {
        yield* headers({ "application-id": id });
      }
      assert.deepEqual(decodeRecord(value, pairs(), { topic: "orders" }), order());
    }
  }
  const error = refusedRecord(value, (function* () {
    yield* headers().slice(1);
  })());
  // every rule the package reports is a Rule: this comparison is a type error if the union lacks it
  assert.ok(error.rule === "header_missing" && error.errors[0]!.rule === "header_missing");
});

test("a header beyond the limit is refused before it is read, and its value is not copied into the error", () => {
  const value = encode("order", order());
  const huge = "x".repeat(16 << 20);
  for (const name of HEADER_NAMES) {
    for (const big of [huge, Buffer.from(huge)]) {
      const pairs = headers().map(([n, v]): [string, Uint8Array | string] => [n, n === name ? big : v]);
      const error = refusedRecord(value, pairs);
      assert.deepEqual(error.errors, [{ path: `headers["${name}"]`, rule: "limit",
        message: `header '${name}' is larger than the limit of 1024 bytes` }]);
      assert.ok(error.message.length < 200);
    }
  }
});

test("the header limit is set with the others, and a kept verdict does not outlive a smaller one", () => {
  const value = encode("order", order());
  const id = `ticketland${"x".repeat(20)}`;
  const refuse = () => refused(() => decodeRecord(value, headers({ "application-id": id }), {
    topic: "orders", limits: { maxHeaderBytes: 16 },
  }));
  assert.equal(refuse().rule, "limit");
  assert.deepEqual(decodeRecord(value, headers({ "application-id": id }), { topic: "orders" }), order());
  assert.equal(refuse().rule, "limit");
  assert.throws(() => makeLimits({ maxHeaderBytes: 0 }), /Limits.maxHeaderBytes must be a positive integer/);
});

test("the kept verdicts are bounded: many distinct headers do not grow the heap", async () => {
  const { setFlagsFromString } = await import("node:v8");
  const { runInNewContext } = await import("node:vm");
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const value = encode("organizer", vector("organizer", "full"));
  const decodeMany = (from: number, count: number): void => {
    for (let i = from; i < from + count; i++) {
      const id = `app-${i}`.padEnd(60, "x");
      decodeRecord(value, headers({ "application-id": id }), { message: "organizer" });
    }
  };
  decodeMany(0, 1000); // fills what is kept
  gc();
  const before = process.memoryUsage().heapUsed;
  decodeMany(1000, 40000); // kept without a bound: about 40000 × 3 copies, tens of MB
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.ok(grown < 4 * 1024 * 1024, `heap grew ${grown} bytes`);
  // and the verdicts are still right for headers seen before and not
  assert.equal(refusedRecord(value, headers({ "application-id": "app-1", "schema-version": "3.0" }), "organizers").rule,
    "schema_version");
  assert.equal(decodeRecord(value, headers({ "application-id": "app-99999" }), { message: "organizer" }).id,
    vector("organizer", "full").id);
});

// ---------------------------------------------------------------------------- kafkajs

test("toKafkaMessage gives kafkajs Buffers (a plain Uint8Array would be sent as text)", () => {
  const message: Message = toKafkaMessage("order", order(), { applicationId: "ticketland", contentType: CONTENT_TYPE_PROTOBUF });
  assert.ok(Buffer.isBuffer(message.key) && Buffer.isBuffer(message.value));
  assert.equal(message.key.toString(), "ORD-1001");
  assert.deepEqual(new Uint8Array(message.value), encode("order", order(), { format: "protobuf" }));
  const h = message.headers as IHeaders;
  assert.deepEqual(Object.keys(h), [...HEADER_NAMES]);
  assert.ok(Object.values(h).every((v) => Buffer.isBuffer(v)));
  assert.deepEqual(Object.fromEntries(Object.entries(h).map(([n, v]) => [n, String(v)])), {
    "content-type": CONTENT_TYPE_PROTOBUF, "schema-version": "1.0", "application-id": "ticketland",
  });
});

test("toKafkaMessage carries exactly what encodeRecord makes, and refuses what it refuses", () => {
  for (const contentType of FORMATS) {
    for (const key of [undefined, "explicit-key", new Uint8Array([0, 255, 7])]) {
      const options = { applicationId: "ticketland", contentType, key };
      const record = encodeRecord("order", order(), options);
      const message = toKafkaMessage("order", order(), options);
      assert.deepEqual(new Uint8Array(message.key), record.key);
      assert.deepEqual(new Uint8Array(message.value), record.value);
      assert.deepEqual(Object.entries(message.headers).map(([n, v]) => [n, new Uint8Array(v)]),
        record.headers.map(([n, v]) => [n, new Uint8Array(v)]));
    }
  }
  for (const applicationId of ["Ticket Land", ""]) {
    const viaRecord = refused(() => encodeRecord("order", order(), { applicationId }));
    const viaKafkaJs = refused(() => toKafkaMessage("order", order(), { applicationId }));
    assert.deepEqual(viaKafkaJs.errors, viaRecord.errors);
    assert.equal(viaKafkaJs.rule, "application_id");
  }
});

/** An eachMessage payload as kafkajs 2.2.4 hands it over. */
function payload(topic: string, kafkaMessage: KafkaMessage): EachMessagePayload {
  return { topic, partition: 0, message: kafkaMessage, heartbeat: async () => {}, pause: () => () => {} };
}

/** What kafkajs hands over for a record of a record batch (magic byte 2: with headers). */
type BatchEntry = Extract<KafkaMessage, { headers: IHeaders }>;

function consumed(sent: Message): BatchEntry {
  return {
    key: sent.key as Buffer, value: sent.value as Buffer, headers: sent.headers as IHeaders,
    timestamp: "0", attributes: 0, offset: "0",
  };
}

test("fromKafkaMessage decodes an eachMessage payload by its topic and names the message", () => {
  for (const [topic, [message, name]] of Object.entries(TOPIC_MESSAGES)) {
    for (const contentType of FORMATS) {
      const m = vector(message, name);
      const sent = toKafkaMessage(message, m as never, { applicationId: "ticketland", contentType });
      const decoded = fromKafkaMessage(payload(topic, consumed(sent)));
      assert.equal(decoded.name, message);
      assert.deepEqual(decoded.message, m);
    }
  }
  const decoded = fromKafkaMessage(payload("orders", consumed(toKafkaMessage("order", order(), { applicationId: "ticketland" }))));
  if (decoded.name === "order") {
    const first: string | undefined = decoded.message.tickets[0]?.id; // narrowed by name
    assert.equal(first, "T-1");
  } else {
    assert.fail(decoded.name);
  }
});

test("fromKafkaMessage takes custom topic names and the strict flag", () => {
  const sent = toKafkaMessage("order", order(), { applicationId: "ticketland" });
  const topics = { "prod.orders.v1": "order" } as const;
  assert.equal(fromKafkaMessage(payload("prod.orders.v1", consumed(sent)), { topics }).name, "order");
  assert.equal(refused(() => fromKafkaMessage(payload("prod.orders.v1", consumed(sent)))).rule, "topic");
  const noisy = { ...consumed(sent), value: Buffer.from(`${String(sent.value).slice(0, -1)},"x":1}`) };
  assert.equal(fromKafkaMessage(payload("orders", noisy)).name, "order");
  assert.equal(refused(() => fromKafkaMessage(payload("orders", noisy), { strict: true })).rule, "unknown_field");
});

test("fromKafkaMessage refuses what kafkajs hands over broken", () => {
  const good = consumed(toKafkaMessage("ticket", vector("ticket", "full"), { applicationId: "ticketland" }));
  const cases: [BatchEntry, string, string][] = [
    [{ ...good, headers: { ...good.headers, "schema-version": Buffer.from("2.0") } }, 'headers["schema-version"]', "schema_version"],
    [{ ...good, headers: { "content-type": good.headers!["content-type"], "schema-version": "1.0" } }, 'headers["application-id"]', "header_missing"],
    [{ ...good, headers: { ...good.headers, "content-type": "text/plain" } }, 'headers["content-type"]', "content_type"],
    [{ ...good, headers: { ...good.headers, "application-id": [Buffer.from("a"), Buffer.from("b")] } }, 'headers["application-id"]', "header_duplicate"],
    [{ ...good, value: null }, "", "syntax"],
  ];
  for (const [m, path, rule] of cases) {
    const error = refused(() => fromKafkaMessage(payload("tickets", m)));
    assert.deepEqual([error.path, error.rule], [path, rule]);
  }
  // a record written by an older client has no headers at all
  const legacy = { key: good.key, value: good.value, timestamp: "0", attributes: 0, offset: "0", size: 1 } as KafkaMessage;
  assert.equal(refused(() => fromKafkaMessage(payload("tickets", legacy))).rule, "header_missing");
});
