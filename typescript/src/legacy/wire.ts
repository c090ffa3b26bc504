/**
 * The legacy Ticketscloud messages and their decoding (docs/legacy-wire.md; mirrors
 * `vibe_contracts/legacy/wire.py`).
 *
 * @module
 */

import type { DescMessage } from "@bufbuild/protobuf";

import { readProto } from "../convert.js";
import { ContractError } from "../errors.js";
import { EventSchema, type Event } from "../gen/vibe/legacy/ticketscloud/event_pb.js";
import { OrderSchema, type Order } from "../gen/vibe/legacy/ticketscloud/order_pb.js";
import { PartnerSchema, type Partner } from "../gen/vibe/legacy/ticketscloud/partner_pb.js";
import { RefundRequestSchema, type RefundRequest } from "../gen/vibe/legacy/ticketscloud/refund_request_pb.js";
import { typeName } from "../json.js";
import { checkSize, resolveLimits, type Limits } from "../limits.js";

/** The four legacy topics' messages, by decode name. */
export interface LegacyMessages {
  partner: Partner;
  event: Event;
  order: Order;
  refund_request: RefundRequest;
}

export type LegacyName = keyof LegacyMessages;
export type LegacyMessage = LegacyMessages[LegacyName];

/** The protobuf-es schema of each legacy message, by decode name. */
export const LEGACY_SCHEMAS: { readonly [K in LegacyName]: DescMessage } = Object.freeze({
  partner: PartnerSchema,
  event: EventSchema,
  order: OrderSchema,
  refund_request: RefundRequestSchema,
});

export interface LegacyDecodeOptions {
  /** Size limit (rule `limit`): the given fields over `DEFAULT_LIMITS`; absent, the process default. */
  readonly limits?: Partial<Limits>;
}

/**
 * Decode a legacy record; fields the mapping does not read are skipped.
 *
 * Throws ContractError: rule `syntax` for bytes that are not the message
 * (read as Python's upb reads them), `limit` for a record larger than
 * `limits.maxBytes`; TypeError for an unknown name.
 */
export function decode(name: "partner", data: Uint8Array, options?: LegacyDecodeOptions): Partner;
export function decode(name: "event", data: Uint8Array, options?: LegacyDecodeOptions): Event;
export function decode(name: "order", data: Uint8Array, options?: LegacyDecodeOptions): Order;
export function decode(name: "refund_request", data: Uint8Array, options?: LegacyDecodeOptions): RefundRequest;
export function decode(name: LegacyName, data: Uint8Array, options?: LegacyDecodeOptions): LegacyMessage;
export function decode(name: LegacyName, data: Uint8Array, options: LegacyDecodeOptions = {}): LegacyMessage {
  const schema = Object.hasOwn(LEGACY_SCHEMAS, name) ? LEGACY_SCHEMAS[name] : undefined;
  if (schema === undefined) {
    throw new TypeError(`unknown legacy message ${JSON.stringify(name)}: one of ${Object.keys(LEGACY_SCHEMAS).join(", ")}`);
  }
  if (!(data instanceof Uint8Array)) {
    const got = typeof data === "string" ? "str" : typeName(data);
    throw ContractError.at("", "syntax", `expected Protobuf bytes, got ${got}`);
  }
  checkSize(data, resolveLimits(options.limits));
  try {
    return readProto<LegacyMessage>(schema, data);
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw exc;
    throw ContractError.at("", "syntax", `not a legacy ${schema.name} Protobuf message`);
  }
}
