"""The one table of `make bench`, the targets met or not, and the files `bench/results.{md,json}`.

`bench/run.py` gathers the JSON of every benchmark script; this module only
formats it and judges the targets (ratios measured in the same run).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any

Rows = list[dict[str, Any]]
TICKET_SERIES = (1, 3, 100, 1000)
FLAT_WITHIN = 1.5
MEMORY_LIMIT_MB = 20.0
BRIDGE_TARGET = 0.5  # records per second through the bridge, as a ratio to a pass-through app (issue: ≥ 0.5×)
KAFKA_TARGET = 0.7
#: (lang, format, op, input) → minimum ratio to the row's baseline
RATIO_TARGETS = {
    ("python", "json", "decode", "bytes"): 0.8,
    ("python", "json", "encode", "bytes"): 0.3,
    ("python", "protobuf", "decode", "bytes"): 0.7,
    ("node", "json", "decode", "string"): 0.7,
    ("node", "json", "decode", "buffer"): 0.7,
    ("node", "protobuf", "decode", "buffer"): 0.6,
}
OPS = {
    "decode": "decode (tolerant)",
    "encode": "validate + encode (strict)",
    "record": "Kafka record decode (headers + value)",
}


def message_name(row: dict[str, Any]) -> str:
    tickets = row.get("tickets")
    if tickets is None:
        return row["message"]
    return f"order ({tickets} ticket{'s' if tickets != 1 else ''})"


def operation(row: dict[str, Any]) -> str:
    if row["op"] == "convert":
        return "JSON → Protobuf" if row["format"] == "json" else "Protobuf → JSON"
    text = OPS[row["op"]]
    if row["lang"] == "node" and row["op"] == "decode" and row["format"] == "json":
        text += " (string)" if row["input"] == "string" else " (Buffer)"
    return text


def row_target(row: dict[str, Any]) -> float | None:
    return RATIO_TARGETS.get((row["lang"], row["format"], row["op"], row["input"]))


def fastest_peer(row: dict[str, Any]) -> dict[str, Any] | None:
    """The peer the library is least ahead of (lowest ratio), or None for a row without peers."""
    return min(row.get("peers") or [], key=lambda p: p["ratio"], default=None)


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return _ratio(value)


def _value(value: float) -> str:
    return _ratio(value) if value > 0 else f"{value:.2f}"


def _ratio(value: float) -> str:
    """Two decimals; two significant digits below 0.1 (a tiny ratio is not 0.00)."""
    return f"{value:.2f}" if value >= 0.1 else f"{value:.2g}"


def flatness(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per series of Order rows: does the cost per ticket stay flat from 1 to 1000 tickets?

    The cost per ticket at N is the marginal one, (t(N) − t(1)) / (N − 1) for
    N = 3, 100, 1000 (t(1) holds the fixed cost of a message, which a plain
    t(N) / N would spread over the tickets), taken round by round (the four
    sizes are timed in the same rounds) and then the median. `growth` is the
    largest rise of it from a smaller size to a larger one (a fall is not a
    cost); flat when growth ≤ 1.5. The same figure for the row's baseline
    shows how much of a rise the runtime itself has (allocation, GC, caches).
    """
    series: dict[tuple[str, str, str, str], dict[int, dict[str, Any]]] = {}
    for r in rows:
        if r["message"] == "order" and r.get("tickets") in TICKET_SERIES:
            series.setdefault((r["lang"], r["format"], r["op"], r["input"]), {})[r["tickets"]] = r
    out = []
    for (lang, fmt, op, inp), by_size in series.items():
        if set(by_size) != set(TICKET_SERIES):
            continue
        marginal = {n: _marginal(by_size, n, "rounds", "rate") for n in TICKET_SERIES[1:]}
        base = {n: _marginal(by_size, n, "base_rounds", "base_rate") for n in TICKET_SERIES[1:]}
        out.append({"lang": lang, "format": fmt, "op": op, "input": inp,
                    "us_per_message": {n: 1e6 / r["rate"] for n, r in by_size.items()},
                    "marginal_us_per_ticket": marginal, "growth": _growth(marginal),
                    "baseline_marginal_us_per_ticket": base, "baseline_growth": _growth(base),
                    "met": _growth(marginal) <= FLAT_WITHIN})
    return out


