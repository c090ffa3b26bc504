"""The breaking-change gate (docs/spec.md §7): the working tree against a released contract.

Proto side (`gate_proto`): `buf breaking` with the FILE category (buf.yaml).
Generated bindings are published per file — Python modules, protobuf-es files —
so moving a type to another file or renaming a field breaks users of the
bindings even when the wire stays the same; FILE is the only category that sees that.

JSON side (`gate_schema`): the project's JSON Schema checker on the generated
schemas, in both directions docs/spec.md §7 asks for.

Policy, per contract package (`vibe.integration.vN`):

- a package's `contract_version` has the package's major: version 2.0 lives in
  `vibe.integration.v2`, never in `v1`;
- every released package is kept, and judged against its release: a breaking
  change is refused there (it belongs in a new package), any other change of
  the schemas (annotations aside) needs a new minor, comment-only edits pass;
- a new package carries a new major above every released one; what it changes
  against the previous major is listed (readers move at their own pace), not refused;
- a released package leaves the source only once retired on purpose
  (`codegen/retire.py`, recorded in `contracts/retired.json`), and a retired
  package never comes back;
- the contract version (the highest package's) never goes down.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from . import buf, changelog, emit_jsonschema
from .gate_finding import Finding, major_of, package_of_schema
from .gate_proto import proto_findings
from .gate_schema import schema_findings
from .lower import contract_packages, lower
from .retire import retired

RELEASES = "contracts/releases"
#: The legacy streams' definitions and the frozen image of their wire (docs/legacy.md).
LEGACY_PROTO = "contracts/proto/vibe/legacy"
LEGACY_SNAPSHOT = "contracts/legacy/image.binpb"
_WIRE = json.dumps({"version": "v2", "breaking": {"use": ["WIRE"]}})
_LEGACY_PACKAGE = "vibe.legacy"

__all__ = ["Finding", "ReleaseRefused", "Verdict", "compare", "cut_release", "latest_release", "resolve"]


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
    """One side of the comparison: a `buf build` image, each package's version, the schemas by file name."""

    packages: dict[str, str]
    image: Path
    schemas: dict[str, Any]
    descriptors: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return max(self.packages.values(), key=_version)

    @property
    def top(self) -> str:
        return max(self.packages, key=lambda p: _version(self.packages[p]))

    def schemas_of(self, package: str) -> dict[str, Any]:
        return {n: s for n, s in self.schemas.items() if package_of_schema(n) == package}


def current(root: Path, workdir: Path) -> Contract:
    descriptors = buf.build_image(root)
    lowered = [lower(descriptors, package) for package in contract_packages(descriptors)]
    binary = workdir / f"{root.name}.binpb"
    buf.run(root, "build", "--exclude-source-info", "-o", str(binary))
    schemas = {Path(p).name: json.loads(t) for c in lowered for p, t in emit_jsonschema.emit(c).items()}
    return Contract({c.package: c.version for c in lowered}, binary, schemas, descriptors)


def release_snapshot(directory: Path) -> Contract:
    """A saved release: `contracts/releases/<version>/` (see `cut_release`)."""
    meta = json.loads((directory / "release.json").read_text())
    schemas = {p.name: json.loads(p.read_text()) for p in sorted((directory / "jsonschema").glob("*.json"))}
    # Releases cut before the packages were recorded held one package, at the contract version.
    packages = meta.get("packages") or {package_of_schema(n): meta["contract_version"] for n in schemas}
    return Contract(packages, directory / "image.binpb", schemas)


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
    for candidate in (Path(against), root / against, root / RELEASES / against):
        if (candidate / "release.json").is_file():
            return release_snapshot(candidate)
    return from_git(root, against, workdir)


def latest_release(root: Path) -> Path:
    versions = sorted((p.parent for p in (root / RELEASES).glob("*/release.json")), key=lambda p: _version(p.name))
    if not versions:
        raise ReleaseRefused(f"no release under {RELEASES}: `vibe-contracts release` saves the first")
    return versions[-1]


