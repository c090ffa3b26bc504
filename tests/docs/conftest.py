"""Shared fixtures: the contract's neutral model and the shared vectors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen import buf, vectors as shared_vectors
from codegen.ir import Contracts
from codegen.lower import lower

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def contracts() -> Contracts:
    return lower(buf.build_image(ROOT))


@pytest.fixture(scope="session")
def vectors() -> dict[str, dict[str, Any]]:
    return shared_vectors.load(ROOT)