def _marginal(by_size: dict[int, dict[str, Any]], n: int, rounds: str, rate: str) -> float:
    """Median over rounds of (t(n) − t(1)) / (n − 1) in µs; from the medians when rounds are missing."""
    big, one = by_size[n], by_size[1]
    if rounds in big and rounds in one and len(big[rounds]) == len(one[rounds]):
        return statistics.median((1e6 / a - 1e6 / b) / (n - 1) for a, b in zip(big[rounds], one[rounds]))
    return (1e6 / big[rate] - 1e6 / one[rate]) / (n - 1)


def _growth(costs: dict[int, float]) -> float:
    sizes = sorted(costs)
    rises = [costs[b] / costs[a] if costs[a] > 0 else float("inf") for i, a in enumerate(sizes) for b in sizes[i + 1:]]
    return max(rises)


def targets(codec: Rows, memory: Rows, kafka: Rows, bridge: dict[str, Any] | None = None) -> Rows:
    out = []
    if bridge:
        out.append({"target": f"python bridge ≥ {BRIDGE_TARGET}× a Quix Streams pass-through",
                    "row": f"{bridge['rows'][-1]['orders']:,} legacy orders", "value": bridge["ratio"],
                    "goal": BRIDGE_TARGET, "met": bridge["ratio"] >= BRIDGE_TARGET})
    for r in codec:
        goal = row_target(r)
        if goal is not None:
            out.append({"target": f"{r['lang']} {r['format']} {operation(r)} ≥ {goal}× {r['base']}",
                        "row": f"{message_name(r)}", "value": r["ratio_base"], "goal": goal,
                        "met": r["ratio_base"] >= goal})
    for r in codec:
        peer = fastest_peer(r)
        if peer is not None:
            out.append({"target": f"{r['lang']} {r['format']} {operation(r)}: ahead of the fastest peer",
                        "row": f"{message_name(r)} (fastest: {peer['name']})", "value": peer["ratio"], "goal": 1.0,
                        "met": peer["ratio"] >= 1.0})
    for f in flatness(codec):
        m = f["marginal_us_per_ticket"]
        label = operation({"lang": f["lang"], "format": f["format"], "op": f["op"], "input": f["input"]})
        b = f["baseline_marginal_us_per_ticket"]
        sizes = TICKET_SERIES[1:]
        out.append({"target": f"{f['lang']} {f['format']} {label}: cost per ticket flat 1→1000 "
                              f"(rises ≤ {FLAT_WITHIN}×)",
                    "row": "µs/ticket at 3, 100, 1000: " + ", ".join(f"{m[n]:.3g}" for n in sizes)
                    + f" (baseline {', '.join(f'{b[n]:.3g}' for n in sizes)}; rises {f['baseline_growth']:.2f}×)",
                    "value": f["growth"], "goal": FLAT_WITHIN, "met": f["met"]})
    for s in memory:
        out.append({"target": f"{s['lang']} {s['format']}: {s['count']:,} record decodes grow RSS "
                              f"< {MEMORY_LIMIT_MB:g} MB",
                    "row": f"{s['rss_before'] / 1e6:.1f} → {s['rss_after'] / 1e6:.1f} MB",
                    "value": s["growth_mb"], "goal": MEMORY_LIMIT_MB, "met": s["growth_mb"] < MEMORY_LIMIT_MB})
    for k in kafka:
        out.append({"target": f"{k['lang']} {k['client']} {k['format']}: envelope ≥ {KAFKA_TARGET}× raw end to end",
                    "row": f"{k['records']:,} records, median of {k.get('repeats', 1)} rounds",
                    "value": k["ratio"], "goal": KAFKA_TARGET,
                    "met": k["ratio"] >= KAFKA_TARGET})
    return out


