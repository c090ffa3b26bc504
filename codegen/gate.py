"""The breaking-change gate (SPEC §7): the working tree against a released contract.

Proto side: `buf breaking` with the FILE category (buf.yaml). Generated bindings
are published per file — Python modules, protobuf-es files — so moving a type to
another file or renaming a field breaks users of the bindings even when the wire
stays the same; FILE is the only category that sees that.

JSON side: the project's JSON Schema checker on the generated schemas, in both
directions SPEC §7 asks for: a new reader reads what an old writer wrote
(backward: old writer → new reader) and an old reader reads what a new writer
writes (old reader ← new writer).

Policy: a breaking change needs a new major; any other change of the schemas
(annotations aside) needs at least a new minor; comment-only edits pass.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vibe_contracts.compat import check
from vibe_contracts.compat.change import Effect

from . import buf, emit_jsonschema
from .lower import lower

RELEASES = "contracts/releases"
#: The legacy streams' definitions and the frozen image of their wire (docs/legacy.md).
LEGACY_PROTO = "contracts/proto/vibe/legacy"
LEGACY_SNAPSHOT = "contracts/legacy/image.binpb"
_WIRE = json.dumps({"version": "v2", "breaking": {"use": ["WIRE"]}})


@dataclass(frozen=True)
class Finding:
    """One difference between the release and the working tree."""

    file: str
    path: str
    kind: str
    breaking: bool

    def __str__(self) -> str:
        return f"{'BREAKING' if self.breaking else 'compatible'} {self.kind} {self.file} {self.path}"


@dataclass
class Verdict:
    old_version: str
    new_version: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Contract:
    """One side of the comparison: a `buf build` image and the generated schemas by file name."""

    version: str
    image: Path
    schemas: dict[str, Any]


def current(root: Path, workdir: Path) -> Contract:
    image = lower(buf.build_image(root))
    binary = workdir / f"{root.name}.binpb"
    buf.run(root, "build", "--exclude-source-info", "-o", str(binary))
    return Contract(image.version, binary, _schemas(emit_jsonschema.emit(image)))


def release_snapshot(directory: Path) -> Contract:
    """A saved release: `contracts/releases/<version>/` (see `cut_release`)."""
    meta = json.loads((directory / "release.json").read_text())
    schemas = {p.name: json.loads(p.read_text()) for p in sorted((directory / "jsonschema").glob("*.json"))}
    return Contract(meta["contract_version"], directory / "image.binpb", schemas)


def from_git(root: Path, ref: str, workdir: Path) -> Contract:
    """The contract as committed at a git ref (needs `buf.yaml` and `contracts/` there)."""
    archive = subprocess.run(["git", "archive", ref, "buf.yaml", "contracts/proto"], cwd=root,
                             check=True, capture_output=True).stdout
    tree = workdir / "ref"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    return current(tree, workdir)


def resolve(root: Path, against: str, workdir: Path) -> Contract:
    """`against` is a release folder (or its version under contracts/releases) or a git ref."""
    for candidate in (Path(against), root / RELEASES / against):
        if (candidate / "release.json").is_file():
            return release_snapshot(candidate)
    return from_git(root, against, workdir)


def latest_release(root: Path) -> Path:
    versions = sorted((root / RELEASES).iterdir(), key=lambda p: _version(p.name))
    return versions[-1]


def compare(root: Path, against: str) -> Verdict:
    """Run both checks and the version policy."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old, new = resolve(root, against, work), current(root, work)
        verdict = Verdict(old.version, new.version)
        verdict.findings += _proto_findings(root, old.image)
        verdict.findings += _schema_findings(old.schemas, new.schemas)
        legacy = legacy_findings(root, work)
    _apply_policy(verdict, changed=bool(verdict.findings))
    verdict.findings += legacy
    verdict.problems += [f"the legacy streams' definitions are frozen: {f.kind} {f.file} {f.path}" for f in legacy]
    return verdict


def _proto_findings(root: Path, against_image: Path) -> list[Finding]:
    result = buf.run(root, "breaking", "--against", str(against_image), "--error-format", "json", check=False)
    findings = []
    for line in result.stdout.splitlines():
        item = json.loads(line)
        where = f"line {item.get('start_line', '?')}"
        findings.append(Finding(item.get("path", "?"), where, f"PROTO_{item['type']}", True))
    if result.returncode not in (0, 100) and not findings:  # 100: breaking changes found
        raise RuntimeError(f"buf breaking failed: {result.stderr.strip()}")
    return findings


