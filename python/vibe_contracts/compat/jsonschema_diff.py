"""Detection of changes between two JSON Schemas (no compatibility policy here).

:func:`compare` walks both schemas together.  At each pair of nodes it
follows plain ``$ref``\\ s, handles boolean schemas, then runs one comparator
per keyword group.  Keywords specific to a JSON type are compared only when
both schemas admit that type: for any other type, the ``type``/``enum``
change that excludes it is reported instead.
"""

from __future__ import annotations

from .change import Change, ChangeKind
from .dialect import DEFAULT_DRAFT, draft_of, in_own_vocabulary, validate_draft
from .context import MAX_DEPTH, Context, Session, is_trivially_false
from .diff_array import compare_array
from .diff_combined import compare_combinators, rank
from .diff_meta import compare_annotations, compare_malformed, compare_references, compare_unknown
from .diff_object import compare_object
from .diff_scalar import compare_numeric, compare_string, compare_type, compare_values
from .diff_unevaluated import compare_unevaluated
from .inline import inline_route
from .keywords import NUMERIC_ATOMS, Schema, admitted_atoms, canonical, is_schema
from .refs import DocumentIndex

_EMPTY: dict[str, object] = {}


def compare(original: Schema, update: Schema, *, default_draft: str = DEFAULT_DRAFT) -> list[Change]:
    """Return every change from ``original`` to ``update``.

    Parameters
    ----------
    original, update : dict or bool
        Complete schema documents; local ``$ref``\\ s are resolved in each.
    default_draft : str
        The draft of a document without ``$schema`` (one of
        :data:`~vibe_contracts.compat.dialect.DRAFTS`); each document's own
        ``$schema`` decides its vocabulary otherwise.

    Returns
    -------
    list of Change
        Changes in a stable order; empty when the schemas are equivalent by form.
    """
    try:
        validate_draft(default_draft)
        if canonical(original) == canonical(update):
            return []
        drafts = [draft_of(document, default_draft) for document in (original, update)]
        original, update = (in_own_vocabulary(d, draft) for d, draft in zip((original, update), drafts))
        session = Session(DocumentIndex(original, drafts[0]), DocumentIndex(update, drafts[1]), compare_node)
        return compare_node(Context(session), original, update)
    except RecursionError:  # documents nested deeper than the Python stack allows
        return [Change(ChangeKind.NESTING_DEPTH_EXCEEDED, "#")]


def compare_node(ctx: Context, old: Schema, new: Schema) -> list[Change]:
    """Compare two schema nodes found at the same place."""
    old, new = ctx.old.follow(old), ctx.new.follow(new)
    if not is_schema(old) or not is_schema(new):
        same = canonical(old) == canonical(new)
        return [] if same else [ctx.change(ChangeKind.SCHEMA_CHANGED)]
    if not (ctx.has_references(old) or ctx.has_references(new)):
        if ctx.canonical(old) == ctx.canonical(new):
            return []
    old_false, new_false = is_trivially_false(ctx.old, old), is_trivially_false(ctx.new, new)
    if old_false or new_false:
        if old_false and new_false:
            return []
        return [ctx.change(ChangeKind.SCHEMA_EXTENDED if old_false else ChangeKind.SCHEMA_NARROWED)]
    if ctx.depth > MAX_DEPTH:
        return [ctx.change(ChangeKind.NESTING_DEPTH_EXCEEDED)]
    old_object = _EMPTY if old is True else old
    new_object = _EMPTY if new is True else new
    return ctx.guarded(old_object, new_object, _compare_objects)


def _compare_objects(ctx: Context, old: dict[str, object], new: dict[str, object]) -> list[Change]:
    by_keyword = compare_keywords(ctx, old, new)
    # Both lists are sound; keep whichever proves more.
    inlined = inline_route(ctx, old, new)
    if inlined is not None and rank(inlined) < rank(by_keyword):
        return inlined
    return by_keyword


def compare_keywords(ctx: Context, old: dict[str, object], new: dict[str, object]) -> list[Change]:
    """Compare two object schemas keyword group by keyword group."""
    atoms = admitted_atoms(old) & admitted_atoms(new)
    changes = compare_malformed(ctx, old, new)
    changes += compare_type(ctx, old, new)
    changes += compare_values(ctx, old, new)
    if "string" in atoms:
        changes += compare_string(ctx, old, new)
    if atoms & NUMERIC_ATOMS:
        changes += compare_numeric(ctx, old, new)
    if "object" in atoms:
        changes += compare_object(ctx, old, new)
    if "array" in atoms:
        changes += compare_array(ctx, old, new)
    changes += compare_combinators(ctx, old, new)
    changes += compare_references(ctx, old, new)
    changes += compare_unknown(ctx, old, new)
    changes += compare_annotations(ctx, old, new)
    if "object" in atoms:
        changes += compare_unevaluated(ctx, old, new, "unevaluatedProperties", changes)
    if "array" in atoms:
        changes += compare_unevaluated(ctx, old, new, "unevaluatedItems", changes)
    return changes
