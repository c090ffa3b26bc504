"""Run every shared vector through the Python package and print a summary.

    python examples/verify_vectors.py [examples/vectors]

Exit status 1 if any case does not give its expected verdict, paths and rules.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from vibe_contracts import ContractError, decode

MODES = {"tolerant": False, "strict": True}


def _input(case: dict[str, Any], message: str) -> tuple[bytes, str] | None:
    if "json" in case:
        return json.dumps(case["json"], ensure_ascii=False).encode(), "json"
    if "json_text" in case:
        return case["json_text"].encode(), "json"
    if "protobuf_hex" in case:
        return bytes.fromhex(case["protobuf_hex"]), "protobuf"
    return None  # Protobuf cases in protobuf's JSON mapping need the reference library: see tests/vectors


def _verdict(message: str, data: bytes, fmt: str, strict: bool) -> list[dict[str, str]]:
    try:
        decode(message, data, format=fmt, strict=strict)
    except ContractError as exc:
        return [{"path": v.path, "rule": v.rule} for v in exc.errors]
    return []


def verify(doc: dict[str, Any]) -> tuple[int, list[str]]:
    """Check one vector file; return (cases checked, failures)."""
    message, checked, failures = doc["message"], 0, []
    for kind in ("valid", "invalid"):
        for case in doc[kind]:
            given = _input(case, message)
            if given is None:
                continue
            checked += 1
            for mode, strict in MODES.items():
                if kind == "valid":
                    expected = case.get("strict_errors", []) if strict else []
                else:
                    expected = case["errors"] if mode in case["modes"] else []
                got = _verdict(message, *given, strict)
                if got != expected:
                    failures.append(f"{message}/{case['name']} ({mode}): expected {expected}, got {got}")
    return checked, failures


def main(folder: str = "examples/vectors") -> int:
    total, failed = 0, []
    print(f"{'message':<10} {'valid':>6} {'invalid':>8} {'checked':>8}  result")
    for path in sorted(Path(folder).glob("*.json")):
        doc = json.loads(path.read_text())
        checked, failures = verify(doc)
        total += checked
        failed += failures
        result = "ok" if not failures else f"{len(failures)} FAILED"
        print(f"{doc['message']:<10} {len(doc['valid']):>6} {len(doc['invalid']):>8} {checked:>8}  {result}")
    for line in failed:
        print(f"  {line}")
    print(f"{total} vectors checked in both modes: {'all agree' if not failed else f'{len(failed)} disagree'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
