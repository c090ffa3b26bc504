"""The words of rule messages: counts agree with their number."""

from __future__ import annotations

import pytest

from vibe_contracts import ContractError, decode


def messages(name: str, data: str) -> list[str]:
    with pytest.raises(ContractError) as caught:
        decode(name, data)
    return [f"{v.path} {v.rule} {v.message}" for v in caught.value.errors]


def test_one_character_is_singular() -> None:
    assert messages("organizer", '{"id":"","name":"n"}') == ["id min_length needs at least 1 character, has 0"]


def test_one_item_is_singular() -> None:
    data = '{"customer":{"email":"a@b.co","phone":"+79161234567"},"ticket_ids":[]}'
    assert messages("refund", data) == ["ticket_ids min_items needs at least 1 item, has 0"]


def test_other_counts_are_plural() -> None:
    assert messages("organizer", '{"id":"' + "x" * 129 + '","name":"n"}')[0].endswith("allows at most 128 characters, has 129")
