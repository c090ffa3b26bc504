"""Comparators for ``allOf``, ``anyOf``, ``oneOf``, ``not`` and ``if``/``then``/``else``.

Subschemas of the same combinator are paired up (pairs whose changes go one
way first, then fewest changes) and each pair's changes are reported.  Any
pairing is sound: a conjunction or union whose members each widen (narrow)
widens (narrows) as a whole, and unpaired members are reported as added or
removed.
"""

from __future__ import annotations

from typing import Any

from .change import Change, ChangeKind, Effect
from .context import Context
from .disjoint import pairwise_disjoint
from .keywords import Schema, schema_or_true, value_of


UNION_KEYWORDS = ("anyOf", "oneOf")
_ADDED = {"anyOf": ChangeKind.ANY_OF_ADDED, "oneOf": ChangeKind.ONE_OF_ADDED}
_REMOVED = {"anyOf": ChangeKind.ANY_OF_REMOVED, "oneOf": ChangeKind.ONE_OF_REMOVED}


def effective_count(changes: list[Change]) -> int:
    """Return how many of ``changes`` can affect validity."""
    return sum(change.kind.effect is not Effect.NONE for change in changes)


def rank(changes: list[Change]) -> tuple[int, int]:
    """Sort key for alternative change lists: more directions proven, then fewer changes.

    A list "proves" a direction when all its changes widen (or all narrow) or
    have no effect.
    """
    effects = {change.kind.effect for change in changes}
    proven = int(effects <= {Effect.NONE, Effect.WIDENS}) + int(
        effects <= {Effect.NONE, Effect.NARROWS}
    )
    return -proven, effective_count(changes)


def match_subschemas(
    ctx: Context, old_keyword: str, old: list[Schema], new_keyword: str, new: list[Schema]
) -> tuple[list[list[Change]], list[int], list[int]]:
    """Pair old and new subschemas greedily, best-ranked pairs first (see :func:`rank`).

    Returns
    -------
    tuple
        The changes of each pair (in original order), the unpaired original
        indexes and the unpaired update indexes.
    """
    trials = {
        (i, j): ctx.compare(old_schema, new_schema, old_keyword, i)
        for i, old_schema in enumerate(old)
        for j, new_schema in enumerate(new)
    }
    ranked = sorted(trials, key=lambda pair: (rank(trials[pair]), abs(pair[0] - pair[1]), pair))
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for i, j in ranked:
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    pairs = [trials[(i, partner[i])] for i in sorted(partner)]
    return pairs, [i for i in range(len(old)) if i not in partner], [
        j for j in range(len(new)) if j not in taken
    ]


def _compare_lists(
    ctx: Context, old_keyword: str, old: list[Schema], new_keyword: str, new: list[Schema],
    added: ChangeKind, removed: ChangeKind,
) -> list[Change]:
    pairs, old_left, new_left = match_subschemas(ctx, old_keyword, old, new_keyword, new)
    if new_keyword != "oneOf":  # a repeated member adds nothing to anyOf or allOf (to oneOf it does: it excludes)
        new_left = [j for j in new_left if not _repeated(ctx, new, j)]
    if old_keyword != "oneOf":
        old_left = [i for i in old_left if not _repeated(ctx, old, i)]
    changes = [ctx.change(added, new_keyword, j) for j in new_left]
    changes += [ctx.change(removed, old_keyword, i) for i in old_left]
    for pair in pairs:
        changes += pair
    return changes


def _repeated(ctx: Context, members: list[Schema], index: int) -> bool:
    """Whether another member of the same list has the same text (and so the same meaning)."""
    text = ctx.canonical(members[index])
    return any(ctx.canonical(other) == text for k, other in enumerate(members) if k != index)


