"""Cheap proofs that two schemas share no instance (used to read ``oneOf`` as ``anyOf``).

A ``oneOf`` whose branches are pairwise disjoint accepts exactly what the
corresponding ``anyOf`` accepts.  The proofs here are sufficient, not
complete: ``False`` means "not proven", never "overlapping".
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any

from .context import is_trivially_false
from .keywords import Schema, admitted_atoms, canonical, value_of
from .refs import DocumentIndex

_MAX_DEPTH = 8


def pairwise_disjoint(index: DocumentIndex, branches: list[Schema]) -> bool:
    """Return whether every two of ``branches`` are provably disjoint."""
    return all(provably_disjoint(index, a, b) for a, b in combinations(branches, 2))


def provably_disjoint(index: DocumentIndex, a: Schema, b: Schema, depth: int = 0) -> bool:
    """Return whether no instance can be valid under both ``a`` and ``b``.

    Proven by: disjoint types, disjoint ``const``/``enum`` values, or, for
    object-only overlaps, a required property that the other schema forbids
    or whose schemas are themselves disjoint (a discriminator).
    """
    if depth > _MAX_DEPTH:
        return False
    a, b = index.follow(a), index.follow(b)
    if is_trivially_false(index, a) or is_trivially_false(index, b):
        return True
    if not isinstance(a, dict) or not isinstance(b, dict):
        return False
    common = admitted_atoms(a) & admitted_atoms(b)
    if not common:
        return True
    values_a, values_b = _allowed_values(a), _allowed_values(b)
    if values_a is not None and values_b is not None and not values_a & values_b:
        return True
    return common == {"object"} and _objects_disjoint(index, a, b, depth)


def _allowed_values(schema: dict[str, Any]) -> set[str] | None:
    allowed: set[str] | None = None
    if "const" in schema:
        allowed = {canonical(schema["const"])}
    values = value_of(schema, "enum")
    if values is not None:
        listed = {canonical(value) for value in values}
        allowed = listed if allowed is None else allowed & listed
    return allowed


def _objects_disjoint(
    index: DocumentIndex, a: dict[str, Any], b: dict[str, Any], depth: int
) -> bool:
    required_a = set(value_of(a, "required") or [])
    required_b = set(value_of(b, "required") or [])
    properties_a = value_of(a, "properties") or {}
    properties_b = value_of(b, "properties") or {}
    for name in required_a & required_b:
        if name in properties_a and name in properties_b and provably_disjoint(
            index, properties_a[name], properties_b[name], depth + 1
        ):
            return True
    return any(_forbids(index, b, name) for name in required_a) or any(
        _forbids(index, a, name) for name in required_b
    )


def _forbids(index: DocumentIndex, schema: dict[str, Any], name: str) -> bool:
    """Return whether ``schema`` rejects every object that has property ``name``."""
    properties = value_of(schema, "properties") or {}
    if name in properties:
        return is_trivially_false(index, properties[name])
    matched = False
    for pattern, subschema in (value_of(schema, "patternProperties") or {}).items():
        try:
            if re.search(pattern, name):
                matched = True
                if is_trivially_false(index, subschema):
                    return True
        except re.error:
            return False
    if matched or "additionalProperties" not in schema:
        return False
    return is_trivially_false(index, schema["additionalProperties"])


__all__ = ["pairwise_disjoint", "provably_disjoint"]
