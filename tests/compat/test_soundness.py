"""Soundness: where the checker says compatible, instances drawn from one schema validate under the other.

Pairs come from two places: random mutations of the project's own generated
schemas (bounds, enums, nullability, required, properties, the content
model), and a hand-written edge set (drafts, combinators, `not`, patterns,
references). For each mode the checker calls compatible, hypothesis-jsonschema
draws instances from the side that must be included (OLD for backward, NEW for
forward) and the other side must accept them. Instances the source itself
refuses (a generator approximation) are skipped; an unsatisfiable source
rejects the example.

hypothesis-jsonschema 0.23.1 calls `many().more()`, which hypothesis dropped in
6.170.10: constraints.txt pins hypothesis 6.170.9, the last release with it.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from vibe_contracts.compat import check

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {p.name: json.loads(p.read_text()) for p in sorted((ROOT / "contracts/jsonschema").glob("*.json"))}
D7 = "http://json-schema.org/draft-07/schema#"
S, N = {"type": "string"}, {"type": "number"}

Schema = dict[str, Any]
Draw = Callable[[st.SearchStrategy[Any]], Any]
SETTINGS: dict[str, Any] = dict(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])

_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {}


def _instances(schema: Schema) -> st.SearchStrategy[Any]:
    key = json.dumps(schema, sort_keys=True)
    if key not in _STRATEGIES:
        _STRATEGIES[key] = from_schema(_inlined(schema))
    return _STRATEGIES[key]


def _inlined(schema: Schema) -> Schema:
    """The same schema without local references, which hypothesis-jsonschema does not always resolve.

    In 2020-12 a `$ref` with siblings is their conjunction with the target, so `{"allOf": [target]}` says the same.
    """
    definitions = schema.get("$defs", {}) if isinstance(schema, dict) else {}

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {k: walk(v) for k, v in node.items() if k not in ("$ref", "$defs", "$id", "enum", "const")}
        out.update({k: node[k] for k in ("enum", "const") if k in node})
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            out["allOf"] = [*out.get("allOf", []), walk(definitions[reference.removeprefix("#/$defs/")])]
        return out

    return walk(schema) if definitions else schema


def _validator(schema: Schema) -> jsonschema.protocols.Validator:
    return jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)(schema)


def _assert_holds(data: st.DataObject, old: Schema, new: Schema, count: int) -> int:
    """Check each direction the checker accepts on `count` drawn instances; return how many were checked."""
    checked = 0
    for mode, source, target in (("backward", old, new), ("forward", new, old)):
        if not check(old, new, mode).compatible:
            continue
        source_ok, target_ok = _validator(source), _validator(target)
        for _ in range(count):
            instance = data.draw(_instances(source))  # an unsatisfiable source rejects the example
            if not source_ok.is_valid(instance):
                continue
            note(f"{mode}: {instance!r}")
            assert target_ok.is_valid(instance), f"{mode}: valid under the source only: {instance!r}"
            checked += 1
    return checked


# Mutations of the project's schemas: each edits one place in the copy.

def _nodes(schema: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Schema]]:
    """Every property schema and object schema, with its path (nothing under enum/const)."""
    found = []
    if isinstance(schema, dict):
        found.append((path, schema))
        for key in ("properties", "$defs"):
            for name, sub in (schema.get(key) or {}).items():
                found += _nodes(sub, (*path, key, name))
        for key in ("items", "not"):
            if isinstance(schema.get(key), dict):
                found += _nodes(schema[key], (*path, key))
        for i, sub in enumerate(schema.get("anyOf") or []):
            found += _nodes(sub, (*path, "anyOf", str(i)))
    return found


def _mutate(draw: Draw, node: Schema) -> str:
    options = [k for k in ("minLength", "maxLength", "minimum", "maximum", "exclusiveMaximum", "minItems", "maxItems")
               if isinstance(node.get(k), int) and not isinstance(node.get(k), bool)]
    options += ["enum-add", "enum-drop"] if "enum" in node else []
    options += ["nullable"] if "type" in node else []
    options += ["drop-" + k for k in ("pattern", "multipleOf", "uniqueItems", "additionalProperties") if k in node]
    if isinstance(node.get("properties"), dict) and node["properties"]:
        options += ["remove-property", "add-property", "require", "unrequire", "close", "open"]
    if not options:
        return "none"
    choice = draw(st.sampled_from(options))
    if choice in ("minLength", "maxLength", "minimum", "maximum", "exclusiveMaximum", "minItems", "maxItems"):
        node[choice] = max(0, node[choice] + draw(st.sampled_from([-2, -1, 1, 2])))
    elif choice == "enum-add":
        node["enum"] = [*node["enum"], "zz-new"]
    elif choice == "enum-drop" and len(node["enum"]) > 1:
        node["enum"] = node["enum"][1:]
    elif choice == "nullable":
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        node["type"] = [t for t in types if t != "null"] if "null" in types else [*types, "null"]
    elif choice.startswith("drop-"):
        del node[choice.removeprefix("drop-")]
    elif choice == "remove-property":
        name = draw(st.sampled_from(sorted(node["properties"])))
        del node["properties"][name]
        node["required"] = [r for r in node.get("required", []) if r != name]
    elif choice == "add-property":
        node["properties"]["zz_new"] = draw(st.sampled_from([S, {"type": "integer", "minimum": 0}, {}]))
    elif choice == "require":
        node["required"] = list(dict.fromkeys([*node.get("required", []), draw(st.sampled_from(sorted(node["properties"])))]))
    elif choice == "unrequire" and node.get("required"):
        node["required"] = node["required"][1:]
    elif choice == "close":
        node["additionalProperties"] = False
    elif choice == "open":
        node.pop("additionalProperties", None)
    return choice


@st.composite
def project_evolutions(draw: Draw) -> tuple[Schema, Schema, list[str]]:
    old = PROJECT[draw(st.sampled_from(sorted(PROJECT)))]
    new = copy.deepcopy(old)
    nodes = _nodes(new)
    done = [_mutate(draw, draw(st.sampled_from(nodes))[1]) for _ in range(draw(st.integers(1, 2)))]
    for _, node in _nodes(new):  # keep `required` well formed: no empty list, no empty `properties` left behind
        if node.get("required") == []:
            del node["required"]
    return old, new, done


def test_verdicts_on_mutations_of_the_project_schemas_hold() -> None:
    checked: list[int] = []

    @settings(max_examples=40, **SETTINGS)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        old, new, done = data.draw(project_evolutions())
        assume(old != new)
        note(f"mutations={done} changes={[str(c) for c in check(old, new).changes]}")
        checked.append(_assert_holds(data, old, new, count=3))

    run()
    assert sum(checked) >= 20, checked  # the verdicts were put to the test, not only computed


# The hand-written edge set: (id, old, new). The expected verdicts are in the case files; here only soundness.
EDGES = [
    ("allOf to anyOf", {"allOf": [S, {"maxLength": 3}]}, {"anyOf": [S, {"maxLength": 3}]}),
    ("anyOf to allOf", {"anyOf": [S, {"maxLength": 3}]}, {"allOf": [S, {"maxLength": 3}]}),
    ("allOf to smaller anyOf", {"allOf": [S, {"maxLength": 3}, {"minLength": 1}]}, {"anyOf": [{"maxLength": 3}]}),
    ("repeated anyOf member", {"anyOf": [S, N]}, {"anyOf": [S, S, N]}),
    ("repeated oneOf member", {"oneOf": [S, N]}, {"oneOf": [S, S, N]}),
    ("single oneOf", S, {"oneOf": [S]}),
    ("not wider", {"not": S}, {"not": {"type": ["string", "number"]}}),
    ("not narrower", {"not": {"type": ["string", "integer"]}}, {"not": S}),
    ("not bounds", {"type": "integer", "not": {"minimum": 5}}, {"type": "integer", "not": {"minimum": 3}}),
    ("property left to its pattern", {"type": "object", "properties": {"a_x": {"maxLength": 2}},
                                      "patternProperties": {"^a_": S}, "additionalProperties": False},
     {"type": "object", "patternProperties": {"^a_": S}, "additionalProperties": False}),
    ("property under a new pattern", {"type": "object", "properties": {"a_x": {}}},
     {"type": "object", "patternProperties": {"^a_": S}}),
    ("property added under a pattern", {"type": "object", "patternProperties": {"^a_": S}},
     {"type": "object", "properties": {"a_x": {"maxLength": 1}}, "patternProperties": {"^a_": S}}),
    ("draft-07 tuple closed", {"$schema": D7, "type": "array", "items": [S]},
     {"$schema": D7, "type": "array", "items": [S], "additionalItems": False}),
    ("draft-07 prefixItems", {"$schema": D7, "type": "array", "prefixItems": [S]},
     {"$schema": D7, "type": "array", "items": [S]}),
    ("2020-12 dependencies", {"type": "object", "dependentRequired": {"a": ["b"]}},
     {"type": "object", "dependencies": {"a": ["b"]}}),
    ("draft-07 dependencies", {"$schema": D7, "type": "object", "dependencies": {"a": ["b"]}},
     {"$schema": D7, "type": "object", "dependentRequired": {"a": ["b"]}}),
    ("nullable by anyOf", {"type": "object", "properties": {"a": S}},
     {"type": "object", "properties": {"a": {"anyOf": [S, {"type": "null"}]}}}),
    ("reference", {"$defs": {"T": {"type": "integer", "maximum": 3}}, "$ref": "#/$defs/T"},
     {"$defs": {"T": {"type": "integer", "maximum": 5}}, "$ref": "#/$defs/T"}),
    ("disjoint oneOf grows", {"oneOf": [S, {"type": "integer"}]}, {"oneOf": [S, {"type": "integer"}, {"type": "null"}]}),
]


@pytest.mark.parametrize(("old", "new"), [pytest.param(old, new, id=name) for name, old, new in EDGES])
def test_verdicts_on_the_edge_set_hold(old: Schema, new: Schema) -> None:
    checked: list[int] = []

    @settings(max_examples=25, **SETTINGS)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        checked.append(_assert_holds(data, old, new, count=4))

    run()
    if any(check(old, new, mode).compatible for mode in ("backward", "forward")):
        assert sum(checked) > 0


def test_the_edge_set_is_judged() -> None:
    # Most of the edge set is judged compatible one way, so the property above checks something there.
    judged = [name for name, old, new in EDGES if check(old, new, "backward").compatible
              or check(old, new, "forward").compatible]
    assert len(judged) >= 12, judged
