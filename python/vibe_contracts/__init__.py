"""Kafka integration contracts between the ticketing platform and the Vibe app.

Typed models of the five messages (Organizer, Event, Order, Refund, Ticket),
strict and tolerant validation, JSON and Protobuf forms, one error type.
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
)
from ._model import Contract
from .codec import Format, decode, encode
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
