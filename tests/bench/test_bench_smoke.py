"""Every benchmark script runs in its quickest mode and reports every row with positive ratios.

Never asserts speed: tiny counts measure nothing. Needs the built npm package
(`cd typescript && npm run build`) and the bench-only packages (`cd bench/ts && npm ci`).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
PAYLOADS = ["organizer", "event", "order-1", "order-3", "order-100", "order-1000", "refund", "ticket"]
MESSAGES = {"organizer": "organizer", "event": "event", "order-1": "order (1 ticket)", "order-3": "order (3 tickets)",
            "order-100": "order (100 tickets)", "order-1000": "order (1000 tickets)", "refund": "refund",
            "ticket": "ticket"}
OPERATIONS = {
    "python": [("json", "decode (tolerant)"), ("json", "validate + encode (strict)"), ("json", "JSON → Protobuf"),
               ("json", "Kafka record decode (headers + value)"), ("protobuf", "decode (tolerant)"),
               ("protobuf", "validate + encode (strict)"), ("protobuf", "Protobuf → JSON"),
               ("protobuf", "Kafka record decode (headers + value)")],
    "node": [("json", "decode (tolerant) (string)"), ("json", "decode (tolerant) (Buffer)"),
             ("json", "validate + encode (strict)"), ("json", "JSON → Protobuf"),
             ("json", "Kafka record decode (headers + value)"), ("protobuf", "decode (tolerant)"),
             ("protobuf", "validate + encode (strict)"), ("protobuf", "Protobuf → JSON"),
             ("protobuf", "Kafka record decode (headers + value)")],
}
FORMATS = ("json", "protobuf")
#: (lang, format, op, input) → the peers timed next to the library
PEERS = {
    ("python", "json", "decode", "bytes"): {"pydantic", "msgspec"},
    ("python", "json", "encode", "bytes"): {"pydantic", "msgspec"},
    ("node", "json", "decode", "string"): {"ajv", "zod"},
    ("node", "json", "decode", "buffer"): {"ajv", "zod"},
    ("node", "json", "encode", "value"): {"ajv", "zod"},
    ("node", "protobuf", "decode", "buffer"): {"protobuf-es"},
    ("node", "protobuf", "encode", "value"): {"protobuf-es"},
}


def positive(text: str) -> bool:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return False
    return value > 0 and math.isfinite(value)


@pytest.fixture(scope="module")
def prerequisites() -> None:
    if not shutil.which("node"):
        pytest.fail("node (20+) is needed for the TypeScript benchmarks")
    if not (ROOT / "typescript" / "dist" / "index.js").is_file():
        pytest.fail("typescript/dist is missing: run `cd typescript && npm ci && npm run build`")
    if not (BENCH / "ts" / "node_modules" / "ajv" / "package.json").is_file():
        pytest.fail("bench/ts/node_modules is missing: run `cd bench/ts && npm ci`")


@pytest.fixture(scope="module")
def quick_run(prerequisites: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--out-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    assert (out / "results.md").read_text(encoding="utf-8") == done.stdout
    return done.stdout, json.loads((out / "results.json").read_text(encoding="utf-8"))


def table_rows(text: str) -> dict[tuple[str, str, str, str], list[str]]:
    """(lang, message, format, operation) → the cells of the main table's row."""
    rows = {}
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| lang | message | format | operation |"))
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[tuple(cells[:4])] = cells  # type: ignore[index]
    return rows


def test_the_table_has_every_codec_row_with_positive_ratios(quick_run: tuple[str, dict[str, Any]]) -> None:
    text, _ = quick_run
    rows = table_rows(text)
    for lang, operations in OPERATIONS.items():
        for payload in PAYLOADS:
            for fmt, operation in operations:
                cells = rows.get((lang, MESSAGES[payload], fmt, operation))
                assert cells is not None, f"no row for {lang} {payload} {fmt} {operation}"
                size, rate, mbps, base, naive, peer = cells[4:10]
                assert all(positive(c) for c in (size, rate, mbps, base, naive)), cells
                assert peer == "—" or (positive(peer.split()[0]) and peer.split()[1].strip("()")), cells
    assert len(rows) == len(PAYLOADS) * sum(map(len, OPERATIONS.values())) + 2 * len(FORMATS)