def compare(root: Path, against: str) -> Verdict:
    """Run both checks and the version policy."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old, new = resolve(root, against, work), current(root, work)
        verdict = Verdict(old.version, new.version)
        verdict.findings += proto_findings(root, old.image, new.descriptors, old.top)
        legacy = legacy_findings(root, work)
    for package in sorted(set(old.packages) & set(new.packages), key=major_of):
        verdict.findings += schema_findings(old.schemas_of(package), new.schemas_of(package),
                                            old.packages[package], new.packages[package])
    for package in sorted(set(new.packages) - set(old.packages), key=major_of):
        verdict.findings += _new_major(old, new, package)
    gone = retired(root)
    verdict.findings = [f for f in verdict.findings if f.package not in gone or f.package in new.packages]
    _apply_policy(verdict, old, new, gone)
    verdict.findings += legacy
    verdict.problems += [f"the legacy streams' definitions are frozen: {f.kind} {f.file} {f.where}" for f in legacy]
    return verdict


def _new_major(old: Contract, new: Contract, package: str) -> list[Finding]:
    """What a new package changes against the previous major, message by message (for the record)."""
    previous = max((p for p in new.packages if major_of(p) < major_of(package)), key=major_of, default=None)
    if previous is None:
        return []
    rename = {n.replace(f"{previous}.", f"{package}.", 1): s for n, s in new.schemas_of(previous).items()}
    findings = schema_findings(rename, new.schemas_of(package), new.packages[previous], new.packages[package])
    moved = f"readers of {new.packages[previous].split('.')[0]}.x move to {package} at their own pace"
    return [Finding(f.package, f.file, f.where, f.kind, f.breaking, f"{f.words} (new major; {moved})" if f.breaking
                    else f.words) for f in findings]


def legacy_findings(root: Path, workdir: Path) -> list[Finding]:
    """Changes to the legacy definitions that would stop them reading the real streams (buf's WIRE rules)."""
    if not (root / LEGACY_PROTO).is_dir():
        return []
    if not (root / LEGACY_SNAPSHOT).is_file():
        return [Finding(_LEGACY_PACKAGE, LEGACY_SNAPSHOT, "#", "LEGACY_SNAPSHOT_MISSING", True,
                        "the frozen image of the legacy wire is missing")]
    image = workdir / "legacy.binpb"
    buf.run(root, "build", "--path", LEGACY_PROTO, "-o", str(image))
    result = buf.run(root, "breaking", str(image), "--against", str(root / LEGACY_SNAPSHOT), "--config", _WIRE,
                     "--error-format", "json", check=False)
    if result.returncode not in (0, 100):
        raise RuntimeError(f"buf breaking failed: {result.stderr.strip()}")
    return [Finding(_LEGACY_PACKAGE, item.get("path", "?"), f"line {item.get('start_line', '?')}",
                    f"PROTO_LEGACY_{item['type']}", True,
                    f"{item.get('message', '').rstrip('.')} — the legacy streams would no longer be read")
            for item in map(json.loads, result.stdout.splitlines())]


def _apply_policy(verdict: Verdict, old: Contract, new: Contract, gone: dict[str, dict[str, str]]) -> None:
    problems = verdict.problems
    if _version(new.version) < _version(old.version):
        problems.append(f"contract version went down: {old.version} → {new.version}")
    for package, version in sorted(new.packages.items()):
        major = _version(version)[0]
        if major != major_of(package):
            problems.append(
                f"contract_version {version} in package {package}: major {major} needs its own package "
                f"vibe.integration.v{major} (docs/spec.md §7), and {package} keeps its {major_of(package)}.x version")
    newest_released = max(major_of(p) for p in old.packages)
    for package in sorted(set(new.packages) - set(old.packages)):
        if major_of(package) <= newest_released:
            problems.append(f"new package {package} is not a new major: {old.version} is released")
    for package in sorted(set(gone) & set(new.packages)):
        problems.append(f"package {package} was retired on {gone[package]['date']} (contracts/retired.json): a "
                        f"retired major never comes back; make the change in a new major")
    for package in sorted(old.packages):
        if package not in new.packages and package in gone:
            continue
        if package not in new.packages:
            problems.append(f"package {package} ({old.packages[package]}) was removed: keep the previous "
                            f"major until its consumers move (docs/spec.md §7), then `vibe-contracts retire "
                            f"{major_of(package)}` removes it on purpose")
            continue
        _kept_package(verdict, package, old.packages[package], new.packages[package], old, new)


def _kept_package(verdict: Verdict, package: str, released: str, version: str, old: Contract, new: Contract) -> None:
    findings = [f for f in verdict.findings if f.package == package]
    breaking = [f for f in findings if f.breaking]
    if _version(version) < _version(released):
        verdict.problems.append(f"{package}: contract_version went down: {released} → {version}")
    elif breaking:
        added = sorted(set(new.packages) - set(old.packages), key=major_of)
        successor = added[-1] if added else f"vibe.integration.v{max(map(major_of, new.packages)) + 1}"
        verdict.problems.append(
            f"{len(breaking)} breaking change(s) in {package} (released {released}): a breaking change needs a "
            f"new major (docs/spec.md §7): make it in a new package {successor} with contract_version "
            f"{major_of(successor)}.0, and keep {package} as released so its readers go on working")
    elif findings and _version(version) <= _version(released):
        verdict.problems.append(
            f"the schemas of {package} changed compatibly: bump the minor version (contract_version in "
            f"version.proto) above {released}")


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")
    return int(major), int(minor)


class ReleaseRefused(ValueError):
    """The gate refuses the working tree, or the version is released already."""


def cut_release(root: Path, today: date | None = None) -> Path:
    """Save the working tree's contract as `contracts/releases/<version>/` and add its CHANGELOG entry."""
    released = (root / RELEASES).is_dir() and any((root / RELEASES).glob("*/release.json"))
    verdict = compare(root, str(latest_release(root))) if released else None
    if verdict is not None and not verdict.ok:
        raise ReleaseRefused("the gate refuses this contract: " + "; ".join(verdict.problems))
    with tempfile.TemporaryDirectory() as tmp:
        contract = current(root, Path(tmp))
        target = root / RELEASES / contract.version
        if target.exists():
            raise ReleaseRefused(f"release {contract.version} exists already: bump contract_version first")
        (target / "jsonschema").mkdir(parents=True)
        shutil.copyfile(contract.image, target / "image.binpb")
    for name, schema in sorted(contract.schemas.items()):
        (target / "jsonschema" / name).write_text(emit_jsonschema.to_text(schema))
    meta = {"contract_version": contract.version, "packages": dict(sorted(contract.packages.items()))}
    (target / "release.json").write_text(json.dumps(meta, indent=2) + "\n")
    changelog.add_entry(root, contract.version, today or datetime.now(timezone.utc).date(), verdict)
    return target
