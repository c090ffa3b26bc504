"""Comparators for array keywords: positional item schemas, bounds, ``contains``.

``prefixItems``/``items`` (2020-12) and array-form ``items``/``additionalItems``
(draft-07) are read into one tuple model: a schema per leading position and a
*rest* schema for every later position.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .change import Change, ChangeKind, Effect
from .context import Context
from .diff_object import compare_open_schema, member_added, member_removed, unevaluated_is_fallback
from .diff_scalar import bound_kinds, compare_bound
from .keywords import Schema, is_schema, value_of


_REST_PREFIXES = {
    "items": "ITEMS",
    "additionalItems": "ADDITIONAL_ITEMS",
    "unevaluatedItems": "UNEVALUATED_ITEMS",
}


@dataclass(frozen=True)
class TupleModel:
    """Item schemas by position, in either dialect's spelling."""

    prefix: list[Schema]
    prefix_keyword: str
    rest: Schema
    rest_keyword: str
    rest_declared: bool


def rest_declared(schema: dict[str, Any]) -> bool:
    """Return whether ``schema`` declares a schema for the positions after its prefix."""
    items = value_of(schema, "items")
    if isinstance(items, list) and value_of(schema, "prefixItems") is None:
        return value_of(schema, "additionalItems") is not None
    return is_schema(items)


def tuple_model(schema: dict[str, Any]) -> TupleModel:
    """Read the positional item schemas of ``schema`` (absent rest = ``true``)."""
    items = value_of(schema, "items")
    prefix_items = value_of(schema, "prefixItems")
    if prefix_items is not None:
        prefix, prefix_keyword = prefix_items, "prefixItems"
        rest, rest_keyword = (items if is_schema(items) else None), "items"
    elif isinstance(items, list):
        prefix, prefix_keyword = items, "items"
        rest, rest_keyword = value_of(schema, "additionalItems"), "additionalItems"
    else:
        prefix, prefix_keyword = [], "prefixItems"
        rest, rest_keyword = items, "items"
    if unevaluated_is_fallback(schema, "unevaluatedItems", rest_declared(schema)):
        rest, rest_keyword = value_of(schema, "unevaluatedItems"), "unevaluatedItems"
    declared = rest is not None
    rest = True if rest is None else rest
    return TupleModel(prefix, prefix_keyword, rest, rest_keyword, declared)


def _compare_positions(ctx: Context, old: TupleModel, new: TupleModel) -> list[Change]:
    changes: list[Change] = []
    shared = min(len(old.prefix), len(new.prefix))
    for position in range(shared, len(new.prefix)):
        changes += member_added(
            ctx.at(new.prefix_keyword, position), old.rest, new.prefix[position], False, "ITEM"
        )
    for position in range(shared, len(old.prefix)):
        changes += member_removed(
            ctx.at(old.prefix_keyword, position), old.prefix[position], new.rest, False, "ITEM"
        )
    for position in range(shared):
        changes += ctx.compare(old.prefix[position], new.prefix[position],
                               new.prefix_keyword, position)
    keyword = old.rest_keyword if old.rest_declared and not new.rest_declared else new.rest_keyword
    prefix = _REST_PREFIXES[keyword]
    changes += compare_open_schema(
        ctx.at(keyword), old.rest, new.rest,
        ChangeKind[f"{prefix}_EXTENDED"], ChangeKind[f"{prefix}_NARROWED"],
    )
    return changes


def _compare_contains(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_contains, new_contains = value_of(old, "contains"), value_of(new, "contains")
    if old_contains is None and new_contains is None:
        return []  # minContains/maxContains have no effect without contains
    if old_contains is None:
        return [ctx.change(ChangeKind.CONTAINS_ADDED, "contains")]
    if new_contains is None:
        return [ctx.change(ChangeKind.CONTAINS_REMOVED, "contains")]
    changes = ctx.compare(old_contains, new_contains, "contains")
    has_maximum = "maxContains" in old or "maxContains" in new
    if has_maximum and any(change.kind.effect is not Effect.NONE for change in changes):
        # A wider contains schema counts more items against maxContains.
        changes.insert(0, ctx.change(ChangeKind.CONTAINS_CHANGED, "contains"))
    old_min, new_min = value_of(old, "minContains"), value_of(new, "minContains")
    old_min, new_min = 1 if old_min is None else old_min, 1 if new_min is None else new_min
    if new_min > old_min:
        changes.append(ctx.change(ChangeKind.MIN_CONTAINS_INCREASED, "minContains"))
    elif new_min < old_min:
        changes.append(ctx.change(ChangeKind.MIN_CONTAINS_DECREASED, "minContains"))
    changes += compare_bound(
        ctx, "maxContains", value_of(old, "maxContains"), value_of(new, "maxContains"),
        bound_kinds("MAX_CONTAINS"),
    )
    return changes


def compare_array(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare every array keyword of two schemas that both admit arrays."""
    changes = _compare_positions(ctx, tuple_model(old), tuple_model(new))
    changes += compare_bound(
        ctx, "minItems", value_of(old, "minItems"), value_of(new, "minItems"),
        bound_kinds("MIN_ITEMS"), neutral=0,
    )
    changes += compare_bound(
        ctx, "maxItems", value_of(old, "maxItems"), value_of(new, "maxItems"),
        bound_kinds("MAX_ITEMS"),
    )
    old_unique = value_of(old, "uniqueItems") is True
    new_unique = value_of(new, "uniqueItems") is True
    if new_unique and not old_unique:
        changes.append(ctx.change(ChangeKind.UNIQUE_ITEMS_ADDED, "uniqueItems"))
    elif old_unique and not new_unique:
        changes.append(ctx.change(ChangeKind.UNIQUE_ITEMS_REMOVED, "uniqueItems"))
    changes += _compare_contains(ctx, old, new)
    return changes
