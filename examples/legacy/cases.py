"""The legacy vectors, by hand: records (readable), joins, config and what v1 must get.

Expected v1 documents are written out in full; `ms()` only spells a time in
milliseconds. `build.py` turns this into the JSON files both languages read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


def ms(text: str) -> int:
    stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int(stamp.timestamp()) * 1000 + stamp.microsecond // 1000


def case(name: str, function: str, record: str, expect: dict[str, Any], description: str = "", *,
         joins: dict[str, str] | None = None, config: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "description": description, "function": function, "record": record}
    if joins:
        out["joins"] = joins
    if config is not None:
        out["config"] = config
    out["expect"] = expect
    return out


def v1(*documents: dict[str, Any]) -> dict[str, Any]:
    return {"v1": list(documents)}


def skipped(reason: str) -> dict[str, Any]:
    return {"skipped": reason}


def refused(*errors: tuple[str, str]) -> dict[str, Any]:
    return {"refused": [{"path": path, "rule": rule} for path, rule in errors]}


START, FINISH = "2026-05-01T16:00:00Z", "2026-05-01T19:30:00.250Z"
GARBAGE = "/////w=="  # ff ff ff ff: a varint that never ends
# Fields the mapping does not read, as real records carry them: 90 (string "utm=x"), 91 (varint 150).
UNKNOWN_HEX = "d2050575746d3d78d8059601"

# --- partners ---------------------------------------------------------------------------------------------

LEGAL_LTD = {"name": "ООО «Концерт-Холл»", "address": "Москва, ул. Тверская, 1", "inn": "7701234567",
             "ogrn": "1027700132195"}
PARTNER = {"id": "org-1", "name": "Концерт-Холл", "role": "organizer", "status": "APPROVED", "currency": "rub",
           "updatedAt": "2026-01-10T09:00:00Z", "legal": LEGAL_LTD}
ORGANIZER = {"id": "org-1", "name": "Концерт-Холл",
             "legals": {"name": "ООО «Концерт-Холл»", "type": "ru_ltd", "inn": "7701234567", "ogrn": "1027700132195",
                        "address": "Москва, ул. Тверская, 1"}}

PARTNERS = {
    "description": "Partner → Organizer (docs/legacy.md): legals, ogrn/ogrnip, removed and skipped roles, statuses.",
    "records": {
        "partner": {"message": "partner", "readable": PARTNER},
        "partner-unknown-fields": {"message": "partner", "readable": PARTNER, "unknown_hex": UNKNOWN_HEX},
        "partner-ogrnip": {"message": "partner", "readable": {
            "id": "ip-7", "name": "ИП Смирнов", "role": "organizer", "currency": "RUB",
            "legal": {"name": "ИП Смирнов Сергей", "inn": "500100732259", "ogrnip": "304500116000157"}}},
        "partner-no-legal": {"message": "partner", "readable": {"id": "org-2", "name": "Club 22", "role": "organizer"}},
        "partner-legal-empty-ogrn": {"message": "partner", "readable": {
            "id": "org-3", "name": "Studio", "legal": {"name": "Studio LLC", "ogrn": ""}}},
        "partner-removed": {"message": "partner", "readable": {**PARTNER, "removed": True}},
        "partner-distributor": {"message": "partner", "readable": {
            "id": "dist-1", "name": "Билеты Всем", "role": " Distributor "}},
        "partner-bot-hidden": {"message": "partner", "readable": {**PARTNER, "status": "BOT", "hidden": True}},
        "partner-new": {"message": "partner", "readable": {**PARTNER, "status": "NEW"}},
        "partner-inactive": {"message": "partner", "readable": {**PARTNER, "status": "INACTIVE"}},
        "partner-padded": {"message": "partner", "readable": {
            "id": "  org-4\n", "name": "\u3000Театр\u00a0 ", "legal": {"inn": " 7707083893 ", "ogrn": "\t1027739609391"}}},
        "partner-blank-name": {"message": "partner", "readable": {"id": "org-5", "name": "   "}},
        "partner-bad-inn": {"message": "partner", "readable": {
            "id": "org-6", "name": "Bad INN", "legal": {"inn": "77-01234567"}}},
        "partner-empty": {"message": "partner", "readable": {}},
        "partner-garbage": {"message": "partner", "base64": GARBAGE},
    },
    "cases": [
        case("partner", "partner", "partner", v1(ORGANIZER), "a company: ogrn gives ru_ltd"),
        case("partner-unknown-fields", "partner", "partner-unknown-fields", v1(ORGANIZER),
             "fields the mapping does not read are skipped"),
        case("partner-ogrnip", "partner", "partner-ogrnip", v1(
            {"id": "ip-7", "name": "ИП Смирнов", "legals": {"name": "ИП Смирнов Сергей", "type": "ru_lp",
                                                           "inn": "500100732259", "ogrn": "304500116000157"}}),
             "an individual entrepreneur: ogrnip becomes ogrn, type ru_lp"),
        case("partner-no-legal", "partner", "partner-no-legal", v1({"id": "org-2", "name": "Club 22"})),
        case("partner-legal-empty-ogrn", "partner", "partner-legal-empty-ogrn",
             v1({"id": "org-3", "name": "Studio", "legals": {"name": "Studio LLC"}}),
             "an empty ogrn is absent, and so is the type it would give"),
        case("partner-removed", "partner", "partner-removed", skipped("partner_removed")),
        case("partner-role-skipped", "partner", "partner-distributor", skipped("partner_role"),
             "roles compare trimmed and in lower case", config={"skip_roles": ["distributor"]}),
        case("partner-role-kept-by-default", "partner", "partner-distributor",
             v1({"id": "dist-1", "name": "Билеты Всем"}), "no role is skipped unless configured"),
        case("partner-status-bot-hidden", "partner", "partner-bot-hidden", v1(ORGANIZER),
             "status and hidden are not read"),
        case("partner-status-new", "partner", "partner-new", v1(ORGANIZER)),
        case("partner-status-inactive", "partner", "partner-inactive", v1(ORGANIZER)),
        case("partner-trimmed", "partner", "partner-padded", v1(
            {"id": "org-4", "name": "Театр", "legals": {"type": "ru_ltd", "inn": "7707083893", "ogrn": "1027739609391"}}),
             "ECMAScript white space (ideographic space, no-break space, tab, newline) is trimmed"),
        case("partner-blank-name", "partner", "partner-blank-name", refused(("name", "required"))),
        case("partner-bad-inn", "partner", "partner-bad-inn", refused(("legal.inn", "pattern")),
             "a result that fails the v1 writer rules is not produced"),
        case("partner-empty", "partner", "partner-empty", refused(("id", "required"), ("name", "required"))),
        case("partner-garbage", "partner", "partner-garbage", refused(("", "syntax"))),
    ],
}

# --- events -----------------------------------------------------------------------------------------------

SETS = [{"id": "set-1", "name": "Партер", "description": "Ряды 1–20"},
        {"id": "set-2", "name": "Балкон", "removed": True}]
EVENT = {"id": "ev-1", "name": "Джазовый вечер", "description": "Квартет и гости", "status": "PUBLIC", "org": "org-1",
         "venue": "venue-1", "lifetime": {"start": START, "finish": FINISH}, "category": "cat-12",
         "media": {"cover": "https://cdn.example.com/ev-1/cover.jpg"}, "sets": SETS, "updatedAt": "2026-02-01T10:00:00Z"}
VENUE_CONFIG = {
    "categories": {"cat-12": "concert", "cat-40": "theater"},
    "venues": {"venue-1": {"name": "Концерт-Холл", "address": "ул. Тверская, 1", "city_name": "Москва",
                           "lat": 55.757, "lon": 37.615, "offset": 3.0},
               "venue-ekb": {"name": "Дом музыки", "city_name": "Екатеринбург", "offset": 5.0}},
}
V1_VENUE = {"id": "venue-1", "name": "Концерт-Холл", "address": "ул. Тверская, 1", "city_name": "Москва",
            "lat": 55.757, "lon": 37.615}
V1_EVENT = {"id": "ev-1", "name": "Джазовый вечер", "status": "active", "category": "concert", "start_at": ms(START),
            "finish_at": ms(FINISH), "offset": 3.0, "media": "https://cdn.example.com/ev-1/cover.jpg",
            "description": "Квартет и гости", "organizer": ORGANIZER, "venue": V1_VENUE}


def event(**changes: Any) -> dict[str, Any]:
    return {"message": "event", "readable": {**EVENT, **changes}}


def v1_event(drop: tuple[str, ...] = (), **changes: Any) -> dict[str, Any]:
    return {k: v for k, v in {**V1_EVENT, **changes}.items() if k not in drop}


def event_case(name: str, record: str, expect: dict[str, Any], description: str = "", **kw: Any) -> dict[str, Any]:
    kw.setdefault("config", VENUE_CONFIG)
    return case(name, "event", record, expect, description, joins={"partner": "partner"}, **kw)


LEGAL_RU_LTD = {"id": "lr-1", "type": "LTD", "name": "ООО «Джаз»", "inn": "7728168971", "address": "Москва",
                "ogrn": "1027700067328"}
EVENTS = {
    "description": "Event → Event (docs/legacy.md): statuses, category table, times, offset, media, legal_ru, venue, joins.",
    "records": {
        "partner": {"message": "partner", "readable": PARTNER},
        "partner-other": {"message": "partner", "readable": {**PARTNER, "id": "org-9"}},
        "partner-blank-name": {"message": "partner", "readable": {**PARTNER, "name": " "}},
        "event": event(),
        "event-stand-by": event(status="STAND_BY"),
        "event-canceled": event(status="CANCELED"),
        "event-finished": event(status="FINISHED"),
        "event-status-9": event(status=9),
        "event-category-unknown": event(category="cat-999"),
        "event-category-empty": event(category=""),
        "event-open-date": event(openDate=True),
        "event-no-start": event(lifetime={"finish": FINISH}),
        "event-no-finish": event(lifetime={"start": START}),
        "event-zero-finish": event(lifetime={"start": START, "finish": "1970-01-01T00:00:00Z"}),
        "event-finish-in-seconds": event(lifetime={"start": START, "finish": "1970-01-21T13:32:00Z"}),
        "event-finish-before-start": event(lifetime={"start": FINISH, "finish": START}),
        "event-media-original": event(media={"cover": "https://cdn.example.com/c.jpg",
                                             "coverOriginal": "http://cdn.example.com/original.png"}),
        "event-media-fallback": event(media={"coverOriginal": "ftp://files.example.com/o.png", "cover": "  ",
                                             "coverSmall": "https://cdn.example.com/small.jpg"}),
        "event-media-none": event(media={"coverOriginal": "/img/o.png", "cover": "cdn.example.com/c.jpg"}),
        "event-legal-ru-ltd": event(legalRu=LEGAL_RU_LTD),
        "event-legal-ru-ip": event(legalRu={"type": "IP", "name": "ИП Орлова", "inn": "772801529790",
                                            "ogrnip": "316774600123456"}),
        "event-legal-ru-empty": event(legalRu={"id": "lr-0"}),
        "event-venue-unknown": event(venue="venue-404"),
        "event-venue-ekb": event(venue="venue-ekb"),
        "event-group": event(meta="series-2026"),
        "event-empty": {"message": "event", "readable": {"org": "org-1", "lifetime": {"finish": FINISH}}},
        "event-truncated": {"message": "event", "base64": "CgRldi0xEgo="},
    },
    "cases": [
        event_case("event", "event", v1(V1_EVENT), "category and venue from the tables, the organizer embedded"),
        event_case("event-status-stand-by", "event-stand-by", v1(v1_event(status="paused"))),
        event_case("event-status-canceled", "event-canceled", v1(v1_event(status="cancelled"))),
        event_case("event-status-finished", "event-finished", v1(v1_event(status="finished"))),
        event_case("event-status-unknown", "event-status-9", refused(("status", "enum")),
                   "proto3 keeps an unknown enum number; the mapping refuses it"),
        event_case("event-category-unknown", "event-category-unknown", v1(v1_event(category="other")),
                   "an id not in the table is other (docs/spec.md §4's fallback)"),
        event_case("event-category-empty", "event-category-empty", v1(v1_event(category="other"))),
        event_case("event-category-no-table", "event", v1(v1_event(category="other", venue=None, drop=("venue",))),
                   "the default config has empty tables", config={}),
        event_case("event-open-date", "event-open-date", v1(v1_event(drop=("start_at",))),
                   "an open date has no start, whatever lifetime.start says"),
        event_case("event-no-start", "event-no-start", v1(v1_event(drop=("start_at",)))),
        event_case("event-no-finish", "event-no-finish", refused(("lifetime.finish", "required")),
                   "finish_at is required in v1"),
        event_case("event-zero-finish", "event-zero-finish", refused(("lifetime.finish", "required")),
                   "the zero Timestamp is proto3's unset"),
        event_case("event-finish-in-seconds", "event-finish-in-seconds", refused(("lifetime.finish", "range")),
                   "a time before 2000 is refused, never passed on"),
        event_case("event-finish-before-start", "event-finish-before-start", refused(("lifetime.finish", "order"))),
        event_case("event-media-original", "event-media-original",
                   v1(v1_event(media="http://cdn.example.com/original.png")), "cover_original comes first"),
        event_case("event-media-fallback", "event-media-fallback",
                   v1(v1_event(media="https://cdn.example.com/small.jpg")),
                   "the first candidate that is an http(s) URL: not ftp, not blank"),
        event_case("event-media-none", "event-media-none", v1(v1_event(drop=("media",)))),
        event_case("event-legal-ru-ltd", "event-legal-ru-ltd", v1(v1_event(organizer={
            **ORGANIZER, "legals": {"name": "ООО «Джаз»", "type": "ru_ltd", "inn": "7728168971", "ogrn": "1027700067328",
                                    "address": "Москва"}})), "legal_ru replaces the organizer's legals in the copy"),
        event_case("event-legal-ru-ip", "event-legal-ru-ip", v1(v1_event(organizer={
            **ORGANIZER, "legals": {"name": "ИП Орлова", "type": "ru_lp", "inn": "772801529790",
                                    "ogrn": "316774600123456"}}))),
        event_case("event-legal-ru-empty", "event-legal-ru-empty", v1(V1_EVENT),
                   "a legal_ru with no details replaces nothing"),
        event_case("event-venue-unknown", "event-venue-unknown", v1(v1_event(drop=("venue",))),
                   "a venue not in the table: no venue, the default offset"),
        event_case("event-venue-offset", "event-venue-ekb", v1(v1_event(offset=5.0, venue={
            "id": "venue-ekb", "name": "Дом музыки", "city_name": "Екатеринбург"}))),
        event_case("event-default-offset", "event-venue-unknown", v1(v1_event(offset=-2.5, drop=("venue",))),
                   config={**VENUE_CONFIG, "default_offset": -2.5}),
        event_case("event-group", "event-group", v1(v1_event(group_id="series-2026"))),
        case("event-join-mismatch", "event", "event", refused(("org", "join")),
             "the partner given is not the event's org", joins={"partner": "partner-other"}),
        case("event-partner-blank-name", "event", "event", refused(("org.name", "required")),
             "a path through a join starts with the joining field", joins={"partner": "partner-blank-name"}),
        event_case("event-empty-strings", "event-empty", refused(("id", "required"), ("name", "required"))),
        event_case("event-truncated", "event-truncated", refused(("", "syntax"))),
    ],
}

# --- orders -----------------------------------------------------------------------------------------------

CUSTOMER = {"user": "u-100", "name": "Анна Петрова", "email": "anna.petrova@example.ru", "phone": "8 (916) 123-45-67",
            "lang": "ru"}
TICKET_1 = {"id": "t-1", "serial": "AA", "number": "1001", "barcode": "4600000000017", "set": "set-1",
            "seat": {"row": "5", "number": "12"}, "price": "250000", "nominal": "300000"}
TICKET_2 = {"id": "t-2", "serial": "AA", "number": "1002", "barcode": "4600000000024", "set": "set-2",
            "seat": {"row": "5", "number": "13"}, "price": "250000", "nominal": "300000"}
ORDER = {"id": "ord-1", "number": "100500", "status": "DONE", "event": "ev-1", "org": "org-1",
         "createdAt": "2026-03-01T12:00:00Z", "doneAt": "2026-03-01T12:05:00Z", "settings": {"customer": CUSTOMER},
         "tickets": [TICKET_1, TICKET_2]}
V1_CUSTOMER = {"email": "anna.petrova@example.ru", "phone": "+79161234567", "first_name": "Анна", "last_name": "Петрова"}
V1_TICKET_1 = {"id": "t-1", "event_id": "ev-1", "barcode": "4600000000017", "number": "1001", "series": "AA", "row": "5",
               "seat": "12", "category": "Партер", "price_nominal": 300000, "currency": "RUB"}
V1_TICKET_2 = {**V1_TICKET_1, "id": "t-2", "barcode": "4600000000024", "number": "1002", "seat": "13",
               "category": "Балкон"}
V1_ORDER = {"id": "ord-1", "number": "100500", "customer": V1_CUSTOMER, "tickets": [V1_TICKET_1, V1_TICKET_2]}


def order(**changes: Any) -> dict[str, Any]:
    return {"message": "order", "readable": {**ORDER, **changes}}


def customer(**changes: Any) -> dict[str, Any]:
    return order(settings={"customer": {**CUSTOMER, **changes}})


def one_ticket(**changes: Any) -> dict[str, Any]:
    return order(tickets=[{**TICKET_1, **changes}])


def order_case(name: str, record: str, expect: dict[str, Any], description: str = "", **kw: Any) -> dict[str, Any]:
    kw.setdefault("joins", {"event": "event", "partner": "partner"})
    return case(name, "order", record, expect, description, **kw)


def with_customer(**changes: Any) -> dict[str, Any]:
    named = {k: v for k, v in {**V1_CUSTOMER, **changes}.items() if v is not None}
    return v1({**V1_ORDER, "customer": named})


def with_ticket(**changes: Any) -> dict[str, Any]:
    ticket = {k: v for k, v in {**V1_TICKET_1, **changes}.items() if v is not None}
    return v1({**V1_ORDER, "tickets": [ticket]})


ORDERS = {
    "description": "Order → Order (docs/legacy.md): only DONE; phones, names, ticket sets, currency, prices, joins.",
    "records": {
        "partner": {"message": "partner", "readable": PARTNER},
        "partner-usd": {"message": "partner", "readable": {**PARTNER, "currency": " Usd "}},
        "partner-kzt": {"message": "partner", "readable": {**PARTNER, "currency": "KZT"}},
        "partner-no-currency": {"message": "partner", "readable": {**PARTNER, "currency": ""}},
        "event": event(),
        "event-other": event(id="ev-2"),
        "order": order(),
        "order-unknown-fields": {"message": "order", "readable": ORDER, "unknown_hex": UNKNOWN_HEX},
        "order-executed": order(status="EXECUTED"),
        "order-in-progress": order(status="IN_PROGRESS"),
        "order-cancelled": order(status="CANCELLED"),
        "order-expired": order(status="EXPIRED"),
        "order-status-7": order(status=7),
        "phone-plus7": customer(phone="+7 916 123 45 67"),
        "phone-10-digits": customer(phone="9161234567"),
        "phone-foreign": customer(phone="+44 20 7946 0958"),
        "phone-garbage": customer(phone="позвоните мне"),
        "phone-short": customer(phone="12-34"),
        "phone-leading-zero": customer(phone="0044 20 7946 0958"),
        "phone-national-other": customer(phone="903 123-45-67"),
        "name-one-word": customer(name="Анна"),
        "name-three-words": customer(name=" Anna  Maria\tPetrova "),
        "name-fio": customer(name="Петрова Анна Сергеевна"),
        "name-empty": customer(name=""),
        "email-missing": customer(email=""),
        "email-invalid": customer(email="anna at example.ru"),
        "email-padded": customer(email="  anna.petrova@example.ru\n"),
        "no-customer": order(settings={}),
        "no-tickets": order(tickets=[]),
        "number-zero": order(number="0"),
        "ticket-set-unknown": one_ticket(set="set-404"),
        "ticket-set-missing": one_ticket(set=""),
        "ticket-number-zero": one_ticket(number="0", serial="", seat={}),
        "ticket-nominal-zero": one_ticket(nominal="0"),
        "ticket-nominal-negative": one_ticket(nominal="-100"),
        "ticket-nominal-huge": one_ticket(nominal="9007199254740992"),
        "ticket-no-barcode": one_ticket(barcode=" "),
        "tickets-repeated": order(tickets=[TICKET_1, {**TICKET_2, "id": "t-1"}]),
        "order-truncated": {"message": "order", "base64": "CgVvcmQtMRA="},
    },
    "cases": [
        order_case("order", "order", v1(V1_ORDER), "8 (916) … becomes +7916…; the set names; currency upper-cased"),
        order_case("order-unknown-fields", "order-unknown-fields", v1(V1_ORDER)),
        order_case("order-status-executed", "order-executed", skipped("order_status")),
        order_case("order-status-in-progress", "order-in-progress", skipped("order_status")),
        order_case("order-status-cancelled", "order-cancelled", skipped("order_status")),
        order_case("order-status-expired", "order-expired", skipped("order_status")),
        order_case("order-status-unknown", "order-status-7", refused(("status", "enum"))),
        order_case("phone-plus7", "phone-plus7", with_customer()),
        order_case("phone-10-digits", "phone-10-digits", with_customer(), "10 digits from 9: the country code added"),
        order_case("phone-foreign", "phone-foreign", with_customer(phone="+442079460958")),
        order_case("phone-garbage", "phone-garbage", refused(("settings.customer.phone", "required")),
                   "no digits: no phone, and the phone is required"),
        order_case("phone-short", "phone-short", refused(("settings.customer.phone", "pattern"))),
        order_case("phone-leading-zero", "phone-leading-zero", refused(("settings.customer.phone", "pattern")),
                   "an international prefix 00 is not rewritten: +0044… is not E.164"),
        order_case("phone-country-code", "phone-national-other", with_customer(phone="+3809031234567"),
                   "the country code of the national rules is configurable", config={"phone_country_code": "380"}),
        order_case("name-one-word", "name-one-word", with_customer(first_name="Анна", last_name=None)),
        order_case("name-one-word-family-first", "name-one-word", with_customer(first_name="Анна", last_name=None),
                   "one word is a first name in either order", config={"name_order": "family_first"}),
        order_case("name-two-words-family-first", "order", with_customer(first_name="Петрова", last_name="Анна"),
                   "the configured order is applied as told", config={"name_order": "family_first"}),
        order_case("name-three-words", "name-three-words", with_customer(first_name="Anna", last_name="Maria Petrova"),
                   "the first word, then the rest joined by one space"),
        order_case("name-fio", "name-fio", with_customer(first_name="Анна Сергеевна", last_name="Петрова"),
                   "ФИО: family name first", config={"name_order": "family_first"}),
        order_case("name-fio-given-first", "name-fio", with_customer(first_name="Петрова", last_name="Анна Сергеевна")),
        order_case("name-empty", "name-empty", with_customer(first_name=None, last_name=None)),
        order_case("email-missing", "email-missing", refused(("settings.customer.email", "required"))),
        order_case("email-invalid", "email-invalid", refused(("settings.customer.email", "pattern"))),
        order_case("email-padded", "email-padded", v1(V1_ORDER)),
        order_case("no-customer", "no-customer",
                   refused(("settings.customer.email", "required"), ("settings.customer.phone", "required"))),
        order_case("no-tickets", "no-tickets", refused(("tickets", "min_items")), "a DONE order with no tickets"),
        order_case("number-zero", "number-zero", refused(("number", "required")), "0 is proto3's unset"),
        order_case("ticket-set-unknown", "ticket-set-unknown", refused(("tickets[0].set", "join")),
                   "the event given has no such set: a newer event may"),
        order_case("ticket-set-missing", "ticket-set-missing", refused(("tickets[0].set", "required"))),
        order_case("ticket-removed-set", "order", v1(V1_ORDER), "a removed set still names its tickets (Балкон)"),
        order_case("ticket-number-zero", "ticket-number-zero",
                   with_ticket(number=None, series=None, row=None, seat=None), "a zero number is absent"),
        order_case("ticket-nominal-zero", "ticket-nominal-zero", with_ticket(price_nominal=0), "a free ticket"),
        order_case("ticket-nominal-negative", "ticket-nominal-negative", refused(("tickets[0].nominal", "range"))),
        order_case("ticket-nominal-huge", "ticket-nominal-huge", refused(("tickets[0].nominal", "range")),
                   "beyond 2^53−1: refused, never rounded"),
        order_case("ticket-no-barcode", "ticket-no-barcode", refused(("tickets[0].barcode", "required"))),
        order_case("tickets-repeated", "tickets-repeated", refused(("tickets[1].id", "unique"))),
        order_case("currency-mixed-case", "order", v1({**V1_ORDER, "tickets": [
            {**V1_TICKET_1, "currency": "USD"}, {**V1_TICKET_2, "currency": "USD"}]}),
                   joins={"event": "event", "partner": "partner-usd"}),
        order_case("currency-unknown", "order", v1({**V1_ORDER, "tickets": [
            {k: v for k, v in t.items() if k != "currency"} for t in (V1_TICKET_1, V1_TICKET_2)]}),
                   "a currency not among the five is left out", joins={"event": "event", "partner": "partner-kzt"}),
        order_case("currency-empty", "order", v1({**V1_ORDER, "tickets": [
            {k: v for k, v in t.items() if k != "currency"} for t in (V1_TICKET_1, V1_TICKET_2)]}),
                   joins={"event": "event", "partner": "partner-no-currency"}),
        order_case("order-event-mismatch", "order", refused(("event", "join")),
                   joins={"event": "event-other", "partner": "partner"}),
        order_case("order-partner-mismatch", "order", refused(("org", "join")),
                   joins={"event": "event", "partner": "partner-usd-other"}),
        order_case("order-truncated", "order-truncated", refused(("", "syntax"))),
    ],
}
ORDERS["records"]["partner-usd-other"] = {"message": "partner", "readable": {**PARTNER, "id": "org-2"}}

# --- refunds ----------------------------------------------------------------------------------------------

REFUND = {"id": "rf-1", "status": "APPROVED", "order": "ord-1", "updatedAt": "2026-03-05T10:00:00Z",
          "finishedAt": "2026-03-05T11:00:00Z", "tickets": [{"id": "t-2"}], "event": "ev-1", "org": "org-1"}
V1_REFUND = {"id": "rf-1", "customer": V1_CUSTOMER, "ticket_ids": ["t-2"]}


def refund(**changes: Any) -> dict[str, Any]:
    return {"message": "refund_request", "readable": {**REFUND, **changes}}


def refund_case(name: str, record: str, expect: dict[str, Any], description: str = "", **kw: Any) -> dict[str, Any]:
    kw.setdefault("joins", {"order": "order"})
    return case(name, "refund", record, expect, description, **kw)


REFUNDS = {
    "description": "RefundRequest → Refund (docs/legacy.md): only APPROVED; the customer from the order.",
    "records": {
        "order": order(),
        "order-other": order(id="ord-2"),
        "order-bad-phone": customer(phone="1"),
        "refund": refund(),
        "refund-new": refund(status="NEW"),
        "refund-in-progress": refund(status="IN_PROGRESS"),
        "refund-rejected": refund(status="REJECTED"),
        "refund-status-5": refund(status=5),
        "refund-no-id": refund(id=""),
        "refund-no-tickets": refund(tickets=[]),
        "refund-repeated": refund(tickets=[{"id": "t-1"}, {"id": " t-1 "}]),
        "refund-blank-ticket": refund(tickets=[{"id": "t-1"}, {"id": ""}]),
        "refund-garbage": {"message": "refund_request", "base64": "ChFyZg=="},
    },
    "cases": [
        refund_case("refund", "refund", v1(V1_REFUND)),
        refund_case("refund-status-new", "refund-new", skipped("refund_status")),
        refund_case("refund-status-in-progress", "refund-in-progress", skipped("refund_status")),
        refund_case("refund-status-rejected", "refund-rejected", skipped("refund_status")),
        refund_case("refund-status-unknown", "refund-status-5", refused(("status", "enum"))),
        refund_case("refund-no-id", "refund-no-id", v1({k: v for k, v in V1_REFUND.items() if k != "id"}),
                    "a Refund's id is optional in 1.0"),
        refund_case("refund-no-tickets", "refund-no-tickets", refused(("tickets", "min_items"))),
        refund_case("refund-repeated", "refund-repeated", refused(("tickets[1].id", "unique")),
                    "ids compare trimmed"),
        refund_case("refund-blank-ticket", "refund-blank-ticket", refused(("tickets[1].id", "min_length"))),
        refund_case("refund-order-mismatch", "refund", refused(("order", "join")), joins={"order": "order-other"}),
        refund_case("refund-customer-from-order", "refund", refused(("order.settings.customer.phone", "pattern")),
                    "the customer comes through the join on order", joins={"order": "order-bad-phone"}),
        refund_case("refund-garbage", "refund-garbage", refused(("", "syntax"))),
    ],
}

# --- ticket statuses (tickets-based variant) --------------------------------------------------------------


def v1_ticket(base: dict[str, Any], status: str) -> dict[str, Any]:
    return {**{k: v for k, v in base.items() if k != "event_id"}, "status": status, "customer": V1_CUSTOMER,
            "event_id": "ev-1", "organizer_id": "org-1", "order_id": "ord-1"}


ALL_JOINS = {"event": "event", "partner": "partner"}
REFUND_JOINS = {"order": "order", "event": "event", "partner": "partner"}
TICKETS = {
    "description": "Ticket statuses (docs/legacy.md, tickets-based): DONE → active, CANCELLED → cancelled, "
                   "an APPROVED refund → refunded.",
    "records": {
        "partner": {"message": "partner", "readable": PARTNER},
        "event": event(),
        "event-other": event(id="ev-2"),
        "order": order(),
        "order-cancelled": order(status="CANCELLED"),
        "order-in-progress": order(status="IN_PROGRESS"),
        "order-expired": order(status="EXPIRED"),
        "order-repeated": order(tickets=[TICKET_1, {**TICKET_2, "id": "t-1"}]),
        "refund": refund(),
        "refund-both": refund(tickets=[{"id": "t-2"}, {"id": "t-1"}]),
        "refund-new": refund(status="NEW"),
        "refund-unknown-ticket": refund(tickets=[{"id": "t-9"}]),
    },
    "cases": [
        case("tickets-done", "order_tickets", "order",
             v1(v1_ticket(V1_TICKET_1, "active"), v1_ticket(V1_TICKET_2, "active")), joins=ALL_JOINS),
        case("tickets-cancelled", "order_tickets", "order-cancelled",
             v1(v1_ticket(V1_TICKET_1, "cancelled"), v1_ticket(V1_TICKET_2, "cancelled")), joins=ALL_JOINS),
        case("tickets-in-progress", "order_tickets", "order-in-progress", skipped("order_status"), joins=ALL_JOINS),
        case("tickets-expired", "order_tickets", "order-expired", skipped("order_status"), joins=ALL_JOINS),
        case("order-tickets-repeated", "order_tickets", "order-repeated", refused(("tickets[1].id", "unique")),
             joins=ALL_JOINS),
        case("tickets-refunded", "refund_tickets", "refund", v1(v1_ticket(V1_TICKET_2, "refunded")),
             "only the tickets the refund names", joins=REFUND_JOINS),
        case("tickets-refunded-in-refund-order", "refund_tickets", "refund-both",
             v1(v1_ticket(V1_TICKET_2, "refunded"), v1_ticket(V1_TICKET_1, "refunded")),
             "in the refund's order", joins=REFUND_JOINS),
        case("tickets-refund-new", "refund_tickets", "refund-new", skipped("refund_status"), joins=REFUND_JOINS),
        case("tickets-refund-unknown-ticket", "refund_tickets", "refund-unknown-ticket",
             refused(("tickets[0].id", "join")), joins=REFUND_JOINS),
        case("tickets-refund-event-mismatch", "refund_tickets", "refund", refused(("order.event", "join")),
             joins={**REFUND_JOINS, "event": "event-other"}),
    ],
}

FILES = {"partners": PARTNERS, "events": EVENTS, "orders": ORDERS, "refunds": REFUNDS, "tickets": TICKETS}
