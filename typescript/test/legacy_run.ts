// Runs a legacy mapping case as tests/legacy/run.py does in Python: bytes in, a plain result out
// (`{v1: [canonical JSON text]}`, `{skipped, message}` or `{refused: [{path, rule, message}]}`).
import { ContractError, encode, type MessageName } from "../src/index.js";
import * as legacy from "../src/legacy/index.js";

type Mapping = (...args: never[]) => unknown;

/** function → [mapping, its record's message, its joins in argument order, the v1 message] */
export const FUNCTIONS: Readonly<Record<string, readonly [Mapping, legacy.LegacyName, readonly legacy.LegacyName[], MessageName]>> = {
  partner: [legacy.mapPartner, "partner", [], "organizer"],
  event: [legacy.mapEvent, "event", ["partner"], "event"],
  order: [legacy.mapOrder, "order", ["event", "partner"], "order"],
  refund: [legacy.mapRefund, "refund_request", ["order"], "refund"],
  order_tickets: [legacy.mapOrderTickets, "order", ["event", "partner"], "ticket"],
  refund_tickets: [legacy.mapRefundTickets, "refund_request", ["order", "event", "partner"], "ticket"],
};

export type Outcome =
  | { v1: string[] }
  | { skipped: legacy.SkipReason; message: string }
  | { refused: { path: string; rule: string; message: string }[] };

const TEXT = new TextDecoder();

export function run(
  fn: string,
  record: Uint8Array,
  joins: Readonly<Record<string, Uint8Array>>,
  config: unknown,
): Outcome {
  const [mapping, message, joinNames, v1] = FUNCTIONS[fn]!;
  try {
    const cfg = legacy.mappingConfigFromDict(config ?? {});
    const inputs = [legacy.decode(message, record), ...joinNames.map((j) => legacy.decode(j, joins[j]!))];
    const out = (mapping as (...args: unknown[]) => unknown)(...inputs, cfg);
    if (out instanceof legacy.Skipped) return { skipped: out.reason, message: out.message };
    return { v1: (Array.isArray(out) ? out : [out]).map((m) => TEXT.decode(encode(v1, m))) };
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw exc;
    return { refused: exc.errors.map(({ path, rule, message }) => ({ path, rule, message })) };
  }
}
