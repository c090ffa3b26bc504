"""IR → `typescript/src/gen/wire.ts`: one deterministic Protobuf writer per message.

The writers take validated JSON-form objects and write through `ProtoWriter`
(`typescript/src/convert.ts`) the bytes protobuf-es's `toBinary` would.
"""

from __future__ import annotations

from .emit_typescript import GEN_DIR, _fn, _header, _jsdoc, _ts
from .ir import Contracts, Field
from .printer import Printer


def emit(contracts: Contracts) -> dict[str, str]:
    return {f"{GEN_DIR}/wire.ts": _wire(contracts)}


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
    p('import type { ProtoWriter } from "../convert.js";', 'import type * as T from "./types.js";', "")
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
    p("")
    _jsdoc(p, "The writer of each message by its name (`MessageSpec.name`).")
    with p.block("export const WIRE: { readonly [name: string]: (w: ProtoWriter, v: never) => void } = {"):
        for m in contracts.messages:
            p(f"{m.name}: wire{_fn(m)},")
    p("};")
    return p.text()


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