def _compare_all_of(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_list, new_list = value_of(old, "allOf"), value_of(new, "allOf")
    if old_list is None and new_list is None:
        return []
    if old_list is None:
        return [ctx.change(ChangeKind.ALL_OF_ADDED, "allOf")]
    if new_list is None:
        return [ctx.change(ChangeKind.ALL_OF_REMOVED, "allOf")]
    return _compare_lists(ctx, "allOf", old_list, "allOf", new_list,
                          ChangeKind.PRODUCT_TYPE_EXTENDED, ChangeKind.PRODUCT_TYPE_NARROWED)


def _compare_unions(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_keywords = [k for k in UNION_KEYWORDS if value_of(old, k) is not None]
    new_keywords = [k for k in UNION_KEYWORDS if value_of(new, k) is not None]
    if len(old_keywords) == 1 and len(new_keywords) == 1 and old_keywords != new_keywords:
        return _compare_switched_union(ctx, old, new, old_keywords[0], new_keywords[0])
    changes: list[Change] = []
    for keyword in UNION_KEYWORDS:
        old_list, new_list = value_of(old, keyword), value_of(new, keyword)
        if old_list is None and new_list is None:
            continue
        if old_list is None:
            changes.append(ctx.change(_ADDED[keyword], keyword))
        elif new_list is None:
            changes.append(ctx.change(_REMOVED[keyword], keyword))
        else:
            found = _compare_lists(ctx, keyword, old_list, keyword, new_list,
                                   ChangeKind.SUM_TYPE_EXTENDED, ChangeKind.SUM_TYPE_NARROWED)
            # oneOf equals anyOf only when its branches cannot overlap.
            if keyword == "oneOf" and effective_count(found) and not (
                pairwise_disjoint(ctx.old, old_list) and pairwise_disjoint(ctx.new, new_list)
            ):
                found.insert(0, ctx.change(ChangeKind.COMBINED_TYPE_SUBSCHEMAS_CHANGED, keyword))
            changes += found
    return changes


def _compare_switched_union(
    ctx: Context, old: dict[str, Any], new: dict[str, Any], old_keyword: str, new_keyword: str
) -> list[Change]:
    """Compare ``anyOf`` against ``oneOf``; oneOf ⊆ anyOf, equal when disjoint."""
    old_list, new_list = old[old_keyword], new[new_keyword]
    changes: list[Change] = []
    if new_keyword == "oneOf" and not pairwise_disjoint(ctx.new, new_list):
        changes.append(ctx.change(ChangeKind.COMBINED_TYPE_NARROWED, new_keyword))
    if old_keyword == "oneOf" and not pairwise_disjoint(ctx.old, old_list):
        changes.append(ctx.change(ChangeKind.COMBINED_TYPE_EXTENDED, new_keyword))
    changes += _compare_lists(ctx, old_keyword, old_list, new_keyword, new_list,
                              ChangeKind.SUM_TYPE_EXTENDED, ChangeKind.SUM_TYPE_NARROWED)
    return changes


def _compare_not(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_not, new_not = value_of(old, "not"), value_of(new, "not")
    if old_not is None and new_not is None:
        return []
    if old_not is None:
        return [ctx.change(ChangeKind.NOT_ADDED, "not")]
    if new_not is None:
        return [ctx.change(ChangeKind.NOT_REMOVED, "not")]
    inner = ctx.compare(old_not, new_not, "not")
    if not effective_count(inner):
        return inner
    # Negation flips inclusion: a negated schema that accepts more leaves less. Only where no reference
    # is involved, since a reference cycle is assumed equal while it is compared, which negation would not keep.
    if not (ctx.has_references(old_not) or ctx.has_references(new_not)):
        effects = {change.kind.effect for change in inner} - {Effect.NONE}
        if effects == {Effect.WIDENS}:
            return [ctx.change(ChangeKind.NOT_EXTENDED, "not")]
        if effects == {Effect.NARROWS}:
            return [ctx.change(ChangeKind.NOT_NARROWED, "not")]
    return [ctx.change(ChangeKind.NOT_CHANGED, "not")]


def _compare_conditional(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_if, new_if = value_of(old, "if"), value_of(new, "if")
    if old_if is None and new_if is None:
        return []  # then/else have no effect without if
    if old_if is None:
        return [ctx.change(ChangeKind.IF_ADDED, "if")]
    if new_if is None:
        return [ctx.change(ChangeKind.IF_REMOVED, "if")]
    condition = ctx.compare(old_if, new_if, "if")
    if effective_count(condition):
        return [ctx.change(ChangeKind.IF_CHANGED, "if")]
    for branch in ("then", "else"):
        if branch in old or branch in new:
            condition += ctx.compare(
                schema_or_true(old, branch), schema_or_true(new, branch), branch
            )
    return condition


def _compare_product_to_sum(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change] | None:
    """``allOf`` replaced by ``anyOf`` (or the reverse) sharing a member; None for any other edit.

    With a member M on both sides, allOf ⊆ M ⊆ anyOf: the switch widens, and its reverse narrows,
    whatever the other members are.  A ``oneOf`` of one member is that member; with more, an
    instance of the allOf matches several branches, so it does not count.
    """
    def sole(schema: dict[str, Any]) -> tuple[str, list[Schema]] | None:
        present = [k for k in ("allOf", "anyOf", "oneOf") if value_of(schema, k) is not None]
        if len(present) != 1 or (present[0] == "oneOf" and len(schema["oneOf"]) != 1):
            return None
        return present[0], schema[present[0]]

    before, after = sole(old), sole(new)
    if before is None or after is None or (before[0] == "allOf") == (after[0] == "allOf"):
        return None
    if len(before[1]) == 1 and len(after[1]) == 1:  # each is its member
        return ctx.compare(before[1][0], after[1][0], after[0], 0)
    shared = any(not effective_count(ctx.compare(a, b, before[0], i))
                 for i, a in enumerate(before[1]) for b in after[1])
    if not shared:
        return None
    kind = ChangeKind.COMBINED_TYPE_EXTENDED if before[0] == "allOf" else ChangeKind.COMBINED_TYPE_NARROWED
    return [ctx.change(kind, after[0])]


def compare_combinators(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare the combinator and conditional keywords of two schemas."""
    switched = _compare_product_to_sum(ctx, old, new)
    changes = switched if switched is not None else _compare_all_of(ctx, old, new) + _compare_unions(ctx, old, new)
    changes += _compare_not(ctx, old, new)
    changes += _compare_conditional(ctx, old, new)
    return changes
