"""JSON form ⇄ Protobuf form, driven by the generated rule tables of the model's major.

`from_proto` gives JSON-form data for the validator (not yet validated);
`to_proto` takes validated JSON-form data. Both walk the fields in the same
declared order the validator does.
"""

from __future__ import annotations

import importlib
from typing import Any

from google.protobuf.message import DecodeError, Message

from ._major import Major, major_of
from ._spec import MessageSpec
from .errors import ContractError
from .validate import UnknownEnumNumber, child_path

__all__ = ["from_proto", "proto_class", "refuse_unknown", "to_proto"]

_CLASSES: dict[str, type[Message]] = {}  # by full name: each major has its own


def proto_class(spec: MessageSpec) -> type[Message]:
    """The generated Protobuf class of a message."""
    cls = _CLASSES.get(spec.full_name)
    if cls is None:
        cls = _CLASSES[spec.full_name] = getattr(importlib.import_module(spec.proto_module), spec.name)
    return cls


def from_proto(data: bytes, model: type, *, strict: bool = False) -> dict[str, Any]:
    """Parse Protobuf bytes of the model class `model` into JSON-form data; unset fields are left out.

    Unknown fields are ignored, or refused (rule `unknown_field`) when `strict`.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ContractError.at("", "type", f"expected Protobuf bytes, got {type(data).__name__}")
    major = major_of(model)
    spec = major.spec(model)
    message = proto_class(spec)()
    try:
        message.ParseFromString(bytes(data))
    except (DecodeError, RuntimeError, ValueError):
        # upb says no more than the type; TypeScript uses the same words
        raise ContractError.at("", "syntax", "not a valid Protobuf message") from None
    if strict:
        _refuse_unknown(message, spec, major, "")
    return _to_data(message, spec, major)


def _to_data(message: Message, spec: MessageSpec, major: Major) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in spec.fields:
        name = field.name
        if field.repeated:
            value: Any = list(getattr(message, name))
            if not value:
                continue
        elif field.presence:
            if not message.HasField(name):
                continue
            value = getattr(message, name)
        else:
            value = getattr(message, name)
            if not value:  # implicit presence: the zero value means unset
                continue
        out[name] = _from_value(value, field.kind, field.type_name, field.repeated, major)
    return out


def _from_value(value: Any, kind: str, type_name: str | None, repeated: bool, major: Major) -> Any:
    if repeated:
        return [_from_value(v, kind, type_name, False, major) for v in value]
    if kind == "enum":
        name = major.enum_names[type_name].get(value)  # type: ignore[index]
        return UnknownEnumNumber(value) if name is None else name
    if kind == "message":
        return _to_data(value, major.messages[type_name], major)  # type: ignore[index]
    return value


def refuse_unknown(message: Message, model: type) -> None:
    """Raise ContractError (rule `unknown_field`) at the first (sub)message holding unknown fields.

    `message` is the upb message of the model class `model`.
    """
    major = major_of(model)
    _refuse_unknown(message, major.spec(model), major, "")


def _refuse_unknown(message: Message, spec: MessageSpec, major: Major, path: str) -> None:
    from google.protobuf.unknown_fields import UnknownFieldSet

    if len(UnknownFieldSet(message)):
        numbers = sorted({f.field_number for f in UnknownFieldSet(message)})
        raise ContractError.at(path, "unknown_field", f"unknown field numbers {numbers}")
    for field in spec.fields:
        if field.kind != "message":
            continue
        inner = major.messages[field.type_name]  # type: ignore[index]
        fpath = child_path(path, field.name)
        if field.repeated:
            for i, item in enumerate(getattr(message, field.name)):
                _refuse_unknown(item, inner, major, f"{fpath}[{i}]")
        elif message.HasField(field.name):
            _refuse_unknown(getattr(message, field.name), inner, major, fpath)


def to_proto(data: dict[str, Any], model: type) -> bytes:
    """Deterministic Protobuf bytes of validated JSON-form data of the model class `model`."""
    major = major_of(model)
    return _to_message(data, major.spec(model), major).SerializeToString(deterministic=True)


def _to_message(data: dict[str, Any], spec: MessageSpec, major: Major) -> Message:
    kwargs: dict[str, Any] = {}
    for field in spec.fields:
        value = data.get(field.name)
        if value is None:
            continue
        if field.kind == "enum":
            numbers = major.enums[field.type_name].numbers  # type: ignore[index]
            value = [numbers[v] for v in value] if field.repeated else numbers[value]
        elif field.kind == "message":
            inner = major.messages[field.type_name]  # type: ignore[index]
            value = [_to_message(v, inner, major) for v in value] if field.repeated else _to_message(value, inner, major)
        kwargs[field.name] = value
    return proto_class(spec)(**kwargs)
