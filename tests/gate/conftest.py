"""The `repo` fixture: a temporary copy of the contracts (see gate_repo.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gate_repo import Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)
