"""The proto side of the gate: `buf breaking` (category FILE) against the release image.

buf's own explanation stays in every line; the gate adds what buf leaves to the
reader: a deleted field that is still there under another number is a changed
field number, whether the old number is reserved, and who breaks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from . import buf
from .gate_finding import Finding, package_of_path

_DELETED_FIELD = re.compile(r'field "(\d+)" with name "(\w+)" on message "(\w+)"')
_DELETED_VALUE = re.compile(r'enum value "(\d+)" on enum "(\w+)"')
# Rules that only the generated code sees: the Protobuf wire form stays the same.
_BINDINGS_ONLY = {"FIELD_SAME_NAME", "ENUM_VALUE_SAME_NAME", "FILE_SAME_PACKAGE", "FILE_NO_DELETE",
                  "MESSAGE_SAME_REQUIRED_FIELDS"}


def proto_findings(root: Path, against_image: Path, image: dict[str, Any], default_package: str) -> list[Finding]:
    """`buf breaking` findings; `image` is the working tree's descriptor set (JSON) for the details."""
    result = buf.run(root, "breaking", "--against", str(against_image), "--error-format", "json", check=False)
    findings = [_finding(json.loads(line), image, default_package) for line in result.stdout.splitlines()]
    if result.returncode not in (0, 100) and not findings:  # 100: breaking changes found
        raise RuntimeError(f"buf breaking failed: {result.stderr.strip()}")
    return findings


def _finding(item: dict[str, Any], image: dict[str, Any], default_package: str) -> Finding:
    path, kind, explanation = item.get("path", "?"), item["type"], item.get("message", "").rstrip(".")
    # A deleted file has no path of its own: buf names it in the explanation.
    package = package_of_path(path if "path" in item else explanation, default_package)
    major = package.rsplit(".v", 1)[-1] if package.startswith("vibe.integration.v") else "?"
    notes = [explanation, *_notes(explanation, _package_files(image, package))]
    if kind == "FIELD_SAME_JSON_NAME":
        who = f"JSON readers of {major}.x and code using the {major}.x bindings break"
    elif kind in _BINDINGS_ONLY:
        who = f"code using the {major}.x bindings breaks (the Protobuf wire form is unchanged)"
    else:
        who = f"Protobuf readers of {major}.x and code using the {major}.x bindings break"
    return Finding(package, path, f"line {item.get('start_line', '?')}", f"PROTO_{kind}", True,
                   f"{'; '.join(notes)} — {who}")


def _notes(explanation: str, files: list[dict[str, Any]]) -> list[str]:
    if match := _DELETED_FIELD.search(explanation):
        number, name, owner = int(match.group(1)), match.group(2), match.group(3)
        message = _declared(files, "messageType", owner) or {}
        moved = [f["number"] for f in message.get("field", []) if f["name"] == name]
        if moved:  # the name lives on under another number: only the number can be reserved
            return [f"field number of {owner}.{name} changed {number} → {moved[0]}",
                    _reservation(message, number, None, f"{owner} field number {number}", inclusive=False)]
        return [_reservation(message, number, name, f"{owner}.{name} ({number})", inclusive=False)]
    if match := _DELETED_VALUE.search(explanation):
        number, owner = int(match.group(1)), match.group(2)
        enum = _declared(files, "enumType", owner) or {}
        return [_reservation(enum, number, None, f"{owner} value {number}", inclusive=True)]
    return []


def _reservation(declaration: dict[str, Any], number: int, name: str | None, what: str, *, inclusive: bool) -> str:
    """Whether a deleted number (and name) is reserved; message ranges end exclusive, enum ranges inclusive."""
    number_reserved = any(r.get("start", 0) <= number < r.get("end", 0) + inclusive
                          for r in declaration.get("reservedRange", []))
    name_reserved = name is None or name in declaration.get("reservedName", [])
    if number_reserved and name_reserved:
        return f"{what} is reserved"
    missing = ([] if number_reserved else [f"reserved {number};"]) + ([] if name_reserved else [f'reserved "{name}";'])
    return f"{what} is not reserved: add `{' '.join(missing)}` so it is never reused"


def _declared(files: list[dict[str, Any]], key: str, name: str) -> dict[str, Any] | None:
    return next((d for f in files for d in f.get(key, []) if d["name"] == name), None)


def _package_files(image: dict[str, Any], package: str) -> list[dict[str, Any]]:
    return [f for f in image.get("file", []) if f.get("package") == package]
