"""`vibe-contracts release`: the snapshot and its contracts/CHANGELOG.md entry."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from gate_repo import Repo

from codegen.gate import ReleaseRefused, compare, cut_release

DAY = date(2026, 12, 6)
EXISTING = "# Contract changelog\n\nIntro.\n\n## 1.0 (2026-01-01)\n\nFirst release.\n"


def test_a_minor_release_writes_its_entry_first(repo: Repo) -> None:
    (repo.root / "contracts/CHANGELOG.md").write_text(EXISTING)
    repo.edit("order.proto", "  repeated OrderTicket tickets = 4", "  optional string note = 5;\n  repeated OrderTicket tickets = 4")
    repo.set_version("1.1")
    target = cut_release(repo.root, DAY)

    assert json.loads((target / "release.json").read_text()) == {
        "contract_version": "1.1", "packages": {"vibe.integration.v1": "1.1"}}
    assert compare(repo.root, "1.1").findings == []  # the snapshot is the working tree
    text = (repo.root / "contracts/CHANGELOG.md").read_text()
    assert text.startswith("# Contract changelog\n\nIntro.\n\n## 1.1 (2026-12-06)\n\nChanges against 1.0:\n\n"
                           "- Order.note: field added; the writer schema accepts more — nobody breaks\n")
    assert "Who must act:\n\n- Nobody: every change is compatible both ways" in text
    assert text.endswith("## 1.0 (2026-01-01)\n\nFirst release.\n")


def test_a_new_major_release_tells_consumers_to_move(repo: Repo) -> None:
    repo.add_major(2)
    repo.edit("ticket.proto", "seat = 11 [(vibe.options.v1.field).max_len = 64]",
              "seat = 11 [(vibe.options.v1.field).max_len = 32]", package="v2")
    cut_release(repo.root, DAY)
    text = (repo.root / "contracts/CHANGELOG.md").read_text()
    assert "## 2.0 (2026-12-06)" in text
    assert "- Ticket.seat: max length decreased (64 → 32); the writer schema accepts less — readers of 2.0 refuse " \
           "what writers of 1.x send (new major; readers of 1.x move to vibe.integration.v2 at their own pace)" in text
    assert "- Consumers: move to vibe.integration.v2 (schema-version 2.0) at your own pace" in text
    release = json.loads((repo.root / "contracts/releases/2.0/release.json").read_text())
    assert release["packages"] == {"vibe.integration.v1": "1.0", "vibe.integration.v2": "2.0"}


def test_a_release_the_gate_refuses_is_not_cut(repo: Repo) -> None:
    repo.edit("ticket.proto", "seat = 11 [(vibe.options.v1.field).max_len = 64]", "seat = 11 [(vibe.options.v1.field).max_len = 32]")
    repo.set_version("1.1")
    with pytest.raises(ReleaseRefused, match="breaking change"):
        cut_release(repo.root, DAY)
    assert not (repo.root / "contracts/releases/1.1").exists()
    assert not (repo.root / "contracts/CHANGELOG.md").exists()


def test_an_existing_release_is_not_overwritten(repo: Repo) -> None:
    with pytest.raises(ReleaseRefused, match="exists already"):
        cut_release(repo.root, DAY)


def test_the_first_release_needs_no_earlier_one(repo: Repo) -> None:
    for release in (repo.root / "contracts/releases").iterdir():
        shutil.rmtree(release)
    target = cut_release(repo.root, DAY)
    assert target == repo.root / "contracts/releases/1.0"
    assert (repo.root / "contracts/CHANGELOG.md").read_text().endswith("## 1.0 (2026-12-06)\n\nFirst release.\n")
    assert compare(repo.root, "1.0").ok
