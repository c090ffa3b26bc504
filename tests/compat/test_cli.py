"""``vibe-contracts compat OLD.json NEW.json``: output and exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vibe_contracts.compat.cli import main

OLD = {"type": "object", "properties": {"code": {"type": "string", "maxLength": 3}}}
WIDER = {"type": "object", "properties": {"code": {"type": "string", "maxLength": 5}},
         "description": "codes"}


def _write(directory: Path, name: str, content: Any) -> str:
    path = directory / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    return _write(tmp_path, "old.json", OLD), _write(tmp_path, "new.json", WIDER)


def test_compatible_pair_exits_0_and_lists_changes(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(list(files)) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "ok       MAX_LENGTH_INCREASED #/properties/code/maxLength",
        "ok       DESCRIPTION_CHANGED #/description",
        "backward: compatible",
    ]
    assert err == ""


def test_incompatible_mode_exits_1_and_marks_breaking_changes(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*files, "--mode", "forward"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "BREAKING MAX_LENGTH_INCREASED #/properties/code/maxLength",
        "ok       DESCRIPTION_CHANGED #/description",
        "forward: incompatible (1 of 2 changes break it)",
    ]


def test_full_mode(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*files, "--mode", "full"]) == 1
    assert capsys.readouterr().out.endswith("full: incompatible (1 of 2 changes break it)\n")


def test_identical_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [_write(tmp_path, "a.json", OLD), _write(tmp_path, "b.json", OLD)]
    assert main([*paths, "--mode", "full"]) == 0
    assert capsys.readouterr().out == "full: compatible (no changes)\n"


def test_json_output(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*files, "--mode", "forward", "--json"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "mode": "forward",
        "compatible": False,
        "changes": [
            {"kind": "MAX_LENGTH_INCREASED", "path": "#/properties/code/maxLength",
             "breaking": True},
            {"kind": "DESCRIPTION_CHANGED", "path": "#/description", "breaking": False},
        ],
    }


def test_boolean_schema_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [_write(tmp_path, "a.json", "false"), _write(tmp_path, "b.json", "true")]
    assert main([*paths, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == [
        {"kind": "SCHEMA_EXTENDED", "path": "#", "breaking": False}
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "is not a JSON Schema"),
        ("42", "is not a JSON Schema"),
    ],
)
def test_unreadable_input_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    good = _write(tmp_path, "good.json", OLD)
    if content is None:
        bad = str(tmp_path / "missing.json")
    else:
        bad = _write(tmp_path, "bad.json", content)
    assert main([good, bad]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("vibe-contracts compat: error: ") and message in err
    assert "Traceback" not in err


def test_directory_instead_of_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path), _write(tmp_path, "good.json", OLD)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_undecodable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"title": "\xe9"}')
    assert main([str(bad), str(bad)]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [[], ["only-one.json"], ["a.json", "b.json", "--mode", "sideways"], ["--bogus"]]
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: vibe-contracts compat")


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: vibe-contracts compat")
    assert "--mode {backward,forward,full}" in out


def test_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(OLD).encode())
    assert main([str(path), str(path)]) == 0
    assert capsys.readouterr().out == "backward: compatible (no changes)\n"
