/**
 * Order → Order, its tickets → Ticket statuses, RefundRequest → Refund and its
 * tickets → `refunded` (docs/legacy.md; mirrors `vibe_contracts/legacy/mapping.py`).
 *
 * @module
 */

import { ENUMS } from "../gen/v1/tables.js";
import type { Order as V1Order, Refund, Ticket } from "../gen/v1/types.js";
import type { Event } from "../gen/vibe/legacy/ticketscloud/event_pb.js";
import { Order_StatusSchema, type Order } from "../gen/vibe/legacy/ticketscloud/order_pb.js";
import type { Partner } from "../gen/vibe/legacy/ticketscloud/partner_pb.js";
import { RefundRequest_StatusSchema, type RefundRequest } from "../gen/vibe/legacy/ticketscloud/refund_request_pb.js";
import type { MappingConfig } from "./config.js";
import { checkJoin, Doc, enumName, int64, refuse, Skipped, type Fields } from "./doc.js";
import { phoneE164, splitName, trimmed } from "./text.js";

const CURRENCIES = new Set(Object.keys((ENUMS.Currency as { numbers: Record<string, number> }).numbers));
const ASCII = /^[\x00-\x7f]*$/;

/** The v1 Order of a DONE order: `event` and `partner` are those `order.event` and `order.org` name. */
export function mapOrder(order: Order, event: Event, partner: Partner, config: MappingConfig): V1Order | Skipped {
  const status = orderStatus(order);
  if (status !== "DONE") return new Skipped("order_status", `order status ${status} is not mapped to an Order`);
  orderJoins(order, event, partner);
  const doc = new Doc();
  const out: Fields = {};
  doc.put(out, "id", trimmed(order.id), "id", "id");
  doc.put(out, "number", order.number ? order.number.toString() : undefined, "number", "number");
  doc.put(out, "customer", customer(doc, order, config, "customer", ""), "customer", "settings.customer");
  const tickets = order.tickets.map((_, i) => ticketFields(doc, order, i, event, partner, `tickets[${i}].`, ""));
  doc.put(out, "tickets", tickets, "tickets", "tickets");
  return doc.model("order", out);
}

/** Ticket statuses of an order (tickets-based variant): DONE → `active`, CANCELLED → `cancelled`. */
export function mapOrderTickets(order: Order, event: Event, partner: Partner, config: MappingConfig): Ticket[] | Skipped {
  const status = orderStatus(order);
  if (status !== "DONE" && status !== "CANCELLED") {
    return new Skipped("order_status", `order status ${status} changes no ticket status`);
  }
  orderJoins(order, event, partner);
  uniqueIds(order.tickets.map((t) => t.id), "tickets");
  const ticketStatus = status === "DONE" ? "active" : "cancelled";
  return order.tickets.map((_, i) => ticket(order, i, ticketStatus, event, partner, config, ""));
}

function orderStatus(order: Order): string {
  return enumName(Order_StatusSchema, order.status, "Order.Status");
}

function orderJoins(order: Order, event: Event, partner: Partner): void {
  checkJoin(event.id, order.event, "event", "event");
  checkJoin(partner.id, order.org, "org", "partner");
}

function uniqueIds(ids: readonly string[], at: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const key = trimmed(id);
    if (key === undefined) return;
    if (seen.has(key)) throw refuse(`${at}[${i}].id`, "unique", "repeats the id of an earlier ticket");
    seen.add(key);
  });
}

function customer(doc: Doc, order: Order, config: MappingConfig, at: string, via: string): Fields {
  const given = order.settings?.customer;
  const src = `${via}settings.customer`;
  const [first, last] = splitName(given?.name ?? "", config.nameOrder === "family_first");
  const out: Fields = {};
  doc.put(out, "email", trimmed(given?.email ?? ""), `${at}.email`, `${src}.email`);
  doc.put(out, "phone", phoneE164(given?.phone ?? "", config.phoneCountryCode), `${at}.phone`, `${src}.phone`);
  doc.put(out, "first_name", first, `${at}.first_name`, `${src}.name`);
  doc.put(out, "last_name", last, `${at}.last_name`, `${src}.name`);
  return out;
}

