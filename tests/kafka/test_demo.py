"""`examples/demo.py` (make demo): run once as a user would, and its verdict on made-up outcomes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from examples.demo import BAD_EMAIL, Direction, Refusal, expected_statuses, personal_data, problems, refusal_of

ROOT = Path(__file__).resolve().parents[2]
DIRECTIONS = ("Python → TypeScript", "TypeScript → Python")
STATUSES = {"orders-based": {"active": 1, "refunded": 2}, "tickets-based": {"refunded": 1, "used": 1}}


@pytest.fixture(scope="module")
def demo() -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "demo.py")], capture_output=True, text=True,
                          timeout=300, check=False, cwd=ROOT)
    return done, json.loads(done.stdout.strip().splitlines()[-1])


def test_the_demo_runs_the_bridge_from_legacy_records_to_the_typescript_consumer(
    demo: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    done, summary = demo
    bridge = summary["bridge"]
    assert bridge["problems"] == [] and bridge["bridge_status"] == 0
    assert sum(bridge["bridge"]["read"].values()) == sum(bridge["legacy_sent"].values()) == 21
    assert bridge["bridge"]["dead_lettered"] == {"min_items": 1}
    assert bridge["consumer"]["rejected"] == {}
    assert bridge["consumer"]["statuses"] == {"orders-based": {"active": 7, "refunded": 2},
                                              "tickets-based": {"active": 5, "cancelled": 2, "refunded": 2}}
    assert "Legacy → bridge → TypeScript" in done.stdout


def test_the_demo_runs_both_directions_with_only_the_planned_refusal(
    demo: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    done, summary = demo
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert summary["ok"] is True
    assert summary["unexpected_refusals"] == 0
    assert summary["expected_statuses"] == STATUSES
    assert set(summary["directions"]) == set(DIRECTIONS)
    for name, direction in summary["directions"].items():
        assert direction["problems"] == [], name
        assert direction["refusals"] == [direction["expected_refusal"]], name  # exactly the one bad record
        assert direction["rejected"] == 1
        assert direction["sent"] == direction["received"] == 8 * 20 * 2 + 1
        assert all(row["sent"] == row["received"] for row in direction["rows"])
        assert {(row["topic"], row["format"]) for row in direction["rows"]} == {
            (t, f) for t in ("organizers", "events", "orders", "refunds", "tickets") for f in ("json", "protobuf")}
        assert direction["statuses"] == STATUSES
        assert direction["messages_per_second"]["consume"] > 0
    there, back = (summary["directions"][name]["expected_refusal"] for name in DIRECTIONS)
    assert there == {"topic": "tickets", "key": "T-9", "errors": [['headers["schema-version"]', "schema_version"]]}
    assert back == {"topic": "orders", "key": "ORD-BAD", "errors": [["customer.email", "pattern"]]}


def test_the_demo_shows_the_refusals_redacted(demo: tuple[subprocess.CompletedProcess[str], dict[str, Any]]) -> None:
    done, _ = demo
    refused = [line for line in done.stdout.splitlines() if "refused, as logged" in line]
    assert len(refused) == 2
    assert refused[0].endswith('rejected=ContractError: headers["schema-version"] schema_version')
    assert refused[1].endswith("rejected=ContractError: customer.email pattern")
    assert "**Hidden**" in done.stdout
    output = done.stdout + done.stderr
    assert [s for s in personal_data() if s in output] == []
    assert BAD_EMAIL not in output
    assert "all as expected" in done.stdout


# --------------------------------------------------------------------------- the verdict itself


def finished(**changes: Any) -> Direction:
    """A direction that went as planned, with `changes`."""
    direction = Direction("test", expected=Refusal("tickets", "T-9", (('headers["schema-version"]', "schema_version"),)))
    direction.sent.update({("tickets", "json"): 3, ("orders", "protobuf"): 1})
    direction.received.update(direction.sent)
    direction.rejected["tickets", "json"] = 1
    direction.refusals = [direction.expected]  # type: ignore[list-item]
    direction.statuses = {k: dict(v) for k, v in STATUSES.items()}
    direction.consumer_lines = ['topic=orders key="ORD-1" headers={} Order={"customer": {"email": "**Hidden**"}}']
    for name, value in changes.items():
        setattr(direction, name, value)
    return direction


def test_the_verdict_passes_a_planned_run_and_names_each_problem() -> None:
    secrets = {"anna@example.ru"}
    assert expected_statuses() == STATUSES
    assert problems(finished(), STATUSES, secrets) == []
    stray = Refusal("orders", "ORD-1", (("customer.email", "pattern"),))
    base = finished()
    assert problems(finished(refusals=[base.expected, stray]), STATUSES, secrets)[0].startswith("unexpected refusal")
    assert "refused 0 times" in problems(finished(refusals=[]), STATUSES, secrets)[0]
    lost = finished()
    lost.received["tickets", "json"] -= 1
    assert problems(lost, STATUSES, secrets)[0] == "tickets/json: sent 3, received 2"
    wrong = finished(statuses={"orders-based": {"active": 3}, "tickets-based": {}})
    assert problems(wrong, STATUSES, secrets)[0].startswith("final statuses")
    leaky = finished(producer_lines=["sent anna@example.ru"])
    assert problems(leaky, STATUSES, secrets) == ["1 personal data values in the log lines"]


def test_refusals_are_read_back_from_log_lines() -> None:
    line = ('topic=orders key="ORD-\\"1" headers={"content-type": "text/plain"} '
            'rejected=ContractError: <root> syntax; tickets[0].id required')
    assert refusal_of(line) == Refusal("orders", 'ORD-"1', (("", "syntax"), ("tickets[0].id", "required")))
    assert refusal_of('topic=orders key=null headers={} rejected=ValueError: ValueError') == Refusal(
        "orders", None, (("", "ValueError"),))
    assert refusal_of('topic=orders key="k" headers={} Order={}') is None
