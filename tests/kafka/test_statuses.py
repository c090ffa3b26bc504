"""Ticket statuses (docs/spec.md §3 lifecycle) under at-least-once delivery."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TypeVar

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.python.producer import vector
from vibe_contracts import Order, Refund, Ticket, TicketStatus
from vibe_contracts.statuses import InMemoryStatusStore, StatusReducer, Transition, allowed

STATUSES: tuple[TicketStatus, ...] = ("active", "used", "cancelled", "refunded")
FINAL: tuple[TicketStatus, ...] = ("used", "cancelled", "refunded")
# The lifecycle written out by hand: a ticket starts active; active may become any final status.
LEGAL_MOVES = {("active", "used"), ("active", "cancelled"), ("active", "refunded")}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

Message = Ticket | Order | Refund
T = TypeVar("T")

_TICKET: Ticket = vector("ticket", "minimal")
_ORDER: Order = vector("order", "full")
_REFUND: Refund = vector("refund", "full")


def ticket(ticket_id: str, status: TicketStatus) -> Ticket:
    return msgspec.structs.replace(_TICKET, id=ticket_id, status=status)


def order(order_id: str, *ticket_ids: str) -> Order:
    line = _ORDER.tickets[0]
    return msgspec.structs.replace(
        _ORDER, id=order_id, tickets=[msgspec.structs.replace(line, id=t, barcode=f"bc-{t}") for t in ticket_ids])


def refund(refund_id: str, *ticket_ids: str) -> Refund:
    return msgspec.structs.replace(_REFUND, id=refund_id, ticket_ids=list(ticket_ids))


def final_statuses(messages: Sequence[Message]) -> dict[str, TicketStatus]:
    store = InMemoryStatusStore()
    reducer = StatusReducer(store)
    for message in messages:
        reducer.apply(message)
    return store.statuses


# --------------------------------------------------------------------------- the lifecycle


def test_the_lifecycle_table() -> None:
    for before, after in itertools.product(STATUSES, STATUSES):
        assert allowed(before, after) == (before == after or (before, after) in LEGAL_MOVES), (before, after)
    assert all(allowed(None, status) for status in STATUSES)


@pytest.mark.parametrize(("before", "after"), sorted(LEGAL_MOVES))
def test_each_allowed_transition_is_applied(before: TicketStatus, after: TicketStatus) -> None:
    reducer = StatusReducer()
    assert reducer.apply(ticket("T-1", before)) == [Transition("T-1", None, before, "applied")]
    assert reducer.apply(ticket("T-1", after)) == [Transition("T-1", before, after, "applied")]
    assert reducer.store.get("T-1") == after


@pytest.mark.parametrize(("before", "after"), [
    (b, a) for b, a in itertools.product(STATUSES, STATUSES) if b != a and (b, a) not in LEGAL_MOVES])
def test_each_illegal_transition_is_reported_and_not_applied(before: TicketStatus, after: TicketStatus) -> None:
    reducer = StatusReducer()
    reducer.apply(ticket("T-1", "active"))
    if before != "active":
        reducer.apply(ticket("T-1", before))
    assert reducer.apply(ticket("T-1", after)) == [Transition("T-1", before, after, "illegal")]
    assert reducer.store.get("T-1") == before


@pytest.mark.parametrize("status", STATUSES)
def test_the_same_status_again_is_a_no_op(status: TicketStatus) -> None:
    reducer = StatusReducer()
    reducer.apply(ticket("T-1", status))
    assert reducer.apply(ticket("T-1", status)) == [Transition("T-1", status, status, "duplicate")]
    assert reducer.store.get("T-1") == status


def test_an_order_opens_its_tickets_then_a_refund_refunds_some() -> None:
    reducer = StatusReducer()
    opened = reducer.apply(order("O-1", "T-1", "T-2", "T-3"))
    assert [(t.ticket_id, t.after, t.outcome) for t in opened] == [
        ("T-1", "active", "applied"), ("T-2", "active", "applied"), ("T-3", "active", "applied")]
    assert reducer.apply(refund("R-1", "T-2")) == [Transition("T-2", "active", "refunded", "applied")]
    assert final_statuses([order("O-1", "T-1", "T-2", "T-3"), refund("R-1", "T-2")]) == {
        "T-1": "active", "T-2": "refunded", "T-3": "active"}


def test_a_refund_before_its_order_still_wins() -> None:
    assert final_statuses([refund("R-1", "T-2"), order("O-1", "T-1", "T-2")]) == {"T-1": "active", "T-2": "refunded"}


def test_an_order_redelivered_after_its_refund_keeps_the_ticket_refunded() -> None:
    reducer = StatusReducer()
    reducer.apply(order("O-1", "T-1"))
    reducer.apply(refund("R-1", "T-1"))
    assert reducer.apply(order("O-1", "T-1")) == [Transition("T-1", "refunded", "refunded", "duplicate")]
    assert reducer.store.get("T-1") == "refunded"


def test_a_redelivered_refund_is_a_no_op() -> None:
    reducer = StatusReducer()
    reducer.apply(order("O-1", "T-1"))
    reducer.apply(refund("R-1", "T-1"))
    assert reducer.apply(refund("R-1", "T-1")) == [Transition("T-1", "refunded", "refunded", "duplicate")]


def test_a_refund_of_a_used_ticket_is_illegal() -> None:
    reducer = StatusReducer()
    reducer.apply(ticket("T-1", "used"))
    assert reducer.apply(refund("R-1", "T-1")) == [Transition("T-1", "used", "refunded", "illegal")]
    assert reducer.store.get("T-1") == "used"


def test_statuses_come_only_from_tickets_orders_and_refunds() -> None:
    with pytest.raises(TypeError):
        StatusReducer().apply(vector("event", "full"))  # type: ignore[arg-type]


def test_a_custom_store_is_used() -> None:
    class Table:
        """A store shaped like a database table: rows of (ticket id, status), with a write log."""

        def __init__(self) -> None:
            self.rows: list[tuple[str, TicketStatus]] = []
            self.writes = 0

        def get(self, ticket_id: str) -> TicketStatus | None:
            return next((status for tid, status in reversed(self.rows) if tid == ticket_id), None)

        def set(self, ticket_id: str, status: TicketStatus) -> None:
            self.writes += 1
            self.rows.append((ticket_id, status))

    table = Table()
    reducer = StatusReducer(table)
    assert reducer.store is table
    history = [order("O-1", "T-1", "T-2"), refund("R-1", "T-1"), order("O-1", "T-1", "T-2"), ticket("T-2", "used")]
    for message in history:
        reducer.apply(message)
    assert table.rows == [("T-1", "active"), ("T-2", "active"), ("T-1", "refunded"), ("T-2", "used")]
    assert table.writes == 4  # duplicates write nothing


# --------------------------------------------------------------------------- properties


@st.composite
def interleavings(draw: st.DrawFn, streams: Sequence[Sequence[T]]) -> list[T]:
    """Any merge of `streams` that keeps the order within each one (one stream = one key)."""
    queues = [list(s) for s in streams if s]
    merged: list[T] = []
    while queues:
        queue = queues[draw(st.integers(0, len(queues) - 1))]
        merged.append(queue.pop(0))
        queues = [q for q in queues if q]
    return merged


@st.composite
def with_redeliveries(draw: st.DrawFn, messages: list[T]) -> list[T]:
    """`messages` with copies of some of them delivered again later."""
    out = list(messages)
    for _ in range(draw(st.integers(0, 6))):
        if not out:
            break
        original = draw(st.integers(0, len(out) - 1))
        out.insert(draw(st.integers(original + 1, len(out))), out[original])
    return out


@st.composite
def ticket_histories(draw: st.DrawFn) -> list[list[Ticket]]:
    """Tickets-based: per ticket, `active` and then optionally one final status."""
    histories = []
    for n in range(draw(st.integers(1, 6))):
        final = draw(st.none() | st.sampled_from(FINAL))
        histories.append([ticket(f"T-{n}", "active")] + ([ticket(f"T-{n}", final)] if final else []))
    return histories


@st.composite
def order_histories(draw: st.DrawFn) -> list[Message]:
    """Orders-based: orders of distinct tickets, then refunds of some of those tickets (each at most once)."""
    orders = [order(f"O-{n}", *[f"T-{n}-{i}" for i in range(draw(st.integers(1, 4)))])
              for n in range(draw(st.integers(1, 4)))]
    refunds: list[Message] = []
    for o in orders:
        ids = [t.id for t in o.tickets]
        refunded = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
        cut = draw(st.integers(0, len(refunded)))  # sometimes one refund, sometimes two, for the same order
        for part in (refunded[:cut], refunded[cut:]):
            if part:
                refunds.append(refund(f"R-{len(refunds)}", *part))
    return [*orders, *refunds]


@PROPERTY
@given(data=st.data(), histories=ticket_histories())
def test_any_delivery_of_a_ticket_history_ends_in_the_same_statuses(
    data: st.DataObject, histories: list[list[Ticket]],
) -> None:
    once = final_statuses([message for history in histories for message in history])
    delivered = data.draw(interleavings(histories).flatmap(with_redeliveries))
    assert final_statuses(delivered) == once
    assert set(once.values()) <= set(STATUSES) and len(once) == len(histories)


@PROPERTY
@given(data=st.data(), history=order_histories())
def test_any_delivery_of_an_order_history_ends_in_the_same_statuses(
    data: st.DataObject, history: list[Message],
) -> None:
    once = final_statuses(history)
    # Orders and refunds travel on different topics and each message has its own key: only
    # the order of copies of one message is fixed (a redelivery comes after the original).
    delivered = data.draw(interleavings([[m] for m in history]).flatmap(with_redeliveries))
    assert final_statuses(delivered) == once
    refunded = {t for m in history if isinstance(m, Refund) for t in m.ticket_ids}
    assert {t for t, s in once.items() if s == "refunded"} == refunded
