"""The quote count of each generated `ACCEPT` function equals the quotes its message's canonical JSON has.

The fast path trusts that count to prove a text repeats no key (`_model.py`):
too high would let a repeated key through, too low would send valid text to the
slow path. The oracle walks the message as plain data: 2 quotes per key and per
string value.
"""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vibe_contracts.strategies import PROFILE, TOPIC_MESSAGES, documents
from vibe_contracts._gen.v1 import models
from vibe_contracts._gen.v1.models import ACCEPT
from vibe_contracts.validate import validate


def keys_and_strings(value: Any) -> int:
    if isinstance(value, str):
        return 1
    if isinstance(value, list):
        return sum(map(keys_and_strings, value))
    if isinstance(value, dict):
        return sum(1 + keys_and_strings(v) for v in value.values())
    return 0


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_the_count_is_that_of_the_canonical_json(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name), label="doc")
    normalized, errors = validate(doc, getattr(models, name), strict=False)
    assert not errors
    model = msgspec.convert(normalized, getattr(models, name))
    assert ACCEPT[type(model)](model, False) == 2 * keys_and_strings(msgspec.to_builtins(model))
