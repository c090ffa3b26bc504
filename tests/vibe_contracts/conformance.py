"""Documented exceptions of the property tests: where two checkers may disagree, and why.

Two comparisons are made:

- the package's validator against the reference JSON Schema validator on the
  generated writer (strict) / reader (tolerant) schemas (`test_differential.py`);
- the fast path (msgspec plus extra checks) against the full validator
  (`test_fast_path.py`).

Each entry below is one exception, with the rule, the reason, and how the test
deals with it: `skip` means the differential test leaves out that mutation kind
(by filtering the strategy, never with `pytest.skip`), and a separate test checks
that the gap is real (the package refuses, the schema accepts); `adapt` means the
reference validator is adjusted so that it checks the rule the way the contract
means it, and the mutation kind stays in the comparison.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "FAST_PATH_EXCEPTIONS",
    "SCHEMA_EXCEPTIONS",
    "SCHEMA_SKIPPED_KINDS",
    "Exception_",
]


class Exception_(NamedTuple):
    """One documented difference between two checkers."""

    kind: str  # the mutation kind (strategies.MUTATION_RULES) or document variant concerned
    rule: str  # the rule id of docs/spec.md §3/§4 the package reports
    reason: str
    handling: Literal["skip", "adapt", "fallback"]


SCHEMA_EXCEPTIONS: tuple[Exception_, ...] = (
    Exception_(
        kind="duplicate_ids",
        rule="unique",
        reason="`unique_by` (Order.tickets: ticket ids unique within the order) compares one key of the "
               "items; JSON Schema's `uniqueItems` only compares whole items, so the generated schema "
               "states it in a `$comment` and does not check it.",
        handling="skip",
    ),
    Exception_(
        kind="not_before",
        rule="order",
        reason="`not_before` (Event.finish_at not before start_at) compares two values of one object; "
               "JSON Schema has no keyword that compares an instance's values with each other, so the "
               "generated schema states it in a `$comment` and does not check it.",
        handling="skip",
    ),
    Exception_(
        kind="pattern_newline",
        rule="pattern",
        reason="The schemas keep the ECMA-262 pattern of the source (`^…$`, `\\s`); the jsonschema library "
               "runs it with Python's `re`, where `$` also matches before a trailing newline and `\\s` / "
               "`\\d` match more characters (U+001C–U+001F, U+0085, non-ASCII digits). The reference "
               "validator is extended (jsonschema.validators.extend) with a `pattern` that translates the "
               "ECMA-262 pattern with codegen.regex.to_python first, as the package does. This covers the "
               "`pattern_newline` mutations and the ECMA edge characters that `documents` inserts into "
               "valid strings.",
        handling="adapt",
    ),
)

#: Mutation kinds the differential test leaves out: the schemas cannot state their rule.
SCHEMA_SKIPPED_KINDS: frozenset[str] = frozenset(e.kind for e in SCHEMA_EXCEPTIONS if e.handling == "skip")

FAST_PATH_EXCEPTIONS: tuple[Exception_, ...] = (
    Exception_(
        kind="integral_float",
        rule="type",
        reason="An integer field written as an integral float (`946684800000.0`, `5.0`) is a JSON number "
               "with an integer value, valid under docs/spec.md §4 (the full validator and JSON Schema's `integer` "
               "accept it); msgspec's `int` refuses floats. The fast path then gives up and the full "
               "validator decides: `from_json` must succeed and give the normalized model (ints).",
        handling="fallback",
    ),
)
