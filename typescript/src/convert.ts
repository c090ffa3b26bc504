/**
 * JSON form ⇄ Protobuf form (mirrors `vibe_contracts/convert.py`).
 *
 * Protobuf messages are protobuf-es messages of the generated schemas. Bytes
 * are read the way Python's upb reads them: a known field number with the
 * wrong wire type is an unknown field, strings must be valid UTF-8 (a
 * leading U+FEFF is kept), a field may not overrun its message. protobuf-es's
 * own `fromBinary` differs on each point, so the reader here walks the
 * schemas with protobuf-es's `BinaryReader`. `decodeProto` reads with a
 * generated reader first (`gen/v<N>/wire_read.ts`, one function per message over
 * `ProtoReader`): the bytes straight into the JSON form, with this reader as
 * the reference it falls back to. Writing is generated
 * (`gen/v<N>/wire.ts`, one function per message over `ProtoWriter`): validated
 * JSON-form data straight to the bytes protobuf-es's `toBinary` gives for the
 * same message (fields in number order, so bytes equal Python's deterministic
 * serialization), without building the message first. Each function takes the
 * major's tables (`Tables`) that name the nested messages and enums.
 *
 * @module
 */

import { create, ScalarType, type DescField, type DescMessage, type Message } from "@bufbuild/protobuf";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";

