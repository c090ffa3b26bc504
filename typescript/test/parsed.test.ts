// Data already parsed: validate(name, value) agrees with decode on every shared vector, and
// each type guard holds exactly for values of its type.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import {
  ContractError, CURRENCY_VALUES, decode, encode, EVENT_CATEGORY_VALUES, EVENT_STATUS_VALUES, is, isEvent, isOrder,
  isOrganizer, isRefund, isTicket, LEGAL_TYPE_VALUES, TICKET_STATUS_VALUES, validate, type MessageName, type Order,
} from "../src/index.js";
import { ENUMS } from "../src/gen/v1/tables.js";

const FOLDER = new URL("../../../examples/vectors/", import.meta.url);

interface Vector {
  readonly message: MessageName;
  readonly valid: { readonly json?: unknown }[];
  readonly invalid: { readonly json?: unknown }[];
}

const vectors: Vector[] = readdirSync(FOLDER).filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, FOLDER), "utf8")) as Vector);

/** decode's outcome: the message, or its violations. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (exc) {
    assert.ok(exc instanceof ContractError, String(exc));
    return exc.errors;
  }
}

test("validate gives what decode gives for the same document, in both modes", () => {
  let cases = 0;
  for (const { message, valid, invalid } of vectors) {
    for (const c of [...valid, ...invalid]) {
      if (c.json === undefined) continue;
      const text = JSON.stringify(c.json);
      for (const strict of [false, true]) {
        assert.deepEqual(outcome(() => validate(message, JSON.parse(text), { strict })),
          outcome(() => decode(message, text, { strict })), `${message} ${text}`);
        cases++;
      }
    }
  }
  assert.ok(cases > 100, String(cases));
});

test("a guard holds for every valid message of its type; for another type, only if the value has that type too", () => {
  const guards = { organizer: isOrganizer, event: isEvent, order: isOrder, refund: isRefund, ticket: isTicket };
  for (const { message, valid } of vectors) {
    for (const c of valid) {
      if (c.json === undefined) continue;
      const decoded = decode(message, JSON.stringify(c.json));
      assert.ok(guards[message](decoded) && is(message, decoded), message);
      for (const [name, guard] of Object.entries(guards) as [MessageName, (v: unknown) => boolean][]) {
        // types are structural: an Event, with its id and name, is also an Organizer
        const strictOk = outcome(() => validate(name, decoded, { strict: true }));
        const onlyUnknown = Array.isArray(strictOk) && strictOk.every((v: { rule: string }) => v.rule === "unknown_field");
        assert.equal(guard(decoded), !Array.isArray(strictOk) || onlyUnknown, `${name}(${message})`);
      }
    }
  }
  assert.equal(isOrder(decode("event", JSON.stringify(vectors.find((v) => v.message === "event")!.valid[0]!.json))), false);
});

test("a guard allows unknown keys (as the types do), and nothing the type does not say", () => {
  const order = decode("order", encode("order", decode("order", JSON.stringify(vectors.find((v) => v.message === "order")!
    .valid.find((c) => c.json !== undefined)!.json))));
  assert.ok(isOrder(order) && isOrder({ ...order, extra: { anything: [null] } }));
  const ticket = order.tickets[0]!;
  for (const broken of [
    { ...order, customer: { ...order.customer, email: null } }, // null for an optional field
    { ...order, tickets: [{ ...ticket, currency: "XXX" }] },
    { ...order, id: 1 },
    null, "order", [],
  ]) {
    assert.equal(isOrder(broken), false, JSON.stringify(broken));
  }
  const event = decode("event", JSON.stringify(vectors.find((v) => v.message === "event")!.valid[0]!.json));
  assert.ok(isEvent(event));
  // tolerant readers map an unknown category to "other"; the type does not hold it
  assert.equal(isEvent({ ...event, category: "unheard-of" }), false);
  const parsed: unknown = JSON.parse(JSON.stringify(order));
  if (isOrder(parsed)) {
    const typed: Order = parsed; // narrowed
    assert.equal(typed.tickets.length, order.tickets.length);
  } else {
    assert.fail("a valid order");
  }
});

test("an unknown message name is a TypeError", () => {
  assert.throws(() => validate("orders" as MessageName, {}), TypeError);
  assert.throws(() => is("orders" as MessageName, {}), TypeError);
});

test("each enum's values are there at run time, as the writer schemas list them", () => {
  const arrays: Record<string, readonly string[]> = {
    Currency: CURRENCY_VALUES, LegalType: LEGAL_TYPE_VALUES, EventStatus: EVENT_STATUS_VALUES,
    EventCategory: EVENT_CATEGORY_VALUES, TicketStatus: TICKET_STATUS_VALUES,
  };
  // every enum list of the writer schemas, wherever it sits
  const listed = new Set<string>();
  const collect = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    const { enum: values } = node as { enum?: unknown };
    if (Array.isArray(values)) listed.add(JSON.stringify(values));
    for (const inner of Object.values(node)) collect(inner);
  };
  const schemas = new URL("../../../contracts/jsonschema/", import.meta.url);
  for (const file of readdirSync(schemas).filter((f) => f.endsWith(".writer.schema.json"))) {
    collect(JSON.parse(readFileSync(new URL(file, schemas), "utf8")));
  }
  for (const [name, values] of Object.entries(arrays)) assert.ok(listed.has(JSON.stringify(values)), name);
  assert.deepEqual(Object.keys(arrays).sort(), Object.keys(ENUMS).sort());
});
