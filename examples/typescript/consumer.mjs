#!/usr/bin/env node
// Read the five topics with kafkajs, validate tolerantly, reduce to ticket statuses
// (mirrors examples/python/consumer.py).
//
//     node examples/typescript/consumer.mjs [--max-messages N] [--timeout S] [--group ID]
//
// Connection settings come from the environment (see settings.mjs). Each record is logged
// with `describeRecord` (personal data masked, never the raw value); a record that breaks
// the contract is logged with the paths and rules it broke and skipped. Stops after N
// records or S seconds, then prints per topic and format how many records arrived and how
// many were refused, the final ticket statuses of each integration variant, and, as the
// last line, the same summary as JSON. Offsets of processed records are committed before
// the consumer leaves (at-least-once): a redelivered record is simply applied again.
import { pathToFileURL } from "node:url";

import { ContractError, InMemoryStatusStore, StatusReducer } from "../../typescript/dist/index.js";
import { CONTENT_TYPE_JSON, CONTENT_TYPE_PROTOBUF, describeRecord, fromKafkaMessage } from "../../typescript/dist/kafka.js";
import { kafkaConfig, kafkajs, logger, parseArgs } from "./settings.mjs";

const USAGE = "usage: node examples/typescript/consumer.mjs [--max-messages N] [--timeout S] [--group ID]\n";
export const TOPIC_NAMES = ["organizers", "events", "orders", "refunds", "tickets"]; // docs/spec.md §2 defaults
export const VARIANTS = ["orders-based", "tickets-based"];
const FORMATS = { [CONTENT_TYPE_JSON]: "json", [CONTENT_TYPE_PROTOBUF]: "protobuf" };
const log = logger("vibe.example.consumer");
const utf8 = new TextDecoder();

/** `json`, `protobuf`, `other` (an unknown content type) or `none` (no content-type header). */
export function recordFormat(headers) {
  let value = headers?.["content-type"];
  if (Array.isArray(value)) value = value[0];
  if (value === undefined) return "none";
  const text = typeof value === "string" ? value : utf8.decode(value ?? new Uint8Array());
  return FORMATS[text.split(";")[0].trim().toLowerCase()] ?? "other";
}

/** What the consumer saw: counts per topic and format, one status store per variant, refusals. */
export class Summary {
  received = new Map();
  rejected = new Map();
  rejections = [];
  stores = Object.fromEntries(VARIANTS.map((v) => [v, new InMemoryStatusStore()]));

  #count(counter, topic, format) {
    const key = `${topic}\t${format}`;
    counter.set(key, (counter.get(key) ?? 0) + 1);
  }

  accept(topic, message, decoded) {
    this.#count(this.received, topic, recordFormat(message.headers));
    log.info(describeRecord(topic, message.key, message.headers, decoded));
    if (decoded.name === "ticket" || decoded.name === "order" || decoded.name === "refund") {
      const variant = decoded.name === "ticket" ? "tickets-based" : "orders-based";
      for (const step of new StatusReducer(this.stores[variant]).apply(decoded.name, decoded.message)) {
        if (step.outcome === "illegal") {
          log.warning(`ticket ${step.ticketId}: ${step.before} -> ${step.after} is not allowed; it stays ${step.before}`);
        }
      }
    }
  }

  reject(topic, message, error) {
    const format = recordFormat(message.headers);
    this.#count(this.received, topic, format);
    this.#count(this.rejected, topic, format);
    log.warning(describeRecord(topic, message.key, message.headers, null, { error }));
    this.rejections.push({
      topic,
      key: message.key === null || message.key === undefined ? null : utf8.decode(message.key),
      errors: error instanceof ContractError ? error.errors.map((v) => [v.path, v.rule]) : [[ "", error?.constructor?.name ?? "Error" ]],
    });
  }

  /** How many tickets end in each status, in one variant. */
  statuses(variant) {
    const counts = {};
    for (const status of this.stores[variant].statuses.values()) counts[status] = (counts[status] ?? 0) + 1;
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  render() {
    const lines = [`${"topic".padEnd(12)} ${"format".padEnd(9)} ${"received".padStart(8)} ${"rejected".padStart(8)}`];
    for (const key of [...this.received.keys()].sort()) {
      const [topic, format] = key.split("\t");
      lines.push(`${topic.padEnd(12)} ${format.padEnd(9)} ${String(this.received.get(key)).padStart(8)} ${String(this.rejected.get(key) ?? 0).padStart(8)}`);
    }
    for (const variant of VARIANTS) {
      const counts = Object.entries(this.statuses(variant)).map(([s, n]) => `${s}=${n}`).join(" ");
      lines.push(`ticket statuses, ${variant}: ${counts || "-"}`);
    }
    return lines.join("\n");
  }

  toJSON() {
    const plain = (counter) => Object.fromEntries([...counter].map(([k, n]) => [k.replace("\t", "/"), n]));
    return {
      received: plain(this.received),
      rejected: plain(this.rejected),
      statuses: Object.fromEntries(VARIANTS.map((v) => [v, this.statuses(v)])),
      rejections: this.rejections,
    };
  }
}

