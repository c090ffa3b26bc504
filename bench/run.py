"""`make bench`: every benchmark, Python and TypeScript, in one table; also bench/results.{md,json}.

    python bench/run.py [--quick] [--records N] [--kafka-repeats N] [--memory-count N] [--memory-proto-count N]
                        [--only python|node] [--skip-kafka] [--skip-memory] [--skip-bridge] [--bridge-orders N]
                        [--out-dir DIR]

Runs, one after another (never two at once: they would share the CPUs):
  bench/python/bench_codec.py   bench/ts/codec.mjs    codec throughput, every message × format × operation
  bench/python/bench_memory.py  bench/ts/memory.mjs   RSS over a long stream of record decodes (a fresh process)
  bench/python/bench_kafka.py   bench/ts/kafka.mjs    end to end through tansu, envelope vs raw bytes
  bench/python/bench_bridge.py                        the legacy bridge vs a pass-through app (Quix Streams)
The TypeScript side needs `cd typescript && npm run build` and `cd bench/ts && npm ci`.
`--quick` uses tiny counts: a smoke test of the scripts, not a measurement.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import report

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable


def node_ready() -> str | None:
    """Why the TypeScript benchmarks cannot run, or None."""
    package = Path(os.environ.get("VIBE_BENCH_PACKAGE") or ROOT / "typescript")
    if not (package / "dist" / "index.js").exists():
        return f"{package / 'dist'} is missing: run `cd typescript && npm run build`"
    if not (BENCH / "ts" / "node_modules" / "ajv").exists():
        return "bench/ts/node_modules is missing: run `cd bench/ts && npm ci`"
    return None


def step(argv: list[str], out: Path) -> dict[str, Any]:
    """Run one benchmark script; its progress goes to stderr, its result comes back as JSON."""
    print(f"$ {shlex.join(argv)}", file=sys.stderr, flush=True)
    done = subprocess.run([*argv, "--json-out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    sys.stderr.write(done.stdout)
    if done.returncode != 0:
        raise SystemExit(f"bench: {argv[1]} failed with status {done.returncode}")
    return json.loads(out.read_text())


def shell(*argv: str) -> str:
    try:
        return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def cpu_model() -> str:
    for line in shell("lscpu").splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test, not a measurement")
    parser.add_argument("--records", type=int, default=100_000, help="Kafka records per variant and format")
    parser.add_argument("--kafka-repeats", type=int, default=3, help="Kafka rounds of raw then envelope (medians)")
    parser.add_argument("--memory-count", type=int, default=1_000_000, help="JSON record decodes in the RSS stream")
    parser.add_argument("--memory-proto-count", type=int, default=200_000,
                        help="Protobuf record decodes in the RSS stream")
    parser.add_argument("--payloads", help="comma-separated payload ids (default: all)")
    parser.add_argument("--seconds", type=float, help="seconds per timed batch")
    parser.add_argument("--repeats", type=int, help="timed rounds per row")
    parser.add_argument("--only", choices=("python", "node"), action="append", help="one language (repeatable)")
    parser.add_argument("--skip-kafka", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-bridge", action="store_true")
    parser.add_argument("--bridge-orders", type=int, default=100_000, help="legacy orders through the bridge")
    parser.add_argument("--out-dir", type=Path, default=BENCH, help="where results.md and results.json go")
    args = parser.parse_args(argv)
    langs = args.only or ["python", "node"]
    notes = []
    if os.environ.get("PYTHONPATH"):
        notes.append(f"Python package imported with PYTHONPATH={os.environ['PYTHONPATH']}")
    if os.environ.get("VIBE_BENCH_PACKAGE"):
        notes.append(f"TypeScript package measured from VIBE_BENCH_PACKAGE={os.environ['VIBE_BENCH_PACKAGE']}")
    if "node" in langs and (why := node_ready()):
        raise SystemExit(f"bench: {why} (or pass --only python)")

    timing = ["--quick"] if args.quick else []
    if args.payloads:
        timing += ["--payloads", args.payloads]
    if args.seconds:
        timing += ["--seconds", str(args.seconds)]
    if args.repeats:
        timing += ["--repeats", str(args.repeats)]
    memory = (["--count", "2000", "--proto-count", "500"] if args.quick
              else ["--count", str(args.memory_count), "--proto-count", str(args.memory_proto_count)])
    records = ["--quick"] if args.quick else ["--records", str(args.records), "--repeats", str(args.kafka_repeats)]
    scripts = {
        "python": {"codec": [PY, "bench/python/bench_codec.py", *timing],
                   "memory": [PY, "bench/python/bench_memory.py", *memory],
                   "kafka": [PY, "bench/python/bench_kafka.py", *records],
                   "bridge": [PY, "bench/python/bench_bridge.py",
                              *(["--quick"] if args.quick else ["--orders", str(args.bridge_orders)])]},
        "node": {"codec": ["node", "bench/ts/codec.mjs", *timing],
                 "memory": ["node", "--expose-gc", "bench/ts/memory.mjs", *memory],
                 "kafka": ["node", "bench/ts/kafka.mjs", *records]},
    }
    kinds = ["codec"] + ([] if args.skip_memory else ["memory"]) + ([] if args.skip_kafka else ["kafka"])
    kinds += [] if args.skip_bridge else ["bridge"]

    load_before = load_average()
    result: dict[str, Any] = {"codec": [], "memory": [], "kafka": [], "bridge": None, "runtimes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            for lang in langs:
                if kind not in scripts[lang]:
                    continue  # the bridge is Python only
                got = step(scripts[lang][kind], Path(tmp) / f"{lang}-{kind}.json")
                result["runtimes"][lang] = got["runtime"]
                if kind == "codec":
                    result["codec"] += got["rows"]
                    if got.get("record_api", "index.js") != "index.js":
                        notes.append(f"TypeScript `decodeRecord` came from dist/{got['record_api']}"
                                     if got["record_api"] != "missing" else "TypeScript has no `decodeRecord`")
                elif kind == "bridge":
                    result["bridge"] = {"rows": got["bridge"], "ratio": got["ratio"]}
                elif kind == "memory":
                    result["memory"] += [dict(s, lang=lang) for s in got["memory"]]
                else:
                    result["kafka"] += [dict(k, lang=lang, client=got["client"]) for k in got["kafka"]]
                    if got.get("skipped"):
                        notes.append(f"{lang} Kafka end to end skipped: {got['skipped']}")
    command = shlex.join(["bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    result.update(
        command=command,
        machine={
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "nproc": os.cpu_count(), "cpu": cpu_model(),
            "python": result["runtimes"].get("python", f"Python {sys.version.split()[0]}"),
            "node": result["runtimes"].get("node", "Node " + shell("node", "--version").lstrip("v")),
            "load_before": load_before, "load_after": load_average(),
            "commit": shell("git", "rev-parse", "--short", "HEAD"),
        },
        quick=args.quick, notes=notes,
    )
    result["targets"] = report.targets(result["codec"], result["memory"], result["kafka"], result["bridge"])
    text = report.markdown(result)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "results.md").write_text(text, encoding="utf-8")
    (args.out_dir / "results.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
