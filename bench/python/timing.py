"""Interleaved timing: median calls per CPU second, ratios taken round by round.

Every function of a group is first calibrated to a batch of about `seconds`;
then `repeats` rounds time each batch in turn, so a load spike from another
process hits every row of the round alike. A row's rate is the median of its
rounds; its ratio to a baseline is the median of the per-round ratios.
Batches are timed in the process's CPU time, not the wall clock: on a machine
shared with other work the time this process waits for a core is not its cost.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


CLOCK = time.process_time  # CPU seconds of this process, every thread


@dataclass(frozen=True)
class Timing:
    seconds: float = 0.05   # per batch
    repeats: int = 7        # rounds
    calibrate: float = 0.02  # a batch at least this long fixes the batch size

    @classmethod
    def quick(cls) -> Timing:
        return cls(seconds=0.001, repeats=1, calibrate=0.0005)


def _batch(fn: Callable[[], object], timing: Timing) -> int:
    n = 1
    while True:
        start = CLOCK()
        for _ in range(n):
            fn()
        elapsed = CLOCK() - start
        if elapsed >= timing.calibrate:
            return max(1, int(n * timing.seconds / elapsed))
        n *= 2


def measure(fns: Mapping[str, Callable[[], object]], timing: Timing) -> dict[str, list[float]]:
    """Calls per second of each function, one value per round."""
    batches = {name: _batch(fn, timing) for name, fn in fns.items()}
    seen: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(timing.repeats):
        for name, fn in fns.items():
            n = batches[name]
            start = CLOCK()
            for _ in range(n):
                fn()
            seen[name].append(n / (CLOCK() - start))
    return seen


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(rounds: Mapping[str, list[float]], name: str, base: str) -> float:
    """Median over rounds of rate(name) / rate(base)."""
    return statistics.median(a / b for a, b in zip(rounds[name], rounds[base], strict=True))
