// Resident memory over a long stream of decodes (the Node side of bench/python/bench_memory.py).
//
//     node --expose-gc bench/ts/memory.mjs [--count 1000000] [--proto-count 200000] [--json-out FILE]
//
// Kafka records of 3-ticket Orders (kafkajs-style headers: name → Buffer) decoded with the
// package's `decodeRecord` and dropped; 1024 distinct messages in turn, every 100th invalid (its
// ContractError caught). RSS after a warm-up and a full GC, and again at the end after one.
import { writeFileSync } from "node:fs";

import { decodeRecord, lib } from "./lib.mjs";
import { orderWith } from "./payloads.mjs";
import { parseArgs } from "./timing.mjs";

const RING = 1024;
const INVALID_EVERY = 100;
const collect = () => globalThis.gc?.();

function records(contentType) {
  const format = contentType === "application/json" ? "json" : "protobuf";
  const headers = {
    "content-type": Buffer.from(contentType),
    "schema-version": Buffer.from("1.0"),
    "application-id": Buffer.from("ticketland"),
  };
  const base = orderWith(3);
  const ring = Array.from({ length: RING }, (_, i) => {
    const value = lib.decode("order", JSON.stringify({ ...base, id: `ORD-${i}`, number: `${i}-556` }));
    return Buffer.from(lib.encode("order", value, { format }));
  });
  let invalid;
  if (format === "json") {
    invalid = Buffer.from(JSON.stringify({ ...base, customer: { ...base.customer, email: "not an e-mail" } }));
  } else {
    const good = Buffer.from(lib.encode("order", lib.decode("order", JSON.stringify(base)), { format }));
    const email = Buffer.from(base.customer.email);
    invalid = Buffer.from(good);
    invalid.fill("x", good.indexOf(email), good.indexOf(email) + email.length);
  }
  return { format, headers, ring, invalid };
}

function stream(contentType, count) {
  const { format, headers, ring, invalid } = records(contentType);
  let errors = 0;
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      if (i % INVALID_EVERY === INVALID_EVERY - 1) {
        try {
          decodeRecord(invalid, headers, { message: "order" });
          throw new Error("the invalid record decoded");
        } catch (err) {
          if (!(err instanceof lib.ContractError)) throw err;
          errors++;
        }
      } else {
        decodeRecord(ring[i % RING], headers, { message: "order" });
      }
    }
  };
  run(Math.min(count, 10_000)); // warm up: JIT, caches
  collect();
  const before = process.memoryUsage.rss();
  const start = performance.now();
  run(count);
  const seconds = (performance.now() - start) / 1000;
  collect();
  const after = process.memoryUsage.rss();
  return {
    format, count, invalid: errors, seconds, rss_before: before, rss_after: after, growth_mb: (after - before) / 1e6,
  };
}

const args = parseArgs(process.argv.slice(2), { count: 1_000_000, protoCount: 200_000, jsonOut: "" });
if (decodeRecord === undefined) throw new Error("the package has no decodeRecord");
const streams = [stream("application/json", args.count)];
if (args.protoCount) streams.push(stream("application/x-protobuf", args.protoCount));
const gc = typeof globalThis.gc === "function";
const result = { lang: "node", runtime: `Node ${process.versions.node}`, gc, memory: streams };
if (args.jsonOut) writeFileSync(args.jsonOut, JSON.stringify(result, null, 1));
for (const s of streams) {
  const mb = (n) => (n / 1e6).toFixed(1);
  console.log(`node   ${s.format.padEnd(8)} ${s.count.toLocaleString("en").padStart(9)} decodes in ${s.seconds.toFixed(1)} s: `
    + `RSS ${mb(s.rss_before)} → ${mb(s.rss_after)} MB (${s.growth_mb >= 0 ? "+" : ""}${s.growth_mb.toFixed(2)} MB)`);
}
