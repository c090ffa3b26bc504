/**
 * JSON form ⇄ Protobuf form (mirrors `vibe_contracts/convert.py`).
 *
 * Protobuf messages are protobuf-es messages of the generated schemas. Bytes
 * are read the way Python's upb reads them: a known field number with the
 * wrong wire type is an unknown field, strings must be valid UTF-8 (a
 * leading U+FEFF is kept), a field may not overrun its message. protobuf-es's
 * own `fromBinary` differs on each point, so the reader here walks the
 * schemas with protobuf-es's `BinaryReader`; writing is protobuf-es's
 * `toBinary` (fields in number order, so bytes equal Python's deterministic
 * serialization).
 *
 * @module
 */

import { create, ScalarType, toBinary, type DescField, type DescMessage, type Message } from "@bufbuild/protobuf";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";

import { childPath, UnknownEnumNumber } from "./check.js";
import { ContractError } from "./errors.js";
import { ENUMS, MESSAGES } from "./gen/tables.js";
import type { FieldSpec, MessageSpec } from "./spec.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

type Fields = Record<string, unknown> & { $unknown?: { no: number; wireType: WireType; data: Uint8Array }[] };

/** protobuf-es's reader, keeping the bytes it reads for the few reads done here by hand. */
class Reader extends BinaryReader {
  constructor(readonly data: Uint8Array) {
    super(data);
  }
}

/** Parse Protobuf bytes into a protobuf-es message of `schema`; throws a ContractError (`syntax`) on bad input. */
export function readProto<M extends Message>(schema: DescMessage, bytes: Uint8Array): M {
  const message = create(schema) as unknown as Fields;
  try {
    const reader = new Reader(bytes);
    readFields(schema, reader, bytes.byteLength, message, 1);
  } catch (exc) {
    throw ContractError.at("", "syntax", `not a valid Protobuf message: ${(exc as Error).message}`);
  }
  return message as unknown as M;
}

/** upb's limit on nested messages and groups. */
const MAX_DEPTH = 100;

function readFields(schema: DescMessage, r: Reader, end: number, message: Fields, depth: number): void {
  if (depth > MAX_DEPTH) throw new Error("maximum recursion depth reached");
  while (r.pos < end) {
    const [no, wireType] = r.tag();
    const field = schema.fields.find((f) => f.number === no);
    if (field === undefined || !wireTypeFits(field, wireType)) {
      const start = r.pos;
      skip(r, wireType, no, depth);
      (message.$unknown ??= []).push({ no, wireType, data: r.data.subarray(start, r.pos) });
      continue;
    }
    readField(field, wireType, r, message, depth);
  }
  if (r.pos !== end) throw new Error("a field overruns its message");
}

/** A length prefix as upb reads it: a varint of at most 5 bytes, not beyond the data. */
function length(r: Reader): number {
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const b = r.data[r.pos++];
    if (b === undefined || r.pos > r.len) throw new Error("premature end of data");
    n += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) {
      if (n > r.len - r.pos) throw new Error("premature end of data");
      return n;
    }
  }
  throw new Error("length prefix longer than 5 bytes");
}

/** Skip one unknown field, as strictly as upb: varints of at most 10 bytes, lengths within the data, groups matched. */
function skip(r: Reader, wireType: WireType, no: number, depth: number): void {
  switch (wireType) {
    case WireType.Varint:
      r.uint64();
      return;
    case WireType.Bit64:
      r.fixed64();
      return;
    case WireType.Bit32:
      r.fixed32();
      return;
    case WireType.LengthDelimited: {
      const n = length(r); // read before `r.pos` is
      r.pos += n;
      return;
    }
    case WireType.StartGroup:
      if (depth > MAX_DEPTH) throw new Error("maximum recursion depth reached");
      for (;;) {
        const [inner, innerType] = r.tag();
        if (innerType === WireType.EndGroup) {
          if (inner !== no) throw new Error("invalid end group tag");
          return;
        }
        skip(r, innerType, inner, depth + 1);
      }
    default:
      throw new Error(`unexpected wire type ${wireType}`);
  }
}

function scalarWireType(scalar: ScalarType): WireType {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    default:
      return WireType.Varint;
  }
}

function wireTypeFits(field: DescField, wireType: WireType): boolean {
  switch (field.fieldKind) {
    case "scalar":
      return wireType === scalarWireType(field.scalar);
    case "enum":
      return wireType === WireType.Varint;
    case "message":
      return wireType === WireType.LengthDelimited;
    case "list": {
      if (field.listKind === "message") return wireType === WireType.LengthDelimited;
      const own = field.listKind === "enum" ? WireType.Varint : scalarWireType(field.scalar);
      return wireType === own || wireType === WireType.LengthDelimited; // packed
    }
    default:
      return false; // maps are not part of the contracts
  }
}

function readScalar(r: Reader, scalar: ScalarType): unknown {
  switch (scalar) {
    case ScalarType.STRING: {
      const n = length(r);
      r.pos += n;
      return UTF8.decode(r.data.subarray(r.pos - n, r.pos));
    }
    case ScalarType.BOOL:
      return r.bool();
    case ScalarType.INT64:
      return BigInt(r.int64());
    case ScalarType.DOUBLE:
      return r.double();
    case ScalarType.INT32:
      return r.int32();
    default:
      throw new Error(`scalar type ${scalar} is not part of the contracts`);
  }
}

