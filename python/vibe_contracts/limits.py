"""Limits on what a decode accepts before it does any expensive work (rule `limit`).

Two limits are set at run time, the same in Python and TypeScript:

``max_bytes`` (default 1 MiB)
    Size of the encoded message: JSON bytes, or the UTF-8 length of a JSON
    ``str``, or Protobuf bytes. Checked first, in constant time (a ``str``
    is measured without encoding it unless its length alone cannot decide).
``max_depth`` (default 64, at most 512)
    Nesting of JSON arrays and objects, the top-level object being depth 1.
    Decided on the text before it is parsed, by the scan of `json_depth_exceeds`;
    the valid-message fast path gets the answer for free (a message without
    unknown keys nests only as deep as its contract, 3 levels).

``max_header_bytes`` (default 1024)
    Size of each of the three headers the library reads from a Kafka record
    (``content-type``, ``schema-version``, ``application-id``), checked before
    the header is decoded or judged; other headers are not read at all.

String lengths and item counts are the contract's own rules (docs/spec.md §3:
``max_length``, ``max_items``), checked before any pattern or per-item work,
so an over-long value costs one length check.

Pass ``limits=Limits(...)`` to `decode`, `decode_record`, ``from_json`` and
``from_proto``, or change the default for the process with `set_default_limits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .errors import ContractError

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_DEPTH_CEILING",
    "Limits",
    "check_size",
    "size_exceeds",
    "default_limits",
    "json_depth_exceeds",
    "set_default_limits",
]

#: The highest `max_depth` accepted: below the nesting that Python's own parsers
#: (the `json` module, recursion) and orjson (1024) can take.
MAX_DEPTH_CEILING = 512


@dataclass(frozen=True)
class Limits:
    """What a decode accepts; anything beyond is a ContractError with rule `limit`."""

    max_bytes: int = 1024 * 1024
    """Largest encoded message, in bytes (a JSON str: its UTF-8 length)."""
    max_depth: int = 64
    """Deepest JSON nesting of arrays and objects; the top-level object is depth 1."""
    max_header_bytes: int = 1024
    """Largest value of a header the library reads (content-type, schema-version, application-id), in bytes."""

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_header_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, got {value!r}")
        if self.max_depth > MAX_DEPTH_CEILING:
            raise ValueError(f"Limits.max_depth must be at most {MAX_DEPTH_CEILING}, got {self.max_depth}")


#: The limits of a decode that passes none: 1 MiB, depth 64, headers of 1 KiB.
DEFAULT_LIMITS = Limits()
_default = DEFAULT_LIMITS


def default_limits() -> Limits:
    """The limits a decode uses when it is passed none."""
    return _default


def set_default_limits(limits: Limits) -> Limits:
    """Make `limits` the default of every later decode in this process; returns the previous default."""
    global _default
    if not isinstance(limits, Limits):
        raise TypeError(f"expected Limits, got {type(limits).__name__}")
    previous, _default = _default, limits
    return previous


def size_exceeds(data: Any, max_bytes: int) -> bool:
    """Whether `data` is larger than `max_bytes`: bytes by length, a str by its UTF-8 length.

    A lone surrogate counts as 3 bytes (as TypeScript counts it); the str is
    only encoded when its length alone cannot decide.
    """
    if not isinstance(data, str):
        return (data.nbytes if isinstance(data, memoryview) else len(data)) > max_bytes
    n = len(data)
    if n > max_bytes:
        return True
    if 4 * n <= max_bytes or data.isascii():  # a code point is 1 to 4 bytes
        return False
    return len(data.encode("utf-8", "surrogatepass")) > max_bytes


def check_size(data: Any, limits: Limits) -> None:
    """Refuse (rule `limit`) a message larger than `limits.max_bytes`."""
    if size_exceeds(data, limits.max_bytes):
        raise ContractError.at("", "limit", f"the message is larger than the limit of {limits.max_bytes} bytes")


def depth_error(limits: Limits) -> ContractError:
    return ContractError.at("", "limit", f"JSON nested deeper than the limit of {limits.max_depth} levels")


# A string from its opening quote: to its closing quote, or to the end of an unterminated one.
_STRING_B = re.compile(rb'"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\\?\Z)')
_STRING_S = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\\?\Z)')
_BRACKETS_B = re.compile(rb"[^\[\]{}]+")
_BRACKETS_S = re.compile(r"[^\[\]{}]+")


def json_depth_exceeds(data: bytes | str, max_depth: int) -> bool:
    """Whether the JSON text nests arrays and objects deeper than `max_depth`.

    Defined on any text, valid JSON or not, as this scan (TypeScript's
    `jsonDepthExceeds` is the same): left to right, a `"` starts a string that
    runs to the next `"` not escaped by a backslash (or to the end); outside
    strings `[` and `{` go one level deeper, `]` and `}` one level up; the
    answer is whether any point is deeper than `max_depth`. Linear; it only
    walks the text when it has more than `max_depth` brackets at all.
    """
    if len(data) <= max_depth:
        return False
    if isinstance(data, str):
        if data.count("[") + data.count("{") <= max_depth:
            return False
        structure = _BRACKETS_S.sub("", _STRING_S.sub("", data)).encode("ascii")
    else:
        if data.count(b"[") + data.count(b"{") <= max_depth:
            return False
        structure = _BRACKETS_B.sub(b"", _STRING_B.sub(b"", data))
    depth = 0
    for ch in structure:
        if ch == 0x5B or ch == 0x7B:  # [ {
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False
