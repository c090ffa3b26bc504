// Personal data out of logs (docs/spec.md §6): `redact` and `describeRecord`. The expected lines
// below are what Python's describe_record writes for the same records (the broker test
// tests/kafka/test_typescript_kafka.py compares the two languages on many more).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import fc from "fast-check";

import { ContractError, decode, HIDDEN, redact, type Customer, type MessageName, type MessageTypes } from "../src/index.js";
import { MESSAGES } from "../src/gen/v1/tables.js";
import { decodeRecord, describeRecord, encodeRecord, type Decoded } from "../src/kafka.js";
import { messages } from "./arbitraries.js";

const VECTORS = new URL("../../../examples/vectors/", import.meta.url);
const NAMES: MessageName[] = ["organizer", "event", "order", "refund", "ticket"];
const WITH_CUSTOMER = ["order", "refund", "ticket"] as const;
const TOPIC: Record<MessageName, string> = {
  organizer: "organizers", event: "events", order: "orders", refund: "refunds", ticket: "tickets",
};
const TOPIC_NAME: Record<MessageName, string> = {
  organizer: "Organizer", event: "Event", order: "Order", refund: "Refund", ticket: "Ticket",
};
const PROPERTY = { numRuns: 60 };

interface VectorCase {
  readonly name: string;
  readonly json?: unknown;
}

function cases(message: MessageName): VectorCase[] {
  const doc = JSON.parse(readFileSync(new URL(`${message}.json`, VECTORS), "utf8")) as { valid: VectorCase[] };
  return doc.valid.filter((c) => c.json !== undefined);
}

function vector<N extends MessageName>(message: N, name: string): MessageTypes[N] {
  return decode(message, JSON.stringify(cases(message).find((c) => c.name === name)!.json));
}

/** Leaves of a JSON document by path (`tickets[0].id`). */
function flatten(data: unknown, path = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(data)) {
    data.forEach((v, i) => flatten(v, `${path}[${i}]`).forEach((x, p) => out.set(p, x)));
  } else if (typeof data === "object" && data !== null) {
    for (const [k, v] of Object.entries(data)) flatten(v, path ? `${path}.${k}` : k).forEach((x, p) => out.set(p, x));
  } else {
    out.set(path, data);
  }
  return out;
}

/** Paths of the values the rule tables mark as personal data. */
function piiPaths(data: Record<string, unknown>, message: string, path = ""): Set<string> {
  const found = new Set<string>();
  for (const field of MESSAGES[message]!.fields) {
    const value = data[field.name];
    if (value === undefined || value === null) continue;
    const here = path ? `${path}.${field.name}` : field.name;
    const values = field.repeated ? (value as unknown[]) : [value];
    values.forEach((v, i) => {
      const at = field.repeated ? `${here}[${i}]` : here;
      if (field.pii) found.add(at);
      else if (field.kind === "message") piiPaths(v as Record<string, unknown>, field.typeName!, at).forEach((p) => found.add(p));
    });
  }
  return found;
}

const PLACEHOLDER: Customer = { email: "placeholder@example.invalid", phone: "+10000000000" };

function withPlaceholder<T extends { customer: Customer }>(message: T): T {
  const c = message.customer;
  return {
    ...message,
    customer: {
      ...PLACEHOLDER,
      ...(c.first_name === undefined ? {} : { first_name: "placeholder-first_name" }),
      ...(c.last_name === undefined ? {} : { last_name: "placeholder-last_name" }),
    },
  };
}

function named<N extends MessageName>(name: N, message: MessageTypes[N]): Decoded {
  return { name, message } as Decoded;
}

// ---------------------------------------------------------------------------- redact

test("the PII marks are exactly the customer fields", () => {
  const marked = Object.values(MESSAGES).flatMap((m) => m.fields.filter((f) => f.pii).map((f) => `${m.name}.${f.name}`));
  assert.deepEqual(marked, ["Customer.email", "Customer.phone", "Customer.first_name", "Customer.last_name"]);
  assert.equal(HIDDEN, "**Hidden**");
});

test("redact masks exactly the PII fields of every vector", () => {
  for (const message of NAMES) {
    for (const c of cases(message)) {
      const original = decode(message, JSON.stringify(c.json));
      const before = JSON.stringify(original);
      const plain = flatten(original);
      const masked = flatten(redact(message, original));
      assert.deepEqual([...masked.keys()], [...plain.keys()], `${message}/${c.name}`);
      const changed = [...plain.keys()].filter((p) => masked.get(p) !== plain.get(p));
      const expected = piiPaths(original as unknown as Record<string, unknown>, TOPIC_NAME[message]);
      assert.deepEqual(new Set(changed), expected, `${message}/${c.name}`);
      assert.ok([...expected].every((p) => masked.get(p) === HIDDEN));
      assert.equal(JSON.stringify(original), before, "the message itself is untouched");
    }
  }
});

