"""What the fuzz targets share: how the first input byte picks the message and mode.

Each target reads `data[0]` as a selector (message, strict, and for records the
headers) and the rest as the encoded message, so seeds are the selector byte
followed by a valid encoding (see `run.py`).
"""

from __future__ import annotations

import sys
from typing import Any

MESSAGES = ("organizer", "event", "order", "refund", "ticket")


def select(data: bytes) -> tuple[str, bool, int, bytes]:
    """(message, strict, the selector's spare bits, payload) of a fuzz input."""
    if not data:
        return MESSAGES[0], False, 0, b""
    head = data[0]
    return MESSAGES[head % len(MESSAGES)], bool(head // len(MESSAGES) % 2), head // (2 * len(MESSAGES)), data[1:]


def selector(message: str, strict: bool, spare: int = 0) -> bytes:
    return bytes([MESSAGES.index(message) + len(MESSAGES) * (int(strict) + 2 * spare)])


def check_valid(message: str, model: Any) -> None:
    """A decoded message is valid: it encodes strictly and reads back equal in both forms."""
    from vibe_contracts import decode, encode

    if decode(message, encode(model), strict=True) != model:
        raise AssertionError(f"{message}: JSON round trip changed the message")
    if decode(message, encode(model, format="protobuf"), format="protobuf", strict=True) != model:
        raise AssertionError(f"{message}: Protobuf round trip changed the message")


def main(test_one_input: Any) -> None:
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
