"""The demo's bridge step: a legacy producer, the bridge, and the TypeScript consumer of the v1 topics.

On a broker of its own (the v1 topics start empty):

1. the legacy producer (`examples/bridge/produce.py`) writes the legacy data set;
2. `vibe-contracts bridge --config … --until-idle 3` maps it, with the documented
   `examples/bridge/bridge.toml` (only the broker address and state directory changed);
3. the TypeScript example consumer reads the five v1 topics and reduces ticket statuses.

`run_step` returns what each did; `problems` lists what went other than planned.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examples.bridge.dataset import DEAD, SKIPPED
from examples.bridge.produce import legacy_records, produce
from examples.local_broker import running_broker

__all__ = ["EXPECTED_STATUSES", "BridgeStep", "problems", "render", "run_step"]

HERE = Path(__file__).resolve().parent
CLI = str(Path(sys.executable).parent / "vibe-contracts")
#: What the TypeScript consumer's reducer ends in for the data set's v1 records (docs/legacy.md, by hand):
#: orders-based from the Orders and Refunds (o-2's Order was DONE; t-1 and t-9 refunded),
#: tickets-based from the ticket statuses (o-2's two tickets cancelled).
EXPECTED_STATUSES = {"orders-based": {"active": 7, "refunded": 2},
                     "tickets-based": {"active": 5, "cancelled": 2, "refunded": 2}}
# Short group timeouts and one record per batch: what the local broker needs (see tests/bridge/broker.py).
_LOCAL = {"[kafka.consumer]": '"session.timeout.ms" = 6000\n"heartbeat.interval.ms" = 500\n'
                              '"max.poll.interval.ms" = 10000\n',
          "[kafka.producer]": '"batch.num.messages" = 1\n'}


@dataclass
class BridgeStep:
    legacy_sent: dict[str, int] = field(default_factory=dict)
    bridge: dict[str, Any] = field(default_factory=dict)  # the bridge's exit summary
    bridge_status: int | None = None
    bridge_seconds: float = 0.0
    consumer: dict[str, Any] = field(default_factory=dict)  # the TypeScript consumer's summary

    def to_json(self) -> dict[str, Any]:
        return {"legacy_sent": self.legacy_sent, "bridge": self.bridge, "bridge_status": self.bridge_status,
                "bridge_seconds": round(self.bridge_seconds, 2), "consumer": self.consumer}


def config_text(bootstrap: str, state_dir: Path) -> str:
    """The documented example config, pointed at this broker and state directory."""
    text = (HERE / "bridge.toml").read_text(encoding="utf-8")
    text = text.replace('brokers = "127.0.0.1:9092"', f'brokers = "{bootstrap}"')
    text = text.replace('dir = "state"', f'dir = "{state_dir}"')
    text = text.replace('consumer_group = "vibe-contracts-bridge"', 'consumer_group = "vibe-demo-bridge"')
    for table, settings in _LOCAL.items():
        head, _, rest = text.partition(table)
        text = head + table + rest.replace("\n", "\n" + settings, 1)
    return text


def run_step(run_node: Callable[..., tuple[dict[str, Any], list[str]]], node: str,
             env: Callable[[str], Mapping[str, str]], timeout: float) -> BridgeStep:
    step = BridgeStep()
    with running_broker() as bootstrap, tempfile.TemporaryDirectory() as folder:
        step.legacy_sent = dict(sorted(asyncio.run(produce(bootstrap, legacy_records())).items()))
        config = Path(folder) / "bridge.toml"
        config.write_text(config_text(bootstrap, Path(folder) / "state"), encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run([CLI, "bridge", "--config", str(config), "--until-idle", "3"], capture_output=True,
                              text=True, timeout=timeout + 120, check=False)
        step.bridge_seconds = time.perf_counter() - started
        step.bridge_status = done.returncode
        summaries = [line for line in done.stdout.splitlines() if line.startswith("summary ")]
        if done.returncode != 0 or not summaries:
            raise RuntimeError(f"the bridge exited with status {done.returncode}:\n{done.stderr[-2000:]}")
        step.bridge = json.loads(summaries[-1][len("summary "):])
        v1 = sum(n for topic, n in step.bridge["produced"].items() if topic != "ticketscloud.dead-letters")
        step.consumer, _ = run_node(node, "consumer.mjs", ["--group", "vibe-demo-bridge-ts", "--max-messages", str(v1),
                                                           "--timeout", str(timeout)], env(bootstrap), timeout + 15)
    return step


def problems(step: BridgeStep) -> list[str]:
    found = []
    read = sum(step.bridge.get("read", {}).values())
    if read != sum(step.legacy_sent.values()):
        found.append(f"the bridge read {read} of {sum(step.legacy_sent.values())} legacy records")
    if step.bridge.get("skipped") != SKIPPED:
        found.append(f"skipped {step.bridge.get('skipped')}, expected {SKIPPED}")
    if step.bridge.get("dead_lettered") != DEAD:
        found.append(f"dead-lettered {step.bridge.get('dead_lettered')}, expected {DEAD}")
    if step.bridge.get("waiting") != 0:
        found.append(f"{step.bridge.get('waiting')} records still wait for a join")
    if step.consumer.get("rejected"):
        found.append(f"the TypeScript consumer rejected {step.consumer['rejected']}")
    if step.consumer.get("statuses") != EXPECTED_STATUSES:
        found.append(f"final statuses {step.consumer.get('statuses')}, expected {EXPECTED_STATUSES}")
    return found


def render(step: BridgeStep, verdict: list[str]) -> str:
    def counts(items: Mapping[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in items.items()) or "none"

    received = sum(step.consumer.get("received", {}).values())
    statuses = "; ".join(f"{variant}: " + " ".join(f"{s}={n}" for s, n in c.items())
                         for variant, c in step.consumer.get("statuses", {}).items())
    return "\n".join([
        "Legacy → bridge → TypeScript",
        f"  legacy records written  {counts(step.legacy_sent)}",
        f"  bridge read             {counts(step.bridge.get('read', {}))}",
        f"  bridge produced         {counts(step.bridge.get('produced', {}))} in {step.bridge_seconds:.1f} s "
        "(with the group join and --until-idle 3)",
        f"  bridge skipped          {counts(step.bridge.get('skipped', {}))}",
        f"  bridge dead-lettered    {counts(step.bridge.get('dead_lettered', {}))}; "
        f"waiting {step.bridge.get('waiting')}",
        f"  TypeScript consumer     {received} v1 records; final ticket statuses {statuses}",
        "  verdict                 " + ("as expected" if not verdict else "; ".join(verdict)),
    ])
