/**
 * What every mapping function shares (mirrors the helpers of
 * `vibe_contracts/legacy/mapping.py`): the v1 document being built with the
 * legacy path of each field, and the refusals raised while reading a record.
 *
 * @module
 */

import type { DescEnum } from "@bufbuild/protobuf";
import type { Timestamp } from "@bufbuild/protobuf/wkt";

import { ContractError, type Rule } from "../errors.js";
import { MAJOR as V1 } from "../gen/v1/major.js";
import { MESSAGES } from "../gen/v1/tables.js";
import type { MessageName, MessageTypes } from "../gen/v1/types.js";
import type { FieldSpec } from "../spec.js";
import { validate } from "../validate.js";
import { millis, trimmed } from "./text.js";

/** Why a record is not mapped. */
export type SkipReason = "partner_removed" | "partner_role" | "order_status" | "refund_status";

/** A record the mapping does not produce, by design (docs/legacy.md): counted, not an error. */
export class Skipped {
  constructor(
    readonly reason: SkipReason,
    readonly message: string,
  ) {
    Object.freeze(this);
  }
}

export type Fields = Record<string, unknown>;

function field(message: string, name: string): FieldSpec {
  return (MESSAGES[message] as { fields: readonly FieldSpec[] }).fields.find((f) => f.name === name)!;
}

const TIME = field("Event", "finish_at");
const PRICE = field("OrderTicket", "price_nominal");
export const MEDIA = field("Event", "media");

/** A v1 document being built, and the legacy path each of its fields comes from. */
export class Doc {
  readonly sources = new Map<string, string>();

  put(target: Fields, key: string, value: unknown, path: string, source: string): void {
    this.sources.set(path, source);
    if (value !== undefined) target[key] = value;
  }

  /** The document validated strictly; a violation is refused at its legacy path. */
  model<N extends MessageName>(name: N, data: Fields): MessageTypes[N] {
    const result = validate(V1, name, data, { strict: true });
    if (result.errors.length) {
      throw new ContractError(result.errors.map((v) => ({ ...v, path: this.legacy(v.path) })));
    }
    return result.value as MessageTypes[N];
  }

  /** The legacy path of a v1 path: the longest recorded prefix, and what follows it. */
  legacy(path: string): string {
    let probe = path;
    while (probe) {
      const source = this.sources.get(probe);
      if (source !== undefined) return source + path.slice(probe.length);
      const cut = Math.max(probe.lastIndexOf("."), probe.lastIndexOf("["));
      probe = probe.slice(0, Math.max(cut, 0));
    }
    return path;
  }
}

export function refuse(path: string, rule: Rule, message: string): ContractError {
  return ContractError.at(path, rule, message);
}

/** The name of a legacy enum value; an unknown number (proto3 keeps them) is refused. */
export function enumName(schema: DescEnum, n: number, what: string, path = "status"): string {
  const value = schema.value[n];
  if (value === undefined) throw refuse(path, "enum", `number ${n} is not a known ${what}`);
  return value.name;
}

/** A set Timestamp in milliseconds, within the v1 time range; undefined when unset or zero. */
export function time(stamp: Timestamp | undefined, path: string): number | undefined {
  if (stamp === undefined) return undefined;
  const value = millis(stamp.seconds, stamp.nanos);
  if (value === undefined) return undefined;
  if (!(BigInt(TIME.minimum!) <= value && value < BigInt(TIME.exclusiveMaximum!))) {
    throw refuse(path, "range", "is outside the years 2000 to 2099");
  }
  return Number(value);
}

/** A money amount within the v1 range, as a number (checked as a bigint: never rounded). */
export function int64(value: bigint, path: string): number {
  if (!(BigInt(PRICE.minimum!) <= value && value <= BigInt(PRICE.maximum!))) {
    throw refuse(path, "range", `is out of range [0, ${PRICE.maximum}]`);
  }
  return Number(value);
}

/** The record given for a join is the one named (`want`, at legacy `path`). */
export function checkJoin(got: string, want: string, path: string, what: string): void {
  if (trimmed(want) === undefined) throw refuse(path, "required", "is required");
  if (trimmed(got) !== trimmed(want)) throw refuse(path, "join", `the ${what} given is not the one this record names`);
}
