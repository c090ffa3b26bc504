"""The models as pydantic v2 fields and FastAPI bodies (pydantic is optional: imported only here).

Validation is this library's own: a JSON text (bytes or str) is decoded with
`from_json`, plain data with `from_dict`, a model instance is taken as it is;
tolerant reader rules, as everywhere a message is read. Each violation becomes
one pydantic line error: type `contract_<rule>`, the JSON path as `loc`, the
library's message as `msg`, and the input hidden, since a message may carry
personal data (docs/spec.md §6). Serialization gives the JSON form, checked
strictly as `to_json` checks it. The JSON Schema is the writer schema (what a
client must send), its definitions inlined so that it stands alone inside an
OpenAPI document.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
from pydantic_core import PydanticCustomError, ValidationError, core_schema as cs

from ._major import major_of
from ._model import HIDDEN, Contract
from ._schemas import major_schema
from .errors import ContractError

__all__ = ["core_schema", "json_schema", "loc"]

# one step of a JSON path: `.name`, `name` at the start, `[3]` or `["odd key"]`
_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def loc(path: str) -> tuple[str | int, ...]:
    """A JSON path (`tickets[2].currency`, `a["odd key"]`) as a pydantic location."""
    steps: list[str | int] = []
    for m in _STEP.finditer(path):
        name, index, quoted = m.groups()
        steps.append(name if name is not None else int(index) if index is not None else json.loads(quoted))
    return tuple(steps)


def core_schema(cls: type[Contract]) -> cs.CoreSchema:
    def validate(value: Any) -> Contract:
        if isinstance(value, cls):
            return value
        try:
            return cls.from_json(value) if isinstance(value, (bytes, bytearray, str)) else cls.from_dict(value)
        except ContractError as exc:
            raise ValidationError.from_exception_data(cls.__name__, [
                {"type": PydanticCustomError(f"contract_{v.rule}", v.message), "loc": loc(v.path), "input": HIDDEN}
                for v in exc.errors
            ]) from None

    # Serializing is writing: strictly valid, or a ContractError, as `to_json`.
    return cs.no_info_plain_validator_function(
        validate, serialization=cs.plain_serializer_function_ser_schema(lambda m: orjson.loads(m.to_json())),
    )


def json_schema(cls: type[Contract]) -> dict[str, Any]:
    """The writer schema of a topic message, or of a part of one (Customer, Venue, …) as a topic schema defines it.

    The schemas of the model's own major.
    """
    name, major = cls.__name__, major_of(cls)
    for message in major.message_types:
        schema = major_schema(major, message)
        definitions = schema.pop("$defs", {})
        if message == name.lower():
            for key in ("$schema", "$id", "$comment"):
                schema.pop(key, None)
        elif name in definitions:
            schema = definitions[name]
        else:
            continue
        inlined: dict[str, Any] = _inline(schema, definitions)
        return inlined
    raise ValueError(f"no published schema defines {name}")


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    """`node` with every `#/$defs/X` reference replaced by X (the contract has no recursive types)."""
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline(v, definitions) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline(definitions[ref.removeprefix("#/$defs/")], definitions)
        out = {**target, **out}  # the referring title wins over the definition's
    return out
