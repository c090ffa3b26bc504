/**
 * What the Kafka entry point of every major exports alike (`@vibe/contracts/kafka`,
 * `@vibe/contracts/v1/kafka`, …): content types, header names, record shapes.
 *
 * @module
 */

export {
  CONTENT_TYPE_JSON, CONTENT_TYPE_PROTOBUF, CONTENT_TYPES, HEADER_NAMES,
  type ContentType, type EncodeRecordOptions, type KafkaJsMessage, type KafkaJsPayload, type KafkaRecord,
} from "./envelope.js";
export type { EnvelopeRule } from "./errors.js";
export type { HeaderValue, RecordHeaders } from "./redact.js";
