"""Reference-docs emitter pieces: rules in words, table cells, the lifecycle guard."""

from __future__ import annotations

from dataclasses import replace

import pytest

from codegen import emit_docs
from codegen.emit_docs import _cell, emit
from codegen.ir import Contracts, Doc, Field, Rules
from codegen.rule_words import describe, number


def field(kind: str = "string", *, repeated: bool = False, rules: Rules = Rules()) -> Field:
    return Field(name="f", number=1, kind=kind, proto_type=kind, type_name=None,  # type: ignore[arg-type]
                 repeated=repeated, required=False, presence=True, pii=False, rules=rules, doc=Doc())


EMPTY = Contracts(package="p.v1", version="1.0", messages=(), enums=())


@pytest.mark.parametrize(("f", "words"), [
    (field(rules=Rules(min_len=1, max_len=128)), "1–128 chars"),
    (field(rules=Rules(max_len=64)), "at most 64 chars"),
    (field(rules=Rules(min_len=2)), "at least 2 chars"),
    (field(rules=Rules(min_len=3, max_len=3)), "exactly 3 chars"),
    (field(rules=Rules(max_len=2048, pattern="^https?://")), "at most 2048 chars; matches `^https?://`"),
    (field("double", rules=Rules(minimum=-12.0, maximum=14.0, multiple_of=0.25)), "in [-12, 14]; a multiple of 0.25"),
    (field("int64", rules=Rules(minimum=946684800000, exclusive_maximum=4102444800000, not_before="start_at")),
     "in [946684800000, 4102444800000); not before `start_at` when both are set"),
    (field("int64", rules=Rules(minimum=0)), "≥ 0"),
    (field("int64", rules=Rules(exclusive_maximum=10)), "< 10"),
    (field(repeated=True, rules=Rules(min_items=1, max_items=1000, unique=True, min_len=1, max_len=128)),
     "1–1000 items; items unique; each 1–128 chars"),
    (field("message", repeated=True, rules=Rules(min_items=1, unique_by="id")), "at least 1 item; items unique by `id`"),
    (field(), ""),
])
def test_rules_in_words(f: Field, words: str) -> None:
    assert describe(EMPTY, f) == words


def test_numbers_read_as_written() -> None:
    assert [number(v) for v in (-90.0, 0.25, 9007199254740991, 3)] == ["-90", "0.25", "9007199254740991", "3"]


def test_cells_escape_pipes_and_line_breaks() -> None:
    assert _cell("^(a|b)$\n\nmore\ntext") == "^(a\\|b)$<br>more text"


def test_lifecycle_refuses_a_state_the_enum_lacks(contracts: Contracts) -> None:
    status = contracts.enum(emit_docs.LIFECYCLE_ENUM)
    shrunk = replace(status, values=tuple(v for v in status.values if v.json != "used"))
    broken = replace(contracts, enums=tuple(shrunk if e is status else e for e in contracts.enums))
    with pytest.raises(ValueError, match="used"):
        emit(broken, {})


def test_every_message_and_enum_has_a_section(contracts: Contracts) -> None:
    text = emit(contracts, {})[emit_docs.OUT_PATH]
    for name in [m.name for m in contracts.messages] + [e.name for e in contracts.enums]:
        assert f"\n### {name}\n" in text
