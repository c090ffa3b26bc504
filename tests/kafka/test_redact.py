"""Personal data out of logs (docs/spec.md §6): `redact`, `describe_record`, `RedactingFilter`."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examples.python.producer import VECTORS, vector
from vibe_contracts import Contract, ContractError, Customer, decode
from vibe_contracts._gen.v1.rules import MESSAGES, TOPICS
from vibe_contracts.kafka import decode_record, encode_record
from vibe_contracts.redact import HIDDEN, RedactingFilter, describe_record, redact

TOPIC_OF = {name.lower(): topic for topic, name in TOPICS.items()}
WITH_CUSTOMER = ("order", "refund", "ticket")
CUSTOMER_FIELDS = ("email", "phone", "first_name", "last_name")
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- helpers


def flatten(data: Any, path: str = "") -> dict[str, Any]:
    """Leaves of a JSON document by path (`tickets[0].id`)."""
    if isinstance(data, dict):
        return {p: v for key, value in data.items()
                for p, v in flatten(value, f"{path}.{key}" if path else key).items()}
    if isinstance(data, list):
        return {p: v for i, value in enumerate(data) for p, v in flatten(value, f"{path}[{i}]").items()}
    return {path: data}


def pii_paths(data: dict[str, Any], message: str, path: str = "") -> set[str]:
    """Paths of the values the rule tables mark as personal data, in a JSON-form document."""
    found: set[str] = set()
    for field in MESSAGES[message].fields:
        if data.get(field.name) is None:
            continue
        here = f"{path}.{field.name}" if path else field.name
        values = data[field.name] if field.repeated else [data[field.name]]
        for i, value in enumerate(values):
            at = f"{here}[{i}]" if field.repeated else here
            if field.pii:
                found.add(at)
            elif field.kind == "message":
                found |= pii_paths(value, field.type_name or "", at)
    return found


def customers_in(message: Contract) -> Iterator[Customer]:
    customer = getattr(message, "customer", None)
    if customer is not None:
        yield customer


def pii_values(message: Contract) -> list[str]:
    return [v for c in customers_in(message) for f in CUSTOMER_FIELDS if (v := getattr(c, f)) is not None]


def forms(value: str) -> set[str]:
    """How a value could show up in a log line: as is, or escaped as JSON."""
    return {value, json.dumps(value, ensure_ascii=False)[1:-1], json.dumps(value)[1:-1]}


def with_placeholder_customer(message: Contract) -> Contract:
    """The same message with every present customer field replaced by a neutral placeholder."""
    customer = message.customer  # type: ignore[attr-defined]
    placeholder = {f: f"placeholder-{f}" for f in CUSTOMER_FIELDS if getattr(customer, f) is not None}
    placeholder["email"] = "placeholder@example.invalid"
    placeholder["phone"] = "+10000000000"
    return msgspec.structs.replace(message, customer=msgspec.structs.replace(customer, **placeholder))


def valid_vectors() -> list[tuple[str, str]]:
    cases = []
    for message in TOPIC_OF:
        document = json.loads((VECTORS / f"{message}.json").read_text(encoding="utf-8"))
        cases += [(message, case["name"]) for case in document["valid"] if "json" in case]
    return cases


_CUSTOMER = {field.name: field for field in MESSAGES["Customer"].fields}


def _pattern(name: str) -> st.SearchStrategy[str]:
    return st.from_regex(_CUSTOMER[name].pattern or "", fullmatch=True)


customers = st.builds(
    Customer,
    email=_pattern("email").filter(lambda s: len(s) <= 250),
    phone=_pattern("phone"),
    first_name=st.none() | st.text(min_size=1, max_size=40),
    last_name=st.none() | st.text(min_size=1, max_size=40),
)


# --------------------------------------------------------------------------- redact


def test_the_pii_marks_are_exactly_the_customer_fields() -> None:
    marked = {(m.name, f.name) for m in MESSAGES.values() for f in m.fields if f.pii}
    assert marked == {("Customer", f) for f in CUSTOMER_FIELDS}
    assert HIDDEN == "**Hidden**"


@pytest.mark.parametrize(("message", "case"), valid_vectors())
def test_redact_masks_exactly_the_pii_fields(message: str, case: str) -> None:
    original = vector(message, case)
    plain, masked = flatten(original.to_dict()), flatten(redact(original))
    assert masked.keys() == plain.keys()
    changed = {path for path in plain if masked[path] != plain[path]}
    expected = pii_paths(original.to_dict(), type(original).__name__)
    assert changed == expected
    assert all(masked[path] == HIDDEN for path in expected)


@pytest.mark.parametrize("message", WITH_CUSTOMER)
def test_the_nested_customer_is_masked_and_nothing_else(message: str) -> None:
    original = vector(message, "full")
    masked = redact(original)
    assert masked["customer"] == dict.fromkeys(CUSTOMER_FIELDS, HIDDEN)
    assert {k: v for k, v in masked.items() if k != "customer"} == {
        k: v for k, v in original.to_dict().items() if k != "customer"}
    assert original.customer.email != HIDDEN  # type: ignore[attr-defined]  # the message itself is untouched


def test_absent_optional_pii_fields_stay_absent() -> None:
    masked = redact(vector("order", "minimal"))
    assert masked["customer"] == {"email": HIDDEN, "phone": HIDDEN}


# --------------------------------------------------------------------------- describe_record


@pytest.mark.parametrize(("message", "case"), valid_vectors())
def test_describe_record_of_a_vector_carries_no_personal_data(message: str, case: str) -> None:
    decoded = vector(message, case)
    record = encode_record(decoded, application_id="ticketland", key="k")
    line = describe_record(TOPIC_OF[message], record.key, record.headers, decoded)
    assert f"topic={TOPIC_OF[message]}" in line and "ticketland" in line
    if message in WITH_CUSTOMER:
        baseline = describe_record(TOPIC_OF[message], record.key, record.headers, with_placeholder_customer(decoded))
        leaked = [v for v in pii_values(decoded) for form in forms(v) if form in line and form not in baseline]
        assert leaked == []
        assert line == baseline


@PROPERTY
@given(customer=customers, message=st.sampled_from(WITH_CUSTOMER))
def test_describe_record_does_not_depend_on_the_customer(customer: Customer, message: str) -> None:
    decoded = msgspec.structs.replace(vector(message, "full"), customer=customer)
    record = encode_record(decoded, application_id="ticketland")
    line = describe_record(TOPIC_OF[message], record.key, record.headers, decoded)
    baseline = describe_record(TOPIC_OF[message], record.key, record.headers, with_placeholder_customer(decoded))
    assert line == baseline


def _rejected_line(message: str, customer: dict[str, Any], breakage: str) -> str:
    """describe_record of a record that carries `customer` and is refused for `breakage`."""
    document = vector(message, "full").to_dict()
    document["customer"] = customer
    headers = [("content-type", b"application/json"), ("schema-version", b"1.0"), ("application-id", b"ticketland")]
    if breakage == "email":
        document["customer"] = {**customer, "email": customer["email"] + " "}
    elif breakage == "major":
        headers[1] = ("schema-version", b"2.0")
    elif breakage == "required":
        name = type(vector(message, "full")).__name__
        del document[next(f.name for f in MESSAGES[name].fields if f.required and f.name != "customer")]
    value = json.dumps(document, ensure_ascii=False).encode()
    with pytest.raises(ContractError) as caught:
        decode_record(value, headers, topic=TOPIC_OF[message])
    return describe_record(TOPIC_OF[message], b"k", headers, None, error=caught.value)


@PROPERTY
@given(customer=customers, message=st.sampled_from(WITH_CUSTOMER),
       breakage=st.sampled_from(["email", "major", "required"]))
def test_describe_record_of_a_rejected_record_carries_no_personal_data(
    customer: Customer, message: str, breakage: str,
) -> None:
    drawn = msgspec.to_builtins(customer)
    line = _rejected_line(message, drawn, breakage)
    placeholder = {f: ("placeholder@example.invalid" if f == "email" else "+10000000000" if f == "phone"
                       else f"placeholder-{f}") for f in drawn}
    assert line == _rejected_line(message, placeholder, breakage)
    assert "rejected=ContractError" in line


def invalid_vectors_with_a_customer() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for message in WITH_CUSTOMER:
        document = json.loads((VECTORS / f"{message}.json").read_text(encoding="utf-8"))
        cases += [(message, case) for case in document["invalid"]
                  if isinstance(case.get("json"), dict) and isinstance(case["json"].get("customer"), dict)]
    return cases


@pytest.mark.parametrize(("message", "case"), invalid_vectors_with_a_customer(),
                         ids=lambda v: v["name"] if isinstance(v, dict) else v)
def test_describe_record_of_a_rejected_vector_names_paths_and_rules_only(message: str, case: dict[str, Any]) -> None:
    with pytest.raises(ContractError) as caught:
        decode(message, json.dumps(case["json"]), strict="tolerant" not in case["modes"])
    line = describe_record(TOPIC_OF[message], b"k", [], None, error=caught.value)
    assert all(f"{e['path'] or '<root>'} {e['rule']}" in line for e in case["errors"])
    values = [v for v in case["json"]["customer"].values() if isinstance(v, str) and v]
    assert [v for v in values for form in forms(v) if form in line] == []


def test_describe_record_shows_only_the_type_of_a_foreign_error() -> None:
    line = describe_record("orders", b"k", [], None, error=ValueError("could not reach anna.petrova@example.ru"))
    assert "anna.petrova" not in line
    assert "rejected=ValueError" in line


# --------------------------------------------------------------------------- RedactingFilter


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A fresh logger writing to a string, with a RedactingFilter on the logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger(f"test.redact.{id(stream)}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    logger.addFilter(RedactingFilter())
    yield logger, stream
    logger.removeHandler(handler)


def test_the_filter_masks_models_in_positional_arguments(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    order = vector("order", "full")
    logger.info("got %s and %r, %d tickets", order, vector("refund", "full"), len(order.tickets))
    output = stream.getvalue()
    assert [v for v in pii_values(order) if v in output] == []
    assert output.count(HIDDEN) == 8 and "ORD-1001" in output and "3 tickets" in output


def test_the_filter_masks_models_in_mapping_arguments(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    ticket = vector("ticket", "full")
    logger.info("ticket %(ticket)s for %(who)s", {"ticket": ticket, "who": "gate 3"})
    output = stream.getvalue()
    assert [v for v in pii_values(ticket) if v in output] == []
    assert HIDDEN in output and "gate 3" in output


def test_the_filter_on_a_handler_covers_child_loggers() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    parent = logging.getLogger(f"test.redact.parent{id(stream)}")
    parent.setLevel(logging.INFO)
    parent.propagate = False
    parent.addHandler(handler)
    try:
        order = vector("order", "full")
        parent.getChild("orders").info("got %s", order)
    finally:
        parent.removeHandler(handler)
    output = stream.getvalue()
    assert [v for v in pii_values(order) if v in output] == []
    assert HIDDEN in output


def test_the_filter_masks_a_model_logged_as_the_message(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    order = vector("order", "full")
    logger.info(order)
    output = stream.getvalue()
    assert "ORD-1001" in output
    assert [v for v in pii_values(order) if v in output] == []


def test_the_filter_masks_models_inside_a_list_argument(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    orders = [vector("order", "full"), vector("order", "minimal")]
    logger.info("batch %s", orders)
    output = stream.getvalue()
    assert "ORD-1001" in output
    assert [v for o in orders for v in pii_values(o) if v in output] == []
