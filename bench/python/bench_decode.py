"""Decode only, quickly: `Order.from_json` against the alternatives, in the same run.

    python bench/python/bench_decode.py [--payload order-3] [--quick]

The quick look at the hot path (the full suite is `bench/run.py`): messages per
second (median of interleaved rounds) and the ratio to `orjson.loads` of the
same bytes (parse only, no validation) and to `json.loads` + `jsonschema`.
"""

from __future__ import annotations

import argparse
import json
import sys

import jsonschema
import jsonschema_rs
import msgspec
import orjson

from payloads import PAYLOADS, ROOT, load
from timing import Timing, measure, median, ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payload", default="order-3", choices=PAYLOADS)
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test, not a measurement")
    args = parser.parse_args(argv)
    (p,) = load([args.payload])
    cls, data = p.model_class, p.json
    name = cls.__name__
    schema = json.loads((ROOT / f"contracts/jsonschema/vibe.integration.v1.{name}.reader.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    validator_rs = jsonschema_rs.validator_for(schema)
    bare = msgspec.json.Decoder(cls)  # the generated constraints only, no extra rules
    fns = {
        "orjson.loads (parse only)": lambda: orjson.loads(data),
        "msgspec decode of the model (no extra rules)": lambda: bare.decode(data),
        "orjson.loads + jsonschema_rs (reader schema)": lambda: validator_rs.validate(orjson.loads(data)),
        f"{name}.from_json (tolerant, full validation)": lambda: cls.from_json(data),
        f"{name}.from_json (strict, full validation)": lambda: cls.from_json(data, strict=True),
        "json.loads + jsonschema (reader schema)": lambda: validator.validate(json.loads(data)),
    }
    for fn in fns.values():
        fn()
    rounds = measure(fns, Timing.quick() if args.quick else Timing(seconds=0.2, repeats=7))
    base, naive = "orjson.loads (parse only)", "json.loads + jsonschema (reader schema)"
    print(f"{args.payload}: {len(data)} bytes of JSON; Python {sys.version.split()[0]}")
    print(f"{'':46} {'msg/s':>10} {'× orjson':>9} {'× naive':>9}")
    for row in fns:
        rate, to_base, to_naive = median(rounds[row]), ratio(rounds, row, base), ratio(rounds, row, naive)
        print(f"{row:46} {rate:>10,.0f} {to_base:>9.3g} {to_naive:>9.3g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
