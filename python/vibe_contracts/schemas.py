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

from ._gen.current import MAJOR
from ._major import Major
from .codec import MessageName

__all__ = ["Form", "json_schema"]

Form = Literal["writer", "reader"]


def json_schema(message: MessageName, form: Form = "writer") -> dict[str, Any]:
    """The JSON Schema of `message` (`"order"`, …) in the writer or reader form; a fresh copy each call.

    The schemas of the newest major, as the rest of the top-level API.
    """
    return major_schema(MAJOR, message, form)


def major_schema(major: Major, message: str, form: str = "writer") -> dict[str, Any]:
    """`json_schema` of the topic message `message` of `major`."""
    if message not in major.message_types:
        raise ValueError(f"unknown message type {message!r}; expected one of {', '.join(major.message_types)}")
    if form not in ("writer", "reader"):
        raise ValueError(f"unknown form {form!r}; expected 'writer' or 'reader'")
    return copy.deepcopy(_load(major.spec(major.message_types[message]).full_name, form))


@cache
def _load(full_name: str, form: str) -> dict[str, Any]:
    path = files("vibe_contracts") / "_gen" / "jsonschema" / f"{full_name}.{form}.schema.json"
    schema: dict[str, Any] = orjson.loads(path.read_bytes())
    return schema
