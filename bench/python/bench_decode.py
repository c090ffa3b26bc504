"""Throughput of `Order.from_json` on a 3-ticket order, against baselines measured in the same run.

    python bench/python/bench_decode.py

Prints messages per second (median of repeated runs) and the ratio to `orjson.loads`
of the same bytes (parse only, no validation) and to `json.loads` + `jsonschema`.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import jsonschema_rs
import msgspec
import orjson

from vibe_contracts import Order

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "contracts/jsonschema/vibe.integration.v1.Order.reader.schema.json").read_text())


def order_bytes() -> bytes:
    vectors = json.loads((ROOT / "examples/vectors/order.json").read_text())
    full = next(c["json"] for c in vectors["valid"] if c["name"] == "full")
    assert len(full["tickets"]) == 3
    return json.dumps(full, ensure_ascii=False).encode()


def rate(fn: Callable[[], object], seconds: float = 0.4, repeats: int = 7) -> float:
    """Median calls per second over `repeats` timed runs of about `seconds` each."""
    n = 1
    while True:  # calibrate the batch size
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if (elapsed := time.perf_counter() - start) > 0.05:
            break
        n *= 2
    batch = max(1, int(n * seconds / elapsed))
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        rates.append(batch / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> int:
    data = order_bytes()
    validator = jsonschema.Draft202012Validator(SCHEMA)
    validator_rs = jsonschema_rs.validator_for(SCHEMA)
    bare = msgspec.json.Decoder(Order)  # the generated constraints only, no extra rules
    Order.from_json(data)  # warm up the decoder
    rows = {
        "orjson.loads (parse only)": rate(lambda: orjson.loads(data)),
        "msgspec decode of the model (no extra rules)": rate(lambda: bare.decode(data)),
        "orjson.loads + jsonschema_rs (reader schema)": rate(lambda: validator_rs.validate(orjson.loads(data))),
        "Order.from_json (tolerant, full validation)": rate(lambda: Order.from_json(data)),
        "Order.from_json (strict, full validation)": rate(lambda: Order.from_json(data, strict=True), repeats=3),
        "json.loads + jsonschema (reader schema)": rate(lambda: validator.validate(json.loads(data)), repeats=3),
    }
    base, naive = rows["orjson.loads (parse only)"], rows["json.loads + jsonschema (reader schema)"]
    print(f"Order with 3 tickets, {len(data)} bytes of JSON; Python {sys.version.split()[0]}")
    print(f"{'':46} {'msg/s':>10} {'× orjson':>9} {'× naive':>9}")
    for name, value in rows.items():
        print(f"{name:46} {value:>10,.0f} {value / base:>9.2f} {value / naive:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
