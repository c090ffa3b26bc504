"""IR → the TypeScript package's generated modules, one folder per major (`typescript/src/gen/v1/`, …).

`types.ts`       the JSON form as TypeScript types (JSDoc from the proto comments)
`validators.ts`  one validation function per message, rules inlined as constants:
                 the same walk, paths, rules and messages as Python's `validate.py`
`writers.ts`     one canonical-JSON writer per message (keys in declaration order): `emit_ts_json`
`readers.ts`     one reader of canonical JSON text per message, for decode: `emit_ts_json_read`
`wire.ts`        one deterministic Protobuf writer per message (`emit_ts_wire`)
`tables.ts`      the rules as data, with the protobuf-es schemas, for conversion and tests

The Protobuf messages themselves come from protoc-gen-es (`buf.gen.ts.yaml`).
Messages are written as text, with a small printer and no templates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from . import emit_ts_json, emit_ts_json_read
from .ir import Contracts, Enum, Field, Message, Rules
from .printer import Printer, banner
from .regex import pattern_width, to_python
from .rule_words import count
from .shape import Shape, fixed_shape

GEN_DIR = "typescript/src/gen"

# Field names that are properties of every JavaScript object: reading or
# writing them on plain objects would reach the prototype.
_OBJECT_PROPERTIES = frozenset({
    "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
    "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString",
    "toString", "valueOf",
})
# protobuf-es escapes these property names of its messages with a `$` suffix.
_PROTOBUF_ES_RESERVED = frozenset({"constructor", "toString", "toJSON", "valueOf"})
_TS_SCALARS = {"string": "string", "bool": "boolean", "int64": "number", "double": "number"}
_EXPECTED = {"string": "string", "bool": "boolean", "int64": "integer", "double": "number",
             "enum": "string", "message": "object"}


def emit_all(majors: Sequence[Contracts]) -> dict[str, str]:
    """The modules of every major (oldest first), path → text."""
    return {path: text for contracts in majors for path, text in emit(contracts).items()}


def emit(contracts: Contracts) -> dict[str, str]:
    """Return the generated TypeScript modules of one major, path → text."""
    for m in contracts.messages:
        for f in m.fields:
            if f.name in _OBJECT_PROPERTIES:
                raise ValueError(f"{m.name}.{f.name}: field name clashes with a JavaScript object property")
    folder = major_dir(contracts)
    return {
        f"{folder}/types.ts": _types(contracts),
        f"{folder}/validators.ts": _validators(contracts),
        f"{folder}/writers.ts": emit_ts_json.writers(contracts),
        f"{folder}/readers.ts": emit_ts_json_read.readers(contracts),
        f"{folder}/tables.ts": _tables(contracts),
    }


def major_dir(contracts: Contracts) -> str:
    """The folder of one major's modules: `typescript/src/gen/v2` for contract 2.x."""
    return f"{GEN_DIR}/v{contracts.major}"


# --- shared helpers -------------------------------------------------------------------------


def _header(p: Printer, contracts: Contracts, what: str) -> None:
    p(*(f"// {line}" for line in banner(contracts.files, what)), "")


def _ts(value: object) -> str:
    """A TypeScript literal of a string, number or bool (Python's float repr is valid JS)."""
    return json.dumps(value, ensure_ascii=False)


def _jsdoc(p: Printer, *parts: str) -> None:
    lines = "\n\n".join(part for part in parts if part).replace("*/", "*\\/").split("\n")
    p("/**", *(f" * {line}".rstrip() for line in lines), " */")


def _fn(message: Message) -> str:
    return message.name


def _topic_key(message: Message) -> str:
    """The lower-case name `decode` / `encode` take, as Python's `message_type()`."""
    return message.name.lower()


def _local_name(name: str) -> str:
    """protobuf-es's property name of a field: protoCamelCase, reserved names escaped."""
    out, cap = [], False
    for ch in name:
        if ch == "_":
            cap = True
        elif ch.isdigit():
            out.append(ch)
            cap = False
        else:
            out.append(ch.upper() if cap else ch)
            cap = False
    local = "".join(out)
    return f"{local}$" if local in _PROTOBUF_ES_RESERVED else local


