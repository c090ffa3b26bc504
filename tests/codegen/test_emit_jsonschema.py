"""JSON Schema emitter: exact pieces from tiny hand-made models, then behaviour on the real contract."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from codegen.emit_jsonschema import VARIANTS, emit, schema
from codegen.ir import MAX_SAFE_INTEGER, Contracts, Doc, Enum, EnumValue, Field, Kind, Message, Rules

# --- tiny hand-made models -------------------------------------------------------------------


def field(
    name: str,
    kind: Kind = "string",
    *,
    required: bool = False,
    repeated: bool = False,
    type_name: str | None = None,
    rules: Rules = Rules(),
    title: str = "",
) -> Field:
    return Field(
        name=name, number=1, kind=kind, proto_type=type_name or kind, type_name=type_name,
        repeated=repeated, required=required, presence=not required, pii=False, rules=rules,
        doc=Doc(title),
    )


def message(name: str, *fields: Field, doc: Doc = Doc()) -> Message:
    return Message(name=name, full_name=f"vibe.test.v1.{name}", file="vibe/test/v1/test.proto",
                   fields=fields, doc=doc, topic=name.lower())


def value(json_: str | None, number: int, title: str = "", fallback: bool = False) -> EnumValue:
    return EnumValue(name=f"V_{number}", number=number, json=json_, fallback=fallback, doc=Doc(title))


STATUS = Enum("Status", "vibe.test.v1.Status", "vibe/test/v1/test.proto",
              (value(None, 0), value("active", 1, "On sale."), value("paused", 2)), Doc())
KIND = Enum("Kind", "vibe.test.v1.Kind", "vibe/test/v1/test.proto",
            (value(None, 0), value("ballet", 1), value("other", 2, fallback=True)), Doc())


def contracts_of(*messages: Message) -> Contracts:
    return Contracts(package="vibe.test.v1", version="1.0", messages=messages, enums=(STATUS, KIND))


def prop(f: Field, variant: str) -> dict[str, Any]:
    """The emitted schema of one field, inside a one-field message (beside a `Part` it may hold)."""
    contracts = contracts_of(message("Part", field("id")), message("Thing", f))
    return schema(contracts, "Thing", variant)["properties"][f.name]  # type: ignore[arg-type]


# --- exact pieces ----------------------------------------------------------------------------


def test_string_field_maps_each_rule_to_one_keyword() -> None:
    email = field("email", required=True, title="Email address.",
                  rules=Rules(min_len=3, max_len=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"))
    expected = {"title": "Email address.", "type": "string", "minLength": 3, "maxLength": 254,
                "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}
    assert prop(email, "writer") == expected
    assert prop(email, "reader") == expected  # required: never nullable


def test_optional_string_is_nullable_only_in_reader() -> None:
    name = field("name", rules=Rules(max_len=64))
    assert prop(name, "writer") == {"type": "string", "maxLength": 64}
    assert prop(name, "reader") == {"type": ["string", "null"], "maxLength": 64}


def test_integer_keeps_safe_bounds_and_exclusive_maximum() -> None:
    price = field("price", "int64", rules=Rules(minimum=0, maximum=MAX_SAFE_INTEGER))
    years_2000_2099 = Rules(minimum=946684800000, exclusive_maximum=4102444800000)
    start = field("start_at", "int64", required=True, rules=years_2000_2099)
    assert prop(price, "writer") == {"type": "integer", "minimum": 0, "maximum": 9007199254740991}
    assert prop(start, "reader") == {"type": "integer", "minimum": 946684800000, "exclusiveMaximum": 4102444800000}


def test_number_maps_range_and_multiple_of() -> None:
    offset = field("offset", "double", required=True, rules=Rules(minimum=-12, maximum=14, multiple_of=0.25))
    assert prop(offset, "writer") == {"type": "number", "minimum": -12, "maximum": 14, "multipleOf": 0.25}


def test_optional_enum_writer_vs_reader() -> None:
    status = field("status", "enum", type_name="Status")
    listing = "- `active`: On sale.\n- `paused`"
    assert prop(status, "writer") == {"description": listing, "type": "string", "enum": ["active", "paused"]}
    assert prop(status, "reader") == {
        "description": listing, "type": ["string", "null"], "enum": ["active", "paused", None],
    }


def test_fallback_enum_accepts_any_string_in_reader_only() -> None:
    kind = field("kind", "enum", type_name="Kind", required=True)
    listing = "- `ballet`\n- `other`"
    assert prop(kind, "writer") == {"description": listing, "type": "string", "enum": ["ballet", "other"]}
    assert prop(kind, "reader") == {
        "description": "Any string is accepted; an unknown one is read as `other`. Known values:\n" + listing,
        "type": "string",
    }


def test_message_field_is_a_ref_and_anyof_null_in_reader() -> None:
    part = field("part", "message", type_name="Part", title="The part.")
    assert prop(part, "writer") == {"title": "The part.", "$ref": "#/$defs/Part"}
    assert prop(part, "reader") == {"title": "The part.", "anyOf": [{"$ref": "#/$defs/Part"}, {"type": "null"}]}


def test_repeated_scalar_applies_string_rules_to_items() -> None:
    ids = field("ids", repeated=True, required=True,
                rules=Rules(min_len=1, max_len=128, min_items=1, max_items=1000, unique=True))
    assert prop(ids, "reader") == {
        "type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 128},
        "minItems": 1, "maxItems": 1000, "uniqueItems": True,
    }


def test_rules_json_schema_cannot_state_are_named_in_comment() -> None:
    parts = field("parts", "message", type_name="Part", repeated=True, rules=Rules(max_items=5, unique_by="id"))
    finish = field("finish_at", "int64", required=True, rules=Rules(not_before="start_at"))
    assert prop(parts, "reader") == {
        "$comment": "Not checked by this schema: items are unique by `id`.",
        "type": ["array", "null"], "items": {"$ref": "#/$defs/Part"}, "maxItems": 5,
    }
    assert prop(finish, "writer") == {
        "$comment": "Not checked by this schema: not before `start_at` when both are set.", "type": "integer",
    }


def test_whole_schema_writer_and_reader() -> None:
    part = message("Part", field("id", required=True))
    thing = message("Thing", field("b", "bool"), field("part", "message", type_name="Part", required=True),
                    field("a", required=True), doc=Doc("A thing.", "More about it."))
    contracts = contracts_of(part, thing)
    writer = schema(contracts, thing, "writer")
    assert writer == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:vibe-contracts:vibe.test.v1.Thing.writer.schema.json",
        "$comment": "@generated by vibe-contracts codegen from vibe/test/v1/test.proto "
        "(contract 1.0, writer form). Do not edit.",
        "title": "A thing.",
        "description": "More about it.",
        "type": "object",
        "properties": {"b": {"type": "boolean"}, "part": {"$ref": "#/$defs/Part"}, "a": {"type": "string"}},
        "required": ["part", "a"],
        "additionalProperties": False,
        "$defs": {"Part": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"],
                           "additionalProperties": False}},
    }
    assert list(writer) == ["$schema", "$id", "$comment", "title", "description", "type", "properties",
                            "required", "additionalProperties", "$defs"]
    reader = schema(contracts, thing, "reader")
    assert "additionalProperties" not in reader and "additionalProperties" not in reader["$defs"]["Part"]
    assert reader["properties"]["b"] == {"type": ["boolean", "null"]}


def test_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="variant"):
        schema(contracts_of(message("Thing")), "Thing", "lenient")  # type: ignore[arg-type]


# --- the real contract -----------------------------------------------------------------------

TOPICS = ["Organizer", "Event", "Order", "Refund", "Ticket"]
CUSTOMER = {"email": "anna@example.com", "phone": "+79161234567", "first_name": "Anna"}
ORGANIZER = {"id": "org-1", "name": "Bolshoi", "legals": {"name": "Bolshoi LLC", "type": "ru_ltd",
                                                           "inn": "7701234567", "ogrn": "1027700123456"}}
VALID: dict[str, dict[str, Any]] = {
    "Organizer": ORGANIZER,
    "Event": {
        "id": "ev-1", "group_id": "swan-lake", "name": "Swan Lake", "status": "active", "category": "ballet",
        "start_at": 1767283200000, "finish_at": 1767294000000, "offset": 3, "media": "https://img.example/1.jpg",
        "organizer": ORGANIZER, "venue": {"id": "v-1", "name": "Historic Stage", "city_name": "Moscow",
                                          "lat": 55.76, "lon": 37.62},
    },
    "Order": {
        "id": "o-1", "number": "A-1001", "customer": CUSTOMER,
        "tickets": [{"id": "t-1", "event_id": "ev-1", "barcode": "123456", "row": "5", "seat": "12",
                     "category": "Parterre", "price_nominal": 350000, "currency": "RUB"},
                    {"id": "t-2", "event_id": "ev-1", "barcode": "123457", "category": "Parterre"}],
    },
    "Refund": {"id": "r-1", "customer": CUSTOMER, "ticket_ids": ["t-1", "t-2"]},
    "Ticket": {
        "id": "t-1", "status": "used", "barcode": "123456", "customer": CUSTOMER, "event_id": "ev-1",
        "organizer_id": "org-1", "order_id": "o-1", "category": "Parterre", "price_nominal": 350000,
        "currency": "EUR",
    },
}
STATUS_FIELD = {"Event": "status", "Ticket": "status"}
OPTIONAL_FIELD = {"Organizer": "legals", "Event": "venue", "Order": "customer.first_name", "Refund": "id",
                  "Ticket": "currency"}


@pytest.fixture(scope="module")
def validators(contracts: Contracts) -> dict[tuple[str, str], Draft202012Validator]:
    return {(m, v): Draft202012Validator(schema(contracts, m, v)) for m in TOPICS for v in VARIANTS}


def changed(name: str, path: str, new: Any = None, *, delete: bool = False) -> dict[str, Any]:
    """A copy of the valid document with the value at a dotted path replaced or deleted."""
    doc = copy.deepcopy(VALID[name])
    *parents, last = path.split(".")
    target = doc
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if delete:
        del target[last]
    else:
        target[last] = new
    return doc


def verdicts(validators: dict, name: str, doc: dict[str, Any]) -> dict[str, bool]:
    return {v: validators[name, v].is_valid(doc) for v in VARIANTS}


def test_emit_writes_both_variants_of_every_topic(contracts: Contracts) -> None:
    files = emit(contracts)
    assert sorted(files) == sorted(f"contracts/jsonschema/vibe.integration.v1.{m}.{v}.schema.json"
                                   for m in TOPICS for v in VARIANTS)
    for path, text in files.items():
        assert text.endswith("}\n")
        assert json.loads(text)["$id"] == "urn:vibe-contracts:" + path.rsplit("/", 1)[1]
    assert emit(contracts) == files


@pytest.mark.parametrize("name", TOPICS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_schema_is_valid_draft_2020_12(contracts: Contracts, name: str, variant: str) -> None:
    Draft202012Validator.check_schema(schema(contracts, name, variant))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", TOPICS)
def test_realistic_document_is_valid_in_both_forms(validators: dict, name: str) -> None:
    for variant in VARIANTS:
        errors = [e.message for e in validators[name, variant].iter_errors(VALID[name])]
        assert errors == [], (variant, errors)


@pytest.mark.parametrize("name", TOPICS)
def test_null_optional_field_is_reader_only(validators: dict, name: str) -> None:
    doc = changed(name, OPTIONAL_FIELD[name], None)
    assert verdicts(validators, name, doc) == {"writer": False, "reader": True}


@pytest.mark.parametrize("name", TOPICS)
def test_unknown_key_is_reader_only(validators: dict, name: str) -> None:
    assert verdicts(validators, name, changed(name, "loyalty_level", "gold")) == {"writer": False, "reader": True}


def test_unknown_key_in_nested_message_is_reader_only(validators: dict) -> None:
    doc = changed("Event", "organizer.legals.kpp", "770101001")
    assert verdicts(validators, "Event", doc) == {"writer": False, "reader": True}


def test_unknown_category_is_reader_only(validators: dict) -> None:
    doc = changed("Event", "category", "opera")
    assert verdicts(validators, "Event", doc) == {"writer": False, "reader": True}


@pytest.mark.parametrize("name", sorted(STATUS_FIELD))
def test_unknown_status_is_invalid_in_both(validators: dict, name: str) -> None:
    doc = changed(name, STATUS_FIELD[name], "archived")
    assert verdicts(validators, name, doc) == {"writer": False, "reader": False}


BROKEN_RULES = {
    "currency-case": ("Order", "tickets.0.currency", "usd"),
    "legal-type": ("Organizer", "legals.type", "ru_llc"),
    "offset-step": ("Event", "offset", 3.3),
    "seconds-as-ms": ("Event", "start_at", 1767283200),
    "int-as-string": ("Event", "finish_at", "1767294000000"),
    "no-tickets": ("Order", "tickets", []),
    "duplicate-ids": ("Refund", "ticket_ids", ["t-1", "t-1"]),
    "phone": ("Ticket", "customer.phone", "89161234567"),
    "negative-price": ("Ticket", "price_nominal", -1),
    "null-required": ("Event", "status", None),
    "null-required-nested": ("Order", "customer.email", None),
}


@pytest.mark.parametrize(("name", "path", "new"), BROKEN_RULES.values(), ids=BROKEN_RULES)
def test_other_rules_hold_in_both(validators: dict, name: str, path: str, new: Any) -> None:
    assert verdicts(validators, name, changed(name, path, new)) == {"writer": False, "reader": False}


@pytest.mark.parametrize("name", TOPICS)
def test_too_long_id_is_invalid_in_both(validators: dict, name: str) -> None:
    assert verdicts(validators, name, changed(name, "id", "x" * 129)) == {"writer": False, "reader": False}


@pytest.mark.parametrize("name", TOPICS)
def test_missing_required_field_is_invalid_in_both(contracts: Contracts, validators: dict, name: str) -> None:
    for f in contracts.message(name).fields:
        if f.required:
            doc = changed(name, f.name, delete=True)
            assert verdicts(validators, name, doc) == {"writer": False, "reader": False}, f.name
