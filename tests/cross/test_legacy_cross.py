"""The legacy mapping in Python and TypeScript: the same records give the same results.

Each test sends a batch of cases to `typescript/test/legacy_cross.ts` (built
to `typescript/build/test/`), which decodes and maps them with the package's
`@vibe/contracts/legacy`; Python does the same here (`tests/legacy/run.py`), and the outcomes must be equal: the same
canonical v1 JSON, the same skip (reason and message), or the same refusal
list (path, rule and message). Inputs: every shared vector of
`examples/legacy/`, and legacy records hypothesis builds with random values.

Needs `cd typescript && npm ci && npm test` (its `pretest` builds the driver).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cross import _legacy_cases as cases
from tests.cross._cases import varint
from tests.legacy.run import FUNCTIONS, RECORD_MESSAGE, ROOT, run, vector_files

TS = ROOT / "typescript"
DRIVER = TS / "build" / "test" / "legacy_cross.js"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("node (20+) is needed for the cross-language tests")
    if not DRIVER.is_file():
        pytest.fail("typescript/build is missing: run `cd typescript && npm ci && npm test`")
    return found


def python(case: dict[str, Any]) -> dict[str, Any]:
    joins = {k: base64.b64decode(v) for k, v in case["joins"].items()}
    return run(case["function"], base64.b64decode(case["record"]), joins, case.get("config"))


def typescript(node: str, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    done = subprocess.run([node, str(DRIVER)], input=json.dumps({"cases": batch}), capture_output=True, text=True,
                          check=True, cwd=TS)
    return json.loads(done.stdout)["results"]  # type: ignore[no-any-return]


def assert_agree(node: str, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both languages on `batch` (config as JSON gives it to both); returns Python's outcomes."""
    batch = json.loads(json.dumps(batch))
    got = typescript(node, batch)
    want = [python(case) for case in batch]
    differ = [f"{json.dumps(c, ensure_ascii=False)}\n  python:     {w}\n  typescript: {g}"
              for c, w, g in zip(batch, want, got, strict=True) if w != g]
    assert not differ, f"{len(differ)} of {len(batch)} cases differ:\n" + "\n".join(differ[:5])
    return want


# --- the shared vectors ------------------------------------------------------------------------


def vector_cases() -> list[dict[str, Any]]:
    out = []
    for vector in vector_files().values():
        records = vector["records"]
        for case in vector["cases"]:
            joins = {k: records[name]["base64"] for k, name in case.get("joins", {}).items()}
            out.append({"function": case["function"], "record": records[case["record"]]["base64"], "joins": joins}
                       | ({"config": case["config"]} if "config" in case else {}))
    return out


def test_every_legacy_vector_gives_the_same_result(node: str) -> None:
    batch = vector_cases()
    assert len(batch) >= 50, f"expected the shared vectors of examples/legacy, found {len(batch)} cases"
    assert_agree(node, batch)


# --- random legacy records ---------------------------------------------------------------------

RECORDS = {"partner": cases.partner(), "event": cases.event(), "order": cases.order(), "refund_request": cases.refund()}
JOINS = {function: joins for function, (_, joins, _) in FUNCTIONS.items()}


# which record names each join: (the joining record, its field) → the joined record gets that id
NAMED_BY = {"partner": [("event", "org"), ("order", "org")], "event": [("order", "event")],
            "order": [("refund_request", "order")]}


@st.composite
def mapping_case(draw: st.DrawFn) -> dict[str, Any]:
    function = draw(st.sampled_from(sorted(FUNCTIONS)))
    messages = {RECORD_MESSAGE[function]: draw(RECORDS[RECORD_MESSAGE[function]])}
    for join in JOINS[function]:
        messages[join] = draw(RECORDS[join])
    # most joins complete: the joined record carries the id the record names
    for join in ("order", "event", "partner"):
        for named_by, field in NAMED_BY[join]:
            if join in messages and named_by in messages and draw(cases.mostly(st.just(True), st.booleans())):
                messages[join].id = getattr(messages[named_by], field)
    # and most refunds name tickets their order has
    if {"order", "refund_request"} <= messages.keys() and messages["order"].tickets and \
            draw(cases.mostly(st.just(True), st.booleans())):
        ids = sorted({t.id for t in messages["order"].tickets})
        refund = messages["refund_request"]
        del refund.tickets[:]
        for ticket_id in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True)):
            refund.tickets.add(id=ticket_id)
    b64 = lambda message: base64.b64encode(draw(cases.wire(message))).decode()  # noqa: E731
    case: dict[str, Any] = {"function": function, "record": b64(messages[RECORD_MESSAGE[function]]),
                            "joins": {k: b64(messages[k]) for k in JOINS[function]}}
    config = draw(cases.config())
    if config is not None:
        case["config"] = config
    return case


