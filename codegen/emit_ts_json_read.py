"""IR → `typescript/src/gen/v<N>/readers.ts`: readers of canonical JSON text, for the TypeScript decode.

A reader takes what the writers (`emit_ts_json`) write, and what other producers write the
same way: no whitespace, fields in declaration order, no null, strings without escapes.
There it gives exactly the value `JSON.parse` gives, in one pass and without the checks a
text in general needs: fields in declaration order cannot repeat, the nesting is the
message's own, and a string holding a backslash, a control character or a lone surrogate
is left to the general path. Anything else makes it return `undefined`, and the decode parses
the text in full (`src/json.ts`), so a reader decides speed, never a verdict.

`readX`    one reader per message: `(s, i)` → the index after the object read from `s` at
           `i`, or -1; the object in `out.v`
`READERS`  per topic message, the whole text → its value, or `undefined`
"""

from __future__ import annotations

from . import emit_typescript as ts
from .ir import Contracts, Field, Message
from .printer import Printer

_QUOTE, _COMMA = 34, 44


def readers(contracts: Contracts) -> str:
    p = Printer("  ")
    ts._header(p, contracts, "readers of canonical JSON text")
    p('import type * as T from "./types.js";', "")
    ts._jsdoc(p, "Where a reader leaves the object it read (readers call no other code, so one holder serves).")
    p("const out: { v: unknown } = { v: undefined };")
    p("const isDigit = (u: number): boolean => u >= 48 && u <= 57;")
    _number(p)
    for m in contracts.messages:
        p("")
        _reader(p, m)
    p("")
    ts._jsdoc(p, "The reader of each topic message by the name `decode` takes: the value `JSON.parse` gives "
                 "for a canonical text, else undefined.")
    with p.block("export const READERS: { readonly [K in keyof T.MessageTypes]: (s: string) => unknown } = {"):
        for m in contracts.topics:
            p(f"{ts._topic_key(m)}: (s) => whole(s, read{ts._fn(m)}(s, 0)),")
    p("};", "")
    with p.block("function whole(s: string, end: number): unknown {"):
        p("const v = out.v;", "out.v = undefined;", "return end === s.length ? v : undefined;")
    p("}")
    return p.text()


def _number(p: Printer) -> None:
    ts._jsdoc(p, "Reads a JSON number from `s` at `i` (its grammar exactly): the index after it, or -1; "
                 "the number in `out.v`. With 15 digits or fewer and no exponent, the digits are summed as "
                 "read and divided by the power of ten of the fraction: both exact, so the one rounding of "
                 "the division gives the nearest double, as `JSON.parse` does. Any other number is converted "
                 "as `JSON.parse` converts it.")
    with p.block("function readNumber(s: string, i: number): number {"):
        p("const start = i;", "const negative = s.charCodeAt(i) === 45;", "if (negative) i++;",
          "let u = s.charCodeAt(i);", "let x = 0;", "let digits = 1;", "let scale = 1;")
        with p.block("if (u === 48) {"):
            p("u = s.charCodeAt(++i);")
        p("} else if (isDigit(u)) {")
        with p.block():
            p("x = u - 48;")
            with p.block("for (u = s.charCodeAt(++i); isDigit(u); u = s.charCodeAt(++i)) {"):
                p("x = x * 10 + (u - 48);", "digits++;")
            p("}")
        p("} else {")
        with p.block():
            p("return -1;")
        p("}")
        with p.block("if (u === 46) {"):
            p("u = s.charCodeAt(++i);", "if (!isDigit(u)) return -1;")
            with p.block("for (; isDigit(u); u = s.charCodeAt(++i)) {"):
                p("x = x * 10 + (u - 48);", "scale *= 10;", "digits++;")
            p("}")
        p("}")
        p("let exact = digits <= 15;")
        with p.block("if (u === 101 || u === 69) {"):
            p("u = s.charCodeAt(++i);", "if (u === 43 || u === 45) u = s.charCodeAt(++i);", "if (!isDigit(u)) return -1;",
              "while (isDigit(s.charCodeAt(++i)));", "exact = false;")
        p("}")
        p("out.v = exact ? (negative ? -x : x) / scale : Number(s.slice(start, i));", "return i;")
    p("}")


