/**
 * The shapes of the generated rule tables (`gen/v<N>/tables.ts`), as Python's `_spec.py`,
 * and of one major as the runtime takes it.
 *
 * @module
 */

import type { DescMessage } from "@bufbuild/protobuf";

import type { ProtoReader, ProtoWriter } from "./convert.js";
import type { Walk } from "./validate.js";

export type Kind = "string" | "bool" | "int64" | "double" | "enum" | "message";

/** One field and its rules (docs/spec.md §3); `typeName` names the enum or message. */
export interface FieldSpec {
  readonly name: string;
  readonly number: number;
  readonly kind: Kind;
  /** The property name of the field in protobuf-es messages (`event_id` → `eventId`). */
  readonly local: string;
  readonly typeName?: string;
  readonly repeated: boolean;
  readonly required: boolean;
  readonly presence: boolean;
  readonly pii: boolean;
  readonly minLen?: number;
  readonly maxLen?: number;
  /** ECMA-262 source, used with the `u` flag. */
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly unique: boolean;
  readonly uniqueBy?: string;
  readonly notBefore?: string;
}

/** A message: its fields in declaration order, its protobuf-es schema and, for topic messages, topic and key. */
export interface MessageSpec {
  readonly name: string;
  readonly fullName: string;
  readonly schema: DescMessage;
  readonly fields: readonly FieldSpec[];
  readonly topic?: string;
  readonly keyField?: string;
}

/** An enum: JSON string ↔ Protobuf number, and the tolerant fallback if any. */
export interface EnumSpec {
  readonly name: string;
  readonly numbers: Readonly<Record<string, number>>;
  /** Protobuf number → JSON string (the UNSPECIFIED zero has none). */
  readonly names: Readonly<Record<number, string>>;
  readonly fallback?: string;
}

/**
 * One major of the contract (docs/spec.md §7) as the runtime takes it: its tables and generated
 * functions, from `gen/v<N>/major.ts`. Message names are looked up in one major only, so the same
 * name in two majors never meets the other's rules. `M` is the major's `MessageTypes`.
 */
export interface Major<M extends object = object> {
  /** `CONTRACT_VERSION` of the major (MAJOR.MINOR), written in the `schema-version` header. */
  readonly version: string;
  /** The proto package, `vibe.integration.v1`. */
  readonly package: string;
  /** The names `decode` takes, in source order. */
  readonly names: readonly (keyof M & string)[];
  /** The default topic of each message. */
  readonly topics: { readonly [K in keyof M]: string };
  readonly enums: { readonly [name: string]: EnumSpec };
  /** Every message, topic messages and their parts, by its name in the package. */
  readonly messages: { readonly [name: string]: MessageSpec };
  readonly topicMessages: { readonly [K in keyof M]: MessageSpec };
  readonly validators: { readonly [K in keyof M]: (v: unknown, c: Walk) => M[K] | undefined };
  /** How deep the JSON of each topic message nests at most. */
  readonly depths: { readonly [K in keyof M]: number };
  /** The value `JSON.parse` gives for a canonical JSON text of each message, else undefined (`gen/v<N>/readers.ts`). */
  readonly readers: { readonly [K in keyof M]: (text: string) => unknown };
  readonly writers: { readonly [K in keyof M]: (v: M[K]) => string };
  readonly stringifyIsCanonical: { readonly [K in keyof M]: boolean };
  /** The Protobuf writer and reader of each message by its name (`MessageSpec.name`). */
  readonly wire: { readonly [name: string]: (w: ProtoWriter, v: never) => void };
  readonly read: { readonly [name: string]: (r: ProtoReader, end: number) => Record<string, unknown> };
}

/** What conversion reads of a major: its messages and enums by name, its Protobuf writers and readers. */
export type Tables = Pick<Major, "enums" | "messages" | "wire" | "read">;

/** The names of a major's topic messages. */
export type NameOf<M extends object> = keyof M & string;

/** `name` if `major` has a topic message of that name; a TypeError naming the known ones otherwise. */
export function knownName<M extends object>(major: Major<M>, name: unknown, show = JSON.stringify): NameOf<M> {
  if (!(major.names as readonly unknown[]).includes(name)) {
    throw new TypeError(`unknown message type ${show(name)}; expected one of ${major.names.join(", ")}`);
  }
  return name as NameOf<M>;
}

/** The spec of topic message `name` of `major`; a TypeError for a name it does not have. */
export function topicSpec<M extends object>(major: Major<M>, name: unknown): MessageSpec {
  const found = Object.hasOwn(major.topicMessages, name as PropertyKey)
    ? major.topicMessages[name as NameOf<M>] : undefined;
  if (found === undefined) throw new TypeError(`unknown message type ${JSON.stringify(name)}`);
  return found;
}
