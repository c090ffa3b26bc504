"""Change detection: the data-driven cases, ordering, pointers, references, limits."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from vibe_contracts.compat import Change, ChangeKind, check, compare
from vibe_contracts.compat.context import MAX_DEPTH

CASES_DIR = Path(__file__).parent / "cases"
MODES = ("backward", "forward", "full")
RECORD_FIELDS = {"description", "original_schema", "update_schema", "changes", "compatible"}


def _records() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            params.append(pytest.param(record, id=f"{path.stem}: {record['description']}"))
    return params


RECORDS = _records()


def _strings(changes: list[Change]) -> list[str]:
    return [str(change) for change in changes]


def test_case_files_are_well_formed() -> None:
    assert len(RECORDS) >= 150
    descriptions = [param.values[0]["description"] for param in RECORDS]
    assert len(descriptions) == len(set(descriptions))
    for param in RECORDS:
        record = param.values[0]
        assert set(record) == RECORD_FIELDS
        assert set(record["compatible"]) == set(MODES)
        for change in record["changes"]:
            kind, path = change.split(" ", 1)
            assert kind in ChangeKind.__members__ and path.startswith("#")


@pytest.mark.parametrize("record", RECORDS)
def test_case(record: dict[str, Any]) -> None:
    old, new = record["original_schema"], record["update_schema"]
    assert _strings(compare(old, new)) == record["changes"]
    verdicts = {mode: check(old, new, mode).compatible for mode in MODES}
    assert verdicts == record["compatible"]


def test_identical_documents_have_no_changes() -> None:
    schema = {"$defs": {"T": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/T"}}}
    assert compare(schema, copy.deepcopy(schema)) == []


def test_inputs_are_not_modified() -> None:
    old = {"anyOf": [{"type": "string"}], "properties": {"a": {"$ref": "#/$defs/T"}},
           "$defs": {"T": {"type": "integer"}}}
    new = {"type": "string", "properties": {"a": {"type": "number"}}}
    before = copy.deepcopy((old, new))
    compare(old, new)
    assert (old, new) == before


def test_changes_are_ordered_added_removed_increased_decreased() -> None:
    old = {"type": "object", "properties": {"gone": {}, "kept": {"enum": ["x", "y"]}},
           "required": ["gone"]}
    new = {"type": "object", "properties": {"kept": {"enum": ["y", "z"]}, "new": {}},
           "required": ["new"]}
    assert _strings(compare(old, new)) == [
        "REQUIRED_PROPERTY_ADDED #/properties/new",
        "REQUIRED_PROPERTY_REMOVED #/properties/gone",
        "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL #/properties/new",
        "PROPERTY_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL #/properties/gone",
        "ENUM_VALUE_ADDED #/properties/kept/enum/1",
        "ENUM_VALUE_REMOVED #/properties/kept/enum/0",
    ]


def test_pointer_tokens_are_escaped() -> None:
    old = {"properties": {"a/b~c": {"maxLength": 1}}}
    new = {"properties": {"a/b~c": {"maxLength": 2}}}
    assert _strings(compare(old, new)) == ["MAX_LENGTH_INCREASED #/properties/a~1b~0c/maxLength"]


def test_change_is_frozen_and_prints_kind_and_path() -> None:
    change = Change(ChangeKind.TYPE_NARROWED, "#/properties/a/type")
    assert str(change) == "TYPE_NARROWED #/properties/a/type"
    with pytest.raises(AttributeError):
        change.path = "#"  # type: ignore[misc]


def test_shared_subschema_objects_resolve_in_their_own_document() -> None:
    properties = {"a": {"$ref": "#/$defs/T"}}
    old = {"properties": properties, "$defs": {"T": {"type": "integer"}}}
    new = {"properties": properties, "$defs": {"T": {"type": "string"}}}
    assert _strings(compare(old, new)) == ["TYPE_CHANGED #/properties/a/type"]


def test_definition_used_twice_is_reported_at_each_site() -> None:
    def document(maximum: int) -> dict[str, Any]:
        return {"$defs": {"N": {"type": "integer", "maximum": maximum}},
                "properties": {"a": {"$ref": "#/$defs/N"}, "b": {"$ref": "#/$defs/N"}}}

    assert _strings(compare(document(5), document(3))) == [
        "MAXIMUM_DECREASED #/properties/a/maximum",
        "MAXIMUM_DECREASED #/properties/b/maximum",
    ]


def test_recursive_unions_terminate_and_find_deep_changes() -> None:
    def json_value(leaf: str) -> dict[str, Any]:
        return {"$defs": {"V": {"anyOf": [
            {"type": leaf},
            {"type": "array", "items": {"$ref": "#/$defs/V"}},
            {"type": "object", "additionalProperties": {"$ref": "#/$defs/V"}},
        ]}}, "$ref": "#/$defs/V"}

    assert compare(json_value("string"), json_value("string")) == []
    assert _strings(compare(json_value("integer"), json_value("number"))) == [
        "TYPE_EXTENDED #/anyOf/0/type"
    ]
    assert check(json_value("integer"), json_value("number")).compatible


def test_self_reference_without_structure_terminates() -> None:
    old = {"$defs": {"L": {"$ref": "#/$defs/L"}}, "properties": {"a": {"$ref": "#/$defs/L"}}}
    new = {"$defs": {"L": {"$ref": "#/$defs/L"}}, "properties": {"a": {"$ref": "#/$defs/L"}},
           "maxProperties": 3}
    assert _strings(compare(old, new)) == ["MAX_PROPERTIES_ADDED #/maxProperties"]


def test_excessive_nesting_is_reported() -> None:
    def nested(depth: int, leaf: dict[str, Any]) -> dict[str, Any]:
        schema = leaf
        for _ in range(depth):
            schema = {"properties": {"x": schema}}
        return schema

    deep = MAX_DEPTH + 5
    changes = compare(nested(deep, {"maxLength": 1}), nested(deep, {"maxLength": 2}))
    assert [change.kind for change in changes] == [ChangeKind.NESTING_DEPTH_EXCEEDED]
    assert not check(nested(MAX_DEPTH + 5, {}), nested(MAX_DEPTH + 5, {"type": "null"}),
                     "full").compatible


def test_malformed_subschema_is_reported() -> None:
    assert _strings(compare({"properties": {"a": 1}}, {"properties": {"a": 2}})) == [
        "UNKNOWN_KEYWORD_CHANGED #/properties"
    ]
    assert _strings(compare({"not": 1}, {"not": 1, "title": "t"})) == ["TITLE_CHANGED #/title"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (True, False, ["SCHEMA_NARROWED #"]),
        (False, True, ["SCHEMA_EXTENDED #"]),
        (False, {"not": True}, []),
        ({"items": True}, {"items": {}}, []),
    ],
)
def test_boolean_schemas(old: Any, new: Any, expected: list[str]) -> None:
    assert _strings(compare(old, new)) == expected


def test_nullable_union_is_matched_to_the_equivalent_branch() -> None:
    old = {"type": "object", "properties": {"note": {"type": "string", "description": "n"}}}
    new = {"type": "object", "properties": {"note": {
        "anyOf": [{"type": "null"}, {"type": "string"}], "description": "n"}}}
    assert _strings(compare(old, new)) == ["SUM_TYPE_EXTENDED #/properties/note/anyOf"]
    assert _strings(compare(new, old)) == ["SUM_TYPE_NARROWED #/properties/note/anyOf"]


def test_documents_deeper_than_the_stack_are_reported_not_raised() -> None:
    def nested(depth: int, leaf: dict[str, Any]) -> dict[str, Any]:
        schema = leaf
        for _ in range(depth):
            schema = {"anyOf": [schema, {"type": "null"}]}
        return schema

    changes = compare(nested(2000, {"maxLength": 1}), nested(2000, {"maxLength": 2}))
    assert _strings(changes) == ["NESTING_DEPTH_EXCEEDED #"]


def _nullable_chain(depth: int, nullable: bool) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        inner = {"anyOf": [schema, {"type": "null"}]} if nullable else schema
        schema = {"type": "object", "properties": {"x": inner}}
    return schema


def test_branch_choice_prefers_changes_that_go_one_way() -> None:
    # The null branch differs by one TYPE_CHANGED; the object branch by several
    # widening changes.  The widening branch proves backward compatibility.
    result = check(_nullable_chain(3, False), _nullable_chain(3, True))
    assert result.compatible
    assert _strings(result.changes) == [
        "SUM_TYPE_EXTENDED #/properties/x/anyOf",
        "SUM_TYPE_EXTENDED #/properties/x/properties/x/anyOf",
        "SUM_TYPE_EXTENDED #/properties/x/properties/x/properties/x/anyOf",
    ]


def test_pairing_prefers_pairs_whose_changes_go_one_way() -> None:
    old = {"anyOf": [_nullable_chain(2, False), {"type": "null"}]}
    new = {"anyOf": [_nullable_chain(2, True), {"type": "null"}]}
    assert check(old, new, "backward").compatible
    assert not check(old, new, "forward").compatible


def test_shared_union_objects_merge_in_their_own_document() -> None:
    shared = {"anyOf": [{"$ref": "#/$defs/T"}, {"type": "null"}]}
    old = {"$defs": {"T": {"type": "string"}}, "properties": {"a": shared}}
    new = {"$defs": {"T": {"type": "integer"}},
           "properties": {"a": {"type": "string"}, "b": shared}}
    # Old a is string|null, new a is string: the shared anyOf must be merged
    # with the old document's T, not the new one's.
    assert _strings(compare(old, new)) == [
        "PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL #/properties/b",
        "SUM_TYPE_NARROWED #/properties/a/anyOf",
    ]
