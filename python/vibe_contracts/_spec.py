"""The shapes of the generated rule tables (`_gen/v<N>/rules.py`, one per major).

Plain named tuples, so the tables are cheap to import and easy to read.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Kind = Literal["string", "bool", "int64", "double", "enum", "message"]


class FieldSpec(NamedTuple):
    """One field and its rules (docs/spec.md §3); `type_name` names the enum or message."""

    name: str
    number: int
    kind: Kind
    type_name: str | None = None
    repeated: bool = False
    required: bool = False
    presence: bool = False
    pii: bool = False
    min_len: int | None = None
    max_len: int | None = None
    pattern: str | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_maximum: int | float | None = None
    multiple_of: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    unique_by: str | None = None
    not_before: str | None = None


class MessageSpec(NamedTuple):
    """A message: its fields in declaration order and, for topic messages, topic and key."""

    name: str
    full_name: str
    proto_module: str
    fields: tuple[FieldSpec, ...]
    topic: str | None = None
    key_field: str | None = None


class EnumSpec(NamedTuple):
    """An enum: JSON string ↔ Protobuf number, and the tolerant fallback if any."""

    name: str
    numbers: dict[str, int]
    fallback: str | None = None
