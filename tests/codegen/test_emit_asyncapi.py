"""AsyncAPI emitter pieces: the YAML writer, the headers, the key, the Protobuf excerpt, the examples."""

from __future__ import annotations

from typing import Any

from codegen import vectors as shared_vectors
from codegen.emit_asyncapi import OUT_PATH, document, emit, headers_schema, key_schema
from codegen.ir import Contracts, Doc, Field, Message, Rules
from codegen.proto_excerpt import excerpt
from codegen.yaml_text import dump


def test_yaml_writer_quotes_what_a_reader_could_misread() -> None:
    text = dump({
        "plain": "topic_name",
        "ref": "#/components/messages/X",
        "words": ["yes", "No", "null", "on", "true"],
        "numbers": ["1.0", "3.0.0", "007", 12, 0.25, -3.0],
        "flags": [True, False, None],
        "spaced": "a: b # c",
        "unicode": "Партер «A»",
        "control": "tab\there\u0085",
        "empty": {},
        "none": [],
    })
    assert text == (
        "plain: topic_name\n"
        'ref: "#/components/messages/X"\n'
        'words:\n  - "yes"\n  - "No"\n  - "null"\n  - "on"\n  - "true"\n'
        'numbers:\n  - "1.0"\n  - "3.0.0"\n  - "007"\n  - 12\n  - 0.25\n  - -3.0\n'
        "flags:\n  - true\n  - false\n  - null\n"
        'spaced: "a: b # c"\n'
        'unicode: "Партер «A»"\n'
        'control: "tab\\there\\u0085"\n'
        "empty: {}\n"
        "none: []\n"
    )


def test_yaml_writer_nests_and_keeps_multi_line_text_literal() -> None:
    text = dump({"list": [{"a": 1, "b": [{"c": "x"}]}, [1, 2]], "text": "one\n\n  two\n", "trailing": "a \nb"})
    assert text == (
        "list:\n"
        "  - a: 1\n"
        "    b:\n"
        "      - c: x\n"
        "  - - 1\n"
        "    - 2\n"
        "text: |\n"
        "  one\n"
        "\n"
        "    two\n"
        'trailing: "a \\nb"\n'
    )


def test_schema_version_pattern_follows_the_major(contracts: Contracts) -> None:
    assert headers_schema(contracts)["properties"]["schema-version"]["pattern"] == r"^1\.[0-9]+$"
    next_major = Contracts(package="p.v2", version="2.3", messages=(), enums=())
    assert headers_schema(next_major)["properties"]["schema-version"]["pattern"] == r"^2\.[0-9]+$"
    assert headers_schema(contracts)["required"] == ["content-type", "schema-version", "application-id"]


def test_key_carries_the_key_field_rules(contracts: Contracts) -> None:
    assert key_schema(contracts.message("Order")) == {
        "type": "string", "description": "The order `id`.", "minLength": 1, "maxLength": 128,
    }
    refund_key = key_schema(contracts.message("Refund"))
    assert "passes a key explicitly" in refund_key["description"]


def test_excerpt_is_self_contained_and_keeps_requiredness() -> None:
    def field(name: str, number: int, kind: Any, type_name: str | None, *, required: bool, presence: bool) -> Field:
        return Field(name=name, number=number, kind=kind, proto_type=type_name or kind, type_name=type_name,
                     repeated=False, required=required, presence=presence, pii=False, rules=Rules(), doc=Doc(name))

    part = Message("Part", "p.v1.Part", "p/v1/part.proto", (field("id", 1, "string", None, required=True,
                                                                     presence=False),), Doc("A part."))
    whole = Message("Whole", "p.v1.Whole", "p/v1/whole.proto", (
        field("offset", 1, "double", None, required=True, presence=True),
        field("main", 2, "message", "Part", required=True, presence=True),
        field("extra", 3, "message", "Part", required=False, presence=True),
    ), Doc("A whole."), topic="wholes", key_field="offset")
    text = excerpt(Contracts(package="p.v1", version="1.0", messages=(part, whole), enums=()), whole)
    assert "import" not in text and 'syntax = "proto3";' in text
    assert text.index("message Whole") < text.index("message Part")
    assert "  // offset\n  // @Required\n  optional double offset = 1;" in text
    assert "  Part main = 2;" in text
    assert "  optional Part extra = 3;" in text


def test_examples_leave_out_tolerant_only_and_protobuf_cases(contracts: Contracts) -> None:
    event = contracts.message("Event")
    vectors = {"event": {"message": "event", "valid": [
        {"name": "ok", "json": {"id": "1"}},
        {"name": "lenient", "json": {"id": "2"}, "strict_errors": [{"path": "x", "rule": "unknown_field"}]},
        {"name": "binary", "protobuf": {"id": "3"}},
    ]}}
    assert [e.name for e in shared_vectors.examples(vectors, event)] == ["ok"]
    messages = document(contracts, vectors)["components"]["messages"]
    assert [e["name"] for e in messages["EventJson"]["examples"]] == ["ok"]
    assert "examples" not in messages["OrderJson"]


def test_output_is_deterministic(contracts: Contracts) -> None:
    assert emit(contracts, {}) == emit(contracts, {})
    assert emit(contracts, {})[OUT_PATH].startswith("# @generated")
