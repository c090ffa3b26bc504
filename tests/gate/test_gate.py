"""The breaking-change gate on a corpus of contract evolutions, applied to a temporary copy of the contracts."""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_repo import Repo

from codegen.gate import compare, latest_release

ROOT = Path(__file__).parents[2]

# (id, [(file, old text, new text)], new version or None, expected ok, a kind expected among the findings)
CASES = [
    ("comment-edit", [("order.proto", "// The order number people see.", "// The number printed on the receipt.")],
     None, True, None),
    ("optional-field-without-bump", [("order.proto", "  repeated OrderTicket tickets = 4",
                                      "  optional string note = 5;\n  repeated OrderTicket tickets = 4")],
     None, False, "PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL"),
    ("optional-field-minor", [("order.proto", "  repeated OrderTicket tickets = 4",
                               "  optional string note = 5;\n  repeated OrderTicket tickets = 4")],
     "1.1", True, "PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL"),
    ("category-minor", [("event.proto", "EVENT_CATEGORY_OTHER = 22 [",
                         'EVENT_CATEGORY_OPERA = 23 [(vibe.options.v1.value).json = "opera"];\n  EVENT_CATEGORY_OTHER = 22 [')],
     "1.1", True, "ENUM_VALUE_ADDED"),
    ("category-without-bump", [("event.proto", "EVENT_CATEGORY_OTHER = 22 [",
                                'EVENT_CATEGORY_OPERA = 23 [(vibe.options.v1.value).json = "opera"];\n  EVENT_CATEGORY_OTHER = 22 [')],
     None, False, "ENUM_VALUE_ADDED"),
    ("required-field", [("order.proto", "  repeated OrderTicket tickets = 4",
                         "  string source = 5 [(vibe.options.v1.field).required = true];\n  repeated OrderTicket tickets = 4")],
     "1.1", False, "REQUIRED_PROPERTY_ADDED"),
    # docs/spec.md §7: a new major needs a new package; 2.0 in vibe.integration.v1 is refused (test_major.py has the path that works).
    ("required-field-major-same-package", [("order.proto", "  repeated OrderTicket tickets = 4",
                                            "  string source = 5 [(vibe.options.v1.field).required = true];\n  repeated OrderTicket tickets = 4")],
     "2.0", False, "REQUIRED_PROPERTY_ADDED"),
    ("field-removed", [("ticket.proto", "  // Seat.\n  optional string seat = 11 [(vibe.options.v1.field).max_len = 64];\n", "")],
     "1.1", False, "PROTO_FIELD_NO_DELETE"),
    ("field-renamed", [("ticket.proto", "optional string seat = 11", "optional string place = 11")],
     "1.1", False, "PROTO_FIELD_SAME_NAME"),
    ("field-number-changed", [("ticket.proto", "optional string seat = 11", "optional string seat = 16")],
     "1.1", False, "PROTO_FIELD_NO_DELETE"),
    ("field-type-changed", [("ticket.proto", "optional int64 price_nominal = 14", "optional double price_nominal = 14")],
     "1.1", False, "PROTO_FIELD_SAME_TYPE"),
    ("length-tightened", [("ticket.proto", "optional string seat = 11 [(vibe.options.v1.field).max_len = 64]",
                           "optional string seat = 11 [(vibe.options.v1.field).max_len = 32]")],
     "1.1", False, "MAX_LENGTH_DECREASED"),
    ("length-loosened", [("ticket.proto", "optional string seat = 11 [(vibe.options.v1.field).max_len = 64]",
                          "optional string seat = 11 [(vibe.options.v1.field).max_len = 128]")],
     "1.1", False, "MAX_LENGTH_INCREASED"),
    ("pattern-changed", [("customer.proto", r'pattern: "^\\+[1-9][0-9]{6,14}$"', r'pattern: "^\\+[1-9][0-9]{9,14}$"')],
     "1.1", False, "PATTERN_CHANGED"),
    ("range-tightened", [("event.proto", "    maximum: 14\n", "    maximum: 12\n")],
     "1.1", False, "MAXIMUM_DECREASED"),
    ("ticket-status-added", [("ticket.proto", "TICKET_STATUS_REFUNDED = 4 [",
                              'TICKET_STATUS_RESERVED = 5 [(vibe.options.v1.value).json = "reserved"];\n  TICKET_STATUS_REFUNDED = 4 [')],
     "1.1", False, "ENUM_VALUE_ADDED"),
    ("currency-added", [("customer.proto", 'CURRENCY_CNY = 5 [(vibe.options.v1.value).json = "CNY"];',
                         'CURRENCY_CNY = 5 [(vibe.options.v1.value).json = "CNY"];\n  CURRENCY_KZT = 6 [(vibe.options.v1.value).json = "KZT"];')],
     "1.1", False, "ENUM_VALUE_ADDED"),
    ("enum-json-renamed", [("event.proto", '(vibe.options.v1.value).json = "paused"', '(vibe.options.v1.value).json = "on_hold"')],
     "1.1", False, "ENUM_VALUE_REMOVED"),
]


@pytest.mark.parametrize(("edits", "version", "ok", "kind"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_evolution(repo: Repo, edits: list[tuple[str, str, str]], version: str | None, ok: bool, kind: str | None) -> None:
    for file, old, new in edits:
        repo.edit(file, old, new)
    if version:
        repo.set_version(version)
    verdict = compare(repo.root, "1.0")
    assert verdict.ok is ok, [str(f) for f in verdict.findings] + verdict.problems
    kinds = {f.kind for f in verdict.findings}
    if kind is None:
        assert not verdict.findings, [str(f) for f in verdict.findings]
    else:
        assert kind in kinds, kinds
    if ok and version and version.startswith("1."):
        assert not any(f.breaking for f in verdict.findings), [str(f) for f in verdict.findings]


def test_working_tree_passes_against_latest_release() -> None:
    verdict = compare(ROOT, str(latest_release(ROOT)))
    assert verdict.ok, verdict.problems


def test_version_going_down_fails(repo: Repo) -> None:
    repo.set_version("0.9")
    assert any("went down" in p for p in compare(repo.root, "1.0").problems)


def test_against_a_git_ref() -> None:
    verdict = compare(ROOT, "HEAD")
    assert verdict.old_version == verdict.new_version
