"""The `vibe-contracts` command says what is wrong, and where, without a traceback."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vibe_contracts import Order
from vibe_contracts.cli import CHECKOUT_COMMANDS, main

ROOT = Path(__file__).parents[2]
ORDER = next(c["json"] for c in json.loads((ROOT / "examples/vectors/order.json").read_text())["valid"] if "json" in c)


def cli(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "python")}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "vibe_contracts.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_validate_hints_protobuf_for_protobuf_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wire = tmp_path / "order.bin"
    wire.write_bytes(Order.from_dict(ORDER).to_proto())
    assert main(["validate", "--type", "order", str(wire)]) == 1
    out = capsys.readouterr().out
    assert f"{wire}: <root>: syntax:" in out
    assert f"{wire}: hint: these bytes are a valid Protobuf order: add --format protobuf" in out
    assert main(["validate", "--type", "order", "--format", "protobuf", str(wire)]) == 0


def test_validate_gives_no_hint_for_bytes_that_are_neither(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk"
    junk.write_bytes(b"\xff\xfe not anything")
    assert main(["validate", "--type", "order", str(junk)]) == 1
    assert ": hint:" not in capsys.readouterr().out


def test_validate_checks_the_major_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    order = tmp_path / "order.json"
    order.write_bytes(Order.from_dict(ORDER).to_json())
    assert main(["validate", "--type", "order", "--major", "1", str(order)]) == 0
    assert capsys.readouterr().out == f"{order}: valid order\n"
    assert main(["validate", "--type", "order", "--major", "7", str(order)]) == 2
    assert capsys.readouterr().err == "vibe-contracts validate: no major 7 in this package (majors: 1)\n"


REQUIRED_ARGUMENTS = {"retire": ("1",)}


@pytest.mark.parametrize("command", CHECKOUT_COMMANDS)
def test_outside_a_checkout_the_message_names_the_commands(tmp_path: Path, command: str) -> None:
    result = cli(command, *REQUIRED_ARGUMENTS.get(command, ()), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"vibe-contracts {command}: no source checkout here" in result.stderr
    assert "generate, check, breaking, release, retire run inside a checkout" in result.stderr
    assert "validate, compat and bridge work anywhere" in result.stderr


def test_without_buf_generate_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from codegen import buf

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(buf.shutil, "which", lambda *args, **kwargs: None)  # no buf anywhere
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "vibe-contracts check: error: the `buf` CLI is needed to generate code: pip install buf-bin\n")


def test_a_failure_nobody_foresaw_names_the_output(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from codegen import emit_asyncapi

    def broken(*args: object) -> dict[str, str]:
        raise KeyError("refunded")

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(emit_asyncapi, "emit", broken)
    assert main(["check"]) == 1
    assert capsys.readouterr().err == (
        "vibe-contracts check: error: rendering contracts/asyncapi.yaml and docs/contracts.md failed: KeyError: 'refunded'\n")


def test_an_edit_that_does_not_compile_is_named(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", "dist", "releases"))
    proto = checkout / "contracts/proto/vibe/integration/v1/order.proto"
    proto.write_text(proto.read_text().replace("message Order {", "message Order {\n  strin broken = 99;", 1))
    result = cli("generate", cwd=checkout, path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("vibe-contracts generate: error: buf build")
    assert "order.proto" in result.stderr


def test_retire_refuses_the_only_major_and_touches_nothing(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=shutil.ignore_patterns(".venv", "node_modules", ".git", "dist"))
    result = cli("retire", "1", cwd=checkout)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == ("vibe-contracts retire: error: no major above 1 is released: release "
                             "vibe.integration.v1's successor first, so that its consumers have somewhere to move\n")
    assert (checkout / "contracts/proto/vibe/integration/v1/order.proto").is_file()
    assert not (checkout / "contracts/retired.json").exists()


def test_the_readme_lists_every_command() -> None:
    from vibe_contracts.cli import _parser

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### CLI"):readme.index("## TypeScript")]
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert len(commands.choices) >= 7
    for name in commands.choices:
        assert f"vibe-contracts {name}" in section, name
