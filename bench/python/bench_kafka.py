"""End to end through a local broker: records with the library's envelope vs the same records as raw bytes.

    python bench/python/bench_kafka.py [--records 100000] [--repeats 3] [--formats json,protobuf] [--json-out FILE]

Starts tansu (`examples/local_broker.py`), then for each format runs both
variants with the same aiokafka client and settings, raw first:
  raw       the same records (key, value and headers) encoded beforehand; the
            consumer takes `record.value` as is
  envelope  the producer validates and wraps each message (`encode_record`:
            strict validation, bytes, the three headers), the consumer decodes
            each record with `decode_consumer_record` (headers + value, tolerant)
Each round runs raw then envelope; `--repeats` rounds, medians reported.
Produce time runs from the first send to the last acknowledgement, consume time
from the first fetched record to the last one handled (consumers read a
partition they were assigned, from the beginning). The ratio is raw time /
envelope time, i.e. envelope throughput as a fraction of raw (target ≥ 0.7).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from payloads import ROOT, order_with
from vibe_contracts import Order
from vibe_contracts.kafka import decode_consumer_record, encode_record

sys.path.insert(0, str(ROOT))
from examples.local_broker import running_broker  # noqa: E402

RING = 1024
APPLICATION_ID = "ticketland"
CONTENT_TYPES = {"json": "application/json", "protobuf": "application/x-protobuf"}
PRODUCER = {"linger_ms": 5, "max_batch_size": 512 * 1024}
CONSUMER = {"fetch_max_bytes": 8 * 2**20, "max_partition_fetch_bytes": 8 * 2**20}


def messages() -> list[Order]:
    """1024 distinct 3-ticket Orders (ids differ), sent in turn."""
    base = order_with(3)
    return [Order.from_json(json.dumps(dict(base, id=f"ORD-{i}", number=f"{i}-556"))) for i in range(RING)]


async def create_topic(bootstrap: str, name: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 1, 1)])
    finally:
        await admin.close()


async def produce(bootstrap: str, topic: str, count: int, send_one: Any) -> float:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, **PRODUCER)
    await producer.start()
    try:
        await producer.send_and_wait(topic, b"warm-up", key=b"warm-up")  # metadata, connection
        start = time.perf_counter()
        futures = [await send_one(producer, topic, i) for i in range(count)]
        await producer.flush()
        for f in futures:
            f.result()
        return time.perf_counter() - start
    finally:
        await producer.stop()


async def consume(bootstrap: str, topic: str, count: int, handle: Any) -> float:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, **CONSUMER)
    await consumer.start()
    try:
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        await consumer.seek_to_beginning(partition)
        seen, start = -1, 0.0  # the warm-up record comes first: the clock starts when it arrives
        while seen < count:
            batches = await consumer.getmany(timeout_ms=1000, max_records=10_000)
            if not batches and seen >= 0:
                raise TimeoutError(f"{topic}: {seen} of {count} records after 1 s of silence")
            for records in batches.values():
                for record in records:
                    if seen < 0:
                        start = time.perf_counter()
                    else:
                        handle(record)
                    seen += 1
        return time.perf_counter() - start
    finally:
        await consumer.stop()


async def variant(bootstrap: str, fmt: str, name: str, count: int, models: list[Order]) -> dict[str, Any]:
    content_type = CONTENT_TYPES[fmt]
    topic = f"bench-{name}-{fmt}-{uuid.uuid4().hex[:8]}"
    await create_topic(bootstrap, topic)
    topics = {topic: "order"}
    if name == "raw":
        wire = [encode_record(m, content_type=content_type, application_id=APPLICATION_ID)  # type: ignore[arg-type]
                for m in models]

        async def send_one(producer: Any, topic: str, i: int) -> Any:
            r = wire[i % RING]
            return await producer.send(topic, value=r.value, key=r.key, headers=r.headers)

        def handle(record: Any) -> None:
            record.value  # noqa: B018 - the raw consumer takes the bytes as they are
    else:
        async def send_one(producer: Any, topic: str, i: int) -> Any:
            r = encode_record(models[i % RING], content_type=content_type,  # type: ignore[arg-type]
                              application_id=APPLICATION_ID)
            return await producer.send(topic, value=r.value, key=r.key, headers=r.headers)

        def handle(record: Any) -> None:
            decode_consumer_record(record, topics=topics)

    produced = await produce(bootstrap, topic, count, send_one)
    consumed = await consume(bootstrap, topic, count, handle)
    return {"produce_s": produced, "consume_s": consumed, "total_s": produced + consumed,
            "rate": count / (produced + consumed)}


async def run(bootstrap: str, formats: list[str], count: int, repeats: int) -> list[dict[str, Any]]:
    models = messages()
    results = []
    for fmt in formats:
        rounds = []
        for _ in range(repeats):  # raw and envelope in turns: a load spike hits both alike
            raw = await variant(bootstrap, fmt, "raw", count, models)
            rounds.append((raw, await variant(bootstrap, fmt, "envelope", count, models)))
        results.append(summary(fmt, count, rounds))
        results[-1]["size"] = len(models[0].to_json() if fmt == "json" else models[0].to_proto())
    return results


def summary(fmt: str, count: int, rounds: list[tuple[dict[str, float], dict[str, float]]]) -> dict[str, Any]:
    """Medians over the rounds; each ratio is the median of the per-round ratios."""
    def med(values: list[float]) -> float:
        return statistics.median(values)

    def phases(i: int) -> dict[str, float]:
        out = {k: med([r[i][k] for r in rounds]) for k in ("produce_s", "consume_s", "total_s")}
        out["rate"] = count / out["total_s"]
        return out

    return {
        "format": fmt, "records": count, "repeats": len(rounds), "payload": "order-3", "raw": phases(0),
        "envelope": phases(1), "ratio": med([r[0]["total_s"] / r[1]["total_s"] for r in rounds]),
        "ratio_produce": med([r[0]["produce_s"] / r[1]["produce_s"] for r in rounds]),
        "ratio_consume": med([r[0]["consume_s"] / r[1]["consume_s"] for r in rounds]),
        "ratios": [r[0]["total_s"] / r[1]["total_s"] for r in rounds],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records per variant and format")
    parser.add_argument("--repeats", type=int, default=3, help="rounds of raw then envelope (medians)")
    parser.add_argument("--quick", action="store_true", help="200 records, one round: a smoke test")
    parser.add_argument("--formats", default="json,protobuf")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    count = 200 if args.quick else args.records
    with running_broker() as bootstrap:
        results = asyncio.run(run(bootstrap, args.formats.split(","), count, 1 if args.quick else args.repeats))
    out = {"lang": "python", "runtime": f"Python {sys.version.split()[0]}", "client": "aiokafka", "kafka": results}
    if args.json_out:
        args.json_out.write_text(json.dumps(out, indent=1))
    for r in results:
        print(f"python aiokafka {r['format']:8} {count:,} records × {r['repeats']} (medians): "
              f"raw {r['raw']['total_s']:.2f} s "
              f"(produce {r['raw']['produce_s']:.2f}, consume {r['raw']['consume_s']:.2f}), envelope "
              f"{r['envelope']['total_s']:.2f} s (produce {r['envelope']['produce_s']:.2f}, consume "
              f"{r['envelope']['consume_s']:.2f}); ratio {r['ratio']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
