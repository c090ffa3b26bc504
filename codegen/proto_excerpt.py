"""A self-contained `.proto` text of one topic message: the message, the parts it holds, their enums.

AsyncAPI tools read a Protobuf payload as inline source and do not follow
imports, so the excerpt repeats names, numbers and types of the source files
without the project's options; the rules live in the JSON Schemas and the source.
"""

from __future__ import annotations

from .ir import Contracts, Enum, Field, Message


def excerpt(contracts: Contracts, message: Message) -> str:
    held = contracts.held(message)
    enums = _enums_of(contracts, (message, *held))
    files = sorted({m.file for m in (message, *held)} | {e.file for e in enums})
    lines = [
        f"// {message.full_name} as on the wire; excerpt of {', '.join(files)}.",
        "// Names, numbers and types only: the rules are in the JSON Schema and the source.",
        'syntax = "proto3";',
        "",
        f"package {contracts.package};",
    ]
    for m in (message, *held):
        lines += ["", *_comment(m.doc.text, ""), f"message {m.name} {{"]
        for f in m.fields:
            lines += [*_comment(f.doc.text, "  ", f), f"  {_declaration(f)}"]
        lines.append("}")
    for e in enums:
        lines += ["", *_comment(e.doc.text, ""), f"enum {e.name} {{"]
        for v in e.values:
            lines += [*_comment(v.doc.text, "  "), f"  {v.name} = {v.number};"]
        lines.append("}")
    return "\n".join(lines) + "\n"


def _enums_of(contracts: Contracts, messages: tuple[Message, ...]) -> tuple[Enum, ...]:
    names = {f.type_name for m in messages for f in m.fields if f.kind == "enum"}
    return tuple(e for e in contracts.enums if e.name in names)


def _declaration(field: Field) -> str:
    # AsyncAPI's Protobuf reader counts every proto3 field without `optional` as required.
    # A message field has explicit presence either way, so `optional` on an optional one
    # changes nothing on the wire and keeps that reading right.
    if field.kind == "message" and not field.repeated and not field.required:
        return f"optional {field.proto_decl}"
    return field.proto_decl


def _comment(text: str, indent: str, field: Field | None = None) -> list[str]:
    lines = [f"{indent}// {line}" if line else f"{indent}//" for line in text.split("\n")] if text else []
    if field is not None and field.required and field.presence and field.kind != "message":
        lines.append(f"{indent}// @Required")  # `optional` here only gives the zero value presence
    return lines
