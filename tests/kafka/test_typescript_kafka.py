"""The TypeScript package (`@vibe/contracts/kafka`, kafkajs) and Python on a real broker, both ways.

Each broker test starts its own tansu broker (`running_broker`), so the records of one
test never reach another's consumers. Python → TypeScript: the Python example producer
and `send` write, the TypeScript example consumer and a kafkajs driver of
`fromKafkaMessage` read. TypeScript → Python: the TypeScript example producer and a
driver of `toKafkaMessage` write, aiokafka and `decode_record` read. The last tests
compare `decodeRecord` / `encodeRecord` / `describeRecord` with Python's on many records
without a broker.

Needs `typescript/dist` (built by `npm test` / `make test-typescript`) and kafkajs in
`typescript/node_modules` (`npm ci`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import random
import shutil
import subprocess
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from examples.local_broker import running_broker
from examples.python import producer as py_producer
from examples.python import settings
from examples.python.producer import VECTORS, vector
from vibe_contracts import Contract, ContractError, decode
from vibe_contracts.kafka import JSON, PROTOBUF, decode_record, encode_record, message_for_topic, send
from vibe_contracts.limits import Limits
from vibe_contracts.redact import describe_record

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "typescript"
TS_EXAMPLES = ROOT / "examples" / "typescript"
MESSAGES = ("organizer", "event", "order", "refund", "ticket")
DEFAULT_TOPICS = ("organizers", "events", "orders", "refunds", "tickets")
FORMATS = {JSON: "json", PROTOBUF: "protobuf"}
APPLICATION_ID = "ticketland"
CUSTOMER_FIELDS = ("email", "phone", "first_name", "last_name")
NODE_TIMEOUT = 60.0


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node (20+) is needed for the TypeScript Kafka tests")
    if not (TS / "dist" / "kafka.js").is_file():
        pytest.fail("typescript/dist/kafka.js is missing: run `cd typescript && npm ci && npm run build`")
    if not (TS / "node_modules" / "kafkajs" / "package.json").is_file():
        pytest.fail("kafkajs is missing from typescript/node_modules: run `cd typescript && npm ci`")
    return found


@pytest.fixture
def broker() -> Iterator[str]:
    """A broker of this test's own, with the five default topics."""
    with running_broker() as address:
        asyncio.run(create_topics(address, DEFAULT_TOPICS))
        yield address


async def create_topics(bootstrap: str, names: Sequence[str], partitions: int = 3) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1) for name in names])
    finally:
        await admin.close()


def spec_headers(content_type: str) -> list[tuple[str, bytes]]:
    return [("content-type", content_type.encode()), ("schema-version", b"1.0"),
            ("application-id", APPLICATION_ID.encode())]


def b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode()


def unb64(text: str | None) -> bytes | None:
    return None if text is None else base64.b64decode(text)


def dist(module: str) -> str:
    return (TS / "dist" / module).as_uri()


KAFKAJS = f'(await import("node:module")).createRequire({json.dumps((TS / "package.json").as_uri())})("kafkajs")'