import { childPath, UnknownEnumNumber } from "./check.js";
import { ContractError } from "./errors.js";
import type { FieldSpec, MessageSpec, Tables } from "./spec.js";

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
  } catch {
    // the same words as Python, whose parser (upb) says no more
    throw ContractError.at("", "syntax", "not a valid Protobuf message");
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
  if (field.oneof !== undefined) {
    // Only the legacy messages have oneofs. A member replaces another member; a message
    // member read again merges into itself, as upb does.
    const slot = message[field.oneof.localName] as { case: string | undefined; value?: unknown };
    const prior = slot.case === key ? slot.value : undefined;
    const value = field.fieldKind === "message" ? readSubmessage(field.message, r, depth, prior as Fields | undefined)
      : field.fieldKind === "enum" ? r.int32() : readScalar(r, (field as { scalar: ScalarType }).scalar);
    message[field.oneof.localName] = { case: key, value };
    return;
  }
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

/**
 * What `decode` does between Protobuf bytes and the validator: the JSON-form
 * data of the bytes (`readProto`, `refuseUnknown` when strict, `fromProto`),
 * or a ContractError. The generated reader of `spec` reads the bytes first;
 * on any input it does not take (see `ProtoReader`) the reference path above
 * reads them again and gives the verdict, so both paths give one answer.
 */
export function decodeProto(major: Tables, bytes: Uint8Array, spec: MessageSpec, strict: boolean): Record<string, unknown> {
  const read = major.read[spec.name];
  if (read !== undefined) {
    const r = READER;
    r.reset(bytes, strict);
    try {
      return read(r, bytes.length);
    } catch {
      // not taken: read again below
    } finally {
      r.reset(EMPTY, false); // keep no reference to the caller's bytes
    }
  }
  const message = readProto(spec.schema, bytes);
  if (strict) refuseUnknown(major, message, spec);
  return fromProto(major, message, spec);
}

/** Thrown by `ProtoReader` on an input it leaves to the reference reader. */
const NOT_TAKEN = new Error("left to the reference reader");
const EMPTY = new Uint8Array(0);
/** Strings up to this many bytes are decoded inline when they are ASCII; longer ones by `TextDecoder`. */
const INLINE_ASCII = 12;
const TWO_32 = 2 ** 32;

/**
 * The cursor the generated readers (`gen/v<N>/wire_read.ts`) read with. It takes
 * only input that `readFields` reads to the same values, and throws
 * `NOT_TAKEN` on the rest: malformed bytes (whatever the error, so the
 * reference reader's message is the one reported), groups, unknown fields in
 * strict mode (refused with their numbers by `refuseUnknown`), and a singular
 * message field that appears twice (merged by the reference reader). Bounds
 * are those of `readFields`: a field may run past its message's end as long as
 * it stays within the bytes, and is refused once the message is read (`done`).
 */
export class ProtoReader {
  buf: Uint8Array = EMPTY;
  pos = 0;
  len = 0;
  strict = false;
  private view: DataView | undefined;
  /** The high 32 bits of the last varint `varint` read. */
  private hi = 0;

  reset(bytes: Uint8Array, strict: boolean): void {
    this.buf = bytes;
    this.pos = 0;
    this.len = bytes.length;
    this.strict = strict;
    this.view = undefined;
  }

  /** Leave this input to the reference reader. */
  notTaken(): never {
    throw NOT_TAKEN;
  }

  private byte(): number {
    if (this.pos >= this.len) throw NOT_TAKEN;
    return this.buf[this.pos++] as number;
  }

  /** A tag as protobuf-es reads it (at most 5 bytes, 32 bits); `skip` checks the field number and wire type. */
  tag(): number {
    const b = this.byte();
    if (b < 0x80) return b;
    let t = b & 0x7f;
    for (let shift = 7; shift < 28; shift += 7) {
      const c = this.byte();
      t |= (c & 0x7f) << shift;
      if (c < 0x80) return t;
    }
    const last = this.byte();
    if (last > 0x0f) throw NOT_TAKEN;
    return (t | (last << 28)) >>> 0;
  }

  /** A varint of at most 10 bytes: its low 32 bits (signed), the high ones in `hi`. */
  private varint(): number {
    let lo = 0;
    this.hi = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      const b = this.byte();
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return lo;
    }
    let b = this.byte();
    lo |= (b & 0x0f) << 28;
    let hi = (b & 0x70) >> 4;
    for (let shift = 3; b >= 0x80; shift += 7) {
      if (shift > 31) throw NOT_TAKEN;
      b = this.byte();
      hi |= (b & 0x7f) << shift;
    }
    this.hi = hi;
    return lo;
  }

  /** An enum number (int32: the low 32 bits of the varint). */
  int32(): number {
    const p = this.pos;
    if (p < this.len) {
      const b = this.buf[p] as number;
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
    }
    return this.varint();
  }

  bool(): boolean {
    const lo = this.varint();
    return lo !== 0 || this.hi !== 0;
  }

  /** An int64 as `fromProto` gives it: a number within ±(2^53−1), a bigint beyond. */
  int64(): number | bigint {
    const buf = this.buf;
    let p = this.pos;
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 7 && p < this.len; i++) { // below 2^49: a plain number
      const b = buf[p++] as number;
      n += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = p;
        return n;
      }
      scale *= 128;
    }
    const lo = this.varint() >>> 0;
    const hi = this.hi | 0;
    if (hi >= -0x200000 && hi <= 0x1fffff) {
      const x = hi * TWO_32 + lo;
      if (x >= -Number.MAX_SAFE_INTEGER) return x;
    }
    return BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo));
  }

  double(): number {
    const p = this.pos;
    if (p + 8 > this.len) throw NOT_TAKEN;
    this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.pos = p + 8;
    return this.view.getFloat64(p, true);
  }

  /** A length prefix as `length` reads it; returns where the field ends. */
  end(): number {
    const p = this.pos;
    let n = p < this.len ? (this.buf[p] as number) : 0x80;
    if (n < 0x80) {
      this.pos = p + 1;
    } else {
      n = 0;
      for (let i = 0; ; i++) {
        if (i === 5) throw NOT_TAKEN;
        const b = this.byte();
        n += (b & 0x7f) * 2 ** (7 * i);
        if (b < 0x80) break;
      }
    }
    if (n > this.len - this.pos) throw NOT_TAKEN;
    return this.pos + n;
  }

  /** A UTF-8 string: short ASCII ones inline, the rest through the same fatal `TextDecoder` as `readScalar`. */
  string(): string {
    const end = this.end();
    const start = this.pos;
    const buf = this.buf;
    this.pos = end;
    if (end - start <= INLINE_ASCII) {
      let s = "";
      for (let i = start; i < end; i++) {
        const c = buf[i] as number;
        if (c >= 0x80) return this.utf8(start, end);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.utf8(start, end);
  }

  /** Invalid UTF-8 throws here; `decodeProto` catches whatever the generated readers throw. */
  private utf8(start: number, end: number): string {
    return UTF8.decode(this.buf.subarray(start, end));
  }

  /** The end of a message or packed run: exactly at `end`. */
  done(end: number): void {
    if (this.pos !== end) throw NOT_TAKEN;
  }

  /** An unknown field (or a known number with another wire type): skipped as `skip` does, but no group. */
  skip(tag: number): void {
    if (this.strict || tag >>> 3 === 0) throw NOT_TAKEN;
    switch (tag & 7) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Bit64:
        if (this.pos + 8 > this.len) throw NOT_TAKEN;
        this.pos += 8;
        return;
      case WireType.LengthDelimited:
        this.pos = this.end();
        return;
      case WireType.Bit32:
        if (this.pos + 4 > this.len) throw NOT_TAKEN;
        this.pos += 4;
        return;
      default: // groups, their ends, wire types 6 and 7
        throw NOT_TAKEN;
    }
  }
}

