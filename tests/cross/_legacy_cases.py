"""Hypothesis strategies for the legacy cross-language test: legacy records with random values, as bytes.

Records are Python protobuf messages with random field values (unknown enum
numbers, empty and white-space strings, odd phones and names, zero and
extreme int64s, negative nanos), serialized, sometimes with unknown fields
or a damaged byte appended. Ids come from a small pool so that joins
usually complete; configs are `MappingConfig.from_dict` plain data, mostly valid.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from vibe_contracts.legacy import Event, Order, Partner, RefundRequest

def mostly(good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`good` about four times in five, else `odd`: most records map, the rest probe the edges.

    (Not `i == 0`: hypothesis draws the bounds of a range far more often than the rest.)
    """
    return st.integers(0, 4).flatmap(lambda i: odd if i == 2 else good)


ODD_INT64 = st.one_of(
    st.sampled_from([0, 1, -1, 42, 2**53 - 1, 2**53, 2**63 - 1, -(2**63), 946684800, 1700000000, 4102444800]),
    st.integers(-(2**63), 2**63 - 1),
)
INT64 = mostly(st.integers(0, 10**6), ODD_INT64)
INT32 = st.one_of(st.sampled_from([0, 1, 999_999_999, 1_000_000_000, -1, -(2**31), 2**31 - 1]),
                  st.integers(-(2**31), 2**31 - 1))
ODD_ENUM = st.sampled_from([4, 5, -1, 99, 2**31 - 1, -(2**31)])


def enum(mapped: int, count: int) -> st.SearchStrategy[int]:
    """A legacy enum number: mostly the value that maps, else any known one, sometimes an unknown number."""
    return mostly(st.sampled_from([mapped, mapped, *range(count)]), ODD_ENUM)

IDS = mostly(st.sampled_from(["a", "b"]), st.sampled_from([" a ", "a\u3000", "\ufeffb", "", "a\x85"]))
WHITE = ["", " ", "\t\n", "\u3000", "\ufeff", "\xa0", "\x1c", "\x85", "\u200b"]
ODD_TEXT = st.one_of(
    st.sampled_from(WHITE + ["x", " x ", "Иван", "Иван Петров", "  Петров  Иван\tСергеевич ", "a b c d"]),
    st.text(max_size=12),
    st.builds(lambda a, w, b: a + w + b, st.text(max_size=4), st.sampled_from(WHITE), st.text(max_size=4)),
)
TEXT = mostly(st.sampled_from(["Hall", "Иван Петров", " Concert  night ", "Anna"]), ODD_TEXT)
PHONES = mostly(st.sampled_from(["8 (916) 123-45-67", "+7 916 123 45 67", "9161234567"]), st.one_of(ODD_TEXT, st.sampled_from([
    "8 (916) 123-45-67", "+7 916 123 45 67", "9161234567", "89161234567", "+44 20 7946 0958", "garbage", "8",
    "٣٣٣٣٣٣٣٣٣٣", "８９１６１２３４５６７", "1" * 16, "+1 (555) 010-9999", "0000000000",
]), st.text(alphabet="0123456789 +-()", max_size=20)))
EMAILS = mostly(st.sampled_from(["guest@example.com", " a@b.co "]),
                st.one_of(ODD_TEXT, st.sampled_from(["bad", "@", "a@b", "x" * 300 + "@e.ru"])))
URLS = st.one_of(TEXT, st.sampled_from(["https://x.ru/c.jpg", " http://a/b ", "ftp://x", "HTTPS://A", "https://"]))
CURRENCIES = st.one_of(TEXT, st.sampled_from(["RUB", "rub", " Eur ", "usd\n", "XXX", "ＲＵＢ", "\x1cRUB", "\ufeffgbp"]))
CATEGORY_IDS = st.sampled_from(["", "c1", " c1 ", "c2", "zz"])
ROLES = st.sampled_from(["", "organizer", " Organizer ", "DISTRIBUTOR", "distributor\x85", "\ufeffagent", "İx"])


