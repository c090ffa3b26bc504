"""The bridge's throughput, against a pass-through app on the same library, broker and records.

    python bench/python/bench_bridge.py [--orders N] [--quick] [--json-out FILE]

On one tansu broker: the legacy records of N orders (3 tickets each, one in ten
refunded, over N/100 events and N/1000 partners) are written once. Then, one
after the other, each in a process of its own:

- **pass-through**: a Quix Streams app that reads the four legacy topics and writes
  every record unchanged to one topic;
- **bridge**: `vibe-contracts bridge` (the same code, in process), with its config.

Each reports the records per second from its first input record to its last
processed one (the group join and the idle wait excluded), its peak resident
memory, its resident memory half way and at the end, and (the bridge) the size
of its state directory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "python")]

from examples.bridge.dataset import MAPPING, bulk  # noqa: E402
from examples.local_broker import running_broker  # noqa: E402

# The local broker needs one record per batch (its high watermark moves per batch). The group timeouts stay
# the defaults: a slow first join is not measured, an eviction under load would be.
PRODUCER: dict[str, Any] = {}
CONSUMER: dict[str, Any] = {}
IDLE = 10.0  # seconds with no input before an app stops: longer than a checkpoint under back-pressure


def rss_kb() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class Clock:
    """First and last processing times, and the resident memory when half the input was read."""

    def __init__(self, total: int) -> None:
        self.total, self.read, self.first, self.last, self.half_rss = total, 0, 0.0, 0.0, 0

    def input(self) -> None:
        if not self.read:
            self.first = time.perf_counter()
        self.read += 1
        if self.read == self.total // 2:
            self.half_rss = rss_kb()

    def done(self) -> None:
        self.last = time.perf_counter()


def write_legacy(bootstrap: str, orders: int, partitions: int) -> int:
    from confluent_kafka import Producer
    from confluent_kafka.admin import AdminClient, NewTopic

    from vibe_contracts.bridge import INPUTS

    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(t, partitions, 1, config={"retention.ms": "604800000"})
                                       for t in INPUTS.values()]).values():
        future.result()
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    records = bulk(orders)
    for i, (kind, key, value) in enumerate(records):
        producer.produce(INPUTS[kind], value, key, timestamp=1_780_000_000_000 + i)
        if i % 10_000 == 0:
            producer.flush()
    producer.flush()
    return len(records)


def passthrough(bootstrap: str, folder: Path, total: int) -> dict[str, Any]:
    from quixstreams import Application
    from quixstreams.models import TopicConfig

    from vibe_contracts.bridge import INPUTS

    clock = Clock(total)
    app = Application(broker_address=bootstrap, consumer_group="bench-passthrough", auto_offset_reset="earliest",
                      state_dir=str(folder / "passthrough-state"), consumer_extra_config=CONSUMER,
                      producer_extra_config=PRODUCER, loglevel="WARNING")
    config = TopicConfig(num_partitions=1, replication_factor=1,
                         extra_config={"retention.ms": "604800000", "retention.bytes": "-1"})
    out = app.topic("bench-passthrough-out", value_serializer="bytes", key_serializer="bytes", config=config)
    for name in INPUTS.values():
        sdf = app.dataframe(app.topic(name, value_deserializer="bytes", key_deserializer="bytes", config=config))
        sdf.update(lambda _: clock.input()).to_topic(out).update(lambda _: clock.done())
    app.run(timeout=IDLE, collect=False)
    return _figures(clock, None)


def bridge(bootstrap: str, folder: Path, total: int) -> dict[str, Any]:
    from vibe_contracts.bridge import config_from_dict
    from vibe_contracts.bridge.app import Bridge

    clock = Clock(total)

    class Timed(Bridge):
        def _router(self, kind: str, topic: str) -> Any:
            step = super()._router(kind, topic)

            def timed(*args: Any) -> Any:
                clock.input()
                return step(*args)
            return timed

        def _join_step(self, *args: Any) -> Any:
            outputs = super()._join_step(*args)
            clock.done()
            return outputs

    state = folder / "bridge-state"
    config = config_from_dict({"kafka": {"brokers": bootstrap, "consumer_group": "bench-bridge",
                                         "consumer": CONSUMER, "producer": PRODUCER},
                               "state": {"dir": str(state)}, "summary": {"interval_seconds": 3600},
                               "mapping": MAPPING})
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        Timed(config, out=quiet).run(until_idle=IDLE)
    return _figures(clock, state)


def _figures(clock: Clock, state: Path | None) -> dict[str, Any]:
    seconds = clock.last - clock.first
    return {
        "records": clock.read, "seconds": round(seconds, 3),
        "records_per_second": round(clock.read / seconds, 1) if seconds > 0 else None,
        "rss_half_mb": round(clock.half_rss / 1024, 1), "rss_end_mb": round(rss_kb() / 1024, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "state_mb": None if state is None else round(sum(
            f.stat().st_size for f in state.rglob("*") if f.is_file()) / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="200 orders: a smoke test, not a measurement")
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--app", choices=("passthrough", "bridge"), help=argparse.SUPPRESS)
    parser.add_argument("--bootstrap", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--total", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.app:  # one app, in a process of its own
        run = passthrough if args.app == "passthrough" else bridge
        print(json.dumps(run(args.bootstrap, args.folder, args.total)))
        return 0
    orders = 200 if args.quick else args.orders
    rows = []
    with running_broker() as bootstrap, tempfile.TemporaryDirectory() as folder:
        total = write_legacy(bootstrap, orders, 1)
        print(f"bridge: {total} legacy records of {orders} orders written", file=sys.stderr, flush=True)
        for app in ("passthrough", "bridge"):
            done = subprocess.run([sys.executable, __file__, "--app", app, "--bootstrap", bootstrap,
                                   "--folder", str(folder), "--total", str(total)], capture_output=True, text=True,
                                  check=False)
            if done.returncode != 0:
                raise SystemExit(f"bench_bridge: {app} failed:\n{done.stderr[-3000:]}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            if figures["records"] != total:
                raise SystemExit(f"bench_bridge: {app} read {figures['records']} of {total} records")
            print(f"bridge: {app} {figures}", file=sys.stderr, flush=True)
            rows.append({"app": app, "orders": orders, **figures})
    ratio = (rows[1]["records_per_second"] or 0) / (rows[0]["records_per_second"] or 1)
    result = {"bridge": rows, "ratio": float(f"{ratio:.3g}"), "runtime": f"Python {sys.version.split()[0]}"}
    if args.json_out:
        args.json_out.write_text(json.dumps(result), encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
