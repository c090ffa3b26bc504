"""kill -9 mid-stream and restart: every expected v1 record is there, repeats are byte-identical.

The input is written before the bridge starts, so one bridge processes it in a
fixed order (one partition, timestamps increasing). A clean run writes to other
output topics; the crashed and restarted run must write the same distinct records.
"""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

from examples.local_broker import running_broker
from vibe_contracts.bridge import OUTPUTS
from tests.bridge.broker import (caught_up, copies, create_topics, end_offset, kill_left, last_by_key, produce,
                                 read_all, start_bridge, write_config)
from tests.bridge.expected import expected

COPIES = 150


def _clean_outputs(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    names = "\n".join(f'{role} = "clean.{name}"' for role, name in OUTPUTS.items())
    config.write_text(text + f"\n[topics.output]\n{names}\n", encoding="utf-8")


def test_kill_9_and_restart_loses_nothing_and_repeats_only_identical_records(tmp_path: Path) -> None:
    with running_broker() as bootstrap:
        asyncio.run(create_topics(bootstrap, 1))
        asyncio.run(produce(bootstrap, copies(COPIES)))

        clean_config = write_config(tmp_path, bootstrap, "bridge-clean", state="clean-state")
        _clean_outputs(clean_config)
        config = write_config(tmp_path, bootstrap, "bridge-crash")
        started = [start_bridge(clean_config, tmp_path / "clean.log", until_idle=3),
                   start_bridge(config, tmp_path / "crash.log")]
        try:
            clean, first = started
            deadline = time.monotonic() + 120
            while end_offset(bootstrap, OUTPUTS["ticket"]) < 50:
                assert first.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
            assert end_offset(bootstrap, OUTPUTS["ticket"]) < 9 * COPIES  # the kill came mid-stream

            started.append(second := start_bridge(config, tmp_path / "crash.log"))
            caught_up(bootstrap, "bridge-crash")
            second.terminate()
            assert second.wait(timeout=60) == 0
            assert clean.wait(timeout=300) == 0
        finally:
            kill_left(started)
        crashed = asyncio.run(read_all(bootstrap))
        reference = asyncio.run(read_all(bootstrap, [f"clean.{name}" for name in OUTPUTS.values()]))

    def distinct(messages: list, prefix: str = "") -> set:
        return {(m.topic.removeprefix(prefix), m.key, m.value, m.headers) for m in messages}

    assert distinct(crashed) == distinct(reference, "clean.")
    assert len(crashed) >= len(reference)
    want: dict = {}
    for k in range(COPIES):
        want.update(expected(f"-c{k}"))
    latest = last_by_key(m for m in crashed if m.topic != OUTPUTS["dead_letter"])
    assert latest == want
