"""Comparison context: current pointer, both documents, cycle guard and memo."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from .change import Change, ChangeKind
from .dialect import FOREIGN_MARK
from .keywords import NON_ASSERTING, Schema, canonical
from .refs import DocumentIndex

NodeComparator = Callable[["Context", Schema, Schema], list[Change]]

MAX_DEPTH = 64
"""Nesting depth at which a comparison gives up (reported, never silent).

Each level costs about ten Python frames, so this stays well inside the
default recursion limit."""


def escape_token(token: str | int) -> str:
    """Escape one JSON Pointer reference token (RFC 6901); a word marked foreign to its draft is named as written."""
    return str(token).removesuffix(FOREIGN_MARK).replace("~", "~0").replace("/", "~1")


@dataclass
class Session:
    """State shared by every context of one ``compare`` call."""

    old: DocumentIndex
    new: DocumentIndex
    compare_node: NodeComparator
    in_progress: dict[tuple[int, int], int] = field(default_factory=dict)
    memo: dict[tuple[int, int], tuple[tuple[ChangeKind, str], ...]] = field(default_factory=dict)
    lowest_cycle_depth: float = math.inf
    # Schemas built during the comparison stay alive so their ids stay unique.
    keep_alive: dict[tuple[object, ...], Schema] = field(default_factory=dict)
    canonical_cache: dict[int, str] = field(default_factory=dict)
    reference_cache: dict[int, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Where the comparison stands: the pointer path and the shared session.

    Parameters
    ----------
    session : Session
        Both document indexes, the reference-cycle guard and the memo.
    path : tuple of str
        Reference tokens from the schema root to the current node.
    depth : int
        Number of nested node comparisons above this one.
    """

    session: Session
    path: tuple[str, ...] = ()
    depth: int = 0

    @property
    def old(self) -> DocumentIndex:
        """Index of the original document."""
        return self.session.old

    @property
    def new(self) -> DocumentIndex:
        """Index of the updated document."""
        return self.session.new

    def at(self, *tokens: str | int) -> Context:
        """Return the context of a location below the current one."""
        return Context(self.session, self.path + tuple(str(token) for token in tokens), self.depth)

    def pointer(self, *tokens: str | int) -> str:
        """Return the JSON Pointer (``#``-prefixed) of a location below the current one."""
        return "#" + "".join("/" + escape_token(token) for token in self.path + tokens)

    def change(self, kind: ChangeKind, *tokens: str | int) -> Change:
        """Return a change of ``kind`` located below the current node."""
        return Change(kind, self.pointer(*tokens))

    def compare(self, old: Schema, new: Schema, *tokens: str | int) -> list[Change]:
        """Compare two subschemas located at ``tokens`` below the current node."""
        child = Context(self.session, self.path + tuple(str(t) for t in tokens), self.depth + 1)
        return self.session.compare_node(child, old, new)

    def guarded(self, old: Schema, new: Schema, compute: NodeComparator) -> list[Change]:
        """Run ``compute`` for a node pair unless the pair is already being compared.

        A pair met again while its own comparison is still running is a
        reference cycle: it is assumed equal there (as in coinductive subtyping),
        and its full result is still reported by the outer comparison.  Results
        that do not rest on such an assumption from outside are memoised.
        """
        session = self.session
        key = (id(old), id(new))
        if key in session.in_progress:
            session.lowest_cycle_depth = min(session.lowest_cycle_depth, session.in_progress[key])
            return []
        prefix = self.pointer()
        cached = session.memo.get(key)
        if cached is not None:
            return [Change(kind, prefix + suffix) for kind, suffix in cached]
        outer_lowest = session.lowest_cycle_depth
        session.lowest_cycle_depth = math.inf
        session.in_progress[key] = self.depth
        try:
            changes = compute(self, old, new)
        finally:
            del session.in_progress[key]
        if session.lowest_cycle_depth >= self.depth:
            session.memo[key] = tuple((c.kind, c.path[len(prefix):]) for c in changes)
        session.lowest_cycle_depth = min(outer_lowest, session.lowest_cycle_depth)
        return changes

    # Helpers about schemas that need the shared caches.

    def canonical(self, schema: Schema) -> str:
        """Return the canonical text of ``schema`` (cached per node)."""
        cache = self.session.canonical_cache
        key = id(schema)
        if key not in cache:
            cache[key] = canonical(schema)
        return cache[key]

    def has_references(self, schema: Schema) -> bool:
        """Return whether ``schema`` contains a reference keyword anywhere."""
        cache = self.session.reference_cache
        key = id(schema)
        if key not in cache:
            cache[key] = _has_references(schema)
        return cache[key]

    def keep(self, key: tuple[object, ...], build: Callable[[], Schema]) -> Schema:
        """Return the schema built for ``key``, building it once per comparison."""
        store = self.session.keep_alive
        if key not in store:
            store[key] = build()
        return store[key]


def _has_references(schema: Schema) -> bool:
    if isinstance(schema, dict):
        return any(
            key in ("$ref", "$dynamicRef", "$recursiveRef") or _has_references(value)
            for key, value in schema.items()
            if key not in ("enum", "const", "default", "examples")
        )
    if isinstance(schema, list):
        return any(_has_references(item) for item in schema)
    return False


def is_trivially_true(index: DocumentIndex, schema: Schema) -> bool:
    """Return whether ``schema`` accepts everything by its form (``true``, ``{}``, annotations)."""
    schema = index.follow(schema)
    if schema is True:
        return True
    return isinstance(schema, dict) and all(key in NON_ASSERTING for key in schema)


def is_trivially_false(index: DocumentIndex, schema: Schema) -> bool:
    """Return whether ``schema`` rejects everything by its form (``false``, ``not: {}``)."""
    schema = index.follow(schema)
    if schema is False:
        return True
    return isinstance(schema, dict) and "not" in schema and is_trivially_true(index, schema["not"])
