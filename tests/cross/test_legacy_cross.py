"""The legacy mapping in Python and TypeScript: the same records give the same results.

Each test sends a batch of cases to `typescript/test/legacy_cross.mjs`, which
decodes and maps them with the built npm package (`typescript/dist/legacy`);
Python does the same here, and the outcomes must be equal: the same
canonical v1 JSON, the same skip (reason and message), or the same refusal
list (path, rule and message). Inputs: every shared vector of
`examples/legacy/`, and legacy records hypothesis builds with random values.

Needs `cd typescript && npm ci && npm run build` (`npm test` builds too).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vibe_contracts import ContractError
from vibe_contracts.legacy import (MappingConfig, Skipped, decode, map_event, map_order, map_order_tickets,
                                   map_partner, map_refund, map_refund_tickets)

from tests.cross import _legacy_cases as cases
from tests.cross._cases import ROOT

TS = ROOT / "typescript"
DRIVER = TS / "test" / "legacy_cross.mjs"
LEGACY = ROOT / "examples" / "legacy"

RECORD = {"partner": "partner", "event": "event", "order": "order", "order_tickets": "order",
          "refund": "refund_request", "refund_tickets": "refund_request"}
MAP: dict[str, Callable[[Any, dict[str, Any], MappingConfig], Any]] = {
    "partner": lambda r, j, c: map_partner(r, c),
    "event": lambda r, j, c: map_event(r, j["partner"], c),
    "order": lambda r, j, c: map_order(r, j["event"], j["partner"], c),
    "order_tickets": lambda r, j, c: map_order_tickets(r, j["event"], j["partner"], c),
    "refund": lambda r, j, c: map_refund(r, j["order"], c),
    "refund_tickets": lambda r, j, c: map_refund_tickets(r, j["order"], j["event"], j["partner"], c),
}
JOINS = {"partner": ["event", "order", "order_tickets", "refund_tickets"], "event": ["order", "order_tickets",
         "refund_tickets"], "order": ["refund", "refund_tickets"]}


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("node (20+) is needed for the cross-language tests")
    if not (TS / "dist" / "legacy" / "index.js").is_file():
        pytest.fail("typescript/dist is missing: run `cd typescript && npm ci && npm run build`")
    return found


def python(case: dict[str, Any]) -> dict[str, Any]:
    """What the TypeScript driver does, in Python: config, record, joins (in that order), then the mapping."""
    try:
        config = MappingConfig() if case.get("config") is None else MappingConfig.from_dict(case["config"])
        record = decode(RECORD[case["function"]], base64.b64decode(case["record"]))  # type: ignore[call-overload]
        joins = {k: decode(k, base64.b64decode(case["joins"][k]))  # type: ignore[call-overload]
                 for k in ("partner", "event", "order") if k in case["joins"]}
        out = MAP[case["function"]](record, joins, config)
    except ContractError as exc:
        return {"refused": [{"path": v.path, "rule": v.rule, "message": v.message} for v in exc.errors]}
    except Exception as exc:  # noqa: BLE001 - a crash is an outcome to compare, not a test error
        return {"crash": f"{type(exc).__name__}: {exc}"}
    if isinstance(out, Skipped):
        return {"skipped": {"reason": out.reason, "message": out.message}}
    return {"v1": [m.to_json().decode() for m in (out if isinstance(out, list) else [out])]}


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
    for path in sorted(LEGACY.glob("*.json")):
        vector = json.loads(path.read_text())
        records = vector["records"]
        for case in vector["cases"]:
            batch_case = {"function": case["function"], "record": records[case["record"]]["base64"],
                          "joins": {k: records[name]["base64"] for k, name in case.get("joins", {}).items()}}
            if "config" in case:
                batch_case["config"] = case["config"]
            out.append(batch_case)
    return out


def test_every_legacy_vector_gives_the_same_result(node: str) -> None:
    batch = vector_cases()
    assert len(batch) >= 50, f"expected the shared vectors of {LEGACY}, found {len(batch)} cases"
    outcomes = assert_agree(node, batch)
    assert not [o for o in outcomes if "crash" in o]


# --- random legacy records ---------------------------------------------------------------------

RECORDS = {"partner": cases.partner(), "event": cases.event(), "order": cases.order(), "refund_request": cases.refund()}


# which record names each join: (the joining record, its field) → the joined record gets that id
NAMED_BY = {"partner": [("event", "org"), ("order", "org")], "event": [("order", "event")],
            "order": [("refund_request", "order")]}


@st.composite
def mapping_case(draw: st.DrawFn) -> dict[str, Any]:
    function = draw(st.sampled_from(sorted(MAP)))
    messages = {RECORD[function]: draw(RECORDS[RECORD[function]])}
    for join, functions in JOINS.items():
        if function in functions:
            messages[join] = draw(RECORDS[join])
    # most joins complete: the joined record carries the id the record names
    for join in ("order", "event", "partner"):
        for named_by, field in NAMED_BY[join]:
            if join in messages and named_by in messages and draw(cases.mostly(st.just(True), st.booleans())):
                messages[join].id = getattr(messages[named_by], field)
    b64 = lambda message: base64.b64encode(draw(cases.wire(message))).decode()  # noqa: E731
    case: dict[str, Any] = {"function": function, "record": b64(messages[RECORD[function]]),
                            "joins": {k: b64(messages[k]) for k in JOINS if k in messages and k != RECORD[function]}}
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
    outcomes = assert_agree(node, draw_cases(400, derandomize=False))
    assert not [o for o in outcomes if "crash" in o]


def test_the_generated_records_reach_every_outcome() -> None:
    """The generator is not degenerate: it gives mapped, skipped and refused records of every function."""
    seen = {(case["function"], next(iter(python(case)))) for case in draw_cases(400, derandomize=True)}
    for function in MAP:
        assert {(function, "v1"), (function, "refused")} <= seen, (function, sorted(seen))
    assert {(f, "skipped") for f in MAP if f != "event"} <= seen, sorted(seen)
