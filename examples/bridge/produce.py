"""A legacy producer: write the legacy data set to the four legacy topics, as Ticketscloud does today.

    python -m examples.bridge.produce --bootstrap 127.0.0.1:9092 [--copies N] [--partitions P]

Creates the topics when missing (topic names: the bridge's defaults) and writes
each copy of `examples/bridge/dataset.py` (ids suffixed after the first copy),
topic by topic. Prints how many records went to each topic, as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aiokafka import AIOKafkaProducer  # noqa: E402
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # noqa: E402

from examples.bridge.dataset import dataset  # noqa: E402
from vibe_contracts.bridge import INPUTS  # noqa: E402

__all__ = ["legacy_records", "produce"]


def legacy_records(copies: int = 1) -> list[tuple[str, bytes, bytes]]:
    """(topic, key, value) of `copies` copies of the data set, topic by topic within each copy."""
    records = []
    for k in range(copies):
        for kind, pairs in dataset("" if k == 0 else f"-{k}").items():
            records += [(INPUTS[kind], key, value) for key, value in pairs]
    return records


async def produce(bootstrap: str, records: Sequence[tuple[str, bytes, bytes]], partitions: int = 1) -> Counter[str]:
    """Create the legacy topics when missing, then write `records` in order; returns the count per topic."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        missing = set(INPUTS.values()) - set(await admin.list_topics())
        if missing:
            await admin.create_topics([NewTopic(name, partitions, 1) for name in sorted(missing)])
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    sent: Counter[str] = Counter()
    try:
        for topic, key, value in records:
            await producer.send_and_wait(topic, value, key=key)
            sent[topic] += 1
    finally:
        await producer.stop()
    return sent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--copies", type=int, default=1, help="copies of the data set (default 1)")
    parser.add_argument("--partitions", type=int, default=1, help="of the topics created here (default 1)")
    args = parser.parse_args(argv)
    sent = asyncio.run(produce(args.bootstrap, legacy_records(args.copies), args.partitions))
    print(json.dumps(dict(sorted(sent.items()))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
