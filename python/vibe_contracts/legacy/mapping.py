"""Legacy records → v1 messages (docs/legacy.md): pure, deterministic functions.

Each function takes a decoded legacy record, the records it joins with (L4)
as explicit arguments, and a `MappingConfig`. It returns v1 models that pass
the strict writer rules, or `Skipped` for a record not meant to be mapped, or
raises `ContractError` whose paths are legacy paths (a path through a join
starts with the joining field: `org.legal.inn` is the `legal.inn` of the
Partner named by `org`). No message holds the personal data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import msgspec

from .._gen.v1.models import Event as V1Event
from .._gen.v1.models import Order as V1Order
from .._gen.v1.models import Organizer, Refund, Ticket
from .._gen.v1.rules import ENUMS, MESSAGES
from .._model import _CODECS, Contract, _codec
from ..errors import ContractError, Violation
from ..validate import _string
from .config import MappingConfig, normal_role
from .text import millis, phone_e164, split_name, trimmed
from .wire import Event, Order, Partner, RefundRequest

__all__ = ["SkipReason", "Skipped", "map_event", "map_order", "map_order_tickets", "map_partner", "map_refund",
           "map_refund_tickets"]

SkipReason = Literal["partner_removed", "partner_role", "order_status", "refund_status"]
M = TypeVar("M", bound=Contract)


@dataclass(frozen=True)
class Skipped:
    """A record the mapping does not produce, by design (docs/legacy.md): counted, not an error."""

    reason: SkipReason
    message: str


_EVENT_STATUS = {"STAND_BY": "paused", "PUBLIC": "active", "CANCELED": "cancelled", "FINISHED": "finished"}
_LEGAL_RU_TYPE = {"LTD": "ru_ltd", "IP": "ru_lp"}
_CURRENCIES = frozenset(ENUMS["Currency"].numbers)
_MEDIA = next(f for f in MESSAGES["Event"].fields if f.name == "media")


def _bound(message: str, field: str, rule: str) -> int:
    value = getattr(next(f for f in MESSAGES[message].fields if f.name == field), rule)
    if value is None:
        raise LookupError(f"the v1 rules give {message}.{field} no {rule}")
    return int(value)


# The v1 rules the mapping checks itself, on 64-bit values, before they become JSON numbers.
_TIME_FROM, _TIME_UNTIL = _bound("Event", "finish_at", "minimum"), _bound("Event", "finish_at", "exclusive_maximum")
_PRICE_FROM = _bound("OrderTicket", "price_nominal", "minimum")
_PRICE_TO = _bound("OrderTicket", "price_nominal", "maximum")


class _Doc:
    """A v1 document being built, and the legacy path each of its fields comes from."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}

    def put(self, target: dict[str, Any], key: str, value: Any, path: str, source: str) -> None:
        self.sources[path] = source
        if value is not None:
            target[key] = value

    def model(self, cls: type[M], data: dict[str, Any]) -> M:
        # The generated check of a model built in code is the fast path; whatever it does not
        # accept as canonical and strictly valid goes to the full validator, which reports.
        try:
            candidate = msgspec.convert(data, cls)
        except msgspec.ValidationError:
            pass
        else:
            codec = _CODECS.get(cls) or _codec(cls)
            if codec is not None and codec[1](candidate):
                return candidate
        try:
            return cls._from_data(data, strict=True)
        except ContractError as exc:
            raise ContractError([Violation(self._legacy(v.path), v.rule, v.message) for v in exc.errors]) from None

    def _legacy(self, path: str) -> str:
        """The legacy path of a v1 path: the longest recorded prefix, and what follows it."""
        probe = path
        while probe:
            if probe in self.sources:
                return self.sources[probe] + path[len(probe):]
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:max(cut, 0)]
        return path


def _status(enum: Any, number: int, what: str, path: str = "status") -> str:
    """The name of a legacy enum value; an unknown number (proto3 keeps them) is refused."""
    try:
        return str(enum.Name(number))
    except ValueError:
        raise ContractError.at(path, "enum", f"number {number} is not a known {what}") from None


def _time(stamp: Any, has: bool, path: str) -> int | None:
    if not has:
        return None
    value = millis(stamp.seconds, stamp.nanos)
    if value is not None and not (_TIME_FROM <= value < _TIME_UNTIL):
        raise ContractError.at(path, "range", "is outside the years 2000 to 2099")
    return value


def _int64(value: int, path: str) -> int:
    if not (_PRICE_FROM <= value <= _PRICE_TO):
        raise ContractError.at(path, "range", f"is out of range [{_PRICE_FROM}, {_PRICE_TO}]")
    return value


