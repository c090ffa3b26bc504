"""Header values are bounded (`Limits.max_header_bytes`), and a message quotes at most a prefix of any value."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from vibe_contracts import ContractError, Limits, Order, decode
from vibe_contracts.errors import QUOTED_PREFIX, quoted
from vibe_contracts.kafka import decode_record, encode_record

ROOT = Path(__file__).parents[2]
ORDER = Order.from_dict(
    next(c["json"] for c in json.loads((ROOT / "examples/vectors/order.json").read_text())["valid"] if "json" in c))
RECORD = encode_record(ORDER, application_id="ticketland")


def headers(**changed: bytes) -> list[tuple[str, bytes]]:
    return [(name, changed.get(name.replace("-", "_"), value)) for name, value in RECORD.headers]


def refusal(headers: list[tuple[str, bytes]], limits: Limits | None = None) -> ContractError:
    with pytest.raises(ContractError) as caught:
        decode_record(RECORD.value, headers, message="order", limits=limits)
    return caught.value


@pytest.mark.parametrize("name", ["content-type", "schema-version", "application-id"])
def test_a_header_beyond_the_limit_is_refused_before_it_is_read(name: str) -> None:
    huge = b"x" * (16 << 20)
    tracemalloc.start()
    error = refusal(headers(**{name.replace("-", "_"): huge}))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1 << 20  # not copied, decoded or quoted: a copy of the value alone would be 16 MiB
    assert error.errors == [(f'headers["{name}"]', "limit",
                             f"header {name!r} is larger than the limit of 1024 bytes")]
    assert len(str(error)) < 200


def test_the_header_limit_is_set_with_the_others() -> None:
    assert Limits().max_header_bytes == 1024
    value = b"ticketland" + b"x" * 20
    assert refusal(headers(application_id=value), Limits(max_header_bytes=16)).rule == "limit"
    assert decode_record(RECORD.value, headers(application_id=value), message="order") == ORDER
    # a verdict kept for these headers does not outlive a smaller limit
    assert refusal(headers(application_id=value), Limits(max_header_bytes=16)).rule == "limit"
    with pytest.raises(ValueError, match="max_header_bytes must be a positive integer"):
        Limits(max_header_bytes=0)


def test_a_bad_header_within_the_limit_is_quoted_by_its_prefix_only() -> None:
    value = "application/" + "a" * 900
    error = refusal(headers(content_type=value.encode()))
    assert error.rule == "content_type"
    assert error.errors[0].message.startswith(repr(value[:QUOTED_PREFIX]) + "… is not application/json")
    assert "a" * 40 not in str(error)


def test_quoted_keeps_short_values_whole() -> None:
    assert quoted("ballet") == "'ballet'"
    assert quoted("é" * 40) == repr("é" * 32) + "…"
    assert quoted("x" * QUOTED_PREFIX) == repr("x" * QUOTED_PREFIX)


def errors(doc: dict[str, object]) -> dict[tuple[str, str], str]:
    with pytest.raises(ContractError) as caught:
        decode("order", json.dumps(doc))
    return {(v.path, v.rule): v.message for v in caught.value.errors}


def test_long_enum_and_duplicate_values_are_quoted_by_their_prefix() -> None:
    doc = ORDER.to_dict()
    ticket = {**doc["tickets"][0], "id": "t" * 100}
    enum = errors({**doc, "tickets": [{**ticket, "currency": "c" * 100}]})
    assert enum[("tickets[0].currency", "enum")].startswith(repr("c" * 32) + "… is not one of")
    unique = errors({**doc, "tickets": [ticket, ticket]})
    assert unique[("tickets[1].id", "unique")] == f"duplicate value {repr('t' * 32)}…"
