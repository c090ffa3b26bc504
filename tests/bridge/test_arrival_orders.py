"""The bridge on a real broker: the data set in every arrival order of the four topics, and bad input.

One bridge process reads 24 copies of the data set (ids suffixed) written in four
phases: in phase i each copy gets the i-th topic of its own permutation, and the
next phase starts only when the bridge has committed everything before it. So
every copy sees its topics arrive in its own order. Bad records (garbage, a
truncated record, a record of another message type) go to every input topic in
the first phase. Last, an order whose partner and event never come, then a
record an hour (the join bound) later: the order's wait ends in the dead letters.
"""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from examples.bridge.dataset import DEAD, SKIPPED, dataset
from examples.local_broker import running_broker
from vibe_contracts.bridge import INPUTS, OUTPUTS

from tests.bridge.broker import (Message, caught_up, create_topics, last_by_key, produce, read_all, start_bridge,
                                 summary_lines, write_config)
from tests.bridge.expected import expected

ORDERS = list(itertools.permutations(INPUTS))
GROUP = "bridge-orders"
# The wrong message type for each topic: bytes that parse as a message, but not as this one.
WRONG = {"partner": "refund_request", "event": "partner", "order": "event", "refund_request": "order"}
FINAL = {"cancelled", "refunded", "used"}
ORPHAN = dataset("-orphan")["order"][0]  # its partner p-1-orphan and event e-1-orphan never arrive
LATE = dataset("-late")["partner"][2]  # a distributor (skipped): it only moves stream time past the bound


def _suffix(k: int) -> str:
    return f"-x{k}"


