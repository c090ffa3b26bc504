"""docs/spec.md §7: both packages carry the newest contract in the source (package `1.0.x` is contract `1.0`)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import vibe_contracts

ROOT = Path(__file__).resolve().parents[2]


def package_versions() -> dict[str, str]:
    typescript = re.search(r'export const VERSION = "([^"]+)";', (ROOT / "typescript/src/common.ts").read_text())
    assert typescript is not None, "typescript/src/common.ts exports VERSION"
    return {
        "pyproject.toml": tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"],
        "vibe_contracts.__version__": vibe_contracts.__version__,
        "typescript/package.json": json.loads((ROOT / "typescript/package.json").read_text())["version"],
        "typescript/src/common.ts VERSION": typescript.group(1),
    }


def test_every_package_version_is_the_same() -> None:
    versions = package_versions()
    assert len(set(versions.values())) == 1, versions


def test_the_packages_carry_the_newest_contract_in_the_source() -> None:
    # A new major in the source moves the top level to it: the packages' version must follow (2.0.x for 2.0).
    for where, version in package_versions().items():
        assert version.rsplit(".", 1)[0] == vibe_contracts.CONTRACT_VERSION, (where, version)
