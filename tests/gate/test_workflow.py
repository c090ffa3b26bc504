"""The CI workflow: actionlint finds nothing in it, and a pull request runs the tests and the gate."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/ci.yml"


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    command = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert command, "actionlint is a dev dependency (constraints.txt)"
    return subprocess.run([command, "-no-color", str(path)], capture_output=True, text=True, cwd=ROOT)


def test_actionlint_finds_nothing() -> None:
    result = _actionlint(WORKFLOW)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_would_see_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / ".github/workflows/ci.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(WORKFLOW.read_text().replace("github.base_ref", "github.base_branch"))
    result = _actionlint(broken)
    assert result.returncode == 1 and 'property "base_branch" is not defined' in result.stdout


def test_a_pull_request_runs_the_tests_and_the_gate_against_its_base() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = workflow["jobs"]["test"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "make test" in runs
    gate = next(step for step in steps if "breaking" in step.get("run", ""))
    assert gate["run"] == '.venv/bin/vibe-contracts breaking --against "origin/$BASE_REF"'
    assert gate["env"] == {"BASE_REF": "${{ github.base_ref }}"} and gate["if"] == "github.event_name == 'pull_request'"
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to compare with
