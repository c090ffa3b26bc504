// Ticket statuses (docs/spec.md §3 lifecycle) under at-least-once delivery; the same outcomes as
// Python's StatusReducer (tests/kafka/test_statuses.py), and fast-check properties: any
// delivery that keeps the order within a key, with redeliveries, ends in the same statuses.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import fc from "fast-check";

import {
  allowed, decode, InMemoryStatusStore, StatusReducer,
  type Order, type Refund, type StatusMessages, type StatusStore, type Ticket, type TicketStatus, type Transition,
} from "../src/index.js";

const VECTORS = new URL("../../../examples/vectors/", import.meta.url);
const STATUSES: TicketStatus[] = ["active", "used", "cancelled", "refunded"];
const FINAL: TicketStatus[] = ["used", "cancelled", "refunded"];
// The lifecycle written out by hand: a ticket starts active; active may become any final status.
const LEGAL_MOVES = new Set(["active>used", "active>cancelled", "active>refunded"]);
const PROPERTY = { numRuns: 150 };

function vector<N extends "ticket" | "order" | "refund">(message: N, name: string): StatusMessages[N] {
  const doc = JSON.parse(readFileSync(new URL(`${message}.json`, VECTORS), "utf8")) as { valid: { name: string; json?: unknown }[] };
  return decode(message, JSON.stringify(doc.valid.find((c) => c.name === name)!.json)) as StatusMessages[N];
}

const TICKET = vector("ticket", "minimal");
const ORDER = vector("order", "full");
const REFUND = vector("refund", "full");

type Message = { [N in keyof StatusMessages]: { name: N; message: StatusMessages[N] } }[keyof StatusMessages];

const ticket = (id: string, status: TicketStatus): Message => ({ name: "ticket", message: { ...TICKET, id, status } });
const order = (id: string, ...ticketIds: string[]): Message => ({
  name: "order",
  message: { ...ORDER, id, tickets: ticketIds.map((t) => ({ ...ORDER.tickets[0]!, id: t, barcode: `bc-${t}` })) },
});
const refund = (id: string, ...ticketIds: string[]): Message => ({ name: "refund", message: { ...REFUND, id, ticket_ids: ticketIds } });

function apply(reducer: StatusReducer, m: Message): Transition[] {
  return reducer.apply(m.name, m.message as never);
}

function finalStatuses(messages: readonly Message[], Reducer: typeof StatusReducer = StatusReducer): Map<string, TicketStatus> {
  const store = new InMemoryStatusStore();
  const reducer = new Reducer(store);
  for (const m of messages) apply(reducer, m);
  return store.statuses;
}

const t = (ticketId: string, before: TicketStatus | null, after: TicketStatus, outcome: Transition["outcome"]): Transition =>
  ({ ticketId, before, after, outcome });

// ---------------------------------------------------------------------------- the lifecycle

test("the lifecycle table", () => {
  for (const before of STATUSES) {
    for (const after of STATUSES) {
      assert.equal(allowed(before, after), before === after || LEGAL_MOVES.has(`${before}>${after}`), `${before} > ${after}`);
    }
  }
  assert.ok(STATUSES.every((s) => allowed(null, s)));
});

test("each allowed transition is applied", () => {
  for (const move of LEGAL_MOVES) {
    const [before, after] = move.split(">") as [TicketStatus, TicketStatus];
    const reducer = new StatusReducer();
    assert.deepEqual(apply(reducer, ticket("T-1", before)), [t("T-1", null, before, "applied")]);
    assert.deepEqual(apply(reducer, ticket("T-1", after)), [t("T-1", before, after, "applied")]);
    assert.equal(reducer.store.get("T-1"), after);
  }
});

test("each illegal transition is reported and not applied", () => {
  let checked = 0;
  for (const before of STATUSES) {
    for (const after of STATUSES) {
      if (before === after || LEGAL_MOVES.has(`${before}>${after}`)) continue;
      const reducer = new StatusReducer();
      apply(reducer, ticket("T-1", "active"));
      if (before !== "active") apply(reducer, ticket("T-1", before));
      assert.deepEqual(apply(reducer, ticket("T-1", after)), [t("T-1", before, after, "illegal")]);
      assert.equal(reducer.store.get("T-1"), before);
      checked++;
    }
  }
  assert.equal(checked, 9);
});

