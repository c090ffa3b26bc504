"""Send a realistic batch of the five messages with aiokafka.

    python -m examples.python.producer [--repeat N]     (from the repository root)

Connection, application id and format come from the environment (see
`examples/python/settings.py`). Events go first: the orders and tickets point at
them. Each record is logged with `describe_record`, personal data masked.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import msgspec
from aiokafka import AIOKafkaProducer

from examples.python import settings
from vibe_contracts import Contract, decode
from vibe_contracts.kafka import JSON, encode_record
from vibe_contracts.kafka.envelope import ContentType
from vibe_contracts.redact import describe_record

__all__ = ["Outgoing", "main", "produce", "sample_batch", "vector"]

log = logging.getLogger("vibe.example.producer")

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


class Outgoing(NamedTuple):
    """One message to send: its topic, and a key when the message has no id to use."""

    topic: str
    message: Contract
    key: str | None = None


@cache
def _cases(message: str) -> dict[str, dict[str, Any]]:
    document = json.loads((VECTORS / f"{message}.json").read_text(encoding="utf-8"))
    return {case["name"]: case for case in document["valid"] if "json" in case}


def vector(message: str, case: str, **changes: Any) -> Any:
    """The valid shared vector `case` of `message` (`order`, …) decoded, with `changes` applied."""
    decoded = decode(message, json.dumps(_cases(message)[case]["json"]))
    return msgspec.structs.replace(decoded, **changes) if changes else decoded


def sample_batch() -> list[Outgoing]:
    """Eight messages in delivery order, both integration variants.

    Orders-based: order ORD-1001 (T-1, T-2, T-3), then refunds of T-3 and, from
    a producer that sends no refund ids, T-1. Tickets-based: T-1 goes active
    then used, T-2 arrives refunded.
    """
    return [
        Outgoing("events", vector("event", "full")),
        Outgoing("orders", vector("order", "full")),
        Outgoing("refunds", vector("refund", "full", ticket_ids=["T-3"])),
        Outgoing("refunds", vector("refund", "without-id", ticket_ids=["T-1"]), key="ORD-1001-refund-1"),
        Outgoing("tickets", vector("ticket", "minimal")),
        Outgoing("tickets", vector("ticket", "full")),
        Outgoing("tickets", vector("ticket", "refunded", id="T-2", barcode="4600000000002")),
        Outgoing("organizers", vector("organizer", "full")),
    ]


async def produce(
    kwargs: Mapping[str, Any], *, application_id: str, content_type: ContentType = JSON,
    batch: Sequence[Outgoing] | None = None,
) -> int:
    """Send `batch` (default: `sample_batch()`) in order; returns how many records were sent."""
    outgoing = list(batch) if batch is not None else sample_batch()
    producer = AIOKafkaProducer(**kwargs, acks="all")
    await producer.start()
    try:
        for topic, message, key in outgoing:
            # `vibe_contracts.kafka.send` does these two steps in one call; here the record is kept for the log.
            record = encode_record(message, content_type=content_type, application_id=application_id, key=key)
            sent = await producer.send_and_wait(topic, value=record.value, key=record.key, headers=record.headers)
            log.info("sent partition=%d offset=%d %s", sent.partition, sent.offset,
                     describe_record(topic, record.key, record.headers, message))
    finally:
        await producer.stop()
    return len(outgoing)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1, help="send the batch N times (redeliveries)")
    parser.add_argument("--timeout", type=float, default=30.0, help="give up after this many seconds")
    args = parser.parse_args(argv)
    content_type = settings.content_type()

    async def run() -> int:
        return sum([await produce(settings.client_kwargs(), application_id=settings.application_id(),
                                  content_type=content_type) for _ in range(args.repeat)])

    count = asyncio.run(asyncio.wait_for(run(), args.timeout))
    print(f"sent {count} records as {content_type}")
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    raise SystemExit(main())