test("redact masks the PII of any valid message (property)", () => {
  for (const message of NAMES) {
    fc.assert(fc.property(messages(message), (original) => {
      const plain = flatten(original);
      const masked = flatten(redact(message, original));
      const expected = piiPaths(original as unknown as Record<string, unknown>, TOPIC_NAME[message]);
      for (const [path, value] of plain) {
        assert.equal(masked.get(path), expected.has(path) ? HIDDEN : value, path);
      }
      assert.equal(masked.size, plain.size);
    }), { ...PROPERTY, numRuns: 30 });
  }
});

test("absent optional PII fields stay absent; unknown keys are left out", () => {
  const minimal = vector("order", "minimal");
  assert.deepEqual(redact("order", minimal).customer, { email: HIDDEN, phone: HIDDEN });
  const sneaky = { ...minimal, customer_email: "anna@example.ru" } as unknown as MessageTypes["order"];
  assert.equal(JSON.stringify(redact("order", sneaky)).includes("anna@example.ru"), false);
});

// ---------------------------------------------------------------------------- describeRecord

const HEADERS_JSON = 'headers={"application-id": "ticketland", "content-type": "application/json", "schema-version": "1.0"}';

test("describeRecord writes Python's line for a decoded record", () => {
  const ticket = vector("ticket", "full");
  const record = encodeRecord("ticket", ticket, { applicationId: "ticketland" });
  assert.equal(describeRecord("tickets", record.key, record.headers, named("ticket", ticket)),
    `topic=tickets key="T-1" ${HEADERS_JSON} Ticket={"id": "T-1", "status": "used", "barcode": "4600000000001", ` +
    '"customer": {"email": "**Hidden**", "phone": "**Hidden**", "first_name": "**Hidden**", "last_name": "**Hidden**"}, ' +
    '"event_id": "EV-2026-0412", "organizer_id": "ORG-7", "order_id": "ORD-1001", "number": "0001", "series": "AA", ' +
    '"row": "7", "seat": "11", "category": "Партер", "description": "Вход с 18:00", "price_nominal": 350000, "currency": "RUB"}');
  const refund = vector("refund", "without-id");
  assert.equal(describeRecord("refunds", "ORD-1001-refund-1", record.headers, named("refund", refund)),
    `topic=refunds key="ORD-1001-refund-1" ${HEADERS_JSON} Refund={"customer": {"email": "**Hidden**", "phone": "**Hidden**"}, "ticket_ids": ["T-1"]}`);
});

test("describeRecord prints doubles as Python floats (offset 3 is 3.0)", () => {
  const event = vector("event", "full");
  const record = encodeRecord("event", event, { applicationId: "ticketland", contentType: "application/x-protobuf" });
  const line = describeRecord("events", record.key, record.headers, named("event", event));
  assert.ok(line.startsWith('topic=events key="EV-2026-0412" headers={"application-id": "ticketland", ' +
    '"content-type": "application/x-protobuf", "schema-version": "1.0"} Event={"id": "EV-2026-0412"'), line);
  assert.ok(line.includes('"start_at": 1775844000000, "finish_at": 1775854800000, "offset": 3.0, '), line);
  assert.ok(line.endsWith('"city_name": "Красногорск", "lat": 55.825, "lon": 37.388}}'), line);
});

test("describeRecord of a refusal shows paths and rules, headers sorted, the last of a repeated header", () => {
  const headers: [string, Uint8Array | null][] = [
    ["traceparent", Buffer.from("00-x")], ["content-type", Buffer.from("application/json")],
    ["schema-version", Buffer.from("2.0")], ["schema-version", Buffer.from("3.0")], ["z", null],
    ["été", Buffer.from('"q"\n')],
  ];
  const error = ContractError.at('headers["schema-version"]', "schema_version" as never, "x");
  const expected = 'topic=tickets key="T-\ufffd" headers={"content-type": "application/json", "schema-version": "3.0", ' +
    '"traceparent": "00-x", "z": null, "été": "\\"q\\"\\n"} rejected=ContractError: headers["schema-version"] schema_version';
  assert.equal(describeRecord("tickets", new Uint8Array([0x54, 0x2d, 0xff]), headers, null, { error }), expected);
  // the same headers as kafkajs gives them: a repeated header as an array
  const kafkajs = {
    traceparent: Buffer.from("00-x"), "content-type": Buffer.from("application/json"),
    "schema-version": [Buffer.from("2.0"), Buffer.from("3.0")], z: undefined, "été": Buffer.from('"q"\n'),
  };
  assert.equal(describeRecord("tickets", Buffer.from([0x54, 0x2d, 0xff]), kafkajs, null, { error }), expected);
});

