"""Resident memory over a long stream of decodes: RSS before and after, in this (fresh) process.

    python bench/python/bench_memory.py [--count 1000000] [--proto-count 200000] [--json-out FILE]

The stream is Kafka records (headers + value) of 3-ticket Orders, decoded with
`decode_record` and dropped, as a consumer does: 1024 distinct messages in
turn, every 100th record invalid (a wrong e-mail; its ContractError is caught),
so the error path runs too. RSS is read after a warm-up and a `gc.collect()`,
and again at the end after one; the target is growth < 20 MB (10^6 bytes).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from payloads import order_with
from vibe_contracts import ContractError, Order
from vibe_contracts.kafka import decode_record, encode_record

RING = 1024
INVALID_EVERY = 100
_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    """Resident set size of this process in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE


Record = tuple[bytes, list[tuple[str, bytes]]]


def records(content_type: str) -> tuple[list[Record], Record]:
    """1024 distinct valid records, and one invalid."""
    base = order_with(3)
    ring = []
    for i in range(RING):
        doc = dict(base, id=f"ORD-{i}", number=f"{i}-556")
        r = encode_record(Order.from_json(json.dumps(doc)), content_type=content_type,  # type: ignore[arg-type]
                          application_id="ticketland")
        ring.append((r.value, r.headers))
    bad = dict(base, customer=dict(base["customer"], email="not an e-mail"))
    if content_type == "application/json":
        invalid = json.dumps(bad, ensure_ascii=False).encode()
    else:  # the same mistake in the Protobuf form: encode a valid one, swap the bytes of the e-mail
        good = Order.from_json(json.dumps(base)).to_proto()
        email = base["customer"]["email"].encode()
        invalid = good.replace(email, b"x" * len(email))
    return ring, (invalid, ring[0][1])


def stream(content_type: str, count: int) -> dict[str, Any]:
    ring, (invalid, invalid_headers) = records(content_type)
    errors = 0

    def run(n: int) -> None:
        nonlocal errors
        for i in range(n):
            if i % INVALID_EVERY == INVALID_EVERY - 1:
                try:
                    decode_record(invalid, invalid_headers, message="order")
                except ContractError:
                    errors += 1
                else:
                    raise AssertionError("the invalid record decoded")
            else:
                value, headers = ring[i % RING]
                decode_record(value, headers, message="order")

    run(min(count, 10_000))  # warm up: caches, allocator arenas
    gc.collect()
    before = rss()
    start = time.perf_counter()
    run(count)
    seconds = time.perf_counter() - start
    gc.collect()
    after = rss()
    return {"format": "json" if content_type == "application/json" else "protobuf", "count": count,
            "invalid": errors, "seconds": seconds, "rss_before": before, "rss_after": after,
            "growth_mb": (after - before) / 1e6}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="JSON records in the stream")
    parser.add_argument("--proto-count", type=int, default=200_000, help="Protobuf records in the stream")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    streams = [stream("application/json", args.count)]
    if args.proto_count:
        streams.append(stream("application/x-protobuf", args.proto_count))
    result = {"lang": "python", "runtime": f"Python {sys.version.split()[0]}", "memory": streams}
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=1))
    for s in streams:
        print(f"python {s['format']:8} {s['count']:>9,} decodes in {s['seconds']:.1f} s: RSS "
              f"{s['rss_before'] / 1e6:.1f} → {s['rss_after'] / 1e6:.1f} MB ({s['growth_mb']:+.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
