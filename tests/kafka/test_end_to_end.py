"""The contracts on a real Kafka-protocol broker (tansu) with aiokafka: send, consume, refuse, reduce.

Each test uses topics of its own (custom names, passed as the `topics=` mapping)
on the session's broker, so the tests do not see each other's records.
"""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, NamedTuple

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from examples.local_broker import running_broker
from examples.python.producer import vector
from vibe_contracts import Contract, ContractError, TicketStatus
from vibe_contracts.kafka import JSON, PROTOBUF, decoded_messages, send
from vibe_contracts.statuses import InMemoryStatusStore, StatusReducer

APPLICATION_ID = "ticketland"
MESSAGES = ("organizer", "event", "order", "refund", "ticket")
CONSUME_TIMEOUT = 10.0


class Outgoing(NamedTuple):
    message_name: str
    message: Contract
    content_type: str = JSON
    key: str | None = None


class Consumed(NamedTuple):
    good: list[tuple[Any, Contract]]
    refused: list[tuple[Any, ContractError]]


def fresh_topics() -> dict[str, str]:
    """Topic name → message name, with names no other test uses."""
    run = uuid.uuid4().hex[:8]
    return {f"it-{run}.{name}s": name for name in MESSAGES}


def topic_of(topics: Mapping[str, str], message_name: str) -> str:
    return next(topic for topic, name in topics.items() if name == message_name)


def spec_headers(content_type: str) -> list[tuple[str, bytes]]:
    return [("content-type", content_type.encode()), ("schema-version", b"1.0"),
            ("application-id", APPLICATION_ID.encode())]


async def create_topics(bootstrap: str, names: Sequence[str], partitions: int = 3) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1) for name in names])
    finally:
        await admin.close()


async def produce(bootstrap: str, topics: Mapping[str, str], batch: Sequence[Outgoing]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for name, message, content_type, key in batch:
            topic = topic_of(topics, name)
            sent = await send(producer, topic, message, application_id=APPLICATION_ID,
                              content_type=content_type, key=key)  # type: ignore[arg-type]
            assert sent.topic == topic
    finally:
        await producer.stop()


async def produce_raw(bootstrap: str, topic: str, records: Sequence[tuple[bytes, list[tuple[str, bytes]]]]) -> None:
    """Records with hand-made headers, all with one key (so they stay in order)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for value, headers in records:
            await producer.send_and_wait(topic, value=value, key=b"T-1", headers=headers)
    finally:
        await producer.stop()


async def until_count(consumer: AIOKafkaConsumer, expected: int, timeout: float) -> AsyncIterator[Any]:
    """The consumer's records until `expected` arrived or `timeout` seconds passed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    count = 0
    while count < expected and loop.time() < deadline:
        batches = await consumer.getmany(timeout_ms=200, max_records=expected - count)
        for records in batches.values():
            for record in records:
                count += 1
                yield record


async def consume(bootstrap: str, topics: Mapping[str, str], expected: int) -> Consumed:
    consumed = Consumed([], [])
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=bootstrap, group_id=None,
                                auto_offset_reset="earliest", fetch_max_wait_ms=100)
    await consumer.start()
    try:
        records = until_count(consumer, expected, CONSUME_TIMEOUT)
        on_error = lambda record, error: consumed.refused.append((record, error))  # noqa: E731
        async for record, message in decoded_messages(records, topics=topics, on_error=on_error):
            consumed.good.append((record, message))
    finally:
        await consumer.stop()
    return consumed


def run(bootstrap: str, topics: Mapping[str, str], *batches: Sequence[Outgoing]) -> Consumed:
    """Create `topics`, send the batches one after the other, consume everything."""
    async def scenario() -> Consumed:
        await create_topics(bootstrap, list(topics))
        for batch in batches:
            await produce(bootstrap, topics, batch)
        return await consume(bootstrap, topics, sum(len(b) for b in batches))

    return asyncio.run(scenario())


def expected_key(item: Outgoing) -> bytes:
    return (item.key or item.message.id).encode()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- tests


