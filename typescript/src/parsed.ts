/**
 * Data already parsed (a `JSON.parse` result, an object built in code):
 * `validate` as `decode` does it, and a type guard per message (generated
 * for each major's entry point from `is`).
 *
 * @module
 */

import { ContractError } from "./errors.js";
import { knownName, type Major, type NameOf } from "./spec.js";
import { validate as walk } from "./validate.js";

export interface ValidateOptions {
  /** Writer rules (docs/spec.md §4) when true; the tolerant reader rules by default. */
  readonly strict?: boolean;
}

/** `validate` and `is` of one major (`M`: its `MessageTypes`). */
export interface Parsed<M extends object> {
  /**
   * Check `value` against message `name` (`"order"`, …) and give its normalized
   * JSON form, as `decode` gives it for the same document: tolerant rules unless
   * `strict`. Throws ContractError listing every violation.
   */
  validate<N extends NameOf<M>>(name: N, value: unknown, options?: ValidateOptions): M[N];
  /**
   * Whether `value` is a message `name` just as its type says: every writer rule
   * holds (no `null` for an absent field, only listed enum values), keys the
   * contract does not know aside, as TypeScript's types allow them. Never throws
   * for a value; to learn what is wrong, call `validate`.
   */
  is<N extends NameOf<M>>(name: N, value: unknown): value is M[N];
}

/** `validate` and `is` bound to `major`. */
export function parsedOf<M extends object>(major: Major<M>): Parsed<M> {
  return {
    validate<N extends NameOf<M>>(name: N, value: unknown, options: ValidateOptions = {}): M[N] {
      const result = walk(major, knownName(major, name), value, { strict: options.strict ?? false });
      if (result.errors.length) throw new ContractError(result.errors);
      return result.value as M[N];
    },
    is<N extends NameOf<M>>(name: N, value: unknown): value is M[N] {
      const result = walk(major, knownName(major, name), value, { strict: true });
      return result.errors.every((v) => v.rule === "unknown_field");
    },
  };
}
