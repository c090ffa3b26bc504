// Cross-language driver of the legacy mapping: the Python test (tests/cross/test_legacy_cross.py)
// sends cases on stdin as JSON; each runs as `legacy_run.ts` runs it (as tests/legacy/run.py does in
// Python), and the outcome goes back on stdout. Compiled to build/test/ by `npm test`.
//
//   in:  {"cases": [{"function": "partner" | "event" | "order" | "refund" | "order_tickets" | "refund_tickets",
//                    "record": "<base64>", "joins": {"partner"?, "event"?, "order"?: "<base64>"},
//                    "config"?: {MappingConfig.from_dict form}}]}
//   out: {"results": [{"v1": ["<canonical JSON text>", …]} | {"skipped": "<reason>", "message": "…"}
//                     | {"refused": [{"path", "rule", "message"}]} | {"crash": "<error text>"}]}
import { run } from "./legacy_run.js";

interface Case {
  function: string;
  record: string;
  joins: Record<string, string>;
  config?: unknown;
}

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, "base64"));

function outcome(c: Case): unknown {
  try {
    const joins = Object.fromEntries(Object.entries(c.joins).map(([k, v]) => [k, bytes(v)]));
    return run(c.function, bytes(c.record), joins, c.config);
  } catch (exc) {
    return { crash: String(exc instanceof Error && exc.stack ? exc.stack : exc) };
  }
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const { cases } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { cases: Case[] };
process.stdout.write(JSON.stringify({ results: cases.map(outcome) }));