# --- types.ts -------------------------------------------------------------------------------


def _types(contracts: Contracts) -> str:
    p = Printer("  ")
    _header(p, contracts, "TypeScript types of the JSON form")
    p("/** The contract version (MAJOR.MINOR) carried in the `schema-version` header. */")
    p(f"export const CONTRACT_VERSION = {_ts(contracts.version)};", "")
    for enum in contracts.enums:
        _enum_type(p, enum)
    for message in contracts.messages:
        _interface(p, contracts, message)
    _jsdoc(p, "The messages that travel on a topic, by the lower-case name `decode` and `encode` take.")
    with p.block("export interface MessageTypes {"):
        for m in contracts.topics:
            p(f"{_topic_key(m)}: {m.name};")
    p("}", "")
    p("/** `\"organizer\" | \"event\" | …`: the names `decode` and `encode` take. */")
    p("export type MessageName = keyof MessageTypes;", "")
    p("/** Every message name, in source order. */")
    names = ", ".join(_ts(_topic_key(m)) for m in contracts.topics)
    p(f"export const MESSAGE_NAMES: readonly MessageName[] = [{names}];", "")
    p("/** Default Kafka topic of each message. */")
    with p.block("export const TOPICS: { readonly [K in MessageName]: string } = {"):
        for m in contracts.topics:
            p(f"{_topic_key(m)}: {_ts(m.topic)},")
    p("};")
    return p.text()


def _enum_type(p: Printer, enum: Enum) -> None:
    values = "\n".join(f"- `{v.json}`" + (f": {v.doc.title}" if v.doc.title else "") for v in enum.values if v.json)
    note = ""
    if enum.fallback is not None:
        note = f"Tolerant readers map an unknown value to `{enum.fallback}`, so decoded data only holds these."
    _jsdoc(p, enum.doc.text, values, note, f"@generated from enum {enum.full_name}")
    p(f"export type {enum.name} = {' | '.join(_ts(v) for v in enum.json_values)};", "")
    # the values at run time too (a select's options, a check of your own), in declaration order
    constant = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", enum.name).upper() + "_VALUES"
    p(f"/** Every {enum.name} value, in declaration order. */",
      f"export const {constant}: readonly {enum.name}[] = [{', '.join(_ts(v) for v in enum.json_values)}];", "")


def _interface(p: Printer, contracts: Contracts, message: Message) -> None:
    _jsdoc(p, message.doc.text, f"@generated from message {message.full_name}")
    with p.block(f"export interface {message.name} {{"):
        for i, f in enumerate(message.fields):
            if i:
                p("")
            notes = "; ".join(n for n in (_limits(f), "personal data" if f.pii else "") if n)
            _jsdoc(p, f.doc.text, notes[:1].upper() + notes[1:] + "." if notes else "",
                   f"@generated from field: {f.proto_decl}")
            p(f"{f.name}{'' if f.required else '?'}: {_ts_type(f)};")
    p("}", "")


def _ts_type(f: Field) -> str:
    base = f.type_name if f.kind in ("enum", "message") else _TS_SCALARS[f.kind]
    return f"{base}[]" if f.repeated else str(base)


def _limits(f: Field) -> str:
    r, out = f.rules, []
    if r.min_items is not None or r.max_items is not None:
        out.append(f"{_span(r.min_items, r.max_items)} items")
    if r.min_len is not None or r.max_len is not None:
        out.append(f"{_span(r.min_len, r.max_len)} characters")
    if r.pattern:
        out.append(f"matches `{r.pattern}`")
    if f.kind in ("int64", "double") and (r.minimum, r.maximum, r.exclusive_maximum) != (None, None, None):
        out.append(f"in {_range_text(r)}")
    if r.multiple_of is not None:
        out.append(f"a multiple of {r.multiple_of}")
    if r.unique:
        out.append("unique")
    if r.unique_by:
        out.append(f"unique by `{r.unique_by}`")
    if r.not_before:
        out.append(f"not before `{r.not_before}`")
    return "; ".join(out)


