"""Ticket statuses from legacy records, applied in order: the docs/spec.md §3 lifecycle holds."""

from __future__ import annotations

import base64
from typing import Any

from vibe_contracts import legacy
from vibe_contracts.statuses import StatusReducer

from .run import vector_files

RECORDS = vector_files()["tickets.json"]["records"]
CONFIG = legacy.MappingConfig()


def _record(name: str) -> Any:
    spec = RECORDS[name]
    return legacy.decode(spec["message"], base64.b64decode(spec["base64"]))


def _tickets(name: str) -> list[Any]:
    record, order, event, partner = _record(name), _record("order"), _record("event"), _record("partner")
    if isinstance(record, legacy.RefundRequest):
        result = legacy.map_refund_tickets(record, order, event, partner, CONFIG)
    else:
        result = legacy.map_order_tickets(record, event, partner, CONFIG)
    assert isinstance(result, list)
    return result


def _apply(reducer: StatusReducer, name: str) -> list[tuple[str, str, str]]:
    return [(t.ticket_id, t.after, t.outcome) for m in _tickets(name) for t in reducer.apply(m)]


def test_done_then_cancelled_then_refunded() -> None:
    reducer = StatusReducer()
    assert _apply(reducer, "order") == [("t-1", "active", "applied"), ("t-2", "active", "applied")]
    assert _apply(reducer, "order-cancelled") == [("t-1", "cancelled", "applied"), ("t-2", "cancelled", "applied")]
    # cancelled is final: the refund that follows is refused, the ticket stays cancelled
    assert _apply(reducer, "refund") == [("t-2", "refunded", "illegal")]
    assert reducer.store.get("t-2") == "cancelled"


def test_done_then_refunded_and_redelivered() -> None:
    reducer = StatusReducer()
    _apply(reducer, "order")
    assert _apply(reducer, "refund") == [("t-2", "refunded", "applied")]
    assert _apply(reducer, "refund") == [("t-2", "refunded", "duplicate")]
    # a redelivered DONE order says `active` again: a final status is never left
    assert _apply(reducer, "order") == [("t-1", "active", "duplicate"), ("t-2", "active", "illegal")]
    assert (reducer.store.get("t-1"), reducer.store.get("t-2")) == ("active", "refunded")
