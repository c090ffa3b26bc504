"""The libraries a Python user would pick instead, each given the contract's rules.

Models are built from the generated JSON Schema of each message (the reader
form for decode, the writer form for encode), so they carry the same lengths,
patterns, ranges, enums, item counts and `uniqueItems`. The rules a JSON Schema
cannot say (`$comment` "Not checked by this schema") are added by hand where the
library has a place for them, as its users would:

- pydantic v2: everything, the three cross-field rules as validators (ticket ids
  unique within an order, `finish_at` not before `start_at`, an unknown
  `category` read as `other`). String lengths count code points, as here.
- msgspec alone: the annotations only (`Meta` lengths, patterns, ranges,
  `multiple_of`, `Literal` enums). It skips what `SKIPPED["msgspec"]` lists.

Neither refuses a repeated key (both keep the last value), and neither refuses
a lone surrogate written as `\\ud800`; the library does both.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any, Literal

import msgspec
import pydantic
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from payloads import ROOT

#: what each peer does not check of the contract
SKIPPED = {
    "pydantic": "repeated keys",
    "msgspec": "ticket ids unique within an order, finish_at ≥ start_at, the category fallback, repeated keys",
}
#: the rules JSON Schema cannot say: message → (field, key its items are unique by)
UNIQUE_BY = {"Order": ("tickets", "id")}
#: message → (field, field it may not be before)
NOT_BEFORE = {"Event": ("finish_at", "start_at")}
#: message → (field, value an unknown one becomes in the reader form)
FALLBACK = {"Event": ("category", "other")}
NAMES = {"organizer": "Organizer", "event": "Event", "order": "Order", "refund": "Refund", "ticket": "Ticket"}


def schema(message: str, form: str) -> dict[str, Any]:
    path = ROOT / "contracts" / "jsonschema" / f"vibe.integration.v1.{NAMES[message]}.{form}.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _python_pattern(pattern: str) -> str:
    """For `re` (msgspec): `$` would also match before a final newline, `\\Z` does not."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern


