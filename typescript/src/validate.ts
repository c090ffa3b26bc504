/**
 * The full validator (mirrors `vibe_contracts/validate.py`, the authority).
 *
 * It walks a parsed document once, in a fixed order (declared fields; for a
 * repeated field its item count, the items, then uniqueness; then
 * cross-field rules; then, strict only, unknown keys), reports every
 * violation with its JSON path and rule, and returns the normalized
 * document: nulls of optional fields and unknown keys dropped (tolerant
 * form), unknown fallback-enum values mapped, fields in declaration order.
 * The walk itself is generated (`gen/v<N>/validators.ts`).
 *
 * @module
 */

import type { Ctx } from "./check.js";
import type { Violation } from "./errors.js";
import type { JsonSource } from "./json.js";
import type { Major, NameOf } from "./spec.js";

export { childPath, UnknownEnumNumber } from "./check.js";

export interface ValidateOptions {
  /** Writer rules (docs/spec.md §4) when true; tolerant reader rules when false. */
  readonly strict: boolean;
  /** The JSON text `data` was parsed from, if any: lets messages name `1.0` as Python does. */
  readonly source?: JsonSource;
}

export type Validated<T> = { readonly value: T; readonly errors: readonly [] } | {
  readonly value: undefined;
  readonly errors: readonly Violation[];
};

/** A validation run that also counts the quotes of what the generated validators read (`Ctx` plus a counter). */
export interface Walk extends Ctx {
  /**
   * 2 for each key a validator read and each string value of a field, over
   * every message it checked. When nothing broke a rule it is exactly the
   * number of quotes the canonical JSON of the accepted fields has.
   */
  quotes: number;
}

/** A fresh run of the generated validators, nothing found or counted yet. */
export function walkOf(strict: boolean, src: JsonSource | undefined): Walk {
  return { strict, errors: [], trail: [], src, quotes: 0 };
}

/** Check `data` (parsed JSON, or data from Protobuf) against message `name` of `major`. */
export function validate<M extends object, N extends NameOf<M>>(
  major: Major<M>,
  name: N,
  data: unknown,
  options: ValidateOptions,
): Validated<M[N]> {
  const c = walkOf(options.strict, options.source);
  const value = major.validators[name](data, c);
  return c.errors.length ? { value: undefined, errors: c.errors } : { value: value as M[N], errors: [] };
}
