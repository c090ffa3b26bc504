"""``vibe-contracts compat OLD.json NEW.json``: check two JSON Schema files.

Exit status: 0 compatible, 1 incompatible, 2 unreadable input or usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .dialect import DEFAULT_DRAFT, DRAFTS
from .jsonschema_diff import compare
from .policy import MODES, CompatResult, assess, is_breaking

EXIT_COMPATIBLE = 0
EXIT_INCOMPATIBLE = 1
EXIT_USAGE = 2

PROG = "vibe-contracts compat"


class InputError(Exception):
    """A schema file that cannot be used."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``compat`` command."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check whether NEW is compatible with OLD (two JSON Schema files).",
    )
    parser.add_argument("old", metavar="OLD.json", help="the original schema")
    parser.add_argument("new", metavar="NEW.json", help="the updated schema")
    parser.add_argument(
        "--mode", choices=MODES, default="backward",
        help="backward: NEW accepts all OLD data; forward: OLD accepts all NEW data; "
        "full: both (default: backward)",
    )
    parser.add_argument(
        "--default-draft", choices=DRAFTS, default=DEFAULT_DRAFT,
        help="the draft of a schema without $schema (default: 2020-12); $schema decides otherwise",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def load_schema(path: str) -> Any:
    """Read one schema file.

    Raises
    ------
    InputError
        If the file cannot be read, is not JSON, or is not an object or boolean.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(f"cannot read {path}: {reason}") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(schema, (dict, bool)):
        raise InputError(f"{path} is not a JSON Schema (expected an object or a boolean)")
    return schema


def render_text(result: CompatResult) -> str:
    """Return the human-readable report: one line per change, then the verdict."""
    lines = [
        f"{'BREAKING' if is_breaking(change.kind, result.mode) else 'ok':<9}{change}"
        for change in result.changes
    ]
    if result.compatible:
        verdict = "compatible"
    else:
        verdict = f"incompatible ({len(result.breaking)} of {len(result.changes)} changes break it)"
    if not result.changes:
        verdict += " (no changes)"
    lines.append(f"{result.mode}: {verdict}")
    return "\n".join(lines)


def render_json(result: CompatResult) -> str:
    """Return the JSON report."""
    document = {
        "mode": result.mode,
        "compatible": result.compatible,
        "changes": [
            {"kind": c.kind.name, "path": c.path, "breaking": is_breaking(c.kind, result.mode)}
            for c in result.changes
        ],
    }
    return json.dumps(document, indent=2)


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit status.

    Parameters
    ----------
    argv : list of str, optional
        Arguments after the command name (defaults to ``sys.argv[1:]``).
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        old, new = load_schema(args.old), load_schema(args.new)
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    result = assess(compare(old, new, default_draft=args.default_draft), args.mode)
    print(render_json(result) if args.json else render_text(result))
    return EXIT_COMPATIBLE if result.compatible else EXIT_INCOMPATIBLE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
