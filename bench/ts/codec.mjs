// TypeScript codec throughput: every message × format × operation, against baselines of the
// same run (the Node side of bench/python/bench_codec.py).
//
//     cd typescript && npm run build && cd ../bench/ts && npm ci
//     node bench/ts/codec.mjs [--quick] [--payloads order-3,event] [--ops json/decode] [--json-out FILE]
//
// Operations: decode (tolerant), encode (strict validation, then bytes), convert (JSON → Protobuf,
// Protobuf → JSON) and record (`decodeRecord`: headers + value). Baselines: JSON.parse /
// JSON.stringify and protobuf-es fromBinary / toBinary; the naive alternative: JSON.parse + an ajv
// validator compiled at run time (protobuf-es's own JSON mapping for the Protobuf rows). Peers
// (peers.mjs), for the decode and encode rows: ajv (the naive alternative's rounds), zod given the
// same rules, and protobuf-es for the Protobuf rows (the baseline's rounds).
import { readFileSync, writeFileSync } from "node:fs";

import { decodeRecord, lib, loadAjv, proto, protobuf, recordApi } from "./lib.mjs";
import { load, PAYLOADS } from "./payloads.mjs";
import { SKIPPED, zodSchema } from "./peers.mjs";
import { DEFAULT, measure, median, parseArgs, QUICK, ratio, row } from "./timing.mjs";

const { decode, encode } = lib;
const { fromBinary, toBinary, fromJson, toJson, fromJsonString, toJsonString } = protobuf;

const LABELS = {
  "json/decode": "tolerant decode, full validation",
  "json/encode": "strict validate + encode",
  "json/convert": "JSON → Protobuf",
  "json/record": "Kafka record decode (headers + value)",
  "protobuf/decode": "tolerant decode, full validation",
  "protobuf/encode": "strict validate + encode",
  "protobuf/convert": "Protobuf → JSON",
  "protobuf/record": "Kafka record decode (headers + value)",
};
const NAMES = { organizer: "Organizer", event: "Event", order: "Order", refund: "Refund", ticket: "Ticket" };

const ajv = await loadAjv();
const validators = {};
function validator(message, form) {
  const name = `vibe.integration.v1.${NAMES[message]}.${form}.schema.json`;
  const file = new URL(`../../contracts/jsonschema/${name}`, import.meta.url);
  validators[file] ??= ajv.compile(JSON.parse(readFileSync(file, "utf8")));
  const validate = validators[file];
  return (value) => {
    if (!validate(value)) throw new Error(ajv.errorsText(validate.errors));
    return value;
  };
}

function kafkaHeaders(contentType) {
  return {
    "content-type": Buffer.from(contentType),
    "schema-version": Buffer.from("1.0"),
    "application-id": Buffer.from("ticketland"),
  };
}

function headerStrings(headers) {
  const out = {};
  for (const name in headers) out[name] = headers[name].toString();
  return out;
}

/**
 * "format/op[/input]" → { size, input, lib, base: [name, fn], naive: [name, fn], peers: [[name, fn]] };
 * a peer's fn "naive" or "base" is that column's function, whose rounds it shares.
 */
export function cases(p) {
  const m = p.message;
  const schema = proto[`${NAMES[m]}Schema`];
  const text = p.text;
  const buf = Buffer.from(p.json);
  const wire = Buffer.from(p.protobuf);
  const value = p.value;
  const pbMessage = fromBinary(schema, wire);
  const pbJson = toJson(schema, pbMessage);
  const pbJsonText = toJsonString(schema, pbMessage);
  const reader = validator(m, "reader");
  const writer = validator(m, "writer");
  const hj = kafkaHeaders("application/json");
  const hp = kafkaHeaders("application/x-protobuf");
  const pb = { format: "protobuf" };
  const record = decodeRecord ?? (() => { throw new Error("the package has no decodeRecord"); });
  const zodReader = zodSchema(m, false);
  const zodWriter = zodSchema(m, true);
  const J = p.json.length;
  const P = p.protobuf.length;
  return {
    "json/decode/string": {
      size: J, lib: () => decode(m, text),
      base: ["JSON.parse(string)", () => JSON.parse(text)],
      naive: ["JSON.parse + ajv", () => reader(JSON.parse(text))],
      peers: [["ajv", "naive"], ["zod", () => zodReader.parse(JSON.parse(text))]],
    },
    "json/decode/buffer": {
      size: J, lib: () => decode(m, buf),
      base: ["JSON.parse(buf.toString())", () => JSON.parse(buf.toString())],
      naive: ["JSON.parse(buf.toString()) + ajv", () => reader(JSON.parse(buf.toString()))],
      peers: [["ajv", "naive"], ["zod", () => zodReader.parse(JSON.parse(buf.toString()))]],
    },
    "json/encode": {
      size: J, lib: () => encode(m, value),
      base: ["JSON.stringify", () => JSON.stringify(value)],
      naive: ["ajv + Buffer.from(JSON.stringify)", () => Buffer.from(JSON.stringify(writer(value)))],
      peers: [["ajv", "naive"], ["zod", () => Buffer.from(JSON.stringify(zodWriter.parse(value)))]],
    },
    "json/convert/buffer": {
      size: J, lib: () => encode(m, decode(m, buf), pb),
      base: ["JSON.parse + toBinary", () => [JSON.parse(buf.toString()), toBinary(schema, pbMessage)]],
      naive: ["protobuf-es fromJsonString + toBinary", () => toBinary(schema, fromJsonString(schema, pbJsonText))],
    },
    "json/record/buffer": {
      size: J, lib: () => record(buf, hj, { message: m }),
      base: ["headers + JSON.parse(buf.toString())", () => [headerStrings(hj), JSON.parse(buf.toString())]],
      naive: ["headers + JSON.parse + ajv", () => [headerStrings(hj), reader(JSON.parse(buf.toString()))]],
    },
    "protobuf/decode/buffer": {
      size: P, lib: () => decode(m, wire, pb),
      base: ["fromBinary", () => fromBinary(schema, wire)],
      naive: ["fromBinary + toJson", () => toJson(schema, fromBinary(schema, wire))],
      peers: [["protobuf-es", "base"]],
    },
    "protobuf/encode": {
      size: P, lib: () => encode(m, value, pb),
      base: ["toBinary", () => toBinary(schema, pbMessage)],
      naive: ["fromJson + toBinary", () => toBinary(schema, fromJson(schema, pbJson))],
      peers: [["protobuf-es", "base"]],
    },
    "protobuf/convert/buffer": {
      size: P, lib: () => encode(m, decode(m, wire, pb)),
      base: ["fromBinary + JSON.stringify", () => [fromBinary(schema, wire), JSON.stringify(value)]],
      naive: ["fromBinary + toJsonString", () => toJsonString(schema, fromBinary(schema, wire))],
    },
    "protobuf/record/buffer": {
      size: P, lib: () => record(wire, hp, { message: m }),
      base: ["headers + fromBinary", () => [headerStrings(hp), fromBinary(schema, wire)]],
      naive: ["headers + fromBinary + toJson", () => [headerStrings(hp), toJson(schema, fromBinary(schema, wire))]],
    },
  };
}

