"""ECMA-262 patterns (what JSON Schema and TypeScript use) → Python `re` patterns.

The source writes patterns once, in ECMA-262 syntax. Python's `re` differs in
a few escapes: `\\s` and `\\d` match more characters there, and `$` also
matches before a trailing newline. This rewrites those so both languages
accept exactly the same strings.
"""

from __future__ import annotations

import re._parser as _sre_parse

# ECMAScript WhiteSpace and LineTerminator code points.
_ECMA_SPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_CLASS_ESCAPES = {"s": _ECMA_SPACE, "d": "0-9", "w": "A-Za-z0-9_"}
_NEGATED = {"S": "s", "D": "d", "W": "w"}


def to_python(pattern: str) -> str:
    """Translate one ECMA-262 pattern (without flags) to an equivalent Python pattern."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in _CLASS_ESCAPES:
                body = _CLASS_ESCAPES[nxt]
                out.append(body if in_class else f"[{body}]")
            elif nxt in _NEGATED and not in_class:
                out.append(f"[^{_CLASS_ESCAPES[_NEGATED[nxt]]}]")
            elif nxt in _NEGATED:
                raise ValueError(f"negated class escape \\{nxt} inside [...] is not supported: {pattern!r}")
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == "$" and not in_class:
            ch = r"\Z"
        out.append(ch)
        i += 1
    return "".join(out)


def pattern_width(pattern: str) -> int | None:
    """The longest string a pattern anchored at both ends can match; None if unbounded.

    The same computation as Python's `vibe_contracts.validate.pattern_width`
    (on the pattern as Python reads it), so both skip the same hopeless strings.
    """
    parsed = _sre_parse.parse(to_python(pattern))
    at, end = _sre_parse.AT, (_sre_parse.AT, _sre_parse.AT_END_STRING)
    if len(parsed) < 2 or parsed[0] != (at, _sre_parse.AT_BEGINNING) or parsed[-1] != end:
        return None
    high = parsed.getwidth()[1]
    return None if high >= _sre_parse.MAXREPEAT else high