@st.composite
def partner(draw: st.DrawFn) -> Partner:
    p = Partner(id=draw(IDS), name=draw(TEXT), role=draw(ROLES), desc=draw(TEXT), status=draw(enum(1, 4)),
                removed=draw(st.integers(0, 3)) == 0, hidden=draw(st.booleans()),
                currency=draw(CURRENCIES))
    if draw(st.booleans()):
        p.legal.name, p.legal.address = draw(TEXT), draw(TEXT)
        p.legal.inn = draw(mostly(st.sampled_from(["7707083893", ""]), TEXT))
        kind = draw(st.sampled_from([None, "ogrn", "ogrnip"]))
        if kind:
            setattr(p.legal, kind, draw(mostly(st.sampled_from(["1027700132195", "304500116000157"]), TEXT)))
    if draw(st.booleans()):
        p.updated_at.seconds, p.updated_at.nanos = draw(INT64), draw(INT32)
    return p


@st.composite
def event(draw: st.DrawFn) -> Event:
    e = Event(id=draw(IDS), meta=draw(TEXT), name=draw(TEXT), description=draw(TEXT), status=draw(enum(1, 4)),
              org=draw(IDS), venue=draw(st.sampled_from(["", "v1", " v1 ", "v2"])), category=draw(CATEGORY_IDS),
              open_date=draw(st.booleans()))
    for which in ("start", "finish"):
        if draw(mostly(st.just(True), st.booleans())):
            stamp = getattr(e.lifetime, which)
            stamp.seconds = draw(mostly(st.integers(946684800, 4102444799), ODD_INT64))
            stamp.nanos = draw(INT32)
    if draw(st.booleans()):
        e.media.cover, e.media.cover_small, e.media.cover_original = draw(URLS), draw(URLS), draw(URLS)
    if draw(st.booleans()):
        e.legal_ru.type = draw(enum(0, 2))
        e.legal_ru.name, e.legal_ru.address = draw(TEXT), draw(TEXT)
        e.legal_ru.inn = draw(mostly(st.sampled_from(["7707083893", ""]), TEXT))
        kind = draw(st.sampled_from([None, "ogrn", "ogrnip"]))
        if kind:
            setattr(e.legal_ru, kind, draw(mostly(st.sampled_from(["1027700132195", "304500116000157"]), TEXT)))
    set_ids = mostly(st.just(["s1", "s2"]), st.lists(st.sampled_from(["s1", "s2", " s1 ", ""]), max_size=3))
    for set_id in draw(set_ids):
        e.sets.add(id=set_id, name=draw(TEXT), description=draw(TEXT), removed=draw(st.booleans()))
    return e


@st.composite
def order(draw: st.DrawFn) -> Order:
    o = Order(id=draw(IDS), number=draw(mostly(st.integers(1, 10**6), ODD_INT64)), status=draw(enum(2, 5)), event=draw(IDS), org=draw(IDS))
    if draw(mostly(st.just(True), st.booleans())):
        c = o.settings.customer
        c.user, c.name, c.email, c.phone, c.lang = draw(TEXT), draw(TEXT), draw(EMAILS), draw(PHONES), draw(TEXT)
    ticket_ids = mostly(st.lists(st.sampled_from(["t1", "t2", "t3"]), min_size=1, max_size=3, unique=True),
                        st.lists(st.sampled_from(["t1", "t2", "t3", " t1", ""]), max_size=3))
    for ticket_id in draw(ticket_ids):
        t = o.tickets.add(id=ticket_id, serial=draw(TEXT), number=draw(INT64), barcode=draw(TEXT | IDS),
                          set=draw(mostly(st.sampled_from(["s1", "s2"]), st.sampled_from(["", " s1 ", "zz"]))), price=draw(INT64),
                          nominal=draw(INT64))
        if draw(st.booleans()):
            t.seat.row, t.seat.number = draw(TEXT), draw(TEXT)
    return o


