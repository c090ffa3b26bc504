"""The runnable examples against the session's broker: producer (both formats), then consumer."""

from __future__ import annotations

import asyncio
import logging
import re

import pytest
from aiokafka import AIOKafkaProducer

from examples.python import consumer, producer
from vibe_contracts import Contract

CUSTOMER_FIELDS = ("email", "phone", "first_name", "last_name")


def personal_data(messages: list[Contract]) -> set[str]:
    customers = [m.customer for m in messages if hasattr(m, "customer")]  # type: ignore[attr-defined]
    return {value for c in customers for f in CUSTOMER_FIELDS if (value := getattr(c, f)) is not None}


async def send_from_another_major(bootstrap: str, message: Contract) -> None:
    """A ticket as a producer of contract 2.0 would send it: the consumer must refuse it."""
    client = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await client.start()
    try:
        await client.send_and_wait("tickets", value=message.to_json(), key=b"T-9", headers=[
            ("content-type", b"application/json"), ("schema-version", b"2.0"), ("application-id", b"ticketland")])
    finally:
        await client.stop()


def summary_rows(output: str) -> dict[tuple[str, str], tuple[int, int]]:
    rows = re.findall(r"^(\w+)\s+(json|protobuf|other|none)\s+(\d+)\s+(\d+)$", output, flags=re.MULTILINE)
    return {(topic, fmt): (int(received), int(rejected)) for topic, fmt, received, rejected in rows}


def test_producer_then_consumer(
    bootstrap: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="vibe.example")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", bootstrap)
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    monkeypatch.setenv("VIBE_APPLICATION_ID", "ticketland")
    stranger = producer.vector("ticket", "full", id="T-9")
    for fmt in ("json", "protobuf"):
        monkeypatch.setenv("VIBE_FORMAT", fmt)
        assert producer.main(["--timeout", "20"]) == 0
    asyncio.run(send_from_another_major(bootstrap, stranger))

    assert consumer.main(["--max-messages", "17", "--timeout", "30"]) == 0

    output = capsys.readouterr().out
    assert summary_rows(output) == {
        ("events", "json"): (1, 0), ("events", "protobuf"): (1, 0),
        ("orders", "json"): (1, 0), ("orders", "protobuf"): (1, 0),
        ("refunds", "json"): (2, 0), ("refunds", "protobuf"): (2, 0),
        ("tickets", "json"): (4, 1), ("tickets", "protobuf"): (3, 0),
        ("organizers", "json"): (1, 0), ("organizers", "protobuf"): (1, 0),
    }
    assert "ticket statuses, orders-based: active=1 refunded=2" in output
    assert "ticket statuses, tickets-based: refunded=1 used=1" in output
    assert "sent 8 records as application/json" in output and "sent 8 records as application/x-protobuf" in output

    consumer_lines = [r.getMessage() for r in caplog.records if r.name == "vibe.example.consumer"]
    consumed = [line for line in consumer_lines if line.startswith("topic=")]
    assert len(consumed) == 17
    assert [line for line in consumed if "rejected=" in line] == [
        next(line for line in consumed if 'key="T-9"' in line)]
    assert 'headers["schema-version"] schema_version' in next(line for line in consumed if "rejected=" in line)

    lines = [r.getMessage() for r in caplog.records] + output.splitlines()
    secrets = personal_data([item.message for item in producer.sample_batch()] + [stranger])
    assert {"anna.petrova@example.ru", "+79161234567", "Анна", "Петрова", "guest@example.com"} <= secrets
    assert [(line, s) for line in lines for s in secrets if s in line] == []
