"""What the bridge must write for the data set, derived independently of its joins.

A plain join over the latest version of every record, in the natural order
(partners, events, orders, refunds), calls the mapping of `vibe_contracts.legacy`
(tested on its own vectors); the ticket statuses come from the hand-written
`EXPECTED_TICKETS`.
"""

from __future__ import annotations

from typing import Any

from examples.bridge.dataset import EXPECTED_TICKETS, MAPPING, dataset
from vibe_contracts import legacy
from vibe_contracts.bridge import OUTPUTS
from vibe_contracts.kafka import encode_record

CONFIG = legacy.MappingConfig.from_dict(MAPPING)


def _encode(model: Any, content_type: str) -> bytes:
    record = encode_record(model, content_type=content_type, application_id="ticketscloud")  # type: ignore[arg-type]
    return record.value


def expected(suffix: str, content_type: str = "application/json") -> dict[tuple[str, bytes], bytes]:
    """(output topic, key) → the final value, for the copy of the data set with `suffix`."""
    records = {kind: [legacy.decode(kind, value) for _, value in pairs] for kind, pairs in dataset(suffix).items()}
    latest = {kind: {r.id: r for r in rs} for kind, rs in records.items()}
    done = {r.id: r for r in records["order"] if r.status == 2}  # the last DONE version of each order
    partners, events, orders = latest["partner"], latest["event"], latest["order"]
    out: dict[tuple[str, bytes], bytes] = {}

    def put(role: str, model: Any) -> None:
        if not isinstance(model, legacy.Skipped):
            out[(OUTPUTS[role], model.id.encode())] = _encode(model, content_type)

    for partner in partners.values():
        put("organizer", legacy.map_partner(partner, CONFIG))
    for event in events.values():
        put("event", legacy.map_event(event, partners[event.org], CONFIG))
    for order in done.values():
        if order.tickets:  # the one without tickets is a dead letter
            put("order", legacy.map_order(order, events[order.event], partners[order.org], CONFIG))
    for refund in latest["refund_request"].values():
        if refund.status == 2:
            put("refund", legacy.map_refund(refund, orders[refund.order], CONFIG))
    tickets: dict[str, Any] = {}
    for order in orders.values():
        if order.tickets and order.status in (2, 3):
            source = order if order.status == 3 else done[order.id]
            for t in legacy.map_order_tickets(source, events[order.event], partners[order.org], CONFIG):
                tickets[t.id] = t
    for refund in latest["refund_request"].values():
        if refund.status == 2:
            order = orders[refund.order]
            for t in legacy.map_refund_tickets(refund, order, events[order.event], partners[order.org], CONFIG):
                tickets[t.id] = t
    for ticket_id, ticket in tickets.items():
        assert ticket.status == EXPECTED_TICKETS[ticket_id.removesuffix(suffix)], ticket_id
        put("ticket", ticket)
    assert {k.removesuffix(suffix) for k in tickets} == set(EXPECTED_TICKETS)
    return out
