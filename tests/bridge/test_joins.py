"""The joins over a dictionary store: waiting, expiry by stream time, re-production, ticket lifecycle."""

from __future__ import annotations

import json

from examples.bridge.dataset import MAPPING, dataset
from vibe_contracts.bridge import config_from_dict
from vibe_contracts.bridge.joins import Joiner
from vibe_contracts.bridge.records import Output, Source
from vibe_contracts.bridge.routing import route
from vibe_contracts.bridge.summary import Counters
from vibe_contracts.bridge.waiting import WaitingIndex

WAIT_MS = 60_000


class DictStore:
    def __init__(self, data: dict, prefix: str) -> None:
        self.data, self.prefix = data, prefix

    def get_bytes(self, key: bytes, default: bytes | None = None) -> bytes | None:
        return self.data.get((self.prefix, key), default)

    def set_bytes(self, key: bytes, value: bytes) -> None:
        self.data[(self.prefix, key)] = value

    def delete(self, key: bytes) -> None:
        self.data.pop((self.prefix, key), None)


class Harness:
    """One partition: what the Quix step does per record, over dictionaries."""

    def __init__(self) -> None:
        self.counters = Counters()
        self.joiner = Joiner(config_from_dict({"mapping": MAPPING, "joins": {"max_wait_seconds": WAIT_MS / 1000}}),
                             self.counters)
        self.data: dict = {}
        self.offset = 0

    def send(self, kind: str, key: bytes, value: bytes, timestamp: int) -> list[Output]:
        self.offset += 1
        held = route(kind, key, value, timestamp, Source(kind, 0, self.offset))
        index = WaitingIndex(DictStore(self.data, "*index*"), WAIT_MS)
        outputs = self.joiner.accept(held, DictStore(self.data, held.org), index.add, index.remove)
        for _, org, entity_kind, entity_id in index.advance(timestamp):
            store = DictStore(self.data, org)
            waiting = self.joiner.held(entity_kind, entity_id, store)
            if waiting is not None and waiting.status == "wait":
                outputs += self.joiner.expire(waiting, store)
        index.save()
        self.counters.waiting[0] = len(index)
        return outputs


DATA = dataset()


def _one(kind: str, key: str) -> tuple[bytes, bytes]:
    return next((k, v) for k, v in DATA[kind] if k == key.encode())


def test_an_order_waits_for_its_event_and_partner_then_is_produced() -> None:
    h = Harness()
    assert h.send("order", *_one("order", "o-6"), 1000) == []
    assert h.counters.waiting[0] == 1
    assert h.send("event", *DATA["event"][2], 2000) == []  # e-3 itself waits for its partner
    out = h.send("partner", *DATA["partner"][0], 3000)
    assert [(o.role, o.key) for o in out] == [("organizer", b"p-1"), ("event", b"e-3"), ("order", b"o-6"),
                                               ("ticket", b"t-10")]
    assert h.counters.waiting[0] == 0


def test_a_join_that_never_completes_is_dead_lettered_when_stream_time_passes_the_bound() -> None:
    h = Harness()
    key, value = _one("order", "o-6")
    assert h.send("order", key, value, 1000) == []
    at_bound = h.send("partner", *DATA["partner"][1], 1000 + WAIT_MS)  # another organizer; not past the bound yet
    assert [o.role for o in at_bound] == ["organizer"]
    out = h.send("partner", *DATA["partner"][2], 1001 + WAIT_MS)
    letters = [o for o in out if o.role == "dead_letter"]
    assert [(o.key, o.value) for o in letters] == [(key, value)]
    assert dict(letters[0].headers)["reason-rule"] == b"join"
    assert dict(letters[0].headers)["reason-path"] in (b"event", b"org")
    assert h.counters.dead_lettered["join"] == 1 and h.counters.waiting[0] == 0
    # a late event does not bring it back: it was dead-lettered
    h.send("partner", *DATA["partner"][0], 2000 + WAIT_MS)
    assert [o.role for o in h.send("event", *DATA["event"][2], 2001 + WAIT_MS)] == ["event"]


def test_versions_that_arrive_while_waiting_are_each_mapped_in_order() -> None:
    h = Harness()
    h.send("partner", *DATA["partner"][1], 1)
    done, cancelled = [(k, v) for k, v in DATA["order"] if k == b"o-2"]
    assert h.send("order", *done, 2) == [] and h.send("order", *cancelled, 3) == []
    out = h.send("event", *DATA["event"][1], 4)
    got = [(o.role, o.key, json.loads(o.value)["status"] if o.role == "ticket" else None) for o in out]
    assert got == [("event", b"e-2", None), ("order", b"o-2", None), ("ticket", b"t-3", "active"),
                   ("ticket", b"t-4", "active"), ("ticket", b"t-3", "cancelled"), ("ticket", b"t-4", "cancelled")]


def test_a_renamed_partner_reaches_its_events_again() -> None:
    h = Harness()
    h.send("partner", *DATA["partner"][0], 1)
    h.send("event", *DATA["event"][0], 2)
    out = h.send("partner", *DATA["partner"][4], 3)
    events = [json.loads(o.value) for o in out if o.role == "event"]
    assert [e["organizer"]["name"] for e in events] == ["Fine Concerts Group"]


def test_a_final_ticket_status_is_kept_when_the_order_comes_again() -> None:
    h = Harness()
    h.send("partner", *DATA["partner"][0], 1)
    h.send("event", *DATA["event"][0], 2)
    h.send("refund_request", *DATA["refund_request"][0], 3)  # r-1 refunds t-1 of o-1: waits for o-1
    out = h.send("order", *_one("order", "o-1"), 4)
    statuses = [(o.key, json.loads(o.value)["status"]) for o in out if o.role == "ticket"]
    assert statuses == [(b"t-1", "active"), (b"t-2", "active"), (b"t-1", "refunded")]
    again = h.send("event", *DATA["event"][3], 5)  # e-1 changes: o-1 and r-1 are produced again
    statuses = [(o.key, json.loads(o.value)["status"]) for o in again if o.role == "ticket"]
    assert statuses == [(b"t-2", "active"), (b"t-1", "refunded")]