test("the same status again is a no-op", () => {
  for (const status of STATUSES) {
    const reducer = new StatusReducer();
    apply(reducer, ticket("T-1", status));
    assert.deepEqual(apply(reducer, ticket("T-1", status)), [t("T-1", status, status, "duplicate")]);
    assert.equal(reducer.store.get("T-1"), status);
  }
});

test("an order opens its tickets, then a refund refunds some", () => {
  const reducer = new StatusReducer();
  assert.deepEqual(apply(reducer, order("O-1", "T-1", "T-2", "T-3")),
    [t("T-1", null, "active", "applied"), t("T-2", null, "active", "applied"), t("T-3", null, "active", "applied")]);
  assert.deepEqual(apply(reducer, refund("R-1", "T-2")), [t("T-2", "active", "refunded", "applied")]);
  assert.deepEqual(finalStatuses([order("O-1", "T-1", "T-2", "T-3"), refund("R-1", "T-2")]),
    new Map([["T-1", "active"], ["T-2", "refunded"], ["T-3", "active"]]));
});

test("a refund before its order still wins", () => {
  assert.deepEqual(finalStatuses([refund("R-1", "T-2"), order("O-1", "T-1", "T-2")]),
    new Map([["T-2", "refunded"], ["T-1", "active"]]));
});

test("an order redelivered after its refund keeps the ticket refunded; a redelivered refund is a no-op", () => {
  const reducer = new StatusReducer();
  apply(reducer, order("O-1", "T-1"));
  apply(reducer, refund("R-1", "T-1"));
  assert.deepEqual(apply(reducer, order("O-1", "T-1")), [t("T-1", "refunded", "refunded", "duplicate")]);
  assert.deepEqual(apply(reducer, refund("R-1", "T-1")), [t("T-1", "refunded", "refunded", "duplicate")]);
  assert.equal(reducer.store.get("T-1"), "refunded");
});

test("a refund of a used ticket is illegal", () => {
  const reducer = new StatusReducer();
  apply(reducer, ticket("T-1", "used"));
  assert.deepEqual(apply(reducer, refund("R-1", "T-1")), [t("T-1", "used", "refunded", "illegal")]);
  assert.equal(reducer.store.get("T-1"), "used");
});

test("statuses come only from tickets, orders and refunds", () => {
  assert.throws(() => new StatusReducer().apply("event" as never, {} as never), {
    name: "TypeError", message: "statuses come from Ticket, Order and Refund messages, not Event",
  });
});

test("a custom store is used; duplicates write nothing", () => {
  class Table implements StatusStore {
    readonly rows: [string, TicketStatus][] = [];
    writes = 0;

    get(ticketId: string): TicketStatus | null {
      return this.rows.findLast(([id]) => id === ticketId)?.[1] ?? null;
    }

    set(ticketId: string, status: TicketStatus): void {
      this.writes++;
      this.rows.push([ticketId, status]);
    }
  }
  const table = new Table();
  const reducer = new StatusReducer(table);
  assert.equal(reducer.store, table);
  for (const m of [order("O-1", "T-1", "T-2"), refund("R-1", "T-1"), order("O-1", "T-1", "T-2"), ticket("T-2", "used")]) {
    apply(reducer, m);
  }
  assert.deepEqual(table.rows, [["T-1", "active"], ["T-2", "active"], ["T-1", "refunded"], ["T-2", "used"]]);
  assert.equal(table.writes, 4);
});

test("typed messages go in by name", () => {
  const reducer = new StatusReducer();
  const typed: Order = ORDER;
  const r: Refund = REFUND;
  const tk: Ticket = { ...TICKET, id: "T-9" };
  assert.equal(reducer.apply("order", typed).length, 3);
  assert.equal(reducer.apply("refund", r).length, 3);
  assert.deepEqual(reducer.apply("ticket", tk), [t("T-9", null, "active", "applied")]);
});

// ---------------------------------------------------------------------------- properties

/** Any merge of `streams` that keeps the order within each one (one stream = one key). */
function interleavings<T>(streams: readonly (readonly T[])[]): fc.Arbitrary<T[]> {
  const total = streams.reduce((n, s) => n + s.length, 0);
  return fc.array(fc.nat(), { minLength: total, maxLength: total }).map((picks) => {
    const queues = streams.filter((s) => s.length).map((s) => [...s]);
    const merged: T[] = [];
    for (const pick of picks) {
      const queue = queues[pick % queues.length]!;
      merged.push(queue.shift()!);
      if (!queue.length) queues.splice(queues.indexOf(queue), 1);
    }
    return merged;
  });
}