/** The cases whose key starts with one of the comma-separated `ops` ("json/decode,json/encode"); all when empty. */
function only(table, ops) {
  if (!ops) return table;
  const wanted = ops.split(",");
  return Object.fromEntries(Object.entries(table).filter(([key]) => wanted.some((w) => key.startsWith(w))));
}

/** Rows of every payload; the payloads of one message (the four Orders) are timed in the same rounds. */
export function run(payloads, timing, log = () => {}, ops = "") {
  const groups = new Map();
  for (const p of payloads) groups.set(p.message, [...(groups.get(p.message) ?? []), p]);
  const rows = [];
  for (const group of groups.values()) {
    const tables = new Map(group.map((p) => [p.id, only(cases(p), ops)]));
    const fns = {};
    for (const [id, table] of tables) {
      for (const [key, c] of Object.entries(table)) {
        fns[`${id}|${key}`] = c.lib;
        fns[`${id}|${key}|base`] = c.base[1];
        fns[`${id}|${key}|naive`] = c.naive[1];
        for (const [name, fn] of c.peers ?? []) if (typeof fn === "function") fns[`${id}|${key}|peer|${name}`] = fn;
      }
    }
    for (const fn of Object.values(fns)) fn(); // fail early on a broken case
    const rounds = measure(fns, timing);
    for (const p of group) {
      for (const [key, c] of Object.entries(tables.get(p.id))) {
        const [format, op, input = "value"] = key.split("/");
        const k = `${p.id}|${key}`;
        const rate = median(rounds[k]);
        const peerKey = (name, fn) => (typeof fn === "function" ? `${k}|peer|${name}` : `${k}|${fn}`);
        rows.push({
          lang: "node", payload: p.id, message: p.message, tickets: p.tickets, format, op, input,
          label: LABELS[`${format}/${op}`], size: c.size, rate, mbps: (rate * c.size) / 1e6,
          base: c.base[0], base_rate: median(rounds[`${k}|base`]), ratio_base: ratio(rounds, k, `${k}|base`),
          naive: c.naive[0], naive_rate: median(rounds[`${k}|naive`]), ratio_naive: ratio(rounds, k, `${k}|naive`),
          peers: (c.peers ?? []).map(([name, fn]) => ({
            name, rate: median(rounds[peerKey(name, fn)]), ratio: ratio(rounds, k, peerKey(name, fn)), skips: SKIPPED[name],
          })),
          rounds: rounds[k], base_rounds: rounds[`${k}|base`],
        });
      }
    }
    log(`  node ${group.map((p) => p.id).join(", ")}: done`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2), {
    quick: false, payloads: Object.keys(PAYLOADS).join(","), seconds: 0, repeats: 0, jsonOut: "", ops: "",
  });
  const timing = { ...(args.quick ? QUICK : DEFAULT) };
  if (args.seconds) timing.seconds = args.seconds;
  if (args.repeats) timing.repeats = args.repeats;
  const rows = run(load(args.payloads.split(",")), timing, (s) => console.error(s), args.ops);
  const result = { lang: "node", runtime: `Node ${process.versions.node}`, record_api: recordApi, rows };
  if (args.jsonOut) writeFileSync(args.jsonOut, JSON.stringify(result, null, 1));
  const widths = [-11, -8, -7, -7, 7, 10, 7, 7, 8];
  console.log(row(["payload", "fmt", "op", "input", "B", "msg/s", "MB/s", "× base", "× naive"], widths));
  for (const r of rows) {
    const rate = Math.round(r.rate).toLocaleString("en");
    console.log(row([r.payload, r.format, r.op, r.input, r.size, rate, r.mbps.toFixed(1), r.ratio_base.toFixed(2),
      r.ratio_naive.toFixed(2)], widths));
  }
}
