"""The neutral model and the shared vectors → `docs/contracts.md`, the reference of the contracts.

Every table comes from the model (fields, rules, PII marks, numbers, enum values,
proto comments) and every example from the strict-valid vectors, so the page
cannot drift from the source.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import PurePosixPath
from typing import Any

from . import vectors as shared_vectors
from .emit_asyncapi import headers_schema
from .emit_asyncapi import major_path
from .emit_asyncapi import out_path as asyncapi_path
from .emit_jsonschema import schema_path
from .ir import Contracts, Enum, Field, Message
from .lower import LowerError
from .printer import banner
from .rule_words import beyond_json_schema, describe

OUT_PATH = "docs/contracts.md"

#: docs/spec.md §3, the ticket status lifecycle: the source has no option for transitions, so
#: they are stated here once; `_lifecycle` refuses a state the enum does not have.
LIFECYCLE_ENUM = "TicketStatus"
LIFECYCLE_START = "active"
LIFECYCLE_TRANSITIONS = (("active", "used"), ("active", "cancelled"), ("active", "refunded"))

_KIND_TYPES = {"string": "string", "int64": "integer", "double": "number", "bool": "boolean"}


def out_path(major: int, current: int) -> str:
    return major_path(OUT_PATH, major, current)


def emit(contracts: Contracts, vectors: dict[str, dict[str, Any]], majors: tuple[int, ...] = ()) -> dict[str, str]:
    """Repo-relative path → file text; `majors` lists every major in the source, oldest first (default: this one)."""
    majors = majors or (contracts.major,)
    sources = [*(f"contracts/proto/{f}" for f in contracts.files), *shared_vectors.sources(vectors, contracts.major)]
    head = "\n".join(textwrap.wrap(" ".join(banner(sources, "reference of the contracts")), 100,
                                   break_on_hyphens=False))
    lines = [f"<!--\n{head}\n-->", "", f"# Contracts reference (contract {contracts.version})", ""]
    lines += [
        f"Protobuf package `{contracts.package}`; schema version `{contracts.version}`. Each topic "
        "message has a JSON form (checked by a strict *writer* and a tolerant *reader* JSON Schema "
        f"under `contracts/jsonschema/`) and a Protobuf form; `{asyncapi_path(contracts.major, majors[-1])}` "
        "describes the topics. Every rule below holds in both forms. Fields marked **PII** carry personal data: "
        "the redaction helpers of both packages mask them in logs.",
        "",
    ]
    if len(majors) > 1:  # consumers move at their own pace (docs/spec.md §7): each major has its page
        pages = ", ".join("this page" if m == contracts.major else
                          f"[{m}.x]({PurePosixPath(out_path(m, majors[-1])).name})" for m in majors)
        lines += [f"Majors in this release: {pages}.", ""]
    lines += _envelope(contracts)
    lines += _json_forms(contracts)
    lines += ["## Messages", ""]
    for message in contracts.topics:
        lines += _message(contracts, message)
        lines += _example(vectors, message)
    lines += ["## Parts", ""]
    for message in (m for m in contracts.messages if not m.topic):
        lines += _message(contracts, message)
    lines += ["## Enums", ""]
    for enum in contracts.enums:
        lines += _enum(enum)
    lines += _lifecycle(contracts)
    return {out_path(contracts.major, majors[-1]): "\n".join(lines).rstrip("\n") + "\n"}


def _envelope(contracts: Contracts) -> list[str]:
    lines = ["## Envelope", "", "### Topics", "",
             "Topic names are configurable; these are the defaults.", "",
             "| topic | message | record key | JSON Schema | Protobuf |", "|---|---|---|---|---|"]
    for m in contracts.topics:
        key = m.field(m.key_field or "")
        key_text = f"`{key.name}`" + ("" if key.required else f" (if `{key.name}` is absent the producer passes a key)")
        schemas = ", ".join(f"[{v}](../{schema_path(m, v)})" for v in ("writer", "reader"))
        lines.append(f"| `{m.topic}` | [{m.name}](#{_anchor(m.name)}) | {key_text} | {schemas} | "
                     f"`{m.full_name}` |")
    headers = headers_schema(contracts)
    lines += ["", "### Headers", "", f"{headers['description']} A missing or unknown header is an error "
              "that names the header.", "", "| header | required | value | description |", "|---|---|---|---|"]
    for name, spec in headers["properties"].items():
        value = (", ".join(f"`{v}`" for v in spec["enum"]) if "enum" in spec
                 else f"matches `{spec['pattern']}`")
        required = "yes" if name in headers["required"] else ""
        lines.append(f"| `{name}` | {required} | {_cell(value)} | {_cell(spec['description'])} |")
    return [*lines, ""]


def _json_forms(contracts: Contracts) -> list[str]:
    fallbacks = [
        f"- an unknown `{m.name}.{f.name}` value is read as `{contracts.enum(f.type_name).fallback}`;"
        for m in contracts.messages for f in m.fields
        if f.kind == "enum" and f.type_name and contracts.enum(f.type_name).fallback is not None
    ]
    beyond = [f"- `{m.name}.{f.name}`: {'; '.join(beyond_json_schema(f))}."
              for m in contracts.messages for f in m.fields if beyond_json_schema(f)]
    return [
        "## Strict and tolerant JSON", "",
        "Object keys are the JSON names below. Integers are JSON numbers, never strings, within "
        "±(2^53−1). Enum values are the exact strings listed under [Enums](#enums).", "",
        "**Writers (strict)**, and the `*.writer.schema.json` files:", "",
        "- an unset optional field is omitted, never `null`;",
        "- no keys other than the fields listed;",
        "- every rule holds; the output is canonical: the same message gives the same bytes.", "",
        "**Readers (tolerant)**, and the `*.reader.schema.json` files:", "",
        "- an optional field given as `null` means absent;",
        "- unknown keys are ignored;",
        *fallbacks,
        "- any other unknown enum value is an error, and every other rule holds.", "",
        "Rules the JSON Schemas cannot state, which the runtime validators check:", "",
        *beyond, "",
        "An error names the JSON path of the offending value (`tickets[2].currency`) and the rule it broke.", "",
    ]


def _message(contracts: Contracts, message: Message) -> list[str]:
    lines = [f"### {message.name}", "", *_paragraphs(message.doc.text), ""]
    where = f"Protobuf `{message.full_name}` in `contracts/proto/{message.file}`"
    if message.topic:
        where += f"; topic `{message.topic}`, keyed by `{message.key_field}`"
    lines += [f"{where}.", "",
              "| JSON name | type | required | rule | PII | proto # | description |",
              "|---|---|---|---|---|---|---|"]
    for f in message.fields:
        lines.append(
            f"| `{f.name}` | {_type(f)} | {'yes' if f.required else ''} | {_cell(describe(contracts, f))} | "
            f"{'**PII**' if f.pii else ''} | {f.number} | {_cell(f.doc.text)} |"
        )
    return [*lines, ""]


def _example(vectors: dict[str, dict[str, Any]], message: Message) -> list[str]:
    examples = shared_vectors.examples(vectors, message)
    if not examples:
        return []
    chosen = next((e for e in examples if e.name == "full"), examples[0])
    text = json.dumps(chosen.json, indent=2, ensure_ascii=False)
    return [f"Example (vector `{chosen.name}` of `examples/vectors/{message.name.lower()}.json`):", "",
            "```json", text, "```", ""]


def _enum(enum: Enum) -> list[str]:
    lines = [f"### {enum.name}", "", *_paragraphs(enum.doc.text), ""]
    if enum.fallback is not None:
        lines += [f"Tolerant readers read an unknown string as `{enum.fallback}` (the fallback).", ""]
    lines += ["| JSON | proto value | description |", "|---|---|---|"]
    for v in enum.values:
        json_text = f"`{v.json}`" + (" (fallback)" if v.fallback else "") if v.json else "—"
        lines.append(f"| {json_text} | `{v.name}` = {v.number} | {_cell(v.doc.text)} |")
    return [*lines, ""]


def _lifecycle(contracts: Contracts) -> list[str]:
    if LIFECYCLE_ENUM not in {e.name for e in contracts.enums}:
        raise LowerError(f"{contracts.package} has no enum {LIFECYCLE_ENUM}, which the ticket status lifecycle "
                         f"(LIFECYCLE_ENUM in codegen/emit_docs.py, drawn in docs/contracts.md) names")
    enum = contracts.enum(LIFECYCLE_ENUM)
    states = enum.json_values
    named = {LIFECYCLE_START, *(s for pair in LIFECYCLE_TRANSITIONS for s in pair)}
    if not named <= set(states):
        missing = ", ".join(f'"{s}"' for s in sorted(named - set(states)))
        raise LowerError(
            f"contracts/proto/{enum.file}: {enum.name} has no value {missing}, which the ticket status lifecycle "
            f"(LIFECYCLE_TRANSITIONS in codegen/emit_docs.py, drawn in docs/contracts.md) still names: "
            f"keep the value or change the lifecycle")
    final = [s for s in states if s in named and all(before != s for before, _ in LIFECYCLE_TRANSITIONS)]
    diagram = [f"[*] --> {LIFECYCLE_START}", *(f"{a} --> {b}" for a, b in LIFECYCLE_TRANSITIONS),
               *(f"{s} --> [*]" for s in final)]
    return ["## Ticket status lifecycle", "", *_paragraphs(enum.doc.description), "",
            "```mermaid", "stateDiagram-v2", *(f"    {line}" for line in diagram), "```", ""]


def _type(field: Field) -> str:
    if field.kind in ("enum", "message") and field.type_name:
        one = f"[{field.type_name}](#{_anchor(field.type_name)})"
    else:
        one = _KIND_TYPES[field.kind]
    return f"array of {one}" if field.repeated else one


def _anchor(heading: str) -> str:
    return heading.lower().replace(" ", "-")


def _paragraphs(text: str) -> list[str]:
    return [line for p in text.split("\n\n") for line in (p, "")][:-1] if text else []


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n\n", "<br>").replace("\n", " ")
