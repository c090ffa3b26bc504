"""The public API's types under `mypy --strict`: decode by name, models, errors, schemas."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def mypy(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental", *map(str, paths)],
        capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(ROOT / "python")}, cwd=ROOT,
    )


def test_the_api_has_the_types_it_promises() -> None:
    result = mypy(Path(__file__).with_name("api_types.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_type_is_caught(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "from typing import assert_type\nfrom vibe_contracts import Event, decode\n"
        "assert_type(decode('order', b''), Event)\n"
        "from vibe_contracts.statuses import StatusReducer\n"
        "def f(name: str) -> None:\n    StatusReducer().apply(decode(name, b''))\n"
        "def g(o: Event) -> None:\n    o.id = 'x'\n"
    )
    result = mypy(wrong)
    assert result.returncode == 1
    assert 'Expression is of type "Order", not "Event"' in result.stdout
    assert 'incompatible type "Contract"; expected "Ticket | Order | Refund"' in result.stdout
    assert 'Property "id" defined in "Event" is read-only' in result.stdout  # the models are frozen
