"""Keyword vocabulary shared by the comparators: groups, value shapes, JSON helpers."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any, TypeGuard

from .change import ChangeKind

Schema = Any
"""A JSON Schema: a ``dict``, a ``bool``, or (malformed) any other JSON value."""

ANNOTATION_KINDS: Mapping[str, ChangeKind] = {
    "title": ChangeKind.TITLE_CHANGED,
    "description": ChangeKind.DESCRIPTION_CHANGED,
    "$comment": ChangeKind.COMMENT_CHANGED,
    "$id": ChangeKind.ID_CHANGED,
    "$schema": ChangeKind.DIALECT_CHANGED,
    "$anchor": ChangeKind.ANCHOR_CHANGED,
    "$dynamicAnchor": ChangeKind.ANCHOR_CHANGED,
    "$recursiveAnchor": ChangeKind.ANCHOR_CHANGED,
    "$vocabulary": ChangeKind.VOCABULARY_CHANGED,
    "examples": ChangeKind.EXAMPLES_CHANGED,
    "default": ChangeKind.DEFAULT_CHANGED,
    "deprecated": ChangeKind.DEPRECATED_CHANGED,
    "readOnly": ChangeKind.READ_ONLY_CHANGED,
    "writeOnly": ChangeKind.WRITE_ONLY_CHANGED,
    "contentMediaType": ChangeKind.CONTENT_CHANGED,
    "contentEncoding": ChangeKind.CONTENT_CHANGED,
    "contentSchema": ChangeKind.CONTENT_CHANGED,
}
"""Keywords that never affect validation, with the kind reported when they differ."""

DEFINITION_KEYWORDS = frozenset({"$defs", "definitions"})
"""Containers of reusable schemas; they matter only through ``$ref``."""

NON_ASSERTING = frozenset(ANNOTATION_KINDS) | DEFINITION_KEYWORDS

REFERENCE_KEYWORDS = frozenset({"$ref", "$dynamicRef", "$recursiveRef"})

STRING_KEYWORDS = frozenset({"minLength", "maxLength", "pattern", "format"})
NUMERIC_KEYWORDS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
)
ARRAY_KEYWORDS = frozenset(
    {
        "items", "prefixItems", "additionalItems", "unevaluatedItems", "minItems",
        "maxItems", "uniqueItems", "contains", "minContains", "maxContains",
    }
)
OBJECT_KEYWORDS = frozenset(
    {
        "properties", "patternProperties", "additionalProperties", "unevaluatedProperties",
        "required", "propertyNames", "minProperties", "maxProperties",
        "dependentRequired", "dependentSchemas", "dependencies",
    }
)
COMBINATOR_KEYWORDS = frozenset({"allOf", "anyOf", "oneOf", "not", "if", "then", "else"})
GENERIC_KEYWORDS = frozenset({"type", "enum", "const"})

KNOWN_KEYWORDS = (
    NON_ASSERTING | REFERENCE_KEYWORDS | STRING_KEYWORDS | NUMERIC_KEYWORDS
    | ARRAY_KEYWORDS | OBJECT_KEYWORDS | COMBINATOR_KEYWORDS | GENERIC_KEYWORDS
)

IN_PLACE_APPLICATORS = frozenset(
    {"allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
     "dependencies"}
) | REFERENCE_KEYWORDS
"""Keywords whose subschemas apply to the instance itself (they feed ``unevaluated*``)."""

INTERACTING_GROUPS: Mapping[str, str] = {
    "properties": "object-members",
    "patternProperties": "object-members",
    "additionalProperties": "object-members",
    "items": "array-members",
    "prefixItems": "array-members",
    "additionalItems": "array-members",
    "if": "conditional",
    "then": "conditional",
    "else": "conditional",
    "contains": "contains",
    "minContains": "contains",
    "maxContains": "contains",
    "minimum": "lower-bound",
    "exclusiveMinimum": "lower-bound",
    "maximum": "upper-bound",
    "exclusiveMaximum": "upper-bound",
}
"""Keywords that read each other; two schemas sharing a group cannot be merged."""

# Type atoms: "number" is split so that integer ⊂ number is plain set inclusion.
TYPE_ATOMS: Mapping[str, frozenset[str]] = {
    "null": frozenset({"null"}),
    "boolean": frozenset({"boolean"}),
    "string": frozenset({"string"}),
    "array": frozenset({"array"}),
    "object": frozenset({"object"}),
    "integer": frozenset({"integer"}),
    "number": frozenset({"integer", "fraction"}),
}
ALL_ATOMS = frozenset(atom for atoms in TYPE_ATOMS.values() for atom in atoms)
NUMERIC_ATOMS = TYPE_ATOMS["number"]


def is_number(value: object) -> bool:
    """Return whether ``value`` is a finite JSON number (``bool`` excluded)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


