"""The legacy definitions (a `buf build` image as JSON) → `docs/legacy-wire.md`, the fields the mapping reads.

The page lists every message of the legacy package with its field numbers,
types and comments, straight from the descriptors, so it cannot drift from
the `.proto` files the gate freezes.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .lower import _doc
from .printer import banner

PACKAGE = "vibe.legacy.ticketscloud"
OUT_PATH = "docs/legacy-wire.md"
_MESSAGE_TYPE, _FIELD, _NESTED, _ENUM_TYPE, _ENUM_VALUE = 4, 2, 3, 4, 2
_SCALARS = {"TYPE_STRING": "string", "TYPE_INT64": "int64", "TYPE_BOOL": "bool"}


def emit(image: dict[str, Any]) -> dict[str, str]:
    """Repo-relative path → file text (nothing when the source has no legacy package)."""
    files = [f for f in image["file"] if f.get("package") == PACKAGE]
    if not files:
        return {}
    sources = [f"contracts/proto/{f['name']}" for f in files]
    head = "\n".join(textwrap.wrap(" ".join(banner(sources, "the legacy wire")), 100, break_on_hyphens=False))
    lines = [f"<!--\n{head}\n-->", "", "# The legacy wire: what the mapping reads", ""]
    lines += [
        f"Protobuf package `{PACKAGE}` (the real streams have none: a package does not change the bytes). "
        "Only these fields are read; every other field of the real records is skipped as unknown. The gate "
        "refuses a change that would stop these definitions reading the real streams (buf's WIRE rules "
        "against `contracts/legacy/image.binpb`). How each field maps to contract v1: [legacy.md](legacy.md).",
        "",
    ]
    for f in files:
        comments = _comments(f)
        for i, message in enumerate(f.get("messageType", [])):
            lines += _message(message, message["name"], (_MESSAGE_TYPE, i), comments, f["name"])
    return {OUT_PATH: "\n".join(lines).rstrip("\n") + "\n"}


def _comments(file: dict[str, Any]) -> dict[tuple[int, ...], str]:
    found = {}
    for loc in file.get("sourceCodeInfo", {}).get("location", []):
        text = loc.get("leadingComments") or loc.get("trailingComments")
        if text:
            doc = _doc(text)
            found[tuple(loc["path"])] = " ".join(p for p in (doc.title, doc.description) if p)
    return found


def _message(message: dict[str, Any], name: str, path: tuple[int, ...], comments: dict[tuple[int, ...], str],
             file: str) -> list[str]:
    lines = [f"## {name}", "", f"`{file}`. {comments.get(path, '')}".rstrip(), ""]
    oneofs = [o["name"] for o in message.get("oneofDecl", [])]
    lines += ["| # | field | type | notes |", "|---|---|---|---|"]
    for k, field in enumerate(message.get("field", [])):
        kind = _SCALARS.get(field["type"]) or field.get("typeName", "").rsplit(".", 1)[-1]
        if field.get("label") == "LABEL_REPEATED":
            kind = f"repeated {kind}"
        notes = comments.get((*path, _FIELD, k), "")
        if "oneofIndex" in field:
            notes = f"oneof `{oneofs[field['oneofIndex']]}`. {notes}".rstrip()
        lines.append(f"| {field['number']} | `{field['name']}` | {kind} | {notes} |")
    lines.append("")
    for enum in message.get("enumType", []):
        values = ", ".join(f"`{v['name']}` = {v.get('number', 0)}" for v in enum.get("value", []))
        lines += [f"Enum `{name}.{enum['name']}`: {values}.", ""]
    for j, nested in enumerate(message.get("nestedType", [])):
        lines += _message(nested, f"{name}.{nested['name']}", (*path, _NESTED, j), comments, file)
    return lines
