"""The first step: read a legacy record, decode it, and name the organizer whose partition it goes to."""

from __future__ import annotations

from .. import legacy
from ..errors import ContractError
from .records import Held, Source

__all__ = ["route"]

# The field naming the organizer, by legacy message: a Partner is its own organizer.
_ORG = {"partner": "id", "event": "org", "order": "org", "refund_request": "org"}


def route(kind: str, key: bytes | None, value: bytes | None, timestamp: int, source: Source) -> Held:
    """The record as held by the bridge; `status` is ``dead`` (with the reason) when it cannot be joined at all."""
    held = Held(kind, "", "", source, key, value, timestamp)
    try:
        record = legacy.decode(kind, value or b"")  # type: ignore[call-overload]
    except ContractError as exc:
        return _dead(held, exc.path, exc.rule)
    held.id = record.id.strip()
    held.org = getattr(record, _ORG[kind]).strip()
    if not held.id:
        return _dead(held, "id", "required")
    if not held.org:
        return _dead(held, _ORG[kind], "required")
    return held


def _dead(held: Held, path: str, rule: str) -> Held:
    held.status, held.reason = "dead", (path, rule)
    return held