def test_the_peers_sit_next_to_the_library(quick_run: tuple[str, dict[str, Any]]) -> None:
    text, _ = quick_run
    start = text.index("## Peers: an Order with 3 tickets")
    table = text[start:].split("\n\n")[1].splitlines()[2:]  # the rows, past the header and its rule
    named = {(c[0], c[1], c[4]) for c in ([x.strip() for x in line.strip("|").split("|")] for line in table)}
    for (lang, fmt, _, _), names in PEERS.items():
        assert {(lang, fmt, n) for n in names} <= named, (lang, fmt, names)
    assert "## Peers, and what they do not check" in text
    assert "| python | msgspec | ticket ids unique within an order" in text


def test_the_table_has_the_kafka_rows(quick_run: tuple[str, dict[str, Any]]) -> None:
    text, result = quick_run
    rows = table_rows(text)
    for lang, client in (("python", "aiokafka"), ("node", "kafkajs")):
        for fmt in FORMATS:
            cells = rows.get((lang, "order (3 tickets)", fmt, f"Kafka end to end, {client} (produce + consume)"))
            assert cells is not None, f"no Kafka row for {lang} {fmt}"
            assert positive(cells[5]) and positive(cells[7]), cells
    assert {(k["lang"], k["format"]) for k in result["kafka"]} == {(l, f) for l in OPERATIONS for f in FORMATS}
    assert all(k["ratio"] > 0 for k in result["kafka"])


def test_the_bridge_runs_against_a_pass_through_on_the_same_records(quick_run: tuple[str, dict[str, Any]]) -> None:
    text, result = quick_run
    rows = result["bridge"]["rows"]
    assert [r["app"] for r in rows] == ["passthrough", "bridge"]
    assert rows[0]["records"] == rows[1]["records"] > 0
    assert all(r["records_per_second"] > 0 and r["peak_rss_mb"] > 0 for r in rows)
    assert rows[1]["state_mb"] is not None and result["bridge"]["ratio"] > 0
    assert "## The legacy bridge (Quix Streams, local broker)" in text
    assert any(t["target"].startswith("python bridge ≥ 0.5×") for t in result["targets"])


def test_the_results_file_holds_every_row_memory_and_target(quick_run: tuple[str, dict[str, Any]]) -> None:
    _, result = quick_run
    codec = {(r["lang"], r["payload"], r["format"], r["op"], r["input"]) for r in result["codec"]}
    assert len(codec) == len(result["codec"]) == len(PAYLOADS) * sum(map(len, OPERATIONS.values()))
    for r in result["codec"]:
        assert r["rate"] > 0 and r["ratio_base"] > 0 and r["ratio_naive"] > 0, r
    assert {(m["lang"], m["format"]) for m in result["memory"]} == {(l, f) for l in OPERATIONS for f in FORMATS}
    assert all(math.isfinite(m["growth_mb"]) and m["rss_before"] > 0 for m in result["memory"])
    kinds = " ".join(t["target"] for t in result["targets"])
    for r in result["codec"]:
        got = {p["name"] for p in r["peers"]}
        assert got == PEERS.get((r["lang"], r["format"], r["op"], r["input"]), set()), r
        assert all(p["rate"] > 0 and p["ratio"] > 0 and p["skips"] for p in r["peers"]), r
    ahead = [t for t in result["targets"] if t["target"].endswith("ahead of the fastest peer")]
    assert len(ahead) == len(PAYLOADS) * len(PEERS)
    for needle in ("orjson.loads", "orjson.dumps", "FromString + read every field", "JSON.parse(string)",
                   "JSON.parse(buf.toString())", "fromBinary", "flat 1→1000", "RSS < 20 MB", "raw end to end"):
        assert needle in kinds, needle
    assert result["machine"]["nproc"] > 0


@pytest.mark.parametrize("argv", [
    [sys.executable, "bench/python/bench_decode.py", "--quick"],
    ["node", "bench/ts/decode.mjs", "--quick"],
], ids=["python", "node"])
def test_the_decode_only_quick_run(prerequisites: None, argv: list[str]) -> None:
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    rows = [line for line in done.stdout.splitlines()[2:] if line.strip()]
    assert len(rows) >= 6, done.stdout
    columns = 1 + done.stdout.splitlines()[1].count("×")  # msg/s and the ratios
    for line in rows:
        numbers = line.split()[-columns:]
        assert all(positive(n) for n in numbers), line
