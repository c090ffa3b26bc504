"""A realistic legacy Ticketscloud data set: what the four legacy topics carry, as Protobuf records.

    records = dataset(suffix="")    # {"partner": [(key, bytes), …], "event": …, "order": …, …}

Three partners (one of them renamed later, one a distributor, one removed), three
events (one updated later), orders of every status (one DONE then CANCELLED, one
with no tickets: a dead letter), refund requests of several statuses. The fields
the mapping does not read are filled too, and each record carries unknown fields
(an IP address, UTM data, a manager's e-mail) as the real streams do; all personal
data is fake. `suffix` makes an independent copy (every id gets it).

`EXPECTED_TICKETS` is each ticket's final status, written by hand from docs/legacy.md.
"""

from __future__ import annotations

from google.protobuf.timestamp_pb2 import Timestamp

from vibe_contracts._gen.vibe.legacy.ticketscloud import event_pb2, order_pb2, partner_pb2, refund_request_pb2

__all__ = ["CATEGORIES", "EXPECTED_TICKETS", "MAPPING", "SKIPPED", "DEAD", "dataset", "unknown_fields"]

#: The mapping config the data set is meant for (the [mapping] table of bridge.toml).
CATEGORIES = {"12": "concert", "7": "theater"}
MAPPING = {"categories": CATEGORIES, "skip_roles": ["distributor"],
           "venues": {"v-1": {"name": "Crocus City Hall", "city_name": "Moscow", "offset": 3.0}}}
#: Final ticket statuses (ticket id → status), without the suffix.
EXPECTED_TICKETS = {
    "t-1": "refunded", "t-2": "active",                  # o-1: DONE, t-1 refunded (r-1)
    "t-3": "cancelled", "t-4": "cancelled",              # o-2: DONE, then CANCELLED
    "t-5": "active", "t-6": "active", "t-7": "active",   # o-3: DONE (its refund r-2 was rejected)
    "t-9": "refunded",                                   # o-5: DONE, r-3 NEW then APPROVED
    "t-10": "active",                                    # o-6: DONE, national phone number
}
#: What is not produced, by reason: the distributor, the removed partner, o-4 (IN_PROGRESS),
#: o-2's first version is produced, so only the rejected r-2 and r-3's NEW version.
SKIPPED = {"partner_role": 1, "partner_removed": 1, "order_status": 1, "refund_status": 2}
#: Dead letters by rule: o-7, a DONE order with no tickets.
DEAD = {"min_items": 1}

_NOW = 1_780_000_000  # seconds; a fixed clock keeps the bytes identical run to run


def _ts(seconds: int) -> Timestamp:
    return Timestamp(seconds=_NOW + seconds, nanos=0)


def unknown_fields(number: int = 90) -> bytes:
    """Fields the real messages have and the mapping skips: an IP address, UTM data, a manager's e-mail."""
    out = b""
    for offset, text in enumerate(("10.20.30.40", "utm_source=newsletter&utm_campaign=spring",
                                   "manager.ivanov@example.org")):
        data = text.encode()
        out += _varint((number + offset) << 3 | 2) + _varint(len(data)) + data
    return out


def _varint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _partner(pid: str, name: str, *, role: str = "organizer", ogrnip: bool = False, removed: bool = False,
             currency: str = "rub") -> bytes:
    legal = partner_pb2.Partner.Legal(name=f"{name} LLC", address="Moscow, Tverskaya 1", inn="7701234567")
    if ogrnip:
        legal.ogrnip = "304500116000157"
    else:
        legal.ogrn = "1027700132195"
    message = partner_pb2.Partner(id=pid, name=name, role=role, desc="Concerts and shows", status=1,
                                  removed=removed, hidden=False, updated_at=_ts(0), currency=currency, legal=legal)
    return message.SerializeToString() + unknown_fields()


def _event(eid: str, org: str, name: str, sets: list[tuple[str, str]], *, category: str = "12",
           open_date: bool = False, legal_ip: bool = False) -> bytes:
    message = event_pb2.Event(
        id=eid, meta="", name=name, description="An evening of music", status=1, org=org, venue="v-1",
        lifetime=event_pb2.Event.Lifetime(start=_ts(86_400), finish=_ts(86_400 + 10_800)), category=category,
        media=event_pb2.Event.Media(cover="/covers/1.jpg", cover_original="https://cdn.example.com/covers/1.jpg"),
        open_date=open_date, updated_at=_ts(60),
        sets=[event_pb2.Event.TicketSet(id=sid, name=sname, description="Standing") for sid, sname in sets])
    if legal_ip:
        message.legal_ru.CopyFrom(event_pb2.Event.LegalRu(id="l-1", type=1, name="IP Sidorov", inn="500100732259",
                                                          address="Tula, Lenina 5", ogrnip="304500116000157"))
    return message.SerializeToString() + unknown_fields()


def _order(oid: str, number: int, status: int, event: str, org: str, tickets: list[tuple[str, str]], *,
           name: str = "Anna Petrova", email: str = "anna.petrova@example.com", phone: str = "+79161234567",
           s: str = "") -> bytes:
    customer = order_pb2.Order.Customer(user=f"u-{number}", name=name, email=email, phone=phone, lang="ru")
    message = order_pb2.Order(
        id=oid, number=number, status=status, event=event, org=org, created_at=_ts(120), done_at=_ts(180),
        settings=order_pb2.Order.Settings(customer=customer),
        tickets=[order_pb2.Order.Ticket(id=tid + s, serial="AB", number=i + 1, barcode=f"20000{number}{i}",
                                        set=tset + s, seat=order_pb2.Order.Ticket.Seat(row="3", number=str(i + 7)),
                                        price=250000, nominal=250000)
                 for i, (tid, tset) in enumerate(tickets)])
    return message.SerializeToString() + unknown_fields()