const READER = new ProtoReader();

/** Strict mode: refuse unknown fields (rule `unknown_field`), the outer message first, as Python. */
export function refuseUnknown(major: Tables, message: Message, spec: MessageSpec, path = ""): void {
  const fields = message as unknown as Fields;
  if (fields.$unknown?.length) {
    const numbers = [...new Set(fields.$unknown.map((u) => u.no))].sort((a, b) => a - b);
    throw ContractError.at(path, "unknown_field", `unknown field numbers [${numbers.join(", ")}]`);
  }
  for (const f of spec.fields) {
    if (f.kind !== "message") continue;
    const inner = major.messages[f.typeName as string] as MessageSpec;
    const fpath = childPath(path, f.name);
    const value = fields[f.local];
    if (f.repeated) {
      (value as Message[]).forEach((item, i) => refuseUnknown(major, item, inner, `${fpath}[${i}]`));
    } else if (value !== undefined) {
      refuseUnknown(major, value as Message, inner, fpath);
    }
  }
}

/**
 * JSON-form data of a protobuf-es message, not yet validated: unset fields
 * left out (an implicit-presence zero is unset), enum numbers without a JSON
 * string as `UnknownEnumNumber`, 64-bit integers beyond ±(2^53−1) kept as
 * bigint for the validator to refuse (rule `range`).
 */
export function fromProto(major: Tables, message: Message, spec: MessageSpec): Record<string, unknown> {
  const fields = message as unknown as Fields;
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = fields[f.local];
    if (f.repeated) {
      if ((value as unknown[]).length === 0) continue;
      out[f.name] = (value as unknown[]).map((v) => fromValue(major, v, f));
    } else if (f.presence) {
      if (value === undefined) continue;
      out[f.name] = fromValue(major, value, f);
    } else {
      if (value === "" || value === 0 || value === 0n || value === false) continue;
      out[f.name] = fromValue(major, value, f);
    }
  }
  return out;
}

function fromValue(major: Tables, value: unknown, f: FieldSpec): unknown {
  switch (f.kind) {
    case "enum": {
      const name = major.enums[f.typeName as string]?.names[value as number];
      return name === undefined ? new UnknownEnumNumber(value as number) : name;
    }
    case "message":
      return fromProto(major, value as Message, major.messages[f.typeName as string] as MessageSpec);
    case "int64": {
      const n = value as bigint;
      return n >= -MAX_SAFE && n <= MAX_SAFE ? Number(n) : n;
    }
    default:
      return value;
  }
}

/** The protobuf-es message of validated JSON-form data. */
export function toProto<M extends Message>(major: Tables, data: Record<string, unknown>, spec: MessageSpec, path = ""): M {
  const init: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const value = data[f.name];
    if (value === undefined || value === null) continue;
    const fpath = childPath(path, f.name);
    init[f.local] = f.repeated
      ? (value as unknown[]).map((v, i) => toValue(major, v, f, `${fpath}[${i}]`))
      : toValue(major, value, f, fpath);
  }
  return create(spec.schema, init) as unknown as M;
}