/** `messages` with copies of some of them delivered again later. */
function withRedeliveries<T>(messages: readonly T[]): fc.Arbitrary<T[]> {
  return fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }).map((copies) => {
    const out = [...messages];
    for (const [a, b] of copies) {
      if (!out.length) break;
      const original = a % out.length;
      const at = original + 1 + (b % (out.length - original));
      out.splice(at, 0, out[original]!);
    }
    return out;
  });
}

/** Tickets-based: per ticket, `active` and then optionally one final status. */
const ticketHistories: fc.Arbitrary<Message[][]> = fc
  .array(fc.option(fc.constantFrom(...FINAL), { nil: undefined }), { minLength: 1, maxLength: 6 })
  .map((finals) => finals.map((final, n) => [ticket(`T-${n}`, "active"), ...(final ? [ticket(`T-${n}`, final)] : [])]));

/** Orders-based: orders of distinct tickets, then refunds of some of those tickets (each at most once). */
const orderHistories: fc.Arbitrary<Message[]> = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((sizes) => {
    const orders = sizes.map((size, n) => order(`O-${n}`, ...Array.from({ length: size }, (_, i) => `T-${n}-${i}`)));
    const perOrder = orders.map((o) => {
      const ids = (o.message as Order).tickets.map((x) => x.id);
      return fc.tuple(fc.subarray(ids), fc.nat()).chain(([refunded, cut]) => fc.shuffledSubarray(refunded, {
        minLength: refunded.length, maxLength: refunded.length,
      }).map((shuffled) => [shuffled.slice(0, cut % (shuffled.length + 1)), shuffled.slice(cut % (shuffled.length + 1))]));
    });
    return fc.tuple(...perOrder).map((parts) => {
      const refunds: Message[] = [];
      for (const pair of parts) for (const part of pair) if (part.length) refunds.push(refund(`R-${refunds.length}`, ...part));
      return [...orders, ...refunds];
    });
  });

test("any delivery of a ticket history ends in the same statuses (property)", () => {
  fc.assert(fc.property(
    ticketHistories.chain((histories) => fc.tuple(fc.constant(histories), interleavings(histories).chain(withRedeliveries))),
    ([histories, delivered]) => {
      const once = finalStatuses(histories.flat());
      assert.deepEqual(finalStatuses(delivered), once);
      assert.equal(once.size, histories.length);
      assert.ok([...once.values()].every((s) => STATUSES.includes(s)));
    },
  ), PROPERTY);
});

/** The order-history property, with the reducer under test. */
function orderHistoryProperty(Reducer: typeof StatusReducer) {
  return fc.property(
    // Orders and refunds travel on different topics and each message has its own key: only the
    // order of copies of one message is fixed (a redelivery comes after the original).
    orderHistories.chain((history) => fc.tuple(fc.constant(history), interleavings(history.map((m) => [m])).chain(withRedeliveries))),
    ([history, delivered]) => {
      const once = finalStatuses(history, Reducer);
      assert.deepEqual(sorted(finalStatuses(delivered, Reducer)), sorted(once));
      const refunded = new Set(history.flatMap((m) => (m.name === "refund" ? m.message.ticket_ids : [])));
      assert.deepEqual(new Set([...once].filter(([, s]) => s === "refunded").map(([id]) => id)), refunded);
    },
  );
}

test("any delivery of an order history ends in the same statuses (property)", () => {
  fc.assert(orderHistoryProperty(StatusReducer), PROPERTY);
});

test("the property can fail: a reducer whose orders reopen refunded tickets is caught", () => {
  class Reopening extends StatusReducer {
    override apply<N extends keyof StatusMessages>(name: N, message: StatusMessages[N]): Transition[] {
      if (name !== "order") return super.apply(name, message);
      return (message as Order).tickets.map((x) => {
        this.store.set(x.id, "active");
        return t(x.id, null, "active", "applied");
      });
    }
  }
  assert.throws(() => fc.assert(orderHistoryProperty(Reopening), { ...PROPERTY, numRuns: 500 }), /Property failed/);
});

function sorted(statuses: Map<string, TicketStatus>): [string, TicketStatus][] {
  return [...statuses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
