// The libraries a TypeScript user would pick instead, each given the contract's rules (the Node
// side of bench/python/peers.py). zod schemas are built from the generated JSON Schema of each
// message (reader form for decode, writer form for encode): the same lengths, patterns, ranges,
// enums, item counts and uniqueItems, plus the rules a JSON Schema cannot say, as a zod user would
// add them (ticket ids unique within an order, finish_at not before start_at, an unknown category
// read as `other`). ajv runs the generated schemas as they are; protobuf-es reads and writes the
// wire format and checks no rule of the contract.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { z } = createRequire(import.meta.url)("zod");

/** What each peer does not check of the contract. */
export const SKIPPED = {
  ajv: "ticket ids unique within an order, finish_at ≥ start_at, the category fallback, repeated keys",
  zod: "repeated keys; lengths are counted in UTF-16 units, not code points",
  "protobuf-es": "every rule of the contract (it checks the wire format only)",
};

const NAMES = { organizer: "Organizer", event: "Event", order: "Order", refund: "Refund", ticket: "Ticket" };
const UNIQUE_BY = { Order: ["tickets", "id"] };
const NOT_BEFORE = { Event: ["finish_at", "start_at"] };
const FALLBACK = { Event: ["category", "other"] };

export function schemaOf(message, form) {
  const name = `vibe.integration.v1.${NAMES[message]}.${form}.schema.json`;
  return JSON.parse(readFileSync(new URL(`../../contracts/jsonschema/${name}`, import.meta.url), "utf8"));
}

/** The non-null part of a property and whether null is allowed. */
function split(node) {
  if (node.anyOf) return [node.anyOf.find((a) => a.type !== "null"), true];
  if (Array.isArray(node.type)) return [{ ...node, type: node.type.find((t) => t !== "null") }, node.type.includes("null")];
  return [node, false];
}

/** The zod schema of `message`: the writer form when `strict`, else the reader form. */
export function zodSchema(message, strict) {
  const root = schemaOf(message, strict ? "writer" : "reader");
  const writer = schemaOf(message, "writer");
  const made = new Map();

  const value = (node, owner, key) => {
    if (node.$ref) {
      const ref = node.$ref.split("/").pop();
      return object(ref, root.$defs[ref]);
    }
    const fallback = FALLBACK[owner];
    if (fallback && fallback[0] === key && !strict) {
      const known = new Set((owner === NAMES[message] ? writer : writer.$defs[owner]).properties[key].enum);
      return string(node).transform((v) => (known.has(v) ? v : fallback[1]));
    }
    if (node.enum) return z.enum(node.enum.filter((v) => v !== null));
    if (node.type === "string") return string(node);
    if (node.type === "integer" || node.type === "number") {
      let s = node.type === "integer" ? z.number().int() : z.number();
      if (node.minimum !== undefined) s = s.gte(node.minimum);
      if (node.maximum !== undefined) s = s.lte(node.maximum);
      if (node.exclusiveMaximum !== undefined) s = s.lt(node.exclusiveMaximum);
      if (node.multipleOf !== undefined) s = s.multipleOf(node.multipleOf);
      return s;
    }
    if (node.type === "array") {
      let s = z.array(value(node.items, owner, key));
      if (node.minItems !== undefined) s = s.min(node.minItems);
      if (node.maxItems !== undefined) s = s.max(node.maxItems);
      if (node.uniqueItems) s = s.refine((items) => new Set(items).size === items.length, "items must be unique");
      return s;
    }
    throw new Error(`${owner}.${key}: no zod type for ${JSON.stringify(node)}`);
  };

  const string = (node) => {
    let s = z.string();
    if (node.minLength !== undefined) s = s.min(node.minLength);
    if (node.maxLength !== undefined) s = s.max(node.maxLength);
    if (node.pattern !== undefined) s = s.regex(new RegExp(node.pattern, "u"));
    return s;
  };

  const object = (name, node) => {
    if (made.has(name)) return made.get(name);
    const required = new Set(node.required ?? []);
    const shape = {};
    for (const [key, prop] of Object.entries(node.properties)) {
      const [inner, nullable] = split(prop);
      const s = value(inner, name, key);
      // the reader form: null means absent; the writer form: absent is fine, null is not
      shape[key] = required.has(key) ? s : nullable ? s.nullish() : s.optional();
    }
    let s = strict ? z.strictObject(shape) : z.object(shape);
    if (UNIQUE_BY[name]) {
      const [field, by] = UNIQUE_BY[name];
      s = s.refine((o) => new Set(o[field].map((x) => x[by])).size === o[field].length, `${field} unique by ${by}`);
    }
    if (NOT_BEFORE[name]) {
      const [later, earlier] = NOT_BEFORE[name];
      s = s.refine((o) => o[later] == null || o[earlier] == null || o[later] >= o[earlier], `${later} before ${earlier}`);
    }
    made.set(name, s);
    return s;
  };

  return object(NAMES[message], root);
}
