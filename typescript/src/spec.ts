/**
 * The shapes of the generated rule tables (`gen/v<N>/tables.ts`), as Python's `_spec.py`.
 *
 * @module
 */

import type { DescMessage } from "@bufbuild/protobuf";

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
