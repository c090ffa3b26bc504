"""Why a text is not JSON, in the library's own words (mirrors `typescript/src/syntax.ts`).

The same message in both languages, naming where, never quoting the input
(which may hold personal data). Only called once a parser has refused the
input, so it is written for clarity, not speed.
"""

from __future__ import annotations

_WHITESPACE = " \t\n\r"
_DIGITS = "0123456789"
_HEX = "0123456789abcdefABCDEF"
_ESCAPES = '"\\/bfnrt'


class _Stop(Exception):
    def __init__(self, at: int) -> None:
        self.at = at


def grammar_error_at(text: str) -> int:
    """Where `text` first breaks the JSON grammar (RFC 8259).

    The index of the unexpected character, `len(text)` when the text ends too
    early, or -1 when the grammar holds.
    """
    n = len(text)
    i = 0

    def stop() -> None:
        raise _Stop(i)

    def at() -> str:
        return text[i] if i < n else ""

    def space() -> None:
        nonlocal i
        while i < n and text[i] in _WHITESPACE:
            i += 1

    def expect(chars: str) -> None:
        nonlocal i
        if i >= n or text[i] not in chars:
            stop()
        i += 1

    def digits() -> None:
        nonlocal i
        expect(_DIGITS)
        while i < n and text[i] in _DIGITS:
            i += 1

    def string() -> None:
        nonlocal i
        expect('"')
        while True:
            if i >= n:
                stop()
            c = text[i]
            if c == '"':
                break
            if c < " ":
                stop()
            if c == "\\":
                i += 1
                if at() == "u":
                    i += 1
                    for _ in range(4):
                        expect(_HEX)
                    continue
                expect(_ESCAPES)
                continue
            i += 1
        i += 1

    def number() -> None:
        nonlocal i
        if at() == "-":
            i += 1
        if at() == "0":
            i += 1
        else:
            digits()
        if at() == ".":
            i += 1
            digits()
        if at() in ("e", "E"):
            i += 1
            if at() in ("+", "-"):
                i += 1
            digits()

    def key() -> None:
        space()
        string()
        space()
        expect(":")

    stack: list[str] = []  # the open containers, "{" or "["
    try:
        while True:
            # a value
            space()
            if i >= n:
                stop()
            c = text[i]
            if c in "{[":
                i += 1
                space()
                if at() == ("}" if c == "{" else "]"):
                    i += 1
                else:
                    stack.append(c)
                    if c == "{":
                        key()
                    continue
            elif c == '"':
                string()
            elif c == "-" or c in _DIGITS:
                number()
            elif c in "tfn":
                for expected in {"t": "true", "f": "false", "n": "null"}[c]:
                    expect(expected)
            else:
                stop()
            # after a value: a comma, the end of containers, or the end of the text
            while True:
                space()
                if not stack:
                    if i < n:
                        stop()
                    return -1
                top = stack[-1]
                if i >= n:
                    stop()
                if text[i] == ",":
                    i += 1
                    if top == "{":
                        key()
                    break
                expect("}" if top == "{" else "]")
                stack.pop()
    except _Stop as exc:
        return exc.at


def syntax_reason(text: str) -> str:
    """The reason, after `not valid JSON: `, for a text a parser refused.

    Where its grammar breaks (line and column, counted in characters from 1),
    or, for a text whose grammar holds, the lone surrogate JSON's parsers refuse.
    """
    at = grammar_error_at(text)
    if at < 0:
        return "lone surrogate in string"
    if at >= len(text):
        return "unexpected end of the text"
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"unexpected character at line {line}, column {column}"


def utf8_reason(exc: UnicodeDecodeError) -> str:
    """The reason for bytes that are not UTF-8: the offset of the first byte that breaks it."""
    return f"invalid UTF-8 at byte {exc.start}"
