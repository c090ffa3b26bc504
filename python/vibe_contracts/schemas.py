"""The published JSON Schemas (Draft 2020-12) of the topic messages, as shipped in the package.

The *writer* form holds what producers must send (strict: no unknown keys, no
nulls of optional fields); the *reader* form what consumers accept (tolerant).
A few rules are beyond JSON Schema (ticket ids unique within an order,
`finish_at` not before `start_at`); each schema names them in a `$comment`,
and the library's own validator checks them (docs/spec.md §3).
"""

from __future__ import annotations

import copy
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import orjson

from ._gen.rules import MESSAGES
from .codec import MESSAGE_TYPES, MessageName

__all__ = ["Form", "json_schema"]

Form = Literal["writer", "reader"]


def json_schema(message: MessageName, form: Form = "writer") -> dict[str, Any]:
    """The JSON Schema of `message` (`"order"`, …) in the writer or reader form; a fresh copy each call."""
    if message not in MESSAGE_TYPES:
        raise ValueError(f"unknown message type {message!r}; expected one of {', '.join(MESSAGE_TYPES)}")
    if form not in ("writer", "reader"):
        raise ValueError(f"unknown form {form!r}; expected 'writer' or 'reader'")
    return copy.deepcopy(_load(MESSAGE_TYPES[message].__name__, form))


@cache
def _load(name: str, form: str) -> dict[str, Any]:
    path = files("vibe_contracts") / "_gen" / "jsonschema" / f"{MESSAGES[name].full_name}.{form}.schema.json"
    schema: dict[str, Any] = orjson.loads(path.read_bytes())
    return schema
