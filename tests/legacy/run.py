"""Runs a legacy mapping case the way both languages must: bytes in, a plain result out.

The result is what the cross-language test compares byte for byte:
`{"v1": [canonical JSON text, …]}`, `{"skipped": reason, "message": …}` or
`{"refused": [{"path", "rule", "message"}, …]}`.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from vibe_contracts import ContractError, Event, Order, Organizer, Refund, Ticket
from vibe_contracts import legacy

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "examples" / "legacy"

#: function → (mapping, the joins it takes in order, the v1 model it produces)
FUNCTIONS: dict[str, tuple[Any, tuple[str, ...], type]] = {
    "partner": (legacy.map_partner, (), Organizer),
    "event": (legacy.map_event, ("partner",), Event),
    "order": (legacy.map_order, ("event", "partner"), Order),
    "refund": (legacy.map_refund, ("order",), Refund),
    "order_tickets": (legacy.map_order_tickets, ("event", "partner"), Ticket),
    "refund_tickets": (legacy.map_refund_tickets, ("order", "event", "partner"), Ticket),
}
#: what each function's record is
RECORD_MESSAGE = {"partner": "partner", "event": "event", "order": "order", "refund": "refund_request",
                  "order_tickets": "order", "refund_tickets": "refund_request"}
JOIN_MESSAGE = {"partner": "partner", "event": "event", "order": "order"}


def vector_files() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text()) for p in sorted(VECTORS.glob("*.json"))}


def run(function: str, record: bytes, joins: dict[str, bytes], config: dict[str, Any] | None) -> dict[str, Any]:
    mapping, join_names, _ = FUNCTIONS[function]
    try:
        cfg = legacy.MappingConfig.from_dict(config or {})
        message = legacy.decode(RECORD_MESSAGE[function], record)  # type: ignore[call-overload]
        inputs = [legacy.decode(JOIN_MESSAGE[j], joins[j]) for j in join_names]  # type: ignore[call-overload]
        result = mapping(message, *inputs, cfg)
    except ContractError as exc:
        return {"refused": [{"path": v.path, "rule": v.rule, "message": v.message} for v in exc.errors]}
    if isinstance(result, legacy.Skipped):
        return {"skipped": result.reason, "message": result.message}
    models = result if isinstance(result, list) else [result]
    return {"v1": [m.to_json().decode() for m in models]}


def run_case(case: dict[str, Any], records: dict[str, Any]) -> dict[str, Any]:
    joins = {name: base64.b64decode(records[ref]["base64"]) for name, ref in case.get("joins", {}).items()}
    return run(case["function"], base64.b64decode(records[case["record"]]["base64"]), joins, case.get("config"))
