"""What a type checker sees of the public API; `assert_type` fails mypy when a type is wrong. Checked, not run."""

from __future__ import annotations

from typing import Any, Literal, assert_type

from vibe_contracts import (
    Contract, ContractError, Event, Order, Organizer, Refund, Ticket, Violation, decode,
)
from vibe_contracts.codec import message_type
from vibe_contracts.errors import Rule
from vibe_contracts.kafka import decode_record
from vibe_contracts.schemas import json_schema
from vibe_contracts import v1
from vibe_contracts.v1 import kafka as kafka1


def check(data: bytes, name: str, payload: dict[str, Any]) -> None:
    assert_type(decode("organizer", data), Organizer)
    assert_type(decode("event", data), Event)
    assert_type(decode("order", data, format="protobuf", strict=True), Order)
    assert_type(decode("refund", data), Refund)
    assert_type(decode("ticket", data), Ticket)
    assert_type(decode(name, data), Contract)
    assert_type(message_type("order"), type[Order])
    assert_type(decode("order", memoryview(data)), Order)
    assert_type(decode("refund", bytearray(data), format="protobuf"), Refund)
    assert_type(decode_record(data, [("content-type", b"application/json")], message="ticket"), Ticket)
    assert_type(decode_record(data, None, topic="orders"), Contract)
    order = Order.from_dict(payload, strict=False)
    assert_type(order, Order)
    assert_type(order.replace(number="A-2"), Order)
    assert_type(order.validate(strict=True), list[Violation])
    assert_type(Order.from_json(data), Order)
    assert_type(json_schema("order", form="reader"), dict[str, Any])
    try:
        decode("order", data)
    except ContractError as exc:
        assert_type(exc.rule, Rule)
        assert_type(exc.errors[0].rule, Rule)
        if exc.rule == "header_missing":  # every rule is a member of the type
            pass
    decode("customer", data).to_json()  # any name type-checks; unknown names raise at run time
    status: Literal["active", "used", "cancelled", "refunded"] = decode("ticket", data).status
    del status
    # a major on its own: the same overloads, its own models
    assert_type(v1.decode("order", data), v1.Order)
    assert_type(v1.decode("ticket", data, format="protobuf").status, v1.TicketStatus)
    assert_type(v1.decode(name, data), Contract)
    assert_type(v1.message_type("event"), type[v1.Event])
    assert_type(kafka1.decode_record(data, None, message="refund"), v1.Refund)
    assert_type(kafka1.decode_record(data, None, topic="orders"), Contract)
    assert_type(kafka1.encode_record(order, application_id="ticketland").value, bytes)
    assert_type(v1.encode(order, format="protobuf"), bytes)
    assert_type(v1.CONTRACT_VERSION, str)
    assert_type(v1.json_schema("order", form="reader"), dict[str, Any])