def _check_join(got: str, want: str, path: str, what: str) -> None:
    if trimmed(want) is None:
        raise ContractError.at(path, "required", "is required")
    if trimmed(got) != trimmed(want):
        raise ContractError.at(path, "join", f"the {what} given is not the one this record names")


# Partner → Organizer


def map_partner(partner: Partner, config: MappingConfig) -> Organizer | Skipped:
    """The Organizer of a Partner; a removed Partner, or one of a skipped role, is `Skipped`."""
    if partner.removed:
        return Skipped("partner_removed", "the partner is removed")
    if config.skips_role(partner.role):
        return Skipped("partner_role", f"partner role {normal_role(partner.role)!r} is configured to be skipped")
    doc = _Doc()
    return doc.model(Organizer, _organizer(doc, partner, "", ""))


def _organizer(doc: _Doc, partner: Partner, at: str, via: str) -> dict[str, Any]:
    """The Organizer document of a Partner: `at` is its v1 path, `via` the legacy path prefix."""
    organizer: dict[str, Any] = {}
    doc.put(organizer, "id", trimmed(partner.id), f"{at}id", f"{via}id")
    doc.put(organizer, "name", trimmed(partner.name), f"{at}name", f"{via}name")
    if partner.HasField("legal"):
        legal = partner.legal
        kind = legal.WhichOneof("ogrns")
        number = trimmed(getattr(legal, kind)) if kind else None
        legals = _legals(doc, legal, f"{at}legals.", f"{via}legal.", number, kind,
                         ("ru_lp" if kind == "ogrnip" else "ru_ltd") if number else None)
        doc.put(organizer, "legals", legals, f"{at}legals", f"{via}legal")
    return organizer


def _legals(doc: _Doc, legal: Any, at: str, via: str, number: str | None, kind: str | None,
            legal_type: str | None) -> dict[str, Any] | None:
    legals: dict[str, Any] = {}
    doc.put(legals, "name", trimmed(legal.name), f"{at}name", f"{via}name")
    doc.put(legals, "type", legal_type, f"{at}type", f"{via}{kind or 'ogrns'}")
    doc.put(legals, "inn", trimmed(legal.inn), f"{at}inn", f"{via}inn")
    doc.put(legals, "ogrn", number, f"{at}ogrn", f"{via}{kind or 'ogrn'}")
    doc.put(legals, "address", trimmed(legal.address), f"{at}address", f"{via}address")
    return legals or None


# Event → Event


def map_event(event: Event, partner: Partner, config: MappingConfig) -> V1Event:
    """The v1 Event: `partner` is the Partner whose id is `event.org` (embedded as the organizer)."""
    status = _EVENT_STATUS[_status(Event.EventStatus, event.status, "Event.EventStatus")]
    _check_join(partner.id, event.org, "org", "partner")
    doc = _Doc()
    out: dict[str, Any] = {}
    doc.put(out, "id", trimmed(event.id), "id", "id")
    doc.put(out, "group_id", trimmed(event.meta), "group_id", "meta")
    doc.put(out, "name", trimmed(event.name), "name", "name")
    doc.put(out, "status", status, "status", "status")
    category = config.categories.get(trimmed(event.category) or "", "other")
    doc.put(out, "category", category, "category", "category")
    lifetime = event.lifetime
    start = _time(lifetime.start, lifetime.HasField("start"), "lifetime.start")
    doc.put(out, "start_at", None if event.open_date else start, "start_at", "lifetime.start")
    finish = _time(lifetime.finish, lifetime.HasField("finish"), "lifetime.finish")
    doc.put(out, "finish_at", finish, "finish_at", "lifetime.finish")
    venue_id = trimmed(event.venue)
    venue = config.venues.get(venue_id) if venue_id else None
    offset = venue.offset if venue is not None and venue.offset is not None else config.default_offset
    doc.put(out, "offset", float(offset), "offset", "venue")
    doc.put(out, "media", _media(event.media), "media", "media")
    doc.put(out, "description", trimmed(event.description), "description", "description")
    organizer = _organizer(doc, partner, "organizer.", "org.")
    if event.WhichOneof("legal") == "legal_ru":
        legals = _legal_ru(doc, event.legal_ru)
        if legals is not None:
            organizer.pop("legals", None)
            organizer["legals"] = legals
            doc.sources["organizer.legals"] = "legal_ru"
    doc.put(out, "organizer", organizer, "organizer", "org")
    doc.put(out, "venue", venue.venue(venue_id) if venue is not None and venue_id else None, "venue", "venue")
    return doc.model(V1Event, out)


