/**
 * The one error type of the library (mirrors `vibe_contracts/errors.py`).
 *
 * @module
 */

/** Short stable ids of the rules of a message (docs/spec.md §4): the same strings in Python and TypeScript. */
export const MESSAGE_RULES = [
  "syntax", "type", "required", "min_length", "max_length", "pattern", "range", "multiple_of", "enum",
  "min_items", "max_items", "unique", "order", "unknown_field", "limit", "duplicate_key",
] as const;

/** The rules of the Kafka record around a message (`@vibe/contracts/kafka`). */
export const ENVELOPE_RULES = [
  "header_missing", "header_duplicate", "content_type", "schema_version", "application_id", "topic", "key",
] as const;

/** The rules of the legacy mapping (`@vibe/contracts/legacy`) beyond the message rules: a join record that is not the one named. */
export const MAPPING_RULES = ["join"] as const;

export type MessageRule = (typeof MESSAGE_RULES)[number];
export type EnvelopeRule = (typeof ENVELOPE_RULES)[number];
export type MappingRule = (typeof MAPPING_RULES)[number];
/** Every rule a ContractError can carry. */
export type Rule = MessageRule | EnvelopeRule | MappingRule;

/** One broken rule: where (a JSON path, `""` for the root), which rule, and why. */
export interface Violation {
  readonly path: string;
  readonly rule: Rule;
  readonly message: string;
}

/** `tickets[2].currency: … [enum]`, the way Python's `str(Violation)` reads. */
export function formatViolation(v: Violation): string {
  return `${v.path || "<root>"}: ${v.message} [${v.rule}]`;
}

/**
 * Input that breaks the contract.
 *
 * `path` and `rule` are those of the first violation; `errors` lists every
 * violation found, in document order (the same list Python reports).
 */
export class ContractError extends Error {
  /** JSON path of the first offending value (`"tickets[2].currency"`; `""` for the root). */
  readonly path: string;
  /** Id of the first broken rule (`required`, `pattern`, `max_length`, …). */
  readonly rule: Rule;
  /** Every violation found, in document order; the first one is `path` / `rule`. */
  readonly errors: readonly Violation[];

  constructor(errors: Violation | readonly Violation[]) {
    const list = Array.isArray(errors) ? [...(errors as readonly Violation[])] : [errors as Violation];
    const first = list[0];
    if (first === undefined) {
      throw new TypeError("a ContractError needs at least one violation");
    }
    const more = list.length - 1;
    super(formatViolation(first) + (more ? ` (and ${more} more)` : ""));
    this.name = "ContractError";
    this.path = first.path;
    this.rule = first.rule;
    this.errors = Object.freeze(list);
  }

  /** A ContractError with a single violation. */
  static at(path: string, rule: Rule, message: string): ContractError {
    return new ContractError({ path, rule, message });
  }
}
