"""Comparators for object keywords: content model, ``required``, dependencies, bounds.

Content models follow Confluent's vocabulary: *open* (no constraint on
undeclared names), *closed* (``additionalProperties: false``) and *partially
open* (undeclared names must match a schema).  A name moving between a
declared property and the fallback schema is judged by comparing the two
schemas it was and is governed by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .change import Change, ChangeKind, Effect
from .context import Context, is_trivially_false, is_trivially_true
from .diff_scalar import bound_kinds, compare_bound
from .keywords import IN_PLACE_APPLICATORS, Schema, schema_or_true, value_of


@dataclass(frozen=True)
class ContentModel:
    """Who governs which property names in one object schema."""

    properties: dict[str, Schema]
    patterns: dict[str, Schema]
    fallback: Schema
    fallback_keyword: str
    fallback_declared: bool

    def governing(self, name: str) -> tuple[str, Schema] | None:
        """Return ``(pattern, schema)`` of the first pattern matching ``name``,
        ``("", fallback)`` if none matches, or ``None`` if a pattern cannot be evaluated."""
        for pattern, schema in self.patterns.items():
            try:
                if re.search(pattern, name):
                    return pattern, schema
            except re.error:
                return None
        return "", self.fallback


def unevaluated_is_fallback(schema: dict[str, Any], keyword: str, fallback_declared: bool) -> bool:
    """Return whether ``unevaluated*`` acts exactly like an undeclared fallback keyword.

    Without in-place applicators (and ``contains`` for items) the evaluated
    names/positions are just those covered by the adjacent keywords.
    """
    return (
        keyword in schema and not fallback_declared
        and not any(blocker in schema for blocker in unevaluated_blockers(keyword))
    )


def unevaluated_blockers(keyword: str) -> frozenset[str]:
    """Return the keywords whose presence makes ``keyword`` depend on other subschemas."""
    if keyword == "unevaluatedItems":
        return IN_PLACE_APPLICATORS | {"contains"}
    return IN_PLACE_APPLICATORS


def content_model(schema: dict[str, Any]) -> ContentModel:
    """Build the content model of ``schema`` (absent ``additionalProperties`` = open)."""
    keyword = "additionalProperties"
    if unevaluated_is_fallback(schema, "unevaluatedProperties", keyword in schema):
        keyword = "unevaluatedProperties"
    fallback = value_of(schema, keyword)
    return ContentModel(
        properties=value_of(schema, "properties") or {},
        patterns=value_of(schema, "patternProperties") or {},
        fallback=True if fallback is None else fallback,
        fallback_keyword=keyword,
        fallback_declared=fallback is not None,
    )


def compare_open_schema(
    ctx: Context, old: Schema, new: Schema, extended: ChangeKind, narrowed: ChangeKind
) -> list[Change]:
    """Compare two fallback schemas, naming the ``true``⇄``false`` flips."""
    if is_trivially_true(ctx.old, old) and is_trivially_false(ctx.new, new):
        return [ctx.change(narrowed)]
    if is_trivially_false(ctx.old, old) and is_trivially_true(ctx.new, new):
        return [ctx.change(extended)]
    return ctx.compare(old, new)


def _member_change(ctx: Context, member: str, what: str) -> Change:
    """Return ``<member>_<what>_CONTENT_MODEL`` located at the member."""
    return ctx.change(ChangeKind[f"{member}_{what}_CONTENT_MODEL"])


def member_added(
    ctx: Context, fallback: Schema, schema: Schema, covered_by_pattern: bool, member: str,
    conjunct: bool = False,
) -> list[Change]:
    """Judge a property/item declared only in the update against the original's fallback.

    ``conjunct``: the fallback is a pattern's schema present on both sides, which keeps applying.
    """
    index_old, index_new = ctx.old, ctx.new
    if not covered_by_pattern and is_trivially_true(index_old, fallback):
        if is_trivially_true(index_new, schema):
            return [_member_change(ctx, member, "WITH_EMPTY_SCHEMA_ADDED_TO_OPEN")]
        return [_member_change(ctx, member, "ADDED_TO_OPEN")]
    if not covered_by_pattern and is_trivially_false(index_old, fallback):
        if is_trivially_false(index_new, schema):
            return [_member_change(ctx, member, "WITH_FALSE_ADDED_TO_CLOSED")]
        return [_member_change(ctx, member, "ADDED_TO_CLOSED")]
    marker = _member_change(ctx, member, "ADDED_TO_PARTIALLY_OPEN")
    if conjunct:  # the pattern's schema still applies: the name now meets both, which never widens
        return [marker, *_conjunct(ctx.compare(fallback, schema), Effect.NARROWS, ChangeKind.SCHEMA_NARROWED, ctx)]
    return [marker, *ctx.compare(fallback, schema)]


def member_removed(
    ctx: Context, schema: Schema, fallback: Schema, covered_by_pattern: bool, member: str,
    conjunct: bool = False,
) -> list[Change]:
    """Judge a property/item declared only in the original against the update's fallback.

    ``conjunct``: the fallback is a pattern's schema present on both sides, which applied already.
    """
    index_old, index_new = ctx.old, ctx.new
    if not covered_by_pattern and is_trivially_true(index_new, fallback):
        if is_trivially_true(index_old, schema):
            return [_member_change(ctx, member, "WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN")]
        return [_member_change(ctx, member, "REMOVED_FROM_OPEN")]
    if not covered_by_pattern and is_trivially_false(index_new, fallback):
        if is_trivially_false(index_old, schema):
            return [_member_change(ctx, member, "WITH_FALSE_REMOVED_FROM_CLOSED")]
        return [_member_change(ctx, member, "REMOVED_FROM_CLOSED")]
    marker = _member_change(ctx, member, "REMOVED_FROM_PARTIALLY_OPEN")
    if conjunct:  # the name met the property's schema and the pattern's; now the pattern's alone
        return [marker, *_conjunct(ctx.compare(schema, fallback), Effect.WIDENS, ChangeKind.SCHEMA_EXTENDED, ctx)]
    return [marker, *ctx.compare(schema, fallback)]


def _conjunct(changes: list[Change], way: Effect, otherwise: ChangeKind, ctx: Context) -> list[Change]:
    """Changes of adding (NARROWS) or dropping (WIDENS) a conjunct, compared here against the other conjunct.

    Dropping a conjunct can only widen: the comparison's changes stand when they all go that way; when
    they all go the other way, the dropped schema held every instance the other did (no effect);
    otherwise the effect is ``way`` but not located more precisely.
    """
    effects = {change.kind.effect for change in changes} - {Effect.NONE}
    if effects <= {way}:
        return changes
    if effects == {Effect.WIDENS, Effect.NARROWS} - {way}:
        return []
    return [ctx.change(otherwise)]


def _compare_required(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_required = value_of(old, "required") or []
    new_required = value_of(new, "required") or []
    changes = [
        ctx.change(ChangeKind.REQUIRED_PROPERTY_ADDED, "properties", name)
        for name in dict.fromkeys(new_required) if name not in old_required
    ]
    changes += [
        ctx.change(ChangeKind.REQUIRED_PROPERTY_REMOVED, "properties", name)
        for name in dict.fromkeys(old_required) if name not in new_required
    ]
    return changes


def _compare_properties(ctx: Context, old: ContentModel, new: ContentModel) -> list[Change]:
    changes: list[Change] = []
    for name, schema in new.properties.items():
        if name in old.properties:
            continue
        governing = old.governing(name)
        if governing is None:
            changes.append(ctx.change(ChangeKind.REGEX_UNSUPPORTED, "patternProperties"))
            continue
        pattern, fallback = governing
        changes += member_added(
            ctx.at("properties", name), fallback, schema, bool(pattern), "PROPERTY", pattern in new.patterns
        )
    for name, schema in old.properties.items():
        if name in new.properties:
            continue
        governing = new.governing(name)
        if governing is None:
            changes.append(ctx.change(ChangeKind.REGEX_UNSUPPORTED, "patternProperties"))
            continue
        pattern, fallback = governing
        changes += member_removed(
            ctx.at("properties", name), schema, fallback, bool(pattern), "PROPERTY", pattern in old.patterns
        )
    for name, schema in old.properties.items():
        if name in new.properties:
            changes += ctx.compare(schema, new.properties[name], "properties", name)
    return changes


def _compare_patterns(ctx: Context, old: ContentModel, new: ContentModel) -> list[Change]:
    changes = [
        ctx.change(ChangeKind.PATTERN_PROPERTY_ADDED, "patternProperties", pattern)
        for pattern in new.patterns if pattern not in old.patterns
    ]
    changes += [
        ctx.change(ChangeKind.PATTERN_PROPERTY_REMOVED, "patternProperties", pattern)
        for pattern in old.patterns if pattern not in new.patterns
    ]
    for pattern, schema in old.patterns.items():
        if pattern in new.patterns:
            changes += ctx.compare(schema, new.patterns[pattern], "patternProperties", pattern)
    return changes


def _compare_fallback(ctx: Context, old: ContentModel, new: ContentModel) -> list[Change]:
    keyword = old.fallback_keyword if old.fallback_declared and not new.fallback_declared \
        else new.fallback_keyword
    prefix = "UNEVALUATED" if keyword == "unevaluatedProperties" else "ADDITIONAL"
    changes: list[Change] = []
    both_open = is_trivially_true(ctx.old, old.fallback) and is_trivially_true(
        ctx.new, new.fallback
    )
    if set(old.patterns) != set(new.patterns) and not both_open:
        # The names left to the fallback schema changed; not analysed further.
        changes.append(ctx.change(ChangeKind.ADDITIONAL_PROPERTIES_SCOPE_CHANGED, keyword))
    changes += compare_open_schema(
        ctx.at(keyword), old.fallback, new.fallback,
        ChangeKind[f"{prefix}_PROPERTIES_EXTENDED"], ChangeKind[f"{prefix}_PROPERTIES_NARROWED"],
    )
    return changes


def _dependencies(schema: dict[str, Any]) -> tuple[dict[str, tuple[str, list[str]]],
                                                   dict[str, tuple[str, Schema]]]:
    """Split ``dependentRequired``/``dependentSchemas``/``dependencies`` by value form."""
    names: dict[str, tuple[str, list[str]]] = {}
    schemas: dict[str, tuple[str, Schema]] = {}
    for keyword, value in (value_of(schema, "dependencies") or {}).items():
        if isinstance(value, list):
            names[keyword] = ("dependencies", value)
        else:
            schemas[keyword] = ("dependencies", value)
    for keyword, value in (value_of(schema, "dependentRequired") or {}).items():
        names[keyword] = ("dependentRequired", value)
    for keyword, value in (value_of(schema, "dependentSchemas") or {}).items():
        schemas[keyword] = ("dependentSchemas", value)
    return names, schemas


def _compare_dependencies(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    old_names, old_schemas = _dependencies(old)
    new_names, new_schemas = _dependencies(new)
    changes = [
        ctx.change(ChangeKind.DEPENDENT_REQUIRED_ADDED, keyword, name)
        for name, (keyword, _) in new_names.items() if name not in old_names
    ]
    changes += [
        ctx.change(ChangeKind.DEPENDENT_REQUIRED_REMOVED, keyword, name)
        for name, (keyword, _) in old_names.items() if name not in new_names
    ]
    for name, (_, old_list) in old_names.items():
        if name not in new_names:
            continue
        keyword, new_list = new_names[name]
        before, after = set(old_list), set(new_list)
        if before == after:
            continue
        kind = (ChangeKind.DEPENDENT_REQUIRED_EXTENDED if after > before
                else ChangeKind.DEPENDENT_REQUIRED_NARROWED if after < before
                else ChangeKind.DEPENDENT_REQUIRED_CHANGED)
        changes.append(ctx.change(kind, keyword, name))
    changes += [
        ctx.change(ChangeKind.DEPENDENT_SCHEMA_ADDED, keyword, name)
        for name, (keyword, _) in new_schemas.items() if name not in old_schemas
    ]
    changes += [
        ctx.change(ChangeKind.DEPENDENT_SCHEMA_REMOVED, keyword, name)
        for name, (keyword, _) in old_schemas.items() if name not in new_schemas
    ]
    for name, (_, old_schema) in old_schemas.items():
        if name in new_schemas:
            keyword, new_schema = new_schemas[name]
            changes += ctx.compare(old_schema, new_schema, keyword, name)
    return changes


def compare_object(ctx: Context, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Compare every object keyword of two schemas that both admit objects."""
    old_model, new_model = content_model(old), content_model(new)
    changes = _compare_required(ctx, old, new)
    changes += _compare_properties(ctx, old_model, new_model)
    changes += _compare_patterns(ctx, old_model, new_model)
    changes += _compare_fallback(ctx, old_model, new_model)
    if "propertyNames" in old or "propertyNames" in new:
        changes += ctx.compare(
            schema_or_true(old, "propertyNames"), schema_or_true(new, "propertyNames"),
            "propertyNames",
        )
    changes += compare_bound(
        ctx, "minProperties", value_of(old, "minProperties"), value_of(new, "minProperties"),
        bound_kinds("MIN_PROPERTIES"), neutral=0,
    )
    changes += compare_bound(
        ctx, "maxProperties", value_of(old, "maxProperties"), value_of(new, "maxProperties"),
        bound_kinds("MAX_PROPERTIES"),
    )
    changes += _compare_dependencies(ctx, old, new)
    return changes