function readSubmessage(schema: DescMessage, r: Reader, depth: number, into?: Fields): Fields {
  const end = length(r) + r.pos;
  const message = into ?? (create(schema) as unknown as Fields);
  readFields(schema, r, end, message, depth + 1);
  return message;
}

function readField(field: DescField, wireType: WireType, r: Reader, message: Fields, depth: number): void {
  const key = field.localName;
  switch (field.fieldKind) {
    case "scalar":
      message[key] = readScalar(r, field.scalar);
      return;
    case "enum":
      message[key] = r.int32();
      return;
    case "message": // a repeated occurrence merges into the message read so far
      message[key] = readSubmessage(field.message, r, depth, message[key] as Fields | undefined);
      return;
    case "list": {
      const list = message[key] as unknown[];
      if (field.listKind === "message") {
        list.push(readSubmessage(field.message, r, depth));
        return;
      }
      const scalar = field.listKind === "enum" ? ScalarType.INT32 : field.scalar;
      if (wireType !== WireType.LengthDelimited || scalar === ScalarType.STRING) {
        list.push(readScalar(r, scalar));
        return;
      }
      const end = length(r) + r.pos;
      while (r.pos < end) list.push(readScalar(r, scalar));
      if (r.pos !== end) throw new Error("packed field overruns its length");
      return;
    }
    default:
      throw new Error(`field ${field.name}: maps are not part of the contracts`);
  }
}

/** Strict mode: refuse unknown fields (rule `unknown_field`), the outer message first, as Python. */
export function refuseUnknown(message: Message, spec: MessageSpec, path = ""): void {
  const fields = message as unknown as Fields;
  if (fields.$unknown?.length) {
    const numbers = [...new Set(fields.$unknown.map((u) => u.no))].sort((a, b) => a - b);
    throw ContractError.at(path, "unknown_field", `unknown field numbers [${numbers.join(", ")}]`);
  }
  for (const f of spec.fields) {
    if (f.kind !== "message") continue;
    const inner = MESSAGES[f.typeName as string] as MessageSpec;
    const fpath = childPath(path, f.name);
    const value = fields[f.local];
    if (f.repeated) {
      (value as Message[]).forEach((item, i) => refuseUnknown(item, inner, `${fpath}[${i}]`));
    } else if (value !== undefined) {
      refuseUnknown(value as Message, inner, fpath);
    }
  }
}

/**
 * JSON-form data of a protobuf-es message, not yet validated: unset fields
 * left out (an implicit-presence zero is unset), enum numbers without a JSON
 * string as `UnknownEnumNumber`, 64-bit integers beyond ±(2^53−1) kept as
 * bigint for the validator to refuse (rule `range`).
 */
export function fromProto(message: Message, spec: MessageSpec): Record<string, unknown> {
  const fields = message as unknown as Fields;
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = fields[f.local];
    if (f.repeated) {
      if ((value as unknown[]).length === 0) continue;
      out[f.name] = (value as unknown[]).map((v) => fromValue(v, f));
    } else if (f.presence) {
      if (value === undefined) continue;
      out[f.name] = fromValue(value, f);
    } else {
      if (value === "" || value === 0 || value === 0n || value === false) continue;
      out[f.name] = fromValue(value, f);
    }
  }
  return out;
}

function fromValue(value: unknown, f: FieldSpec): unknown {
  switch (f.kind) {
    case "enum": {
      const name = ENUMS[f.typeName as string]?.names[value as number];
      return name === undefined ? new UnknownEnumNumber(value as number) : name;
    }
    case "message":
      return fromProto(value as Message, MESSAGES[f.typeName as string] as MessageSpec);
    case "int64": {
      const n = value as bigint;
      return n >= -MAX_SAFE && n <= MAX_SAFE ? Number(n) : n;
    }
    default:
      return value;
  }
}

/** The protobuf-es message of validated JSON-form data. */
export function toProto<M extends Message>(data: Record<string, unknown>, spec: MessageSpec, path = ""): M {
  const init: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = data[f.name];
    if (value === undefined || value === null) continue;
    const fpath = childPath(path, f.name);
    init[f.local] = f.repeated
      ? (value as unknown[]).map((v, i) => toValue(v, f, `${fpath}[${i}]`))
      : toValue(value, f, fpath);
  }
  return create(spec.schema, init) as unknown as M;
}

function toValue(value: unknown, f: FieldSpec, path: string): unknown {
  switch (f.kind) {
    case "enum":
      return ENUMS[f.typeName as string]?.numbers[value as string];
    case "message":
      return toProto(value as Record<string, unknown>, MESSAGES[f.typeName as string] as MessageSpec, path);
    case "int64":
      return BigInt(value as number);
    case "string":
      if (!(value as string).isWellFormed()) throw loneSurrogate(path);
      return value;
    default:
      return value;
  }
}

/** Deterministic Protobuf bytes of validated JSON-form data. */
export function toProtoBytes(data: Record<string, unknown>, spec: MessageSpec): Uint8Array {
  return toBinary(spec.schema, toProto(data, spec));
}

/** A string that UTF-8 cannot carry: Python refuses to encode it too (UnicodeEncodeError). */
export function loneSurrogate(path: string): ContractError {
  return ContractError.at(path, "syntax", "not encodable as UTF-8: a string holds a lone surrogate");
}
