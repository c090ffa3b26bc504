"""Runs the `buf` CLI: the compiled image (descriptors with comments and options) and protoc output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


def buf_command() -> str:
    """The `buf` executable: on PATH, or beside this Python (a virtualenv's bin)."""
    found = shutil.which("buf") or shutil.which("buf", path=str(Path(sys.executable).parent))
    if not found:
        raise RuntimeError("the `buf` CLI is needed to generate code: pip install buf-bin")
    return found


def run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `buf ARGS` in `root`; raise with buf's message if it fails and `check`."""
    # buf.gen.yaml runs `python -m grpc_tools.protoc`: put this Python first on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([buf_command(), *args], cwd=root, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError(f"buf {' '.join(args)} failed:\n{result.stderr or result.stdout}")
    return result


def build_image(root: Path) -> dict[str, Any]:
    """The FileDescriptorSet of the module, with source info, in proto JSON form."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "image.json"
        run(root, "build", "--as-file-descriptor-set", "-o", str(out))
        return json.loads(out.read_text())


def generate(root: Path, template: str = "buf.gen.yaml") -> dict[str, str]:
    """Run `buf generate` into a scratch folder; return path (relative to it) → text."""
    with tempfile.TemporaryDirectory() as tmp:
        run(root, "generate", "--template", template, "-o", tmp)
        base = Path(tmp)
        return {p.relative_to(base).as_posix(): p.read_text() for p in sorted(base.rglob("*")) if p.is_file()}
