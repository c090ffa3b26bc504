"""`vibe-contracts generate` on a source it cannot render: a clear error, never a traceback."""

from __future__ import annotations

import pytest
from gate_repo import ROOT, Repo

from vibe_contracts.cli import main


def test_removing_a_status_the_lifecycle_names_is_a_clear_error(repo: Repo, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (repo.root / "codegen").symlink_to(ROOT / "codegen")
    repo.edit("ticket.proto", '  TICKET_STATUS_REFUNDED = 4 [(vibe.options.v1.value).json = "refunded"];\n', "")
    monkeypatch.chdir(repo.root)

    assert main(["generate"]) == 1
    err = capsys.readouterr().err
    assert err == ('vibe-contracts generate: error: contracts/proto/vibe/integration/v1/ticket.proto: TicketStatus has '
                   'no value "refunded", which the ticket status lifecycle (LIFECYCLE_TRANSITIONS in '
                   'codegen/emit_docs.py, drawn in docs/contracts.md) still names: keep the value or change the '
                   'lifecycle\n')
    assert not (repo.root / "docs").exists()  # nothing was written


def test_a_proto_that_does_not_compile_names_the_file_and_line(repo: Repo, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    (repo.root / "codegen").symlink_to(ROOT / "codegen")
    repo.edit("ticket.proto", "optional string seat = 11", "optional strin seat = 11")
    monkeypatch.chdir(repo.root)

    assert main(["breaking", "--against", "1.0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("vibe-contracts breaking: error: buf build --as-file-descriptor-set")
    assert "contracts/proto/vibe/integration/v1/ticket.proto:57:" in err and "Traceback" not in err


def test_renaming_the_enum_the_lifecycle_draws_is_a_clear_error(repo: Repo, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    (repo.root / "codegen").symlink_to(ROOT / "codegen")
    path = repo.root / "contracts/proto/vibe/integration/v1/ticket.proto"
    path.write_text(path.read_text().replace("TicketStatus", "TicketState"))
    monkeypatch.chdir(repo.root)

    assert main(["generate"]) == 1
    assert capsys.readouterr().err == (
        "vibe-contracts generate: error: vibe.integration.v1 has no enum TicketStatus, which the ticket status "
        "lifecycle (LIFECYCLE_ENUM in codegen/emit_docs.py, drawn in docs/contracts.md) names\n")
