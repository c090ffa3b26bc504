/**
 * Messages on Kafka (docs/spec.md §2): the record envelope — key, value and the three
 * headers — and adapters for kafkajs (mirrors `vibe_contracts/kafka`), for the newest
 * major in the package; `@vibe/contracts/v1/kafka`, … for each major. See `envelope.ts`.
 *
 * @module
 */

export * from "./gen/current/kafka.js";