def _split(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The non-null part of a property and whether null is allowed."""
    if "anyOf" in node:
        (inner,) = [a for a in node["anyOf"] if a.get("type") != "null"]
        return inner, True
    kind = node.get("type")
    if isinstance(kind, list):
        rest = [t for t in kind if t != "null"]
        return {**node, "type": rest[0]}, "null" in kind
    return node, False


class _Builder:
    """One JSON Schema (with `$defs`) → pydantic models or msgspec Structs, one class per object."""

    def __init__(self, message: str, lib: str, strict: bool) -> None:
        self.message, self.lib, self.strict = message, lib, strict
        self.root = schema(message, "writer" if strict else "reader")
        self.made: dict[str, Any] = {}

    def object(self, name: str, node: dict[str, Any]) -> Any:
        if name in self.made:
            return self.made[name]
        required = set(node.get("required", ()))
        fields: dict[str, tuple[Any, Any]] = {}
        for key, prop in node["properties"].items():
            inner, nullable = _split(prop)
            kind = self.value(inner, name, key)
            if key in required:
                fields[key] = (kind, ...)
            else:  # the reader form: null means absent; the writer form: absent is fine, null is not
                fields[key] = (kind | None if nullable else kind, None)
        self.made[name] = self._class(name, fields)
        return self.made[name]

    def value(self, node: dict[str, Any], owner: str, key: str) -> Any:
        if "$ref" in node:
            ref = node["$ref"].rsplit("/", 1)[1]
            return self.object(ref, self.root["$defs"][ref])
        kind = node.get("type")
        fallback = FALLBACK.get(owner)
        if "enum" in node and not (fallback and fallback[0] == key and not self.strict):
            return Literal[tuple(v for v in node["enum"] if v is not None)]
        if kind == "string":
            return self._string(node, owner, key)
        if kind in ("integer", "number"):
            return self._number(node, int if kind == "integer" else float)
        if kind == "array":
            item = self.value(node["items"], owner, key)
            return self._array(node, item)
        raise ValueError(f"{owner}.{key}: no peer type for {node}")

    def _string(self, node: dict[str, Any], owner: str, key: str) -> Any:
        pattern, low, high = node.get("pattern"), node.get("minLength"), node.get("maxLength")
        if self.lib == "msgspec":
            python = None if pattern is None else _python_pattern(pattern)
            return Annotated[str, msgspec.Meta(min_length=low, max_length=high, pattern=python)]
        # pydantic's default engine (Rust `regex`) reads `$` as the end of the text, as ECMAScript does
        kind: Any = Annotated[str, StringConstraints(min_length=low, max_length=high, pattern=pattern)]
        fallback = FALLBACK.get(owner)
        if fallback and fallback[0] == key:
            known = frozenset(self._known(owner, key))
            kind = Annotated[kind, AfterValidator(lambda v: v if v in known else fallback[1])]
        return kind

    def _known(self, owner: str, key: str) -> list[str]:
        """The known values of a fallback enum, from the writer form (the reader form takes any string)."""
        writer = schema(self.message, "writer")
        node = writer if owner == NAMES[self.message] else writer["$defs"][owner]
        return node["properties"][key]["enum"]

    def _number(self, node: dict[str, Any], base: type) -> Any:
        bounds = {"ge": node.get("minimum"), "le": node.get("maximum"), "lt": node.get("exclusiveMaximum"),
                  "multiple_of": node.get("multipleOf")}
        bounds = {k: v for k, v in bounds.items() if v is not None}
        if self.lib == "msgspec":
            return Annotated[base, msgspec.Meta(**bounds)]
        if base is float:
            return Annotated[float, Field(**bounds, allow_inf_nan=False)]
        return Annotated[int, Field(**bounds)]

    def _array(self, node: dict[str, Any], item: Any) -> Any:
        low, high = node.get("minItems"), node.get("maxItems")
        if self.lib == "msgspec":
            return Annotated[list[item], msgspec.Meta(min_length=low, max_length=high)]
        kind: Any = Annotated[list[item], Field(min_length=low, max_length=high)]
        if node.get("uniqueItems"):
            kind = Annotated[kind, AfterValidator(_unique)]
        return kind

    def _class(self, name: str, fields: dict[str, Any]) -> Any:
        if self.lib == "msgspec":
            spec = [(k, t, msgspec.field(default=None)) if d is None else (k, t) for k, (t, d) in fields.items()]
            spec.sort(key=lambda f: len(f) == 3)  # required fields first
            return msgspec.defstruct(name, spec, forbid_unknown_fields=self.strict, omit_defaults=True)
        validators: dict[str, Any] = {}
        if name in UNIQUE_BY:
            field, by = UNIQUE_BY[name]
            validators["unique"] = pydantic.field_validator(field)(_unique_by(by))
        if name in NOT_BEFORE:
            later, earlier = NOT_BEFORE[name]
            validators["order"] = pydantic.model_validator(mode="after")(_not_before(later, earlier))
        config = ConfigDict(extra="forbid" if self.strict else "ignore", strict=True)  # no "3" for 3
        return pydantic.create_model(name, __config__=config, __validators__=validators,
                                     **{k: (t, d) for k, (t, d) in fields.items()})


def _unique(items: list[Any]) -> list[Any]:
    if len(set(items)) != len(items):
        raise ValueError("items must be unique")
    return items


def _unique_by(key: str) -> Any:
    def check(cls: Any, items: list[Any]) -> list[Any]:
        if len({getattr(x, key) for x in items}) != len(items):
            raise ValueError(f"items must be unique by {key}")
        return items
    return classmethod(check)


def _not_before(later: str, earlier: str) -> Any:
    def check(self: Any) -> Any:
        a, b = getattr(self, later), getattr(self, earlier)
        if a is not None and b is not None and a < b:
            raise ValueError(f"{later} is before {earlier}")
        return self
    return check


@cache
def model(lib: str, message: str, strict: bool) -> Any:
    """The peer class of `message`: the writer form when `strict`, else the reader form."""
    builder = _Builder(message, lib, strict)
    return builder.object(NAMES[message], builder.root)
