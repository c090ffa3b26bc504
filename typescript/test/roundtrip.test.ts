// Round trips over valid messages generated from the rule tables (fast-check).
import assert from "node:assert/strict";
import { test } from "node:test";

import { fromJson, toBinary } from "@bufbuild/protobuf";
import fc from "fast-check";

import { decode, encode } from "../src/index.js";
import { ENUMS, MESSAGES, TOPIC_MESSAGES } from "../src/gen/v1/tables.js";
import { MESSAGE_NAMES } from "../src/gen/v1/types.js";
import type { MessageSpec } from "../src/spec.js";
import { messages } from "./arbitraries.js";

const RUNS = { numRuns: 300 };

/** The same document in protobuf's own JSON mapping (enum numbers), for protobuf-es's reference parser. */
function protoJson(doc: Record<string, unknown>, spec: MessageSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = doc[f.name];
    if (value === undefined) continue;
    const one = (v: unknown): unknown => {
      if (f.kind === "enum") return ENUMS[f.typeName as string]!.numbers[v as string];
      if (f.kind === "message") return protoJson(v as Record<string, unknown>, MESSAGES[f.typeName as string]!);
      return v;
    };
    out[f.name] = Array.isArray(value) ? value.map(one) : one(value);
  }
  return out;
}

for (const name of MESSAGE_NAMES) {
  test(`${name}: JSON → message → JSON gives identical bytes`, () => {
    fc.assert(
      fc.property(messages(name), (doc) => {
        const bytes = encode(name, doc);
        assert.deepEqual(encode(name, decode(name, bytes, { strict: true })), bytes);
        // the same text as a string, read tolerantly (JSON.stringify would lose -0.0)
        assert.deepEqual(encode(name, decode(name, new TextDecoder().decode(bytes))), bytes);
      }),
      RUNS,
    );
  });

  test(`${name}: JSON → Protobuf → JSON and Protobuf → JSON → Protobuf are identities`, () => {
    fc.assert(
      fc.property(messages(name), (doc) => {
        const json = encode(name, doc);
        const wire = encode(name, doc, { format: "protobuf" });
        const fromWire = decode(name, wire, { format: "protobuf", strict: true });
        assert.deepEqual(encode(name, fromWire), json);
        const back = decode(name, encode(name, fromWire), { strict: true });
        assert.deepEqual(encode(name, back, { format: "protobuf" }), wire);
      }),
      RUNS,
    );
  });

  test(`${name}: Protobuf bytes equal protobuf-es's own fromJson + toBinary`, () => {
    const spec = TOPIC_MESSAGES[name];
    fc.assert(
      fc.property(messages(name), (doc) => {
        const reference = toBinary(spec.schema, fromJson(spec.schema, protoJson(doc as never, spec) as never));
        assert.deepEqual(encode(name, doc, { format: "protobuf" }), reference);
      }),
      RUNS,
    );
  });
}
