"""Compatibility policy: kind classification, modes, results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vibe_contracts.compat import (
    BACKWARD_COMPATIBLE_CHANGES,
    COMPATIBLE_CHANGES,
    FORWARD_COMPATIBLE_CHANGES,
    FULL_COMPATIBLE_CHANGES,
    Change,
    ChangeKind,
    CompatResult,
    Effect,
    assess,
    check,
    compare,
    is_breaking,
)
from vibe_contracts.compat.change import EFFECTS
from vibe_contracts.compat.keywords import ANNOTATION_KINDS

Kind = ChangeKind
CASES_DIR = Path(__file__).parent / "cases"


def test_every_kind_has_exactly_one_effect() -> None:
    assert set(EFFECTS) == set(ChangeKind)
    assert all(isinstance(kind.effect, Effect) for kind in ChangeKind)


def test_kind_names_are_regular() -> None:
    actions = ("ADDED", "REMOVED", "INCREASED", "DECREASED", "EXTENDED", "NARROWED", "CHANGED")
    irregular = {kind.name for kind in ChangeKind if not kind.name.endswith(actions)}
    assert irregular == {
        "NESTING_DEPTH_EXCEEDED", "REGEX_UNSUPPORTED", "DYNAMIC_REF_UNSUPPORTED",
        *(kind.name for kind in ChangeKind if "_CONTENT_MODEL" in kind.name),
    }
    assert all(kind.value == kind.name for kind in ChangeKind)


def test_mode_sets_follow_effects() -> None:
    none = {kind for kind in ChangeKind if kind.effect is Effect.NONE}
    widens = {kind for kind in ChangeKind if kind.effect is Effect.WIDENS}
    narrows = {kind for kind in ChangeKind if kind.effect is Effect.NARROWS}
    assert BACKWARD_COMPATIBLE_CHANGES == none | widens
    assert FORWARD_COMPATIBLE_CHANGES == none | narrows
    assert FULL_COMPATIBLE_CHANGES == none
    assert COMPATIBLE_CHANGES == {
        "backward": BACKWARD_COMPATIBLE_CHANGES,
        "forward": FORWARD_COMPATIBLE_CHANGES,
        "full": FULL_COMPATIBLE_CHANGES,
    }


_MIRRORS = [
    ("_ADDED_TO_OPEN_", "_REMOVED_FROM_OPEN_"),
    ("_ADDED_TO_CLOSED_", "_REMOVED_FROM_CLOSED_"),
    ("_ADDED", "_REMOVED"),
    ("_INCREASED", "_DECREASED"),
    ("_EXTENDED", "_NARROWED"),
]


def _mirror(name: str) -> str:
    for first, second in _MIRRORS:
        if first in name:
            return name.replace(first, second)
        if second in name:
            return name.replace(second, first)
    raise AssertionError(f"{name} has no mirror")


def test_narrowing_kinds_mirror_the_widening_kinds() -> None:
    widening = {kind.name for kind in ChangeKind if kind.effect is Effect.WIDENS}
    narrowing = {kind.name for kind in ChangeKind if kind.effect is Effect.NARROWS}
    assert {_mirror(name) for name in widening} == narrowing
    assert len(widening) == len(narrowing) > 50


@pytest.mark.parametrize(
    ("kind", "backward", "forward"),
    [
        (Kind.MAX_LENGTH_INCREASED, True, False),
        (Kind.MAX_LENGTH_DECREASED, False, True),
        (Kind.MIN_LENGTH_INCREASED, False, True),
        (Kind.ENUM_VALUE_ADDED, True, False),
        (Kind.ENUM_VALUE_REMOVED, False, True),
        (Kind.REQUIRED_PROPERTY_ADDED, False, True),
        (Kind.REQUIRED_PROPERTY_REMOVED, True, False),
        (Kind.TYPE_EXTENDED, True, False),
        (Kind.TYPE_NARROWED, False, True),
        (Kind.TYPE_CHANGED, False, False),
        (Kind.PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL, False, True),
        (Kind.PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL, True, True),
        (Kind.PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL, True, False),
        (Kind.PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, False, True),
        (Kind.PATTERN_ADDED, False, True),
        (Kind.PATTERN_REMOVED, True, False),
        (Kind.PATTERN_CHANGED, False, False),
        (Kind.SUM_TYPE_EXTENDED, True, False),
        (Kind.PRODUCT_TYPE_EXTENDED, False, True),
        (Kind.COMBINED_TYPE_SUBSCHEMAS_CHANGED, False, False),
        (Kind.UNKNOWN_KEYWORD_ADDED, False, False),
        (Kind.UNKNOWN_KEYWORD_REMOVED, False, False),
        (Kind.UNKNOWN_KEYWORD_CHANGED, False, False),
        (Kind.DESCRIPTION_CHANGED, True, True),
    ],
)
def test_kind_verdicts(kind: ChangeKind, backward: bool, forward: bool) -> None:
    assert (kind in BACKWARD_COMPATIBLE_CHANGES) is backward
    assert (kind in FORWARD_COMPATIBLE_CHANGES) is forward
    assert is_breaking(kind, "full") is not (backward and forward)


def test_annotation_kinds_never_break() -> None:
    for kind in set(ANNOTATION_KINDS.values()):
        assert kind.effect is Effect.NONE
        assert not any(is_breaking(kind, mode) for mode in ("backward", "forward", "full"))


def test_assess_splits_breaking_changes() -> None:
    changes = [
        Change(Kind.MAX_LENGTH_INCREASED, "#/maxLength"),
        Change(Kind.REQUIRED_PROPERTY_ADDED, "#/properties/a"),
        Change(Kind.TITLE_CHANGED, "#/title"),
    ]
    backward = assess(changes, "backward")
    assert backward == CompatResult("backward", changes, [changes[1]])
    assert not backward.compatible
    assert assess(changes, "forward").breaking == [changes[0]]
    assert assess(changes, "full").breaking == changes[:2]
    assert assess(changes[2:], "full").compatible
    assert assess([], "full") == CompatResult("full", [], [])


def test_check_reports_every_change_and_the_breaking_ones() -> None:
    old = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}},
           "required": ["a"]}
    new = {"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}},
           "required": ["a"], "description": "orders"}
    result = check(old, new)
    assert result.mode == "backward" and result.compatible
    assert [str(c) for c in result.changes] == [
        "MAX_LENGTH_INCREASED #/properties/a/maxLength", "DESCRIPTION_CHANGED #/description"
    ]
    forward = check(old, new, "forward")
    assert [str(c) for c in forward.breaking] == ["MAX_LENGTH_INCREASED #/properties/a/maxLength"]


@pytest.mark.parametrize("mode", ["BACKWARD", "transitive", ""])
def test_unknown_mode_is_rejected(mode: str) -> None:
    with pytest.raises(ValueError, match="unknown compatibility mode"):
        check({}, {}, mode)
    with pytest.raises(ValueError):
        assess([], mode)


def _case_pairs() -> list[tuple[object, object]]:
    pairs = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            pairs.append((record["original_schema"], record["update_schema"]))
    return pairs


def test_forward_equals_backward_with_roles_swapped() -> None:
    pairs = _case_pairs()
    assert pairs
    for old, new in pairs:
        assert check(old, new, "forward").compatible == check(new, old, "backward").compatible, (
            old, new, [str(c) for c in compare(old, new)],
        )


def test_full_is_backward_and_forward() -> None:
    for old, new in _case_pairs():
        assert check(old, new, "full").compatible == (
            check(old, new, "backward").compatible and check(old, new, "forward").compatible
        )
