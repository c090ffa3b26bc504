"""The wheel builds without buf or protoc, carries its data files, and works when installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PATH": "/usr/bin:/bin"}  # no buf, no protoc, no virtualenv tools
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True, env=env, capture_output=True,
    )
    return next(out.glob("vibe_contracts-1.0.0-*.whl"))


def test_wheel_carries_protos_schemas_stubs_and_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for message in ("Organizer", "Event", "Order", "Refund", "Ticket"):
        for variant in ("writer", "reader"):
            assert f"vibe_contracts/_gen/jsonschema/vibe.integration.v1.{message}.{variant}.schema.json" in names
    assert "vibe_contracts/_gen/proto/vibe/integration/v1/order.proto" in names
    assert "vibe_contracts/_gen/proto/vibe/options/v1/options.proto" in names
    assert "vibe_contracts/_gen/vibe/integration/v1/order_pb2.pyi" in names
    assert "vibe_contracts/py.typed" in names
    assert {"vibe_contracts/v1/__init__.py", "vibe_contracts/v1/kafka.py", "vibe_contracts/_gen/v1/fast.py"} <= names
    assert not any(n.startswith("codegen/") for n in names)


def test_installed_wheel_decodes(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    script = (
        "import vibe_contracts, sys; "
        "o = vibe_contracts.decode('refund', b'{\"customer\":{\"email\":\"a@b.co\",\"phone\":\"+79161234567\"},"
        "\"ticket_ids\":[\"t\"]}'); "
        "from vibe_contracts.v1 import decode; assert decode('refund', o.to_json()) == o; "
        "print(vibe_contracts.__file__); print(o.to_proto().hex())"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(target)}, check=True)
    location, proto_hex = result.stdout.split()
    assert location.startswith(str(target))
    assert bytes.fromhex(proto_hex).startswith(b"\x12")  # field 2 (customer), length-delimited


def test_installed_wheel_maps_a_legacy_order(wheel: Path, tmp_path: Path) -> None:
    """The README's legacy example, run against the installed wheel (not the checkout)."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Legacy streams"):]
    start = section.index("```python\n") + len("```python\n")
    snippet = section[start:section.index("\n```", start)]
    script = f"import vibe_contracts.legacy as m; print(m.__file__)\n{snippet}"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(target)}, check=True)
    location, v1_json = result.stdout.split("\n", 1)
    assert location.startswith(str(target))
    assert '"phone":"+79161234567"' in v1_json and '"category":"Stalls"' in v1_json


def test_wheel_metadata_names_the_license_and_the_project_urls(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    headers = [line for line in metadata.split("\n\n", 1)[0].splitlines()]
    assert "License: Proprietary" in headers
    assert "Classifier: License :: Other/Proprietary License" in headers
    assert "Classifier: Typing :: Typed" in headers
    urls = {line.split(": ", 1)[1].split(", ", 1)[0] for line in headers if line.startswith("Project-URL: ")}
    assert urls == {"Repository", "Documentation", "Specification", "Changelog", "Issues"}
    assert "Provides-Extra: pydantic" in headers
    assert not any(line.startswith("Requires-Dist: pydantic") and "extra ==" not in line for line in headers)
