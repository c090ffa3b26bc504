// Cross-language driver: the Python test (tests/cross/test_cross_language.py) sends cases
// on stdin as JSON; each is decoded and re-encoded by the built package (dist/), and the
// outcome goes back on stdout.
//
//   in:  {"cases": [{"message": "order", "format": "json" | "protobuf", "strict": false, "data": "<base64>"}]}
//   out: {"results": [{"ok": true, "json": "<base64>", "protobuf": "<base64>"}
//                     | {"ok": false, "errors": [{"path", "rule", "message"}]}
//                     | {"crash": "<error text>"}]}
import { decode, encode, ContractError } from "../dist/index.js";

const b64 = (bytes) => Buffer.from(bytes).toString("base64");

function run({ message, format, strict, data }) {
  const bytes = new Uint8Array(Buffer.from(data, "base64"));
  try {
    const value = decode(message, bytes, { format, strict });
    return { ok: true, json: b64(encode(message, value)), protobuf: b64(encode(message, value, { format: "protobuf" })) };
  } catch (exc) {
    if (exc instanceof ContractError) {
      return { ok: false, errors: exc.errors.map(({ path, rule, message }) => ({ path, rule, message })) };
    }
    return { crash: String(exc && exc.stack ? exc.stack : exc) };
  }
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { cases } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify({ results: cases.map(run) }));
