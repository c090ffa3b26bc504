// Any decodable legacy record maps to messages the v1 strict decoder accepts, or is Skipped, or
// is refused with a ContractError: never another exception. The same input maps to the same bytes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { create, toBinary, type DescMessage, type Message } from "@bufbuild/protobuf";
import fc from "fast-check";

import { decode } from "../src/index.js";
import {
  Event_TicketSetSchema, LEGACY_SCHEMAS, Order_TicketSchema,
  type Event, type LegacyName, type Order, type Partner, type RefundRequest,
} from "../src/legacy/index.js";
import { config, event, order, partner, refund } from "./legacy_arbitraries.js";
import { FUNCTIONS, run } from "./legacy_run.js";

const RECORDS: Record<LegacyName, fc.Arbitrary<Message>> = { partner, event, order, refund_request: refund };
const TAILS = [new Uint8Array(0), Uint8Array.of(0xf8, 0x06, 0x01), Uint8Array.of(0x9a, 0x06, 0x01, 0x61), Uint8Array.of(0x0b, 0x0c)];

/** Make the joins' ids those the record names, as most real inputs have them (the property holds either way). */
function join(fn: string, m: Record<string, Message>): void {
  const [record, joins] = [m[FUNCTIONS[fn]![1]] as never as Record<string, string>, FUNCTIONS[fn]![2]];
  const o = m.order as Order | undefined;
  if (joins.includes("order")) {
    o!.id = record.order!;
    if (fn === "refund_tickets") {
      const have = new Set(o!.tickets.map((t) => t.id));
      const missing = (record as never as RefundRequest).tickets.filter((t) => !have.has(t.id));
      o!.tickets.push(...missing.map((t) => create(Order_TicketSchema, { id: t.id, barcode: "b", set: "s1" })));
    }
  }
  const named = o ?? (record as never as Order);
  if (joins.includes("partner")) (m.partner as Partner).id = fn === "event" ? record.org! : named.org;
  if (joins.includes("event")) {
    const e = m.event as Event;
    e.id = named.event;
    e.sets.push(...named.tickets.map((t) => create(Event_TicketSetSchema, { id: t.set, name: "Hall" })));
  }
}

/** A function, its record and joins as bytes (sometimes with unknown fields), and a config. */
const cases = fc.constantFrom(...Object.keys(FUNCTIONS)).chain((fn) => {
  const [, record, joins] = FUNCTIONS[fn]!;
  const names = [record, ...joins];
  return fc.record({
    fn: fc.constant(fn),
    messages: fc.tuple(...names.map((n) => RECORDS[n])),
    tails: fc.tuple(...names.map(() => fc.constantFrom(...TAILS))),
    joined: fc.boolean(),
    config,
  }).map(({ messages, tails, joined, config: cfg }) => {
    const m = Object.fromEntries(names.map((n, i) => [n, messages[i]!]));
    if (joined) join(fn, m);
    const bytes = names.map((n, i) => new Uint8Array([...toBinary(LEGACY_SCHEMAS[n] as DescMessage, m[n]!), ...tails[i]!]));
    return { fn, record: bytes[0]!, joins: Object.fromEntries(joins.map((j, i) => [j, bytes[i + 1]!])), config: cfg };
  });
});

test("a legacy record maps to strictly valid v1 messages, or is skipped, or refused; twice the same", () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(cases, ({ fn, record, joins, config: cfg }) => {
      const first = run(fn, record, joins, cfg); // throws anything but a ContractError
      assert.deepEqual(run(fn, record, joins, cfg), first);
      seen.add(`${fn} ${Object.keys(first)[0]}`);
      if ("v1" in first) {
        const message = FUNCTIONS[fn]![3];
        for (const text of first.v1) assert.ok(decode(message, text, { strict: true }));
      } else if ("refused" in first) {
        for (const v of first.refused) assert.ok(v.rule && v.message);
      }
    }),
    { numRuns: 1500 },
  );
  // the generator reaches every outcome of every function (the event has no skip)
  for (const fn of Object.keys(FUNCTIONS)) {
    for (const outcome of fn === "event" ? ["v1", "refused"] : ["v1", "refused", "skipped"]) {
      assert.ok(seen.has(`${fn} ${outcome}`), `${fn} ${outcome}: ${[...seen].sort().join(", ")}`);
    }
  }
});
