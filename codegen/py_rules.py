"""What each contract rule means in Python, said once for the generated fast paths.

Each function gives conditions, as Python source, that are true when a rule is
broken: `value_broken` for one value, `cross` for a message's rules over its fields.
`emit_python_fast` (Protobuf and strict encode) and `emit_python`'s `ACCEPT`
functions (the rules msgspec does not check) build their checks from them.
"""

from __future__ import annotations

from collections.abc import Callable

from .ir import Contracts, Field, Message
from .regex import pattern_width, to_python
from .shape import fixed_shape


class Consts:
    """Module-level names the checks use: each pattern compiled once, each key getter.

    Every pattern and key of the contracts is named up front, in declaration
    order, so `models.py` defines them and `fast.py` imports the same names.
    """

    def __init__(self, contracts: Contracts) -> None:
        self.lines: list[str] = []
        self._patterns: dict[str, str] = {}
        for f in (f for m in contracts.messages for f in m.fields):
            if f.rules.pattern and f.rules.pattern not in self._patterns and fixed_shape(f.rules.pattern) is None:
                name = self._patterns[f.rules.pattern] = f"_PATTERN_{len(self._patterns)}"
                self.lines.append(f"{name} = re.compile({to_python(f.rules.pattern)!r}).search")
        for key in sorted({f.rules.unique_by for m in contracts.messages for f in m.fields if f.rules.unique_by}):
            self.lines.append(f"_KEY_{key} = attrgetter({key!r})")

    @property
    def names(self) -> list[str]:
        return [line.split(" = ", 1)[0] for line in self.lines]

    def pattern(self, pattern: str) -> str:
        return self._patterns[pattern]

    def key(self, field: str) -> str:
        return f"_KEY_{field}"


def pattern_broken(f: Field, x: str, consts: Consts) -> list[str]:
    """The pattern of string `x`, if `f` has one: run after the lengths, never on a string longer than any match.

    A fixed-shape pattern (a prefix, then digits: `shape.py`) is tested without `re`.
    """
    if not f.rules.pattern:
        return []
    if (shape := fixed_shape(f.rules.pattern)) is not None:
        return [shape.broken(x)]
    width = pattern_width(f.rules.pattern)
    test = f"not {consts.pattern(f.rules.pattern)}({x})"
    return [test if width is None else f"len({x}) > {width} or {test}"]


def value_broken(f: Field, x: str, consts: Consts, nonempty: bool = False) -> list[str]:
    """Conditions on the value `x` of `f` (one item, for a repeated field), of the right type: true when a rule breaks.

    `nonempty`: `x` is known not to be empty, so a minimum length of 1 needs no test.
    """
    r = f.rules
    if f.kind == "string":
        out = value_range(f"len({x})", None if nonempty and r.min_len == 1 else r.min_len, r.max_len, None)
        return out + pattern_broken(f, x, consts)
    if f.kind in ("int64", "double"):
        out = value_range(x, r.minimum, r.maximum, r.exclusive_maximum)
        if f.kind == "double" and (r.minimum is None or (r.maximum is None and r.exclusive_maximum is None)):
            out.append(f"not isfinite({x})")  # a two-sided range refuses NaN and infinities by itself
        if r.multiple_of is not None:
            out.append(f"not ({x} / {r.multiple_of!r}).is_integer()")
        return out
    return []


def value_range(x: str, low: float | None, high: float | None, below: float | None) -> list[str]:
    """Conditions that `x` lies outside [low, high] and below `below` (each bound optional)."""
    uppers = [("<=", ">", high)] * (high is not None) + [("<", ">=", below)] * (below is not None)
    if low is None:
        return [f"{x} {out} {bound!r}" for _, out, bound in uppers]
    if not uppers:
        return [f"{x} < {low!r}"]
    (within, _, bound), *rest = uppers
    return [f"not {low!r} <= {x} {within} {bound!r}"] + [f"{x} {out} {b!r}" for _, out, b in rest]


def count_broken(f: Field, n: str) -> list[str]:
    return value_range(n, f.rules.min_items, f.rules.max_items, None)


def cross(m: Message, value: Callable[[str], str], consts: Consts) -> list[str]:
    """Conditions over the fields of `m` (each read by `value(name)`, None when unset): true when a rule breaks."""
    out = []
    for f in m.fields:
        v, r = value(f.name), f.rules
        set_ = "" if f.required else f"{v} is not None and "
        if r.unique:
            out.append(f"{set_}len({v}) > 1 and len(set({v})) != len({v})")
        if r.unique_by:
            out.append(f"{set_}len({v}) > 1 and len(set(map({consts.key(r.unique_by)}, {v}))) != len({v})")
        if r.not_before:
            other = m.field(r.not_before)
            both = set_ + ("" if other.required else f"{value(other.name)} is not None and ")
            out.append(f"{both}{v} < {value(other.name)}")
    return out


def any_of(conditions: list[str]) -> str:
    if len(conditions) == 1:
        return conditions[0]
    return " or ".join(f"({c})" if " and " in c else c for c in conditions)
