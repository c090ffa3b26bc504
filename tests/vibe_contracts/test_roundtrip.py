"""Round trips of the five topic messages: JSON ⇄ model ⇄ Protobuf (docs/spec.md §4, §5).

Expectations are computed independently of the code under test: the canonical
JSON from the rule tables (`strategies.normalize` + `orjson.dumps`), the
Protobuf bytes with the reference library (`json_format.ParseDict` on the
document translated to Protobuf's JSON mapping).
"""

from __future__ import annotations

import importlib
from typing import Any

import orjson
import pytest
from google.protobuf import json_format
from google.protobuf.message import Message
from hypothesis import given
from hypothesis import strategies as st

from tests.vibe_contracts.strategies import PROFILE, TOPIC_MESSAGES, child_path, documents, noise, normalize
from vibe_contracts import ContractError
from vibe_contracts._gen.v1 import models
from vibe_contracts._gen.v1.rules import ENUMS, MESSAGES


def model(name: str) -> Any:
    return getattr(models, name)


# --------------------------------------------------------------------------- the Protobuf oracle


def pb_class(name: str) -> type[Message]:
    spec = MESSAGES[name]
    return getattr(importlib.import_module(spec.proto_module), name)


def pb_json(doc: dict[str, Any], name: str, *, unknown_numbers: bool = False) -> dict[str, Any]:
    """`doc` (JSON form, tolerant noise allowed) in Protobuf's JSON mapping, for `ParseDict`.

    An unknown fallback-enum string becomes the fallback, or with `unknown_numbers`
    an enum number the contract does not know (Protobuf enums are open).
    """
    descriptor = pb_class(name).DESCRIPTOR
    out: dict[str, Any] = {}
    for field in MESSAGES[name].fields:
        value = doc.get(field.name)
        if value is None:
            continue
        fd = descriptor.fields_by_name[field.name]

        def one(v: Any, field: Any = field, fd: Any = fd) -> Any:
            if field.kind == "enum":
                enum = ENUMS[field.type_name]
                if v not in enum.numbers and unknown_numbers:
                    return 1000 + len(v)
                number = enum.numbers[v] if v in enum.numbers else enum.numbers[enum.fallback]
                return fd.enum_type.values_by_number[number].name
            if field.kind == "message":
                return pb_json(v, field.type_name, unknown_numbers=unknown_numbers)
            if field.kind == "int64":
                return int(v)
            if field.kind == "double":
                return float(v)
            return v

        out[fd.name] = [one(v) for v in value] if field.repeated else one(value)
    return out


def reference_proto(doc: dict[str, Any], name: str) -> bytes:
    message = json_format.ParseDict(pb_json(doc, name), pb_class(name)())
    return message.SerializeToString(deterministic=True)


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_json_canonical_roundtrip(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, float_ints=True), label="doc")
    cls = model(name)
    raw = orjson.dumps(doc)
    decoded = cls.from_json(raw)
    canonical = decoded.to_json()
    # the canonical bytes: normalized document, keys in declaration order
    assert canonical == orjson.dumps(normalize(doc, name))
    # a valid document is strictly valid too, and decodes to the same model
    assert cls.from_json(raw, strict=True) == decoded
    again = cls.from_json(canonical, strict=True)
    assert again == decoded
    assert again.to_json() == canonical
    assert decoded.to_dict() == normalize(doc, name)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_tolerant_noise_is_dropped(name: str, data: st.DataObject) -> None:
    clean = data.draw(documents(name), label="clean")
    noisy = data.draw(noise(clean, name), label="noisy")
    cls = model(name)
    raw = orjson.dumps(noisy.document)
    expected = cls.from_json(orjson.dumps(normalize(noisy.document, name)), strict=True)
    decoded = cls.from_json(raw)
    assert decoded == expected
    assert decoded.to_json() == expected.to_json() == orjson.dumps(normalize(noisy.document, name))
    if noisy.violations:
        with pytest.raises(ContractError) as info:
            cls.from_json(raw, strict=True)
        assert sorted((e.path, e.rule) for e in info.value.errors) == sorted(noisy.violations)
    else:
        assert cls.from_json(raw, strict=True) == expected


