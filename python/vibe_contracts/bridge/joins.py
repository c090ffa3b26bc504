"""The joins of the legacy streams over the state of one organizer: hold, map, re-produce, keep ticket statuses.

Every record of one organizer (a Partner and the events, orders and refund requests
naming it in `org`) reaches the same partition, so all the joins are local. The
state keeps, under the organizer's key, the latest record of each entity as read
(`Held`), indexes of what depends on what, and each ticket's last status. The
mapping itself is `vibe_contracts.legacy`; this module only decides when to call
it and what to write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

import msgspec

from .. import legacy
from .._model import Contract
from ..errors import ContractError
from ..v1.kafka import encode_record  # the bridge writes contract 1.x
from .config import BridgeConfig
from .records import Held, Output, dead_letter, pack, unpack_held
from .summary import Counters

__all__ = ["FINAL_STATUSES", "Joiner", "Store"]

#: docs/spec.md §3: a ticket in one of these never changes status again.
FINAL_STATUSES = frozenset({"cancelled", "refunded", "used"})
_ROLES = {"Organizer": "organizer", "Event": "event", "Order": "order", "Refund": "refund", "Ticket": "ticket"}
_ids = msgspec.msgpack.Decoder(list[str])
_encode = msgspec.msgpack.Encoder().encode


class Store(Protocol):
    """The part of a state store the joins use: bytes by bytes key, one organizer's keys."""

    def get_bytes(self, key: bytes, default: bytes | None = None) -> bytes | None: ...
    def set_bytes(self, key: bytes, value: bytes) -> None: ...
    def delete(self, key: bytes) -> None: ...


def _entity_key(kind: str, entity_id: str) -> bytes:
    return b"p" if kind == "partner" else f"{kind[0]}/{entity_id}".encode()


