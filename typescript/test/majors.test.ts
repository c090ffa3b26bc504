// Each major is its own entry point (docs/spec.md §7): `@vibe/contracts/v1` has the root's names,
// bound to v1, and the runtime keeps nothing that one major could leak into another. With one
// major in the source the root is v1 too; tests/gate/test_major_typescript.py runs a v2 beside it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { envelopeOf } from "../src/envelope.js";
import { MAJOR as V1 } from "../src/gen/v1/major.js";
import * as v1 from "../src/gen/v1/index.js";
import * as v1Kafka from "../src/gen/v1/kafka.js";
import * as v1Proto from "../src/gen/v1/proto.js";
import * as root from "../src/index.js";
import * as rootKafka from "../src/kafka.js";
import * as rootProto from "../src/proto.js";
import type { Major } from "../src/spec.js";

const UTF8 = new TextEncoder();
const ORDER = (JSON.parse(readFileSync(new URL("../../../examples/vectors/order.json", import.meta.url), "utf8")) as
  { valid: { name: string; json: unknown }[] }).valid.find((c) => c.name === "full")!.json;

function headers(version: string): [string, Uint8Array][] {
  return [["content-type", UTF8.encode("application/json")], ["schema-version", UTF8.encode(version)],
    ["application-id", UTF8.encode("ticketland")]];
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (exc) {
    assert.ok(exc instanceof root.ContractError, String(exc));
    return `${exc.rule}: ${exc.errors[0]!.message}`;
  }
  return "accepted";
}

test("the v1 entry points export what the root ones do, and the root is the newest major (v1 here)", () => {
  for (const [major, top] of [[v1, root], [v1Kafka, rootKafka], [v1Proto, rootProto]] as const) {
    assert.deepEqual(Object.keys(major).sort(), Object.keys(top).sort());
    for (const name of Object.keys(top)) assert.equal((major as Record<string, unknown>)[name], (top as Record<string, unknown>)[name], name);
  }
  assert.equal(root.CONTRACT_VERSION, "1.0");
});

test("the v1 envelope writes 1.0 and refuses a record of another major, naming both versions", () => {
  const order = v1.decode("order", JSON.stringify(ORDER));
  const record = v1Kafka.encodeRecord("order", order, { applicationId: "ticketland" });
  assert.deepEqual(record.headers[1], ["schema-version", UTF8.encode("1.0")]);
  assert.deepEqual(v1Kafka.decodeRecord(record.value, record.headers, { topic: "orders" }), order);
  assert.equal(refusal(() => v1Kafka.decodeRecord(record.value, headers("2.0"), { topic: "orders" })),
    "schema_version: schema-version 2.0 has another major than this reader's contract 1.0");
});

test("header verdicts are kept per major: a version one major accepted is still judged by another", () => {
  // the v1 tables under another version: a stand-in for a second major with the same messages
  const v2: Major<v1.MessageTypes> = { ...V1, version: "2.0", package: "vibe.integration.v2" };
  const second = envelopeOf(v2);
  const first = envelopeOf(V1);
  const value = UTF8.encode(JSON.stringify(ORDER));
  for (let round = 0; round < 2; round++) { // the second round meets the verdicts the first one kept
    assert.equal(refusal(() => first.decodeRecord(value, headers("1.3"), { topic: "orders" })), "accepted");
    assert.equal(refusal(() => second.decodeRecord(value, headers("1.3"), { topic: "orders" })),
      "schema_version: schema-version 1.3 has another major than this reader's contract 2.0");
    assert.equal(refusal(() => second.decodeRecord(value, headers("2.1"), { topic: "orders" })), "accepted");
    assert.equal(refusal(() => first.decodeRecord(value, headers("2.1"), { topic: "orders" })),
      "schema_version: schema-version 2.1 has another major than this reader's contract 1.0");
  }
  assert.deepEqual(second.encodeRecord("order", v1.decode("order", value), { applicationId: "a" }).headers[1],
    ["schema-version", UTF8.encode("2.0")]);
});

test("a name the major does not have is a TypeError naming the names it has", () => {
  assert.throws(() => v1.decode("orders" as "order", "{}"),
    { name: "TypeError", message: 'unknown message type "orders"; expected one of organizer, event, order, refund, ticket' });
  assert.throws(() => v1.redact("Order" as "order", {} as v1.Order), { name: "TypeError", message: 'unknown message type "Order"' });
  assert.throws(() => v1Proto.toMessage("toString" as "order", {} as v1.Order), { name: "TypeError" });
});
