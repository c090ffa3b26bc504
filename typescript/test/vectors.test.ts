// Every shared vector (examples/vectors/, see its README) gives the verdict, paths and
// rules it states, in both modes; valid ones also survive the Protobuf form.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { fromJson, toBinary, type JsonValue } from "@bufbuild/protobuf";

import { ContractError, decode, encode, type MessageName } from "../src/index.js";
import { ENUMS, MESSAGES, TOPIC_MESSAGES } from "../src/gen/v1/tables.js";
import type { MessageSpec } from "../src/spec.js";
import { spans, type Span } from "./rawjson.js";

const FOLDER = new URL("../../../examples/vectors/", import.meta.url);
const MODES = { tolerant: false, strict: true } as const;

interface Expected {
  readonly path: string;
  readonly rule: string;
}

interface Case {
  readonly name: string;
  readonly json?: unknown;
  readonly json_text?: string;
  readonly protobuf?: JsonValue;
  readonly protobuf_hex?: string;
  readonly decoded?: unknown;
  readonly strict_errors?: Expected[];
  readonly modes?: (keyof typeof MODES)[];
  readonly errors?: Expected[];
}

/** The input bytes of a case, as the Python vector test builds them. */
function input(message: MessageName, c: Case, raw: Span, text: string): [Uint8Array, "json" | "protobuf"] {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  const json = raw.members.get("json");
  if (json !== undefined) return [utf8(text.slice(json.start, json.end)), "json"];
  if (c.json_text !== undefined) return [utf8(c.json_text), "json"];
  if (c.protobuf_hex !== undefined) return [new Uint8Array(Buffer.from(c.protobuf_hex, "hex")), "protobuf"];
  const schema = TOPIC_MESSAGES[message].schema;
  return [toBinary(schema, fromJson(schema, c.protobuf as JsonValue)), "protobuf"];
}

function verdict(message: MessageName, data: Uint8Array, format: "json" | "protobuf", strict: boolean): Expected[] {
  try {
    decode(message, data, { format, strict });
  } catch (exc) {
    if (!(exc instanceof ContractError)) throw exc;
    return exc.errors.map(({ path, rule }) => ({ path, rule }));
  }
  return [];
}

/** A decoded document in protobuf's own JSON mapping (enum numbers), for the reference library. */
function protoJson(doc: Record<string, unknown>, spec: MessageSpec): JsonValue {
  const out: Record<string, JsonValue> = {};
  for (const f of spec.fields) {
    const value = doc[f.name];
    if (value === undefined) continue;
    const one = (v: unknown): JsonValue =>
      f.kind === "enum" ? (ENUMS[f.typeName as string]!.numbers[v as string] as number)
      : f.kind === "message" ? protoJson(v as Record<string, unknown>, MESSAGES[f.typeName as string]!)
      : (v as JsonValue);
    out[f.name] = Array.isArray(value) ? value.map(one) : one(value);
  }
  return out;
}

const files = readdirSync(FOLDER).filter((f) => f.endsWith(".json")).sort();

test("the shared vectors are there", () => {
  assert.deepEqual(files, ["event.json", "order.json", "organizer.json", "refund.json", "ticket.json"]);
});

for (const file of files) {
  const text = readFileSync(new URL(file, FOLDER), "utf8");
  const vector = JSON.parse(text) as { message: MessageName; valid: Case[]; invalid: Case[] };
  const root = spans(text);
  const message = vector.message;
  for (const kind of ["valid", "invalid"] as const) {
    vector[kind].forEach((c, i) => {
      const raw = root.members.get(kind)!.items[i]!;
      test(`${message}/${kind}/${c.name}`, () => {
        const [data, format] = input(message, c, raw, text);
        for (const [mode, strict] of Object.entries(MODES)) {
          const expected = kind === "valid"
            ? (strict ? c.strict_errors ?? [] : [])
            : (c.modes!.includes(mode as keyof typeof MODES) ? c.errors! : []);
          assert.deepEqual(verdict(message, data, format, strict), expected, `${mode} mode`);
        }
        if (kind === "valid") {
          const decoded = decode(message, data, { format });
          assert.deepEqual(decoded, c.decoded ?? c.json);
          const spec = TOPIC_MESSAGES[message];
          const wire = toBinary(spec.schema, fromJson(spec.schema, protoJson(decoded as never, spec)));
          assert.deepEqual(decode(message, wire, { format: "protobuf" }), decoded);
          assert.deepEqual(encode(message, decoded, { format: "protobuf" }), wire);
        }
      });
    });
  }
}
