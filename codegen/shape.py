"""Fixed-shape patterns (E.164, INN, OGRN) as Python string checks, without `re`.

A pattern of the form `^P[1-9]?[0-9]{a,b}$` — a literal ASCII prefix P, an
optional non-zero first digit, then ASCII digits — or an alternation of such
forms with the same prefix and first digit (`^([0-9]{10}|[0-9]{12})$`) says
only: this length, this prefix, digits after it. `str.isascii()` is a flag
test and `str.isdigit()` of an ASCII string is true only for `0`-`9`, so
`len`, `isascii`, `startswith` and `isdigit` decide such a pattern exactly as
the regex does, in a few C calls instead of a regex match (after a prefix
that does not end in a digit, `x.rstrip("0123456789") == prefix` says both). Any other pattern
keeps the regex (`py_rules.pattern_broken`); `tests/codegen/test_shape.py`
holds both to the same verdicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One alternative: an ASCII literal prefix (`\+` and the like escaped), `[1-9]`, `[0-9]{a}` / `{a,b}`.
_ALTERNATIVE = re.compile(
    r"(?P<prefix>(?:\\[^A-Za-z0-9]|[A-Za-z0-9 _\-:/#@=,;])*)(?P<lead>\[1-9\])?"
    r"(?:\[0-9\]|\\d)(?:\{(?P<low>\d+)(?:,(?P<high>\d+))?\})")


@dataclass(frozen=True)
class Shape:
    prefix: str
    nonzero_first: bool
    lengths: tuple[int, ...]  # every allowed length of the whole string, ascending

    def broken(self, x: str) -> str:
        """A Python condition, true when string `x` does not match."""
        low, high = self.lengths[0], self.lengths[-1]
        if list(self.lengths) == list(range(low, high + 1)):
            tests = [f"not {low} <= len({x}) <= {high}" if low != high else f"len({x}) != {low}"]
        else:
            tests = [f"len({x}) not in {self.lengths!r}"]
        n = len(self.prefix)
        if n and not self.prefix[-1].isdigit():
            # what is left once the ASCII digits at the end are stripped: the prefix alone, or it does not match
            tests.append(f"{x}.rstrip('0123456789') != {self.prefix!r}")
        else:
            tests.append(f"not {x}.isascii()")
            tests.append(f"not {x}[{n}:].isdigit()" if n else f"not {x}.isdigit()")
            if n:
                tests.append(f"not {x}.startswith({self.prefix!r})")
        if self.nonzero_first:
            tests.append(f"{x}[{n}] == '0'")
        return "(" + " or ".join(tests) + ")"


def fixed_shape(pattern: str) -> Shape | None:
    """The shape of an ECMA-262 pattern anchored at both ends, or None when it has another form."""
    if not (pattern.startswith("^") and pattern.endswith("$")) or pattern.endswith("\\$"):
        return None
    body = pattern[1:-1]
    if body.startswith("(") and body.endswith(")") and body.count("(") == 1:
        body = body[1:-1].removeprefix("?:")
    elif "|" in body:  # `^a|b$` is `(^a)|(b$)`: not one shape
        return None
    shapes = set()
    lengths: set[int] = set()
    for alternative in body.split("|"):
        match = _ALTERNATIVE.fullmatch(alternative)
        if match is None:
            return None
        prefix = re.sub(r"\\(.)", r"\1", match["prefix"])
        low = int(match["low"])
        high = int(match["high"] or low)
        lead = match["lead"] is not None
        shapes.add((prefix, lead))
        lengths.update(range(len(prefix) + lead + low, len(prefix) + lead + high + 1))
    if len(shapes) != 1:
        return None
    (prefix, lead), = shapes
    return Shape(prefix, lead, tuple(sorted(lengths)))
