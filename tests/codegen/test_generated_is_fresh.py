"""The committed generated files equal what the source gives; the source passes buf lint and format."""

from __future__ import annotations

import subprocess
from pathlib import Path

from codegen.buf import buf_command
from codegen.pipeline import generate, stale

ROOT = Path(__file__).parents[2]


def test_generated_files_are_fresh() -> None:
    assert stale(ROOT) == []


def test_generation_is_deterministic() -> None:
    assert generate(ROOT) == generate(ROOT)


def test_every_generated_file_is_marked() -> None:
    for path, text in generate(ROOT).items():
        if path.endswith(".proto"):
            continue  # copies of the source, carried as package data
        assert "@generated" in text[:600] or "DO NOT EDIT" in text[:600], path


def test_buf_lint_passes() -> None:
    result = subprocess.run([buf_command(), "lint"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_buf_format_is_clean() -> None:
    result = subprocess.run([buf_command(), "format", "--diff", "--exit-code"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
