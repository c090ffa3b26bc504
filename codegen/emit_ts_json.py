"""IR → `typescript/src/gen/v<N>/writers.ts`: the canonical JSON writers of the TypeScript package.

`writeX`       one writer per message: keys in declaration order, absent fields left
               out, no whitespace, doubles as Python writes them (`3.0`)
`STRINGIFY_IS_CANONICAL`  per topic message, whether `JSON.stringify` of the
               validator's output already gives those bytes: true when no double
               field is reachable from the message (a double is the one value
               `JSON.stringify` writes differently: `3` for `3.0`)
"""

from __future__ import annotations

import json

from . import emit_typescript as ts
from .ir import Contracts, Field, Message
from .printer import Printer


def writers(contracts: Contracts) -> str:
    p = Printer("  ")
    ts._header(p, contracts, "canonical JSON writers")
    p('import type * as T from "./types.js";', 'import { jsonDouble } from "../../pyrepr.js";', "")
    p("const q = JSON.stringify;")
    for m in contracts.messages:
        p("")
        ts._jsdoc(p, f"Canonical JSON of a valid `{m.full_name}`: declared order, absent fields left out, "
                     "no whitespace.")
        with p.block(f"export function write{ts._fn(m)}(v: T.{m.name}): string {{"):
            p('let s = "";')
            for f in m.fields:
                value = f"v.{f.name}"
                line = f"s += {ts._ts(',' + json.dumps(f.name) + ':')} + {_written(f, value)};"
                if f.required:
                    p(line)
                else:
                    with p.block(f"if ({value} !== undefined) {{"):
                        p(line)
                    p("}")
            p('return `{${s.slice(1)}}`;')
        p("}")
    p("")
    ts._jsdoc(p, "The writer of each topic message by the name `encode` takes.")
    with p.block("export const WRITERS: { readonly [K in keyof T.MessageTypes]: "
                 "(v: T.MessageTypes[K]) => string } = {"):
        for m in contracts.topics:
            p(f"{ts._topic_key(m)}: write{ts._fn(m)},")
    p("};", "")
    ts._jsdoc(p, "Whether `JSON.stringify` of a valid value as the validator returns it (fields in declared "
                 "order, absent ones left out) writes the same bytes as `WRITERS`: true for the messages "
                 "that reach no double field (`JSON.stringify` writes `3.0` as `3`). Only while no `toJSON` "
                 "was added to the prototypes of objects, arrays, numbers or booleans.")
    plain = stringify_is_canonical(contracts)
    with p.block("export const STRINGIFY_IS_CANONICAL: { readonly [K in keyof T.MessageTypes]: boolean } = {"):
        for m in contracts.topics:
            p(f"{ts._topic_key(m)}: {'true' if plain[m.name] else 'false'},")
    p("};")
    return p.text()


def stringify_is_canonical(contracts: Contracts) -> dict[str, bool]:
    """Message name → whether no double field (and no field named `toJSON`) is reachable from it."""
    by_name = {m.name: m for m in contracts.messages}
    memo: dict[str, bool] = {}

    def plain(m: Message) -> bool:
        if m.name not in memo:
            memo[m.name] = False  # a message that reaches itself is decided by its other fields
            memo[m.name] = all(
                f.kind != "double" and f.name != "toJSON"
                and (f.kind != "message" or plain(by_name[str(f.type_name)]))
                for f in m.fields
            )
        return memo[m.name]

    return {m.name: plain(m) for m in contracts.messages}


def _written(f: Field, value: str) -> str:
    one = {
        "string": "q({})", "enum": "q({})", "int64": "String({})", "double": "jsonDouble({})",
        "bool": '({} ? "true" : "false")', "message": f"write{f.type_name}({{}})",
    }[f.kind]
    if not f.repeated:
        return one.format(value)
    return f'"[" + {value}.map((y) => {one.format("y")}).join(",") + "]"'
