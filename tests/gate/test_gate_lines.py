"""How the gate's lines read: the change as the maintainer made it, its real effect, who breaks, buf's words."""

from __future__ import annotations

import pytest
from gate_repo import ROOT, Repo

from codegen.gate import Finding, compare
from vibe_contracts.cli import main

SEAT = "  // Seat.\n  optional string seat = 11 [(vibe.options.v1.field).max_len = 64];\n"


def _findings(repo: Repo, version: str = "1.1") -> list[Finding]:
    repo.set_version(version)
    return compare(repo.root, "1.0").findings


def test_an_added_ticket_status_reads_as_added_and_names_the_old_readers(repo: Repo) -> None:
    repo.edit("ticket.proto", "TICKET_STATUS_REFUNDED = 4 [",
              'TICKET_STATUS_RESERVED = 5 [(vibe.options.v1.value).json = "reserved"];\n  TICKET_STATUS_REFUNDED = 4 [')
    [line] = [str(f) for f in _findings(repo)]
    assert line.startswith('BREAKING   Ticket.status: enum value added ("reserved")')
    assert "readers of 1.x refuse it" in line and "ENUM_VALUE_REMOVED" not in line


def test_a_loosened_length_reads_as_increased(repo: Repo) -> None:
    repo.edit("ticket.proto", "seat = 11 [(vibe.options.v1.field).max_len = 64]", "seat = 11 [(vibe.options.v1.field).max_len = 128]")
    [finding] = _findings(repo)
    assert finding.kind == "MAX_LENGTH_INCREASED" and finding.breaking
    assert finding.words == ("Ticket.seat: max length increased (64 → 128); the writer schema accepts more — "
                             "readers of 1.x refuse it")


def test_each_line_carries_its_real_effect(repo: Repo) -> None:
    repo.edit("order.proto", "  repeated OrderTicket tickets = 4",
              "  string sales_channel = 5 [(vibe.options.v1.field).required = true];\n"
              "  optional string note = 6;\n  repeated OrderTicket tickets = 4")
    lines = {f.kind: str(f) for f in _findings(repo)}
    assert lines["REQUIRED_PROPERTY_ADDED"].startswith("BREAKING   Order.sales_channel: field made required")
    assert "readers of 1.1 refuse what writers of 1.x send" in lines["REQUIRED_PROPERTY_ADDED"]
    note = [line for line in lines.values() if "Order.note" in line]
    assert note == ["compatible Order.note: field added; the writer schema accepts more — nobody breaks "
                    "[PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL vibe.integration.v1.Order.writer.schema.json #/properties/note]"]


def test_a_deleted_field_keeps_bufs_explanation_and_asks_for_a_reservation(repo: Repo) -> None:
    repo.edit("ticket.proto", SEAT, "")
    [proto] = [f for f in _findings(repo) if f.kind.startswith("PROTO_")]
    assert proto.kind == "PROTO_FIELD_NO_DELETE" and proto.breaking
    assert proto.words.startswith('Previously present field "11" with name "seat" on message "Ticket" was deleted; ')
    assert 'Ticket.seat (11) is not reserved: add `reserved 11; reserved "seat";` so it is never reused' in proto.words
    assert proto.words.endswith("Protobuf readers of 1.x and code using the 1.x bindings break")


def test_a_reserved_field_is_said_to_be_reserved(repo: Repo) -> None:
    repo.edit("ticket.proto", SEAT, '  reserved 11;\n  reserved "seat";\n')
    [proto] = [f for f in _findings(repo) if f.kind.startswith("PROTO_")]
    assert "Ticket.seat (11) is reserved" in proto.words


def test_a_changed_field_number_is_named_as_such(repo: Repo) -> None:
    repo.edit("ticket.proto", "optional string seat = 11", "optional string seat = 16")
    [proto] = [f for f in _findings(repo) if f.kind.startswith("PROTO_")]
    assert "field number of Ticket.seat changed 11 → 16" in proto.words
    assert "Ticket field number 11 is not reserved: add `reserved 11;`" in proto.words


def test_a_renamed_field_says_the_wire_form_is_unchanged(repo: Repo) -> None:
    repo.edit("ticket.proto", "optional string seat = 11", "optional string place = 11")
    words = {f.kind: f.words for f in _findings(repo)}
    assert words["PROTO_FIELD_SAME_NAME"] == ('Field "11" on message "Ticket" changed name from "seat" to "place" — '
                                              "code using the 1.x bindings breaks (the Protobuf wire form is unchanged)")
    assert words["PROTO_FIELD_SAME_JSON_NAME"].endswith("JSON readers of 1.x and code using the 1.x bindings break")


def test_the_readme_example_is_what_the_gate_prints(repo: Repo, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text()
    example = readme.split("```console\n$ vibe-contracts breaking\n", 1)[1].split("```", 1)[0]
    (repo.root / "codegen").symlink_to(ROOT / "codegen")
    repo.edit("ticket.proto", "TICKET_STATUS_REFUNDED = 4 [",
              'TICKET_STATUS_RESERVED = 5 [(vibe.options.v1.value).json = "reserved"];\n  TICKET_STATUS_REFUNDED = 4 [')
    repo.edit("order.proto", "  repeated OrderTicket tickets = 4", "  optional string note = 5;\n  repeated OrderTicket tickets = 4")
    repo.set_version("1.1")
    monkeypatch.chdir(repo.root)
    assert main(["breaking"]) == 1
    assert capsys.readouterr().out == example
