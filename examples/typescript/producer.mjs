#!/usr/bin/env node
// Send a realistic batch of the five messages with kafkajs (mirrors examples/python/producer.py).
//
//     node examples/typescript/producer.mjs [--repeat N] [--timeout S]
//
// Connection, application id and format come from the environment (see settings.mjs).
// Events go first: the orders and tickets point at them. Each record is validated
// strictly before it is sent and logged with `describeRecord`, personal data masked.
// The last line of the output is a JSON summary: records sent per topic and format.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { decode } from "../../typescript/dist/index.js";
import { CONTENT_TYPE_JSON, describeRecord, encodeRecord, toKafkaMessage } from "../../typescript/dist/kafka.js";
import { applicationId, contentType, kafkaConfig, kafkajs, logger, parseArgs } from "./settings.mjs";

const USAGE = "usage: node examples/typescript/producer.mjs [--repeat N] [--timeout S]\n";
const VECTORS = new URL("../vectors/", import.meta.url);
const log = logger("vibe.example.producer");
const cache = new Map();

/** The valid shared vector `name` of `message` (`order`, …) decoded, with `changes` applied. */
export function vector(message, name, changes = {}) {
  if (!cache.has(message)) cache.set(message, JSON.parse(readFileSync(new URL(`${message}.json`, VECTORS), "utf8")));
  const found = cache.get(message).valid.find((c) => c.name === name && c.json !== undefined);
  if (found === undefined) throw new Error(`no valid vector ${message}/${name}`);
  return { ...decode(message, JSON.stringify(found.json)), ...changes };
}

/**
 * Eight messages in delivery order, both integration variants — the batch of the Python
 * example. Orders-based: order ORD-1001 (T-1, T-2, T-3), then refunds of T-3 and, from a
 * producer that sends no refund ids, T-1. Tickets-based: T-1 goes active then used, T-2
 * arrives refunded.
 */
export function sampleBatch() {
  return [
    { topic: "events", name: "event", message: vector("event", "full") },
    { topic: "orders", name: "order", message: vector("order", "full") },
    { topic: "refunds", name: "refund", message: vector("refund", "full", { ticket_ids: ["T-3"] }) },
    { topic: "refunds", name: "refund", message: vector("refund", "without-id", { ticket_ids: ["T-1"] }), key: "ORD-1001-refund-1" },
    { topic: "tickets", name: "ticket", message: vector("ticket", "minimal") },
    { topic: "tickets", name: "ticket", message: vector("ticket", "full") },
    { topic: "tickets", name: "ticket", message: vector("ticket", "refunded", { id: "T-2", barcode: "4600000000002" }) },
    { topic: "organizers", name: "organizer", message: vector("organizer", "full") },
  ];
}

/** Send `batch` in order, `repeat` times, with one producer; returns the count per "topic/format". */
export async function produce(config, { applicationId: appId, contentType: type = CONTENT_TYPE_JSON, batch = sampleBatch(), repeat = 1 }) {
  const kafka = new kafkajs.Kafka(config);
  const producer = kafka.producer({ createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
  const format = type === CONTENT_TYPE_JSON ? "json" : "protobuf";
  const sent = {};
  await producer.connect();
  try {
    for (let round = 0; round < repeat; round++) {
      for (const { topic, name, message, key } of batch) {
        const options = { contentType: type, applicationId: appId, key };
        const record = encodeRecord(name, message, options); // kept for the log line
        const [metadata] = await producer.send({ topic, acks: -1, messages: [toKafkaMessage(name, message, options)] });
        log.info(`sent partition=${metadata.partition} offset=${metadata.baseOffset} ` +
          describeRecord(topic, record.key, record.headers, { name, message }));
        sent[`${topic}/${format}`] = (sent[`${topic}/${format}`] ?? 0) + 1;
      }
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

async function main(argv) {
  const args = parseArgs(argv, { repeat: "int", timeout: "float" }, USAGE);
  const repeat = args.repeat ?? 1;
  const timeout = args.timeout ?? 30;
  const type = contentType();
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${timeout} s`)), timeout * 1000);
  });
  const started = performance.now();
  try {
    const sent = await Promise.race([produce(kafkaConfig(), { applicationId: applicationId(), contentType: type, repeat }), expired]);
    const seconds = (performance.now() - started) / 1000;
    const count = Object.values(sent).reduce((a, b) => a + b, 0);
    process.stdout.write(`sent ${count} records as ${type}\n`);
    process.stdout.write(`${JSON.stringify({ sent, seconds: Number(seconds.toFixed(3)) })}\n`);
  } finally {
    clearTimeout(timer);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error) => {
    // a ContractError's message may quote a value: name the paths and rules only
    const what = error?.errors ? error.errors.map((v) => `${v.path || "<root>"} ${v.rule}`).join("; ") : String(error?.message ?? error);
    log.error(`${error?.name ?? "Error"}: ${what}`);
    process.exit(1);
  });
}
