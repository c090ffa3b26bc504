"""The legacy definitions hold exactly the fields of docs/legacy-wire.md, with their real numbers and types."""

from __future__ import annotations

from google.protobuf.descriptor import FieldDescriptor as F

from vibe_contracts import legacy

S, I64, B, E, M = F.TYPE_STRING, F.TYPE_INT64, F.TYPE_BOOL, F.TYPE_ENUM, F.TYPE_MESSAGE
TS = "google.protobuf.Timestamp"

# message → {number: (type, message type or None, repeated)}, written from the legacy wire (docs/legacy-wire.md).
L1 = {
    "Partner": {1: S, 2: S, 3: S, 4: S, 5: E, 6: B, 7: B, 12: (M, TS), 15: S, 40: (M, "Partner.Legal")},
    "Partner.Legal": {1: S, 2: S, 3: S, 6: S, 7: S},
    "Event": {1: S, 2: S, 3: S, 4: S, 5: E, 6: S, 7: S, 9: (M, "Event.Lifetime"), 10: S, 14: (M, "Event.Media"),
              15: B, 20: (M, "Event.LegalRu"), 30: (M, "Event.TicketSet", True), 51: (M, TS)},
    "Event.Lifetime": {1: (M, TS), 2: (M, TS)},
    "Event.Media": {1: S, 2: S, 3: S},
    "Event.LegalRu": {1: S, 2: E, 3: S, 4: S, 5: S, 6: S, 7: S},
    "Event.TicketSet": {1: S, 2: S, 3: S, 40: B},
    "Order": {1: S, 2: I64, 4: E, 7: S, 8: S, 12: (M, TS), 14: (M, TS), 20: (M, "Order.Settings"),
              33: (M, "Order.Ticket", True)},
    "Order.Settings": {1: (M, "Order.Customer")},
    "Order.Customer": {1: S, 2: S, 3: S, 4: S, 5: S},
    "Order.Ticket": {1: S, 3: S, 4: I64, 5: S, 6: S, 8: (M, "Order.Ticket.Seat"), 10: I64, 11: I64},
    "Order.Ticket.Seat": {1: S, 2: S},
    "RefundRequest": {1: S, 2: E, 7: S, 11: (M, TS), 13: (M, TS), 24: (M, "RefundRequest.Ticket", True), 40: S,
                      41: S},
    "RefundRequest.Ticket": {1: S},
}
# enum → {name: number}, from the legacy wire.
ENUMS = {
    "Partner.Status": {"NEW": 0, "APPROVED": 1, "BOT": 2, "INACTIVE": 3},
    "Event.EventStatus": {"STAND_BY": 0, "PUBLIC": 1, "CANCELED": 2, "FINISHED": 3},
    "Event.LegalRu.Type": {"LTD": 0, "IP": 1},
    "Order.Status": {"EXECUTED": 0, "IN_PROGRESS": 1, "DONE": 2, "CANCELLED": 3, "EXPIRED": 4},
    "RefundRequest.Status": {"NEW": 0, "IN_PROGRESS": 1, "APPROVED": 2, "REJECTED": 3},
}
PACKAGE = "vibe.legacy.ticketscloud."


def _descriptor(name: str):  # type: ignore[no-untyped-def]
    top, *nested = name.split(".")
    d = legacy.MESSAGES[{"Partner": "partner", "Event": "event", "Order": "order",
                         "RefundRequest": "refund_request"}[top]].DESCRIPTOR
    for part in nested:
        d = d.nested_types_by_name[part]
    return d


def test_every_field_has_its_real_number_and_type() -> None:
    for name, fields in L1.items():
        d = _descriptor(name)
        got = {}
        for f in d.fields:
            kind: object = f.type
            if f.type == M:
                target = f.message_type.full_name.removeprefix(PACKAGE)
                kind = (M, target, True) if f.is_repeated else (M, target)
            got[f.number] = kind
        assert got == fields, name


def test_enums_and_the_oneofs() -> None:
    for name, values in ENUMS.items():
        *message, enum = name.split(".")
        e = _descriptor(".".join(message)).enum_types_by_name[enum]
        assert {v.name: v.number for v in e.values} == values, name
    assert [f.number for f in _descriptor("Partner.Legal").oneofs_by_name["ogrns"].fields] == [6, 7]
    assert [f.number for f in _descriptor("Event.LegalRu").oneofs_by_name["ogrns"].fields] == [6, 7]
    assert [f.number for f in _descriptor("Event").oneofs_by_name["legal"].fields] == [20]
