// Decode only, quickly: `decode(name, …)` against JSON.parse and protobuf-es of the same input,
// in the same run (the Node side of bench/python/bench_decode.py; the full suite is bench/run.py).
//
//     cd typescript && npm run build && node ../bench/ts/decode.mjs [--payload order-3] [--quick]
//
// Prints messages per second (median of interleaved rounds) and the ratio to JSON.parse (parse only).
import { lib, proto, protobuf } from "./lib.mjs";
import { load } from "./payloads.mjs";
import { DEFAULT, measure, median, parseArgs, QUICK, ratio, row } from "./timing.mjs";

const { decode, encode } = lib;
const args = parseArgs(process.argv.slice(2), { payload: "order-3", quick: false });
const [p] = load([args.payload]);
const m = p.message;
const schema = proto[`${m[0].toUpperCase()}${m.slice(1)}Schema`];
const { text, json: bytes, protobuf: wire, value } = p;
const buffer = Buffer.from(bytes);
const decoder = new TextDecoder();

const fns = {
  "JSON.parse(string) (parse only)": () => JSON.parse(text),
  "JSON.parse(TextDecoder(bytes)) (parse only)": () => JSON.parse(decoder.decode(bytes)),
  "JSON.parse(buf.toString()) (parse only)": () => JSON.parse(buffer.toString()),
  [`decode("${m}", string) tolerant`]: () => decode(m, text),
  [`decode("${m}", bytes) tolerant`]: () => decode(m, bytes),
  [`decode("${m}", Buffer) tolerant`]: () => decode(m, buffer),
  [`decode("${m}", bytes) strict`]: () => decode(m, bytes, { strict: true }),
  [`decode("${m}", protobuf) tolerant`]: () => decode(m, wire, { format: "protobuf" }),
  "protobuf-es fromBinary (parse only)": () => protobuf.fromBinary(schema, wire),
  [`encode("${m}", json)`]: () => encode(m, value),
  [`encode("${m}", protobuf)`]: () => encode(m, value, { format: "protobuf" }),
};
const rounds = measure(fns, args.quick ? QUICK : { ...DEFAULT, seconds: 0.2, repeats: 9 });
const base = "JSON.parse(string) (parse only)";
console.log(`${p.id}: ${bytes.length} bytes of JSON, ${wire.length} bytes of Protobuf; Node ${process.versions.node}`);
console.log(`${"".padEnd(44)} ${"msg/s".padStart(10)} ${"× JSON.parse".padStart(13)}`);
for (const name of Object.keys(fns)) {
  const rate = Math.round(median(rounds[name])).toLocaleString("en");
  console.log(row([name, rate, ratio(rounds, name, base).toPrecision(3)], [-44, 10, 13]));
}
