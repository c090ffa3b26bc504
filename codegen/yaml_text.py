"""A tiny deterministic YAML writer for plain data (dicts, lists, strings, numbers, booleans, None).

Keys keep their insertion order. A string is written plain only when no YAML 1.1
or 1.2 reader could take it for anything else; otherwise it is double-quoted
with JSON escapes, which YAML reads the same way. Multi-line strings become
literal blocks so that embedded sources stay readable.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$./+-]*$")
# Words some YAML reader turns into booleans or null.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def dump(value: dict[str, Any]) -> str:
    """The YAML text of a mapping, ending in one newline."""
    if not isinstance(value, dict) or not value:
        raise ValueError("the top level of a YAML document written here is a non-empty mapping")
    return "\n".join(_block(value, 0)) + "\n"


def _block(value: dict[str, Any] | list[Any], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines.extend(_entry(f"{pad}{_scalar(str(key))}:", item, indent))
        return lines
    for item in value:
        if _is_block(item):
            nested = _block(item, indent + 2)
            lines.append(f"{pad}- {nested[0].lstrip()}")
            lines.extend(nested[1:])
        else:
            lines.extend(_entry(f"{pad}-", item, indent))
    return lines


def _entry(head: str, item: Any, indent: int) -> list[str]:
    if _is_block(item):
        return [head, *_block(item, indent + 2)]
    if _is_literal(item):
        pad = " " * (indent + 2)
        chomp = "" if item.endswith("\n") else "-"
        return [f"{head} |{chomp}", *(f"{pad}{line}" if line else "" for line in item.rstrip("\n").split("\n"))]
    return [f"{head} {_scalar(item)}"]


def _is_block(item: Any) -> bool:
    return isinstance(item, (dict, list)) and bool(item)


def _is_literal(item: Any) -> bool:
    """A multi-line string a literal block gives back exactly."""
    if not isinstance(item, str) or "\n" not in item or item.endswith("\n\n"):
        return False
    lines = item.rstrip("\n").split("\n")
    printable = all(ch == "\n" or ch.isprintable() for ch in item)
    return printable and not lines[0].startswith(" ") and all(line == line.rstrip() for line in lines)


def _quoted(text: str) -> str:
    """JSON string syntax, which YAML reads alike; characters YAML may not hold raw are escaped."""
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in json.dumps(text, ensure_ascii=False))


def _escape(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def _scalar(item: Any) -> str:
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if not math.isfinite(item):
            raise ValueError(f"{item} has no JSON form")
        return repr(item)
    if isinstance(item, str):
        plain = _PLAIN.match(item) and item.lower() not in _RESERVED
        return item if plain else _quoted(item)
    if isinstance(item, (dict, list)):
        return "{}" if isinstance(item, dict) else "[]"
    raise TypeError(f"cannot write {type(item).__name__} as YAML")
