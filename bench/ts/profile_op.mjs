// Run one benchmark case in a loop, for a profiler (the Node side of bench/python/profile_op.py).
//
//     node --cpu-prof --cpu-prof-dir=/tmp/prof bench/ts/profile_op.mjs --case json/decode/string --payload order-3
//     node bench/ts/profile_op.mjs --summary /tmp/prof/CPU.…cpuprofile    (top functions by own time)
//
// Cases are the keys of codec.mjs (`json/decode/string`, `protobuf/decode/buffer`, `json/encode`, …);
// --which base|naive runs the row's baseline or naive alternative instead.
import { readFileSync } from "node:fs";

import { parseArgs } from "./timing.mjs";

const args = parseArgs(process.argv.slice(2), {
  case: "json/decode/string", payload: "order-3", which: "lib", seconds: 5, summary: "", top: 25,
});

if (args.summary) {
  const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(args.summary, "utf8"));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  samples.forEach((id, i) => {
    const { callFrame: f } = byId.get(id);
    const where = f.url.replace(/^.*\/(typescript|bench|node_modules)\//, "$1/");
    const key = `${f.functionName || "(anonymous)"} ${where}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + timeDeltas[i]);
    total += timeDeltas[i];
  });
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, args.top)) {
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
} else {
  const { cases } = await import("./codec.mjs");
  const { load } = await import("./payloads.mjs");
  const [p] = load([args.payload]);
  const c = cases(p)[args.case];
  if (c === undefined) throw new Error(`no case ${args.case}; one of ${Object.keys(cases(p)).join(", ")}`);
  const fn = args.which === "lib" ? c.lib : c[args.which][1];
  let calls = 0;
  let sink;
  const deadline = performance.now() + args.seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) sink = fn();
    calls += 100;
  }
  console.error(`${calls.toLocaleString("en")} calls in ${args.seconds} s`, typeof sink);
}