/**
 * Consume `topics` from the earliest offset until `maxMessages` records were processed or
 * `timeout` seconds passed; returns the Summary and timings (seconds since the start).
 */
export async function consume(config, { groupId, maxMessages, timeout = 30, topics = TOPIC_NAMES }) {
  const summary = new Summary();
  const timings = { first: null, last: null, elapsed: 0 };
  const started = performance.now();
  const kafka = new kafkajs.Kafka(config);
  // A first group join waits for rebalanceTimeout: keep it short (kafkajs's default is 60 s).
  const consumer = kafka.consumer({
    groupId, rebalanceTimeout: 2000, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 500,
  });
  const processed = new Map(); // "topic\tpartition" → next offset to commit
  let seen = 0;
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const timer = setTimeout(() => finish("timeout"), timeout * 1000);
  let failure;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        if (maxMessages !== undefined && seen >= maxMessages) return; // past the bound: left for the next run
        if (failure !== undefined) return;
        seen += 1;
        const now = (performance.now() - started) / 1000;
        timings.first ??= now;
        timings.last = now;
        try {
          summary.accept(topic, message, fromKafkaMessage({ topic, message }));
        } catch (error) {
          if (error instanceof ContractError) {
            summary.reject(topic, message, error);
          } else {
            // Not a contract matter: log the type only (a message may quote a value), and stop.
            log.error(describeRecord(topic, message.key, message.headers, null, { error }));
            failure = error;
            finish("failure");
            return;
          }
        }
        processed.set(`${topic}\t${partition}`, (BigInt(message.offset) + 1n).toString());
        if (maxMessages !== undefined && seen >= maxMessages) finish("count");
      },
    });
    await finished;
    const offsets = [...processed].map(([key, offset]) => {
      const [topic, partition] = key.split("\t");
      return { topic, partition: Number(partition), offset };
    });
    if (offsets.length) await consumer.commitOffsets(offsets);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  timings.elapsed = (performance.now() - started) / 1000;
  if (failure !== undefined) throw new Error(`processing a record failed with ${failure?.constructor?.name ?? "an error"} (see the log line above)`);
  return { summary, timings };
}

async function main(argv) {
  const args = parseArgs(argv, { max_messages: "int", timeout: "float", group: "string" }, USAGE);
  const { summary, timings } = await consume(kafkaConfig(process.env, "vibe-contracts-example-consumer"), {
    groupId: args.group || "vibe-contracts-example-ts",
    maxMessages: args.max_messages,
    timeout: args.timeout ?? 30,
  });
  const round = (x) => (x === null ? null : Number(x.toFixed(3)));
  process.stdout.write(`${summary.render()}\n`);
  process.stdout.write(`${JSON.stringify({
    ...summary.toJSON(), seconds: { first_record: round(timings.first), last_record: round(timings.last), elapsed: round(timings.elapsed) },
  })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error) => {
    log.error(`${error?.constructor?.name ?? "Error"}: ${error?.message ?? error}`);
    process.exit(1);
  });
}
