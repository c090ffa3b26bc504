"""Retiring a major on purpose (docs/spec.md §7: the old major is kept *until consumers move*).

`retire(root, major)` is the maintainer's act that ends a major: it needs a newer
major already released (somewhere to move to), removes the package's `.proto`
files, records the package in `contracts/retired.json` and writes the CHANGELOG
entry. The gate then lets the package go; it refuses it back, since a major
number, once retired, is never given another meaning.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from .changelog import add_section
from .gate_finding import major_of

RETIRED = "contracts/retired.json"
PROTO = "contracts/proto/vibe/integration"


class RetireRefused(ValueError):
    """The major cannot be retired yet: the message says why."""


def retired(root: Path) -> dict[str, dict[str, str]]:
    """Retired packages → their record (last released version, successor, date)."""
    path = root / RETIRED
    return json.loads(path.read_text()) if path.is_file() else {}


def retire(root: Path, major: int, released: dict[str, str], today: date | None = None) -> str:
    """Retire `vibe.integration.v<major>`; `released` is the latest release's packages → versions."""
    package = f"vibe.integration.v{major}"
    source = root / PROTO / f"v{major}"
    if package in retired(root):
        raise RetireRefused(f"{package} is retired already")
    if not source.is_dir():
        raise RetireRefused(f"{package} is not in the source ({source.relative_to(root)} is missing)")
    if package not in released:
        raise RetireRefused(f"{package} was never released: delete {source.relative_to(root)} instead")
    newer = sorted((p for p in released if (major_of(p) or 0) > major), key=lambda p: major_of(p) or 0)
    if not newer:
        raise RetireRefused(f"no major above {major} is released: release {package}'s successor first, "
                            "so that its consumers have somewhere to move")
    day = today or datetime.now(timezone.utc).date()
    record = {"last_version": released[package], "successor": newer[0], "date": day.isoformat()}
    shutil.rmtree(source)
    (root / RETIRED).write_text(json.dumps({**retired(root), package: record}, indent=2, sort_keys=True) + "\n")
    add_section(root, f"Retired {package} ({day.isoformat()})", [
        f"{package} (last released {record['last_version']}) is no longer in the source, so the next package "
        f"release no longer carries its bindings (`vibe_contracts.v{major}`, `@vibe/contracts/v{major}`).",
        f"Consumers still on {major}.x: move to {newer[0]} before upgrading the packages.",
        f"Producers: stop writing schema-version {major}.x.",
    ])
    return package
