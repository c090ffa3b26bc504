"""The generated Protobuf fast path (`_gen/v<N>/fast.py`) against the full path.

- Valid documents: `from_proto` of the `to_proto` bytes gives the model back,
  and `to_proto` gives the bytes of the generic `convert.to_proto`.
- Mutated and noisy documents, encoded to Protobuf as far as the form can carry
  them: the generated reader gives a model exactly when the full validator
  accepts `convert.from_proto`'s data, and then the same model, tolerant and strict.
- Models built in code: `valid_M` is True exactly when strict validation accepts
  the instance unchanged (strings without lone surrogates: the encoders refuse
  those, see `test_lone_surrogates_take_the_full_path`).
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.vibe_contracts.strategies import (
    MUTATION_PROFILE,
    PROFILE,
    TOPIC_MESSAGES,
    documents,
    mutations,
    noise,
    normalize,
)
from vibe_contracts import ContractError, convert
from vibe_contracts._gen.v1 import models
from vibe_contracts._gen.v1.fast import CODECS
from vibe_contracts._gen.v1.rules import ENUMS, MESSAGES
from vibe_contracts._spec import FieldSpec, MessageSpec
from vibe_contracts.limits import default_limits
from vibe_contracts.validate import validate

#: An unknown field (number 1000, varint 1) appended to a serialized message.
UNKNOWN_FIELD = b"\xc0\x3e\x01"
VECTORS = Path(__file__).parents[2] / "examples" / "vectors"


def model(name: str) -> Any:
    return getattr(models, name)


def exact(message: Any) -> bytes:
    """JSON of a model or document that tells an int from a float (`==` on models does not)."""
    return msgspec.json.encode(message)


# --------------------------------------------------------------------------- JSON form → Protobuf


class _Uncarried(Exception):
    """The document holds a value the Protobuf form has no place for (a wrong type)."""


def encode(doc: Any, name: str) -> bytes | None:
    """`doc` (JSON form, possibly broken) as Protobuf bytes, or None where the form cannot carry it.

    Nulls and unknown keys are left out; an unknown enum string becomes a number
    the contract does not know (Protobuf enums are open).
    """
    try:
        return _message(doc, MESSAGES[name]).SerializeToString(deterministic=True)
    except (_Uncarried, ValueError, TypeError):  # upb refuses values out of its range too
        return None


def _message(doc: Any, spec: MessageSpec) -> Any:
    if not isinstance(doc, dict):
        raise _Uncarried
    kwargs: dict[str, Any] = {}
    for field in spec.fields:
        value = doc.get(field.name)
        if value is None:
            continue
        if field.repeated:
            if not isinstance(value, list):
                raise _Uncarried
            kwargs[field.name] = [_value(v, field) for v in value]
        else:
            kwargs[field.name] = _value(value, field)
    return convert.proto_class(spec)(**kwargs)


def _value(value: Any, field: FieldSpec) -> Any:
    kind = field.kind
    if kind == "message":
        return _message(value, MESSAGES[field.type_name])  # type: ignore[index]
    if kind == "enum" and isinstance(value, str):
        return ENUMS[field.type_name].numbers.get(value, 1000 + len(value))  # type: ignore[index]
    if kind == "enum" and type(value) is int:  # a number as it is: 0 is UNSPECIFIED
        return value
    if kind == "string" and isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        if kind == "bool" and value is not None:
            return value
        raise _Uncarried
    if kind == "int64" and isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if kind == "double" and isinstance(value, (int, float)):
        return float(value)
    raise _Uncarried


# --------------------------------------------------------------------------- the agreements


def check_reader(raw: bytes, name: str, *, strict: bool) -> bool:
    """The generated reader against the full path on the same bytes; True if they accept."""
    cls, spec = model(name), MESSAGES[name]
    if len(raw) > default_limits().max_bytes:  # refused for its size before any rule
        with pytest.raises(ContractError) as info:
            cls.from_proto(raw, strict=strict)
        assert info.value.rule == "limit"
        return False
    fast = CODECS[cls][0](convert.proto_class(spec).FromString(raw), strict)
    normalized, errors = validate(convert.from_proto(raw, cls, strict=strict), cls, strict=strict)
    if errors:
        assert fast is None, errors
        with pytest.raises(ContractError) as info:
            cls.from_proto(raw, strict=strict)
        assert info.value.errors == errors
        return False
    assert fast is not None, "the reader refused a message the full validator accepts"
    assert type(fast) is cls
    assert exact(fast) == exact(normalized)
    assert exact(cls.from_proto(raw, strict=strict)) == exact(normalized)
    return True


def strictly_unchanged(instance: Any, name: str) -> bool:
    """Whether strict validation accepts a model built in code and leaves it as it is."""
    normalized, errors = validate(msgspec.to_builtins(instance), model(name), strict=True)
    return not errors and exact(normalized) == exact(instance)


def build(doc: Any, name: str) -> Any:
    """The model of `doc` made with its constructor, nested models too; values of any type kept as they are.

    A nested object the constructor refuses (a required field left out) stays a plain dict.
    """
    kwargs: dict[str, Any] = {}
    for field in MESSAGES[name].fields:
        if field.name not in doc:
            continue
        value = doc[field.name]
        if field.kind == "message":
            many = field.repeated and isinstance(value, list)
            value = [_nested(v, field) for v in value] if many else _nested(value, field)
        kwargs[field.name] = value
    return model(name)(**kwargs)


def _nested(value: Any, field: FieldSpec) -> Any:
    try:
        return build(value, field.type_name) if isinstance(value, dict) else value  # type: ignore[arg-type]
    except TypeError:
        return value


def check_instance(instance: Any, name: str) -> bool:
    valid = CODECS[model(name)][1](instance)
    assert valid is strictly_unchanged(instance, name)
    if valid:
        assert instance.to_json() == exact(instance)
        assert instance.to_proto() == convert.to_proto(msgspec.to_builtins(instance), model(name))
    return valid


# --------------------------------------------------------------------------- valid documents


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_valid_documents_round_trip(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, float_ints=True), label="doc")
    cls, spec = model(name), MESSAGES[name]
    decoded = cls.from_json(orjson.dumps(doc))
    assert CODECS[cls][1](decoded) is True
    raw = decoded.to_proto()
    assert raw == convert.to_proto(normalize(doc, name), cls) == encode(normalize(doc, name), name)
    for strict in (False, True):
        back = cls.from_proto(raw, strict=strict)
        assert back == decoded
        assert exact(back) == exact(decoded) == decoded.to_json()
    assert check_reader(raw, name, strict=True)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_constructed_models(name: str, data: st.DataObject) -> None:
    """Built in code from a valid document: canonical unless a double field holds an int or an int field a float."""
    doc = data.draw(documents(name, float_ints=True), label="doc")
    instance = build(doc, name)
    assert check_instance(instance, name) is (exact(instance) == exact(normalize(doc, name)))
    assert instance.to_json() == orjson.dumps(normalize(doc, name))
    assert instance.to_proto() == convert.to_proto(normalize(doc, name), model(name))


# --------------------------------------------------------------------------- broken documents


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@MUTATION_PROFILE
@given(data=st.data())
def test_reader_and_instance_check_agree_on_mutations(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, float_ints=True), label="doc")
    mutation = data.draw(mutations(doc, name), label="mutation")
    raw = encode(mutation.document, name)
    if raw is not None:
        check_reader(raw, name, strict=False)
        check_reader(raw, name, strict=True)
    try:
        instance = build(mutation.document, name)
    except TypeError:  # a required field left out: the constructor refuses
        assert mutation.kind == "missing_required" and mutation.path in {f.name for f in MESSAGES[name].fields}
        return
    valid = check_instance(instance, name)
    if not mutation.strict_only:  # the broken value is in the instance as it is
        assert not valid


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_reader_agrees_on_tolerant_noise(name: str, data: st.DataObject) -> None:
    """Unknown enum numbers and unknown fields: tolerant readers map / ignore them, strict ones refuse."""
    noisy = data.draw(documents(name).flatmap(lambda doc: noise(doc, name)), label="noisy")
    raw = encode(noisy.document, name)
    assert raw is not None
    cls = model(name)
    expected = cls.from_json(orjson.dumps(noisy.document))
    assert check_reader(raw, name, strict=False)
    unknown_enum = any(rule == "enum" for _, rule in noisy.violations)
    assert check_reader(raw, name, strict=True) is not unknown_enum
    with_unknown = raw + UNKNOWN_FIELD
    assert exact(cls.from_proto(with_unknown)) == exact(expected)
    with pytest.raises(ContractError) as info:
        cls.from_proto(with_unknown, strict=True)
    assert [(e.path, e.rule) for e in info.value.errors] == [("", "unknown_field")]


# --------------------------------------------------------------------------- every bound, exactly


def full_document(name: str) -> dict[str, Any]:
    cases = json.loads((VECTORS / f"{name.lower()}.json").read_text(encoding="utf-8"))["valid"]
    return next(c["json"] for c in cases if c["name"] == "full")


def boundary_values(field: FieldSpec) -> list[Any]:
    """Values on and just beyond each rule of a field (and a few the form cannot hold or a model should not)."""
    if field.kind == "string":
        lengths = {0, 1} | {n + d for n in (field.min_len, field.max_len) if n is not None for d in (-1, 0, 1)}
        return ["a" * n for n in sorted(lengths) if n >= 0] + [7]
    if field.kind in ("int64", "double"):
        bounds = [b for b in (field.minimum, field.maximum, field.exclusive_maximum) if b is not None]
        step = 1 if field.kind == "int64" else 0.125
        values: list[Any] = [0, 0.5, True] + [b + d * step for b in bounds for d in (-1, 0, 1)]
        return values + ([math.nan, math.inf, -0.0, 1, 3.0] if field.kind == "double" else [])
    if field.kind == "enum":
        return [0, 1000, "unknown", *ENUMS[field.type_name].numbers, None]  # type: ignore[index]
    return []


def sites(doc: dict[str, Any], spec: MessageSpec) -> list[tuple[dict[str, Any], FieldSpec]]:
    """(the object holding it, field) for every scalar field of `doc`, nested and first items included."""
    out = []
    for field in spec.fields:
        value = doc.get(field.name)
        if field.kind == "message" and value is not None:
            for item in value[:1] if field.repeated else [value]:
                out += sites(item, MESSAGES[field.type_name])  # type: ignore[index]
        elif not field.repeated:
            out.append((doc, field))
        elif value:
            out.append((value, field._replace(repeated=False)))  # its first item
    return out


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
def test_every_bound_agrees(name: str) -> None:
    """Each scalar of the `full` vector on and beyond its bounds: reader and instance check agree with the full path."""
    accepted = refused = 0
    for i, (_, field) in enumerate(sites(full_document(name), MESSAGES[name])):
        for value in boundary_values(field):
            doc = full_document(name)
            holder, _ = sites(doc, MESSAGES[name])[i]
            holder[0 if isinstance(holder, list) else field.name] = copy.deepcopy(value)
            raw = encode(doc, name)
            if raw is not None:
                for strict in (False, True):
                    if check_reader(raw, name, strict=strict):
                        accepted += 1
                    else:
                        refused += 1
            check_instance(build(doc, name), name)
    assert accepted and refused


# --------------------------------------------------------------------------- edges


def test_every_model_has_a_codec() -> None:
    assert set(CODECS) == {model(name) for name in MESSAGES}


def test_explicit_zero_values_are_set() -> None:
    """Explicit presence: a zero value on the wire is set (price 0, offset 0.0); implicit presence: unset."""
    ticket = models.OrderTicket(id="t", event_id="e", barcode="b", category="c", price_nominal=0)
    order = models.Order(id="o", number="1", customer=models.Customer(email="a@b.co", phone="+12345678"),
                         tickets=[ticket])
    raw = order.to_proto()
    assert models.Order.from_proto(raw).tickets[0].price_nominal == 0
    event = models.Event.from_json(orjson.dumps({
        "id": "e", "name": "n", "status": "active", "category": "kids", "finish_at": 946684800000, "offset": 0,
        "organizer": {"id": "o", "name": "n"},
    }))
    back = models.Event.from_proto(event.to_proto())
    assert back.offset == 0.0 and type(back.offset) is float and back.start_at is None
    # `status` has implicit presence: its zero is unset, and required
    raw = encode({**orjson.loads(event.to_json()), "status": None}, "Event")
    assert raw is not None
    with pytest.raises(ContractError) as info:
        models.Event.from_proto(raw)
    assert (info.value.path, info.value.rule) == ("status", "required")


def test_lone_surrogates_take_the_full_path() -> None:
    """The instance check leaves UTF-8 to the encoders; both refuse, and the full path says where."""
    customer = models.Customer(email="a@b.co", phone="+12345678", first_name="\ud800")
    assert CODECS[models.Customer][1](customer) is True
    for encode_ in (customer.to_json, customer.to_proto):
        with pytest.raises(ContractError) as info:
            encode_()
        assert (info.value.path, info.value.rule) == ("first_name", "syntax")


def test_buffers_and_bad_bytes() -> None:
    customer = models.Customer(email="a@b.co", phone="+12345678")
    raw = customer.to_proto()
    for data in (bytearray(raw), memoryview(raw)):
        assert models.Customer.from_proto(data) == customer
    with pytest.raises(ContractError) as info:
        models.Customer.from_proto(b"\xff")
    assert info.value.rule == "syntax"
    with pytest.raises(ContractError) as info:
        models.Customer.from_proto("text")  # type: ignore[arg-type]
    assert info.value.rule == "type"
