/**
 * Data already parsed (a `JSON.parse` result, an object built in code):
 * `validate` as `decode` does it, and a type guard per message.
 *
 * @module
 */

import { ContractError } from "./errors.js";
import type { Event, MessageName, MessageTypes, Order, Organizer, Refund, Ticket } from "./gen/v1/types.js";
import { MESSAGE_NAMES } from "./gen/v1/types.js";
import { validate as walk } from "./validate.js";

export interface ValidateOptions {
  /** Writer rules (docs/spec.md §4) when true; the tolerant reader rules by default. */
  readonly strict?: boolean;
}

function known(name: MessageName): void {
  if (!MESSAGE_NAMES.includes(name)) {
    throw new TypeError(`unknown message type ${JSON.stringify(name)}; expected one of ${MESSAGE_NAMES.join(", ")}`);
  }
}

/**
 * Check `value` against message `name` (`"order"`, …) and give its normalized
 * JSON form, as `decode` gives it for the same document: tolerant rules unless
 * `strict`. Throws ContractError listing every violation.
 */
export function validate<N extends MessageName>(name: N, value: unknown, options: ValidateOptions = {}): MessageTypes[N] {
  known(name);
  const result = walk(name, value, { strict: options.strict ?? false });
  if (result.errors.length) throw new ContractError(result.errors);
  return result.value as MessageTypes[N];
}

/**
 * Whether `value` is a message `name` just as its type says: every writer rule
 * holds (no `null` for an absent field, only listed enum values), keys the
 * contract does not know aside, as TypeScript's types allow them. Never throws
 * for a value; to learn what is wrong, call `validate`.
 */
export function is<N extends MessageName>(name: N, value: unknown): value is MessageTypes[N] {
  known(name);
  return walk(name, value, { strict: true }).errors.every((v) => v.rule === "unknown_field");
}

/** `is("organizer", value)`. */
export const isOrganizer = (value: unknown): value is Organizer => is("organizer", value);
/** `is("event", value)`. */
export const isEvent = (value: unknown): value is Event => is("event", value);
/** `is("order", value)`. */
export const isOrder = (value: unknown): value is Order => is("order", value);
/** `is("refund", value)`. */
export const isRefund = (value: unknown): value is Refund => is("refund", value);
/** `is("ticket", value)`. */
export const isTicket = (value: unknown): value is Ticket => is("ticket", value);