def construct(doc: dict[str, Any], name: str, *, nested_as_dicts: bool = False) -> Any:
    """The model built with its constructor from `doc`'s declared fields (nested models too, or plain dicts)."""
    kwargs: dict[str, Any] = {}
    for field in MESSAGES[name].fields:
        if field.name not in doc:
            continue
        value = doc[field.name]
        if field.kind == "message" and value is not None and not nested_as_dicts:
            inner = field.type_name
            value = [construct(v, inner) for v in value] if field.repeated else construct(value, inner)  # type: ignore[arg-type]
        kwargs[field.name] = value
    return model(name)(**kwargs)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_constructed_models_are_canonical(name: str, data: st.DataObject) -> None:
    """`to_json` of a model built in code: same message, same bytes as the decoded one (docs/spec.md §4)."""
    doc = data.draw(documents(name, float_ints=True), label="doc")
    built = construct(doc, name)
    decoded = model(name).from_json(orjson.dumps(doc))
    assert built == decoded
    assert built.to_json() == decoded.to_json() == orjson.dumps(normalize(doc, name))
    assert built.to_proto() == decoded.to_proto()


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_to_json_validates_nested_plain_data(name: str, data: st.DataObject) -> None:
    """Models built with plain dicts inside ("construct freely"): `to_json` validates strictly or refuses."""
    clean = data.draw(documents(name), label="clean")
    noisy = data.draw(noise(clean, name), label="noisy")
    built = construct(noisy.document, name, nested_as_dicts=True)
    # what the constructor cannot see: top-level nulls (= absent) and top-level unknown keys (not passed)
    top = {child_path("", k) for k in noisy.document}
    visible = [v for v in noisy.violations if v[0] not in top or v[1] == "enum"]
    if visible:
        with pytest.raises(ContractError):
            built.to_json()
    else:
        assert built.to_json() == orjson.dumps(normalize(noisy.document, name))


# --------------------------------------------------------------------------- Protobuf


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_json_proto_json(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, tolerant_noise=True, float_ints=True), label="doc")
    cls = model(name)
    decoded = cls.from_json(orjson.dumps(doc))
    proto = decoded.to_proto()
    assert proto == reference_proto(doc, name)
    back = cls.from_proto(proto)
    assert back == decoded
    assert back.to_json() == decoded.to_json()
    assert cls.from_proto(proto, strict=True) == decoded


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_proto_json_proto(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name), label="doc")
    cls = model(name)
    proto = reference_proto(doc, name)
    decoded = cls.from_proto(proto, strict=True)
    assert decoded.to_proto() == proto
    via_json = cls.from_json(decoded.to_json(), strict=True)
    assert via_json.to_proto() == proto


#: An unknown field (number 1000, varint 1) appended to a serialized message.
UNKNOWN_FIELD = b"\xc0\x3e\x01"


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_proto_tolerant_noise(name: str, data: st.DataObject) -> None:
    """Unknown enum numbers and unknown fields: tolerant readers map / ignore them, strict ones refuse."""
    clean = data.draw(documents(name), label="clean")
    noisy = data.draw(noise(clean, name), label="noisy")
    cls = model(name)
    expected = cls.from_json(orjson.dumps(noisy.document))
    proto = json_format.ParseDict(pb_json(noisy.document, name, unknown_numbers=True), pb_class(name)())
    raw = proto.SerializeToString(deterministic=True)
    unknown_field = data.draw(st.booleans(), label="unknown_field")
    if unknown_field:
        raw += UNKNOWN_FIELD
    assert cls.from_proto(raw) == expected
    assert cls.from_proto(raw).to_proto() == expected.to_proto()
    unknown_enums = sorted(v for v in noisy.violations if v[1] == "enum")
    if unknown_field:
        with pytest.raises(ContractError) as info:
            cls.from_proto(raw, strict=True)
        assert [(e.path, e.rule) for e in info.value.errors] == [("", "unknown_field")]
    elif unknown_enums:
        with pytest.raises(ContractError) as info:
            cls.from_proto(raw, strict=True)
        assert sorted((e.path, e.rule) for e in info.value.errors) == unknown_enums
    else:
        assert cls.from_proto(raw, strict=True) == expected
