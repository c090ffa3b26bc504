"""The generator: source → image → neutral model → every emitter → files.

`generate()` is pure apart from calling `buf`; `write()` replaces the generated
folders wholesale so that nothing stale survives; `stale()` is the drift check.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from . import buf, emit_jsonschema, emit_python
from .lower import lower

#: Folders that hold only generated files; `write()` empties them first.
GEN_DIRS = ("contracts/jsonschema", "python/vibe_contracts/_gen")
PROTO_DIR = "contracts/proto"
PY_GEN = emit_python.GEN_DIR

# protoc writes absolute imports of the proto packages (`from vibe.integration.v1 import …`);
# inside the wheel those modules live under vibe_contracts._gen.
_PY_IMPORT = re.compile(r"^from vibe\.", re.M)
_PY_MODULE_NAME = re.compile(r"'(vibe\.(?:integration|options)\.v1\.\w+_pb2)'")


def generate(root: Path) -> dict[str, str]:
    """Every generated file, repo-relative path → text."""
    contracts = lower(buf.build_image(root))
    files: dict[str, str] = {}
    files.update(emit_jsonschema.emit(contracts))
    files.update(emit_python.emit(contracts))
    files.update(_python_bindings(root))
    files.update(_package_data(root, files))
    return dict(sorted(files.items()))


def _python_bindings(root: Path) -> dict[str, str]:
    files = {}
    for path, text in buf.generate(root).items():
        text = _PY_IMPORT.sub("from vibe_contracts._gen.vibe.", text)
        text = _PY_MODULE_NAME.sub(r"'vibe_contracts._gen.\1'", text)
        files[f"{PY_GEN}/{path.removeprefix('python/')}"] = text
    packages = {str(Path(p).parent) for p in files}
    for package in sorted(packages):
        parts = Path(package).relative_to(PY_GEN).parts
        for i in range(1, len(parts) + 1):
            files.setdefault(f"{PY_GEN}/{'/'.join(parts[:i])}/__init__.py", "")
    return files


def _package_data(root: Path, generated: dict[str, str]) -> dict[str, str]:
    """Copies the wheel carries: the .proto sources and the JSON Schemas."""
    files = {}
    for proto in sorted((root / PROTO_DIR).rglob("*.proto")):
        files[f"{PY_GEN}/proto/{proto.relative_to(root / PROTO_DIR).as_posix()}"] = proto.read_text()
    for path, text in generated.items():
        if path.startswith("contracts/jsonschema/"):
            files[f"{PY_GEN}/jsonschema/{Path(path).name}"] = text
    return files


def write(root: Path, files: dict[str, str]) -> None:
    """Replace every generated folder with exactly `files`."""
    for d in GEN_DIRS:
        shutil.rmtree(root / d, ignore_errors=True)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def stale(root: Path, files: dict[str, str] | None = None) -> list[str]:
    """Generated paths whose committed content differs from what the source gives, or that should not exist."""
    files = generate(root) if files is None else files
    wrong = [p for p, text in files.items() if not (root / p).is_file() or (root / p).read_text() != text]
    extra = [
        p.relative_to(root).as_posix()
        for d in GEN_DIRS
        for p in (root / d).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.relative_to(root).as_posix() not in files
    ]
    return sorted(wrong + extra)