def run_node_module(node: str, code: str, payload: Any, timeout: float = NODE_TIMEOUT) -> Any:
    """Run an ES module given as text with `payload` (JSON) on stdin; its stdout is JSON."""
    done = subprocess.run([node, "--input-type=module", "-e", code], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=timeout, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def run_example(node: str, script: str, args: Sequence[str], bootstrap: str, **env: str) -> tuple[str, list[str]]:
    """Run an example script as a user would; returns stdout and its log lines (stderr)."""
    environ = {"PATH": "/usr/bin:/bin", "KAFKA_BOOTSTRAP_SERVERS": bootstrap, "KAFKA_SECURITY_PROTOCOL": "PLAINTEXT",
               "VIBE_APPLICATION_ID": APPLICATION_ID, **env}
    done = subprocess.run([node, str(TS_EXAMPLES / script), *args], capture_output=True, text=True, env=environ,
                          timeout=NODE_TIMEOUT, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, done.stderr.splitlines()


def personal_data(messages: Sequence[Contract]) -> set[str]:
    customers = [m.customer for m in messages if hasattr(m, "customer")]  # type: ignore[attr-defined]
    return {v for c in customers for f in CUSTOMER_FIELDS if (v := getattr(c, f)) is not None}


async def produce_raw(bootstrap: str, topic: str, records: Sequence[tuple[bytes, bytes, list[tuple[str, bytes]]]]) -> None:
    """Records with hand-made headers (key, value, headers), sent as they are."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(topic, value=value, key=key, headers=headers)
    finally:
        await producer.stop()


async def consume_raw(bootstrap: str, topics: Sequence[str], expected: int, timeout: float = 15.0) -> list[Any]:
    """Every record of `topics` from the start, until `expected` arrived or `timeout` passed."""
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
                                fetch_max_wait_ms=100)
    await consumer.start()
    records: list[Any] = []
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(records) < expected and loop.time() < deadline:
            batches = await consumer.getmany(timeout_ms=200, max_records=expected - len(records))
            records += [record for batch in batches.values() for record in batch]
    finally:
        await consumer.stop()
    return records


def bad_records(stranger: Contract) -> list[tuple[bytes, bytes, list[tuple[str, bytes]]]]:
    """A ticket from a producer of another major, one without application-id, one announced as text."""
    good = spec_headers(JSON)
    return [
        (b"T-9", stranger.to_json(), [good[0], ("schema-version", b"2.0"), good[2]]),
        (b"T-10", stranger.to_json(), good[:2]),
        (b"T-11", stranger.to_json(), [("content-type", b"text/plain"), *good[1:]]),
    ]


BAD_RULES = {
    "T-9": [['headers["schema-version"]', "schema_version"]],
    "T-10": [['headers["application-id"]', "header_missing"]],
    "T-11": [['headers["content-type"]', "content_type"]],
}

# A kafkajs consumer driving fromKafkaMessage: every record as it arrived, decoded or refused.
CONSUMER_DRIVER = f"""
import {{ encode }} from {json.dumps(dist("index.js"))};
import {{ ContractError }} from {json.dumps(dist("index.js"))};
import {{ fromKafkaMessage }} from {json.dumps(dist("kafka.js"))};
const {{ Kafka, logLevel }} = {KAFKAJS};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {{ brokers, topics, expected, timeout }} = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const b64 = (b) => (b === null || b === undefined ? null : Buffer.from(b).toString("base64"));
const kafka = new Kafka({{ brokers, clientId: "driver", logLevel: logLevel.WARN }});
const consumer = kafka.consumer({{ groupId: `driver-${{Date.now()}}`, rebalanceTimeout: 2000, sessionTimeout: 6000,
  heartbeatInterval: 500, maxWaitTimeInMs: 200 }});
const out = [];
let finish;
const finished = new Promise((resolve) => {{ finish = resolve; }});
const timer = setTimeout(finish, timeout * 1000);
await consumer.connect();
await consumer.subscribe({{ topics: Object.keys(topics), fromBeginning: true }});
await consumer.run({{ eachMessage: async ({{ topic, message }}) => {{
  const headers = Object.fromEntries(Object.entries(message.headers ?? {{}}).map(
    ([k, v]) => [k, Array.isArray(v) ? v.map(b64) : b64(v)]));
  const record = {{ topic, key: b64(message.key), headers }};
  try {{
    const decoded = fromKafkaMessage({{ topic, message }}, {{ topics }});
    record.name = decoded.name;
    record.json = b64(encode(decoded.name, decoded.message));
  }} catch (error) {{
    if (!(error instanceof ContractError)) throw error;
    record.errors = error.errors.map((v) => [v.path, v.rule]);
  }}
  out.push(record);
  if (out.length >= expected) finish();
}} }});
await finished;
clearTimeout(timer);
await consumer.disconnect();
process.stdout.write(JSON.stringify(out));
"""

# A kafkajs producer driving toKafkaMessage: sends the given JSON documents as the given messages.
PRODUCER_DRIVER = f"""
import {{ decode }} from {json.dumps(dist("index.js"))};
import {{ toKafkaMessage }} from {json.dumps(dist("kafka.js"))};
const {{ Kafka, logLevel, Partitioners }} = {KAFKAJS};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {{ brokers, items }} = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const producer = new Kafka({{ brokers, clientId: "driver", logLevel: logLevel.WARN }})
  .producer({{ createPartitioner: Partitioners.DefaultPartitioner }});
await producer.connect();
let sent = 0;
for (const {{ topic, name, json, contentType, key }} of items) {{
  const message = decode(name, JSON.stringify(json));
  await producer.send({{ topic, acks: -1, messages: [toKafkaMessage(name, message, {{ contentType, applicationId: "ticketland", key }})] }});
  sent += 1;
}}
await producer.disconnect();
process.stdout.write(JSON.stringify({{ sent }}));
"""


def fresh_topics() -> dict[str, str]:
    run = uuid.uuid4().hex[:8]
    return {f"ts-{run}.{name}s": name for name in MESSAGES}


def topic_of(topics: Mapping[str, str], message_name: str) -> str:
    return next(topic for topic, name in topics.items() if name == message_name)


def all_messages() -> list[tuple[str, Contract, str, str | None]]:
    """(message name, message, content type, explicit key): the five full vectors and a refund without id, both formats."""
    items: list[tuple[str, Contract, str, str | None]] = [
        (name, vector(name, "full"), ct, None) for name in MESSAGES for ct in FORMATS]
    items += [("refund", vector("refund", "without-id"), ct, "ORD-1001-refund-1") for ct in FORMATS]
    return items


# --------------------------------------------------------------------------- Python → TypeScript


def test_python_example_producer_to_typescript_example_consumer(
    node: str, broker: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", broker)
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    monkeypatch.setenv("VIBE_APPLICATION_ID", APPLICATION_ID)
    for fmt in ("json", "protobuf"):
        monkeypatch.setenv("VIBE_FORMAT", fmt)
        assert py_producer.main(["--timeout", "20"]) == 0
    capsys.readouterr()
    stranger = vector("ticket", "full", id="T-9")
    broken = bad_records(stranger)
    asyncio.run(produce_raw(broker, "tickets", broken))

    stdout, log_lines = run_example(node, "consumer.mjs", ["--max-messages", "19", "--timeout", "30", "--group", "t1"],
                                    broker)

    summary = json.loads(stdout.splitlines()[-1])
    assert summary["received"] == {
        "events/json": 1, "events/protobuf": 1, "orders/json": 1, "orders/protobuf": 1, "refunds/json": 2,
        "refunds/protobuf": 2, "tickets/json": 5, "tickets/protobuf": 3, "tickets/other": 1,
        "organizers/json": 1, "organizers/protobuf": 1}
    assert summary["rejected"] == {"tickets/json": 2, "tickets/other": 1}
    assert {r["key"]: r["errors"] for r in summary["rejections"]} == BAD_RULES
    assert all(r["topic"] == "tickets" for r in summary["rejections"])
    assert summary["statuses"] == {"orders-based": {"active": 1, "refunded": 2}, "tickets-based": {"refunded": 1, "used": 1}}
    assert "ticket statuses, orders-based: active=1 refunded=2" in stdout
    assert "ticket statuses, tickets-based: refunded=1 used=1" in stdout

    # Every record line is the line Python's describe_record writes for what was sent.
    prefix = " INFO vibe.example.consumer "
    accepted = Counter(line.split(prefix, 1)[1] for line in log_lines if prefix in line)
    expected = Counter()
    for content_type in FORMATS:
        for item in py_producer.sample_batch():
            record = encode_record(item.message, content_type=content_type,  # type: ignore[arg-type]
                                   application_id=APPLICATION_ID, key=item.key)
            expected[describe_record(item.topic, record.key, record.headers, item.message)] += 1
    assert accepted == expected
    refused = Counter(line.split(" WARNING vibe.example.consumer ", 1)[1] for line in log_lines if "rejected=" in line)
    python_refused = Counter()
    for key, value, headers in broken:
        with pytest.raises(ContractError) as caught:
            decode_record(value, headers, topic="tickets")
        python_refused[describe_record("tickets", key, headers, None, error=caught.value)] += 1
    assert refused == python_refused

    secrets = personal_data([item.message for item in py_producer.sample_batch()] + [stranger])
    assert {"anna.petrova@example.ru", "+79161234567", "Анна", "Петрова", "guest@example.com"} <= secrets
    lines = log_lines + stdout.splitlines()
    assert [(line, s) for line in lines for s in secrets if s in line] == []


def test_every_message_from_python_arrives_in_typescript_as_sent(node: str, broker: str) -> None:
    topics = fresh_topics()
    tickets = topic_of(topics, "ticket")
    items = all_messages()
    stranger = vector("ticket", "full", id="T-9")
    twice = (b"T-12", stranger.to_json(), [*spec_headers(JSON), ("schema-version", b"1.0")])

    async def scenario() -> None:
        await create_topics(broker, list(topics))
        producer = AIOKafkaProducer(bootstrap_servers=broker, acks="all")
        await producer.start()
        try:
            for name, message, content_type, key in items:
                await send(producer, topic_of(topics, name), message, application_id=APPLICATION_ID,
                           content_type=content_type, key=key)  # type: ignore[arg-type]
        finally:
            await producer.stop()
        await produce_raw(broker, tickets, [*bad_records(stranger), twice])

    asyncio.run(scenario())
    expected = len(items) + 4
    records = run_node_module(node, CONSUMER_DRIVER, {"brokers": [broker], "topics": topics, "expected": expected,
                                                       "timeout": 30})

    assert len(records) == expected
    good = [r for r in records if "errors" not in r]
    refused = {unb64(r["key"]): r["errors"] for r in records if "errors" in r}
    assert refused == {k.encode(): v for k, v in BAD_RULES.items()} | {
        b"T-12": [['headers["schema-version"]', "header_duplicate"]]}
    # Kafka keeps the order of one key within its partition: compare per (topic, key).
    sent: dict[tuple[str, bytes], list[tuple[str, bytes, str]]] = defaultdict(list)
    for name, message, content_type, key in items:
        sent[topic_of(topics, name), (key or message.id).encode()].append(  # type: ignore[attr-defined]
            (name, message.to_json(), content_type))
    received: dict[tuple[str, bytes], list[tuple[str, bytes, str]]] = defaultdict(list)
    for r in good:
        headers = {name: unb64(value) for name, value in r["headers"].items()}
        content_type = headers["content-type"].decode()  # type: ignore[union-attr]
        assert list(headers.items()) == spec_headers(content_type)  # exactly the three, in order
        received[r["topic"], unb64(r["key"])].append((r["name"], unb64(r["json"]), content_type))  # type: ignore[index]
    assert received == sent


# --------------------------------------------------------------------------- TypeScript → Python


def test_typescript_example_producer_to_python(node: str, broker: str) -> None:
    outputs = [run_example(node, "producer.mjs", ["--timeout", "20"], broker, VIBE_FORMAT=fmt)
               for fmt in ("json", "protobuf")]
    assert outputs[0][0].splitlines()[0] == "sent 8 records as application/json"
    assert outputs[1][0].splitlines()[0] == "sent 8 records as application/x-protobuf"
    assert json.loads(outputs[1][0].splitlines()[-1])["sent"] == {
        "events/protobuf": 1, "orders/protobuf": 1, "refunds/protobuf": 2, "tickets/protobuf": 3, "organizers/protobuf": 1}

    records = asyncio.run(consume_raw(broker, DEFAULT_TOPICS, 16))

    assert len(records) == 16
    sent: dict[tuple[str, bytes], list[tuple[Contract, str]]] = defaultdict(list)
    for content_type in FORMATS:
        for item in py_producer.sample_batch():
            sent[item.topic, (item.key or item.message.id).encode()].append((item.message, content_type))  # type: ignore[attr-defined]
    received: dict[tuple[str, bytes], list[tuple[Contract, str]]] = defaultdict(list)
    for record in records:
        content_type = dict(record.headers)["content-type"].decode()
        assert list(record.headers) == spec_headers(content_type)
        message = decode_record(record.value, record.headers, topic=record.topic, strict=True)
        received[record.topic, record.key].append((message, content_type))
    assert received == sent

    secrets = personal_data([item.message for item in py_producer.sample_batch()])
    producer_lines = [line for _, log_lines in outputs for line in log_lines]
    assert len([line for line in producer_lines if " INFO vibe.example.producer sent partition=" in line]) == 16
    assert [(line, s) for line in producer_lines for s in secrets if s in line] == []


def test_every_message_from_typescript_arrives_in_python_as_sent(node: str, broker: str) -> None:
    topics = fresh_topics()
    items = all_messages()
    asyncio.run(create_topics(broker, list(topics)))
    payload = [{"topic": topic_of(topics, name), "name": name, "json": message.to_dict(), "contentType": ct,
                **({"key": key} if key else {})} for name, message, ct, key in items]

    assert run_node_module(node, PRODUCER_DRIVER, {"brokers": [broker], "items": payload}) == {"sent": len(items)}

    records = asyncio.run(consume_raw(broker, list(topics), len(items)))
    assert len(records) == len(items)
    sent: dict[tuple[str, bytes], list[tuple[Contract, str]]] = defaultdict(list)
    for name, message, content_type, key in items:
        sent[topic_of(topics, name), (key or message.id).encode()].append((message, content_type))  # type: ignore[attr-defined]
    received: dict[tuple[str, bytes], list[tuple[Contract, str]]] = defaultdict(list)
    for record in records:
        content_type = dict(record.headers)["content-type"].decode()
        assert list(record.headers) == spec_headers(content_type)
        value = record.value
        assert value == (sent[record.topic, record.key][0][0].to_json() if content_type == JSON  # canonical bytes
                         else sent[record.topic, record.key][0][0].to_proto())
        received[record.topic, record.key].append(
            (decode_record(value, record.headers, topic=record.topic, topics=topics, strict=True), content_type))
    assert received == sent


# --------------------------------------------------------------------------- the same verdicts and lines, no broker

# decodeRecord / encodeRecord / describeRecord on each case, as Python's functions are run on it.
CROSS_DRIVER = f"""
import {{ ContractError, decode }} from {json.dumps(dist("index.js"))};
import {{ decodeRecord, describeRecord, encodeRecord, messageForTopic }} from {json.dumps(dist("kafka.js"))};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const bytes = (s) => (s === null ? null : new Uint8Array(Buffer.from(s, "base64")));
const b64 = (b) => Buffer.from(b).toString("base64");
const violations = (e) => e.errors.map((v) => [v.path, v.rule, v.message]);
function run(c) {{
  if (c.op === "encode") {{
    try {{
      const message = decode(c.message, JSON.stringify(c.json));
      const r = encodeRecord(c.message, message, {{ contentType: c.contentType, applicationId: c.applicationId,
        ...(c.key === null ? {{}} : {{ key: c.key }}) }});
      return {{ key: b64(r.key), value: b64(r.value), headers: r.headers.map(([n, v]) => [n, b64(v)]) }};
    }} catch (e) {{
      if (e instanceof ContractError) return {{ errors: violations(e) }};
      return {{ crash: String(e) }};
    }}
  }}
  const headers = c.headers.map(([n, v]) => [n, bytes(v)]);
  const key = c.key_text !== undefined ? c.key_text : bytes(c.key);
  try {{
    const message = decodeRecord(bytes(c.value), headers, {{ topic: c.topic, strict: c.strict,
      ...(c.limits === null ? {{}} : {{ limits: {{ maxBytes: c.limits[0], maxDepth: c.limits[1] }} }}) }});
    const name = messageForTopic(c.topic);
    return {{ line: describeRecord(c.topic, key, headers, {{ name, message }}) }};
  }} catch (error) {{
    if (!(error instanceof ContractError)) return {{ crash: String(error) }};
    return {{ errors: violations(error), line: describeRecord(c.topic, key, headers, null, {{ error }}) }};
  }}
}}
process.stdout.write(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString("utf8")).map(run)));
"""

HEADER_VALUES: list[bytes | None] = [
    b"2.0", b"1.7", b"1", b" 1.0", b"01.0", b"1.0\n", b"application/json; charset=UTF-8", b"application/json;charset=utf-8",
    b"text/plain", b"\x1capplication/json\xc2\x85", b"\xef\xbb\xbfapplication/json", b"Application/X-Protobuf",
    b"application/x-protobuf; charset=utf-8", b"TicketLand", b"", None, b"\xff\xfe", b"a" * 65, b"vibe.app-1_x",
    "\u3000application/json".encode(),
]


def _documents() -> list[tuple[str, dict[str, Any], bool]]:
    """(message, JSON document, valid) from the shared vectors: the valid ones and invalid ones with a document."""
    found = []
    for message in MESSAGES:
        doc = json.loads((VECTORS / f"{message}.json").read_text(encoding="utf-8"))
        found += [(message, case["json"], True) for case in doc["valid"] if "json" in case]
        found += [(message, case["json"], False) for case in doc["invalid"] if isinstance(case.get("json"), dict)]
    return found


def record_cases(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    documents = _documents()
    topic_of_message = {message_for_topic(t): t for t in DEFAULT_TOPICS}
    cases = []
    for _ in range(count):
        message, document, valid = rng.choice(documents)
        content_type = rng.choice([JSON, PROTOBUF]) if valid else JSON
        value: bytes | None = json.dumps(document, ensure_ascii=False).encode()
        if content_type == PROTOBUF:
            value = decode(message, value).to_proto()
        headers: list[tuple[str, bytes | None]] = list(spec_headers(content_type))
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            move = rng.randrange(5)
            if move == 0 and headers:
                headers.pop(rng.randrange(len(headers)))
            elif move == 1 and headers:
                headers.insert(rng.randrange(len(headers) + 1), rng.choice(headers))
            elif move == 2 and headers:
                at = rng.randrange(len(headers))
                headers[at] = (headers[at][0], rng.choice(HEADER_VALUES))
            elif move == 3:
                headers.insert(rng.randrange(len(headers) + 1), ("traceparent", rng.choice(HEADER_VALUES)))
            else:
                rng.shuffle(headers)
        if rng.random() < 0.05:
            value = None
        topic = topic_of_message[message] if rng.random() < 0.95 else "payments"
        key = rng.choice([None, b"k", b"T-\xff\xfe", "ключ".encode(), b'q"\\\n'])
        limits = None
        if value is not None and rng.random() < 0.15:
            limits = [max(1, len(value) + rng.randrange(-2, 2)), rng.choice([1, 2, 3, 64])]
        cases.append({"topic": topic, "key": b64(key), "headers": [[n, b64(v)] for n, v in headers],
                      "value": b64(value), "strict": rng.random() < 0.2, "limits": limits})
    return cases


TOMBSTONE = "the record has no value (a tombstone)"


def comparable(verdict: dict[str, Any]) -> dict[str, Any]:
    """A verdict with the parsers' own wording of a syntax error left out (as tests/cross does)."""
    errors = [e if e[1] != "syntax" or e[2] == TOMBSTONE else [e[0], e[1], "…"] for e in verdict.get("errors", [])]
    return {**verdict, "errors": errors} if "errors" in verdict else verdict


