/**
 * `@vibe/contracts/legacy`: the legacy Ticketscloud streams and their mapping
 * to contract v1 (docs/legacy.md; mirrors the Python `vibe_contracts.legacy`,
 * with byte-identical results).
 *
 * Decode a record of the four legacy topics (partners, events, orders,
 * refund requests) with `decode`, then map it, with the records it joins
 * with, to v1 messages (JSON form) with the `map*` functions. See
 * `MappingConfig` for the settings.
 *
 * @module
 */

export * from "../gen/vibe/legacy/ticketscloud/partner_pb.js";
export * from "../gen/vibe/legacy/ticketscloud/event_pb.js";
export * from "../gen/vibe/legacy/ticketscloud/order_pb.js";
export * from "../gen/vibe/legacy/ticketscloud/refund_request_pb.js";
export {
  DEFAULT_OFFSET, MappingConfig, mappingConfigFromDict,
  type MappingConfigInit, type NameOrder, type VenueEntry,
} from "./config.js";
export { Skipped, type SkipReason } from "./doc.js";
export { mapEvent, mapOrder, mapOrderTickets, mapPartner, mapRefund, mapRefundTickets } from "./mapping.js";
export {
  decode, LEGACY_SCHEMAS, type LegacyDecodeOptions, type LegacyMessage, type LegacyMessages, type LegacyName,
} from "./wire.js";