function toValue(major: Tables, value: unknown, f: FieldSpec, path: string): unknown {
  switch (f.kind) {
    case "enum":
      return major.enums[f.typeName as string]?.numbers[value as string];
    case "message":
      return toProto(major, value as Record<string, unknown>, major.messages[f.typeName as string] as MessageSpec, path);
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
export function toProtoBytes(major: Tables, data: Record<string, unknown>, spec: MessageSpec): Uint8Array {
  // validated data of the message `spec` describes, so of the type its writer takes
  const write = major.wire[spec.name] as (w: ProtoWriter, v: Record<string, unknown>) => void;
  const w = WRITER;
  w.pos = 0;
  try {
    write(w, data);
  } catch (exc) {
    toProto(major, data, spec); // throws the error with the path of the first lone surrogate, in declaration order
    throw exc;
  }
  return w.finish();
}

/** A string the generated writers cannot write as UTF-8; `toProtoBytes` finds its path. */
class LoneSurrogate extends Error {}

const ENCODER = new TextEncoder();
/** Strings longer than this go through `TextEncoder.encodeInto`; shorter ones are encoded inline. */
const INLINE_UTF8 = 48;
/** A writer whose buffer grew past this gets a fresh one after the message, so one big message is not kept. */
const KEEP_BYTES = 1 << 20;

function varintSize(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

/**
 * The byte buffer the generated writers (`gen/v<N>/wire.ts`) fill: tags are
 * precomputed by the generator, a nested message or string gets its length
 * prefix reserved up front and fixed up (moved, rarely) once its size is known.
 */
export class ProtoWriter {
  buf = new Uint8Array(4096);
  view = new DataView(this.buf.buffer);
  pos = 0;

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    if (this.buf.length > KEEP_BYTES) {
      this.buf = new Uint8Array(4096);
      this.view = new DataView(this.buf.buffer);
    }
    return out;
  }

  /** A tag (field number and wire type, precomputed) or another unsigned 32-bit varint. */
  tag(t: number): void {
    this.ensure(5);
    const buf = this.buf;
    let p = this.pos;
    while (t > 0x7f) {
      buf[p++] = (t & 0x7f) | 0x80;
      t >>>= 7;
    }
    buf[p++] = t;
    this.pos = p;
  }

  /** An int64 or enum value (a safe integer): negative ones take ten bytes, as two's complement. */
  varint(n: number): void {
    this.ensure(10);
    const buf = this.buf;
    let p = this.pos;
    if (n >= 0 && n <= 0x7fffffff) {
      while (n > 0x7f) {
        buf[p++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
      buf[p++] = n;
    } else {
      let lo = n >>> 0;
      let hi = Math.floor(n / 0x100000000) >>> 0;
      while (hi !== 0 || lo > 0x7f) {
        buf[p++] = (lo & 0x7f) | 0x80;
        lo = ((lo >>> 7) | (hi << 25)) >>> 0;
        hi >>>= 7;
      }
      buf[p++] = lo;
    }
    this.pos = p;
  }

  bool(b: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = b ? 1 : 0;
  }

  double(n: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, n, true);
    this.pos += 8;
  }

  /** A length-prefixed UTF-8 string; throws LoneSurrogate on a string UTF-8 cannot carry. */
  string(s: string): void {
    const n = s.length;
    this.ensure(5 + 3 * n);
    const buf = this.buf;
    const start = this.pos;
    const reserved = varintSize(n); // exact for ASCII; `prefix` moves the rest if need be
    let p = start + reserved;
    if (n > INLINE_UTF8) {
      if (!s.isWellFormed()) throw new LoneSurrogate();
      p += ENCODER.encodeInto(s, buf.subarray(p)).written;
    } else {
      for (let i = 0; i < n; i++) {
        let c = s.charCodeAt(i);
        if (c < 0x80) {
          buf[p++] = c;
        } else if (c < 0x800) {
          buf[p++] = 0xc0 | (c >> 6);
          buf[p++] = 0x80 | (c & 0x3f);
        } else if (c < 0xd800 || c > 0xdfff) {
          buf[p++] = 0xe0 | (c >> 12);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        } else {
          const d = c < 0xdc00 && i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (d < 0xdc00 || d > 0xdfff) throw new LoneSurrogate();
          i++;
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 0x3f);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        }
      }
    }
    this.pos = p;
    this.prefix(start, reserved);
  }

  /** Reserve one byte for the length of a nested message; `join` with what it returns once it is written. */
  fork(): number {
    this.ensure(1);
    return this.pos++;
  }

  join(start: number): void {
    this.prefix(start, 1);
  }

  /** Write the length of the bytes after the `reserved` bytes at `start`, moving them if it takes more or fewer. */
  private prefix(start: number, reserved: number): void {
    let n = this.pos - start - reserved;
    const size = varintSize(n);
    if (size !== reserved) {
      this.ensure(size - reserved);
      this.buf.copyWithin(start + size, start + reserved, this.pos);
      this.pos += size - reserved;
    }
    const buf = this.buf;
    let p = start;
    while (n > 0x7f) {
      buf[p++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[p] = n;
  }
}

const WRITER = new ProtoWriter();

/** A string that UTF-8 cannot carry: Python refuses to encode it too (UnicodeEncodeError). */
export function loneSurrogate(path: string): ContractError {
  return ContractError.at(path, "syntax", "not encodable as UTF-8: a string holds a lone surrogate");
}
