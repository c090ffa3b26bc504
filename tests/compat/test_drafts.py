"""`$schema` decides the vocabulary: a word that is no keyword in a document's draft never acts as one."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from vibe_contracts.compat import check, compare
from vibe_contracts.compat.cli import main

D7 = "http://json-schema.org/draft-07/schema#"
D2020 = "https://json-schema.org/draft/2020-12/schema"

# (id, old, new, an instance valid under one side only, the direction it breaks)
COUNTEREXAMPLES = [
    ("dependentRequired→dependencies in 2020-12",
     {"$schema": D2020, "dependentRequired": {"a": ["b"]}}, {"$schema": D2020, "dependencies": {"a": ["b"]}},
     {"a": 1}, "forward"),
    ("dependencies→dependentRequired in 2020-12",
     {"$schema": D2020, "dependencies": {"a": ["b"]}}, {"$schema": D2020, "dependentRequired": {"a": ["b"]}},
     {"a": 1}, "backward"),
    ("dependencies→dependentRequired in draft-07",
     {"$schema": D7, "dependencies": {"a": ["b"]}}, {"$schema": D7, "dependentRequired": {"a": ["b"]}},
     {"a": 1}, "forward"),
    ("dependentRequired→dependencies in draft-07",
     {"$schema": D7, "dependentRequired": {"a": ["b"]}}, {"$schema": D7, "dependencies": {"a": ["b"]}},
     {"a": 1}, "backward"),
    ("prefixItems in draft-07 is no keyword",
     {"$schema": D7, "type": "array", "prefixItems": [{"type": "string"}]},
     {"$schema": D7, "type": "array", "items": [{"type": "string"}]},
     [1], "backward"),
    ("additionalItems without an array items applies to nothing",
     {"$schema": D7, "type": "array", "additionalItems": False},
     {"$schema": D7, "type": "array", "items": [], "additionalItems": False},
     [1], "backward"),
]


def _valid(schema: dict[str, Any], instance: Any) -> bool:
    return jsonschema.validators.validator_for(schema)(schema).is_valid(instance)


@pytest.mark.parametrize(("old", "new", "instance", "broken"), [pytest.param(*c[1:], id=c[0]) for c in COUNTEREXAMPLES])
def test_a_verdict_the_drafts_refute_is_not_given(old: dict[str, Any], new: dict[str, Any], instance: Any,
                                                   broken: str) -> None:
    # The instance shows the direction really breaks: valid on the side that must accept less, invalid on the other.
    source, target = (old, new) if broken == "backward" else (new, old)
    assert _valid(source, instance) and not _valid(target, instance)
    assert not check(old, new, broken).compatible
    assert not check(old, new, "full").compatible


def test_a_foreign_word_is_named_as_written() -> None:
    old, new, *_ = COUNTEREXAMPLES[0][1:]
    assert [str(c) for c in compare(old, new)] == [
        "DEPENDENT_REQUIRED_REMOVED #/dependentRequired/a", "UNKNOWN_KEYWORD_ADDED #/dependencies"]


def test_items_as_an_array_is_no_2020_12_keyword() -> None:
    # jsonschema refuses to run such a schema; the checker proves nothing about it.
    old = {"$schema": D2020, "type": "array", "items": [{"type": "string"}]}
    new = {"$schema": D2020, "type": "array", "prefixItems": [{"type": "string"}]}
    assert {mode: check(old, new, mode).compatible for mode in ("backward", "forward")} == {
        "backward": False, "forward": False}


TUPLE = {"type": "array", "items": [{"type": "string"}]}
CLOSED_TUPLE = {**TUPLE, "additionalItems": False}


def test_without_schema_a_document_is_2020_12_unless_told() -> None:
    # As draft-07: closing the tuple narrows, which forward accepts. As 2020-12 neither word is a keyword.
    assert check(TUPLE, CLOSED_TUPLE, "forward", default_draft="draft-07").compatible
    assert not check(TUPLE, CLOSED_TUPLE, "backward", default_draft="draft-07").compatible
    assert not check(TUPLE, CLOSED_TUPLE, "forward").compatible
    assert not check({**TUPLE, "$schema": D2020}, {**CLOSED_TUPLE, "$schema": D2020}, "forward",
                     default_draft="draft-07").compatible  # $schema wins over the default


def test_an_unknown_default_draft_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown draft 'draft-05'"):
        check(TUPLE, CLOSED_TUPLE, default_draft="draft-05")


def test_cli_default_draft(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text('{"type": "array", "items": [{"type": "string"}]}')
    new.write_text('{"type": "array", "items": [{"type": "string"}], "additionalItems": false}')
    assert main([str(old), str(new), "--mode", "forward", "--default-draft", "draft-07"]) == 0
    assert main([str(old), str(new), "--mode", "forward"]) == 1
    assert "UNKNOWN_KEYWORD_ADDED #/additionalItems" in capsys.readouterr().out
