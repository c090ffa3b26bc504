"""The mapping's configuration (docs/legacy.md): every key has a documented default."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from .._gen.v1.models import Venue
from .._gen.v1.rules import ENUMS, MESSAGES
from ..errors import ContractError, Violation
from ..validate import _number, _type_error, child_path, validate
from .text import trimmed

__all__ = ["DEFAULT_OFFSET", "MappingConfig", "NameOrder", "VenueEntry"]

NameOrder = Literal["given_first", "family_first"]

#: Moscow: the legacy streams carry no time zone, so a venue not in the table gets this offset.
DEFAULT_OFFSET = 3.0
_COUNTRY_CODE = re.compile(r"[1-9][0-9]{0,2}\Z")
_OFFSET = next(f for f in MESSAGES["Event"].fields if f.name == "offset")
_VENUE_KEYS = tuple(f.name for f in MESSAGES["Venue"].fields if f.name != "id")


@dataclass(frozen=True)
class VenueEntry:
    """What the venue table knows of a legacy venue id: the v1 Venue's fields, and the venue's UTC offset."""

    name: str
    address: str | None = None
    description: str | None = None
    zipcode: str | None = None
    city_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    offset: float | None = None

    def venue(self, venue_id: str) -> dict[str, Any]:
        """The v1 Venue (JSON form) of this entry."""
        doc: dict[str, Any] = {"id": venue_id}
        doc.update((k, getattr(self, k)) for k in _VENUE_KEYS if getattr(self, k) is not None)
        return doc


@dataclass(frozen=True)
class MappingConfig:
    """How legacy records become v1 messages.

    Attributes
    ----------
    categories : Mapping[str, str]
        Legacy category id → v1 category. Default: empty; an id not in it maps to ``other``.
    venues : Mapping[str, VenueEntry]
        Legacy venue id → the v1 Venue and its UTC offset. Default: empty; a venue not in
        it is left out of the Event, which gets ``default_offset``.
    default_offset : float
        UTC offset, in hours, of an event whose venue has none. Default: 3.0 (Moscow).
    name_order : "given_first" | "family_first"
        Order of a customer's full name. Default ``given_first``; ``family_first`` for ФИО.
    phone_country_code : str
        Country code given to a national phone number (8 + 10 digits, or 10 digits from 9). Default ``"7"``.
    skip_roles : frozenset[str]
        Partner roles not produced as Organizers (compared trimmed, lower case). Default: none.
    """

    categories: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    venues: Mapping[str, VenueEntry] = field(default_factory=lambda: MappingProxyType({}))
    default_offset: float = DEFAULT_OFFSET
    name_order: NameOrder = "given_first"
    phone_country_code: str = "7"
    skip_roles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        errors = _problems(self)
        if errors:
            raise ContractError(errors)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MappingConfig:
        """A config from plain data (a TOML table, JSON). Raises ContractError naming the bad key."""
        if not isinstance(data, Mapping):
            raise ContractError.at("", "type", "expected a table")
        unknown = sorted((k for k in data if k not in _KEYS), key=str)
        if unknown:
            raise ContractError([Violation(child_path("", str(k)), "unknown_field", "not a config key") for k in unknown])
        values = dict(data)
        if "venues" in values:
            values["venues"] = _venues(values["venues"])
        if "skip_roles" in values:
            roles = values["skip_roles"]
            if not isinstance(roles, (list, tuple, set, frozenset)) or not all(isinstance(r, str) for r in roles):
                raise ContractError.at("skip_roles", "type", "expected a list of strings")
            values["skip_roles"] = frozenset(roles)
        if "categories" in values and not isinstance(values["categories"], Mapping):
            raise ContractError.at("categories", "type", "expected a table")
        return cls(**values)

    def skips_role(self, role: str) -> bool:
        return normal_role(role) in {normal_role(r) for r in self.skip_roles}


def normal_role(role: str) -> str:
    """A role as the skip list compares it: trimmed of white space as every legacy string is, lower case."""
    return (trimmed(role) or "").lower()


_KEYS = ("categories", "venues", "default_offset", "name_order", "phone_country_code", "skip_roles")


def _venues(data: Any) -> dict[str, VenueEntry]:
    if not isinstance(data, Mapping):
        raise ContractError.at("venues", "type", "expected a table")
    venues = {}
    for venue_id, entry in _by_key(data):
        path = child_path("venues", str(venue_id))
        if not isinstance(entry, Mapping):
            raise ContractError.at(path, "type", "expected a table")
        unknown = sorted((k for k in entry if k not in (*_VENUE_KEYS, "offset")), key=str)
        if unknown:
            raise ContractError.at(child_path(path, str(unknown[0])), "unknown_field", "not a venue key")
        if "name" not in entry:
            raise ContractError.at(child_path(path, "name"), "required", "is required")
        venues[venue_id] = VenueEntry(**entry)
    return venues


V = TypeVar("V")


def _by_key(table: Mapping[Any, V]) -> list[tuple[Any, V]]:
    """A table's entries in code-point order of their keys: errors come in the same order in both languages
    (JavaScript objects put integer-like keys first, whatever order the table was written in)."""
    return sorted(table.items(), key=lambda item: str(item[0]))


def _problems(config: MappingConfig) -> list[Violation]:
    errors: list[Violation] = []
    categories = ENUMS["EventCategory"].numbers
    for legacy_id, category in _by_key(config.categories):
        if not isinstance(category, str):
            errors.append(_type_error(child_path("categories", str(legacy_id)), "string", category))
        elif category not in categories:
            errors.append(Violation(child_path("categories", str(legacy_id)), "enum",
                                    f"{category!r} is not one of {', '.join(categories)}"))
    for venue_id, entry in _by_key(config.venues):
        path = child_path("venues", str(venue_id))
        if not isinstance(entry, VenueEntry):
            errors.append(Violation(path, "type", "expected a VenueEntry"))
            continue
        _, found = validate(entry.venue(str(venue_id)), Venue, strict=True)
        errors += [Violation(child_path(path, v.path), v.rule, v.message) for v in found]
        if entry.offset is not None:
            _number(entry.offset, _OFFSET, child_path(path, "offset"), errors)
    _number(config.default_offset, _OFFSET, "default_offset", errors)
    if config.name_order not in ("given_first", "family_first"):
        errors.append(Violation("name_order", "enum", "is not one of given_first, family_first"))
    if not isinstance(config.phone_country_code, str) or not _COUNTRY_CODE.match(config.phone_country_code):
        errors.append(Violation("phone_country_code", "pattern", "needs 1 to 3 digits, not starting with 0"))
    return errors