def draw_cases(count: int, *, derandomize: bool) -> list[dict[str, Any]]:
    """`count` cases drawn by hypothesis (run as one batch: a node process per example is too slow to shrink)."""
    drawn: list[dict[str, Any]] = []

    @settings(max_examples=count, deadline=None, database=None, derandomize=derandomize,
              suppress_health_check=list(HealthCheck))
    @given(mapping_case())
    def collect(case: dict[str, Any]) -> None:
        drawn.append(case)

    collect()
    return drawn


def test_random_legacy_records_give_the_same_result(node: str) -> None:
    assert_agree(node, draw_cases(400, derandomize=False))


def test_the_generated_records_reach_every_outcome() -> None:
    """The generator is not degenerate: it gives mapped, skipped and refused records of every function."""
    seen = {(case["function"], next(iter(python(case)))) for case in draw_cases(600, derandomize=True)}
    for function in FUNCTIONS:
        assert {(function, "v1"), (function, "refused")} <= seen, (function, sorted(seen))
    assert {(f, "skipped") for f in FUNCTIONS if f != "event"} <= seen, sorted(seen)


# --- wire corners: where a reader other than upb would differ ------------------------------------


def test_wire_corners_agree(node: str) -> None:
    """Bools and enums beyond 32 bits, groups, field 0, bad UTF-8, overlong lengths, oneofs and messages read twice."""
    partner = b"\x0a\x01a\x12\x01n"  # id "a", name "n"
    tails = [
        b"\x30" + varint(2**32), b"\x30" + varint(2**63), b"\x28" + varint(2**64 - 1), b"\x28" + varint(2**32 + 1),
        b"\x00\x01", b"\x0b\x0c", b"\x0b", b"\x33\x34", b"\x0a\x02\xff\xfe", b"\xc2\x02\x04\x0a\x02\xc3\x28",
        b"\xc2\x02\x03\x32\x01\x31\xc2\x02\x03\x3a\x01\x32",  # legal.ogrn, then legal.ogrnip: the last one
        b"\xc2\x02\x03\x32\x01\x31\xc2\x02\x03\x1a\x01\x31",  # legal twice: merged
        b"\x62\x0b\x10" + varint(2**64 - 1), b"\x12\x80\x80\x80\x80\x10", b"\x0a\x81\x80\x80\x80\x00x",
        b"\x0a\x81\x80\x80\x80\x80\x00x", b"\x7a\x03RUB\x79" + b"\x00" * 8, b"\x1a\x01x\x1d\x00\x00\x00\x00",
    ]
    batch = [{"function": "partner", "record": base64.b64encode(partner + t).decode(), "joins": {}} for t in tails]
    # an event whose legal_ru and lifetime come in two parts each, and whose finish has negative nanos
    event = (b"\x0a\x01e\x1a\x01x\x28\x01\x32\x01a\xa2\x01\x03\x1a\x01L\xa2\x01\x0c\x22\x0a7707083893"
             b"\x4a\x08\x12\x06\x08\x80\xb8\xf0\xa5\x06\x4a\x0d\x12\x0b\x10" + varint(2**64 - 1))
    batch.append({"function": "event", "record": base64.b64encode(event).decode(),
                  "joins": {"partner": base64.b64encode(partner).decode()}})
    outcomes = assert_agree(node, batch)
    assert {next(iter(o)) for o in outcomes} == {"v1", "refused", "skipped"}
    assert "v1" in outcomes[-1], outcomes[-1]
