"""`decode` / `encode` by message name and format, for one major.

The public modules bind them to their major: `vibe_contracts.v1.decode`, …,
and the top level to the newest (`_gen/current.py`). A major decodes only its
own messages and encodes only its own models (docs/spec.md §7).
"""

from __future__ import annotations

from typing import Literal

from ._major import Major, major_of
from ._model import Contract
from .errors import ContractError
from .limits import Limits

__all__ = ["Data", "Format", "decode", "encode", "message_type", "own"]

Format = Literal["json", "protobuf"]
#: What `decode` reads: JSON text or bytes, or Protobuf bytes.
Data = bytes | bytearray | memoryview | str


def message_type(major: Major, name: str) -> type[Contract]:
    """The model class of a topic message of `major` by its lower-case name (`order`, `event`, …)."""
    try:
        return major.message_types[name]
    except KeyError:
        expected = ", ".join(major.message_types)
        raise ValueError(f"unknown message type {name!r}; expected one of {expected}") from None


def decode(
    major: Major, message: str, data: Data, *, format: Format = "json", strict: bool = False,
    limits: Limits | None = None,
) -> Contract:
    """Decode and validate one message of type `message` (`"order"`, …) of `major`. Raises ContractError."""
    cls = message_type(major, message)
    if format == "json":
        return cls.from_json(data, strict=strict, limits=limits)
    if format == "protobuf":
        if isinstance(data, str):
            raise ContractError.at("", "type", "expected Protobuf bytes, got str")
        return cls.from_proto(data, strict=strict, limits=limits)
    raise ValueError(f"unknown format {format!r}; expected 'json' or 'protobuf'")


def encode(major: Major, message: Contract, *, format: Format = "json") -> bytes:
    """Validate a model of `major` strictly and serialize it. Raises ContractError."""
    own(major, message)
    if format == "json":
        return message.to_json()
    if format == "protobuf":
        return message.to_proto()
    raise ValueError(f"unknown format {format!r}; expected 'json' or 'protobuf'")


def own(major: Major, message: object) -> None:
    """Refuse (TypeError) anything but a model of `major`: another major's model goes through its own module."""
    try:
        found = major_of(type(message))
    except KeyError:
        raise TypeError(f"expected a message of contract {major.version}, got {type(message).__name__}") from None
    if found is not major:
        raise TypeError(f"{type(message).__name__} of contract {found.version} given to the writer of contract "
                        f"{major.version}: use vibe_contracts.v{found.number}")