def _media(media: Event.Media) -> str | None:
    for candidate in (media.cover_original, media.cover, media.cover_small):
        url = trimmed(candidate)
        if url is not None and _string(url, _MEDIA, "media", []) is url:
            return url
    return None


def _legal_ru(doc: _Doc, legal: Event.LegalRu) -> dict[str, Any] | None:
    legal_type = _LEGAL_RU_TYPE[_status(Event.LegalRu.Type, legal.type, "Event.LegalRu.Type", "legal_ru.type")]
    kind = legal.WhichOneof("ogrns")
    number = trimmed(getattr(legal, kind)) if kind else None
    if not any((trimmed(legal.name), trimmed(legal.inn), trimmed(legal.address), number)):
        return None  # an empty legal_ru replaces nothing
    legals = _legals(doc, legal, "organizer.legals.", "legal_ru.", number, kind, legal_type)
    doc.sources["organizer.legals.type"] = "legal_ru.type"
    return legals


# Order → Order, and its tickets → Ticket statuses


def map_order(order: Order, event: Event, partner: Partner, config: MappingConfig) -> V1Order | Skipped:
    """The v1 Order of a DONE order: `event` and `partner` are those `order.event` and `order.org` name."""
    status = _order_status(order)
    if status != "DONE":
        return Skipped("order_status", f"order status {status} is not mapped to an Order")
    _order_joins(order, event, partner)
    doc = _Doc()
    out: dict[str, Any] = {}
    doc.put(out, "id", trimmed(order.id), "id", "id")
    doc.put(out, "number", str(order.number) if order.number else None, "number", "number")
    doc.put(out, "customer", _customer(doc, order, config, "customer", ""), "customer", "settings.customer")
    tickets = [_ticket_fields(doc, order, i, event, partner, f"tickets[{i}].", "") for i in range(len(order.tickets))]
    doc.put(out, "tickets", tickets, "tickets", "tickets")
    return doc.model(V1Order, out)


def map_order_tickets(order: Order, event: Event, partner: Partner,
                      config: MappingConfig) -> list[Ticket] | Skipped:
    """Ticket statuses of an order (tickets-based variant): DONE → `active`, CANCELLED → `cancelled`."""
    status = _order_status(order)
    if status not in ("DONE", "CANCELLED"):
        return Skipped("order_status", f"order status {status} changes no ticket status")
    _order_joins(order, event, partner)
    _unique_ids([t.id for t in order.tickets], "tickets")
    ticket_status = "active" if status == "DONE" else "cancelled"
    return [_ticket(order, i, ticket_status, event, partner, config, "") for i in range(len(order.tickets))]


def _order_status(order: Order) -> str:
    return _status(Order.Status, order.status, "Order.Status")


def _order_joins(order: Order, event: Event, partner: Partner) -> None:
    _check_join(event.id, order.event, "event", "event")
    _check_join(partner.id, order.org, "org", "partner")


def _unique_ids(ids: list[str], at: str) -> None:
    seen: set[str | None] = set()
    for i, ticket_id in enumerate(ids):
        key = trimmed(ticket_id)
        if key is not None and key in seen:
            raise ContractError.at(f"{at}[{i}].id", "unique", "repeats the id of an earlier ticket")
        seen.add(key)


def _customer(doc: _Doc, order: Order, config: MappingConfig, at: str, via: str) -> dict[str, Any]:
    customer = order.settings.customer
    src = f"{via}settings.customer"
    first, last = split_name(customer.name, config.name_order == "family_first")
    out: dict[str, Any] = {}
    doc.put(out, "email", trimmed(customer.email), f"{at}.email", f"{src}.email")
    doc.put(out, "phone", phone_e164(customer.phone, config.phone_country_code), f"{at}.phone", f"{src}.phone")
    doc.put(out, "first_name", first, f"{at}.first_name", f"{src}.name")
    doc.put(out, "last_name", last, f"{at}.last_name", f"{src}.name")
    return out


