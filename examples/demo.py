"""The contracts end to end on a local Kafka-protocol broker, in both directions.

    python examples/demo.py [--repeat N] [--timeout S]      (or: make demo)

1. Starts a throwaway tansu broker on a free loopback port and creates the five topics.
2. Python → TypeScript: the Python example producer sends its batch (events first, then
   orders, refunds, tickets, organizers) N times in JSON and N times in Protobuf; one
   record of another major (schema-version 2.0) follows. The TypeScript example consumer
   (kafkajs) reads everything, validates tolerantly and reduces to ticket statuses.
3. TypeScript → Python: the TypeScript example producer sends the same batch, both
   formats; one order with a malformed e-mail follows. The Python example consumer
   (aiokafka) reads, validates and reduces.
4. The bridge (examples/bridge/step.py), on a broker of its own: a legacy producer writes
   the legacy data set, `vibe-contracts bridge` maps it to the v1 topics, and the
   TypeScript example consumer reads them and reduces ticket statuses.
5. Prints one table (per direction, topic and format: sent, received, rejected), the
   final ticket statuses and the rates, shows each refusal as the consumer logged it
   (paths and rules, personal data masked), and as its last line the same as JSON.

Exit status 0 when every record arrived, exactly the one bad record per direction was
refused, both directions end in the statuses of the batch, no log line carries
personal data, and the bridge step ends as planned; 1 otherwise; 2 when Node or the TypeScript package is missing; 130 on
Ctrl-C. The broker is stopped in every case. Needs `make setup` (the Python venv and
`typescript/node_modules`); builds `typescript/dist` when it is missing or stale.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition  # noqa: E402
from aiokafka.admin import AIOKafkaAdminClient, NewTopic  # noqa: E402

from examples.bridge import step as bridge_step  # noqa: E402
from examples.local_broker import running_broker  # noqa: E402
from examples.python import consumer as py_consumer  # noqa: E402
from examples.python import producer as py_producer  # noqa: E402
from vibe_contracts.kafka import JSON, PROTOBUF  # noqa: E402
from vibe_contracts.statuses import InMemoryStatusStore, StatusReducer  # noqa: E402

__all__ = ["Direction", "Refusal", "expected_statuses", "main", "problems", "run_demo"]

TYPESCRIPT = ROOT / "typescript"
TS_EXAMPLES = ROOT / "examples" / "typescript"
TOPICS = py_consumer.TOPIC_NAMES
FORMATS = {JSON: "json", PROTOBUF: "protobuf"}
APPLICATION_ID = "ticketland"
PYTHON_TO_TS = "Python → TypeScript"
TS_TO_PYTHON = "TypeScript → Python"
CUSTOMER_FIELDS = ("email", "phone", "first_name", "last_name")
BAD_EMAIL = "anna.petrova@example"  # no dot after the @: breaks the e-mail rule


class DemoError(RuntimeError):
    """Something the demo needs is missing (exit status 2)."""


@dataclass(frozen=True)
class Refusal:
    """A record a consumer refused: where, its key, and the (path, rule) pairs it broke."""

    topic: str
    key: str | None
    errors: tuple[tuple[str, str], ...]


@dataclass
class Direction:
    """One direction of the demo: what was sent, what the consumer saw, how long it took."""

    name: str
    sent: Counter[tuple[str, str]] = field(default_factory=Counter)
    received: Counter[tuple[str, str]] = field(default_factory=Counter)
    rejected: Counter[tuple[str, str]] = field(default_factory=Counter)
    statuses: dict[str, dict[str, int]] = field(default_factory=dict)
    refusals: list[Refusal] = field(default_factory=list)
    expected: Refusal | None = None
    produce_seconds: float = 0.0
    first_record: float | None = None  # seconds after the consumer started
    last_record: float | None = None
    consume_seconds: float = 0.0
    producer_lines: list[str] = field(default_factory=list)
    consumer_lines: list[str] = field(default_factory=list)

    def records(self, counter: Counter[tuple[str, str]]) -> int:
        return sum(counter.values())

    def to_json(self) -> dict[str, Any]:
        rows = sorted(set(self.sent) | set(self.received))
        processing = (self.last_record or 0) - (self.first_record or 0)
        return {
            "rows": [{"topic": t, "format": f, "sent": self.sent[t, f], "received": self.received[t, f],
                      "rejected": self.rejected[t, f]} for t, f in rows],
            "sent": self.records(self.sent), "received": self.records(self.received),
            "rejected": self.records(self.rejected),
            "refusals": [{"topic": r.topic, "key": r.key, "errors": [list(e) for e in r.errors]} for r in self.refusals],
            "expected_refusal": None if self.expected is None else {
                "topic": self.expected.topic, "key": self.expected.key, "errors": [list(e) for e in self.expected.errors]},
            "statuses": self.statuses,
            "seconds": {"produce": round(self.produce_seconds, 3), "consume": round(self.consume_seconds, 3),
                        "first_record": None if self.first_record is None else round(self.first_record, 3),
                        "processing": round(processing, 3)},
            "messages_per_second": {
                "produce": rate(self.records(self.sent), self.produce_seconds),
                "consume": rate(self.records(self.received), processing),
            },
        }


def rate(count: int, seconds: float) -> float | None:
    return round(count / seconds, 1) if seconds > 0 else None


# ---------------------------------------------------------------------------- the TypeScript side


def _newest(paths: Iterator[Path]) -> float:
    return max((p.stat().st_mtime for p in paths), default=0.0)


def typescript_ready() -> str:
    """Node's path, once kafkajs is installed and typescript/dist is current (built here if not)."""
    node = shutil.which("node")
    if node is None:
        raise DemoError("node (20+) is needed: install Node.js")
    if not (TYPESCRIPT / "node_modules" / "kafkajs" / "package.json").is_file():
        raise DemoError("typescript/node_modules lacks kafkajs: run `cd typescript && npm ci` (or `make setup`)")
    built = TYPESCRIPT / "dist" / "kafka.js"
    sources = _newest((TYPESCRIPT / "src").rglob("*.ts"))
    if not built.is_file() or built.stat().st_mtime < sources:
        print("building typescript/dist …", flush=True)
        # the build script rather than `npm run build`, which empties dist/ first: whoever reads dist/ meanwhile
        # (a test run, another example) keeps finding the modules.
        build = TYPESCRIPT / "scripts" / "build.mjs"
        done = subprocess.run([node, str(build)], cwd=TYPESCRIPT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise DemoError(f"building typescript/dist failed:\n{done.stdout}\n{done.stderr}")
    return node


def node_env(bootstrap: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAFKA_", "VIBE_"))}
    env.update(KAFKA_BOOTSTRAP_SERVERS=bootstrap, KAFKA_SECURITY_PROTOCOL="PLAINTEXT",
               VIBE_APPLICATION_ID=APPLICATION_ID, **extra)
    return env


def run_node(node: str, script: str, args: Sequence[str], env: Mapping[str, str], timeout: float,
             ) -> tuple[dict[str, Any], list[str]]:
    """Run an example script; returns its last stdout line as JSON and its log lines (stderr)."""
    done = subprocess.run([node, str(TS_EXAMPLES / script), *args], env=dict(env), capture_output=True, text=True,
                          timeout=timeout, check=False)
    log_lines = done.stderr.splitlines()
    if done.returncode != 0:
        raise RuntimeError(f"{script} exited with status {done.returncode}:\n" + "\n".join(log_lines[-20:]))
    return json.loads(done.stdout.strip().splitlines()[-1]), log_lines


def _pairs(mapping: Mapping[str, int]) -> Counter[tuple[str, str]]:
    return Counter({tuple(key.split("/", 1)): n for key, n in mapping.items()})  # type: ignore[misc]


# ---------------------------------------------------------------------------- the Python side


def client_kwargs(bootstrap: str) -> dict[str, Any]:
    return {"bootstrap_servers": bootstrap}


async def create_topics(bootstrap: str) -> None:
    admin = AIOKafkaAdminClient(**client_kwargs(bootstrap))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 3, 1) for name in TOPICS])
    finally:
        await admin.close()


