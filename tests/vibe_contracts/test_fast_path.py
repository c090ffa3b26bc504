"""The fast path (msgspec plus the generated checks) against the full validator.

`_model._fast_decode(cls, raw, strict=False)` must give a model exactly when
`validate.validate(doc, getattr(models, name), strict=False)` reports no violation, and then the
same model as `msgspec.convert` of the normalized document. The one documented
exception (conformance.FAST_PATH_EXCEPTIONS): msgspec refuses integers written
as integral floats, which the contract allows; then `from_json` falls back to
the full validator and must still give the normalized model.
"""

from __future__ import annotations

from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vibe_contracts import conformance
from tests.vibe_contracts.strategies import (
    MUTATION_PROFILE,
    PROFILE,
    TOPIC_MESSAGES,
    documents,
    has_integral_float,
    mutations,
    noise,
    normalize,
)
from vibe_contracts import ContractError
from vibe_contracts._gen.v1 import models
from vibe_contracts._gen.v1.rules import MESSAGES
from vibe_contracts._model import _fast_decode
from vibe_contracts.validate import validate


def check_agreement(doc: dict[str, Any], name: str) -> None:
    cls = getattr(models, name)
    raw = orjson.dumps(doc)
    normalized, errors = validate(doc, getattr(models, name), strict=False)
    fast = _fast_decode(cls, raw, strict=False)
    if errors:
        assert fast is None, errors
        with pytest.raises(ContractError):
            cls.from_json(raw)
        return
    assert normalized == normalize(doc, name)
    expected = msgspec.convert(normalized, cls)
    if fast is None:
        # the documented case where msgspec is stricter: the full validator decides
        assert has_integral_float(doc, name), "the fast path refused a valid document"
        assert "integral_float" in {e.kind for e in conformance.FAST_PATH_EXCEPTIONS}
    else:
        assert fast == expected
        assert msgspec.to_builtins(fast) == normalized
    decoded = cls.from_json(raw)
    assert decoded == expected
    assert msgspec.to_builtins(decoded) == normalized


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_fast_path_agrees_on_valid_documents(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, tolerant_noise=data.draw(st.booleans()), float_ints=True), label="doc")
    check_agreement(doc, name)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@MUTATION_PROFILE
@given(data=st.data())
def test_fast_path_agrees_on_mutations(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, float_ints=True), label="doc")
    mutation = data.draw(mutations(doc, name), label="mutation")
    check_agreement(mutation.document, name)
    # a mutation breaks a rule: only the strict-only ones are valid for the tolerant fast path
    fast_ok = _fast_decode(getattr(models, name), orjson.dumps(mutation.document), strict=False) is not None
    if not mutation.strict_only:
        assert not fast_ok
    elif not has_integral_float(mutation.document, name):
        assert fast_ok


def _has_int(name: str) -> bool:
    return any(f.kind == "int64" or (f.kind == "message" and _has_int(f.type_name))  # type: ignore[arg-type]
               for f in MESSAGES[name].fields)


WITH_INTEGERS = [n for n in TOPIC_MESSAGES if _has_int(n)]


def test_messages_with_integers() -> None:
    assert sorted(WITH_INTEGERS) == ["Event", "Order", "Ticket"]


@pytest.mark.parametrize("name", WITH_INTEGERS)
@PROFILE
@given(data=st.data())
def test_integral_floats_fall_back_to_the_full_validator(name: str, data: st.DataObject) -> None:
    """The documented exception, checked on its own: msgspec refuses `1.0`, `from_json` still accepts it."""
    doc = data.draw(documents(name, float_ints=True).filter(lambda d: has_integral_float(d, name)), label="doc")
    cls = getattr(models, name)
    raw = orjson.dumps(doc)
    assert _fast_decode(cls, raw, strict=False) is None
    check_agreement(doc, name)
    assert cls.from_json(raw).to_json() == orjson.dumps(normalize(doc, name))
    assert cls.from_json(raw, strict=True) == cls.from_json(raw)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_fast_path_drops_tolerant_noise(name: str, data: st.DataObject) -> None:
    clean = data.draw(documents(name), label="clean")
    noisy = data.draw(noise(clean, name), label="noisy")
    cls = getattr(models, name)
    fast = _fast_decode(cls, orjson.dumps(noisy.document), strict=False)
    assert fast is not None
    assert fast == msgspec.convert(normalize(noisy.document, name), cls)
