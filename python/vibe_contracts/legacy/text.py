"""The value rules of the mapping (docs/legacy.md): trimming, names, phones, times.

White space is ECMAScript's (`String.prototype.trim`, `\\s`), so Python and
TypeScript trim and split the same characters.
"""

from __future__ import annotations

import re

__all__ = ["digits", "millis", "phone_e164", "split_name", "trimmed", "words"]

_WHITE = "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_RUN = re.compile(f"[{re.escape(_WHITE)}]+")
_ASCII_DIGITS = frozenset("0123456789")


def trimmed(value: str) -> str | None:
    """The string without surrounding white space; None when nothing is left (proto3's "unset")."""
    return value.strip(_WHITE) or None


def words(value: str) -> list[str]:
    """The words of a string, split on runs of white space."""
    text = value.strip(_WHITE)
    return _RUN.split(text) if text else []


def split_name(value: str, family_first: bool) -> tuple[str | None, str | None]:
    """(first_name, last_name): one word is a first name; more split off the first word."""
    parts = words(value)
    if not parts:
        return None, None
    if len(parts) == 1:
        return parts[0], None
    head, rest = parts[0], " ".join(parts[1:])
    return (rest, head) if family_first else (head, rest)


def digits(value: str) -> str:
    return "".join(c for c in value if c in _ASCII_DIGITS)


def phone_e164(value: str, country_code: str) -> str | None:
    """The number's digits as E.164: a national form (8 + 10 digits, or 10 digits from 9) gets the country code."""
    d = digits(value)
    if not d:
        return None
    if len(d) == 11 and d[0] == "8":
        return f"+{country_code}{d[1:]}"
    if len(d) == 10 and d[0] == "9":
        return f"+{country_code}{d}"
    return f"+{d}"


def millis(seconds: int, nanos: int) -> int | None:
    """A Timestamp in milliseconds; the zero Timestamp (1970-01-01T00:00:00Z) counts as unset."""
    if seconds == 0 and nanos == 0:
        return None
    return seconds * 1000 + nanos // 1_000_000
