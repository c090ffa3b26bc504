// fast-check arbitraries of valid JSON-form messages, derived from the generated rule
// tables (gen/tables.ts): one function per field kind, no per-field code.
import fc from "fast-check";

import { ENUMS, MESSAGES, TOPIC_MESSAGES } from "../src/gen/v1/tables.js";
import type { MessageName, MessageTypes } from "../src/gen/v1/types.js";
import type { FieldSpec, MessageSpec } from "../src/spec.js";

const MAX_ITEMS = 4; // keep documents small; the limits themselves are tested by the vectors

function stringOf(f: FieldSpec): fc.Arbitrary<string> {
  const min = f.minLen ?? 0;
  const max = f.maxLen ?? 64;
  if (f.pattern !== undefined) {
    const re = new RegExp(f.pattern, "u");
    return fc
      .stringMatching(re, { maxLength: Math.min(max, 64) })
      .filter((s) => s.isWellFormed() && [...s].length >= min && [...s].length <= max && re.test(s));
  }
  return fc.string({ unit: "binary", minLength: min, maxLength: Math.min(max, min + 24) });
}

function numberOf(f: FieldSpec): fc.Arbitrary<number> {
  if (f.kind === "int64") {
    const min = BigInt(f.minimum ?? -Number.MAX_SAFE_INTEGER);
    const max = f.exclusiveMaximum !== undefined ? BigInt(f.exclusiveMaximum) - 1n : BigInt(f.maximum ?? Number.MAX_SAFE_INTEGER);
    return fc.bigInt({ min, max }).map(Number);
  }
  const min = f.minimum ?? -1e9;
  const max = f.maximum ?? 1e9;
  if (f.multipleOf !== undefined) {
    const step = f.multipleOf;
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step);
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true, maxExcluded: f.exclusiveMaximum !== undefined });
}

function valueOf(f: FieldSpec): fc.Arbitrary<unknown> {
  switch (f.kind) {
    case "string":
      return stringOf(f);
    case "int64":
    case "double":
      return numberOf(f);
    case "bool":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.keys(ENUMS[f.typeName as string]!.numbers));
    case "message":
      return messageOf(MESSAGES[f.typeName as string]!);
  }
}

function fieldOf(f: FieldSpec): fc.Arbitrary<unknown> {
  if (!f.repeated) return valueOf(f);
  const constraints = { minLength: f.minItems ?? 0, maxLength: Math.min(f.maxItems ?? MAX_ITEMS, MAX_ITEMS) };
  if (f.uniqueBy !== undefined) {
    const by = f.uniqueBy;
    return fc.uniqueArray(valueOf(f), { ...constraints, selector: (v) => (v as Record<string, unknown>)[by] });
  }
  return f.unique ? fc.uniqueArray(valueOf(f), constraints) : fc.array(valueOf(f), constraints);
}

const cache = new Map<string, fc.Arbitrary<Record<string, unknown>>>();

export function messageOf(spec: MessageSpec): fc.Arbitrary<Record<string, unknown>> {
  let arb = cache.get(spec.name);
  if (arb === undefined) {
    const model = Object.fromEntries(spec.fields.map((f) => [f.name, fieldOf(f)]));
    const requiredKeys = spec.fields.filter((f) => f.required).map((f) => f.name);
    arb = fc.record(model, { requiredKeys }).map((doc) => {
      const out = doc as Record<string, unknown>;
      for (const f of spec.fields) {
        // `not_before`: put an ordered pair in order
        const a = out[f.name];
        const b = f.notBefore === undefined ? undefined : out[f.notBefore];
        if (typeof a === "number" && typeof b === "number" && a < b) {
          out[f.name] = b;
          out[f.notBefore as string] = a;
        }
      }
      return out;
    });
    cache.set(spec.name, arb);
  }
  return arb;
}

/** A valid message of type `name` in the JSON form. */
export function messages<N extends MessageName>(name: N): fc.Arbitrary<MessageTypes[N]> {
  return messageOf(TOPIC_MESSAGES[name]) as unknown as fc.Arbitrary<MessageTypes[N]>;
}
