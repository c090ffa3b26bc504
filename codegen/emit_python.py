"""IR → the Python package's generated modules: typed models and rule tables.

`models.py` holds one msgspec Struct per message (the JSON form, with the
per-field lengths and ranges as `Meta` constraints so decoding validates them
in C) and the acceptance functions for the rest (`_accepts`);
`rules.py` holds the same rules as data for the full validator, the
Protobuf conversion and redaction.
"""

from __future__ import annotations

from .ir import Contracts, Doc, Enum, Field, Message
from .printer import Printer, banner
from .py_rules import Consts, any_of, cross, pattern_broken
from .regex import to_python

GEN_DIR = "python/vibe_contracts/_gen"
_SCALARS = {"string": "str", "bool": "bool", "int64": "int", "double": "float"}


def emit(contracts: Contracts) -> dict[str, str]:
    """Return the generated Python modules, path → text."""
    return {
        f"{GEN_DIR}/__init__.py": _header(contracts, "package marker") + "\n",
        f"{GEN_DIR}/models.py": _models(contracts),
        f"{GEN_DIR}/rules.py": _rules(contracts),
    }


def _header(contracts: Contracts, what: str) -> str:
    return "\n".join(f"# {line}" for line in banner(contracts.files, what))


def _docstring(p: Printer, doc: Doc, extra: str = "") -> None:
    text = "\n\n".join(part for part in (doc.text, extra) if part)
    if not text:
        return
    lines = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').split("\n")
    if len(lines) == 1:
        p(f'"""{lines[0]}"""')
    else:
        p(f'"""{lines[0]}', *lines[1:], '"""')


def _models(contracts: Contracts) -> str:
    p = Printer()
    p(_header(contracts, "typed models of the JSON form"), "")
    p(f'"""Typed models of the JSON form of contract {contracts.version} ({contracts.package})."""', "")
    p("from __future__ import annotations", "")
    p("import re")
    p("from collections.abc import Callable")
    p("from itertools import repeat")
    p("from operator import attrgetter")
    p("from typing import TYPE_CHECKING, Annotated, Any, Literal", "")
    p("from msgspec import Meta", "from msgspec.structs import force_setattr", "")
    p("from .._model import Contract, Refused", "")
    p("__all__ = [")
    with p.block():
        for name in [e.name for e in contracts.enums] + [m.name for m in contracts.messages]:
            p(f'"{name}",')
    p("]", "")
    for enum in contracts.enums:
        _enum_alias(p, enum)
    for message in contracts.messages:
        p("")
        _struct(p, message)
    _accepts(p, contracts)
    return p.text()


def _enum_alias(p: Printer, enum: Enum) -> None:
    literal = f"Literal[{', '.join(repr(v) for v in enum.json_values)}]"
    if enum.fallback is None:
        p(f"{enum.name} = {literal}")
    else:
        # Readers map unknown values to the fallback after decoding, so at run
        # time the decoder must accept any string; type checkers see the literal.
        with p.block("if TYPE_CHECKING:"):
            p(f"{enum.name} = {literal}")
        with p.block("else:"):
            p(f"{enum.name} = str")
    _docstring(p, enum.doc)
    p("")


def _struct(p: Printer, message: Message) -> None:
    with p.block(f"class {message.name}(Contract, kw_only=True, frozen=True):"):  # frozen restated for type checkers
        _docstring(p, message.doc, f"Generated from message `{message.full_name}` in {message.file}.")
        p("")
        for field in message.fields:
            p(f"{field.name}: {_annotation(field)}")
            notes = [f"`{field.proto_decl}`"] + (["personal data"] if field.pii else [])
            _docstring(p, field.doc, "; ".join(notes))
    p("")


def _accepts(p: Printer, contracts: Contracts) -> None:
    """Per message, `_accept_<M>(m, strict)`: the rules msgspec does not check, then a count.

    msgspec checks types, lengths and ranges while it decodes; these functions
    check the rest (patterns, which msgspec runs several times slower than a
    bound `re.Pattern.search`, uniqueness, field order), map unknown
    fallback-enum values in tolerant mode, and raise `Refused` at the first
    broken rule (the caller then runs the full validator for the report).
    They return how many `"` the message's canonical JSON has, escapes aside:
    the fast path's cheap proof that a JSON text holds no repeated key (nor an
    unknown key or a null, so it nests only as deep as its contract). A text
    with K keys and S string values has at least 2K + 2S quote characters; the
    decoded message has F <= K fields and at most S strings, and this count is
    2F + 2(its strings), so a text with no more quotes than it has K = F.
    """
    consts, bodies = Consts(contracts), {}
    for m in contracts.messages:
        refusals = [c for f in m.fields for c in _patterns_broken(f, consts)] + cross(m, lambda n: f"m.{n}", consts)
        bodies[m.name] = [x for c in refusals for x in (f"if {c}:", "    raise Refused")]
        bodies[m.name] += [line for f in m.fields for line in _fallback(f, contracts)]
    p("", *consts.lines)
    for enum in contracts.enums:
        if enum.fallback:
            p(f"_{enum.name}_known = frozenset({list(enum.json_values)!r})")
    for m in contracts.messages:
        p("", "")
        with p.block(f"def _accept_{m.name}(m: {m.name}, strict: bool) -> int:"):
            p(*bodies[m.name], f"return {_quote_count(m)}")
    p("", "")
    p(f"ACCEPT: dict[type, Callable[[Any, bool], int]] = {{{', '.join(f'{m.name}: _accept_{m.name}' for m in contracts.messages)}}}")
    p('"""Each model\'s own rules beyond its msgspec annotations, and its quote count (see `_accept_*`)."""')


