"""`decode` / `encode` by message name and format."""

from __future__ import annotations

from typing import Literal, overload

from ._gen.current import MAJOR, Event, Order, Organizer, Refund, Ticket
from ._model import Contract
from .errors import ContractError
from .limits import Limits

__all__ = ["Format", "MESSAGE_TYPES", "MessageName", "decode", "encode", "message_type"]

Format = Literal["json", "protobuf"]
#: The names `decode` takes: one per topic message.
MessageName = Literal["organizer", "event", "order", "refund", "ticket"]
#: What `decode` reads: JSON text or bytes, or Protobuf bytes.
Data = bytes | bytearray | memoryview | str

#: The messages that travel on a topic, by lower-case name ("order") → model class.
MESSAGE_TYPES: dict[str, type[Contract]] = MAJOR.message_types


@overload
def message_type(name: Literal["organizer"]) -> type[Organizer]: ...
@overload
def message_type(name: Literal["event"]) -> type[Event]: ...
@overload
def message_type(name: Literal["order"]) -> type[Order]: ...
@overload
def message_type(name: Literal["refund"]) -> type[Refund]: ...
@overload
def message_type(name: Literal["ticket"]) -> type[Ticket]: ...
@overload
def message_type(name: str) -> type[Contract]: ...


def message_type(name: str) -> type[Contract]:
    """The model class of a topic message by its lower-case name (`order`, `event`, …)."""
    try:
        return MESSAGE_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown message type {name!r}; expected one of {', '.join(MESSAGE_TYPES)}") from None


# The result type follows the message name: `decode("order", data)` is an `Order`.
@overload
def decode(message: Literal["organizer"], data: Data, *, format: Format = ..., strict: bool = ...,
           limits: Limits | None = ...) -> Organizer: ...
@overload
def decode(message: Literal["event"], data: Data, *, format: Format = ..., strict: bool = ...,
           limits: Limits | None = ...) -> Event: ...
@overload
def decode(message: Literal["order"], data: Data, *, format: Format = ..., strict: bool = ...,
           limits: Limits | None = ...) -> Order: ...
@overload
def decode(message: Literal["refund"], data: Data, *, format: Format = ..., strict: bool = ...,
           limits: Limits | None = ...) -> Refund: ...
@overload
def decode(message: Literal["ticket"], data: Data, *, format: Format = ..., strict: bool = ...,
           limits: Limits | None = ...) -> Ticket: ...
@overload
def decode(message: str, data: Data, *, format: Format = ..., strict: bool = ...,
           limits: Limits | None = ...) -> Contract: ...


def decode(
    message: str, data: Data, *, format: Format = "json", strict: bool = False, limits: Limits | None = None,
) -> Contract:
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
