"""What the bridge passes between its steps and keeps in its state, and the records it writes."""

from __future__ import annotations

from typing import NamedTuple

import msgspec

__all__ = ["Held", "Output", "Source", "dead_letter", "pack", "unpack_held"]


class Source(msgspec.Struct, array_like=True, frozen=True):
    """Where a legacy record was read: what a dead letter names."""

    topic: str
    partition: int
    offset: int


class Held(msgspec.Struct, array_like=True):
    """A legacy record as read (key, bytes, source) and how far it got.

    `kind` is the legacy message name; `status` is ``new``, ``done`` (mapped: produced or skipped),
    ``wait`` (a join input is missing; `reason` says which) or ``dead`` (dead-lettered).
    A newer version of a waiting record keeps the older ones in `earlier`: each is mapped
    (or dead-lettered) in turn when the join completes, as if it had not waited.
    `dead` set at the routing step means the record never decoded: it goes straight to the dead letters.
    """

    kind: str
    id: str
    org: str
    source: Source
    key: bytes | None
    value: bytes | None
    timestamp: int
    status: str = "new"
    reason: tuple[str, str] | None = None  # (path, rule)
    waiting_since: int | None = None
    earlier: list[Held] = []  # older versions that arrived while this record waited, oldest first


class Output(NamedTuple):
    """A record to write: the output role (`OUTPUTS` key), key, value and headers."""

    role: str
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]


_encoder = msgspec.msgpack.Encoder()
_held = msgspec.msgpack.Decoder(Held)


def pack(value: msgspec.Struct) -> bytes:
    return _encoder.encode(value)


def unpack_held(data: bytes) -> Held:
    return _held.decode(data)


def dead_letter(held: Held, path: str, rule: str) -> Output:
    """The original key and bytes, with headers naming the source and the reason (never the data itself)."""
    headers = [
        ("source-topic", held.source.topic.encode()),
        ("source-partition", str(held.source.partition).encode()),
        ("source-offset", str(held.source.offset).encode()),
        ("reason-rule", rule.encode()),
        ("reason-path", path.encode()),
    ]
    return Output("dead_letter", held.key, held.value, headers)
