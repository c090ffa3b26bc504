"""The legacy Ticketscloud messages and their decoding (docs/legacy-wire.md)."""

from __future__ import annotations

from typing import Literal, overload

from google.protobuf.message import DecodeError

from .._gen.vibe.legacy.ticketscloud.event_pb2 import Event
from .._gen.vibe.legacy.ticketscloud.order_pb2 import Order
from .._gen.vibe.legacy.ticketscloud.partner_pb2 import Partner
from .._gen.vibe.legacy.ticketscloud.refund_request_pb2 import RefundRequest
from ..errors import ContractError
from ..limits import Limits, check_size, default_limits

__all__ = ["MESSAGES", "Event", "LegacyMessage", "LegacyName", "Order", "Partner", "RefundRequest", "decode"]

LegacyName = Literal["partner", "event", "order", "refund_request"]
LegacyMessage = Partner | Event | Order | RefundRequest

#: The four legacy topics' messages by decode name.
MESSAGES: dict[str, type[LegacyMessage]] = {
    "partner": Partner,
    "event": Event,
    "order": Order,
    "refund_request": RefundRequest,
}


@overload
def decode(name: Literal["partner"], data: bytes, *, limits: Limits | None = None) -> Partner: ...
@overload
def decode(name: Literal["event"], data: bytes, *, limits: Limits | None = None) -> Event: ...
@overload
def decode(name: Literal["order"], data: bytes, *, limits: Limits | None = None) -> Order: ...
@overload
def decode(name: Literal["refund_request"], data: bytes, *, limits: Limits | None = None) -> RefundRequest: ...


def decode(name: LegacyName, data: bytes, *, limits: Limits | None = None) -> LegacyMessage:
    """Decode a legacy record; fields the mapping does not read are skipped.

    Raises ContractError: rule ``syntax`` for bytes that are not the message,
    ``limit`` for a record larger than ``limits.max_bytes``.
    """
    cls = MESSAGES.get(name)
    if cls is None:
        raise ValueError(f"unknown legacy message {name!r}: one of {', '.join(MESSAGES)}")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ContractError.at("", "syntax", f"expected Protobuf bytes, got {type(data).__name__}")
    check_size(data, limits or default_limits())
    try:
        message: LegacyMessage = cls.FromString(bytes(data))
        # upb parses lazily: walking the message makes every malformed part fail here.
        message.ByteSize()
        message.ListFields()
    except (DecodeError, RecursionError, ValueError):
        raise ContractError.at("", "syntax", f"not a legacy {cls.__name__} Protobuf message") from None
    return message
