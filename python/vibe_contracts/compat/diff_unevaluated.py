"""Comparator for ``unevaluatedProperties``/``unevaluatedItems`` next to in-place applicators.

When no in-place applicator is present the keyword is folded into the
content model (see :func:`~vibe_contracts.compat.diff_object.content_model`).
Otherwise the names or positions it governs depend on which subschemas
succeed, which is not analysed: any other effective change at the same
schema makes it ``UNEVALUATED_*_CHANGED``.
"""

from __future__ import annotations

from typing import Any

from .change import Change, ChangeKind, Effect
from .context import Context
from .diff_array import rest_declared
from .diff_object import compare_open_schema, unevaluated_blockers
from .keywords import Schema, value_of

_FALLBACK_DECLARED = {
    "unevaluatedProperties": lambda schema: value_of(schema, "additionalProperties") is not None,
    "unevaluatedItems": rest_declared,
}
_PREFIX = {
    "unevaluatedProperties": "UNEVALUATED_PROPERTIES",
    "unevaluatedItems": "UNEVALUATED_ITEMS",
}


def _is_opaque(schema: dict[str, Any], keyword: str) -> bool:
    return (
        keyword in schema
        and not _FALLBACK_DECLARED[keyword](schema)
        and any(blocker in schema for blocker in unevaluated_blockers(keyword))
    )


def _effective(schema: dict[str, Any], keyword: str) -> Schema:
    value = value_of(schema, keyword)
    return value if value is not None and _is_opaque(schema, keyword) else True


def compare_unevaluated(
    ctx: Context, old: dict[str, Any], new: dict[str, Any], keyword: str, found: list[Change]
) -> list[Change]:
    """Compare ``keyword`` where it depends on other subschemas of the same schema.

    Parameters
    ----------
    found : list of Change
        Every other change already found at this schema.
    """
    if not (_is_opaque(old, keyword) or _is_opaque(new, keyword)):
        return []
    prefix = _PREFIX[keyword]
    changes = []
    if any(change.kind.effect is not Effect.NONE for change in found):
        changes.append(ctx.change(ChangeKind[f"{prefix}_CHANGED"], keyword))
    changes += compare_open_schema(
        ctx.at(keyword), _effective(old, keyword), _effective(new, keyword),
        ChangeKind[f"{prefix}_EXTENDED"], ChangeKind[f"{prefix}_NARROWED"],
    )
    return changes
