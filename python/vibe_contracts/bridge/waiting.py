"""Records waiting for a join, across the organizers of one partition, in deadline order.

Time is stream time, as in Kafka Streams: the latest record timestamp seen in the
partition. A record waits until stream time passes its own timestamp plus the
configured bound; so a re-run over the same input expires the same records, and a
partition with no new input expires nothing (its waiting records show in the summary).
"""

from __future__ import annotations

import bisect

import msgspec

from .records import Held

__all__ = ["WaitingIndex"]

Entry = tuple[int, str, str, str]  # (deadline ms, organizer, kind, id)


class _State(msgspec.Struct, array_like=True):
    stream_time: int = 0
    entries: list[Entry] = []


_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder(_State).decode
KEY = b"waiting"


class WaitingIndex:
    """Loaded from and saved to one key of a partition-wide store (`store.get_bytes`/`set_bytes`)."""

    def __init__(self, store, max_wait_ms: int) -> None:  # type: ignore[no-untyped-def]
        self.store = store
        self.max_wait_ms = max_wait_ms
        data = store.get_bytes(KEY)
        self.state = _State() if data is None else _decode(data)
        self.changed = False

    def __len__(self) -> int:
        return len(self.state.entries)

    def add(self, held: Held) -> None:
        entry = ((held.waiting_since or held.timestamp) + self.max_wait_ms, held.org, held.kind, held.id)
        bisect.insort(self.state.entries, entry)
        self.changed = True

    def remove(self, held: Held) -> None:
        entries = self.state.entries
        for i, (_, org, kind, entity_id) in enumerate(entries):
            if (org, kind, entity_id) == (held.org, held.kind, held.id):
                del entries[i]
                self.changed = True
                return

    def advance(self, timestamp: int) -> list[Entry]:
        """Move stream time to `timestamp` (never back); remove and return the entries now past their deadline."""
        if timestamp > self.state.stream_time:
            self.state.stream_time = timestamp
            self.changed = True
        entries = self.state.entries
        cut = 0
        while cut < len(entries) and entries[cut][0] < self.state.stream_time:
            cut += 1
        expired = entries[:cut]
        if cut:
            del entries[:cut]
        return [tuple(e) for e in expired]  # type: ignore[misc]

    def save(self) -> None:
        if self.changed:
            self.store.set_bytes(KEY, _encode(self.state))
            self.changed = False
