"""Draft-aware vocabulary: what a keyword means depends on the document's ``$schema``.

The comparators read one vocabulary (2020-12, with the draft-07 array form of
``items`` beside it).  Before comparing, each document is rewritten so that a
word that is no keyword in its own draft cannot act as one: it is renamed with
:data:`FOREIGN_MARK` appended, which makes it an unknown keyword to every
comparator (a change to it breaks every mode), while JSON Pointers still name
it as written (:func:`vibe_contracts.compat.context.escape_token` drops the mark).

Per draft, no keyword there:

* draft-04/06/07: ``prefixItems``, ``dependentRequired``, ``dependentSchemas``,
  ``unevaluatedItems``, ``unevaluatedProperties``, ``minContains``, ``maxContains``
  (draft-04 also ``const``, ``contains``, ``propertyNames``, ``if``/``then``/``else``;
  draft-06 ``if``/``then``/``else``);
* 2019-09: ``prefixItems``, ``dependencies``;
* 2020-12: ``dependencies``, ``additionalItems``, and ``items`` in array form;

and ``additionalItems`` next to an ``items`` that is not an array applies to
nothing (draft-04 to 2019-09 say so): it is left out, exactly.
"""

from __future__ import annotations

from typing import Any

from .keywords import Schema

DRAFTS = ("draft-04", "draft-06", "draft-07", "2019-09", "2020-12")
DEFAULT_DRAFT = "2020-12"
FOREIGN_MARK = "\x00not-a-keyword-here"

_LATER = frozenset({"prefixItems", "dependentRequired", "dependentSchemas", "unevaluatedItems",
                    "unevaluatedProperties", "minContains", "maxContains"})
_FOREIGN = {
    "draft-04": _LATER | {"const", "contains", "propertyNames", "if", "then", "else"},
    "draft-06": _LATER | {"if", "then", "else"},
    "draft-07": _LATER,
    "2019-09": frozenset({"prefixItems", "dependencies"}),
    "2020-12": frozenset({"dependencies", "additionalItems"}),
}
_SCHEMA_VALUED = ("additionalProperties", "unevaluatedProperties", "propertyNames", "additionalItems",
                  "unevaluatedItems", "contains", "not", "if", "then", "else", "contentSchema")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies")
_SCHEMA_LISTS = ("prefixItems", "allOf", "anyOf", "oneOf", "items")


def draft_of(document: Schema, default: str = DEFAULT_DRAFT) -> str:
    """The draft a document's ``$schema`` names; ``default`` without one (or for an unknown URI)."""
    uri = document.get("$schema") if isinstance(document, dict) else None
    if isinstance(uri, str):
        if "draft-03" in uri:
            return "draft-04"
        for draft in DRAFTS:
            if draft in uri:
                return draft
    return default


def validate_draft(draft: str) -> str:
    """Return ``draft`` if it is one of :data:`DRAFTS`.

    Raises
    ------
    ValueError
        If it is not.
    """
    if draft not in DRAFTS:
        raise ValueError(f"unknown draft {draft!r}; expected one of {', '.join(DRAFTS)}")
    return draft


def in_own_vocabulary(document: Schema, draft: str) -> Schema:
    """A copy of ``document`` in which each word that is no keyword of ``draft`` carries the mark."""
    foreign = _FOREIGN[draft]

    def schema(node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        items_is_list = isinstance(node.get("items"), list)
        out = {}
        for key, value in node.items():
            not_here = key in foreign or (key == "items" and items_is_list and draft == "2020-12")
            if key == "additionalItems" and not items_is_list and not not_here:
                continue
            out[key + FOREIGN_MARK if not_here else key] = value if not_here else _children(key, value)
        return out

    def _children(key: str, value: Any) -> Any:
        if key in _SCHEMA_VALUED:
            return schema(value)
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            return {name: schema(item) for name, item in value.items()}
        if key in _SCHEMA_LISTS and isinstance(value, list):
            return [schema(item) for item in value]
        if key == "items":
            return schema(value)
        return value

    return schema(document)