def python_verdict(case: dict[str, Any]) -> dict[str, Any]:
    headers = [(n, unb64(v)) for n, v in case["headers"]]
    key = unb64(case["key"])
    try:
        limits = None if case["limits"] is None else Limits(max_bytes=case["limits"][0], max_depth=case["limits"][1])
        message = decode_record(unb64(case["value"]), headers, topic=case["topic"], strict=case["strict"],
                                limits=limits)
    except ContractError as error:
        return {"errors": [list(v) for v in error.errors],
                "line": describe_record(case["topic"], key, headers, None, error=error)}
    return {"line": describe_record(case["topic"], key, headers, message)}


@pytest.mark.parametrize("seed", range(3))
def test_decode_record_and_describe_record_agree_with_python(node: str, seed: int) -> None:
    cases = record_cases(seed, 400)
    typescript = run_node_module(node, CROSS_DRIVER, cases)
    python = [python_verdict(case) for case in cases]
    disagreements = [(case, ts, py) for case, ts, py in zip(cases, typescript, python, strict=True)
                     if comparable(ts) != comparable(py)]
    assert disagreements == []
    # the cases reach every rule of the envelope and both outcomes
    rules = Counter(e[1] for verdict in python for e in verdict.get("errors", [])[:1])
    assert {"header_missing", "header_duplicate", "content_type", "schema_version", "application_id", "topic",
            "limit"} <= set(rules)
    assert any(e[2] == TOMBSTONE for verdict in python for e in verdict.get("errors", []))
    assert sum("errors" not in verdict for verdict in python) > 20