def bad_records() -> list[tuple[str, bytes, bytes, str, str]]:
    """(topic, key, value, reason path, reason rule) for each kind of bad input on each input topic."""
    sample = dataset("-bad")
    out = []
    for kind, topic in INPUTS.items():
        good = sample[kind][0][1]
        wrong = sample[WRONG[kind]][0][1]
        wrong_reason = ("", "syntax") if kind == "partner" else ("org", "required")
        out += [(topic, f"garbage-{kind}".encode(), b"\xff\xfe not protobuf \x00", "", "syntax"),
                (topic, f"truncated-{kind}".encode(), good[: len(good) // 2], "", "syntax"),
                (topic, f"wrong-{kind}".encode(), wrong, *wrong_reason)]
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("bridge-orders")
    with running_broker() as bootstrap:
        asyncio.run(create_topics(bootstrap, 1))
        log = folder / "bridge.log"
        bridge = start_bridge(write_config(folder, bootstrap, GROUP), log)
        try:
            copies = {k: dataset(_suffix(k)) for k in range(len(ORDERS))}
            for phase in range(4):
                records = [(INPUTS[order[phase]], key, value, None)
                           for k, order in enumerate(ORDERS) for key, value in copies[k][order[phase]]]
                if phase == 0:
                    records += [(topic, key, value, None) for topic, key, value, _, _ in bad_records()]
                asyncio.run(produce(bootstrap, records))
                caught_up(bootstrap, GROUP)
            now = int(time.time() * 1000)
            asyncio.run(produce(bootstrap, [(INPUTS["order"], *ORPHAN, now),
                                            (INPUTS["partner"], *LATE, now + 3_600_000 + 1)]))
            caught_up(bootstrap, GROUP)
            messages = asyncio.run(read_all(bootstrap))
        finally:
            bridge.terminate()
            try:
                bridge.wait(timeout=60)
            except subprocess.TimeoutExpired:
                bridge.kill()
                bridge.wait()
        yield {"messages": messages, "log": log, "status": bridge.returncode}


def test_every_arrival_order_gives_the_expected_records(run: dict[str, Any]) -> None:
    latest = last_by_key(m for m in run["messages"] if m.topic != OUTPUTS["dead_letter"])
    want: dict[tuple[str, bytes], bytes] = {}
    for k in range(len(ORDERS)):
        want.update(expected(_suffix(k)))
    assert set(latest) == set(want)
    wrong = [key for key in want if latest[key] != want[key]]
    assert wrong == []


def test_a_final_ticket_status_is_never_left(run: dict[str, Any]) -> None:
    history: dict[bytes | None, list[str]] = {}
    for m in run["messages"]:
        if m.topic == OUTPUTS["ticket"]:
            history.setdefault(m.key, []).append(_status(m))
    assert len(history) == 9 * len(ORDERS)
    for key, statuses in history.items():
        finals = [i for i, s in enumerate(statuses) if s in FINAL]
        assert not finals or set(statuses[finals[0]:]) == {statuses[finals[0]]}, (key, statuses)


def _status(message: Message) -> str:
    import json

    return json.loads(message.value or b"")["status"]


def test_v1_records_carry_the_key_and_three_headers(run: dict[str, Any]) -> None:
    for m in run["messages"]:
        if m.topic == OUTPUTS["dead_letter"]:
            continue
        assert dict(m.headers) == {"content-type": b"application/json", "schema-version": b"1.0",
                                   "application-id": b"ticketscloud"}
        assert m.key is not None and m.value is not None and m.key.decode() in m.value.decode()


def test_bad_input_goes_to_the_dead_letters_with_source_and_reason(run: dict[str, Any]) -> None:
    letters = {m.key: m for m in run["messages"] if m.topic == OUTPUTS["dead_letter"]}
    for topic, key, value, path, rule in bad_records():
        letter = letters[key]
        headers = dict(letter.headers)
        assert letter.value == value
        assert headers["source-topic"] == topic.encode()
        assert headers["source-partition"] == b"0"
        assert int(headers["source-offset"]) >= 0
        assert (headers["reason-path"], headers["reason-rule"]) == (path.encode(), rule.encode())


def test_a_refused_record_is_dead_lettered_once_per_copy_without_personal_data(run: dict[str, Any]) -> None:
    letters = [m for m in run["messages"] if m.topic == OUTPUTS["dead_letter"]]
    refused = [m for m in letters if (m.key or b"").startswith(b"o-7")]
    assert sorted(m.key for m in refused) == sorted(f"o-7{_suffix(k)}".encode() for k in range(len(ORDERS)))
    originals = {key: value for k in range(len(ORDERS)) for key, value in dataset(_suffix(k))["order"]}
    for m in refused:
        headers = dict(m.headers)
        assert (headers["reason-rule"], headers["reason-path"]) == (b"min_items", b"tickets")
        assert m.value == originals[m.key]
        assert b"anna" not in b"".join(v for _, v in m.headers)
    assert len(letters) == len(refused) + len(bad_records()) + 1  # and the orphan order


def test_a_join_that_never_completes_is_dead_lettered_once_stream_time_passes_the_bound(
    run: dict[str, Any],
) -> None:
    letters = [m for m in run["messages"] if m.topic == OUTPUTS["dead_letter"] and m.key == ORPHAN[0]]
    assert [m.value for m in letters] == [ORPHAN[1]]
    headers = dict(letters[0].headers)
    assert (headers["reason-rule"], headers["reason-path"]) == (b"join", b"org")
    assert headers["source-topic"] == INPUTS["order"].encode()


def test_the_summary_counts_what_happened(run: dict[str, Any]) -> None:
    last = summary_lines(run["log"])[-1]
    copies = len(ORDERS)
    late = {INPUTS["order"]: 1, INPUTS["partner"]: 1}
    assert last["read"] == {topic: copies * len(dataset("")[kind]) + 3 + late.get(topic, 0)
                            for kind, topic in INPUTS.items()}
    assert last["skipped"] == {reason: copies * n + (reason == "partner_role") for reason, n in SKIPPED.items()}
    assert last["dead_lettered"] == {**{rule: copies * n for rule, n in DEAD.items()}, "syntax": 9, "required": 3,
                                     "join": 1}
    assert last["produced"][OUTPUTS["dead_letter"]] == copies * sum(DEAD.values()) + 12 + 1
    assert last["waiting"] == 0
    assert run["status"] == 0
    text = run["log"].read_text(encoding="utf-8")
    assert "bridge: summary" in text  # printed while running (every 2 s here), and once more at exit
    assert text.rstrip().splitlines()[-7] == "bridge: exit summary"
