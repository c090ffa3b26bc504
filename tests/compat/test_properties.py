"""Property tests: a compatible verdict must hold for real instances.

OLD schemas come from a small generator (objects with string, integer,
number, enum, nullable and array properties, required sets, content models,
bounds); NEW is OLD after random mutations.  Whenever the checker calls the
pair backward (forward) compatible, instances drawn from OLD (NEW) must
validate under NEW (OLD).  Single mutations of a known direction must also
be recognised, so the soundness check is not vacuous.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from vibe_contracts.compat import check

NAMES = ["a", "b", "c", "d"]
WORDS = ["red", "green", "blue", "cyan"]
PATTERNS = ["^[a-c]*$", "^[a-z]*$"]

Schema = dict[str, Any]
Draw = Callable[[st.SearchStrategy[Any]], Any]


@st.composite
def string_schemas(draw: Draw) -> Schema:
    schema: Schema = {"type": "string"}
    low = draw(st.integers(0, 3))
    if draw(st.booleans()):
        schema["minLength"] = low
    if draw(st.booleans()):
        schema["maxLength"] = low + draw(st.integers(0, 4))
    if draw(st.integers(0, 3)) == 0:
        schema["pattern"] = draw(st.sampled_from(PATTERNS))
    return schema


@st.composite
def number_schemas(draw: Draw) -> Schema:
    schema: Schema = {"type": draw(st.sampled_from(["integer", "number"]))}
    low = draw(st.integers(-5, 5))
    if draw(st.booleans()):
        schema[draw(st.sampled_from(["minimum", "exclusiveMinimum"]))] = low
    if draw(st.booleans()):
        upper = draw(st.sampled_from(["maximum", "exclusiveMaximum"]))
        schema[upper] = low + draw(st.integers(2, 9))
    if draw(st.integers(0, 3)) == 0:
        schema["multipleOf"] = draw(st.sampled_from([1, 2, 3, 4]))
    return schema


@st.composite
def enum_schemas(draw: Draw) -> Schema:
    values = draw(st.lists(st.sampled_from([*WORDS, 1, None]), min_size=1, max_size=4, unique=True))
    return {"enum": values}


@st.composite
def leaf_schemas(draw: Draw) -> Schema:
    leaf: Schema = draw(st.one_of(string_schemas(), number_schemas(), enum_schemas()))
    if draw(st.integers(0, 4)) == 0 and "type" in leaf:
        leaf["type"] = [leaf["type"], "null"]
    return leaf


@st.composite
def array_schemas(draw: Draw) -> Schema:
    schema: Schema = {"type": "array", "items": draw(leaf_schemas())}
    low = draw(st.integers(0, 2))
    if draw(st.booleans()):
        schema["minItems"] = low
    if draw(st.booleans()):
        schema["maxItems"] = low + draw(st.integers(0, 3))
    if draw(st.integers(0, 3)) == 0:
        schema["uniqueItems"] = True
    return schema


@st.composite
def object_schemas(draw: Draw) -> Schema:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
    properties = {name: draw(st.one_of(leaf_schemas(), array_schemas())) for name in names}
    schema: Schema = {"type": "object", "properties": properties}
    required = draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True))
    if required:
        schema["required"] = required
    closing = draw(st.sampled_from(["absent", "true", "false", "schema"]))
    if closing != "absent":
        schema["additionalProperties"] = {"true": True, "false": False,
                                          "schema": {"type": "integer"}}[closing]
    if draw(st.integers(0, 4)) == 0:
        schema["maxProperties"] = draw(st.integers(2, 5))
    return schema


# Mutations: each edits a schema in place and names the direction it moves
# the set of valid instances ("widen", "narrow" or "either").


def _bound(draw: Draw, schema: Schema, keyword: str, lower: bool) -> str:
    if keyword in schema and draw(st.booleans()):
        del schema[keyword]
        return "widen"
    if keyword not in schema:
        schema[keyword] = 1 if lower else 6
        return "narrow"
    step = draw(st.sampled_from([-1, 1]))
    schema[keyword] += step
    widening = (step < 0) == lower
    return "widen" if widening else "narrow"


def mutate_leaf(draw: Draw, schema: Schema) -> str:
    types = schema.get("type")
    primary = types[0] if isinstance(types, list) else types
    choices = ["type", "nullable"]
    if primary == "string":
        choices += ["minLength", "maxLength", "pattern"]
    elif primary in ("integer", "number"):
        choices += ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
                    "integer"]
    elif primary == "array":
        choices += ["minItems", "maxItems", "uniqueItems", "items"]
    elif "enum" in schema:
        choices = ["enum-add", "enum-remove", "enum-drop"]
    choice = draw(st.sampled_from(choices))
    if choice in ("minLength", "minimum", "exclusiveMinimum", "minItems"):
        return _bound(draw, schema, choice, lower=True)
    if choice in ("maxLength", "maximum", "exclusiveMaximum", "maxItems"):
        return _bound(draw, schema, choice, lower=False)
    if choice == "pattern":
        if "pattern" in schema:
            if draw(st.booleans()):
                del schema["pattern"]
                return "widen"
            schema["pattern"] = PATTERNS[1 - PATTERNS.index(schema["pattern"])]
            return "either"
        schema["pattern"] = PATTERNS[0]
        return "narrow"
    if choice == "multipleOf":
        schema["multipleOf"] = draw(st.sampled_from([1, 2, 3, 4, 6]))
        return "either"
    if choice == "integer":
        widening = primary == "integer"
        base = "number" if widening else "integer"
        schema["type"] = [base, "null"] if isinstance(types, list) else base
        return "widen" if widening else "narrow"
    if choice == "uniqueItems":
        widening = schema.pop("uniqueItems", False)
        if not widening:
            schema["uniqueItems"] = True
        return "widen" if widening else "narrow"
    if choice == "items":
        return mutate_leaf(draw, schema["items"])
    if choice == "enum-add":
        schema["enum"] = [*schema["enum"], "magenta"]
        return "widen"
    if choice == "enum-remove" and len(schema["enum"]) > 1:
        schema["enum"] = schema["enum"][1:]
        return "narrow"
    if choice == "enum-drop":
        del schema["enum"]
        return "widen"
    if choice == "nullable":
        if isinstance(types, list):
            schema["type"] = types[0]
            return "narrow"
        if types is not None:
            schema["type"] = [types, "null"]
            return "widen"
        return "either"
    if choice == "type":
        schema.clear()
        schema.update(draw(leaf_schemas()))
        return "either"
    return "either"


def mutate_object(draw: Draw, schema: Schema) -> str:
    properties: Schema = schema["properties"]
    required: list[str] = schema.setdefault("required", [])
    choice = draw(st.sampled_from(
        ["property", "property", "property", "add", "remove", "require", "unrequire",
         "closing", "wrap-null", "maxProperties"]
    ))
    names = list(properties)
    if not names and choice in ("property", "remove", "wrap-null"):
        choice = "add"
    if choice == "property":
        return mutate_leaf(draw, properties[draw(st.sampled_from(names))])
    if choice == "add":
        free = [name for name in NAMES if name not in properties]
        if not free:
            return "either"
        name = draw(st.sampled_from(free))
        properties[name] = draw(leaf_schemas())
        closing = schema.get("additionalProperties", True)
        return "widen" if closing is False else "narrow" if closing is True else "either"
    if choice == "remove":
        name = draw(st.sampled_from(names))
        del properties[name]
        was_required = name in required
        if was_required:
            required.remove(name)
        closing = schema.get("additionalProperties", True)
        if closing is True:
            return "widen"
        return "narrow" if closing is False and not was_required else "either"
    if choice == "require":
        free = [name for name in names if name not in required]
        if not free:
            return "either"
        required.append(draw(st.sampled_from(free)))
        return "narrow"
    if choice == "unrequire":
        if not required:
            return "either"
        required.remove(draw(st.sampled_from(required)))
        return "widen"
    if choice == "closing":
        before = schema.pop("additionalProperties", True)
        after = draw(st.sampled_from([True, False, {"type": "integer"}, "absent"]))
        if after != "absent":
            schema["additionalProperties"] = after
        rank = {True: 2, "absent": 2, False: 0}
        if isinstance(before, dict) or isinstance(after, dict):
            return "either"
        return "widen" if rank[after] > rank[before] else "narrow"
    if choice == "wrap-null":
        name = draw(st.sampled_from(names))
        properties[name] = {"anyOf": [properties[name], {"type": "null"}]}
        return "widen"
    if choice == "maxProperties":
        return _bound(draw, schema, "maxProperties", lower=False)
    return "either"


@st.composite
def evolutions(draw: Draw) -> tuple[Schema, Schema, list[str]]:
    old = draw(object_schemas())
    new = copy.deepcopy(old)
    directions = [mutate_object(draw, new) for _ in range(draw(st.integers(1, 3)))]
    if not new.get("required"):
        new.pop("required", None)
    return old, new, directions


_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {}


def _values(schema: Any) -> st.SearchStrategy[Any]:
    key = json.dumps(schema, sort_keys=True)
    if key not in _STRATEGIES:
        _STRATEGIES[key] = from_schema(schema if isinstance(schema, dict) else {})
    return _STRATEGIES[key]


def _value_schemas(schema: Schema, name: str) -> list[Any]:
    if name in schema["properties"]:
        return [schema["properties"][name]]
    closing = schema.get("additionalProperties", True)
    return [closing] if closing is not False else []


@st.composite
def probe_objects(draw: Draw, source: Schema, target: Schema) -> Schema:
    """Draw objects whose values come from either schema's subschemas.

    ``from_schema`` does not support object schemas with this Hypothesis
    version, so objects are assembled here; values drawn from the *other*
    schema's subschemas probe the boundary between the two.
    """
    names = list(dict.fromkeys([*source["properties"], *target["properties"], "z"]))
    instance: Schema = {}
    for name in names:
        if name not in source.get("required", []) and draw(st.booleans()):
            continue
        candidates = _value_schemas(source, name) + _value_schemas(target, name)
        if candidates:
            instance[name] = draw(_values(draw(st.sampled_from(candidates))))
    return instance


def _instances_valid(data: st.DataObject, source: Schema, target: Schema, count: int = 6) -> None:
    source_validator, target_validator = Draft202012Validator(source), Draft202012Validator(target)
    for _ in range(count):
        instance = data.draw(probe_objects(source, target))
        if source_validator.is_valid(instance):
            assert target_validator.is_valid(instance), f"{instance!r} valid under source only"


def _satisfiable(schema: Schema) -> bool:
    for name, prop in schema.get("properties", {}).items():
        for low, high in (("minLength", "maxLength"), ("minItems", "maxItems"),
                          ("minimum", "maximum")):
            if low in prop and high in prop and prop[low] > prop[high]:
                return False
    return True


@settings(max_examples=100, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.data_too_large])
@given(st.data())
def test_compatible_verdicts_hold_for_drawn_instances(data: st.DataObject) -> None:
    old, new, directions = data.draw(evolutions())
    note(f"directions={directions}")
    backward, forward = check(old, new, "backward"), check(old, new, "forward")
    note(f"changes={[str(c) for c in backward.changes]}")
    if backward.compatible and _satisfiable(old):
        _instances_valid(data, old, new)
    if forward.compatible and _satisfiable(new):
        _instances_valid(data, new, old)
    assert check(old, new, "full").compatible == (backward.compatible and forward.compatible)


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.data())
def test_single_mutations_of_known_direction_are_recognised(data: st.DataObject) -> None:
    old = data.draw(object_schemas())
    new = copy.deepcopy(old)
    direction = mutate_object(data.draw, new)
    if not new.get("required"):
        new.pop("required", None)
    if old == new or direction == "either":
        return
    mode = "backward" if direction == "widen" else "forward"
    result = check(old, new, mode)
    assert result.compatible, [str(change) for change in result.breaking]


def _behind_references(schema: Schema) -> Schema:
    """Move every property schema into ``$defs`` and refer to it (same meaning)."""
    moved = copy.deepcopy(schema)
    definitions = {}
    for name, subschema in moved["properties"].items():
        definitions[f"P_{name}"] = subschema
        moved["properties"][name] = {"$ref": f"#/$defs/P_{name}"}
    moved["$defs"] = definitions
    moved["$id"] = "urn:vibe-contracts:compat-test"
    return moved


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(evolutions())
def test_references_do_not_change_the_findings(
    evolution: tuple[Schema, Schema, list[str]],
) -> None:
    old, new, _ = evolution
    inline = [str(change) for change in check(old, new).changes]
    referenced = [
        str(change) for change in check(_behind_references(old), _behind_references(new)).changes
    ]
    assert referenced == inline


@pytest.mark.parametrize("mode", ["backward", "forward", "full"])
def test_identical_schemas_are_compatible(mode: str) -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    result = check(schema, copy.deepcopy(schema), mode)
    assert result.compatible and result.changes == []
