"""IR → the TypeScript package's generated Protobuf wire code, one function per message.

`wire.ts`       deterministic writers: validated JSON-form objects through
                `ProtoWriter` (`typescript/src/convert.ts`) to the bytes
                protobuf-es's `toBinary` would write
`wire_read.ts`  readers: bytes through `ProtoReader` straight into the JSON
                form `fromProto` gives, before validation
"""

from __future__ import annotations

from .emit_typescript import _fn, _header, _jsdoc, _ts, major_dir
from .ir import Contracts, Enum, Field, Message
from .printer import Printer


def emit(contracts: Contracts) -> dict[str, str]:
    folder = major_dir(contracts)
    return {f"{folder}/wire.ts": _wire(contracts), f"{folder}/wire_read.ts": _readers(contracts)}


# Wire types (length-delimited, varint, 64-bit) and the `ProtoWriter` call that writes one value.
_WIRE_TYPES = {"string": 2, "message": 2, "bool": 0, "int64": 0, "enum": 0, "double": 1}
_WIRE_CALLS = {"string": "w.string({})", "bool": "w.bool({})", "int64": "w.varint({})", "double": "w.double({})"}


def _wire(contracts: Contracts) -> str:
    """The bytes protobuf-es's `toBinary` writes for the message of validated JSON-form data.

    protobuf-es's rules: fields in number order; an implicit-presence field left
    out at its zero value (a double only at +0, an enum at its first value); a
    field with presence (`optional`, messages) written whenever set; repeated
    scalars and enums packed (proto3's default, which the contracts keep).
    """
    p = Printer("  ")
    _header(p, contracts, "deterministic Protobuf writers")
    p('import type { ProtoWriter } from "../../convert.js";', 'import type * as T from "./types.js";', "")
    for enum in contracts.enums:
        numbers = ", ".join(f"{_ts(v.json)}: {v.number}" for v in enum.values if v.json is not None)
        p(f"const ENUM_{enum.name}: {{ readonly [json: string]: number }} = {{ {numbers} }};")
    for m in contracts.messages:
        p("")
        _jsdoc(p, f"Writes a valid `{m.full_name}` (without its length prefix).")
        with p.block(f"export function wire{_fn(m)}(w: ProtoWriter, v: T.{m.name}): void {{"):
            for f in sorted(m.fields, key=lambda f: f.number):
                p(f"// {f.proto_decl}")
                _wire_field(p, contracts, f)
        p("}")
    _by_name(p, contracts, "writer", "WIRE", "(w: ProtoWriter, v: never) => void", "wire")
    return p.text()


def _by_name(p: Printer, contracts: Contracts, what: str, table: str, signature: str, prefix: str) -> None:
    """The table of each message's generated function by its name (`MessageSpec.name`)."""
    p("")
    _jsdoc(p, f"The {what} of each message by its name (`MessageSpec.name`).")
    with p.block(f"export const {table}: {{ readonly [name: string]: {signature} }} = {{"):
        for m in contracts.messages:
            p(f"{m.name}: {prefix}{_fn(m)},")
    p("};")


def _wire_field(p: Printer, contracts: Contracts, f: Field) -> None:
    x = f"v.{f.name}"
    if not f.repeated:
        with p.block(f"if ({x} !== undefined{_wire_nonzero(contracts, f, x)}) {{"):
            _wire_value(p, f, x, _tag(f.number, _WIRE_TYPES[f.kind]))
        p("}")
        return
    loop = f"for (let i = 0; i < {x}.length; i++) {{"
    if f.kind in ("string", "message"):
        with p.block(f"if ({x} !== undefined) {{"):
            with p.block(loop):
                _wire_value(p, f, f"{x}[i]", _tag(f.number, _WIRE_TYPES[f.kind]))
            p("}")
        p("}")
        return
    with p.block(f"if ({x} !== undefined && {x}.length > 0) {{"):  # packed: one length-delimited run
        p(f"w.tag({_tag(f.number, 2)});", "const at = w.fork();")
        with p.block(loop):
            p(f"{_wire_call(f, f'{x}[i]')};")
        p("}", "w.join(at);")
    p("}")


def _wire_nonzero(contracts: Contracts, f: Field, x: str) -> str:
    """The rest of the condition under which protobuf-es writes a singular field that is there."""
    if f.presence:
        return ""
    if f.kind == "enum":
        zero = contracts.enum(f.type_name or "").values[0].json
        return "" if zero is None else f" && {x} !== {_ts(zero)}"
    return {"string": f' && {x} !== ""', "bool": f" && {x}", "int64": f" && {x} !== 0",
            "double": f" && !Object.is({x}, 0)"}[f.kind]


def _wire_value(p: Printer, f: Field, x: str, tag: int) -> None:
    p(f"w.tag({tag});")
    if f.kind == "message":
        p("const at = w.fork();", f"wire{f.type_name}(w, {x});", "w.join(at);")
    else:
        p(f"{_wire_call(f, x)};")


def _wire_call(f: Field, x: str) -> str:
    return f"w.varint(ENUM_{f.type_name}[{x}] as number)" if f.kind == "enum" else _WIRE_CALLS[f.kind].format(x)


def _tag(number: int, wire_type: int) -> int:
    return number << 3 | wire_type


# --- wire_read.ts ---------------------------------------------------------------------------

#: upb's limit on nested messages, which the reference reader (`readFields`) keeps too.
MAX_DEPTH = 100