def legacy_findings(root: Path, workdir: Path) -> list[Finding]:
    """Changes to the legacy definitions that would stop them reading the real streams (buf's WIRE rules)."""
    if not (root / LEGACY_PROTO).is_dir():
        return []
    if not (root / LEGACY_SNAPSHOT).is_file():
        return [Finding(LEGACY_SNAPSHOT, "#", "LEGACY_SNAPSHOT_MISSING", True)]
    image = workdir / "legacy.binpb"
    buf.run(root, "build", "--path", LEGACY_PROTO, "-o", str(image))
    result = buf.run(root, "breaking", str(image), "--against", str(root / LEGACY_SNAPSHOT), "--config", _WIRE,
                     "--error-format", "json", check=False)
    if result.returncode not in (0, 100):
        raise RuntimeError(f"buf breaking failed: {result.stderr.strip()}")
    return [Finding(item.get("path", "?"), f"line {item.get('start_line', '?')}", f"PROTO_LEGACY_{item['type']}", True)
            for item in map(json.loads, result.stdout.splitlines())]


def _schema_findings(old: dict[str, Any], new: dict[str, Any]) -> list[Finding]:
    findings = [
        Finding(name, "#", "SCHEMA_REMOVED" if name not in new else "SCHEMA_ADDED", name not in new)
        for name in sorted(set(old) ^ set(new))
    ]
    for name in sorted(set(old) & set(new)):  # what changed in each form, annotations aside
        findings += [
            Finding(name, c.path, c.kind.name, False)
            for c in check(old[name], new[name], mode="full").changes if c.kind.effect is not Effect.NONE
        ]
    for name in sorted(n for n in set(old) & set(new) if n.endswith(".writer.schema.json")):
        reader = name.replace(".writer.", ".reader.")
        if reader not in old or reader not in new:
            continue
        # A new reader reads what an old writer wrote; an old reader reads what a new writer writes.
        for label, writer, reader_schema, file in (
            ("new reader vs old writer", old[name], new[reader], reader),
            ("old reader vs new writer", new[name], old[reader], name),
        ):
            findings += [
                Finding(file, f"{c.path} ({label})", c.kind.name, True)
                for c in check(writer, reader_schema, mode="backward").breaking
            ]
    return findings


def _apply_policy(verdict: Verdict, *, changed: bool) -> None:
    old, new = _version(verdict.old_version), _version(verdict.new_version)
    if new < old:
        verdict.problems.append(f"contract version went down: {verdict.old_version} → {verdict.new_version}")
    breaking = [f for f in verdict.findings if f.breaking]
    if breaking and new[0] <= old[0]:
        verdict.problems.append(
            f"{len(breaking)} breaking change(s) need a new major version (now {verdict.new_version}, "
            f"released {verdict.old_version}): a new proto package (…v{old[0] + 1}) and schema-version {old[0] + 1}.0")
    elif changed and new <= old:  # findings here are all compatible
        verdict.problems.append(
            f"the schemas changed compatibly: bump the minor version (contract_version in version.proto) "
            f"above {verdict.old_version}")


def _schemas(files: dict[str, str]) -> dict[str, Any]:
    return {Path(path).name: json.loads(text) for path, text in files.items()}


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")
    return int(major), int(minor)


def cut_release(root: Path) -> Path:
    """Save the working tree's contract as `contracts/releases/<version>/` (image and schemas)."""
    contracts = lower(buf.build_image(root))
    target = root / RELEASES / contracts.version
    if target.exists():
        raise FileExistsError(f"release {contracts.version} exists already: bump contract_version first")
    (target / "jsonschema").mkdir(parents=True)
    buf.run(root, "build", "--exclude-source-info", "-o", str(target / "image.binpb"))
    for path, text in emit_jsonschema.emit(contracts).items():
        (target / "jsonschema" / Path(path).name).write_text(text)
    (target / "release.json").write_text(json.dumps({"contract_version": contracts.version}, indent=2) + "\n")
    return target


