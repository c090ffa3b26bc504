"""Ticket statuses from the streams (docs/spec.md §3, lifecycle), safe under at-least-once delivery.

A ticket starts `active`; `active` may become `used`, `cancelled` or `refunded`,
which are final; the same status again is a no-op. Tickets-based variant: each
Ticket message carries a status. Orders-based variant: an Order makes its
tickets `active`, a Refund makes the named tickets `refunded`.

Redeliveries and duplicates change nothing. An order redelivered after its
refund does not bring the tickets back, and a refund that overtakes its order
(another topic) still wins, so any interleaving of a valid history ends in the
same statuses. An illegal transition is reported and not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ._gen.current import StatusMessage, TicketStatus
from ._major import major_of

__all__ = ["FINAL", "InMemoryStatusStore", "StatusReducer", "StatusStore", "Transition", "allowed"]

FINAL: frozenset[str] = frozenset({"used", "cancelled", "refunded"})
Outcome = Literal["applied", "duplicate", "illegal"]


def allowed(before: str | None, after: str) -> bool:
    """Whether a ticket may go from `before` (None: not seen yet) to `after`."""
    return before is None or before == after or (before == "active" and after in FINAL)


class StatusStore(Protocol):
    """Where statuses live: a dict, a database table, a state store."""

    def get(self, ticket_id: str) -> TicketStatus | None: ...

    def set(self, ticket_id: str, status: TicketStatus) -> None: ...


class InMemoryStatusStore:
    """The default store: a dict of ticket id → status."""

    def __init__(self) -> None:
        self.statuses: dict[str, TicketStatus] = {}

    def get(self, ticket_id: str) -> TicketStatus | None:
        return self.statuses.get(ticket_id)

    def set(self, ticket_id: str, status: TicketStatus) -> None:
        self.statuses[ticket_id] = status


@dataclass(frozen=True)
class Transition:
    """What applying one status to one ticket did."""

    ticket_id: str
    before: TicketStatus | None
    after: TicketStatus
    outcome: Outcome


class StatusReducer:
    """Applies Ticket, Order and Refund messages to a status store."""

    def __init__(self, store: StatusStore | None = None) -> None:
        self.store: StatusStore = store if store is not None else InMemoryStatusStore()

    def apply(self, message: StatusMessage) -> list[Transition]:
        """Apply one message; returns one transition per ticket it names (a message of any major in the package)."""
        kind = type(message).__name__ if _generated(type(message)) else None
        read: Any = message  # dispatched by the generated class's name, the same in every major
        if kind == "Ticket":
            return [self._move(read.id, read.status)]
        if kind == "Order":
            return [self._open(t.id) for t in read.tickets]
        if kind == "Refund":
            return [self._move(ticket_id, "refunded") for ticket_id in read.ticket_ids]
        raise TypeError(f"statuses come from Ticket, Order and Refund messages, not {type(message).__name__}")

    def _open(self, ticket_id: str) -> Transition:
        # An order only creates tickets: a known ticket, in whatever status, stays as it is.
        before = self.store.get(ticket_id)
        if before is not None:
            return Transition(ticket_id, before, before, "duplicate")
        self.store.set(ticket_id, "active")
        return Transition(ticket_id, None, "active", "applied")

    def _move(self, ticket_id: str, after: TicketStatus) -> Transition:
        before = self.store.get(ticket_id)
        if before == after:
            return Transition(ticket_id, before, after, "duplicate")
        if not allowed(before, after):
            return Transition(ticket_id, before, after, "illegal")
        self.store.set(ticket_id, after)
        return Transition(ticket_id, before, after, "applied")


def _generated(cls: type) -> bool:
    try:
        major_of(cls)
    except KeyError:
        return False
    return True