# The `ProtoReader` call that reads one value of a kind, and the zero an implicit-presence field is left out at.
_READ_CALLS = {"string": "r.string()", "bool": "r.bool()", "int64": "r.int64()", "double": "r.double()",
               "enum": "r.int32()"}
_ZEROS = {"string": '""', "bool": "false", "int64": "0", "double": "0", "enum": "0"}
_TS_TYPES = {"string": "string", "bool": "boolean", "int64": "number | bigint", "double": "number", "enum": "number",
             "message": "Record<string, unknown>"}


def _readers(contracts: Contracts) -> str:
    """Readers that give what `readProto` + `fromProto` give, or throw for `decodeProto` to read again.

    Each message's fields are read into locals by a switch over the precomputed
    tags (a known number with another wire type is an unknown field), then
    put into the object in declaration order as `fromProto` does: implicit-
    presence zeros left out, enum numbers named. The reference reader checks
    nesting against `MAX_DEPTH`; the contracts nest less deep, checked here.
    """
    for m in contracts.messages:
        if _depth(contracts, m, ()) > MAX_DEPTH:
            raise ValueError(f"{m.name}: messages nest deeper than {MAX_DEPTH}")
    p = Printer("  ")
    _header(p, contracts, "Protobuf readers into the JSON form")
    p('import { UnknownEnumNumber } from "../../check.js";', 'import type { ProtoReader } from "../../convert.js";')
    for enum in contracts.enums:
        p("")
        _enum_name(p, enum)
    for m in contracts.messages:
        p("")
        _reader(p, m)
    _by_name(p, contracts, "reader", "READ", "(r: ProtoReader, end: number) => Record<string, unknown>", "read")
    return p.text()


def _depth(contracts: Contracts, m: Message, seen: tuple[str, ...]) -> int:
    """Levels of messages `m` holds, itself included; a message that holds itself has no bound."""
    if m.name in seen:
        return MAX_DEPTH + 1
    inner = [_depth(contracts, contracts.message(f.type_name or ""), (*seen, m.name))
             for f in m.fields if f.kind == "message"]
    return 1 + max(inner, default=0)


def _enum_name(p: Printer, enum: Enum) -> None:
    _jsdoc(p, f"The JSON string of a `{enum.full_name}` number, or the number kept as `UnknownEnumNumber`.")
    with p.block(f"function name{enum.name}(n: number): string | UnknownEnumNumber {{"):
        with p.block("switch (n) {"):
            for v in enum.values:
                if v.json is not None:
                    p(f"case {v.number}: return {_ts(v.json)};")
            p("default: return new UnknownEnumNumber(n);")
        p("}")
    p("}")


def _reader(p: Printer, m: Message) -> None:
    _jsdoc(p, f"Reads a `{m.full_name}` up to `end` into its JSON form, not yet validated.")
    with p.block(f"export function read{_fn(m)}(r: ProtoReader, end: number): Record<string, unknown> {{"):
        for f in m.fields:
            p(_local(f))
        with p.block("while (r.pos < end) {"):
            p("const tag = r.tag();")
            with p.block("switch (tag) {"):
                for f in sorted(m.fields, key=lambda f: f.number):
                    _read_cases(p, f)
                with p.block("default:"):
                    p("r.skip(tag);")
            p("}")
        p("}", "r.done(end);", "const o: Record<string, unknown> = {};")
        for f in m.fields:
            p(f"if ({_is_set(f)}) o.{f.name} = {_named(f, f'f_{f.name}') if not f.repeated else f'f_{f.name}'};")
        p("return o;")
    p("}")


def _local(f: Field) -> str:
    """The local a field is read into: its zero for implicit presence, else undefined until read."""
    if f.repeated:
        item = "string | UnknownEnumNumber" if f.kind == "enum" else _TS_TYPES[f.kind]
        return f"let f_{f.name}: {f'({item})' if '|' in item else item}[] | undefined;"
    if f.presence or f.kind == "message":
        return f"let f_{f.name}: {_TS_TYPES[f.kind]} | undefined;"
    return f"let f_{f.name}: {_TS_TYPES[f.kind]} = {_ZEROS[f.kind]};"


def _read_cases(p: Printer, f: Field) -> None:
    x = f"f_{f.name}"
    one = f"read{f.type_name}(r, r.end())" if f.kind == "message" else _READ_CALLS[f.kind]
    if not f.repeated:
        with p.block(f"case {_tag(f.number, _WIRE_TYPES[f.kind])}: // {f.proto_decl}"):
            if f.kind == "message":
                p(f"if ({x} !== undefined) r.notTaken(); // a repeated occurrence merges: left to the reference reader")
            p(f"{x} = {one};", "break;")
        return
    item = f"name{f.type_name}({one})" if f.kind == "enum" else one
    with p.block(f"case {_tag(f.number, _WIRE_TYPES[f.kind])}: // {f.proto_decl}"):
        p(f"({x} ??= []).push({item});", "break;")
    if f.kind in ("string", "message"):
        return
    with p.block(f"case {_tag(f.number, 2)}: {{ // packed"):
        p("const stop = r.end();", f"while (r.pos < stop) ({x} ??= []).push({item});", "r.done(stop);", "break;")
    p("}")


def _is_set(f: Field) -> str:
    x = f"f_{f.name}"
    if f.repeated or f.presence or f.kind == "message":
        return f"{x} !== undefined"
    return x if f.kind == "bool" else f"{x} !== {_ZEROS[f.kind]}"


def _named(f: Field, x: str) -> str:
    return f"name{f.type_name}({x})" if f.kind == "enum" else x