def test_encode_record_agrees_with_python(node: str) -> None:
    cases = []
    for message, document, valid in _documents():
        if not valid:
            continue
        for content_type in (JSON, PROTOBUF, "text/plain"):
            for application_id in ("ticketland", "TicketLand", "", "vibe.app-1_x", "a" * 65):
                for key in (None, "explicit-key"):
                    cases.append({"op": "encode", "message": message, "json": document, "contentType": content_type,
                                  "applicationId": application_id, "key": key})
    typescript = run_node_module(node, CROSS_DRIVER, cases)
    keys_refused = 0
    for case, ts in zip(cases, typescript, strict=True):
        model = decode(case["message"], json.dumps(case["json"]))
        try:
            record = encode_record(model, content_type=case["contentType"], application_id=case["applicationId"],
                                   key=case["key"])
        except ContractError as error:
            assert ts == {"errors": [list(v) for v in error.errors]}, case
            keys_refused += error.rule == "key"
        else:
            assert ts == {"key": b64(record.key), "value": b64(record.value),
                          "headers": [[n, b64(v)] for n, v in record.headers]}, case
    assert keys_refused == 4  # the refund without an id and without a key: 2 formats × 2 good application ids


# --------------------------------------------------------------------------- the examples' settings

SETTINGS_DRIVER = f"""
import {{ applicationId, contentType, kafkaConfig }} from {json.dumps((TS_EXAMPLES / "settings.mjs").as_uri())};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const attempt = (run) => {{ try {{ return {{ ok: run() }}; }} catch (e) {{ return {{ error: e.message }}; }} }};
process.stdout.write(JSON.stringify(JSON.parse(Buffer.concat(chunks).toString("utf8")).map((env) => {{
  const config = attempt(() => {{ const c = kafkaConfig(env); return {{ brokers: c.brokers, ssl: c.ssl, sasl: c.sasl }}; }});
  return {{ config, applicationId: applicationId(env), contentType: attempt(() => contentType(env)) }};
}})));
"""


