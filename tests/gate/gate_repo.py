"""A temporary copy of the contracts to edit, and the edits the gate tests make."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTO = "contracts/proto/vibe/integration"


class Repo:
    """A copy of what the gate and the generator read: buf files, the proto source, releases, vectors."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in ("buf.yaml", "buf.gen.yaml", "buf.gen.ts.yaml"):
            shutil.copy(ROOT / name, root / name)
        for folder in ("contracts/proto", "contracts/releases", "contracts/legacy", "examples/vectors"):
            shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("hostile"))
        (root / "typescript").mkdir()
        (root / "typescript/node_modules").symlink_to(ROOT / "typescript/node_modules")

    def edit(self, file: str, old: str, new: str, package: str = "v1") -> None:
        path = self.root / PROTO / package / file
        text = path.read_text()
        assert old in text, f"{file}: {old!r} not found"
        path.write_text(text.replace(old, new, 1))

    def set_version(self, version: str, package: str = "v1") -> None:
        self.edit("version.proto", 'contract_version = "1.0"', f'contract_version = "{version}"', package)

    def add_major(self, major: int) -> None:
        """A copy of v1 as package `vibe.integration.v<major>`, version `<major>.0`."""
        target = self.root / PROTO / f"v{major}"
        shutil.copytree(self.root / PROTO / "v1", target)
        for path in target.glob("*.proto"):
            text = path.read_text().replace("vibe.integration.v1", f"vibe.integration.v{major}")
            path.write_text(text.replace("vibe/integration/v1/", f"vibe/integration/v{major}/"))
        self.set_version(f"{major}.0", f"v{major}")
