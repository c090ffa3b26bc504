"""The models as pydantic v2 fields and FastAPI bodies: the library validates, pydantic reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi import Body, FastAPI
from pydantic import BaseModel, ValidationError
from starlette.testclient import TestClient

from vibe_contracts import (
    ContractError, Customer, Event, Legals, Order, OrderTicket, Organizer, Refund, Ticket, Venue,
)
from vibe_contracts._pydantic import json_schema, loc
from vibe_contracts.schemas import json_schema as published

ROOT = Path(__file__).parents[2]
ORDER = next(c["json"] for c in json.loads((ROOT / "examples/vectors/order.json").read_text())["valid"] if "json" in c)
BROKEN = {**ORDER, "id": "", "tickets": [{**ORDER["tickets"][0], "currency": "XXX"}]}


class Request(BaseModel):
    order: Order
    note: str = ""


def test_a_model_field_is_validated_by_the_library() -> None:
    assert Request.model_validate({"order": ORDER}).order == Order.from_dict(ORDER)
    assert Request.model_validate_json(json.dumps({"order": ORDER})).order == Order.from_dict(ORDER)
    assert Request(order=Order.from_dict(ORDER)).order == Order.from_dict(ORDER)


def test_violations_become_pydantic_errors_with_paths_and_no_input() -> None:
    with pytest.raises(ValidationError) as caught:
        Request.model_validate({"order": BROKEN})
    with pytest.raises(ContractError) as contract:
        Order.from_dict(BROKEN)
    assert caught.value.errors(include_url=False) == [
        {"type": f"contract_{v.rule}", "loc": ("order", *loc(v.path)), "msg": v.message, "input": "**Hidden**"}
        for v in contract.value.errors
    ]
    assert [e["loc"] for e in caught.value.errors()] == [("order", "id"), ("order", "tickets", 0, "currency")]
    assert "guest@example.com" not in str(caught.value)


def test_a_field_that_is_not_an_object_is_a_type_error() -> None:
    with pytest.raises(ValidationError) as caught:
        Request.model_validate({"order": 3})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [("contract_type", ("order",))]


@pytest.mark.parametrize(("path", "steps"), [
    ("", ()), ("id", ("id",)), ("tickets[2].currency", ("tickets", 2, "currency")),
    ('customer["odd key"]', ("customer", "odd key")), ('a["x\\"]y"][0]', ("a", 'x"]y', 0)),
])
def test_paths_become_locations(path: str, steps: tuple[Any, ...]) -> None:
    assert loc(path) == steps


def test_dumping_gives_the_json_form_and_refuses_an_invalid_model() -> None:
    request = Request.model_validate({"order": ORDER})
    assert json.loads(request.model_dump_json()) == {"order": ORDER, "note": ""}
    assert request.model_dump()["order"] == ORDER
    with pytest.raises(Exception, match="min_length"):
        Request(order=request.order.replace(id="")).model_dump_json()


def test_json_schema_is_the_writer_schema_standing_alone() -> None:
    schema = json_schema(Order)
    assert "$ref" not in json.dumps(schema) and "$defs" not in schema
    writer = published("order")
    assert schema["properties"]["tickets"]["items"]["properties"] == (
        writer["$defs"]["OrderTicket"]["properties"])
    assert schema["required"] == writer["required"] and schema["additionalProperties"] is False
    assert Request.model_json_schema()["properties"]["order"] == schema


def test_a_part_of_a_message_is_a_field_too() -> None:
    class Contact(BaseModel):
        customer: Customer

    customer = ORDER["customer"]
    assert Contact.model_validate({"customer": customer}).customer == Customer.from_dict(customer)
    with pytest.raises(ValidationError) as caught:
        Contact.model_validate({"customer": {**customer, "phone": "12"}})
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [("contract_pattern", ("customer", "phone"))]
    assert Contact.model_json_schema()["properties"]["customer"] == published("order")["$defs"]["Customer"]


def app() -> FastAPI:
    api = FastAPI()

    @api.post("/orders")
    def renumber(order: Annotated[Order, Body()]) -> Order:
        return order.replace(number="A-2")

    return api


def test_fastapi_body_is_validated_and_the_response_is_the_json_form() -> None:
    client = TestClient(app())
    response = client.post("/orders", json=ORDER)
    assert response.status_code == 200 and response.json() == {**ORDER, "number": "A-2"}
    refused = client.post("/orders", json=BROKEN)
    assert refused.status_code == 422
    assert [(e["type"], e["loc"]) for e in refused.json()["detail"]] == [
        ("contract_min_length", ["body", "id"]), ("contract_enum", ["body", "tickets", 0, "currency"])]


def test_fastapi_openapi_holds_the_writer_schema() -> None:
    operation = app().openapi()["paths"]["/orders"]["post"]
    untitled = {k: v for k, v in json_schema(Order).items() if k != "title"}  # FastAPI titles a body by its parameter
    for schema in (operation["requestBody"]["content"]["application/json"]["schema"],
                   operation["responses"]["200"]["content"]["application/json"]["schema"]):
        assert {k: v for k, v in schema.items() if k != "title"} == untitled


@pytest.mark.parametrize("model", [Customer, Legals, Organizer, Venue, Event, OrderTicket, Order, Refund, Ticket])
def test_every_model_has_a_json_schema_standing_alone(model: type[Any]) -> None:
    schema = json_schema(model)
    assert "$ref" not in json.dumps(schema) and schema["type"] == "object"
    assert set(schema["properties"]) == set(model.__struct_fields__)