async def send_raw(bootstrap: str, topic: str, key: bytes, value: bytes, headers: list[tuple[str, bytes]]) -> None:
    """One record as a misbehaving producer would send it: no validation, headers as given."""
    producer = AIOKafkaProducer(**client_kwargs(bootstrap), acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, value=value, key=key, headers=headers)
    finally:
        await producer.stop()


async def start_group_at_the_end(bootstrap: str, group: str) -> None:
    """Commit the current end of every partition for `group`: its consumer reads only what comes next."""
    consumer = AIOKafkaConsumer(**client_kwargs(bootstrap), group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer.topics()  # fetches the metadata
        partitions = [TopicPartition(t, p) for t in TOPICS for p in sorted(consumer.partitions_for_topic(t) or ())]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        await consumer.commit({tp: await consumer.position(tp) for tp in partitions})
    finally:
        await consumer.stop()


class _Lines(logging.Handler):
    """Keeps the example loggers' lines (with their times) instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[tuple[float, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.created, record.name, record.getMessage()))


@contextmanager
def captured_example_logs() -> Iterator[_Lines]:
    logger = logging.getLogger("vibe.example")
    handler, level, propagate = _Lines(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def refusal_of(line: str) -> Refusal | None:
    """The refusal a `describe_record` line of a rejected record names, if it is one."""
    if not line.startswith("topic=") or " rejected=" not in line or " key=" not in line:
        return None
    topic, rest = line[len("topic="):].split(" key=", 1)
    key, _ = json.JSONDecoder().raw_decode(rest)
    named = line.rsplit(" rejected=", 1)[1].split(": ", 1)[-1]
    errors = []
    for part in named.split("; "):
        path, _, rule = part.rpartition(" ")
        errors.append(("" if path == "<root>" else path, rule))
    return Refusal(topic, key, tuple(errors))


# ---------------------------------------------------------------------------- the two directions


def batch(repeat: int) -> list[py_producer.Outgoing]:
    return py_producer.sample_batch() * repeat


def batch_counts(repeat: int) -> Counter[tuple[str, str]]:
    return Counter((item.topic, fmt) for item in batch(repeat) for fmt in FORMATS.values())


def expected_statuses() -> dict[str, dict[str, int]]:
    """The final statuses of the batch applied once, per variant: what every delivery must end in."""
    stores = {variant: InMemoryStatusStore() for variant in py_consumer.VARIANTS}
    for item in py_producer.sample_batch():
        name = type(item.message).__name__
        if name in ("Order", "Refund", "Ticket"):
            StatusReducer(stores["tickets-based" if name == "Ticket" else "orders-based"]).apply(item.message)  # type: ignore[arg-type]
    return {variant: dict(sorted(Counter(store.statuses.values()).items())) for variant, store in stores.items()}


async def python_to_typescript(bootstrap: str, node: str, repeat: int, timeout: float) -> Direction:
    direction = Direction(PYTHON_TO_TS)
    with captured_example_logs() as logs:
        started = time.perf_counter()
        for content_type in (JSON, PROTOBUF):
            await py_producer.produce(client_kwargs(bootstrap), application_id=APPLICATION_ID,
                                      content_type=content_type, batch=batch(repeat))  # type: ignore[arg-type]
        direction.produce_seconds = time.perf_counter() - started
    direction.producer_lines += [line for _, _, line in logs.lines]
    direction.sent = batch_counts(repeat)

    # A producer still on contract 2.0: the TypeScript consumer must refuse it, naming the versions.
    stranger = py_producer.vector("ticket", "full", id="T-9")
    await send_raw(bootstrap, "tickets", b"T-9", stranger.to_json(), [
        ("content-type", JSON.encode()), ("schema-version", b"2.0"), ("application-id", APPLICATION_ID.encode())])
    direction.sent["tickets", "json"] += 1
    direction.expected = Refusal("tickets", "T-9", (('headers["schema-version"]', "schema_version"),))

    summary, log_lines = run_node(node, "consumer.mjs", [
        "--group", "vibe-demo-typescript", "--max-messages", str(direction.records(direction.sent)),
        "--timeout", str(timeout)], node_env(bootstrap), timeout + 15)
    direction.consumer_lines += log_lines
    direction.received, direction.rejected = _pairs(summary["received"]), _pairs(summary["rejected"])
    direction.statuses = summary["statuses"]
    direction.refusals = [Refusal(r["topic"], r["key"], tuple(tuple(e) for e in r["errors"]))  # type: ignore[misc]
                          for r in summary["rejections"]]
    seconds = summary["seconds"]
    direction.first_record, direction.last_record = seconds["first_record"], seconds["last_record"]
    direction.consume_seconds = seconds["elapsed"]
    return direction


async def typescript_to_python(bootstrap: str, node: str, repeat: int, timeout: float) -> Direction:
    direction = Direction(TS_TO_PYTHON)
    group = "vibe-demo-python"
    await start_group_at_the_end(bootstrap, group)  # the records of the other direction are not this one's

    started = time.perf_counter()
    for fmt in FORMATS.values():
        result, log_lines = run_node(node, "producer.mjs", ["--repeat", str(repeat), "--timeout", str(timeout)],
                                     node_env(bootstrap, VIBE_FORMAT=fmt), timeout + 15)
        direction.sent += _pairs(result["sent"])
        direction.producer_lines += log_lines
    direction.produce_seconds = time.perf_counter() - started

    # An order whose e-mail breaks the rule: refused naming the path, the address itself never logged.
    document = py_producer.vector("order", "full", id="ORD-BAD").to_dict()
    document["customer"]["email"] = BAD_EMAIL
    await send_raw(bootstrap, "orders", b"ORD-BAD", json.dumps(document, ensure_ascii=False).encode(), [
        ("content-type", JSON.encode()), ("schema-version", b"1.0"), ("application-id", APPLICATION_ID.encode())])
    direction.sent["orders", "json"] += 1
    direction.expected = Refusal("orders", "ORD-BAD", (("customer.email", "pattern"),))

    with captured_example_logs() as logs:
        started_at, started = time.time(), time.perf_counter()
        summary = await py_consumer.consume(client_kwargs(bootstrap), group_id=group,
                                            max_messages=direction.records(direction.sent), timeout=timeout)
        direction.consume_seconds = time.perf_counter() - started
    consumer_lines = [(at, line) for at, name, line in logs.lines if name == py_consumer.log.name]
    direction.consumer_lines += [line for _, line in consumer_lines]
    record_times = [at - started_at for at, line in consumer_lines if line.startswith("topic=")]
    if record_times:
        direction.first_record, direction.last_record = record_times[0], record_times[-1]
    direction.received, direction.rejected = Counter(summary.received), Counter(summary.rejected)
    direction.statuses = {variant: dict(sorted(summary.statuses(variant).items())) for variant in py_consumer.VARIANTS}
    direction.refusals = [r for _, line in consumer_lines if (r := refusal_of(line)) is not None]
    return direction


# ---------------------------------------------------------------------------- verdict and report


def personal_data() -> set[str]:
    """Every customer value the demo sends (the logs must carry none of them)."""
    messages = [item.message for item in py_producer.sample_batch()] + [py_producer.vector("ticket", "full")]
    values = {getattr(m.customer, f) for m in messages if hasattr(m, "customer") for f in CUSTOMER_FIELDS}  # type: ignore[attr-defined]
    return {v for v in values if v} | {BAD_EMAIL}


def problems(direction: Direction, statuses: Mapping[str, Mapping[str, int]], secrets: set[str]) -> list[str]:
    """Everything that went other than planned in one direction (empty: all as expected)."""
    found = []
    for topic, fmt in sorted(set(direction.sent) | set(direction.received)):
        if direction.sent[topic, fmt] != direction.received[topic, fmt]:
            found.append(f"{topic}/{fmt}: sent {direction.sent[topic, fmt]}, received {direction.received[topic, fmt]}")
    unexpected = [r for r in direction.refusals if r != direction.expected]
    found += [f"unexpected refusal: {r.topic} key={r.key} {'; '.join(f'{p} {rule}' for p, rule in r.errors)}"
              for r in unexpected]
    if direction.expected is not None and direction.refusals.count(direction.expected) != 1:
        found.append(f"the bad record was refused {direction.refusals.count(direction.expected)} times, not once")
    if direction.records(direction.rejected) != len(direction.refusals):
        found.append(f"{direction.records(direction.rejected)} records rejected, {len(direction.refusals)} refusals logged")
    if dict(direction.statuses) != dict(statuses):
        found.append(f"final statuses {direction.statuses}, expected {dict(statuses)}")
    leaks = sorted({s for line in direction.producer_lines + direction.consumer_lines for s in secrets if s in line})
    if leaks:
        found.append(f"{len(leaks)} personal data values in the log lines")
    return found


def render(directions: Sequence[Direction], verdicts: Mapping[str, list[str]]) -> str:
    lines = [f"{'direction':<22} {'topic':<11} {'format':<9} {'sent':>6} {'received':>9} {'rejected':>9}",
             "-" * 71]
    for d in directions:
        for topic, fmt in sorted(set(d.sent) | set(d.received), key=lambda k: (TOPICS.index(k[0]), k[1])):
            lines.append(f"{d.name:<22} {topic:<11} {fmt:<9} {d.sent[topic, fmt]:>6} {d.received[topic, fmt]:>9} "
                         f"{d.rejected[topic, fmt]:>9}")
        lines.append(f"{d.name:<22} {'total':<11} {'':<9} {d.records(d.sent):>6} {d.records(d.received):>9} "
                     f"{d.records(d.rejected):>9}")
        lines.append("-" * 71)
    for d in directions:
        summary = d.to_json()
        statuses = "; ".join(f"{variant}: " + (" ".join(f"{s}={n}" for s, n in counts.items()) or "-")
                             for variant, counts in d.statuses.items())
        mps = summary["messages_per_second"]
        lines += [
            f"{d.name}",
            f"  final ticket statuses  {statuses}",
            f"  produced               {d.records(d.sent)} records in {d.produce_seconds:.2f} s ({mps['produce']} msg/s)",
            f"  consumed               {d.records(d.received)} records in {summary['seconds']['processing']:.3f} s "
            f"after the first arrived ({mps['consume']} msg/s); group join and first fetch "
            f"{summary['seconds']['first_record']} s",
        ]
        for refusal_line in (line for line in d.consumer_lines if "rejected=" in line):
            lines.append(f"  refused, as logged     {refusal_line[refusal_line.index('topic='):]}")
        accepted = next((line for line in d.consumer_lines if "Refund={" in line), None)
        if accepted is not None:
            lines.append(f"  a refund, as logged    {accepted[accepted.index('topic='):]}")
        verdict = verdicts[d.name]
        lines.append("  verdict                " + ("as expected" if not verdict else "; ".join(verdict)))
    return "\n".join(lines)


async def run_demo(bootstrap: str, node: str, *, repeat: int, timeout: float) -> list[Direction]:
    await create_topics(bootstrap)
    there = await python_to_typescript(bootstrap, node, repeat, timeout)
    back = await typescript_to_python(bootstrap, node, repeat, timeout)
    return [there, back]


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="send the batch N times per format (default 20)")
    parser.add_argument("--timeout", type=float, default=30.0, help="give each consumer S seconds (default 30)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # A plain `kill` ends the demo like Ctrl-C does: through the `finally` that stops the broker.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        node = typescript_ready()
        with running_broker() as bootstrap:
            print(f"tansu broker on {bootstrap}; {len(py_producer.sample_batch())} messages × {args.repeat} × "
                  "2 formats per direction, and one bad record each", flush=True)
            directions = asyncio.run(run_demo(bootstrap, node, repeat=args.repeat, timeout=args.timeout))
        print("the bridge: legacy producer → vibe-contracts bridge → TypeScript consumer", flush=True)
        bridge = bridge_step.run_step(run_node, node, node_env, args.timeout)
    except DemoError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 2
    except (RuntimeError, TimeoutError, subprocess.TimeoutExpired) as exc:
        print(f"demo: failed: {exc}; the broker is stopped", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("demo: interrupted; the broker is stopped", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    statuses, secrets = expected_statuses(), personal_data()
    verdicts = {d.name: problems(d, statuses, secrets) for d in directions}
    bridge_verdict = bridge_step.problems(bridge)
    ok = not any(verdicts.values()) and not bridge_verdict
    print(render(directions, verdicts))
    print(bridge_step.render(bridge, bridge_verdict))
    print(f"{'all as expected' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s")
    print(json.dumps({
        "ok": ok,
        "expected_statuses": statuses,
        "directions": {d.name: {**d.to_json(), "problems": verdicts[d.name]} for d in directions},
        "unexpected_refusals": sum(1 for d in directions for r in d.refusals if r != d.expected),
        "bridge": {**bridge.to_json(), "problems": bridge_verdict},
        "seconds": round(time.perf_counter() - started, 2),
    }, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
