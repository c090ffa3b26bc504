"""`python -m codegen generate|check` from the repository root."""

from __future__ import annotations

import sys
from pathlib import Path

from .pipeline import generate, stale, write


def main(argv: list[str]) -> int:
    root = Path.cwd()
    if argv == ["generate"]:
        write(root, generate(root))
        return 0
    if argv == ["check"]:
        wrong = stale(root)
        for path in wrong:
            print(f"stale: {path}")
        return 1 if wrong else 0
    print("usage: python -m codegen generate|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
