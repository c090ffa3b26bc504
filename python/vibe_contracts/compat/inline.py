"""Comparison of a schema with a combinator against one without.

Typical evolutions wrap a schema into a combinator: making a field nullable
(``{"type": "string"}`` → ``{"anyOf": [{"type": "string"}, {"type": "null"}]}``)
or splitting it into ``allOf`` parts.  Keyword by keyword, such an edit looks
like "keywords removed, combinator added" and is judged incompatible both
ways.  Here each branch is merged with the keywords next to the combinator
(only when no two merged keywords interact, so the merge is exact) and
compared with the other side.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from .change import Change, ChangeKind
from .context import Context
from .diff_combined import rank
from .disjoint import pairwise_disjoint
from .keywords import INTERACTING_GROUPS, NON_ASSERTING, REFERENCE_KEYWORDS, Schema, value_of
from .refs import DocumentIndex

COMBINATORS = ("allOf", "anyOf", "oneOf")


def _blocks_merge(keyword: str) -> bool:
    return keyword in REFERENCE_KEYWORDS or keyword.startswith("unevaluated")


def merge(index: DocumentIndex, rest: dict[str, Any], parts: list[Schema]) -> Schema | None:
    """Return one schema equivalent to ``rest`` ∧ every part, or ``None`` if not exact.

    Annotations of ``rest`` are kept; annotations of the parts are dropped.
    """
    parts = [index.follow(part) for part in parts]
    if any(part is False for part in parts):
        return False
    groups: set[str] = set()
    merged = dict(rest)
    for keyword in rest:
        if keyword in NON_ASSERTING:
            continue
        if _blocks_merge(keyword):
            return None
        groups.add(INTERACTING_GROUPS.get(keyword, keyword))
    if not rest and len(parts) == 1:
        return parts[0]
    for part in parts:
        if part is True:
            continue
        if not isinstance(part, dict):
            return None
        for keyword, value in part.items():
            if keyword in NON_ASSERTING:
                continue
            group = INTERACTING_GROUPS.get(keyword, keyword)
            if _blocks_merge(keyword) or group in groups:
                return None
            groups.add(group)
            merged[keyword] = value
    return merged


def _combinators(schema: dict[str, Any]) -> list[str]:
    return [keyword for keyword in COMBINATORS if value_of(schema, keyword) is not None]


def inline_route(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change] | None:
    """Compare through merged branches when exactly one side uses a single combinator.

    Returns ``None`` when the route does not apply or a merge would not be exact.
    """
    old_combinators, new_combinators = _combinators(old), _combinators(new)
    if len(new_combinators) == 1 and not old_combinators:
        holder, keyword, index, update_side = new, new_combinators[0], ctx.new, True
    elif len(old_combinators) == 1 and not new_combinators:
        holder, keyword, index, update_side = old, old_combinators[0], ctx.old, False
    else:
        return None
    branches: list[Schema] = holder[keyword]
    rest = {key: value for key, value in holder.items() if key != keyword}

    def compare_with(merged: Schema) -> list[Change]:
        return ctx.compare(old, merged) if update_side else ctx.compare(merged, new)

    if keyword == "allOf":
        merged = ctx.keep(("allOf", update_side, id(holder)), partial(merge, index, rest, branches))
        return None if merged is None else compare_with(merged)
    if keyword == "oneOf" and len(branches) > 1 and not pairwise_disjoint(index, branches):
        return None
    trials: list[list[Change]] = []
    for position, branch in enumerate(branches):
        key: tuple[object, ...] = (keyword, update_side, id(holder), position)
        merged = ctx.keep(key, partial(merge, index, rest, [branch]))
        if merged is None:
            return None
        trials.append(compare_with(merged))
    best = min(range(len(trials)), key=lambda at: (rank(trials[at]), at))
    changes = list(trials[best])
    if len(branches) > 1:
        marker = ChangeKind.SUM_TYPE_EXTENDED if update_side else ChangeKind.SUM_TYPE_NARROWED
        changes.insert(0, ctx.change(marker, keyword))
    return changes