def main_table(codec: Rows, kafka: Rows) -> list[str]:
    lines = [
        "| lang | message | format | operation | bytes | msg/s | MB/s | × baseline | × naive | × fastest peer "
        "| target |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in codec:
        goal = row_target(r)
        target = "" if goal is None else f"≥ {goal}: {verdict(r['ratio_base'] >= goal)}"
        peer = fastest_peer(r)
        versus = "—" if peer is None else f"{_ratio(peer['ratio'])} ({peer['name']})"
        lines.append(f"| {r['lang']} | {message_name(r)} | {r['format']} | {operation(r)} | {r['size']:,} | "
                     f"{r['rate']:,.0f} | {_num(r['mbps'])} | {_ratio(r['ratio_base'])} | {_num(r['ratio_naive'])} | "
                     f"{versus} | {target} |")
    for k in kafka:
        e = k["envelope"]
        lines.append(f"| {k['lang']} | order (3 tickets) | {k['format']} | Kafka end to end, {k['client']} "
                     f"(produce + consume) | {k['size']:,} | {e['rate']:,.0f} | {_num(e['rate'] * k['size'] / 1e6)} | "
                     f"{_ratio(k['ratio'])} | — | — | ≥ {KAFKA_TARGET}: {verdict(k['ratio'] >= KAFKA_TARGET)} |")
    return lines


def summary_table(codec: Rows, kafka: Rows, payload: str = "order-3") -> list[str]:
    """One message (the 3-ticket Order), both languages side by side."""
    langs = ("python", "node")

    def label(r: dict[str, Any]) -> str:  # Node's string input shares the line of Python's bytes
        return operation(r).removesuffix(" (string)")

    by = {(r["lang"], r["format"], label(r)): r for r in codec if r["payload"] == payload}
    ops: list[tuple[str, str]] = []
    for r in sorted(codec, key=lambda r: r["lang"] != "node"):  # Node's rows are a superset
        key = (r["format"], label(r))
        if r["payload"] == payload and key not in ops:
            ops.append(key)
    lines = ["| format | operation | Python msg/s | × baseline | × naive | Node msg/s | × baseline | × naive |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for fmt, op in ops:
        cells = []
        for lang in langs:
            r = by.get((lang, fmt, op))
            cells += ([f"{r['rate']:,.0f}", _ratio(r["ratio_base"]), _num(r["ratio_naive"])] if r else ["—"] * 3)
        lines.append(f"| {fmt} | {op} | {' | '.join(cells)} |")
    for fmt in ("json", "protobuf"):
        cells = []
        for lang in langs:
            k = next((k for k in kafka if k["lang"] == lang and k["format"] == fmt), None)
            cells += ([f"{k['envelope']['rate']:,.0f}", _ratio(k["ratio"]), "—"] if k else ["—"] * 3)
        lines.append(f"| {fmt} | Kafka end to end (records/s; × raw bytes) | {' | '.join(cells)} |")
    return lines


def peer_table(codec: Rows, payload: str = "order-3") -> list[str]:
    """The library next to each peer on one message: msg/s, and the library's ratio to the peer (> 1: ahead)."""
    lines = ["| lang | format | operation | library msg/s | peer | peer msg/s | × peer |", "|---|---|---|---:|---|---:|---:|"]
    for r in codec:
        if r["payload"] == payload:
            lines += [f"| {r['lang']} | {r['format']} | {operation(r)} | {r['rate']:,.0f} | {p['name']} | "
                      f"{p['rate']:,.0f} | {_ratio(p['ratio'])} |" for p in r.get("peers") or []]
    return lines


def peer_legend(codec: Rows) -> list[str]:
    seen: dict[tuple[str, str], str] = {}
    for r in codec:
        for p in r.get("peers") or []:
            seen.setdefault((r["lang"], p["name"]), p["skips"])
    lines = ["| lang | peer | what it does not check |", "|---|---|---|"]
    return lines + [f"| {lang} | {name} | {skips} |" for (lang, name), skips in seen.items()]


def glance(found: Rows) -> list[str]:
    """Each target once: how many rows meet it, and the range of values."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for t in found:
        groups.setdefault(t["target"], []).append(t)
    lines = ["| target | rows met | worst | best |", "|---|---:|---:|---:|"]
    for name, ts in groups.items():
        values = [t["value"] for t in ts]
        lower_is_better = "RSS" in name or "flat" in name
        worst, best = (max(values), min(values)) if lower_is_better else (min(values), max(values))
        met = sum(t["met"] for t in ts)
        lines.append(f"| {name} | {met}/{len(ts)}{'' if met == len(ts) else ' **not met**'} | "
                     f"{_value(worst)} | {_value(best)} |")
    return lines


def legend(codec: Rows) -> list[str]:
    seen: dict[tuple[str, str, str], tuple[str, str]] = {}
    for r in codec:
        seen.setdefault((r["lang"], r["format"], operation(r)), (r["base"], r["naive"]))
    lines = ["| lang | format | operation | baseline (× baseline) | naive alternative (× naive) |",
             "|---|---|---|---|---|"]
    lines += [f"| {lang} | {fmt} | {op} | `{b}` | `{n}` |" for (lang, fmt, op), (b, n) in seen.items()]
    lines.append("| python, node | json, protobuf | Kafka end to end | the same records (key, value, headers) "
                 "encoded beforehand, same client and settings | — |")
    return lines


def target_table(found: Iterable[dict[str, Any]]) -> list[str]:
    lines = ["| target | row | value | met |", "|---|---|---:|---|"]
    lines += [f"| {t['target']} | {t['row']} | {_value(t['value'])} | {verdict(t['met'])} |" for t in found]
    return lines


def memory_table(memory: Rows) -> list[str]:
    lines = ["| lang | format | record decodes | seconds | RSS before (MB) | RSS after (MB) | growth (MB) |",
             "|---|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {s['lang']} | {s['format']} | {s['count']:,} | {s['seconds']:.1f} | {s['rss_before'] / 1e6:.1f} | "
              f"{s['rss_after'] / 1e6:.1f} | {s['growth_mb']:+.2f} |" for s in memory]
    return lines


def bridge_table(bridge: dict[str, Any]) -> list[str]:
    lines = ["| app | legacy orders | records in | seconds | records/s | ratio | RSS half way / end / peak (MB) "
             "| state (MB) |", "|---|---:|---:|---:|---:|---:|---|---:|"]
    base = bridge["rows"][0]["records_per_second"] or 1
    for r in bridge["rows"]:
        state = "—" if r["state_mb"] is None else f"{r['state_mb']:.1f}"
        lines.append(f"| {r['app']} | {r['orders']:,} | {r['records']:,} | {r['seconds']:.2f} | "
                     f"{r['records_per_second'] or 0:,.0f} | {_ratio((r['records_per_second'] or 0) / base)} | "
                     f"{r['rss_half_mb']:.0f} / {r['rss_end_mb']:.0f} / {r['peak_rss_mb']:.0f} | {state} |")
    return lines


def kafka_table(kafka: Rows) -> list[str]:
    lines = ["| lang | client | format | records × rounds | raw s (produce + consume) | "
             "envelope s (produce + consume) | ratio | produce ratio | consume ratio |",
             "|---|---|---|---:|---|---|---:|---:|---:|"]
    for k in kafka:
        raw, env = k["raw"], k["envelope"]
        lines.append(
            f"| {k['lang']} | {k['client']} | {k['format']} | {k['records']:,} × {k.get('repeats', 1)} | "
            f"{raw['total_s']:.2f} ({raw['produce_s']:.2f} + {raw['consume_s']:.2f}) | "
            f"{env['total_s']:.2f} ({env['produce_s']:.2f} + {env['consume_s']:.2f}) | "
            f"{_ratio(k['ratio'])} | {_ratio(k['ratio_produce'])} | {_ratio(k['ratio_consume'])} |")
    return lines


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    head = [
        "# Benchmark results",
        "",
        f"`{result['command']}` — {m['date']}; {m['nproc']} CPUs ({m['cpu']}), {m['python']}, {m['node']}; "
        f"load average {m['load_before']} before, {m['load_after']} after; commit {m['commit']}.",
        "Medians of repeated interleaved runs; every ratio is against a baseline measured in the same run.",
        "",
    ]
    body = ["## At a glance: an Order with 3 tickets", "", *summary_table(result["codec"], result["kafka"]), "",
            "## Peers: an Order with 3 tickets", "", *peer_table(result["codec"]), "",
            "## Targets at a glance", "", *glance(result["targets"]), "",
            "## Every message, format and operation", "", *main_table(result["codec"], result["kafka"])]
    tail = ["", "## Targets, row by row", "", *target_table(result["targets"]), "",
            "## Baselines", "", *legend(result["codec"]), "",
            "## Peers, and what they do not check", "", *peer_legend(result["codec"])]
    if result["memory"]:
        tail += ["", "## Resident memory", "", *memory_table(result["memory"])]
    if result["kafka"]:
        tail += ["", "## End to end through the local broker", "", *kafka_table(result["kafka"])]
    if result.get("bridge"):
        tail += ["", "## The legacy bridge (Quix Streams, local broker)", "", *bridge_table(result["bridge"])]
    for note in result.get("notes", []):
        tail += ["", f"Note: {note}"]
    return "\n".join(head + body + tail) + "\n"
