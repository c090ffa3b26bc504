"""Comparators for ``type``, ``const``, ``enum`` and the string and number keywords."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .change import Change, ChangeKind
from .context import Context
from .keywords import canonical, declared_atoms, value_of



@dataclass(frozen=True)
class BoundKinds:
    """Change kinds reported for one numeric bound keyword."""

    added: ChangeKind
    removed: ChangeKind
    increased: ChangeKind
    decreased: ChangeKind


def bound_kinds(prefix: str) -> BoundKinds:
    """Return the ``<prefix>_{ADDED,REMOVED,INCREASED,DECREASED}`` kinds."""
    return BoundKinds(
        ChangeKind[f"{prefix}_ADDED"], ChangeKind[f"{prefix}_REMOVED"],
        ChangeKind[f"{prefix}_INCREASED"], ChangeKind[f"{prefix}_DECREASED"],
    )


def compare_bound(
    ctx: Context, keyword: str, old: Any, new: Any, kinds: BoundKinds, neutral: Any = None
) -> list[Change]:
    """Compare one numeric bound; ``neutral`` is the value that equals absence.

    Parameters
    ----------
    ctx : Context
        Context of the schema holding the keyword.
    keyword : str
        The keyword name, used as the last pointer token.
    old, new : number or None
        The keyword's values (``None`` when absent or malformed).
    kinds : BoundKinds
        Kinds to report.
    neutral : number, optional
        A value with the same meaning as an absent keyword (``0`` for ``minLength``).
    """
    old = None if old == neutral else old
    new = None if new == neutral else new
    if old == new:
        return []
    if old is None:
        return [ctx.change(kinds.added, keyword)]
    if new is None:
        return [ctx.change(kinds.removed, keyword)]
    if new > old:
        return [ctx.change(kinds.increased, keyword)]
    return [ctx.change(kinds.decreased, keyword)]


def compare_type(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare ``type`` as sets of type atoms (``integer`` ⊂ ``number``)."""
    if value_of(old, "type") is None and value_of(new, "type") is None:
        return []
    old_atoms, new_atoms = declared_atoms(old), declared_atoms(new)
    if old_atoms == new_atoms:
        return []
    if value_of(old, "type") is None:
        kind = ChangeKind.TYPE_ADDED
    elif value_of(new, "type") is None:
        kind = ChangeKind.TYPE_REMOVED
    elif old_atoms < new_atoms:
        kind = ChangeKind.TYPE_EXTENDED
    elif new_atoms < old_atoms:
        kind = ChangeKind.TYPE_NARROWED
    else:
        kind = ChangeKind.TYPE_CHANGED
    return [ctx.change(kind, "type")]


