"""Data already parsed (`from_dict`), models built in code (`validate`, `replace`), the published schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator

from vibe_contracts import ContractError, Event, Order, OrderTicket, Violation, decode
from vibe_contracts.codec import MESSAGE_TYPES, MessageName
from vibe_contracts.errors import RULES
from vibe_contracts.schemas import json_schema

ROOT = Path(__file__).parents[2]
VECTORS = [json.loads(f.read_text()) for f in sorted((ROOT / "examples" / "vectors").glob("*.json"))]
JSON_CASES = [
    pytest.param(doc["message"], case["json"], strict, id=f"{doc['message']}-{case['name']}-{strict}")
    for doc in VECTORS for case in doc["valid"] + doc["invalid"] if "json" in case for strict in (False, True)
]


def first_valid(message: str) -> Any:
    return next(case["json"] for doc in VECTORS if doc["message"] == message for case in doc["valid"] if "json" in case)


ORDER, EVENT = first_valid("order"), first_valid("event")


def outcome(read: Any) -> Any:
    try:
        return read()
    except ContractError as exc:
        return exc.errors


@pytest.mark.parametrize(("message", "doc", "strict"), JSON_CASES)
def test_from_dict_gives_what_from_json_gives(message: str, doc: Any, strict: bool) -> None:
    cls = MESSAGE_TYPES[message]
    assert outcome(lambda: cls.from_dict(doc, strict=strict)) == outcome(
        lambda: cls.from_json(json.dumps(doc), strict=strict))


def test_from_dict_refuses_what_is_not_an_object() -> None:
    with pytest.raises(ContractError) as caught:
        Order.from_dict(b"{}")
    assert caught.value.errors == [Violation("", "type", "expected object, got bytes")]


def test_from_dict_refuses_keys_that_are_not_strings_in_strict_mode() -> None:
    with pytest.raises(ContractError) as caught:
        Order.from_dict({**ORDER, 1: "x"}, strict=True)
    assert [(v.path, v.rule) for v in caught.value.errors] == [('["1"]', "unknown_field")]
    assert Order.from_dict({**ORDER, 1: "x"}) == Order.from_dict(ORDER)


def test_validate_returns_every_violation_without_encoding() -> None:
    order = Order.from_dict(ORDER)
    assert order.validate() == []
    broken = order.replace(id="", tickets=[order.tickets[0], order.tickets[0]])
    assert [(v.path, v.rule) for v in broken.validate()] == [("id", "min_length"), ("tickets[1].id", "unique")]
    with pytest.raises(ContractError) as caught:
        broken.validate(raises=True)
    assert caught.value.errors == broken.validate()


def test_validate_tolerant_accepts_an_unknown_category_strict_refuses() -> None:
    event = Event.from_dict(EVENT).replace(category="circus-on-ice")
    assert event.validate(strict=False) == []
    assert [(v.path, v.rule) for v in event.validate()] == [("category", "enum")]


def test_validate_reports_a_value_json_cannot_carry() -> None:
    ticket = Order.from_dict(ORDER).tickets[0].replace(id=object())
    assert [v.rule for v in ticket.validate()] == ["type"]


def test_replace_changes_only_the_named_fields() -> None:
    order = Order.from_dict(ORDER)
    changed = order.replace(number="A-2")
    assert changed.number == "A-2" and order.number == ORDER["number"]
    assert changed.replace(number=order.number) == order
    assert isinstance(changed.tickets[0], OrderTicket)
    with pytest.raises(TypeError):
        order.replace(no_such_field=1)


def test_rules_name_every_rule_the_vectors_use() -> None:
    hostile = [json.loads(f.read_text()) for f in sorted((ROOT / "examples" / "vectors" / "hostile").glob("*.json"))]
    used = {e["rule"] for doc in VECTORS for case in doc["invalid"] for e in case["errors"]}
    used |= {e["rule"] for doc in hostile for case in doc["cases"] for e in case.get("errors", [])}
    assert used <= set(RULES)
    assert len(set(RULES)) == len(RULES)


@pytest.mark.parametrize("message", get_args(MessageName))
@pytest.mark.parametrize("form", ["writer", "reader"])
def test_json_schema_is_the_published_file(message: str, form: str) -> None:
    full_name = f"vibe.integration.v1.{MESSAGE_TYPES[message].__name__}"
    published = json.loads((ROOT / "contracts" / "jsonschema" / f"{full_name}.{form}.schema.json").read_text())
    schema = json_schema(message, form)  # type: ignore[arg-type]
    assert schema == published
    Draft202012Validator.check_schema(schema)
    schema["title"] = "changed"
    assert json_schema(message, form) == published  # each call gives a fresh copy  # type: ignore[arg-type]


def test_json_schema_refuses_unknown_names_and_forms() -> None:
    with pytest.raises(ValueError, match="unknown message type 'customer'"):
        json_schema("customer")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown form 'strict'"):
        json_schema("order", "strict")  # type: ignore[arg-type]


def test_decode_by_name_gives_the_model() -> None:
    assert type(decode("order", json.dumps(ORDER))) is Order


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview])
def test_decode_reads_any_bytes_like_value(wrap: Any) -> None:
    order = Order.from_dict(ORDER)
    assert decode("order", wrap(order.to_json())) == order
    assert decode("order", wrap(order.to_proto()), format="protobuf") == order


def test_msgspec_convert_is_not_a_way_in_the_readme_says_why() -> None:
    """The pitfall the README warns of: the annotations do not carry every rule."""
    import msgspec

    bad = {**ORDER, "customer": {**ORDER["customer"], "email": "not-an-email"},
           "tickets": [ORDER["tickets"][0], ORDER["tickets"][0]]}
    assert msgspec.convert(bad, Order).customer.email == "not-an-email"  # accepted
    with pytest.raises(ContractError) as caught:
        Order.from_dict(bad)
    assert [(v.path, v.rule) for v in caught.value.errors] == [("customer.email", "pattern"), ("tickets[1].id", "unique")]
    readme = (ROOT / "README.md").read_text()
    assert "**Not** `msgspec.convert(payload, Order)`" in readme
