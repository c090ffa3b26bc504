"""Descriptors (a `buf build` image as JSON) → the neutral model of `ir.py`.

The only module that knows descriptor layout, custom options and comments.
"""

from __future__ import annotations

import re
from typing import Any

from .ir import MAX_SAFE_INTEGER, Contracts, Doc, Enum, EnumValue, Field, Message, Rules

PACKAGE = "vibe.integration.v1"
_FIELD_OPT = "[vibe.options.v1.field]"
_MESSAGE_OPT = "[vibe.options.v1.message]"
_VALUE_OPT = "[vibe.options.v1.value]"
_FILE_OPT = "[vibe.options.v1.file]"

# Descriptor paths of SourceCodeInfo (descriptor.proto field numbers).
_MESSAGE_TYPE, _ENUM_TYPE, _FIELD, _ENUM_VALUE = 4, 5, 2, 2

_KINDS = {
    "TYPE_STRING": ("string", "string"),
    "TYPE_BOOL": ("bool", "bool"),
    "TYPE_INT64": ("int64", "int64"),
    "TYPE_DOUBLE": ("double", "double"),
    "TYPE_ENUM": ("enum", None),
    "TYPE_MESSAGE": ("message", None),
}

_RULE_NAMES = {
    "minLen": "min_len", "maxLen": "max_len", "pattern": "pattern", "minimum": "minimum",
    "maximum": "maximum", "exclusiveMaximum": "exclusive_maximum", "multipleOf": "multiple_of",
    "minItems": "min_items", "maxItems": "max_items", "unique": "unique", "uniqueBy": "unique_by",
    "notBefore": "not_before",
}


_CONTRACT_PACKAGE = re.compile(r"^vibe\.integration\.v\d+$")


def contract_packages(image: dict[str, Any]) -> list[str]:
    """The contract packages of an image, oldest major first (`vibe.integration.v1`, `…v2`)."""
    found = {f.get("package", "") for f in image["file"]}
    return sorted((p for p in found if _CONTRACT_PACKAGE.match(p)), key=lambda p: int(p.rsplit(".v", 1)[1]))


class LowerError(ValueError):
    """The source uses something the contracts do not support."""


def lower(image: dict[str, Any], package: str = PACKAGE) -> Contracts:
    """Build the neutral model of one package from a FileDescriptorSet in proto JSON form."""
    files = [f for f in image["file"] if f.get("package") == package]
    if not files:
        raise LowerError(f"no files of package {package}")
    versions = {f["options"][_FILE_OPT]["contractVersion"] for f in files if _FILE_OPT in f.get("options", {})}
    if len(versions) != 1:
        raise LowerError(f"expected one contract_version option in {package}, found {sorted(versions)}")
    messages: list[Message] = []
    enums: list[Enum] = []
    for f in files:
        comments = _comments(f)
        for i, m in enumerate(f.get("messageType", [])):
            messages.append(_message(f["name"], package, m, (_MESSAGE_TYPE, i), comments))
        for i, e in enumerate(f.get("enumType", [])):
            enums.append(_enum(f["name"], package, e, (_ENUM_TYPE, i), comments))
    return Contracts(
        package=package,
        version=versions.pop(),
        messages=_parts_first(messages),
        enums=tuple(enums),
        files=tuple(f["name"] for f in files),
    )


def _comments(file: dict[str, Any]) -> dict[tuple[int, ...], Doc]:
    docs = {}
    for loc in file.get("sourceCodeInfo", {}).get("location", []):
        text = loc.get("leadingComments")
        if text:
            docs[tuple(loc["path"])] = _doc(text)
    return docs


def _doc(comment: str) -> Doc:
    lines = [line[1:] if line.startswith(" ") else line for line in comment.strip("\n").split("\n")]
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "\n".join(lines)) if p.strip()]
    return Doc(paragraphs[0], "\n\n".join(paragraphs[1:])) if paragraphs else Doc()


def _message(file: str, package: str, m: dict[str, Any], path: tuple[int, ...], comments: dict) -> Message:
    if m.get("nestedType") or m.get("enumType"):
        raise LowerError(f"{m['name']}: nested types are not supported; declare them at file level")
    opts = m.get("options", {}).get(_MESSAGE_OPT, {})
    fields = tuple(
        _field(m["name"], f, comments.get((*path, _FIELD, i), Doc())) for i, f in enumerate(m.get("field", []))
    )
    return Message(
        name=m["name"],
        full_name=f"{package}.{m['name']}",
        file=file,
        fields=fields,
        doc=comments.get(path, Doc()),
        topic=opts.get("topic") or None,
        key_field=opts.get("keyField") or None,
    )


def _field(owner: str, f: dict[str, Any], doc: Doc) -> Field:
    if f["type"] not in _KINDS:
        raise LowerError(f"{owner}.{f['name']}: type {f['type']} is not supported")
    kind, proto_type = _KINDS[f["type"]]
    type_name = f.get("typeName", "").rsplit(".", 1)[-1] or None
    opts = dict(f.get("options", {}).get(_FIELD_OPT, {}))
    required, pii = bool(opts.pop("required", False)), bool(opts.pop("pii", False))
    rules = {_RULE_NAMES[k]: v for k, v in opts.items()}
    if kind == "int64":  # docs/spec.md §4: integers stay within ±(2^53−1) so JavaScript reads them exactly
        rules.setdefault("minimum", -MAX_SAFE_INTEGER)
        if "exclusive_maximum" not in rules:
            rules.setdefault("maximum", MAX_SAFE_INTEGER)
        rules = {k: int(v) if k in ("minimum", "maximum", "exclusive_maximum") else v for k, v in rules.items()}
    repeated = f.get("label") == "LABEL_REPEATED"
    return Field(
        name=f["name"],
        number=f["number"],
        kind=kind,  # type: ignore[arg-type]
        proto_type=proto_type or type_name or "",
        type_name=type_name,
        repeated=repeated,
        required=required,
        presence=kind == "message" or bool(f.get("proto3Optional")),
        pii=pii,
        rules=Rules(**rules),
        doc=doc,
    )


def _enum(file: str, package: str, e: dict[str, Any], path: tuple[int, ...], comments: dict) -> Enum:
    values = []
    for i, v in enumerate(e["value"]):
        opts = v.get("options", {}).get(_VALUE_OPT, {})
        if v.get("number", 0) != 0 and not opts.get("json"):
            raise LowerError(f"{e['name']}.{v['name']}: every value but the zero one needs a JSON string")
        values.append(EnumValue(
            name=v["name"],
            number=v.get("number", 0),
            json=opts.get("json") or None,
            fallback=bool(opts.get("fallback")),
            doc=comments.get((*path, _ENUM_VALUE, i), Doc()),
        ))
    return Enum(name=e["name"], full_name=f"{package}.{e['name']}", file=file, values=tuple(values),
                doc=comments.get(path, Doc()))


def _parts_first(messages: list[Message]) -> tuple[Message, ...]:
    """Order messages so each comes after the messages its fields hold (stable otherwise)."""
    by_name = {m.name: m for m in messages}
    done: dict[str, Message] = {}

    def visit(m: Message, stack: tuple[str, ...]) -> None:
        if m.name in done:
            return
        if m.name in stack:
            raise LowerError(f"recursive message {' -> '.join((*stack, m.name))}")
        for f in m.fields:
            if f.kind == "message":
                visit(by_name[f.type_name], (*stack, m.name))  # type: ignore[index]
        done[m.name] = m

    for m in messages:
        visit(m, ())
    return tuple(done.values())