test("describeRecord of a rejected value names every path and rule, no value", () => {
  const ticket = vector("ticket", "full");
  const document = JSON.parse(JSON.stringify(ticket)) as Record<string, unknown> & { customer: Customer };
  document.customer.email = "anna.petrova@example";
  delete document.barcode;
  let error: unknown;
  try {
    decodeRecord(new TextEncoder().encode(JSON.stringify(document)), [
      ["content-type", "application/json"], ["schema-version", "1.0"], ["application-id", "ticketland"]], { topic: "tickets" });
  } catch (exc) {
    error = exc;
  }
  assert.ok(error instanceof ContractError);
  const line = describeRecord("tickets", null, [], null, { error });
  assert.equal(line, "topic=tickets key=null headers={} rejected=ContractError: barcode required; customer.email pattern");
});

test("describeRecord shows only the type of a foreign error", () => {
  const line = describeRecord("orders", "k", null, null, { error: new TypeError("could not reach anna.petrova@example.ru") });
  assert.equal(line, 'topic=orders key="k" headers={} rejected=TypeError: TypeError');
});

const customers: fc.Arbitrary<Customer> = fc.record({
  email: fc.stringMatching(/^[^@\s]+@[^@\s]+\.[^@\s]+$/u, { maxLength: 250 }),
  phone: fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
  first_name: fc.string({ minLength: 1, maxLength: 40 }),
  last_name: fc.string({ minLength: 1, maxLength: 40 }),
}, { requiredKeys: ["email", "phone"] }).filter((c) => decodeable(c));

function decodeable(customer: Customer): boolean {
  try {
    decode("refund", JSON.stringify({ customer, ticket_ids: ["T-1"] }), { strict: true });
    return true;
  } catch {
    return false;
  }
}

test("describeRecord does not depend on the customer (property)", () => {
  fc.assert(fc.property(customers, fc.constantFrom(...WITH_CUSTOMER), (customer, message) => {
    const original = { ...vector(message, "full"), customer } as MessageTypes[typeof message];
    const record = encodeRecord(message, original as never, { applicationId: "ticketland" });
    const line = describeRecord(TOPIC[message], record.key, record.headers, named(message, original));
    const baseline = describeRecord(TOPIC[message], record.key, record.headers, named(message, withPlaceholder(original)));
    assert.equal(line, baseline);
  }), PROPERTY);
});

test("describeRecord of a refused record carries no personal data (property)", () => {
  const breakages = ["email", "major", "required"] as const;
  const rejectedLine = (message: (typeof WITH_CUSTOMER)[number], customer: Customer, breakage: (typeof breakages)[number]) => {
    const document = JSON.parse(JSON.stringify(vector(message, "full"))) as Record<string, unknown>;
    document.customer = breakage === "email" ? { ...customer, email: `${customer.email} ` } : customer;
    const headers: [string, string][] = [["content-type", "application/json"], ["schema-version", "1.0"], ["application-id", "ticketland"]];
    if (breakage === "major") headers[1] = ["schema-version", "2.0"];
    if (breakage === "required") {
      const field = MESSAGES[TOPIC_NAME[message]]!.fields.find((f) => f.required && f.name !== "customer")!;
      delete document[field.name];
    }
    try {
      decodeRecord(new TextEncoder().encode(JSON.stringify(document)), headers, { topic: TOPIC[message] });
    } catch (error) {
      return describeRecord(TOPIC[message], "k", headers, null, { error });
    }
    assert.fail("expected a refusal");
  };
  fc.assert(fc.property(customers, fc.constantFrom(...WITH_CUSTOMER), fc.constantFrom(...breakages), (customer, message, breakage) => {
    const line = rejectedLine(message, customer, breakage);
    assert.ok(line.includes("rejected=ContractError: "), line);
    assert.equal(line, rejectedLine(message, withPlaceholder({ customer }).customer, breakage));
  }), PROPERTY);
});
