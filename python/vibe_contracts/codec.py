"""`decode` / `encode` by message name and format."""

from __future__ import annotations

from typing import Any, Literal

from ._gen import models
from ._gen.rules import TOPICS
from ._model import Contract
from .errors import ContractError
from .limits import Limits

__all__ = ["Format", "MESSAGE_TYPES", "decode", "encode", "message_type"]

Format = Literal["json", "protobuf"]

#: The messages that travel on a topic, by lower-case name ("order") → model class.
MESSAGE_TYPES: dict[str, type[Contract]] = {name.lower(): getattr(models, name) for name in TOPICS.values()}


def message_type(name: str) -> type[Contract]:
    """The model class of a topic message by its lower-case name (`order`, `event`, …)."""
    try:
        return MESSAGE_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown message type {name!r}; expected one of {', '.join(MESSAGE_TYPES)}") from None


def decode(
    message: str, data: bytes | str, *, format: Format = "json", strict: bool = False, limits: Limits | None = None,
) -> Any:
    """Decode and validate one message of type `message` (`"order"`, …). Raises ContractError.

    `limits` bounds size and nesting (rule `limit`); default `vibe_contracts.limits.default_limits()`.
    """
    cls = message_type(message)
    if format == "json":
        return cls.from_json(data, strict=strict, limits=limits)
    if format == "protobuf":
        if isinstance(data, str):
            raise ContractError.at("", "type", "expected Protobuf bytes, got str")
        return cls.from_proto(data, strict=strict, limits=limits)
    raise ValueError(f"unknown format {format!r}; expected 'json' or 'protobuf'")


def encode(message: Contract, *, format: Format = "json") -> bytes:
    """Validate `message` strictly and serialize it. Raises ContractError."""
    if format == "json":
        return message.to_json()
    if format == "protobuf":
        return message.to_proto()
    raise ValueError(f"unknown format {format!r}; expected 'json' or 'protobuf'")
