"""The neutral model of the contracts: what every emitter reads.

Frozen dataclasses with no protobuf types in them. `lower.py` is the only
module that builds them from descriptors; emitters only read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["string", "bool", "int64", "double", "enum", "message"]

#: Largest integer JavaScript reads exactly; the default bound of 64-bit fields.
MAX_SAFE_INTEGER = 2**53 - 1


@dataclass(frozen=True)
class Doc:
    """A proto comment: the first paragraph is the title, the rest the description."""

    title: str = ""
    description: str = ""

    @property
    def text(self) -> str:
        return "\n\n".join(part for part in (self.title, self.description) if part)


@dataclass(frozen=True)
class Rules:
    """The limits of one field (docs/spec.md §3), one attribute per JSON Schema keyword.

    min_len / max_len   string length in code points (for repeated strings: of each item)
    pattern             regular expression each string must match (search, anchored by ^ $)
    minimum / maximum   inclusive number bounds
    exclusive_maximum   exclusive upper bound
    multiple_of         numbers must be a multiple of it
    min_items / max_items  item count of a repeated field
    unique              items of a repeated scalar field are unique
    unique_by           items of a repeated message field are unique by this field of theirs
    not_before          this field is not smaller than the named sibling when both are set
    """

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


@dataclass(frozen=True)
class Field:
    """One field of a message.

    kind        string | bool | int64 | double | enum | message
    type_name   the enum's or message's short name, for those kinds
    presence    the Protobuf form tells "unset" from the zero value
    """

    name: str
    number: int
    kind: Kind
    proto_type: str
    type_name: str | None
    repeated: bool
    required: bool
    presence: bool
    pii: bool
    rules: Rules
    doc: Doc

    @property
    def proto_decl(self) -> str:
        """The field as written in the .proto source, for back-references."""
        label = "repeated " if self.repeated else ("optional " if self.presence and self.kind != "message" else "")
        return f"{label}{self.proto_type} {self.name} = {self.number};"


@dataclass(frozen=True)
class EnumValue:
    name: str
    number: int
    json: str | None  # None for the …_UNSPECIFIED value, which has no JSON form
    fallback: bool
    doc: Doc


@dataclass(frozen=True)
class Enum:
    name: str
    full_name: str
    file: str
    values: tuple[EnumValue, ...]
    doc: Doc

    @property
    def json_values(self) -> tuple[str, ...]:
        return tuple(v.json for v in self.values if v.json is not None)

    @property
    def fallback(self) -> str | None:
        """The JSON string tolerant readers use for an unknown value, if any."""
        return next((v.json for v in self.values if v.fallback), None)


@dataclass(frozen=True)
class Message:
    """A message; `topic` and `key_field` are set for those that travel on a topic."""

    name: str
    full_name: str
    file: str
    fields: tuple[Field, ...]
    doc: Doc
    topic: str | None = None
    key_field: str | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Contracts:
    """Every message and enum of one contract package, parts before wholes."""

    package: str
    version: str
    messages: tuple[Message, ...]
    enums: tuple[Enum, ...]
    files: tuple[str, ...] = field(default=())

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    @property
    def topics(self) -> tuple[Message, ...]:
        """The messages that travel on a topic of their own, in source order."""
        return tuple(m for m in self.messages if m.topic)

    def message(self, name: str) -> Message:
        found = next((m for m in self.messages if m.name == name), None)
        if found is None:
            raise LookupError(f"{self.package} has no message {name}")
        return found

    def enum(self, name: str) -> Enum:
        found = next((e for e in self.enums if e.name == name), None)
        if found is None:
            raise LookupError(f"{self.package} has no enum {name}")
        return found

    def held(self, message: Message) -> tuple[Message, ...]:
        """Every message reachable from `message`'s fields, parts first."""
        reached: set[str] = set()
        pending = [message]
        while pending:
            for f in pending.pop().fields:
                if f.kind == "message" and f.type_name and f.type_name not in reached:
                    reached.add(f.type_name)
                    pending.append(self.message(f.type_name))
        return tuple(m for m in self.messages if m.name in reached)
