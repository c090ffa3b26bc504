"""The benchmark messages: realistic sizes, the same bytes in Python and TypeScript.

Each payload is the `full` shared vector of its message (`examples/vectors/`);
Orders also come with 1, 100 and 1000 tickets, the extra tickets made from the
vector's three (ids `T-1`…, barcodes and seats numbered). The bytes are the
library's own canonical JSON and deterministic Protobuf, so both languages
measure identical input (`bench/ts/payloads.mjs` builds the same documents).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "examples" / "vectors"

#: payload id → (message name, tickets or None)
PAYLOADS: dict[str, tuple[str, int | None]] = {
    "organizer": ("organizer", None),
    "event": ("event", None),
    "order-1": ("order", 1),
    "order-3": ("order", 3),
    "order-100": ("order", 100),
    "order-1000": ("order", 1000),
    "refund": ("refund", None),
    "ticket": ("ticket", None),
}


def full_vector(message: str) -> dict[str, Any]:
    cases = json.loads((VECTORS / f"{message}.json").read_text(encoding="utf-8"))["valid"]
    return next(c["json"] for c in cases if c["name"] == "full")


def order_with(tickets: int) -> dict[str, Any]:
    """The `full` Order vector with `tickets` tickets (1 … 1000)."""
    order = full_vector("order")
    models = order["tickets"]
    made = []
    for i in range(1, tickets + 1):
        ticket = dict(models[(i - 1) % len(models)])
        ticket.update(id=f"T-{i}", barcode=f"46{i:011d}", number=f"{i:04d}",
                      row=str((i - 1) // 30 + 1), seat=str((i - 1) % 30 + 1))
        made.append(ticket)
    order["tickets"] = made
    return order


def document(payload: str) -> dict[str, Any]:
    message, tickets = PAYLOADS[payload]
    return order_with(tickets) if tickets is not None else full_vector(message)


@dataclass(frozen=True)
class Payload:
    """One benchmark message in every form a benchmark needs."""

    id: str
    message: str
    tickets: int | None

    @cached_property
    def model_class(self) -> Any:
        from vibe_contracts.codec import message_type

        return message_type(self.message)

    @cached_property
    def model(self) -> Any:
        return self.model_class.from_json(json.dumps(document(self.id), ensure_ascii=False))

    @cached_property
    def json(self) -> bytes:
        """Canonical JSON bytes (the library's encoder)."""
        return self.model.to_json()

    @cached_property
    def protobuf(self) -> bytes:
        """Deterministic Protobuf bytes (the library's encoder)."""
        return self.model.to_proto()


def load(ids: tuple[str, ...] | list[str] = tuple(PAYLOADS)) -> list[Payload]:
    return [Payload(i, *PAYLOADS[i]) for i in ids]


if __name__ == "__main__":  # sizes, for a quick look
    for p in load():
        print(f"{p.id:12} {len(p.json):>8} B JSON {len(p.protobuf):>8} B Protobuf")
