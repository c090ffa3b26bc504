"""Run one benchmark case in a loop, for a profiler: the library call of a codec row.

    python bench/python/profile_op.py --payload order-3 --format json --op decode [--seconds 5] [--cprofile]
    py-spy record --native -o profile.svg -- python bench/python/profile_op.py ...

With `--cprofile` it prints the top functions by own time (cProfile adds its
own overhead to every Python call: read shares, not absolute times).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time

from bench_codec import cases
from payloads import PAYLOADS, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payload", default="order-3", choices=PAYLOADS)
    parser.add_argument("--format", default="json", choices=("json", "protobuf"))
    parser.add_argument("--op", default="decode", choices=("decode", "encode", "convert", "record"))
    parser.add_argument("--which", default="lib", choices=("lib", "base", "naive"))
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--cprofile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    (p,) = load([args.payload])
    lib, (_, base), (_, naive) = cases(p)[args.format, args.op]
    fn = {"lib": lib, "base": base, "naive": naive}[args.which]
    fn()
    profiler = cProfile.Profile() if args.cprofile else None
    if profiler:
        profiler.enable()
    calls, deadline = 0, time.perf_counter() + args.seconds
    while time.perf_counter() < deadline:
        for _ in range(100):
            fn()
        calls += 100
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
    print(f"{calls:,} calls in {args.seconds} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
