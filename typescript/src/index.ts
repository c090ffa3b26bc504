/**
 * Kafka integration contracts between the ticketing platform and the Vibe app.
 *
 * Types of the five messages (Organizer, Event, Order, Refund, Ticket) in
 * their JSON form, strict and tolerant validation compiled ahead of time,
 * JSON and Protobuf forms, one error type. Mirrors the Python package
 * `vibe_contracts`, and gives the same verdicts, paths and rules.
 *
 * @module
 */

export { decode, encode, type DecodeOptions, type EncodeOptions, type Format } from "./codec.js";
export {
  ContractError, ENVELOPE_RULES, formatViolation, MAPPING_RULES, MESSAGE_RULES,
  type EnvelopeRule, type MappingRule, type MessageRule, type Rule, type Violation,
} from "./errors.js";
export * from "./gen/v1/types.js";
export { is, isEvent, isOrder, isOrganizer, isRefund, isTicket, validate, type ValidateOptions } from "./parsed.js";
export { DEFAULT_LIMITS, MAX_DEPTH_CEILING, defaultLimits, makeLimits, setDefaultLimits, type Limits } from "./limits.js";
export { describeRecord, HIDDEN, redact, type Decoded, type DescribeOptions, type HeaderValue, type RecordHeaders } from "./redact.js";
export {
  allowed, FINAL, InMemoryStatusStore, StatusReducer,
  type Outcome, type StatusMessages, type StatusStore, type Transition,
} from "./statuses.js";

/** The package version; `1.0.x` carries contract `1.0`. */
export const VERSION = "1.0.0";
