"""IR → `_gen/v<N>/fast.py`: the Python package's Protobuf and strict-encode fast path, per major.

Per message M, three functions specialised to its fields:

`from_pb_M(pb, strict)`  reads a parsed upb message straight into the model M,
                         checking each rule as it reads; None at the first
                         broken rule (the caller then runs the full validator,
                         which reports every violation)
`valid_M(m)`             whether a model built in code is already the canonical,
                         strictly valid message (types included); False means
                         "let the full path decide"
`to_pb_M(m)`             the upb message of a valid model

What each rule means in Python is said once, in `py_rules` (shared with the
`ACCEPT` functions of `models.py`).
"""

from __future__ import annotations

from contextlib import nullcontext

from .emit_python import GEN_DIR, major_dir
from .ir import Contracts, Field, Message
from .printer import Printer, banner
from .py_rules import Consts, any_of, count_broken, cross, value_broken

_TYPES = {"string": "str", "bool": "bool", "int64": "int", "double": "float"}


def emit(majors: list[Contracts]) -> dict[str, str]:
    """Return the generated module of every major, path → text."""
    return {f"{GEN_DIR}/{major_dir(contracts)}/fast.py": _module(contracts) for contracts in majors}


def _module(contracts: Contracts) -> str:
    consts = Consts(contracts)
    body = Printer()
    for m in contracts.messages:
        _reader(body, m, contracts, consts)
        _instance_check(body, m, contracts, consts)
        _writer(body, m, contracts)
    p = Printer()
    p(*(f"# {line}" for line in banner(contracts.files, "Protobuf and strict-encode fast path")), "")
    p(f'"""Specialised readers, checks and writers of contract {contracts.version} ({contracts.package}).', "",
      "`from_pb_M(pb, strict)` reads a upb message into the model M or gives None at the first broken rule;",
      "`valid_M(m)` tells whether a model is canonical and strictly valid; `to_pb_M(m)` builds its upb message.",
      "`CODECS` maps each model to `(from_pb_M, valid_M, to_pb_M, its upb class)`. The full validator stays",
      "the authority: None or False sends the caller to it. `valid_M` leaves UTF-8 to the encoders: both",
      "refuse a lone surrogate, and the caller then takes the full path, which says where it is.", '"""', "")
    code = body.text()
    p("from __future__ import annotations", "")
    imports = ["from collections.abc import Callable"]
    if "isfinite(" in code:
        imports.append("from math import isfinite")
    p(*imports, "from typing import Any", "")
    p(f"from .models import {', '.join([m.name for m in contracts.messages] + consts.names)}")
    modules: dict[str, list[str]] = {}
    for m in contracts.messages:
        modules.setdefault(m.file.removesuffix(".proto").replace("/", ".") + "_pb2", []).append(m.name)
    for module, names in modules.items():
        p(f"from ..{module} import {', '.join(f'{n} as _pb_{n}' for n in names)}")
    p("", '__all__ = ["CODECS"]', "")
    for enum in contracts.enums:
        names = {v.number: v.json for v in enum.values if v.json is not None}
        p(f"_NAMES_{enum.name} = {names!r}", f"_NUMBERS_{enum.name} = {({j: n for n, j in names.items()})!r}")
    p(*code.splitlines())
    p("", "")
    p("CODECS: dict[type, tuple[Callable[[Any, bool], Any], Callable[[Any], bool], Callable[[Any], Any], type]] = {")
    with p.block():
        for m in contracts.messages:
            p(f"{m.name}: (from_pb_{m.name}, valid_{m.name}, to_pb_{m.name}, _pb_{m.name}),")
    p("}")
    return p.text()


def _fails(p: Printer, conditions: list[str], result: str) -> None:
    if conditions:
        p(f"if {any_of(conditions)}:", f"    return {result}")


# --- Protobuf → model ---------------------------------------------------------------------


def _reader(p: Printer, m: Message, contracts: Contracts, consts: Consts) -> None:
    p("", "")
    with p.block(f"def from_pb_{m.name}(pb: Any, strict: bool) -> {m.name} | None:"):
        for f in m.fields:
            if f.repeated:
                _read_repeated(p, f, contracts, consts)
            elif f.kind == "message":
                _read_message(p, f, contracts)
            else:
                _read_scalar(p, f, contracts, consts)
        _fails(p, cross(m, lambda n: f"f_{n}", consts), "None")
        p(f"return {m.name}({', '.join(f'{f.name}=f_{f.name}' for f in m.fields)})")


def _read_message(p: Printer, f: Field, contracts: Contracts) -> None:
    v, read = f"f_{f.name}", f"from_pb_{f.type_name}(pb.{f.name}, strict)"
    if f.required and any(g.required for g in contracts.message(f.type_name).fields):  # type: ignore[arg-type]
        # unset reads as the empty message, which its own required fields refuse: no HasField
        p(f"{v} = {read}")
        _fails(p, [f"{v} is None"], "None")
        return
    has = f"pb.HasField({f.name!r})"
    if f.required:
        _fails(p, [f"not {has}"], "None")
        p(f"{v} = {read}")
        _fails(p, [f"{v} is None"], "None")
        return
    p(f"{v} = None")
    with p.block(f"if {has}:"):
        p(f"{v} = {read}")
        _fails(p, [f"{v} is None"], "None")


