"""Read the five topics with aiokafka, validate tolerantly, reduce to ticket statuses.

    python -m examples.python.consumer [--max-messages N] [--timeout S] [--group ID]

Connection settings come from the environment (see `examples/python/settings.py`).
Each record is logged with `describe_record` (personal data masked, never the raw
value); a record that breaks the contract is logged with the rule it broke and
skipped. Stops after N records or S seconds, then prints per topic and format
how many records arrived and how many were refused, and the final ticket
statuses of each integration variant. Offsets are committed after processing
(at-least-once), so a redelivered record is simply applied again.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer

from examples.python import settings
from vibe_contracts import Contract, ContractError, Order, Refund, Ticket
from vibe_contracts.kafka import JSON, PROTOBUF, decoded_messages
from vibe_contracts.redact import describe_record
from vibe_contracts.statuses import InMemoryStatusStore, StatusReducer

__all__ = ["Summary", "bounded_records", "consume", "main", "record_format"]

log = logging.getLogger("vibe.example.consumer")

TOPIC_NAMES = ("organizers", "events", "orders", "refunds", "tickets")  # docs/spec.md §2 defaults
VARIANTS = ("orders-based", "tickets-based")
_FORMATS = {JSON: "json", PROTOBUF: "protobuf"}


def record_format(headers: Iterable[tuple[str, bytes | None]] | None) -> str:
    """`json`, `protobuf`, `other` (an unknown content type) or `none` (no content-type header)."""
    for name, value in headers or ():
        if name == "content-type":
            media = bytes(value or b"").decode("utf-8", "replace").partition(";")[0].strip().lower()
            return _FORMATS.get(media, "other")
    return "none"


@dataclass
class Summary:
    """What the consumer saw: counts per (topic, format) and one status store per variant."""

    received: Counter[tuple[str, str]] = field(default_factory=Counter)
    rejected: Counter[tuple[str, str]] = field(default_factory=Counter)
    stores: dict[str, InMemoryStatusStore] = field(
        default_factory=lambda: {variant: InMemoryStatusStore() for variant in VARIANTS})

    def accept(self, record: Any, message: Contract) -> None:
        self.received[record.topic, record_format(record.headers)] += 1
        log.info("%s", describe_record(record.topic, record.key, record.headers, message))
        if isinstance(message, (Order, Refund, Ticket)):
            variant = "tickets-based" if isinstance(message, Ticket) else "orders-based"
            for step in StatusReducer(self.stores[variant]).apply(message):
                if step.outcome == "illegal":
                    log.warning("ticket %s: %s -> %s is not allowed; it stays %s",
                                step.ticket_id, step.before, step.after, step.before)

    def reject(self, record: Any, error: ContractError) -> None:
        key = (record.topic, record_format(record.headers))
        self.received[key] += 1
        self.rejected[key] += 1
        log.warning("%s", describe_record(record.topic, record.key, record.headers, None, error=error))

    def statuses(self, variant: str) -> Counter[str]:
        """How many tickets end in each status, in one variant."""
        return Counter(self.stores[variant].statuses.values())

    def render(self) -> str:
        lines = [f"{'topic':<12} {'format':<9} {'received':>8} {'rejected':>8}"]
        for topic, fmt in sorted(self.received):
            lines.append(f"{topic:<12} {fmt:<9} {self.received[topic, fmt]:>8} {self.rejected[topic, fmt]:>8}")
        for variant in VARIANTS:
            counts = " ".join(f"{status}={n}" for status, n in sorted(self.statuses(variant).items()))
            lines.append(f"ticket statuses, {variant}: {counts or '-'}")
        return "\n".join(lines)


async def bounded_records(
    consumer: AIOKafkaConsumer, *, max_messages: int | None, timeout: float, commit: bool,
) -> AsyncIterator[Any]:
    """The consumer's records until `max_messages` arrived or `timeout` seconds passed.

    With `commit`, offsets are committed after each batch has been processed by
    whoever iterates (the generator only resumes once the last record is done).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = 0
    while max_messages is None or seen < max_messages:
        left = deadline - loop.time()
        if left <= 0:
            return
        wanted = None if max_messages is None else max_messages - seen
        try:  # getmany's own timeout does not cover waiting for a group assignment
            batches = await asyncio.wait_for(
                consumer.getmany(timeout_ms=int(min(left, 0.5) * 1000), max_records=wanted), left)
        except TimeoutError:
            return
        for records in batches.values():
            for record in records:
                seen += 1
                yield record
        if commit and batches:
            await consumer.commit()


async def consume(
    kwargs: Mapping[str, Any], *, group_id: str | None, max_messages: int | None = None, timeout: float = 30.0,
    topics: Sequence[str] = TOPIC_NAMES, **consumer_options: Any,
) -> Summary:
    """Consume `topics` from the earliest offset and summarize; `consumer_options` go to `AIOKafkaConsumer`."""
    summary = Summary()
    consumer = AIOKafkaConsumer(**kwargs, group_id=group_id, auto_offset_reset="earliest",
                                enable_auto_commit=False, **consumer_options)
    await consumer.start()
    try:
        # Subscribing after start: start() would otherwise wait for the group assignment, outside the timeout.
        consumer.subscribe(list(topics))
        records = bounded_records(consumer, max_messages=max_messages, timeout=timeout, commit=group_id is not None)
        async for record, message in decoded_messages(records, on_error=summary.reject):
            summary.accept(record, message)
    finally:
        await consumer.stop()
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-messages", type=int, default=None, help="stop after N records")
    parser.add_argument("--timeout", type=float, default=30.0, help="stop after S seconds")
    parser.add_argument("--group", default="vibe-contracts-example", help='consumer group; "" reads without one')
    args = parser.parse_args(argv)
    summary = asyncio.run(consume(settings.client_kwargs(), group_id=args.group or None,
                                  max_messages=args.max_messages, timeout=args.timeout))
    print(summary.render())
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    raise SystemExit(main())
