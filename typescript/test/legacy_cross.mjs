// Cross-language driver of the legacy mapping: the Python test (tests/cross/test_legacy_cross.py)
// sends cases on stdin as JSON; each is decoded and mapped by the built package
// (dist/legacy), and the outcome goes back on stdout.
//
//   in:  {"cases": [{"function": "partner" | "event" | "order" | "refund" | "order_tickets" | "refund_tickets",
//                    "record": "<base64>", "joins": {"partner"?, "event"?, "order"?: "<base64>"},
//                    "config"?: {MappingConfig.from_dict form}}]}
//   out: {"results": [{"v1": ["<canonical JSON text>", …]} | {"skipped": {"reason", "message"}}
//                     | {"refused": [{"path", "rule", "message"}]} | {"crash": "<error text>"}]}
// Steps, each refused in this order: the config, the record, the joins (partner, event, order).
import { ContractError, encode } from "../dist/index.js";
import * as legacy from "../dist/legacy/index.js";

const RECORD = { partner: "partner", event: "event", order: "order", order_tickets: "order", refund: "refund_request", refund_tickets: "refund_request" };
const MAP = {
  partner: (r, j, c) => [legacy.mapPartner(r, c), "organizer"],
  event: (r, j, c) => [legacy.mapEvent(r, j.partner, c), "event"],
  order: (r, j, c) => [legacy.mapOrder(r, j.event, j.partner, c), "order"],
  order_tickets: (r, j, c) => [legacy.mapOrderTickets(r, j.event, j.partner, c), "ticket"],
  refund: (r, j, c) => [legacy.mapRefund(r, j.order, c), "refund"],
  refund_tickets: (r, j, c) => [legacy.mapRefundTickets(r, j.order, j.event, j.partner, c), "ticket"],
};
const JOINS = { partner: "partner", event: "event", order: "order" };
const bytes = (b64) => new Uint8Array(Buffer.from(b64, "base64"));
const text = new TextDecoder();

function run(c) {
  try {
    const config = c.config === undefined ? new legacy.MappingConfig() : legacy.mappingConfigFromDict(c.config);
    const record = legacy.decode(RECORD[c.function], bytes(c.record));
    const joins = {};
    for (const [key, name] of Object.entries(JOINS)) {
      if (c.joins?.[key] !== undefined) joins[key] = legacy.decode(name, bytes(c.joins[key]));
    }
    const [out, message] = MAP[c.function](record, joins, config);
    if (out instanceof legacy.Skipped) return { skipped: { reason: out.reason, message: out.message } };
    return { v1: (Array.isArray(out) ? out : [out]).map((m) => text.decode(encode(message, m))) };
  } catch (exc) {
    if (exc instanceof ContractError) {
      return { refused: exc.errors.map(({ path, rule, message }) => ({ path, rule, message })) };
    }
    return { crash: String(exc && exc.stack ? exc.stack : exc) };
  }
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { cases } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify({ results: cases.map(run) }));
