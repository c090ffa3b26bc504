"""Scale-out: two bridges in one consumer group, on topics with 4 partitions, give what one bridge gives."""

from __future__ import annotations

import asyncio
from pathlib import Path

from examples.local_broker import running_broker
from vibe_contracts.bridge import INPUTS, OUTPUTS
from tests.bridge.broker import (caught_up, copies, create_topics, kill_left, last_by_key, produce, read_all,
                                 start_bridge, summary_lines, write_config)
from tests.bridge.expected import expected

COPIES = 40
GROUP = "bridge-scale"


def test_two_instances_share_the_partitions_and_produce_the_expected_records(tmp_path: Path) -> None:
    with running_broker() as bootstrap:
        asyncio.run(create_topics(bootstrap, 4))
        # each instance has its own state directory, as on two machines
        configs = [write_config(tmp_path, bootstrap, GROUP, partitions=4, state=f"state-{i}", name=f"bridge-{i}")
                   for i in (1, 2)]
        logs = [tmp_path / "one.log", tmp_path / "two.log"]
        started = [start_bridge(configs[0], logs[0])]
        try:
            records = copies(COPIES)
            half = len(records) // 2
            asyncio.run(produce(bootstrap, records[:half]))
            started.append(start_bridge(configs[1], logs[1]))
            caught_up(bootstrap, GROUP)
            asyncio.run(produce(bootstrap, records[half:]))
            caught_up(bootstrap, GROUP)
            for process in started:
                process.terminate()
            assert [process.wait(timeout=60) for process in started] == [0, 0]
        finally:
            kill_left(started)
        messages = asyncio.run(read_all(bootstrap))

    want: dict = {}
    for k in range(COPIES):
        want.update(expected(f"-c{k}"))
    assert last_by_key(m for m in messages if m.topic != OUTPUTS["dead_letter"]) == want
    assert {m.partition for m in messages if m.topic == OUTPUTS["ticket"]} == {0, 1, 2, 3}
    reads = [sum(summary_lines(log)[-1]["read"].values()) for log in logs]
    assert all(r > 0 for r in reads), reads  # both instances did part of the work
    assert sum(reads) >= len(records)
    assert set(INPUTS.values()) <= {t for log in logs for t in summary_lines(log)[-1]["read"]}
