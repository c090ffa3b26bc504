"""Comparators for annotations, references, unknown keywords and malformed values."""

from __future__ import annotations

from typing import Any

from .change import Change, ChangeKind
from .context import Context
from .keywords import ANNOTATION_KINDS, KNOWN_KEYWORDS, VALUE_SHAPES, canonical, value_of

_MISSING = object()


def _differs(old: dict[str, Any], new: dict[str, Any], keyword: str) -> bool:
    old_value, new_value = old.get(keyword, _MISSING), new.get(keyword, _MISSING)
    if old_value is _MISSING or new_value is _MISSING:
        return old_value is not new_value
    return canonical(old_value) != canonical(new_value)


def _keywords(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Return the keywords of both schemas, original order first."""
    return list(dict.fromkeys([*old, *new]))


def compare_annotations(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Report annotation edits (they never affect validity)."""
    return [
        ctx.change(ANNOTATION_KINDS[keyword], keyword)
        for keyword in _keywords(old, new)
        if keyword in ANNOTATION_KINDS and _differs(old, new, keyword)
    ]


def compare_unknown(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Report keywords outside the known vocabulary; their meaning is unknown."""
    unknown = [keyword for keyword in _keywords(old, new) if keyword not in KNOWN_KEYWORDS]
    changes = [ctx.change(ChangeKind.UNKNOWN_KEYWORD_ADDED, k) for k in unknown if k not in old]
    changes += [ctx.change(ChangeKind.UNKNOWN_KEYWORD_REMOVED, k) for k in unknown if k not in new]
    changes += [
        ctx.change(ChangeKind.UNKNOWN_KEYWORD_CHANGED, k)
        for k in unknown
        if k in old and k in new and _differs(old, new, k)
    ]
    return changes


def compare_malformed(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Report known keywords whose differing values do not have the expected shape.

    Comparators read such values as absent, so they are judged like unknown
    keywords instead.
    """
    changes = []
    for keyword in _keywords(old, new):
        shape = VALUE_SHAPES.get(keyword)
        if shape is None:
            continue
        malformed = any(keyword in schema and not shape(schema[keyword]) for schema in (old, new))
        if malformed and _differs(old, new, keyword):
            changes.append(ctx.change(ChangeKind.UNKNOWN_KEYWORD_CHANGED, keyword))
    return changes


def compare_references(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare ``$ref`` kept next to asserting keywords, and flag dynamic references.

    Plain references were already followed before keywords are compared; a
    reference still present here is a conjunct or could not be resolved.
    References to other documents are assumed to denote the same external
    schema when their text is equal; a local reference that does not resolve
    is reported.
    """
    changes = [
        ctx.change(ChangeKind.DYNAMIC_REF_UNSUPPORTED, keyword)
        for keyword in ("$dynamicRef", "$recursiveRef")
        if keyword in old or keyword in new
    ]
    old_ref, new_ref = value_of(old, "$ref"), value_of(new, "$ref")
    if old_ref is None and new_ref is None:
        return changes
    if old_ref is None:
        return [*changes, ctx.change(ChangeKind.REF_ADDED, "$ref")]
    if new_ref is None:
        return [*changes, ctx.change(ChangeKind.REF_REMOVED, "$ref")]
    old_target, new_target = ctx.old.resolve(old), ctx.new.resolve(new)
    if old_target is None and new_target is None:
        external = ctx.old.is_external(old) and ctx.new.is_external(new)
        if old_ref != new_ref or not external:
            changes.append(ctx.change(ChangeKind.REF_CHANGED, "$ref"))
    elif old_target is None or new_target is None:
        changes.append(ctx.change(ChangeKind.REF_CHANGED, "$ref"))
    else:
        changes += ctx.compare(old_target, new_target)
    return changes