def is_schema(value: object) -> bool:
    """Return whether ``value`` has the shape of a schema (object or boolean)."""
    return isinstance(value, (dict, bool))


def _is_string_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_type_value(value: object) -> bool:
    if isinstance(value, str):
        return value in TYPE_ATOMS
    return _is_string_list(value) and all(item in TYPE_ATOMS for item in value)


def _is_schema_map(value: object) -> bool:
    return isinstance(value, dict) and all(is_schema(item) for item in value.values())


def _is_schema_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(is_schema(item) for item in value)


def _is_dependencies(value: object) -> bool:
    return isinstance(value, dict) and all(
        is_schema(item) or _is_string_list(item) for item in value.values()
    )


def _is_exclusive_bound(value: object) -> bool:
    return is_number(value) or isinstance(value, bool)


def _is_positive_number(value: object) -> bool:
    return is_number(value) and value > 0  # type: ignore[operator]


def _is_non_negative_number(value: object) -> bool:
    return is_number(value) and value >= 0  # type: ignore[operator]


VALUE_SHAPES: Mapping[str, Callable[[object], bool]] = {
    "type": _is_type_value,
    "enum": lambda value: isinstance(value, list),
    "minLength": _is_non_negative_number,
    "maxLength": _is_non_negative_number,
    "pattern": lambda value: isinstance(value, str),
    "format": lambda value: isinstance(value, str),
    "minimum": is_number,
    "maximum": is_number,
    "exclusiveMinimum": _is_exclusive_bound,
    "exclusiveMaximum": _is_exclusive_bound,
    "multipleOf": _is_positive_number,
    "items": lambda value: is_schema(value) or _is_schema_list(value),
    "prefixItems": _is_schema_list,
    "additionalItems": is_schema,
    "unevaluatedItems": is_schema,
    "minItems": _is_non_negative_number,
    "maxItems": _is_non_negative_number,
    "uniqueItems": lambda value: isinstance(value, bool),
    "contains": is_schema,
    "minContains": _is_non_negative_number,
    "maxContains": _is_non_negative_number,
    "properties": _is_schema_map,
    "patternProperties": _is_schema_map,
    "additionalProperties": is_schema,
    "unevaluatedProperties": is_schema,
    "required": _is_string_list,
    "propertyNames": is_schema,
    "minProperties": _is_non_negative_number,
    "maxProperties": _is_non_negative_number,
    "dependentRequired": lambda value: isinstance(value, dict)
    and all(_is_string_list(item) for item in value.values()),
    "dependentSchemas": _is_schema_map,
    "dependencies": _is_dependencies,
    "allOf": _is_schema_list,
    "anyOf": _is_schema_list,
    "oneOf": _is_schema_list,
    "not": is_schema,
    "if": is_schema,
    "then": is_schema,
    "else": is_schema,
    "$ref": lambda value: isinstance(value, str),
    "$dynamicRef": lambda value: isinstance(value, str),
    "$recursiveRef": lambda value: isinstance(value, str),
}
"""Expected value shape of each asserting keyword."""


def value_of(schema: dict[str, Any], keyword: str) -> Any:
    """Return the keyword's value, or ``None`` when absent or malformed."""
    value = schema.get(keyword)
    if value is None:
        return None
    shape = VALUE_SHAPES.get(keyword)
    if shape is not None and not shape(value):
        return None
    return value


def _normalise_numbers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_normalise_numbers(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalise_numbers(item) for key, item in value.items()}
    return value


def canonical(value: Any) -> str:
    """Return a text form equal for JSON values that JSON Schema considers equal.

    Object key order is ignored and ``1`` equals ``1.0``; ``true`` stays
    distinct from ``1``.
    """
    return json.dumps(
        _normalise_numbers(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def value_atom(value: Any) -> str:
    """Return the type atom of a JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "fraction"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def declared_atoms(schema: dict[str, Any]) -> frozenset[str]:
    """Return the type atoms allowed by ``type`` alone (all atoms when absent)."""
    declared = value_of(schema, "type")
    if declared is None:
        return ALL_ATOMS
    names = [declared] if isinstance(declared, str) else declared
    return frozenset(atom for name in names for atom in TYPE_ATOMS[name])


def admitted_atoms(schema: dict[str, Any]) -> frozenset[str]:
    """Return an over-approximation of the type atoms of valid instances.

    Uses ``type`` and, when present, the values listed by ``enum``/``const``.
    """
    atoms = declared_atoms(schema)
    if "const" in schema:
        atoms &= {value_atom(schema["const"])}
    values = value_of(schema, "enum")
    if values is not None:
        atoms &= {value_atom(value) for value in values}
    return atoms


def schema_or_true(schema: dict[str, Any], keyword: str) -> Schema:
    """Return the subschema under ``keyword``, or ``True`` (its meaning when absent)."""
    value = value_of(schema, keyword)
    return True if value is None else value