def _refund(rid: str, status: int, order: str, event: str, org: str, tickets: list[str]) -> bytes:
    message = refund_request_pb2.RefundRequest(
        id=rid, status=status, order=order, updated_at=_ts(600), finished_at=_ts(660),
        tickets=[refund_request_pb2.RefundRequest.Ticket(id=t) for t in tickets], event=event, org=org)
    return message.SerializeToString() + unknown_fields()


def dataset(suffix: str = "") -> dict[str, list[tuple[bytes, bytes]]]:
    """The four topics' records, in the order each topic carries them: (key, value) pairs."""
    s = suffix
    p1, p2, p3, p4 = (f"p-{i}{s}" for i in (1, 2, 3, 4))
    e1, e2, e3 = (f"e-{i}{s}" for i in (1, 2, 3))
    partners = [
        (p1, _partner(p1, "Fine Concerts")),
        (p2, _partner(p2, "Sidorov Events", ogrnip=True)),
        (p3, _partner(p3, "Resale Ltd", role="Distributor")),
        (p4, _partner(p4, "Gone Ltd", removed=True)),
        (p1, _partner(p1, "Fine Concerts Group")),  # renamed: its events are produced again
    ]
    events = [
        (e1, _event(e1, p1, "Jazz Night", [(f"s-1{s}", "Dance floor"), (f"s-2{s}", "Balcony")])),
        (e2, _event(e2, p2, "Chamber Evening", [(f"s-3{s}", "Stalls")], category="7", legal_ip=True)),
        (e3, _event(e3, p1, "Open Air", [(f"s-4{s}", "Lawn")], category="99", open_date=True)),
        (e1, _event(e1, p1, "Jazz Night", [(f"s-1{s}", "Dance floor (standing)"), (f"s-2{s}", "Balcony")])),
    ]
    orders = [
        (f"o-1{s}", _order(f"o-1{s}", 1001, 2, e1, p1, [("t-1", "s-1"), ("t-2", "s-2")], s=s)),
        (f"o-2{s}", _order(f"o-2{s}", 1002, 2, e2, p2, [("t-3", "s-3"), ("t-4", "s-3")], s=s,
                           name="Petrova Anna Sergeevna")),
        (f"o-3{s}", _order(f"o-3{s}", 1003, 2, e2, p2, [("t-5", "s-3"), ("t-6", "s-3"), ("t-7", "s-3")], s=s,
                           email="sidorov.fan@example.com", phone="+7 (903) 555-12-34")),
        (f"o-4{s}", _order(f"o-4{s}", 1004, 1, e2, p2, [("t-8", "s-3")], s=s)),
        (f"o-5{s}", _order(f"o-5{s}", 1005, 2, e3, p1, [("t-9", "s-4")], s=s, name="Ivan")),
        (f"o-6{s}", _order(f"o-6{s}", 1006, 2, e3, p1, [("t-10", "s-4")], s=s, phone="8 916 765-43-21",
                           email="ivan@example.com")),
        (f"o-7{s}", _order(f"o-7{s}", 1007, 2, e3, p1, [], s=s)),
        (f"o-2{s}", _order(f"o-2{s}", 1002, 3, e2, p2, [("t-3", "s-3"), ("t-4", "s-3")], s=s,
                           name="Petrova Anna Sergeevna")),
    ]
    refunds = [
        (f"r-1{s}", _refund(f"r-1{s}", 2, f"o-1{s}", e1, p1, [f"t-1{s}"])),
        (f"r-2{s}", _refund(f"r-2{s}", 3, f"o-3{s}", e2, p2, [f"t-5{s}"])),
        (f"r-3{s}", _refund(f"r-3{s}", 0, f"o-5{s}", e3, p1, [f"t-9{s}"])),
        (f"r-3{s}", _refund(f"r-3{s}", 2, f"o-5{s}", e3, p1, [f"t-9{s}"])),
    ]
    encode = lambda pairs: [(k.encode(), v) for k, v in pairs]  # noqa: E731
    return {"partner": encode(partners), "event": encode(events), "order": encode(orders),
            "refund_request": encode(refunds)}


def bulk(orders: int, *, orders_per_event: int = 100, events_per_partner: int = 10,
         ) -> list[tuple[str, bytes, bytes]]:
    """A larger data set for measurements: (legacy message name, key, value), partners and events first.

    `orders` DONE orders of 3 tickets over ``orders / orders_per_event`` events; one in ten refunded.
    """
    events = max(1, -(-orders // orders_per_event))
    partners = max(1, -(-events // events_per_partner))
    out: list[tuple[str, bytes, bytes]] = []
    for p in range(partners):
        out.append(("partner", f"bp-{p}".encode(), _partner(f"bp-{p}", f"Organizer {p}")))
    for e in range(events):
        sets = [(f"bs-{e}-a", "Stalls"), (f"bs-{e}-b", "Balcony")]
        org = f"bp-{e // events_per_partner}"
        out.append(("event", f"be-{e}".encode(), _event(f"be-{e}", org, f"Event {e}", sets)))
    for o in range(orders):
        e = o % events
        org = f"bp-{e // events_per_partner}"
        tickets = [(f"bt-{o}-{i}", f"bs-{e}-{'ab'[i % 2]}") for i in range(3)]
        out.append(("order", f"bo-{o}".encode(), _order(f"bo-{o}", 100_000 + o, 2, f"be-{e}", org, tickets)))
        if o % 10 == 0:
            out.append(("refund_request", f"br-{o}".encode(),
                        _refund(f"br-{o}", 2, f"bo-{o}", f"be-{e}", org, [f"bt-{o}-0"])))
    return out