def _read_scalar(p: Printer, f: Field, contracts: Contracts, consts: Consts) -> None:
    v = f"f_{f.name}"
    # implicit presence: the zero value is unset; explicit: read first, ask HasField only for a zero value
    unset = f"not {v} and not pb.HasField({f.name!r})" if f.presence else f"not {v}"
    fallback = contracts.enum(f.type_name).fallback if f.kind == "enum" else None  # type: ignore[arg-type]
    if f.kind == "enum" and f.required and fallback is None:  # unset, zero and unknown numbers alike
        p(f"{v} = _NAMES_{f.type_name}.get(pb.{f.name})")
        _fails(p, [f"{v} is None"], "None")
        return
    p(f"{v} = pb.{f.name}")
    if f.kind != "enum":
        if f.required:
            _fails(p, [unset] + value_broken(f, v, consts, nonempty=not f.presence), "None")
        else:
            p(f"if {unset}:", f"    {v} = None")
            broken = value_broken(f, v, consts)
            if broken:
                p(f"elif {any_of(broken)}:", "    return None")
        return
    if f.required:
        _fails(p, [unset], "None")
    else:
        p(f"if {unset}:", f"    {v} = None", "else:")
    with nullcontext() if f.required else p.block():
        p(f"{v} = _NAMES_{f.type_name}.get({v})")
        _unknown_enum(p, v, fallback)


def _unknown_enum(p: Printer, v: str, fallback: str | None) -> None:
    if fallback is None:
        _fails(p, [f"{v} is None"], "None")
        return
    with p.block(f"if {v} is None:"):  # tolerant readers map an unknown value to the fallback
        p("if strict:", "    return None", f"{v} = {fallback!r}")


def _read_repeated(p: Printer, f: Field, contracts: Contracts, consts: Consts) -> None:
    v = f"f_{f.name}"
    p(f"{v} = pb.{f.name}")
    if f.required:  # an empty repeated field is unset
        _fails(p, [f"not {v}"] + count_broken(f, f"len({v})"), "None")
    else:
        p(f"if not {v}:", f"    {v} = None")
        count = count_broken(f, f"len({v})")
        if count:
            p(f"elif {any_of(count)}:", "    return None")
        p("else:")
    with nullcontext() if f.required else p.block():
        if f.kind == "message":
            p(f"{v} = [from_pb_{f.type_name}(x, strict) for x in {v}]")
            _fails(p, [f"None in {v}"], "None")
        elif f.kind == "enum":
            p(f"{v} = [_NAMES_{f.type_name}.get(x) for x in {v}]")
            fallback = contracts.enum(f.type_name).fallback  # type: ignore[arg-type]
            if fallback is None:
                _fails(p, [f"None in {v}"], "None")
            else:
                with p.block(f"if None in {v}:"):
                    p("if strict:", "    return None", f"{v} = [{fallback!r} if x is None else x for x in {v}]")
        else:
            p(f"{v} = list({v})")
            broken = value_broken(f, "x", consts)
            if broken:
                with p.block(f"for x in {v}:"):
                    _fails(p, broken, "None")


# --- model built in code: strictly valid and canonical? -------------------------------------


def _instance_check(p: Printer, m: Message, contracts: Contracts, consts: Consts) -> None:
    p("", "")
    with p.block(f"def valid_{m.name}(m: {m.name}) -> bool:"):
        for f in m.fields:
            v = f"f_{f.name}"
            p(f"{v} = m.{f.name}")
            if f.repeated:
                with nullcontext() if f.required else p.block(f"if {v} is not None:"):
                    _fails(p, [f"type({v}) is not list"] + count_broken(f, f"len({v})"), "False")
                    with p.block(f"for x in {v}:"):
                        _fails(p, _wrong(f, "x", consts), "False")
            elif f.required:
                _fails(p, _wrong(f, v, consts), "False")
            else:
                p(f"if {v} is not None and ({any_of(_wrong(f, v, consts))}):", "    return False")
        _fails(p, cross(m, lambda n: f"f_{n}", consts), "False")
        p("return True")


def _wrong(f: Field, x: str, consts: Consts) -> list[str]:
    """Conditions on a value `x` of any type: true unless it is a canonical, valid value of `f`."""
    if f.kind == "message":
        return [f"type({x}) is not {f.type_name} or not valid_{f.type_name}({x})"]
    if f.kind == "enum":  # the known values only: a model holding an unknown one is not canonical
        return [f"type({x}) is not str or {x} not in _NUMBERS_{f.type_name}"]
    # bool is a subclass of int, and an int in a double field encodes as an int: exact types only
    return [f"type({x}) is not {_TYPES[f.kind]}"] + value_broken(f, x, consts)


# --- model → Protobuf ---------------------------------------------------------------------


def _writer(p: Printer, m: Message, contracts: Contracts) -> None:
    p("", "")
    with p.block(f"def to_pb_{m.name}(m: {m.name}) -> Any:"):
        p(f"return _pb_{m.name}(**_fields_{m.name}(m))")
    p("", "")
    with p.block(f"def _fields_{m.name}(m: {m.name}) -> dict[str, Any]:"):
        # nested messages as dicts: upb builds them in place (a message argument is copied)
        p("return {")
        with p.block():
            for f in m.fields:
                p(f"{f.name!r}: {_pb_value(f, f'm.{f.name}')},")
        p("}")


def _pb_value(f: Field, v: str) -> str:
    if f.kind not in ("enum", "message"):
        return v  # None leaves a field unset
    one = (lambda x: f"_NUMBERS_{f.type_name}[{x}]") if f.kind == "enum" else (lambda x: f"_fields_{f.type_name}({x})")
    if f.repeated:
        value = f"[{one('x')} for x in {v}]"
    else:
        value = one(v)
    return value if f.required else f"None if {v} is None else {value}"
