"""The published JSON Schemas of one major, as shipped in the package (`vibe_contracts.schemas` has the newest's)."""

from __future__ import annotations

import copy
from functools import cache
from importlib.resources import files
from typing import Any, Literal

import orjson

from ._major import Major

__all__ = ["Form", "major_schema"]

Form = Literal["writer", "reader"]


def major_schema(major: Major, message: str, form: str = "writer") -> dict[str, Any]:
    """The JSON Schema of the topic message `message` (`"order"`, …) of `major`; a fresh copy each call."""
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
