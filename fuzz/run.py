"""Run each atheris target for a bounded time, seeded from the shared vectors; print the figures.

    .venv/bin/python fuzz/run.py                 # 180 s in all, split over the three targets
    .venv/bin/python fuzz/run.py --seconds 600 --targets json protobuf

Seeds: every valid document of examples/vectors in JSON (as written and canonical)
and Protobuf, and every hostile case of examples/vectors/hostile up to 16 KiB,
each behind the selector byte of `common.py`. libFuzzer keeps what it finds in
a work folder (a temporary one unless `--work`); a crash or a timeout (an input
taking more than `--timeout` seconds) is written to fuzz/crashes/ and the run
fails: each one then becomes a case of the hostile corpus. Needs `atheris`
(pinned in constraints.txt as the project pins its tools).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "fuzz"
sys.path[:0] = [str(ROOT), str(FUZZ)]

from common import selector  # noqa: E402

TARGETS = ("json", "protobuf", "record")
SEED_LIMIT = 16 * 1024


def seeds(target: str) -> list[bytes]:
    from tests.vectors.test_hostile import hostile_input
    from vibe_contracts import decode, encode

    out: list[bytes] = []
    for path in sorted((ROOT / "examples" / "vectors").glob("*.json")):
        vector = json.loads(path.read_text())
        m = vector["message"]
        for case in vector["valid"]:
            if "json" not in case:
                continue
            text = json.dumps(case["json"], ensure_ascii=False).encode()
            model = decode(m, text)
            for strict in (False, True):
                if target == "json":
                    out += [selector(m, strict) + text, selector(m, strict) + encode(model)]
                elif target == "protobuf":
                    out.append(selector(m, strict) + encode(model, format="protobuf"))
                else:
                    out += [selector(m, strict, 0) + encode(model),
                            selector(m, strict, 1) + encode(model, format="protobuf")]
    for path in sorted((ROOT / "examples" / "vectors" / "hostile").glob("*.json")):
        for case in json.loads(path.read_text())["cases"]:
            fmt = case["format"]
            if (target == "record") != (fmt == "record") or (target != "record" and fmt != target):
                continue
            data = hostile_input(case)
            data = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
            if len(data) > SEED_LIMIT:
                continue
            spare = 1 if fmt == "record" and "x-protobuf" in json.dumps(case["record"]) else 0
            out += [selector(case["message"], strict, spare) + data for strict in (False, True)]
    return out


def run(target: str, seconds: int, work: Path, timeout: int, seed: int) -> dict[str, object]:
    corpus = work / target
    corpus.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(seeds(target)):
        (corpus / f"seed-{i:04d}").write_bytes(data)
    crashes = FUZZ / "crashes"
    crashes.mkdir(exist_ok=True)
    before = set(crashes.iterdir())
    cmd = [sys.executable, str(FUZZ / f"fuzz_{target}.py"), str(corpus), f"-max_total_time={seconds}",
           f"-timeout={timeout}", "-max_len=16384", "-rss_limit_mb=4096", f"-seed={seed}",
           f"-artifact_prefix={crashes}/{target}-", "-print_final_stats=1"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    log = done.stderr
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log) or re.findall(r"Done (\d+) runs", log)
    found = sorted(set(crashes.iterdir()) - before)
    return {
        "target": target, "seconds": seconds, "seeds": len(list(corpus.glob("seed-*"))),
        "executions": int(runs[-1]) if runs else 0, "corpus": len(list(corpus.iterdir())),
        "crashes": [str(p.relative_to(ROOT)) for p in found], "exit": done.returncode,
        "tail": "\n".join(log.strip().splitlines()[-15:]) if (found or done.returncode) else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=180, help="total time, split over the targets (default 180)")
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=list(TARGETS))
    parser.add_argument("--work", type=Path, help="keep libFuzzer's corpus here (default: a temporary folder)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take (default 10)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    each = max(1, args.seconds // len(args.targets))
    with tempfile.TemporaryDirectory(prefix="vibe-fuzz-") as tmp:
        work = args.work or Path(tmp)
        results = [run(t, each, work, args.timeout, args.seed) for t in args.targets]
    print(f"{'target':10} {'seconds':>8} {'seeds':>6} {'executions':>11} {'corpus':>7} {'crashes':>8}")
    for r in results:
        print(f"{r['target']:10} {r['seconds']:>8} {r['seeds']:>6} {r['executions']:>11,} {r['corpus']:>7} "
              f"{len(r['crashes']):>8}")  # type: ignore[arg-type]
    failed = [r for r in results if r["crashes"] or r["exit"] not in (0,)]
    for r in failed:
        print(f"\n{r['target']}: exit {r['exit']}, {r['crashes']}\n{r['tail']}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