def _ticket_fields(doc: _Doc, order: Order, i: int, event: Event, partner: Partner, at: str,
                   via: str) -> dict[str, Any]:
    """What an OrderTicket and a Ticket share, from ticket `i` of the order (`at`: v1 path prefix, `via`: legacy)."""
    ticket = order.tickets[i]
    src = f"{via}tickets[{i}]"
    out: dict[str, Any] = {}
    doc.put(out, "id", trimmed(ticket.id), f"{at}id", f"{src}.id")
    doc.put(out, "event_id", trimmed(order.event), f"{at}event_id", f"{via}event")
    doc.put(out, "barcode", trimmed(ticket.barcode), f"{at}barcode", f"{src}.barcode")
    doc.put(out, "number", str(ticket.number) if ticket.number else None, f"{at}number", f"{src}.number")
    doc.put(out, "series", trimmed(ticket.serial), f"{at}series", f"{src}.serial")
    doc.put(out, "row", trimmed(ticket.seat.row), f"{at}row", f"{src}.seat.row")
    doc.put(out, "seat", trimmed(ticket.seat.number), f"{at}seat", f"{src}.seat.number")
    doc.put(out, "category", _set_name(event, ticket.set, f"{src}.set"), f"{at}category", f"{src}.set")
    doc.put(out, "price_nominal", _int64(ticket.nominal, f"{src}.nominal"), f"{at}price_nominal", f"{src}.nominal")
    doc.put(out, "currency", _currency(partner), f"{at}currency", "org.currency")
    return out


def _ticket(order: Order, i: int, status: str, event: Event, partner: Partner, config: MappingConfig,
            via: str) -> Ticket:
    doc = _Doc()
    out = _ticket_fields(doc, order, i, event, partner, "", via)
    doc.put(out, "status", status, "status", f"{via}status")
    doc.put(out, "customer", _customer(doc, order, config, "customer", via), "customer", f"{via}settings.customer")
    doc.put(out, "organizer_id", trimmed(order.org), "organizer_id", f"{via}org")
    doc.put(out, "order_id", trimmed(order.id), "order_id", f"{via}id")
    return doc.model(Ticket, out)


def _set_name(event: Event, set_id: str, path: str) -> str | None:
    wanted = trimmed(set_id)
    if wanted is None:
        raise ContractError.at(path, "required", "is required: the ticket's category is its ticket set's name")
    for ticket_set in event.sets:
        if trimmed(ticket_set.id) == wanted:
            return trimmed(ticket_set.name)
    raise ContractError.at(path, "join", "names a ticket set the event given does not have")


def _currency(partner: Partner) -> str | None:
    code = trimmed(partner.currency) or ""
    code = code.upper() if code.isascii() else code
    return code if code in _CURRENCIES else None


# RefundRequest → Refund, and its tickets → `refunded`


def map_refund(refund: RefundRequest, order: Order, config: MappingConfig) -> Refund | Skipped:
    """The v1 Refund of an APPROVED request: `order` is the Order `refund.order` names (for the customer)."""
    status = _refund_status(refund)
    if status != "APPROVED":
        return Skipped("refund_status", f"refund status {status} is not mapped")
    _check_join(order.id, refund.order, "order", "order")
    doc = _Doc()
    out: dict[str, Any] = {}
    doc.put(out, "id", trimmed(refund.id), "id", "id")
    doc.put(out, "customer", _customer(doc, order, config, "customer", "order."), "customer",
            "order.settings.customer")
    ids = [trimmed(t.id) or "" for t in refund.tickets]
    for i in range(len(ids)):
        doc.sources[f"ticket_ids[{i}]"] = f"tickets[{i}].id"
    doc.put(out, "ticket_ids", ids, "ticket_ids", "tickets")
    return doc.model(Refund, out)


def map_refund_tickets(refund: RefundRequest, order: Order, event: Event, partner: Partner,
                       config: MappingConfig) -> list[Ticket] | Skipped:
    """The tickets an APPROVED refund turns `refunded`, built from its order (with that order's event and partner)."""
    status = _refund_status(refund)
    if status != "APPROVED":
        return Skipped("refund_status", f"refund status {status} changes no ticket status")
    _check_join(order.id, refund.order, "order", "order")
    _check_join(event.id, order.event, "order.event", "event")
    _check_join(partner.id, order.org, "order.org", "partner")
    _unique_ids([t.id for t in refund.tickets], "tickets")
    positions: dict[str | None, int] = {}
    for i, ticket in enumerate(order.tickets):
        positions.setdefault(trimmed(ticket.id), i)
    result = []
    for j, ticket in enumerate(refund.tickets):
        wanted = trimmed(ticket.id)
        if wanted is None:
            raise ContractError.at(f"tickets[{j}].id", "required", "is required")
        if wanted not in positions:
            raise ContractError.at(f"tickets[{j}].id", "join", "names a ticket the order given does not have")
        result.append(_ticket(order, positions[wanted], "refunded", event, partner, config, "order."))
    return result


def _refund_status(refund: RefundRequest) -> str:
    return _status(RefundRequest.Status, refund.status, "RefundRequest.Status")
