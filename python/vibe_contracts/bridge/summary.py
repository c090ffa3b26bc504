"""The bridge's figures: read, produced, skipped, dead-lettered, waiting; printed as text and one JSON line."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Counters"]


@dataclass
class Counters:
    """What one bridge process did since it started (waiting: joins open now, in its partitions)."""

    read: Counter[str] = field(default_factory=Counter)          # by input topic
    produced: Counter[str] = field(default_factory=Counter)      # by output topic
    skipped: Counter[str] = field(default_factory=Counter)       # by reason (legacy.Skipped)
    dead_lettered: Counter[str] = field(default_factory=Counter)  # by rule
    waiting: dict[int, int] = field(default_factory=dict)        # partition → records waiting for a join

    def to_dict(self) -> dict[str, Any]:
        return {"read": dict(sorted(self.read.items())), "produced": dict(sorted(self.produced.items())),
                "skipped": dict(sorted(self.skipped.items())),
                "dead_lettered": dict(sorted(self.dead_lettered.items())),
                "waiting": sum(self.waiting.values())}

    def text(self, title: str) -> str:
        """Readable lines, then the same figures as one JSON line (for scripts)."""
        data = self.to_dict()
        lines = [title]
        for name in ("read", "produced", "skipped", "dead_lettered"):
            items = data[name]
            shown = ", ".join(f"{k} {v}" for k, v in items.items()) or "none"
            lines.append(f"  {name.replace('_', '-'):14} {sum(items.values()):>8}  ({shown})")
        lines.append(f"  {'waiting':14} {data['waiting']:>8}  (records whose join is not complete)")
        lines.append("summary " + json.dumps(data, sort_keys=True))
        return "\n".join(lines)
