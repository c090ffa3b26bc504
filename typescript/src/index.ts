/**
 * Kafka integration contracts between the ticketing platform and the Vibe app.
 *
 * Types of the five messages (Organizer, Event, Order, Refund, Ticket) in
 * their JSON form, strict and tolerant validation compiled ahead of time,
 * JSON and Protobuf forms, one error type. Mirrors the Python package
 * `vibe_contracts`, and gives the same verdicts, paths and rules.
 *
 * This is the newest major in the package (docs/spec.md §7); each major is
 * also its own entry point, `@vibe/contracts/v1`, … with the same names.
 *
 * @module
 */

export * from "./gen/current/index.js";