class Joiner:
    """Maps the records of one organizer as their joins complete; returns what to write.

    `on_wait(held)` and `on_settled(held)` tell the caller (the waiting index) when a
    record starts and stops waiting for a join.
    """

    def __init__(self, config: BridgeConfig, counters: Counters) -> None:
        self.mapping = config.mapping
        self.counters = counters
        self.content_type = config.content_type
        self.application_id = config.application_id

    def accept(self, held: Held, store: Store, on_wait: Callable[[Held], None],
               on_settled: Callable[[Held], None]) -> list[Output]:
        """Keep `held` and map it and everything that depends on it."""
        key = _entity_key(held.kind, held.id)
        previous = store.get_bytes(key)
        if previous is not None:
            old = unpack_held(previous)
            if old.status == "wait":  # the newer version waits in its place, carrying the older ones
                on_settled(old)
                held.earlier, old.earlier = [*old.earlier, old], []
                held.status, held.reason, held.waiting_since = "wait", old.reason, old.waiting_since
                on_wait(held)
        store.set_bytes(key, pack(held))
        self._index(held, store)
        outputs: list[Output] = []
        for entity, own in self._cascade(held, store):
            outputs += self._evaluate(entity, own, store, on_wait, on_settled)
        return outputs

    def expire(self, held: Held, store: Store) -> list[Output]:
        """A record waited longer than allowed: dead-letter it (and its older versions) with the join it waited for."""
        path, rule = held.reason or ("", "join")
        outputs = [self._dead(version, path, rule) for version in [*held.earlier, held]]
        held.status, held.earlier = "dead", []
        store.set_bytes(_entity_key(held.kind, held.id), pack(held))
        return outputs

    def held(self, kind: str, entity_id: str, store: Store) -> Held | None:
        data = store.get_bytes(_entity_key(kind, entity_id))
        return None if data is None else unpack_held(data)

    # What depends on what -------------------------------------------------------------------

    def _index(self, held: Held, store: Store) -> None:
        if held.kind == "event":
            _add(store, b"E", held.id)
        elif held.kind == "order":
            _add(store, f"O/{_decoded(held).event.strip()}".encode(), held.id)
        elif held.kind == "refund_request":
            _add(store, f"R/{_decoded(held).order.strip()}".encode(), held.id)

    def _cascade(self, held: Held, store: Store) -> Iterator[tuple[Held, bool]]:
        """`held` first, then what embeds or joins it, parents before children."""
        yield held, True
        if held.kind == "partner":
            for event_id in _ids_at(store, b"E"):
                event = self.held("event", event_id, store)
                if event is not None:
                    yield event, False
                    yield from self._orders_of(event, store)
        elif held.kind == "event":
            yield from self._orders_of(held, store)
        elif held.kind == "order":
            yield from self._refunds_of(held, store)

    def _orders_of(self, event: Held, store: Store) -> Iterator[tuple[Held, bool]]:
        for order_id in _ids_at(store, f"O/{event.id}".encode()):
            order = self.held("order", order_id, store)
            if order is not None and _decoded(order).event.strip() == event.id:  # an order may have moved
                yield order, False
                yield from self._refunds_of(order, store)

    def _refunds_of(self, order: Held, store: Store) -> Iterator[tuple[Held, bool]]:
        for refund_id in _ids_at(store, f"R/{order.id}".encode()):
            refund = self.held("refund_request", refund_id, store)
            if refund is not None and _decoded(refund).order.strip() == order.id:
                yield refund, False

    # Mapping one record ---------------------------------------------------------------------

    def _evaluate(self, held: Held, own: bool, store: Store, on_wait: Callable[[Held], None],
                  on_settled: Callable[[Held], None]) -> list[Output]:
        if held.status == "dead" and not own:
            return []  # refused for its own content: only a newer record of it can change that
        try:
            results = self._map(held, store)
        except _Missing as missing:
            return self._wait(held, (missing.path, "join"), store, on_wait)
        except ContractError as exc:
            if exc.rule != "join":
                results = exc
            else:  # e.g. a ticket set the event does not have yet: a newer event may bring it
                return self._wait(held, (exc.path, exc.rule), store, on_wait)
        if held.status == "wait":
            on_settled(held)
        outputs: list[Output] = []
        for version in held.earlier:  # the joins are complete: the older versions first, in order
            outputs += self._settle(version, self._try_map(version, store), store)
        held.earlier = []
        outputs += self._settle(held, results, store)
        store.set_bytes(_entity_key(held.kind, held.id), pack(held))
        return outputs

    def _try_map(self, held: Held, store: Store) -> list[Any] | ContractError:
        try:
            return self._map(held, store)
        except _Missing as missing:
            return ContractError.at(missing.path, "join", "a join input is missing")
        except ContractError as exc:
            return exc

    def _settle(self, held: Held, results: list[Any] | ContractError, store: Store) -> list[Output]:
        """The outputs of one version once its joins are complete: v1 records, nothing (skipped) or a dead letter."""
        first = held.status in ("new", "wait")
        if isinstance(results, ContractError):
            held.status, held.reason = "dead", (results.path, results.rule)
            return [self._dead(held, results.path, results.rule)]
        held.status, held.reason = "done", None
        models = [r for r in results if not isinstance(r, legacy.Skipped)]
        if not models:
            if first:
                self.counters.skipped[results[0].reason] += 1
            return []
        return self._outputs(models, store)

    def _dead(self, held: Held, path: str, rule: str) -> Output:
        self.counters.dead_lettered[rule] += 1
        return dead_letter(held, path, rule)

    def _wait(self, held: Held, reason: tuple[str, str], store: Store, on_wait: Callable[[Held], None]) -> list[Output]:
        if held.status != "wait":
            held.status, held.waiting_since = "wait", held.timestamp
            on_wait(held)
        held.reason = reason
        store.set_bytes(_entity_key(held.kind, held.id), pack(held))
        return []

    def _map(self, held: Held, store: Store) -> list[Any]:
        record, config = _decoded(held), self.mapping
        if held.kind == "partner":
            return [legacy.map_partner(record, config)]
        partner = self._join(store, "partner", "", "org")
        if held.kind == "event":
            return [legacy.map_event(record, partner, config)]
        if held.kind == "order":
            event = self._join(store, "event", record.event.strip(), "event")
            return [legacy.map_order(record, event, partner, config),
                    legacy.map_order_tickets(record, event, partner, config)]
        order = self._join(store, "order", record.order.strip(), "order")
        event = self._join(store, "event", order.event.strip(), "order.event")
        return [legacy.map_refund(record, order, config),
                legacy.map_refund_tickets(record, order, event, partner, config)]

    def _join(self, store: Store, kind: str, entity_id: str, path: str) -> Any:
        held = self.held(kind, entity_id, store) if entity_id or kind == "partner" else None
        if held is None:
            raise _Missing(path)
        return _decoded(held)

    def _outputs(self, models: list[Any], store: Store) -> list[Output]:
        outputs: list[Output] = []
        for result in models:
            for model in result if isinstance(result, list) else [result]:
                if type(model).__name__ == "Ticket" and not _advance(model, store):
                    continue
                outputs.append(self._record(model))
        return outputs

    def _record(self, model: Contract) -> Output:
        record = encode_record(model, content_type=self.content_type,  # type: ignore[arg-type]
                               application_id=self.application_id)
        return Output(_ROLES[type(model).__name__], record.key, record.value, record.headers)


class _Missing(Exception):
    """A join input is not in the state yet."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def _advance(ticket: Any, store: Store) -> bool:
    """Record the ticket's new status unless it would leave a final one (docs/spec.md §3); True: write it."""
    key = f"t/{ticket.id}".encode()
    current = store.get_bytes(key)
    status = ticket.status
    if current is not None and current.decode() in FINAL_STATUSES and current.decode() != status:
        return False
    if current is None or current.decode() != status:
        store.set_bytes(key, status.encode())
    return True


def _decoded(held: Held) -> Any:
    return legacy.decode(held.kind, held.value or b"")  # type: ignore[call-overload]


def _ids_at(store: Store, key: bytes) -> list[str]:
    data = store.get_bytes(key)
    return [] if data is None else _ids.decode(data)


def _add(store: Store, key: bytes, entity_id: str) -> None:
    ids = _ids_at(store, key)
    if entity_id not in ids:
        ids.append(entity_id)
        store.set_bytes(key, _encode(ids))
