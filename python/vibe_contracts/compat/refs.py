"""Resolution of ``$ref`` inside one schema document (JSON Pointers, ``$id``, anchors)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from .dialect import DEFAULT_DRAFT
from .keywords import NON_ASSERTING, Schema, is_schema

_OLD_DRAFTS = ("draft-04", "draft-06", "draft-07")

# Keywords whose values hold subschemas: a single schema, a list or a map of them.
_SCHEMA_VALUED = frozenset(
    {
        "additionalProperties", "unevaluatedProperties", "propertyNames", "items",
        "additionalItems", "unevaluatedItems", "contains", "not", "if", "then", "else",
        "contentSchema",
    }
)
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
     "dependencies"}
)

_MAX_REF_HOPS = 64


def join_uri(base: str, reference: str) -> str:
    """Resolve ``reference`` against ``base``.

    ``urljoin`` leaves a fragment-only reference untouched for schemes it does
    not know as hierarchical (``urn:``, ``tag:``), so that case is done here.
    """
    if reference.startswith("#"):
        return urldefrag(base)[0] + reference
    return urljoin(base, reference)


class DocumentIndex:
    """Locates ``$ref`` targets within one schema document.

    Parameters
    ----------
    root : Schema
        The whole document.  Nodes are indexed by identity, so the document
        must not be mutated while the index is in use.
    draft : str
        Its draft; up to draft-07 keywords next to ``$ref`` are ignored.
    """

    def __init__(self, root: Schema, draft: str = DEFAULT_DRAFT) -> None:
        self.root = root
        self.ref_ignores_siblings = draft in _OLD_DRAFTS
        self._base_of: dict[int, str] = {}
        self._resources: dict[str, Schema] = {}
        self._anchors: dict[str, Schema] = {}
        self._walk(root, "")

    def _walk(self, node: Schema, base: str) -> None:
        if isinstance(node, list):
            for item in node:
                self._walk(item, base)
            return
        if not isinstance(node, dict) or id(node) in self._base_of:
            return
        declared = node.get("$id")
        if isinstance(declared, str):
            if declared.startswith("#") and self.ref_ignores_siblings:
                self._anchors.setdefault(join_uri(base, declared), node)
            else:
                base = urldefrag(join_uri(base, declared))[0]
                self._resources.setdefault(base, node)
        if node is self.root:
            self._resources.setdefault(base, node)
        for key in ("$anchor", "$dynamicAnchor"):
            anchor = node.get(key)
            if isinstance(anchor, str):
                self._anchors.setdefault(f"{base}#{anchor}", node)
        self._base_of[id(node)] = base
        for keyword, value in node.items():
            if keyword in _SCHEMA_VALUED and is_schema(value):
                self._walk(value, base)
            elif keyword in _SCHEMA_LISTS and isinstance(value, list):
                self._walk(value, base)
            elif keyword in _SCHEMA_MAPS and isinstance(value, dict):
                for item in value.values():
                    self._walk(item, base)

    def resolve(self, node: dict[str, Any], keyword: str = "$ref") -> Schema | None:
        """Return the schema ``node[keyword]`` refers to, or ``None`` if not found here."""
        reference = node.get(keyword)
        if not isinstance(reference, str):
            return None
        base = self._base_of.get(id(node), self._base_of.get(id(self.root), ""))
        uri, fragment = urldefrag(join_uri(base, reference))
        if fragment and not fragment.startswith("/"):
            return self._anchors.get(f"{uri}#{fragment}")
        target = self._resources.get(uri)
        if target is None:
            return None
        for token in fragment.split("/")[1:] if fragment else []:
            token = unquote(token).replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and token in target:
                target = target[token]
            elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
                target = target[int(token)]
            else:
                return None
        return target

    def is_external(self, node: dict[str, Any], keyword: str = "$ref") -> bool:
        """Return whether ``node[keyword]`` points to a document other than this one."""
        reference = node.get(keyword)
        if not isinstance(reference, str) or reference.startswith("#"):
            return False
        base = self._base_of.get(id(node), self._base_of.get(id(self.root), ""))
        return urldefrag(join_uri(base, reference))[0] not in self._resources

    def is_pure_reference(self, node: Schema) -> bool:
        """Return whether ``node`` is a ``$ref`` whose siblings do not assert anything."""
        if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
            return False
        if self.ref_ignores_siblings:
            return True
        return all(key == "$ref" or key in NON_ASSERTING for key in node)

    def follow(self, node: Schema) -> Schema:
        """Follow pure references from ``node``; stop at the first unresolvable one."""
        seen: set[int] = set()
        while self.is_pure_reference(node) and id(node) not in seen and len(seen) < _MAX_REF_HOPS:
            seen.add(id(node))
            target = self.resolve(node)
            if target is None:
                return node
            node = target
        return node
