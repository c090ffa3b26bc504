/**
 * Ticket statuses from the streams (docs/spec.md §3, lifecycle), safe under
 * at-least-once delivery (mirrors `vibe_contracts/statuses.py`).
 *
 * A ticket starts `active`; `active` may become `used`, `cancelled` or
 * `refunded`, which are final; the same status again is a no-op.
 * Tickets-based variant: each Ticket message carries a status. Orders-based
 * variant: an Order makes its tickets `active`, a Refund makes the named
 * tickets `refunded`.
 *
 * Redeliveries and duplicates change nothing. An order redelivered after its
 * refund does not bring the tickets back, and a refund that overtakes its
 * order (another topic) still wins, so any interleaving of a valid history
 * ends in the same statuses. An illegal transition is reported and not
 * applied.
 *
 * The reducer takes the Ticket, Order and Refund of every major in the package.
 *
 * @module
 */

import type { AnyMajor } from "./gen/majors.js";

/** A ticket status of any major in the package. */
type TicketStatus = AnyMajor<"ticket">["status"];

/** The statuses a ticket never leaves. */
export const FINAL: ReadonlySet<TicketStatus> = new Set<TicketStatus>(["used", "cancelled", "refunded"]);

/** What applying one status to one ticket did. */
export type Outcome = "applied" | "duplicate" | "illegal";

/** Whether a ticket may go from `before` (`null`: not seen yet) to `after`. */
export function allowed(before: TicketStatus | null, after: TicketStatus): boolean {
  return before === null || before === after || (before === "active" && FINAL.has(after));
}

/** Where statuses live: a Map, a database table, a state store. */
export interface StatusStore {
  get(ticketId: string): TicketStatus | null | undefined;
  set(ticketId: string, status: TicketStatus): void;
}

/** The default store: a Map of ticket id → status. */
export class InMemoryStatusStore implements StatusStore {
  readonly statuses = new Map<string, TicketStatus>();

  get(ticketId: string): TicketStatus | undefined {
    return this.statuses.get(ticketId);
  }

  set(ticketId: string, status: TicketStatus): void {
    this.statuses.set(ticketId, status);
  }
}

/** What applying one status to one ticket did. */
export interface Transition {
  readonly ticketId: string;
  readonly before: TicketStatus | null;
  readonly after: TicketStatus;
  readonly outcome: Outcome;
}

/** The messages statuses come from, by name: those of every major in the package. */
export interface StatusMessages {
  ticket: AnyMajor<"ticket">;
  order: AnyMajor<"order">;
  refund: AnyMajor<"refund">;
}

/** Applies Ticket, Order and Refund messages to a status store. */
export class StatusReducer {
  readonly store: StatusStore;

  constructor(store?: StatusStore) {
    this.store = store ?? new InMemoryStatusStore();
  }

  /** Apply one message of type `name`; returns one transition per ticket it names. */
  apply<N extends keyof StatusMessages>(name: N, message: StatusMessages[N]): Transition[] {
    switch (name) {
      case "ticket": {
        const ticket = message as StatusMessages["ticket"];
        return [this.move(ticket.id, ticket.status)];
      }
      case "order":
        return (message as StatusMessages["order"]).tickets.map((t) => this.open(t.id));
      case "refund":
        return (message as StatusMessages["refund"]).ticket_ids.map((id) => this.move(id, "refunded"));
      default: {
        const text = String(name as unknown);
        const shown = text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text;
        throw new TypeError(`statuses come from Ticket, Order and Refund messages, not ${shown}`);
      }
    }
  }

  private current(ticketId: string): TicketStatus | null {
    return this.store.get(ticketId) ?? null;
  }

  private open(ticketId: string): Transition {
    // An order only creates tickets: a known ticket, in whatever status, stays as it is.
    const before = this.current(ticketId);
    if (before !== null) return { ticketId, before, after: before, outcome: "duplicate" };
    this.store.set(ticketId, "active");
    return { ticketId, before: null, after: "active", outcome: "applied" };
  }

  private move(ticketId: string, after: TicketStatus): Transition {
    const before = this.current(ticketId);
    if (before === after) return { ticketId, before, after, outcome: "duplicate" };
    if (!allowed(before, after)) return { ticketId, before, after, outcome: "illegal" };
    this.store.set(ticketId, after);
    return { ticketId, before, after, outcome: "applied" };
  }
}