def compare_const(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare ``const`` (any JSON value, including ``null``)."""
    if "const" not in old and "const" not in new:
        return []
    if "const" not in old:
        return [ctx.change(ChangeKind.CONST_ADDED, "const")]
    if "const" not in new:
        return [ctx.change(ChangeKind.CONST_REMOVED, "const")]
    if canonical(old["const"]) != canonical(new["const"]):
        return [ctx.change(ChangeKind.CONST_CHANGED, "const")]
    return []


def _listed_values(schema: dict[str, Any]) -> list[tuple[Any, tuple[str | int, ...]]]:
    """Return the allowed values with their pointer tokens (``const`` as a one-value enum)."""
    values = value_of(schema, "enum")
    if values is None:
        return [(schema["const"], ("const",))]
    return [(value, ("enum", index)) for index, value in enumerate(values)]


def _compare_value_lists(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_values, new_values = _listed_values(old), _listed_values(new)
    old_keys = {canonical(value) for value, _ in old_values}
    new_keys = {canonical(value) for value, _ in new_values}
    changes = [
        ctx.change(ChangeKind.ENUM_VALUE_ADDED, *tokens)
        for value, tokens in new_values if canonical(value) not in old_keys
    ]
    changes += [
        ctx.change(ChangeKind.ENUM_VALUE_REMOVED, *tokens)
        for value, tokens in old_values if canonical(value) not in new_keys
    ]
    return changes


def _uses_only(schema: dict[str, Any], keyword: str) -> bool:
    other = "enum" if keyword == "const" else "const"
    return other not in schema and (keyword in schema if keyword == "const"
                                    else value_of(schema, "enum") is not None)


def compare_values(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare ``const`` and ``enum``; a lone ``const`` against a lone ``enum`` is
    compared as a one-value enum (``{"const": "a"}`` → ``{"enum": ["a", "b"]}`` widens)."""
    if (_uses_only(old, "const") and _uses_only(new, "enum")) or (
        _uses_only(old, "enum") and _uses_only(new, "const")
    ):
        return _compare_value_lists(ctx, old, new)
    return compare_const(ctx, old, new) + compare_enum(ctx, old, new)


def compare_enum(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare ``enum`` value by value; each added or removed value is one change."""
    old_values, new_values = value_of(old, "enum"), value_of(new, "enum")
    if old_values is None and new_values is None:
        return []
    if old_values is None:
        return [ctx.change(ChangeKind.ENUM_ADDED, "enum")]
    if new_values is None:
        return [ctx.change(ChangeKind.ENUM_REMOVED, "enum")]
    return _compare_value_lists(ctx, old, new)


def _compare_text(
    ctx: Context, keyword: str, old: str | None, new: str | None, prefix: str
) -> list[Change]:
    if old == new:
        return []
    if old is None:
        return [ctx.change(ChangeKind[f"{prefix}_ADDED"], keyword)]
    if new is None:
        return [ctx.change(ChangeKind[f"{prefix}_REMOVED"], keyword)]
    return [ctx.change(ChangeKind[f"{prefix}_CHANGED"], keyword)]


def compare_string(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare ``minLength``, ``maxLength``, ``pattern`` and ``format``.

    Patterns are compared as text: any edit of a present pattern is
    ``PATTERN_CHANGED`` because regular-expression inclusion is not decided.
    """
    changes = compare_bound(
        ctx, "minLength", value_of(old, "minLength"), value_of(new, "minLength"),
        bound_kinds("MIN_LENGTH"), neutral=0,
    )
    changes += compare_bound(
        ctx, "maxLength", value_of(old, "maxLength"), value_of(new, "maxLength"),
        bound_kinds("MAX_LENGTH"),
    )
    changes += _compare_text(
        ctx, "pattern", value_of(old, "pattern"), value_of(new, "pattern"), "PATTERN"
    )
    changes += _compare_text(
        ctx, "format", value_of(old, "format"), value_of(new, "format"), "FORMAT"
    )
    return changes


def _numeric_bounds(schema: dict[str, Any]) -> dict[str, Any]:
    """Return the four bounds, rewriting draft-04 boolean exclusive flags as numbers."""
    bounds = {key: value_of(schema, key) for key in
              ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")}
    for inclusive, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = bounds[exclusive]
        if isinstance(flag, bool):
            bounds[exclusive] = bounds[inclusive] if flag else None
            if flag:
                bounds[inclusive] = None
    return bounds


def _exact(number: int | float) -> Fraction:
    return Fraction(Decimal(repr(number)))


def _compare_multiple_of(ctx: Context, old: Any, new: Any) -> list[Change]:
    if old is None and new is None:
        return []
    if old is None:
        return [ctx.change(ChangeKind.MULTIPLE_OF_ADDED, "multipleOf")]
    if new is None:
        return [ctx.change(ChangeKind.MULTIPLE_OF_REMOVED, "multipleOf")]
    old_exact, new_exact = _exact(old), _exact(new)
    if old_exact == new_exact:
        return []
    if (new_exact / old_exact).denominator == 1:
        return [ctx.change(ChangeKind.MULTIPLE_OF_INCREASED, "multipleOf")]
    if (old_exact / new_exact).denominator == 1:
        return [ctx.change(ChangeKind.MULTIPLE_OF_DECREASED, "multipleOf")]
    return [ctx.change(ChangeKind.MULTIPLE_OF_CHANGED, "multipleOf")]


def compare_numeric(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare the numeric bounds and ``multipleOf`` (exact decimal arithmetic)."""
    old_bounds, new_bounds = _numeric_bounds(old), _numeric_bounds(new)
    changes: list[Change] = []
    for keyword, prefix in (
        ("minimum", "MINIMUM"), ("exclusiveMinimum", "EXCLUSIVE_MINIMUM"),
        ("maximum", "MAXIMUM"), ("exclusiveMaximum", "EXCLUSIVE_MAXIMUM"),
    ):
        changes += compare_bound(
            ctx, keyword, old_bounds[keyword], new_bounds[keyword], bound_kinds(prefix)
        )
    changes += _compare_multiple_of(ctx, value_of(old, "multipleOf"), value_of(new, "multipleOf"))
    return changes