def test_every_message_in_both_formats_arrives_as_sent(bootstrap: str) -> None:
    topics = fresh_topics()
    batch = [Outgoing(name, vector(name, "full"), content_type)
             for name in MESSAGES for content_type in (JSON, PROTOBUF)]
    batch += [Outgoing("refund", vector("refund", "without-id"), content_type, key="ORD-1001-refund-1")
              for content_type in (JSON, PROTOBUF)]

    consumed = run(bootstrap, topics, batch)

    assert consumed.refused == []
    # Kafka keeps the order of one key within its partition: compare per (topic, key).
    sent: dict[tuple[str, bytes], list[tuple[Contract, str]]] = defaultdict(list)
    for item in batch:
        sent[topic_of(topics, item.message_name), expected_key(item)].append((item.message, item.content_type))
    received: dict[tuple[str, bytes], list[tuple[Contract, str]]] = defaultdict(list)
    for record, message in consumed.good:
        content_type = dict(record.headers)["content-type"].decode()
        received[record.topic, record.key].append((message, content_type))
        assert list(record.headers) == spec_headers(content_type)
    assert received == sent


def test_records_that_break_the_envelope_are_refused_with_the_rule(bootstrap: str) -> None:
    topics = fresh_topics()
    tickets = topic_of(topics, "ticket")
    ticket = vector("ticket", "full")
    good = spec_headers(JSON)
    broken = [
        (ticket.to_json(), [good[0], ("schema-version", b"2.0"), good[2]]),
        (ticket.to_json(), good[:2]),
        (ticket.to_json(), [("content-type", b"text/plain"), *good[1:]]),
        (ticket.to_proto(), good),
    ]

    async def scenario() -> Consumed:
        await create_topics(bootstrap, list(topics))
        await produce_raw(bootstrap, tickets, broken)
        await produce(bootstrap, topics, [Outgoing("ticket", ticket, PROTOBUF)])
        return await consume(bootstrap, topics, len(broken) + 1)

    consumed = asyncio.run(scenario())

    assert [(error.path, error.rule) for _, error in consumed.refused] == [
        ('headers["schema-version"]', "schema_version"),
        ('headers["application-id"]', "header_missing"),
        ('headers["content-type"]', "content_type"),
        ("", "syntax"),  # Protobuf bytes announced as JSON
    ]
    assert all(record.topic == tickets for record, _ in consumed.refused)
    assert "2.0" in str(consumed.refused[0][1]) and "1.0" in str(consumed.refused[0][1])
    assert [message for _, message in consumed.good] == [ticket]


def test_sending_a_batch_twice_leaves_the_same_statuses(bootstrap: str) -> None:
    topics = fresh_topics()
    batch = [
        Outgoing("order", vector("order", "full")),  # T-1, T-2, T-3
        Outgoing("refund", vector("refund", "full", ticket_ids=["T-3"])),
        Outgoing("ticket", vector("ticket", "minimal", id="T-101")),
        Outgoing("ticket", vector("ticket", "full", id="T-101"), PROTOBUF),  # used
        Outgoing("ticket", vector("ticket", "minimal", id="T-102")),
        Outgoing("ticket", vector("ticket", "minimal", id="T-102", status="cancelled")),
    ]
    expected: dict[str, TicketStatus] = {
        "T-1": "active", "T-2": "active", "T-3": "refunded", "T-101": "used", "T-102": "cancelled"}

    consumed = run(bootstrap, topics, batch, batch)

    assert consumed.refused == [] and len(consumed.good) == 2 * len(batch)
    store = InMemoryStatusStore()
    reducer = StatusReducer(store)
    for _, message in consumed.good:
        reducer.apply(message)  # type: ignore[arg-type]
    assert store.statuses == expected


def test_the_local_broker_stops_also_when_the_block_raises() -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with running_broker() as address:
            host, port = address.rsplit(":", 1)
            socket.create_connection((host, int(port)), timeout=1).close()
            raise Boom
    with pytest.raises(OSError):
        socket.create_connection((host, int(port)), timeout=1).close()
