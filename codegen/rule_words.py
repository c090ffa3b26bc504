"""The rules of a field (`ir.Rules`) in words, for the reference docs."""

from __future__ import annotations

from .ir import Contracts, Field, Rules


def describe(contracts: Contracts, field: Field) -> str:
    """Every rule of one field, e.g. `1–1000 items; items unique by `id``; empty if it has none."""
    rules = field.rules
    each = "each " if field.repeated else ""
    parts = []
    if field.repeated:
        parts.append(_count(rules.min_items, rules.max_items, "items"))
        if rules.unique:
            parts.append("items unique")
    length = _count(rules.min_len, rules.max_len, "chars")
    if length:
        parts.append(each + length)
    if rules.pattern:
        parts.append(f"{each}matches `{rules.pattern}`")
    bounds = _range(rules)
    if bounds:
        parts.append(each + bounds)
    if rules.multiple_of is not None:
        parts.append(f"{each}a multiple of {number(rules.multiple_of)}")
    parts.extend(beyond_json_schema(field))
    if field.kind == "enum" and field.type_name:
        fallback = contracts.enum(field.type_name).fallback
        if fallback is not None:
            parts.append(f"tolerant readers read an unknown value as `{fallback}`")
    return "; ".join(p for p in parts if p)


def beyond_json_schema(field: Field) -> list[str]:
    """The rules of a field that JSON Schema cannot state; the runtime validators check them."""
    parts = []
    if field.rules.unique_by:
        parts.append(f"items unique by `{field.rules.unique_by}`")
    if field.rules.not_before:
        parts.append(f"not before `{field.rules.not_before}` when both are set")
    return parts


def number(value: int | float) -> str:
    """A bound as people write it: `-90`, not `-90.0`."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def _count(low: int | None, high: int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"exactly {low} {_plural(unit, low)}" if low == high else f"{low}–{high} {unit}"
    if high is not None:
        return f"at most {high} {_plural(unit, high)}"
    if low is not None:
        return f"at least {low} {_plural(unit, low)}"
    return ""


def count(n: int, unit: str) -> str:
    """`1 item`, `5 items`: a count as the rule messages of both languages write it."""
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _plural(unit: str, count: int) -> str:
    return unit.removesuffix("s") if count == 1 else unit


def _range(rules: Rules) -> str:
    low = rules.minimum
    high, closed = (rules.maximum, "]") if rules.exclusive_maximum is None else (rules.exclusive_maximum, ")")
    if low is not None and high is not None:
        return f"in [{number(low)}, {number(high)}{closed}"
    if low is not None:
        return f"≥ {number(low)}"
    if high is not None:
        return f"{'≤' if closed == ']' else '<'} {number(high)}"
    return ""
