"""Helpers of the bridge's broker tests: config files, bridge processes, producing and reading topics."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from examples.bridge.dataset import CATEGORIES
from vibe_contracts.bridge import INPUTS, OUTPUTS

CLI = str(Path(sys.executable).parent / "vibe-contracts")
# Short group timeouts: the local broker's first group join otherwise dominates a short run.
CONSUMER = {"session.timeout.ms": 6000, "heartbeat.interval.ms": 500, "max.poll.interval.ms": 10000}
# The local broker (tansu 0.6) advances a partition's high watermark by one per record batch, not per record:
# one record per batch keeps the watermarks (and so Quix's changelog checks on restart) right.
PRODUCER = {"batch.num.messages": 1}


class Message(NamedTuple):
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]


def write_config(folder: Path, bootstrap: str, group: str, *, partitions: int = 1, max_wait: float = 3600,
                 state: str = "state", fmt: str = "json", name: str | None = None) -> Path:
    categories = ", ".join(f'"{k}" = "{v}"' for k, v in CATEGORIES.items())
    consumer = "\n".join(f'"{k}" = {v}' for k, v in CONSUMER.items())
    producer = "\n".join(f'"{k}" = {v}' for k, v in PRODUCER.items())
    path = folder / f"{name or group}.toml"
    path.write_text(f"""
[kafka]
brokers = "{bootstrap}"
consumer_group = "{group}"
partitions = {partitions}
commit_seconds = 0.5

[kafka.consumer]
{consumer}

[kafka.producer]
{producer}

[output]
format = "{fmt}"

[joins]
max_wait_seconds = {max_wait}

[state]
dir = "{folder / state}"

[summary]
interval_seconds = 2

[mapping]
skip_roles = ["distributor"]
categories = {{ {categories} }}

[mapping.venues.v-1]
name = "Crocus City Hall"
city_name = "Moscow"
offset = 3.0
""", encoding="utf-8")
    return path


def start_bridge(config: Path, log: Path, until_idle: float | None = None) -> subprocess.Popen[bytes]:
    command = [CLI, "bridge", "--config", str(config)]
    if until_idle is not None:
        command += ["--until-idle", str(until_idle)]
    with log.open("ab") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


async def create_topics(bootstrap: str, partitions: int) -> None:
    """The four inputs, as the legacy producer's cluster has them (the bridge creates the rest)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        new = [NewTopic(name, partitions, 1, topic_configs={"retention.ms": "604800000"})
               for name in INPUTS.values() if name not in existing]
        if new:
            await admin.create_topics(new)
    finally:
        await admin.close()


async def produce(bootstrap: str, records: Iterable[tuple[str, bytes | None, bytes, int | None]]) -> None:
    """(topic, key, value, timestamp ms or None) in order, each acknowledged before the next."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for topic, key, value, timestamp in records:
            await producer.send_and_wait(topic, value, key=key, timestamp_ms=timestamp)
    finally:
        await producer.stop()


async def read_all(bootstrap: str, topics: Sequence[str] = tuple(OUTPUTS.values())) -> list[Message]:
    """Every record now in `topics`, in partition order."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None)
    await consumer.start()
    try:
        await consumer.topics()  # loads the metadata of every topic
        partitions = [TopicPartition(t, p) for t in topics for p in (consumer.partitions_for_topic(t) or ())]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[Message] = []
        while [tp for tp, end in ends.items() if end > 0 and await consumer.position(tp) < end]:
            batch = await consumer.getmany(timeout_ms=500)
            for tp, messages in batch.items():
                found += [Message(tp.topic, tp.partition, m.offset, m.key, m.value, tuple(m.headers))
                          for m in messages]
        return found
    finally:
        await consumer.stop()


def caught_up(bootstrap: str, group: str, *, timeout: float = 120) -> None:
    """Wait until `group` has committed every record of the inputs and of its repartition topics.

    librdkafka's OffsetFetch, not aiokafka's admin client: the local broker answers the former.
    """
    from confluent_kafka import Consumer
    from confluent_kafka import TopicPartition as Partition

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        deadline = time.monotonic() + timeout
        while True:
            metadata = consumer.list_topics(timeout=10).topics
            partitions = [Partition(name, p) for name, topic in metadata.items()
                          if name in INPUTS.values() or name.startswith("repartition__") for p in topic.partitions]
            ends = {(tp.topic, tp.partition): consumer.get_watermark_offsets(tp, timeout=10)[1] for tp in partitions}
            committed = {(tp.topic, tp.partition): tp.offset for tp in consumer.committed(partitions, timeout=10)}
            if all(end == 0 or committed.get(tp, -1) >= end for tp, end in ends.items()):
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"group {group} did not catch up: {ends} vs {committed}")
            time.sleep(0.5)
    finally:
        consumer.close()


def last_by_key(messages: Iterable[Message]) -> dict[tuple[str, bytes | None], bytes | None]:
    """The latest value of each (topic, key): what a compacted topic keeps."""
    return {(m.topic, m.key): m.value for m in messages}


def summary_lines(log: Path) -> list[dict[str, Any]]:
    import json

    return [json.loads(line[len("summary "):]) for line in log.read_text(encoding="utf-8").splitlines()
            if line.startswith("summary ")]


def by_topic(messages: Iterable[Message]) -> Mapping[str, list[Message]]:
    found: dict[str, list[Message]] = {}
    for m in messages:
        found.setdefault(m.topic, []).append(m)
    return found


def end_offset(bootstrap: str, topic: str) -> int:
    """How many records `topic` holds (the sum of its partitions' end offsets; 0 when it does not exist yet)."""
    from confluent_kafka import Consumer
    from confluent_kafka import TopicPartition as Partition

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "bridge-tests-probe"})
    try:
        topics = consumer.list_topics(timeout=10).topics
        if topic not in topics:
            return 0
        return sum(consumer.get_watermark_offsets(Partition(topic, p), timeout=10)[1] for p in topics[topic].partitions)
    finally:
        consumer.close()


def copies(count: int, start: int = 0) -> list[tuple[str, bytes, bytes, int]]:
    """`count` copies of the data set as (topic, key, value, timestamp): topic by topic, timestamps increasing."""
    from examples.bridge.dataset import dataset

    records = []
    for k in range(start, start + count):
        for kind, pairs in dataset(f"-c{k}").items():
            records += [(INPUTS[kind], key, value) for key, value in pairs]
    base = 1_780_000_000_000
    return [(topic, key, value, base + i) for i, (topic, key, value) in enumerate(records)]


def kill_left(processes: Iterable[subprocess.Popen[bytes]]) -> None:
    """Kill what a failed test left running."""
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()