@st.composite
def refund(draw: st.DrawFn) -> RefundRequest:
    r = RefundRequest(id=draw(IDS), status=draw(enum(2, 4)), order=draw(IDS), event=draw(IDS), org=draw(IDS))
    ticket_ids = mostly(st.lists(st.sampled_from(["t1", "t2"]), min_size=1, max_size=2, unique=True),
                        st.lists(st.sampled_from(["t1", "t2", "t3", " t2 ", "", "t9"]), max_size=3))
    for ticket_id in draw(ticket_ids):
        r.tickets.add(id=ticket_id)
    return r


def wire(message: Any) -> st.SearchStrategy[bytes]:
    """The message's bytes, sometimes with unknown fields (or a damaged tail) appended."""
    extra = mostly(st.just(b""), st.sampled_from([b""] * 3 + [
        b"\xf8\x06\x01",  # field 111, varint
        b"\x9a\x06\x03abc",  # field 99, bytes
        b"\x28\x05",  # field 5 as a varint where most messages have it (status)
        b"\x0a\x02\xff\xfe",  # field 1 (id) with invalid UTF-8
        b"\x12",  # a truncated field
        b"\x0b\x0c",  # an empty group 1
    ]))
    return extra.map(lambda tail: message.SerializeToString(deterministic=True) + tail)


CONFIG_CATEGORY = st.sampled_from(["concert", "theater", "other", "Concert", "", 5, 2.5, None, True])


@st.composite
def config(draw: st.DrawFn) -> dict[str, Any] | None:
    """A `MappingConfig.from_dict` table (None: the default config)."""
    if draw(st.integers(0, 2)) == 1:
        return None
    odd = draw(st.integers(0, 6)) == 3  # a config the constructor refuses, most likely
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        # Integer-like keys ("12") too: JavaScript lists them first, the errors must still come in one order.
        out["categories"] = draw(st.dictionaries(st.sampled_from(["c1", "c2", "", "x y", "12", "3"]), CONFIG_CATEGORY
                                                 if odd else st.sampled_from(["concert", "theater"]),
                                                 max_size=3))
    if draw(st.booleans()):
        venue = {"name": draw(st.sampled_from(["Hall", "", " "] if odd else ["Hall"])), "city_name": "Moscow", "lat": 55.75, "lon": 37,
                 "offset": draw(st.sampled_from([None, 3, 5.5, 4.25, 15, 3.1] if odd else [None, 3, 5.5, 4.25]))}
        if odd and draw(st.booleans()):
            venue[draw(st.sampled_from(["zip", "id"]))] = "x"
        ids = st.sampled_from(["v1", "v2", "", "7"] if odd else ["v1", "v2", "7"])
        out["venues"] = {venue_id: venue for venue_id in draw(st.lists(ids, min_size=1, max_size=3, unique=True))}
    if draw(st.booleans()):
        out["default_offset"] = draw(st.sampled_from([3.0, 3, 0, -12, 14, 5.75, 14.25, 3.3, "3", None, True] if odd else [3.0, 0, -12, 5.75]))
    if draw(st.booleans()):
        out["name_order"] = draw(st.sampled_from(["given_first", "family_first", "fio", 1] if odd else ["given_first", "family_first"]))
    if draw(st.booleans()):
        out["phone_country_code"] = draw(st.sampled_from(["7", "1", "44", "380", "0", "1234", "+7", 7] if odd else ["7", "1", "380"]))
    if draw(st.booleans()):
        out["skip_roles"] = draw(st.sampled_from([["organizer"], [" DISTRIBUTOR ", "agent\x85"], [], "organizer", [1]] if odd
                                              else [["organizer"], [" DISTRIBUTOR ", "agent\x85"], []]))
    if odd and draw(st.booleans()):
        out.update(dict.fromkeys(draw(st.lists(st.sampled_from(["mystery", "2", "a"]), min_size=1, unique=True)), 1))
    return out
