"""The one error type of the library."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ContractError", "Violation"]


class Violation(NamedTuple):
    """One broken rule: where (a JSON path, `""` for the root), which rule, and why."""

    path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '<root>'}: {self.message} [{self.rule}]"


class ContractError(ValueError):
    """Input that breaks the contract.

    Attributes
    ----------
    path : str
        JSON path of the first offending value (``"tickets[2].currency"``; ``""`` for the root).
    rule : str
        Short stable id of the first broken rule (``required``, ``pattern``, ``max_length``, …).
    errors : list[Violation]
        Every violation found, in document order; the first one is `path` / `rule`.
    """

    def __init__(self, errors: list[Violation] | Violation) -> None:
        self.errors = [errors] if isinstance(errors, Violation) else list(errors)
        if not self.errors:
            raise ValueError("a ContractError needs at least one violation")
        first = self.errors[0]
        self.path, self.rule = first.path, first.rule
        more = len(self.errors) - 1
        super().__init__(str(first) + (f" (and {more} more)" if more else ""))

    @classmethod
    def at(cls, path: str, rule: str, message: str) -> ContractError:
        """A ContractError with a single violation."""
        return cls(Violation(path, rule, message))
