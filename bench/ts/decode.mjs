// Throughput of `decode("order", …)` on a 3-ticket order, against JSON.parse of the same text
// measured in the same run (the TypeScript side of bench/python/bench_decode.py).
//
//     cd typescript && npm run build && node ../bench/ts/decode.mjs
//
// Prints messages per second (median of repeated runs) and the ratio to JSON.parse (parse only).
import { readFileSync } from "node:fs";

// resolved from the package (bench/ has no node_modules of its own)
import { fromBinary } from "../../typescript/node_modules/@bufbuild/protobuf/dist/esm/index.js";

import { decode, encode } from "../../typescript/dist/index.js";
import { OrderSchema } from "../../typescript/dist/proto.js";

const vectors = JSON.parse(readFileSync(new URL("../../examples/vectors/order.json", import.meta.url), "utf8"));
const full = vectors.valid.find((c) => c.name === "full").json;
if (full.tickets.length !== 3) throw new Error("expected the 3-ticket order");

// The same bytes as Python's json.dumps(full, ensure_ascii=False) in the Python benchmark.
function pyDumps(v) {
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyDumps(x)}`).join(", ")}}`;
  return JSON.stringify(v);
}
const text = pyDumps(full);
const bytes = new TextEncoder().encode(text);
const wire = encode("order", decode("order", bytes), { format: "protobuf" });
const decoder = new TextDecoder();

/** Median calls per second of each function; the rows are timed in turns so that load spikes hit all alike. */
function rates(fns, seconds = 0.2, repeats = 9) {
  const batches = {};
  for (const [name, fn] of Object.entries(fns)) {
    let n = 1;
    let elapsed;
    for (;;) { // calibrate the batch size
      const start = performance.now();
      for (let i = 0; i < n; i++) fn();
      elapsed = (performance.now() - start) / 1000;
      if (elapsed > 0.05) break;
      n *= 2;
    }
    batches[name] = Math.max(1, Math.floor((n * seconds) / elapsed));
  }
  const seen = Object.fromEntries(Object.keys(fns).map((name) => [name, []]));
  for (let r = 0; r < repeats; r++) {
    for (const [name, fn] of Object.entries(fns)) {
      const start = performance.now();
      for (let i = 0; i < batches[name]; i++) fn();
      seen[name].push(batches[name] / ((performance.now() - start) / 1000));
    }
  }
  return Object.fromEntries(Object.entries(seen).map(([name, list]) => [name, list.sort((a, b) => a - b)[list.length >> 1]]));
}

let sink;
const rows = rates({
  "JSON.parse(string) (parse only)": () => (sink = JSON.parse(text)),
  "JSON.parse(TextDecoder(bytes)) (parse only)": () => (sink = JSON.parse(decoder.decode(bytes))),
  'decode("order", string) tolerant': () => (sink = decode("order", text)),
  'decode("order", bytes) tolerant': () => (sink = decode("order", bytes)),
  'decode("order", bytes) strict': () => (sink = decode("order", bytes, { strict: true })),
  'decode("order", protobuf) tolerant': () => (sink = decode("order", wire, { format: "protobuf" })),
  "protobuf-es fromBinary (parse only)": () => (sink = fromBinary(OrderSchema, wire)),
  'encode("order", json)': () => (sink = encode("order", full)),
  'encode("order", protobuf)': () => (sink = encode("order", full, { format: "protobuf" })),
});
void sink;
const base = rows["JSON.parse(string) (parse only)"];
console.log(`Order with 3 tickets, ${bytes.length} bytes of JSON, ${wire.length} bytes of Protobuf; Node ${process.versions.node}`);
console.log(`${"".padEnd(44)} ${"msg/s".padStart(10)} ${"× JSON.parse".padStart(13)}`);
for (const [name, value] of Object.entries(rows)) {
  console.log(`${name.padEnd(44)} ${Math.round(value).toLocaleString("en").padStart(10)} ${(value / base).toFixed(2).padStart(13)}`);
}