def _quote_count(m: Message) -> str:
    fixed, terms = 0, []
    for f in m.fields:
        v = f"m.{f.name}"
        if f.repeated:
            one = (f"sum(map(_accept_{f.type_name}, {v}, repeat(strict)))" if f.kind == "message"
                   else f"2 * len({v})" if f.kind in ("string", "enum") else "0")
            term = f"2 + {one}"
        elif f.kind == "message":
            term = f"2 + _accept_{f.type_name}({v}, strict)"
        else:
            term = str(4 if f.kind in ("string", "enum") else 2)
        if f.required and term.isdigit():
            fixed += int(term)
        elif f.required:
            terms.append(term)
        else:
            terms.append(f"({term} if {v} is not None else 0)")
    return " + ".join([str(fixed)] + terms)


def _patterns_broken(f: Field, consts: Consts) -> list[str]:
    """The pattern of `f` (msgspec checked its lengths), for each value that is there."""
    v = f"m.{f.name}"
    if f.repeated:
        one = any_of(pattern_broken(f, "x", consts))
        return [f"any({one} for x in {v})"] if one else []
    return [c if f.required else f"{v} is not None and ({c})" for c in pattern_broken(f, v, consts)]


def _fallback(f: Field, contracts: Contracts) -> list[str]:
    """A tolerant reader maps an unknown value of a fallback enum to the fallback; strict ones refuse it."""
    if f.kind != "enum" or not contracts.enum(f.type_name).fallback:  # type: ignore[arg-type]
        return []
    enum, v = contracts.enum(f.type_name), f"m.{f.name}"  # type: ignore[arg-type]
    present = "" if f.required else f"{v} is not None and "
    return [
        f"if {present}{v} not in _{enum.name}_known:",
        "    if strict:",
        "        raise Refused",
        f"    force_setattr(m, {f.name!r}, {enum.fallback!r})",
    ]


def _annotation(field: Field) -> str:
    r = field.rules
    if field.repeated:
        item = _typed(field.type_name if field.kind in ("enum", "message") else _SCALARS[field.kind], _value_meta(field))
        outer = _meta(min_length=r.min_items, max_length=r.max_items)
        annotation = _typed(f"list[{item}]", outer)
    else:
        base = field.type_name if field.kind in ("enum", "message") else _SCALARS[field.kind]
        annotation = _typed(base, _value_meta(field))  # type: ignore[arg-type]
    return annotation if field.required else f"{annotation} | None = None"


def _value_meta(field: Field) -> str:
    r = field.rules
    if field.kind == "string":
        return _meta(min_length=r.min_len, max_length=r.max_len)
    if field.kind in ("int64", "double"):
        return _meta(ge=r.minimum, le=r.maximum, lt=r.exclusive_maximum, multiple_of=r.multiple_of)
    return ""


def _meta(**kwargs: object) -> str:
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items() if v is not None)
    return f"Meta({args})" if args else ""


def _typed(base: str, meta: str) -> str:
    return f"Annotated[{base}, {meta}]" if meta else base


def _rules(contracts: Contracts) -> str:
    p = Printer()
    p(_header(contracts, "rule tables"), "")
    p(f'"""The rules of contract {contracts.version} as data: validation, conversion, redaction."""', "")
    p("from __future__ import annotations", "")
    p("from .._spec import EnumSpec, FieldSpec, MessageSpec", "")
    p(f"CONTRACT_VERSION = {contracts.version!r}", f"PACKAGE = {contracts.package!r}", "")
    with p.block("ENUMS: dict[str, EnumSpec] = {"):
        for enum in contracts.enums:
            numbers = {v.json: v.number for v in enum.values if v.json is not None}
            p(f"{enum.name!r}: EnumSpec({enum.name!r}, {numbers!r}, {enum.fallback!r}),")
    p("}", "")
    with p.block("MESSAGES: dict[str, MessageSpec] = {"):
        for m in contracts.messages:
            module = "vibe_contracts._gen." + m.file.removesuffix(".proto").replace("/", ".") + "_pb2"
            with p.block(f"{m.name!r}: MessageSpec("):
                p(f"{m.name!r},", f"{m.full_name!r},", f"{module!r},")
                with p.block("("):
                    for f in m.fields:
                        p(f"{_field_spec(f)},")
                p("),")
                if m.topic:
                    p(f"topic={m.topic!r},", f"key_field={m.key_field!r},")
            p("),")
    p("}", "")
    topics = {m.topic: m.name for m in contracts.topics}
    p(f"TOPICS: dict[str, str] = {topics!r}")
    return p.text()


def _field_spec(f: Field) -> str:
    r = f.rules
    args = [repr(f.name), repr(f.number), repr(f.kind)]
    extra = {
        "type_name": f.type_name, "repeated": f.repeated, "required": f.required, "presence": f.presence,
        "pii": f.pii, "min_len": r.min_len, "max_len": r.max_len,
        "pattern": to_python(r.pattern) if r.pattern else None, "minimum": r.minimum, "maximum": r.maximum,
        "exclusive_maximum": r.exclusive_maximum, "multiple_of": r.multiple_of, "min_items": r.min_items,
        "max_items": r.max_items, "unique": r.unique, "unique_by": r.unique_by, "not_before": r.not_before,
    }
    args += [f"{k}={v!r}" for k, v in extra.items() if v is not None and v is not False]
    return f"FieldSpec({', '.join(args)})"
