"""The shared corpus of hostile input (examples/vectors/hostile, see the README there).

Every case gives exactly the violations (path, rule) it states, in the modes it
names, and decodes in the others; nothing but a ContractError ever escapes.
The TypeScript suite runs the same files (typescript/test/hostile.test.ts), so
both languages give the same verdicts. Big inputs are built from the corpus's
generator pieces (`{"repeat": "a", "times": 10485760}`), never stored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vibe_contracts import ContractError, decode
from vibe_contracts._gen.v1 import MAJOR
from vibe_contracts.kafka import decode_record
from vibe_contracts.limits import Limits

HOSTILE = Path(__file__).parents[2] / "examples" / "vectors" / "hostile"
FILES = sorted(HOSTILE.glob("*.json"))
MODES = {"tolerant": False, "strict": True}
FORMATS = ("json", "protobuf", "record")


def hostile_input(case: dict[str, Any]) -> bytes | str:
    """The input of a case: bytes, or a str when `as_string`."""
    as_string = case.get("as_string", False)
    if "text" in case:
        pieces: list[Any] = [case["text"]]
    elif "hex" in case:
        pieces = [{"hex": case["hex"]}]
    else:
        pieces = case["pieces"]
    out: list[Any] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece if as_string else piece.encode("utf-8"))
        elif "repeat" in piece:
            text = piece["repeat"] * piece["times"]
            out.append(text if as_string else text.encode("utf-8"))
        elif as_string:
            raise ValueError(f"{case['name']}: a str input has text pieces only")
        elif "repeat_hex" in piece:
            out.append(bytes.fromhex(piece["repeat_hex"]) * piece["times"])
        else:
            out.append(bytes.fromhex(piece["hex"]))
    return "".join(out) if as_string else b"".join(out)


def header_value(value: Any) -> bytes | None:
    if value is None:
        return None
    return bytes.fromhex(value["hex"]) if isinstance(value, dict) else value.encode("utf-8")


def run(case: dict[str, Any], strict: bool) -> Any:
    """Decode a case as the corpus says: returns the message, or raises."""
    limits = Limits(**case.get("limits", {}))
    data = hostile_input(case)
    if case["format"] == "record":
        record = case["record"]
        headers = [(name, header_value(value)) for name, value in record["headers"]]
        value = None if record.get("tombstone") else data
        return decode_record(value, headers, message=case["message"], strict=strict, limits=limits)  # type: ignore[arg-type]
    return decode(case["message"], data, format=case["format"], strict=strict, limits=limits)


def outcome(case: dict[str, Any], strict: bool) -> list[dict[str, str]] | None:
    """None when the case decodes, else its violations; any other exception fails the test."""
    try:
        message = run(case, strict)
    except ContractError as exc:
        assert exc.errors and (exc.path, exc.rule) == (exc.errors[0].path, exc.errors[0].rule)
        return [{"path": v.path, "rule": v.rule, "message": v.message} for v in exc.errors]
    assert type(message).from_json(message.to_json(), strict=True) == message  # a success is a valid model
    return None


CASES = [
    pytest.param(case, id=f"{path.stem}-{case['name']}")
    for path in FILES
    for case in json.loads(path.read_text())["cases"]
]


def test_the_corpus_is_well_formed() -> None:
    assert {p.stem for p in FILES} == {"json", "limits", "protobuf", "record"}
    names = [c.values[0]["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names are unique across the corpus"
    rules = set()
    for param in CASES:
        case = param.values[0]
        assert case["format"] in FORMATS and case["message"] in {"organizer", "event", "order", "refund", "ticket"}
        assert sum(k in case for k in ("text", "hex", "pieces")) == 1, case["name"]
        assert set(case.get("modes", MODES)) <= set(MODES)
        assert ("errors" in case) == ("modes" in case), case["name"]
        assert "strict_errors" not in case or "strict" in case["modes"], case["name"]
        rules |= {e["rule"] for e in case.get("errors", [])}
    assert {"limit", "duplicate_key", "syntax", "max_length", "pattern", "max_items", "header_missing"} <= rules


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case: dict[str, Any]) -> None:
    refused_in = case.get("modes", [])
    for mode, strict in MODES.items():
        got = outcome(case, strict)
        if mode in refused_in:
            expected = case["strict_errors"] if strict and "strict_errors" in case else case["errors"]
            assert got is not None and len(got) == len(expected), f"{mode}: {got}"
            # the corpus states a message where both languages must word it the same (syntax)
            assert [{k: g[k] for k in e} for g, e in zip(got, expected)] == expected, f"{mode}: {got}"
        else:
            assert got is None, f"{mode} refused what it must accept: {got}"


def test_big_inputs_are_generated_not_stored() -> None:
    assert all(p.stat().st_size < 64 * 1024 for p in FILES)
    big = [p.values[0] for p in CASES if len(hostile_input(p.values[0])) >= 10 * 1024 * 1024]
    assert len(big) >= 4, "the 10 MB cases are in the corpus"


# --- time bounds by construction: the pattern never sees an input longer than its bound ----------

ADVERSARIAL = {  # (case of the corpus, the rule it must give)
    "email-100k-then-at": "max_length",
    "email-a-at-50000": "max_length",
    "email-quadratic-shape": "max_length",
    "email-at-limit-backtracking": "pattern",
    "phone-100k": "pattern",
    "inn-100k": "pattern",
    "ogrn-100k": "pattern",
    "media-100k": "max_length",
}


def v1_patterns() -> set[str]:
    return {f.pattern for m in MAJOR.messages.values() for f in m.fields if f.pattern}


class CountingPattern:
    """A compiled pattern that records the length of every string it is run on."""

    def __init__(self, pattern: Any, seen: list[tuple[str, int]]) -> None:
        self.pattern, self.seen = pattern, seen

    def search(self, text: str) -> Any:
        self.seen.append((self.pattern.pattern, len(text)))
        return self.pattern.search(text)


def test_patterns_only_see_bounded_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """Length rules are checked before patterns, and a pattern anchored at both ends is not run
    on a string longer than any match: so each pattern runs on at most max(max_len, width) characters
    (254 for email, 16 for phone, …), and its cost is a constant, whatever the input's size."""
    import re

    from vibe_contracts import validate

    seen: list[tuple[str, int]] = []
    monkeypatch.setattr(validate, "_PATTERNS", {
        p: (CountingPattern(re.compile(p), seen), validate.pattern_width(p)) for p in v1_patterns()})
    bound, pattern_of = {}, {}
    for spec in MAJOR.messages.values():
        for f in spec.fields:
            if f.pattern:
                bound[f.name] = f.max_len if f.max_len is not None else validate.pattern_width(f.pattern)
                pattern_of[f.name] = f.pattern
    assert bound == {"email": 254, "phone": 16, "inn": 12, "ogrn": 15, "media": 2048}
    cases = {c.values[0]["name"]: c.values[0] for c in CASES}
    for name, rule in ADVERSARIAL.items():
        case = cases[name]
        for strict in MODES.values():
            seen.clear()
            with pytest.raises(ContractError) as info:
                run(case, strict)
            path = case["errors"][0]["path"]
            assert [(v.path, v.rule) for v in info.value.errors] == [(path, rule)]
            field = path.rsplit(".", 1)[-1]
            runs = [n for p, n in seen if p == pattern_of[field]]
            if rule == "max_length" or name.endswith("100k"):
                assert runs == [], f"{name}: the pattern ran on an input beyond its bound"
            else:
                assert runs and max(runs) <= bound[field], name
            assert all(n <= bound[f] for f, src in pattern_of.items() for p, n in seen if p == src)
    assert validate.pattern_width(r"^https?://") is None  # a prefix pattern has no width bound: max_len bounds it


def test_the_width_bound_only_skips_strings_that_cannot_match() -> None:
    import re

    from vibe_contracts import validate

    patterns = v1_patterns()
    assert len(patterns) == 5
    for pattern in patterns:
        width = validate.pattern_width(pattern)
        if width is None:
            continue
        digits = "+" + "1" * (width - 1) if "\\+" in pattern else "1" * width
        assert len(digits) == width and re.search(pattern, digits), pattern  # a longest match exists
        assert not re.search(pattern, digits + "1")