def _reader(p: Printer, m: Message) -> None:
    ts._jsdoc(p, f"Reads a `{m.full_name}` in canonical JSON from `s` at `i`: the index after it, or -1 when "
                 "the text is not canonical there.")
    with p.block(f"function read{ts._fn(m)}(s: string, i: number): number {{"):
        strings = any(f.kind in ("string", "enum") for f in m.fields)
        p("if (s.charCodeAt(i++) !== 123) return -1;", "const o: Record<string, unknown> = {};",
          "let n = 0; // fields read: from the second on, a comma comes first", "let j = 0;")
        if strings or any(f.repeated for f in m.fields):
            p("let u = 0;")
        if strings:
            p("let start = 0;")
        for f in m.fields:
            key = f'"{f.name}":'
            p(f"// {f.proto_decl}", "j = n === 0 ? i : i + 1;")
            same = " && ".join(f"s.charCodeAt(j + {k}) === {ord(ch)}" for k, ch in enumerate(key))
            with p.block(f"if ((n === 0 || s.charCodeAt(i) === {_COMMA}) && {same}) {{"):
                p(f"i = j + {len(key)};", "n++;")
                if f.repeated:
                    _list(p, f, f"o[{ts._ts(f.name)}] = ")
                else:
                    _value(p, f, f"o[{ts._ts(f.name)}] = ")
            p("}")
        p("if (s.charCodeAt(i) !== 125) return -1;", "out.v = o;", "return i + 1;")
    p("}")


def _list(p: Printer, f: Field, sink: str) -> None:
    p("if (s.charCodeAt(i++) !== 91) return -1;", "const a: unknown[] = [];")
    with p.block("if (s.charCodeAt(i) === 93) {"):
        p("i++;")
    p("} else {")
    with p.block():
        with p.block("for (;;) {"):
            _value(p, f, "a.push(", ")")
            p("u = s.charCodeAt(i++);", "if (u === 93) break;", f"if (u !== {_COMMA}) return -1;")
        p("}")
    p("}", f"{sink}a;")


def _value(p: Printer, f: Field, sink: str, close: str = "") -> None:
    """Read one value of field `f` at `i` (one item, if repeated) and `sink` it."""
    if f.kind in ("string", "enum"):
        p(f"if (s.charCodeAt(i) !== {_QUOTE}) return -1;", "start = ++i;")
        with p.block(f"for (u = s.charCodeAt(i); u !== {_QUOTE}; u = s.charCodeAt(++i)) {{"):
            # a backslash, a control character, a lone surrogate, or the end (NaN): not canonical here
            p("if (!(u >= 32) || u === 92) return -1;")
            with p.block("if ((u & 0xf800) === 0xd800 && (u > 0xdbff || (s.charCodeAt(++i) & 0xfc00) !== 0xdc00)) {"):
                p("return -1;")
            p("}")
        p("}", f"{sink}s.slice(start, i++){close};")
    elif f.kind in ("int64", "double"):
        p("i = readNumber(s, i);", "if (i < 0) return -1;", f"{sink}out.v{close};")
    elif f.kind == "bool":
        with p.block('if (s.startsWith("true", i)) {'):
            p(f"{sink}true{close};", "i += 4;")
        p('} else if (s.startsWith("false", i)) {')
        with p.block():
            p(f"{sink}false{close};", "i += 5;")
        p("} else {")
        with p.block():
            p("return -1;")
        p("}")
    elif f.kind == "message":
        p(f"i = read{f.type_name}(s, i);", "if (i < 0) return -1;", f"{sink}out.v{close};")
    else:  # pragma: no cover - lower() admits no other kinds
        raise ValueError(f"{f.name}: kind {f.kind} has no JSON reader")
