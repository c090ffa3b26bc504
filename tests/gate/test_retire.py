"""`vibe-contracts retire`: ending a major on purpose once its successor is released (docs/spec.md §7)."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from gate_repo import PROTO, ROOT, Repo

from codegen.gate import compare, cut_release
from codegen.pipeline import generate, stale, write
from codegen.retire import RetireRefused, retire

DAY = date(2026, 12, 6)
RELEASED_1 = {"vibe.integration.v1": "1.0"}
RELEASED_2 = {"vibe.integration.v1": "1.0", "vibe.integration.v2": "2.0"}


def _released_v2(repo: Repo) -> None:
    repo.add_major(2)
    cut_release(repo.root, DAY)


def test_a_major_with_a_released_successor_is_retired_and_the_gate_lets_it_go(repo: Repo) -> None:
    _released_v2(repo)
    assert retire(repo.root, 1, RELEASED_2, DAY) == "vibe.integration.v1"

    assert not (repo.root / PROTO / "v1").exists()
    assert json.loads((repo.root / "contracts/retired.json").read_text()) == {
        "vibe.integration.v1": {"last_version": "1.0", "successor": "vibe.integration.v2", "date": "2026-12-06"}}
    changelog = (repo.root / "contracts/CHANGELOG.md").read_text()
    assert changelog.index("## Retired vibe.integration.v1 (2026-12-06)") < changelog.index("## 2.0 (2026-12-06)")
    assert "Consumers still on 1.x: move to vibe.integration.v2 before upgrading the packages." in changelog

    verdict = compare(repo.root, "2.0")
    assert verdict.ok, verdict.problems
    assert [f for f in verdict.findings if f.package == "vibe.integration.v1"] == []
    files = generate(repo.root)
    assert not [p for p in files if "integration/v1/" in p or "integration.v1." in p]
    assert "contracts/jsonschema/vibe.integration.v2.Order.writer.schema.json" in files


def test_a_retired_majors_outputs_are_stale_until_generated_again(repo: Repo) -> None:
    _released_v2(repo)
    write(repo.root, generate(repo.root))
    assert (repo.root / "docs/contracts-v1.md").is_file()
    retire(repo.root, 1, RELEASED_2, DAY)
    files = generate(repo.root)
    left = stale(repo.root, files)
    assert {"docs/contracts-v1.md", "contracts/asyncapi-v1.yaml",
            "contracts/jsonschema/vibe.integration.v1.Order.writer.schema.json"} <= set(left)
    write(repo.root, files)
    assert stale(repo.root, files) == []
    assert not (repo.root / "docs/contracts-v1.md").exists() and (repo.root / "docs/contracts.md").is_file()


def test_without_the_retire_step_removing_a_released_major_is_refused(repo: Repo) -> None:
    _released_v2(repo)
    shutil.rmtree(repo.root / PROTO / "v1")
    verdict = compare(repo.root, "2.0")
    assert any("vibe.integration.v1 (1.0) was removed" in p and "vibe-contracts retire 1" in p
               for p in verdict.problems), verdict.problems
    deleted = [f for f in verdict.findings if f.kind == "PROTO_FILE_NO_DELETE"]
    assert len(deleted) == 7  # customer, event, order, organizer, refund, ticket, version
    assert {f.package for f in deleted} == {"vibe.integration.v1"}
    assert all("code using the 1.x bindings breaks" in f.words for f in deleted)


def test_a_retired_major_never_comes_back(repo: Repo) -> None:
    _released_v2(repo)
    retire(repo.root, 1, RELEASED_2, DAY)
    shutil.copytree(ROOT / PROTO / "v1", repo.root / PROTO / "v1")
    verdict = compare(repo.root, "2.0")
    assert any("vibe.integration.v1 was retired on 2026-12-06" in p for p in verdict.problems), verdict.problems


@pytest.mark.parametrize(("major", "released", "reason"), [
    (1, RELEASED_1, "no major above 1 is released"),  # nowhere to move to yet
    (2, RELEASED_2, "no major above 2 is released"),  # the newest major
    (3, RELEASED_2, "vibe.integration.v3 is not in the source"),
])
def test_retiring_is_refused_until_consumers_have_somewhere_to_move(
        repo: Repo, major: int, released: dict[str, str], reason: str) -> None:
    repo.add_major(2)
    before = sorted(p.relative_to(repo.root) for p in repo.root.rglob("*") if p.is_file())
    with pytest.raises(RetireRefused, match=reason):
        retire(repo.root, major, released, DAY)
    assert sorted(p.relative_to(repo.root) for p in repo.root.rglob("*") if p.is_file()) == before  # nothing touched


def test_an_unreleased_package_is_deleted_not_retired(repo: Repo) -> None:
    repo.add_major(2)
    with pytest.raises(RetireRefused, match="never released"):
        retire(repo.root, 2, RELEASED_1, DAY)


def test_a_major_is_retired_once(repo: Repo) -> None:
    _released_v2(repo)
    retire(repo.root, 1, RELEASED_2, DAY)
    with pytest.raises(RetireRefused, match="retired already"):
        retire(repo.root, 1, RELEASED_2, DAY)
