"""docs/contracts.md: generated from the source, every field with its number, PII marked, the lifecycle of docs/spec.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from codegen import emit_docs
from codegen.ir import Contracts

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / emit_docs.OUT_PATH
#: docs/spec.md §3: a ticket starts `active`; `active` may become `used`, `cancelled` or `refunded`, which are final.
SPEC_TRANSITIONS = {
    ("[*]", "active"),
    ("active", "used"), ("active", "cancelled"), ("active", "refunded"),
    ("used", "[*]"), ("cancelled", "[*]"), ("refunded", "[*]"),
}


@pytest.fixture(scope="module")
def text() -> str:
    return DOC.read_text()


def sections(text: str) -> dict[str, str]:
    """`### Heading` → the text up to the next heading of level 2 or 3."""
    parts = re.split(r"^(#{2,3} .+)$", text, flags=re.M)
    return {parts[i].removeprefix("### "): parts[i + 1] for i in range(1, len(parts), 2) if parts[i].startswith("### ")}


def rows(section: str) -> dict[str, list[str]]:
    """Table rows keyed by their first cell without backticks."""
    out = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            out[cells[0].strip("`")] = cells
    return out


def test_doc_is_what_the_source_gives(contracts: Contracts, vectors: dict[str, dict[str, Any]], text: str) -> None:
    assert emit_docs.emit(contracts, vectors) == {emit_docs.OUT_PATH: text}


def test_doc_is_marked_generated(text: str) -> None:
    assert text.startswith("<!--\n@generated")


def test_every_field_has_a_row_with_its_number_and_pii_mark(contracts: Contracts, text: str) -> None:
    by_heading = sections(text)
    for message in contracts.messages:
        table = rows(by_heading[message.name])
        assert list(table) == [f.name for f in message.fields], message.name
        for f in message.fields:
            json_name, _type, required, _rule, pii, number, _description = table[f.name]
            assert number == str(f.number), f"{message.name}.{f.name}"
            assert (pii == "**PII**") == f.pii, f"{message.name}.{f.name}"
            assert (required == "yes") == f.required, f"{message.name}.{f.name}"


def test_customer_fields_are_all_pii(contracts: Contracts, text: str) -> None:
    table = rows(sections(text)["Customer"])
    assert {name for name, cells in table.items() if cells[4] == "**PII**"} == {"email", "phone", "first_name", "last_name"}


def test_every_enum_value_has_a_row(contracts: Contracts, text: str) -> None:
    by_heading = sections(text)
    for enum in contracts.enums:
        section = by_heading[enum.name]
        for v in enum.values:
            assert f"`{v.name}` = {v.number}" in section
            if v.json:
                assert f"| `{v.json}`" + (" (fallback)" if v.fallback else " |") in section


def test_lifecycle_has_exactly_the_spec_transitions(text: str) -> None:
    blocks = re.findall(r"```mermaid\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1
    lines = [line.strip() for line in blocks[0].strip().splitlines()]
    assert lines[0] == "stateDiagram-v2"
    transitions = [tuple(part.strip() for part in line.split("-->")) for line in lines[1:]]
    assert all(len(t) == 2 for t in transitions)
    assert len(transitions) == len(set(transitions)) and set(transitions) == SPEC_TRANSITIONS


def test_topics_table_names_each_topic_and_key(contracts: Contracts, text: str) -> None:
    table = rows(sections(text)["Topics"])
    assert list(table) == [m.topic for m in contracts.topics]
    for m in contracts.topics:
        assert table[m.topic][2].startswith(f"`{m.key_field}`")


def test_examples_are_strict_valid(contracts: Contracts, text: str) -> None:
    """Each message's example passes its writer schema, the strictest form."""
    for m in contracts.topics:
        section = sections(text)[m.name]
        example = re.search(r"```json\n(.*?)```", section, flags=re.S)
        assert example, m.name
        schema = json.loads((ROOT / f"contracts/jsonschema/{m.full_name}.writer.schema.json").read_text())
        errors = list(Draft202012Validator(schema).iter_errors(json.loads(example.group(1))))
        assert errors == [], m.name
