"""`MappingConfig.from_dict`: the plain form's errors, in an order both languages can give."""

from __future__ import annotations

from typing import Any

import pytest

from vibe_contracts import ContractError
from vibe_contracts.legacy import MappingConfig


def refusal(data: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(ContractError) as caught:
        MappingConfig.from_dict(data)
    return [(v.path, v.rule, v.message) for v in caught.value.errors]


def test_unknown_keys_come_in_code_point_order_whatever_order_they_were_written_in() -> None:
    # A JavaScript object lists integer-like keys first; sorting is the order both languages can give.
    assert refusal({"zz": 1, "name_order": "x", "yy": 2, "10": 3}) == [
        ('["10"]', "unknown_field", "not a config key"),
        ("yy", "unknown_field", "not a config key"),
        ("zz", "unknown_field", "not a config key"),
    ]
    assert refusal({"venues": {"v1": {"name": "H", "zip": 1, "x": 2}}}) == [
        ("venues.v1.x", "unknown_field", "not a venue key")]


def test_problems_in_tables_come_in_key_order() -> None:
    categories = {"c": "nope", "2": "concert", "10": "nope"}
    assert [path for path, _, _ in refusal({"categories": categories})] == ['categories["10"]', "categories.c"]
    venues = {"b": {"name": ""}, "7": {"name": ""}}
    assert [path for path, _, _ in refusal({"venues": venues})] == ['venues["7"].name', "venues.b.name"]