def _span(low: int | None, high: int | None) -> str:
    if high is None:
        return f"at least {low}"
    return f"at most {high}" if not low else f"{low}–{high}"


def _range_text(r: Rules) -> str:
    """Python's `validate._range(field)`, word for word."""
    low = "(-inf" if r.minimum is None else f"[{r.minimum}"
    if r.exclusive_maximum is not None:
        return f"{low}, {r.exclusive_maximum})"
    return f"{low}, {'inf)' if r.maximum is None else f'{r.maximum}]'}"


# --- validators.ts --------------------------------------------------------------------------


class _Consts:
    """Module-level constants of validators.ts: compiled patterns, enum and number rules, key sets."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._patterns: dict[str, str] = {}

    def pattern(self, source: str) -> str:
        if source not in self._patterns:
            name = self._patterns[source] = f"PATTERN_{len(self._patterns)}"
            self.lines.append(f"const {name} = new RegExp({_ts(source)}, \"u\");")
        return self._patterns[source]

    def add(self, line: str) -> None:
        self.lines.append(line)


def _validators(contracts: Contracts) -> str:
    consts = _Consts()
    for enum in contracts.enums:
        known = ", ".join(_ts(v) for v in enum.json_values)
        fallback = _ts(enum.fallback) if enum.fallback is not None else "undefined"
        consts.add(f"const ENUM_{enum.name}: EnumRule = {{ known: new Set([{known}]), fallback: {fallback}, "
                   f"listed: {_ts(', '.join(enum.json_values))} }};")
    body = Printer("  ")
    for message in contracts.messages:
        body("")
        _validator(body, consts, message)
    p = Printer("  ")
    _header(p, contracts, "validators of the JSON form")
    p('import type * as T from "./types.js";', "import {")
    with p.block():
        p("checkEnum,", "checkNumber,", "checkUnique,", "digitsFrom,", "fail,", "here,", "isObject,", "lengthOk,",
          "pathOf,", "patternError,", "typeError,", "unknownKeys,", "type EnumRule,",
          "type NumberRule,")
    p('} from "../../check.js";', 'import type { Walk } from "../../validate.js";', "")
    p(*consts.lines)
    p(*body.text().rstrip("\n").split("\n"))
    p("")
    _jsdoc(p, "The validator of each topic message by the name `decode` takes.")
    with p.block("export const VALIDATORS: { readonly [K in keyof T.MessageTypes]: "
                 "(v: unknown, c: Walk) => T.MessageTypes[K] | undefined } = {"):
        for m in contracts.topics:
            p(f"{_topic_key(m)}: check{_fn(m)},")
    p("};", "")
    _jsdoc(p, "How deep the JSON of each topic message nests at most (the top-level object is depth 1).")
    with p.block("export const DEPTHS: { readonly [K in keyof T.MessageTypes]: number } = {"):
        for m in contracts.topics:
            p(f"{_topic_key(m)}: {_depth(contracts, m, ())},")
    p("};")
    return p.text()


def _depth(contracts: Contracts, m: Message, seen: tuple[str, ...]) -> int:
    """1 plus the deepest field (an array is a level); a message that holds itself: beyond any limit."""
    if m.name in seen:
        return 10**6
    deepest = 0
    for f in m.fields:
        inner = _depth(contracts, contracts.message(f.type_name or ""), (*seen, m.name)) if f.kind == "message" else 0
        deepest = max(deepest, min(inner + (1 if f.repeated else 0), 10**6))
    return 1 + deepest


def _validator(p: Printer, consts: _Consts, m: Message) -> None:
    consts.add(f"const FIELDS_{m.name} = [{', '.join(_ts(f.name) for f in m.fields)}];")
    consts.add(f"const KEYS_{m.name} = new Set(FIELDS_{m.name});")
    _jsdoc(p, f"Checks a `{m.full_name}` at the path `c.trail` holds: the fields in declaration order, then "
              "cross-field rules, then (strict) unknown keys. Undefined when it is not an object. Adds to `c.quotes` "
              "the quotes of the keys and strings it read: 2 each (exact only when nothing broke a rule).")
    with p.block(f"export function check{_fn(m)}(v: unknown, c: Walk): T.{m.name} | undefined {{"):
        with p.block("if (!isObject(v)) {"):
            p('typeError(c, pathOf(c), "object", v);', "return undefined;")
        p("}", "const out: Record<string, unknown> = {};", "let x: unknown;", "let q = 0;")
        for f in m.fields:
            _field(p, consts, m, f)
        for f in m.fields:
            if f.rules.not_before:
                a, b = f"out[{_ts(f.name)}]", f"out[{_ts(f.rules.not_before)}]"
                with p.block(f"if ({a} !== undefined && {b} !== undefined && ({a} as number) < ({b} as number)) {{"):
                    p(f'fail(c, here(c, {_ts(f.name)}), "order", {_ts("must not be before " + f.rules.not_before)});')
                p("}")
        p(f"if (c.strict) unknownKeys(c, v, FIELDS_{m.name}, KEYS_{m.name});", "c.quotes += q;")
        p(f"return out as unknown as T.{m.name};")
    p("}")


def _field(p: Printer, consts: _Consts, m: Message, f: Field) -> None:
    key = _ts(f.name)
    p(f"// {f.proto_decl}", f"x = v[{key}];")
    if f.required:
        p("if (x === undefined) {")
        with p.block():
            p(f'fail(c, here(c, {key}), "required", "is required");')
        p("} else {")
    else:
        p("if (x !== undefined && (x !== null || c.strict)) {")
    with p.block():
        # the key, and a string value (a value of any other type breaks a rule: the count is moot)
        p(f"q += {4 if f.kind in ('string', 'enum') and not f.repeated else 2};")
        if f.repeated:
            _repeated(p, consts, m, f)
        else:
            _value(p, consts, m, f, "x", key, f"out[{key}] = ")
    p("}")


def _repeated(p: Printer, consts: _Consts, m: Message, f: Field) -> None:
    r, path = f.rules, f"here(c, {_ts(f.name)})"
    with p.block("if (!Array.isArray(x)) {"):
        p(f'typeError(c, {path}, "array", x);')
    p("} else {")
    with p.block():
        if f.kind in ("string", "enum"):
            p("q += 2 * x.length;")
        if r.min_items is not None:
            with p.block(f"if (x.length < {r.min_items}) {{"):
                p(f'fail(c, {path}, "min_items", `needs at least {count(r.min_items, "item")}, has ${{x.length}}`);')
            p("}")
        if r.max_items is not None:
            # too many items: refused on the count alone, before any per-item work
            with p.block(f"if (x.length > {r.max_items}) {{"):
                p(f'fail(c, {path}, "max_items", `allows at most {count(r.max_items, "item")}, has ${{x.length}}`);')
            p("} else {")
            with p.block():
                _items(p, consts, m, f)
            p("}")
        else:
            _items(p, consts, m, f)
    p("}")


def _items(p: Printer, consts: _Consts, m: Message, f: Field) -> None:
    # The item's path is the trail plus the field name and the index, rendered only for a violation.
    r = f.rules
    p("const before = c.errors.length;", "const items: unknown[] = [];", "const t = c.trail;",
      f"t.push({_ts(f.name)}, 0);", "const d = t.length - 1;")
    with p.block("for (let i = 0; i < x.length; i++) {"):
        p("const y: unknown = x[i];", "t[d] = i;")
        _value(p, consts, m, f, "y", None, "items[i] = ")
    p("}", "t.pop();", "t.pop();")
    with p.block("if (c.errors.length === before) {"):
        if r.unique:
            p(f"checkUnique(c, items, {_ts(f.name)}, undefined);")
        if r.unique_by:
            p(f"checkUnique(c, items, {_ts(f.name)}, {_ts(r.unique_by)});")
        p(f"out[{_ts(f.name)}] = items;")
    p("}")


def shape_condition(shape: Shape, x: str) -> str:
    """A TypeScript condition, true when string `x` matches the fixed-shape pattern (`shape.py`).

    A match is ASCII, so its length in UTF-16 units is its length in characters; a loop
    over the digits decides it in a fraction of a regex match's time.
    """
    low, high = shape.lengths[0], shape.lengths[-1]
    if list(shape.lengths) == list(range(low, high + 1)):
        tests = [f"{x}.length === {low}" if low == high else f"{x}.length >= {low} && {x}.length <= {high}"]
    else:
        tests = ["(" + " || ".join(f"{x}.length === {n}" for n in shape.lengths) + ")"]
    n = len(shape.prefix)
    if n:
        tests.append(f"{x}.startsWith({_ts(shape.prefix)})")
    if shape.nonzero_first:
        tests.append(f"{x}.charCodeAt({n}) !== 48")
    tests.append(f"digitsFrom({x}, {n})")
    return " && ".join(tests)


def _value(p: Printer, consts: _Consts, m: Message, f: Field, x: str, key: str | None, sink: str) -> None:
    """Check one value `x` of field `f` (one item, if repeated: `key` None); on success `sink` it."""
    r = f.rules
    path = "pathOf(c)" if key is None else f"here(c, {key})"
    if f.kind == "string":
        with p.block(f"if (typeof {x} !== \"string\") {{"):
            p(f'typeError(c, {path}, "string", {x});')
        p("} else {")
        with p.block():
            quick = []
            if r.max_len is not None:
                quick.append(f"{x}.length <= {r.max_len}")
            if r.min_len:
                # a code point is one or two UTF-16 units: these lengths need no counting
                quick.append(f"{x}.length >= {2 * r.min_len - 1}")
            checks = []
            if quick:
                low, high = r.min_len or 0, -1 if r.max_len is None else r.max_len
                checks.append(f"{' && '.join(quick)} || lengthOk(c, {path}, {x}, {low}, {high})")
            if not r.pattern:
                p(f"if ({checks[0]}) {sink}{x};" if checks else f"{sink}{x};")
            else:
                # The pattern only runs on a string within its length rules, and not on one
                # longer than any match (a code point is 1 or 2 UTF-16 units): bounded input.
                width = pattern_width(r.pattern)
                if (shape := fixed_shape(r.pattern)) is not None:
                    test = shape_condition(shape, x)
                else:
                    test = f"{consts.pattern(r.pattern)}.test({x})"
                    if width is not None:
                        test = f"{x}.length <= {2 * width} && {test}"
                p(f"let ok = {checks[0] if checks else 'true'};")
                with p.block(f"if (ok && !({test})) {{"):
                    p(f"patternError(c, {path});", "ok = false;")
                p("}", f"if (ok) {sink}{x};")
        p("}")
    elif f.kind in ("int64", "double"):
        rule = _number_rule(consts, m, f)
        p(f"const n = checkNumber(c, {key or 'undefined'}, {x}, {rule});", f"if (n !== undefined) {sink}n;")
    elif f.kind == "enum":
        e = f"ENUM_{f.type_name}"
        with p.block(f"if (typeof {x} === \"string\" && {e}.known.has({x})) {{"):
            p(f"{sink}{x};")
        p("} else {")
        with p.block():
            p(f"const e = checkEnum(c, {path}, {x}, {e});", f"if (e !== undefined) {sink}e;")
        p("}")
    elif f.kind == "message":
        if key is None:
            p(f"const o = check{f.type_name}({x}, c);")
        else:
            p(f"c.trail.push({key});", f"const o = check{f.type_name}({x}, c);", "c.trail.pop();")
        p(f"if (o !== undefined) {sink}o;")
    elif f.kind == "bool":
        with p.block(f"if (typeof {x} !== \"boolean\") {{"):
            p(f'typeError(c, {path}, "boolean", {x});')
        p("} else {")
        with p.block():
            p(f"{sink}{x};")
        p("}")
    else:  # pragma: no cover - lower() admits no other kinds
        raise ValueError(f"{m.name}.{f.name}: kind {f.kind} has no TypeScript validator")


def _number_rule(consts: _Consts, m: Message, f: Field) -> str:
    r, name = f.rules, f"NUMBER_{m.name}_{f.name}"
    parts = [f"integer: {'true' if f.kind == 'int64' else 'false'}"]
    for key, value in (("minimum", r.minimum), ("maximum", r.maximum),
                       ("exclusiveMaximum", r.exclusive_maximum), ("multipleOf", r.multiple_of)):
        if value is not None:
            parts.append(f"{key}: {_ts(value)}")
    parts.append(f"range: {_ts(_range_text(r))}")
    if r.multiple_of is not None:
        parts.append(f"multipleText: {_ts(f'must be a multiple of {r.multiple_of}')}")
    consts.add(f"const {name}: NumberRule = {{ {', '.join(parts)} }};")
    return name


# --- tables.ts ------------------------------------------------------------------------------


def _tables(contracts: Contracts) -> str:
    p = Printer("  ")
    _header(p, contracts, "rule tables")
    p('import type { EnumSpec, MessageSpec } from "../../spec.js";', 'import type { MessageName } from "./types.js";')
    by_file: dict[str, list[str]] = {}
    for m in contracts.messages:
        by_file.setdefault(m.file, []).append(f"{m.name}Schema")
    for file, names in sorted(by_file.items()):
        p(f"import {{ {', '.join(sorted(names))} }} from \"../{file.removesuffix('.proto')}_pb.js\";")
    p("", f"export const PACKAGE = {_ts(contracts.package)};", "")
    with p.block("export const ENUMS: { readonly [name: string]: EnumSpec } = {"):
        for enum in contracts.enums:
            numbers = ", ".join(f"{_ts(v.json)}: {v.number}" for v in enum.values if v.json is not None)
            names = ", ".join(f"{v.number}: {_ts(v.json)}" for v in enum.values if v.json is not None)
            fallback = f", fallback: {_ts(enum.fallback)}" if enum.fallback is not None else ""
            p(f"{enum.name}: {{ name: {_ts(enum.name)}, numbers: {{ {numbers} }}, names: {{ {names} }}{fallback} }},")
    p("};", "")
    with p.block("export const MESSAGES: { readonly [name: string]: MessageSpec } = {"):
        for m in contracts.messages:
            with p.block(f"{m.name}: {{"):
                p(f"name: {_ts(m.name)},", f"fullName: {_ts(m.full_name)},", f"schema: {m.name}Schema,")
                with p.block("fields: ["):
                    for f in m.fields:
                        p(f"{_field_spec(f)},")
                p("],")
                if m.topic:
                    p(f"topic: {_ts(m.topic)},", f"keyField: {_ts(m.key_field)},")
            p("},")
    p("};", "")
    p("/** The spec of each topic message by the name `decode` takes. */")
    with p.block("export const TOPIC_MESSAGES: { readonly [K in MessageName]: MessageSpec } = {"):
        for m in contracts.topics:
            p(f"{_topic_key(m)}: MESSAGES[{_ts(m.name)}] as MessageSpec,")
    p("};")
    return p.text()


def _field_spec(f: Field) -> str:
    r = f.rules
    items = {
        "name": f.name, "number": f.number, "kind": f.kind, "local": _local_name(f.name), "typeName": f.type_name,
        "repeated": f.repeated, "required": f.required, "presence": f.presence, "pii": f.pii,
        "minLen": r.min_len, "maxLen": r.max_len, "pattern": r.pattern, "minimum": r.minimum, "maximum": r.maximum,
        "exclusiveMaximum": r.exclusive_maximum, "multipleOf": r.multiple_of, "minItems": r.min_items,
        "maxItems": r.max_items, "unique": r.unique, "uniqueBy": r.unique_by, "notBefore": r.not_before,
    }
    return "{ " + ", ".join(f"{k}: {_ts(v)}" for k, v in items.items() if v is not None) + " }"