def test_the_typescript_examples_read_the_settings_the_python_ones_read(node: str, tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    managed = {"KAFKA_BOOTSTRAP_SERVERS": "b-1.example.net:9096, b-2.example.net:9096",
               "KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_USERNAME": "vibe", "KAFKA_SASL_PASSWORD": "secret",
               "KAFKA_SSL_CAFILE": str(ca), "VIBE_APPLICATION_ID": "vibe.app", "VIBE_FORMAT": " Protobuf "}
    envs = [
        {},
        managed,
        {**managed, "KAFKA_SSL_CAFILE": "", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256"},
        {**managed, "KAFKA_SASL_PASSWORD": ""},
        {"KAFKA_SECURITY_PROTOCOL": "SSL", "VIBE_FORMAT": "avro"},
    ]
    got = run_node_module(node, SETTINGS_DRIVER, envs)

    assert got[0] == {"config": {"ok": {"brokers": ["127.0.0.1:9092"]}}, "applicationId": "ticketland",
                      "contentType": {"ok": JSON}}
    assert got[1] == {"config": {"ok": {
        "brokers": ["b-1.example.net:9096", "b-2.example.net:9096"],
        "ssl": {"ca": [ca.read_text()]},
        "sasl": {"mechanism": "scram-sha-512", "username": "vibe", "password": "secret"}}},
        "applicationId": "vibe.app", "contentType": {"ok": PROTOBUF}}
    assert got[2]["config"]["ok"]["ssl"] is True  # no CA file: Node's own CA list
    assert got[2]["config"]["ok"]["sasl"]["mechanism"] == "scram-sha-256"
    assert got[3]["config"] == {"error": "SASL_SSL needs KAFKA_SASL_PASSWORD"}
    assert got[4]["config"] == {"error": "KAFKA_SECURITY_PROTOCOL='SSL': expected one of PLAINTEXT, SASL_SSL"}
    assert got[4]["contentType"] == {"error": "VIBE_FORMAT='avro': expected json or protobuf"}
    # the same messages as the Python settings
    for env, ts in ((envs[3], got[3]["config"]), (envs[4], got[4]["config"])):
        with pytest.raises(ValueError) as caught:
            settings.client_kwargs(env)
        assert str(caught.value) == ts["error"]
    with pytest.raises(ValueError) as caught:
        settings.content_type(envs[4])
    assert str(caught.value) == got[4]["contentType"]["error"]
