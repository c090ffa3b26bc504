"""Kafka integration contracts between the ticketing platform and the Vibe app.

Typed models of the five messages (Organizer, Event, Order, Refund, Ticket),
strict and tolerant validation, JSON and Protobuf forms, one error type.
This top level is the newest major in the package; `vibe_contracts.v1`, … are
each major on its own (docs/spec.md §7).
"""

from __future__ import annotations

from ._gen.current import (
    CONTRACT_VERSION,
    Currency,
    Customer,
    Event,
    EventCategory,
    EventStatus,
    Legals,
    LegalType,
    Order,
    OrderTicket,
    Organizer,
    Refund,
    Ticket,
    TicketStatus,
    Venue,
    decode,
    encode,
)
from ._codec import Format
from ._model import Contract
from .errors import ContractError, Violation
from .limits import Limits, set_default_limits

__version__ = "1.0.0"

__all__ = [
    "CONTRACT_VERSION",
    "Contract",
    "ContractError",
    "Currency",
    "Customer",
    "Event",
    "EventCategory",
    "EventStatus",
    "Format",
    "LegalType",
    "Limits",
    "Legals",
    "Order",
    "OrderTicket",
    "Organizer",
    "Refund",
    "Ticket",
    "TicketStatus",
    "Venue",
    "Violation",
    "__version__",
    "decode",
    "encode",
    "set_default_limits",
]