/** What an OrderTicket and a Ticket share, from ticket `i` of the order (`at`: v1 path prefix, `via`: legacy). */
function ticketFields(doc: Doc, order: Order, i: number, event: Event, partner: Partner, at: string, via: string): Fields {
  const t = order.tickets[i]!;
  const src = `${via}tickets[${i}]`;
  const out: Fields = {};
  doc.put(out, "id", trimmed(t.id), `${at}id`, `${src}.id`);
  doc.put(out, "event_id", trimmed(order.event), `${at}event_id`, `${via}event`);
  doc.put(out, "barcode", trimmed(t.barcode), `${at}barcode`, `${src}.barcode`);
  doc.put(out, "number", t.number ? t.number.toString() : undefined, `${at}number`, `${src}.number`);
  doc.put(out, "series", trimmed(t.serial), `${at}series`, `${src}.serial`);
  doc.put(out, "row", trimmed(t.seat?.row ?? ""), `${at}row`, `${src}.seat.row`);
  doc.put(out, "seat", trimmed(t.seat?.number ?? ""), `${at}seat`, `${src}.seat.number`);
  doc.put(out, "category", setName(event, t.set, `${src}.set`), `${at}category`, `${src}.set`);
  doc.put(out, "price_nominal", int64(t.nominal, `${src}.nominal`), `${at}price_nominal`, `${src}.nominal`);
  doc.put(out, "currency", currency(partner), `${at}currency`, "org.currency");
  return out;
}

function ticket(order: Order, i: number, status: string, event: Event, partner: Partner, config: MappingConfig, via: string): Ticket {
  const doc = new Doc();
  const out = ticketFields(doc, order, i, event, partner, "", via);
  doc.put(out, "status", status, "status", `${via}status`);
  doc.put(out, "customer", customer(doc, order, config, "customer", via), "customer", `${via}settings.customer`);
  doc.put(out, "organizer_id", trimmed(order.org), "organizer_id", `${via}org`);
  doc.put(out, "order_id", trimmed(order.id), "order_id", `${via}id`);
  return doc.model("ticket", out);
}

function setName(event: Event, setId: string, path: string): string | undefined {
  const wanted = trimmed(setId);
  if (wanted === undefined) throw refuse(path, "required", "is required: the ticket's category is its ticket set's name");
  const found = event.sets.find((s) => trimmed(s.id) === wanted);
  if (found === undefined) throw refuse(path, "join", "names a ticket set the event given does not have");
  return trimmed(found.name);
}

function currency(partner: Partner): string | undefined {
  let code = trimmed(partner.currency) ?? "";
  if (ASCII.test(code)) code = code.toUpperCase();
  return CURRENCIES.has(code) ? code : undefined;
}

// RefundRequest → Refund, and its tickets → `refunded`

/** The v1 Refund of an APPROVED request: `order` is the Order `refund.order` names (for the customer). */
export function mapRefund(refund: RefundRequest, order: Order, config: MappingConfig): Refund | Skipped {
  const status = refundStatus(refund);
  if (status !== "APPROVED") return new Skipped("refund_status", `refund status ${status} is not mapped`);
  checkJoin(order.id, refund.order, "order", "order");
  const doc = new Doc();
  const out: Fields = {};
  doc.put(out, "id", trimmed(refund.id), "id", "id");
  doc.put(out, "customer", customer(doc, order, config, "customer", "order."), "customer", "order.settings.customer");
  const ids = refund.tickets.map((t, i) => {
    doc.sources.set(`ticket_ids[${i}]`, `tickets[${i}].id`);
    return trimmed(t.id) ?? "";
  });
  doc.put(out, "ticket_ids", ids, "ticket_ids", "tickets");
  return doc.model("refund", out);
}

/** The tickets an APPROVED refund turns `refunded`, built from its order (with that order's event and partner). */
export function mapRefundTickets(
  refund: RefundRequest,
  order: Order,
  event: Event,
  partner: Partner,
  config: MappingConfig,
): Ticket[] | Skipped {
  const status = refundStatus(refund);
  if (status !== "APPROVED") return new Skipped("refund_status", `refund status ${status} changes no ticket status`);
  checkJoin(order.id, refund.order, "order", "order");
  checkJoin(event.id, order.event, "order.event", "event");
  checkJoin(partner.id, order.org, "order.org", "partner");
  uniqueIds(refund.tickets.map((t) => t.id), "tickets");
  const positions = new Map<string | undefined, number>();
  order.tickets.forEach((t, i) => {
    const key = trimmed(t.id);
    if (!positions.has(key)) positions.set(key, i);
  });
  return refund.tickets.map((t, j) => {
    const wanted = trimmed(t.id);
    if (wanted === undefined) throw refuse(`tickets[${j}].id`, "required", "is required");
    const at = positions.get(wanted);
    if (at === undefined) throw refuse(`tickets[${j}].id`, "join", "names a ticket the order given does not have");
    return ticket(order, at, "refunded", event, partner, config, "order.");
  });
}

function refundStatus(refund: RefundRequest): string {
  return enumName(RefundRequest_StatusSchema, refund.status, "RefundRequest.Status");
}
