"""The `vibe-contracts` command: generate, check, breaking, release, retire, validate, compat, bridge."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType

from .codec import MESSAGE_TYPES
from .errors import ContractError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    """Entry point of `vibe-contracts`; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["compat"]:
        from .compat.cli import main as compat_main

        return compat_main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (ValueError, RuntimeError, OSError) as exc:  # a source the generator or the gate cannot use
        print(f"vibe-contracts {argv[0]}: error: {exc}", file=sys.stderr)
        return EXIT_INVALID


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vibe-contracts", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    generate = commands.add_parser("generate", help="rewrite every generated file from contracts/proto")
    generate.set_defaults(run=_generate)
    check = commands.add_parser("check", help="exit 1 listing the generated files that differ from the source")
    check.set_defaults(run=_check)

    validate = commands.add_parser("validate", help="validate message files; exit 1 if any is invalid")
    validate.add_argument("--type", required=True, choices=sorted(MESSAGE_TYPES), help="message type")
    validate.add_argument("--format", default="json", choices=["json", "protobuf"])
    validate.add_argument("--strict", action="store_true", help="writer rules instead of tolerant reader rules")
    validate.add_argument("--major", type=int, default=None, metavar="N",
                          help="the contract major to check against (default: the newest in the package)")
    validate.add_argument("files", nargs="+", metavar="FILE", help="files to check; - reads standard input")
    validate.set_defaults(run=_validate)

    breaking = commands.add_parser("breaking", help="refuse changes the contract version does not allow (docs/spec.md §7)")
    breaking.add_argument("--against", default=None,
                          help="a release folder, a version under contracts/releases, or a git ref (default: latest release)")
    breaking.set_defaults(run=_breaking)
    release = commands.add_parser("release", help="save the current contract as contracts/releases/<version>/ "
                                  "and add its entry to contracts/CHANGELOG.md (refused while the gate fails)")
    release.set_defaults(run=_release)
    retire = commands.add_parser("retire", help="end a major on purpose once its successor is released: remove its "
                                 "package from the source, record it in contracts/retired.json and contracts/CHANGELOG.md")
    retire.add_argument("major", type=int, help="the major to retire (1 for vibe.integration.v1)")
    retire.set_defaults(run=_retire)

    bridge = commands.add_parser("bridge", help="map the legacy Ticketscloud topics to the v1 topics (needs [bridge])")
    bridge.add_argument("--config", required=True, metavar="FILE", help="the bridge's TOML configuration")
    bridge.add_argument("--until-idle", type=float, default=None, metavar="SECONDS",
                        help="exit after this long with no input (batch runs, tests); default: run until stopped")
    bridge.set_defaults(run=_bridge)

    commands.add_parser("compat", help="JSON Schema compatibility of OLD.json and NEW.json (see compat --help)")
    return parser


def _bridge(args: argparse.Namespace) -> int:
    from .bridge import main as bridge_main

    return bridge_main(args.config, args.until_idle)


#: The commands that work on the source, not on messages: they need a checkout of the repository.
CHECKOUT_COMMANDS = ("generate", "check", "breaking", "release", "retire")


def _repo_root(command: str) -> Path:
    """The source checkout that holds the generator; `command` needs one."""
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "buf.yaml").is_file() and (folder / "codegen" / "pipeline.py").is_file():
            if str(folder) not in sys.path:
                sys.path.insert(0, str(folder))
            return folder
    raise SystemExit(
        f"vibe-contracts {command}: no source checkout here (no buf.yaml and codegen/ in {Path.cwd()} or above). "
        f"{', '.join(CHECKOUT_COMMANDS)} run inside a checkout of the vibe-contracts repository, with `pip install -e '.[dev]'`; "
        "validate, compat and bridge work anywhere."
    )


def _generate(args: argparse.Namespace) -> int:
    root = _repo_root("generate")
    from codegen.pipeline import generate, write

    files = generate(root)
    write(root, files)
    print(f"generated {len(files)} files")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    root = _repo_root("check")
    from codegen.pipeline import stale

    wrong = stale(root)
    for path in wrong:
        print(f"stale: {path}")
    if wrong:
        print(f"{len(wrong)} generated files differ from the source: run `vibe-contracts generate`", file=sys.stderr)
        return EXIT_INVALID
    print("generated files are up to date")
    return EXIT_OK


def _breaking(args: argparse.Namespace) -> int:
    root = _repo_root("breaking")
    from codegen.gate import compare, latest_release

    against = args.against or latest_release(root).relative_to(root).as_posix()
    verdict = compare(root, against)
    print(f"contract {verdict.new_version} against {against} ({verdict.old_version})")
    for finding in verdict.findings:
        print(f"  {finding}")
    for problem in verdict.problems:
        print(f"FAIL: {problem}")
    if verdict.ok:
        print("OK: every change is allowed by the version")
    return EXIT_OK if verdict.ok else EXIT_INVALID


def _release(args: argparse.Namespace) -> int:
    root = _repo_root("release")
    from codegen.gate import cut_release

    print(f"saved {cut_release(root).relative_to(root)} and its entry in contracts/CHANGELOG.md")
    return EXIT_OK


def _retire(args: argparse.Namespace) -> int:
    root = _repo_root("retire")
    from codegen.gate import latest_release, release_snapshot
    from codegen.retire import retire

    package = retire(root, args.major, release_snapshot(latest_release(root)).packages)
    print(f"retired {package}: run `vibe-contracts generate`, then `vibe-contracts release` for the packages without it")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    api = _major(args.major)
    if api is None:
        print(f"vibe-contracts validate: no major {args.major} in this package (majors: "
              f"{', '.join(str(n) for n in _majors())})", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for name in args.files:
        try:
            data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
        try:
            api.decode(args.type, data, format=args.format, strict=args.strict)
        except ContractError as exc:
            status = EXIT_INVALID
            for v in exc.errors:
                print(f"{name}: {v.path or '<root>'}: {v.rule}: {v.message}")
            if exc.rule == "syntax" and args.format == "json" and _is_protobuf(api, args.type, data):
                print(f"{name}: hint: these bytes are a valid Protobuf {args.type}: add --format protobuf")
        else:
            print(f"{name}: valid {args.type}")
    return status


def _majors() -> list[int]:
    """The majors this package carries (`vibe_contracts.v1`, …), oldest first."""
    package = importlib.import_module("vibe_contracts").__path__
    found = (re.fullmatch(r"v(\d+)", m.name) for m in pkgutil.iter_modules(package))
    return sorted(int(m.group(1)) for m in found if m)


def _major(number: int | None) -> ModuleType | None:
    """The module of major `number` (None: the top level, the newest); None when the package has no such major."""
    if number is None:
        return importlib.import_module("vibe_contracts")
    return importlib.import_module(f"vibe_contracts.v{number}") if number in _majors() else None


def _is_protobuf(api: ModuleType, message: str, data: bytes) -> bool:
    try:
        api.decode(message, data, format="protobuf")
    except ContractError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
