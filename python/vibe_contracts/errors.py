"""The one error type of the library."""

from __future__ import annotations

from typing import Literal, NamedTuple, get_args

__all__ = ["QUOTED_PREFIX", "RULES", "ContractError", "Rule", "Violation", "quoted"]

Rule = Literal[
    # the message (docs/spec.md §3, §4)
    "syntax", "type", "required", "min_length", "max_length", "pattern", "range", "multiple_of", "enum",
    "min_items", "max_items", "unique", "order", "unknown_field",
    # hostile input (docs/limits.md)
    "limit", "duplicate_key",
    # the Kafka record (docs/spec.md §2)
    "header_missing", "header_duplicate", "content_type", "schema_version", "application_id", "key", "topic",
    # the legacy mapping (vibe_contracts.legacy): the record given for a join is not the one named
    "join",
]
"""Every rule a ContractError can name."""

#: The rules of `Rule`, in its order.
RULES: tuple[Rule, ...] = get_args(Rule)


#: The most characters of a value a message quotes: enough to recognise it, never a whole large value.
QUOTED_PREFIX = 32


def quoted(text: str) -> str:
    """`text` as a message quotes it: its repr, cut to its first `QUOTED_PREFIX` characters and `…`."""
    return repr(text) if len(text) <= QUOTED_PREFIX else repr(text[:QUOTED_PREFIX]) + "…"


class Violation(NamedTuple):
    """One broken rule: where (a JSON path, `""` for the root), which rule, and why."""

    path: str
    rule: Rule
    message: str

    def __str__(self) -> str:
        return f"{self.path or '<root>'}: {self.message} [{self.rule}]"


class ContractError(ValueError):
    """Input that breaks the contract.

    Attributes
    ----------
    path : str
        JSON path of the first offending value (``"tickets[2].currency"``; ``""`` for the root).
    rule : Rule
        Short stable id of the first broken rule (``required``, ``pattern``, ``max_length``, …).
    errors : list[Violation]
        Every violation found, in document order; the first one is `path` / `rule`.
    """

    def __init__(self, errors: list[Violation] | Violation) -> None:
        self.errors: list[Violation] = [errors] if isinstance(errors, Violation) else list(errors)
        if not self.errors:
            raise ValueError("a ContractError needs at least one violation")
        first = self.errors[0]
        self.path: str = first.path
        self.rule: Rule = first.rule
        more = len(self.errors) - 1
        super().__init__(str(first) + (f" (and {more} more)" if more else ""))

    @classmethod
    def at(cls, path: str, rule: Rule, message: str) -> ContractError:
        """A ContractError with a single violation."""
        return cls(Violation(path, rule, message))
