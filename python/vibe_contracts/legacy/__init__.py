"""The legacy Ticketscloud streams and their mapping to contract v1 (docs/legacy.md).

Decode a record of the four legacy topics (partners, events, orders, refund
requests) with `decode`, then map it, with the records it joins with, to v1
models with the `map_*` functions. See `MappingConfig` for the settings.
"""

from __future__ import annotations

from .config import DEFAULT_OFFSET, MappingConfig, NameOrder, VenueEntry
from .mapping import (SkipReason, Skipped, map_event, map_order, map_order_tickets, map_partner, map_refund,
                      map_refund_tickets)
from .wire import MESSAGES, Event, LegacyMessage, LegacyName, Order, Partner, RefundRequest, decode

__all__ = [
    "DEFAULT_OFFSET",
    "MESSAGES",
    "Event",
    "LegacyMessage",
    "LegacyName",
    "MappingConfig",
    "NameOrder",
    "Order",
    "Partner",
    "RefundRequest",
    "SkipReason",
    "Skipped",
    "VenueEntry",
    "decode",
    "map_event",
    "map_order",
    "map_order_tickets",
    "map_partner",
    "map_refund",
    "map_refund_tickets",
]
