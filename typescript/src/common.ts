/**
 * What every entry point exports whatever its major (`@vibe/contracts`,
 * `@vibe/contracts/v1`, …): the one error type, limits, option types, ticket
 * statuses and the package version. The generated entry point of each major
 * adds its types and the functions bound to it.
 *
 * @module
 */

export type { DecodeOptions, EncodeOptions, Format } from "./codec.js";
export {
  ContractError, ENVELOPE_RULES, formatViolation, MAPPING_RULES, MESSAGE_RULES,
  type EnvelopeRule, type MappingRule, type MessageRule, type Rule, type Violation,
} from "./errors.js";
export type { ValidateOptions } from "./parsed.js";
export { DEFAULT_LIMITS, MAX_DEPTH_CEILING, defaultLimits, makeLimits, setDefaultLimits, type Limits } from "./limits.js";
export { HIDDEN, type DescribeOptions, type HeaderValue, type RecordHeaders } from "./redact.js";
export {
  allowed, FINAL, InMemoryStatusStore, StatusReducer,
  type Outcome, type StatusMessages, type StatusStore, type Transition,
} from "./statuses.js";

/** The package version; `1.0.x` carries contract `1.0`, the newest major in the package. */
export const VERSION = "1.0.0";
