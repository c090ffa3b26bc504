"""Shared fixtures: the real contract as a `buf build` image and as the neutral model."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from codegen.ir import Contracts
from codegen.lower import lower

ROOT = Path(__file__).resolve().parents[2]


def _buf() -> str:
    return shutil.which("buf") or str(Path(sys.executable).parent / "buf")


@pytest.fixture(scope="session")
def image_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The contract's FileDescriptorSet (with comments) in proto JSON form."""
    out = tmp_path_factory.mktemp("buf") / "image.json"
    subprocess.run([_buf(), "build", "--as-file-descriptor-set", "-o", str(out)], cwd=ROOT, check=True)
    return json.loads(out.read_text())


@pytest.fixture(scope="session")
def contracts(image_json: dict[str, Any]) -> Contracts:
    return lower(image_json)
