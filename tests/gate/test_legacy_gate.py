"""The gate freezes the legacy definitions at WIRE level; v1 keeps every lint rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codegen import buf
from codegen.gate import compare

ROOT = Path(__file__).parents[2]
LEGACY = "contracts/proto/vibe/legacy/ticketscloud"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    shutil.copy(ROOT / "buf.yaml", root / "buf.yaml")
    for folder in ("proto", "releases", "legacy"):
        shutil.copytree(ROOT / "contracts" / folder, root / "contracts" / folder)
    return root


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text()
    assert old in text, f"{file}: {old!r} not found"
    path.write_text(text.replace(old, new, 1))


# (id, file, old, new, the buf WIRE rule expected, or None when the wire still reads the real streams)
CASES = [
    ("rename-field", "order.proto", "string serial = 3;", "string series = 3;", None),
    ("rename-enum-value", "refund_request.proto", "APPROVED = 2;", "ACCEPTED = 2;", None),
    ("add-field", "partner.proto", "Legal legal = 40;", "Legal legal = 40;\n  string site = 41;", None),
    ("renumber-field", "order.proto", "int64 nominal = 11;", "int64 nominal = 12;", "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"),
    ("change-type", "order.proto", "string barcode = 5;", "int64 barcode = 5;", "FIELD_WIRE_COMPATIBLE_TYPE"),
    ("delete-field", "event.proto", "  bool open_date = 15;\n", "", "FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED"),
    ("enum-value-renumbered", "order.proto", "DONE = 2;", "DONE = 5;", "ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED"),
]


@pytest.mark.parametrize(("file", "old", "new", "rule"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_legacy_wire_is_frozen(tmp_path: Path, file: str, old: str, new: str, rule: str | None) -> None:
    root = _copy(tmp_path)
    _edit(root, f"{LEGACY}/{file}", old, new)
    verdict = compare(root, "1.0")
    kinds = {f.kind for f in verdict.findings}
    if rule is None:
        assert verdict.ok, verdict.problems
        assert not kinds
    else:
        assert not verdict.ok
        assert f"PROTO_LEGACY_{rule}" in kinds, kinds
        assert any("legacy streams' definitions are frozen" in p for p in verdict.problems)


def test_missing_snapshot_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "contracts/legacy/image.binpb").unlink()
    assert not compare(root, "1.0").ok


def test_lint_passes_and_still_holds_v1_to_every_rule(tmp_path: Path) -> None:
    assert buf.run(ROOT, "lint", check=False).returncode == 0
    root = _copy(tmp_path)
    _edit(root, "contracts/proto/vibe/integration/v1/order.proto", "message OrderTicket {",
          "enum Kind {\n  ONE = 0;\n}\n\nmessage OrderTicket {")
    result = buf.run(root, "lint", "--error-format", "json", check=False)
    assert result.returncode != 0
    assert "ENUM_ZERO_VALUE_SUFFIX" in result.stdout and "ENUM_VALUE_PREFIX" in result.stdout, result.stdout
