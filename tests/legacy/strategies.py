"""Hypothesis strategies for legacy records: every field the mapping reads, with values near its rules."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from vibe_contracts import legacy

IDS = st.sampled_from(["org-1", "ev-1", "ord-1", "t-1", "t-2", "set-1", " org-1 ", ""])
TEXT = st.one_of(
    st.sampled_from(["", " ", "\u3000", "x", "Анна Петрова", "Петрова Анна Сергеевна", "anna@example.ru",
                     "8 (916) 123-45-67", "+7 916 123 45 67", "9161234567", "+44 20 7946 0958", "12",
                     "https://cdn.example.com/a.jpg", "ftp://x", "rub", " Usd ", "KZT", "7701234567",
                     "1027700132195", "304500116000157", "a" * 300]),
    st.text(max_size=12),
)
INT64 = st.one_of(st.sampled_from([0, 1, -1, 100500, 2**53 - 1, 2**53, -(2**63), 2**63 - 1]),
                  st.integers(-(2**63), 2**63 - 1))
ENUM = st.integers(0, 6)  # past the last value too: proto3 keeps unknown numbers
MAPPED = st.one_of(st.just(2), ENUM)  # DONE and APPROVED are 2
EMAIL = st.one_of(st.sampled_from(["anna@example.ru", " a.b@c.de "]), TEXT)
PHONE = st.one_of(st.sampled_from(["8 (916) 123-45-67", "+44 20 7946 0958", "9161234567"]), TEXT)
NAME = st.one_of(st.sampled_from(["Acme", "Анна Петрова", "Петрова Анна Сергеевна"]), TEXT)
NOMINAL = st.one_of(st.integers(0, 10**7), INT64)
TIME = st.fixed_dictionaries({"seconds": st.integers(946684800, 4102444799), "nanos": st.integers(0, 999_999_999)})
SECONDS = st.one_of(st.sampled_from([0, 946684800, 1777651200, 4102444799, 4102444800]),
                    st.integers(0, 5_000_000_000))
STAMP = st.one_of(st.none(), st.fixed_dictionaries({"seconds": SECONDS, "nanos": st.integers(0, 999_999_999)}))


def _stamp(target: Any, value: dict[str, int] | None) -> None:
    if value is not None:
        target.seconds, target.nanos = value["seconds"], value["nanos"]


@st.composite
def partners(draw: st.DrawFn) -> legacy.Partner:
    p = legacy.Partner(id=draw(IDS), name=draw(NAME), role=draw(st.sampled_from(["organizer", "Distributor", ""])),
                       status=draw(ENUM), removed=draw(st.booleans()), hidden=draw(st.booleans()), currency=draw(TEXT))
    _stamp(p.updated_at, draw(STAMP))
    if draw(st.booleans()):
        p.legal.name, p.legal.address, p.legal.inn = draw(TEXT), draw(TEXT), draw(TEXT)
        kind = draw(st.sampled_from([None, "ogrn", "ogrnip"]))
        if kind:
            setattr(p.legal, kind, draw(TEXT))
    return p


@st.composite
def events(draw: st.DrawFn) -> legacy.Event:
    e = legacy.Event(id=draw(IDS), meta=draw(TEXT), name=draw(NAME), description=draw(TEXT), status=draw(ENUM),
                     org=draw(IDS), venue=draw(st.sampled_from(["venue-1", "venue-2", ""])), category=draw(TEXT),
                     open_date=draw(st.booleans()))
    _stamp(e.lifetime.start, draw(STAMP))
    _stamp(e.lifetime.finish, draw(st.one_of(TIME, STAMP)))
    e.media.cover, e.media.cover_small, e.media.cover_original = draw(TEXT), draw(TEXT), draw(TEXT)
    if draw(st.booleans()):
        lr = e.legal_ru
        lr.type, lr.name, lr.inn, lr.address = draw(ENUM), draw(TEXT), draw(TEXT), draw(TEXT)
        kind = draw(st.sampled_from([None, "ogrn", "ogrnip"]))
        if kind:
            setattr(lr, kind, draw(TEXT))
    for _ in range(draw(st.integers(0, 3))):
        e.sets.add(id=draw(IDS), name=draw(TEXT), removed=draw(st.booleans()))
    return e


@st.composite
def orders(draw: st.DrawFn) -> legacy.Order:
    o = legacy.Order(id=draw(IDS), number=draw(INT64), status=draw(MAPPED), event=draw(IDS), org=draw(IDS))
    c = o.settings.customer
    c.name, c.email, c.phone, c.lang = draw(NAME), draw(EMAIL), draw(PHONE), draw(TEXT)
    for _ in range(draw(st.integers(0, 3))):
        t = o.tickets.add(id=draw(IDS), serial=draw(TEXT), number=draw(INT64), barcode=draw(NAME), set=draw(IDS),
                          price=draw(INT64), nominal=draw(NOMINAL))
        t.seat.row, t.seat.number = draw(TEXT), draw(TEXT)
    return o


@st.composite
def refunds(draw: st.DrawFn) -> legacy.RefundRequest:
    r = legacy.RefundRequest(id=draw(IDS), status=draw(MAPPED), order=draw(IDS), event=draw(IDS), org=draw(IDS))
    for _ in range(draw(st.integers(0, 3))):
        r.tickets.add(id=draw(IDS))
    return r


CONFIGS = st.sampled_from([
    {},
    {"name_order": "family_first", "phone_country_code": "380", "skip_roles": ["distributor"]},
    {"categories": {"x": "concert"}, "default_offset": 5.5,
     "venues": {"venue-1": {"name": "Hall", "lat": 55.7, "lon": 37.6, "offset": -3.5}}},
])

def joined(function: str, messages: list[Any]) -> None:
    """Make the joins' ids agree with the record, as most real inputs do (the property holds either way)."""
    record, *joins = messages
    if function == "event":
        joins[0].id = record.org
    elif function in ("order", "order_tickets"):
        joins[0].id, joins[1].id = record.event, record.org
        joins[0].sets.extend(legacy.Event.TicketSet(id=t.set, name="Hall") for t in record.tickets)
    elif function in ("refund", "refund_tickets"):
        joins[0].id = record.order
        if function == "refund_tickets":
            joins[1].id, joins[2].id = joins[0].event, joins[0].org
            joins[1].sets.extend(legacy.Event.TicketSet(id=t.set, name="Hall") for t in joins[0].tickets)
            joins[0].tickets.extend(legacy.Order.Ticket(id=t.id, barcode="b", set="s") for t in record.tickets)
            joins[1].sets.add(id="s", name="Hall")


#: function → strategies of its record and of its joins, in the order the function takes them
INPUTS: dict[str, tuple[Any, ...]] = {
    "partner": (partners(),),
    "event": (events(), partners()),
    "order": (orders(), events(), partners()),
    "refund": (refunds(), orders()),
    "order_tickets": (orders(), events(), partners()),
    "refund_tickets": (refunds(), orders(), events(), partners()),
}
