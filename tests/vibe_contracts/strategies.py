"""Hypothesis strategies for the contracts, derived from the generated rule tables.

Nothing here is written per field: every strategy walks `MESSAGES` / `ENUMS`
from `vibe_contracts._gen.v1.rules`, so a new field or rule is covered as soon as
the tables are regenerated.

- `documents(name)` draws valid JSON-form documents (parsed JSON: dicts, lists,
  str, int, float). Keys come in random order; doubles with an integral value
  are sometimes written as JSON integers; with `float_ints=True` integer fields
  are sometimes written as integral floats (`1.0`), which the contract allows
  but msgspec refuses (see `conformance.py`).
- `noise(doc, name)` adds what only the tolerant reader accepts (nulls for
  optional fields, unknown keys, unknown categories) and says which violations
  a strict reader must report; `documents(name, tolerant_noise=True)` is the
  shortcut that keeps only the document.
- `mutations(doc, name)` breaks exactly one rule of a valid document in a known
  way and gives the expected `(path, rule)`.
- `normalize(doc, name)` is an independent re-statement of the tolerant
  normalization (docs/spec.md §4), used as the oracle for canonical output.

The helpers here deliberately do not import the code under test beyond the rule
tables and their shapes.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from vibe_contracts._gen.v1.rules import ENUMS, MESSAGES, TOPICS
from vibe_contracts._spec import FieldSpec, MessageSpec

__all__ = [
    "JSON_VALUES",
    "MUTATION_PROFILE",
    "MUTATION_RULES",
    "PROFILE",
    "STRICT_ONLY_KINDS",
    "TOPIC_MESSAGES",
    "Mutation",
    "Noisy",
    "child_path",
    "documents",
    "has_integral_float",
    "mutations",
    "noise",
    "normalize",
    "unknown_enum_value",
]

settings.register_profile(
    "vibe-contracts",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: The settings every property test here uses (a decorator).
PROFILE = settings.get_profile("vibe-contracts")
#: For the tests over mutations: more examples, as each draws one of about twenty kinds.
MUTATION_PROFILE = settings(PROFILE, max_examples=100)

#: The five messages that travel on a topic.
TOPIC_MESSAGES: tuple[str, ...] = tuple(TOPICS.values())

CAP = 40  # longest drawn string, except when a bound is tested
MAX_DRAWN_ITEMS = 4  # longest drawn repeated field, except when a bound is tested
SAFE_INT = 2**53 - 1  # docs/spec.md §4: integers stay within ±(2^53 − 1)
DOUBLE_LIMIT = 1e9  # doubles without bounds are drawn within ±this

#: Characters on which Python's `re` and ECMA-262 disagree (`\s`: U+001C–U+001F
#: and U+0085 are whitespace only for Python; `\d`: U+0663 is a digit only for
#: Python), and U+180E, whitespace in older Unicode versions only.
ECMA_EDGE_CHARS = "\x1c\x1d\x1e\x1f\x85\u0663\u180e"

_REGEX: dict[str, re.Pattern[str]] = {}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _rx(pattern: str) -> re.Pattern[str]:
    compiled = _REGEX.get(pattern)
    if compiled is None:
        compiled = _REGEX[pattern] = re.compile(pattern)
    return compiled


def child_path(path: str, key: str) -> str:
    """JSON path of `key` under `path` (docs/spec.md §4): `a.b`, or `a["odd key"]` (a JSON string) for non-identifiers."""
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


# --------------------------------------------------------------------------- valid values


def _string_ok(field: FieldSpec, value: str) -> bool:
    if field.min_len is not None and len(value) < field.min_len:
        return False
    if field.max_len is not None and len(value) > field.max_len:
        return False
    return not field.pattern or bool(_rx(field.pattern).search(value))


def _padded(field: FieldSpec, value: str, length: int) -> str | None:
    """`value` padded to `length` characters so that it still matches the pattern, if that works."""
    pad = "a" * max(0, length - len(value))
    for candidate in (pad + value, value + pad):
        if len(candidate) == length and (not field.pattern or _rx(field.pattern).search(candidate)):
            return candidate
    return None


# Strategies are built once and cached: building them on every draw costs more than drawing.
BOOLEANS = st.booleans()


@cache
def _integers(lo: int, hi: int) -> st.SearchStrategy[int]:
    return st.integers(lo, hi)


@cache
def _texts(lo: int, hi: int) -> st.SearchStrategy[str]:
    return st.text(min_size=lo, max_size=hi)


@cache
def _matching(field: FieldSpec) -> st.SearchStrategy[str]:
    """Strings that satisfy the field's pattern and length (st.from_regex on the table's Python pattern)."""
    assert field.pattern
    fullmatch = field.pattern.endswith("\\Z")
    return st.from_regex(field.pattern, fullmatch=fullmatch).filter(
        lambda s: len(s) <= 2 * CAP and _string_ok(field, s))


@cache
def _permutations(keys: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.permutations(keys)


@cache
def _string(field: FieldSpec) -> st.SearchStrategy[str]:
    return _string_draw(field)


@st.composite
def _string_draw(draw: st.DrawFn, field: FieldSpec) -> str:
    lo = field.min_len or 0
    if not field.pattern:
        hi = field.max_len if field.max_len is not None else CAP
        if hi > CAP and draw(_integers(0, 7)) == 7:  # sometimes exactly at the upper bound
            unit = draw(_texts(1, 3))
            return (unit * hi)[:hi]
        return draw(_texts(lo, min(hi, CAP)))
    value = draw(_matching(field))
    choice = draw(_integers(0, 5))
    if choice == 4:  # a character Python and ECMA-262 classify differently, where the pattern allows it
        spots = sorted({0, len(value) // 2, len(value)})
        edges = [value[:i] + c + value[i:] for c in ECMA_EDGE_CHARS for i in spots]
        edges = [e for e in edges if _string_ok(field, e)]
        if edges:
            value = draw(st.sampled_from(edges))
    elif choice == 5 and field.max_len is not None:  # exactly at the upper bound
        value = _padded(field, value, field.max_len) or value
    return value


def _int_bounds(field: FieldSpec) -> tuple[int, int]:
    lo = -SAFE_INT if field.minimum is None else math.ceil(field.minimum)
    if field.maximum is not None:
        hi = math.floor(field.maximum)
    elif field.exclusive_maximum is not None:
        hi = math.ceil(field.exclusive_maximum) - 1
    else:
        hi = SAFE_INT
    return lo, hi


@st.composite
def _int(draw: st.DrawFn, field: FieldSpec, float_ints: bool) -> int | float:
    lo, hi = _int_bounds(field)
    value = draw(_integers(lo, hi))
    if float_ints and abs(value) <= 2**53 and draw(BOOLEANS):
        return float(value)
    return value


@cache
def _double_values(field: FieldSpec) -> st.SearchStrategy[float]:
    lo = -DOUBLE_LIMIT if field.minimum is None else float(field.minimum)
    exclusive = field.maximum is None and field.exclusive_maximum is not None
    hi = float(field.maximum if field.maximum is not None else
               field.exclusive_maximum if exclusive else DOUBLE_LIMIT)
    if field.multiple_of:
        m = field.multiple_of
        k_hi = math.floor(hi / m) - (1 if exclusive and (hi / m).is_integer() else 0)
        return st.integers(math.ceil(lo / m), k_hi).map(lambda k: k * m).filter(
            lambda v: (v / m).is_integer() and lo <= v <= hi)
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False, exclude_max=exclusive)


@st.composite
def _double(draw: st.DrawFn, field: FieldSpec) -> int | float:
    value = draw(_double_values(field))
    if value.is_integer() and abs(value) <= 2**53 and draw(BOOLEANS):
        return int(value)  # a double with an integral value may be written as a JSON integer
    return value


@cache
def _value(field: FieldSpec, float_ints: bool) -> st.SearchStrategy[Any]:
    """A valid value of one (non-repeated) field, or one item of a repeated field."""
    kind = field.kind
    if kind == "string":
        return _string(field)
    if kind == "int64":
        return _int(field, float_ints)
    if kind == "double":
        return _double(field)
    if kind == "enum":
        return st.sampled_from(list(ENUMS[field.type_name].numbers))  # type: ignore[index]
    if kind == "message":
        return _message_strategy(field.type_name, float_ints)  # type: ignore[arg-type]
    return BOOLEANS


@cache
def _field(field: FieldSpec, float_ints: bool) -> st.SearchStrategy[Any]:
    item = _value(field, float_ints)
    if not field.repeated:
        return item
    kwargs: dict[str, Any] = {}
    if field.unique:
        kwargs["unique"] = True
    if field.unique_by:
        kwargs["unique_by"] = lambda d, k=field.unique_by: d[k]
    lo = field.min_items or 0
    hi = min(field.max_items if field.max_items is not None else MAX_DRAWN_ITEMS, max(lo, MAX_DRAWN_ITEMS))
    return st.lists(item, min_size=lo, max_size=hi, **kwargs)


@st.composite
def _message(draw: st.DrawFn, name: str, float_ints: bool) -> dict[str, Any]:
    spec = MESSAGES[name]
    out: dict[str, Any] = {}
    for field in spec.fields:
        if field.required or draw(BOOLEANS):
            out[field.name] = draw(_field(field, float_ints))
    for field in spec.fields:  # cross-field order: draw both, then order them
        b = field.not_before
        if b and field.name in out and b in out and out[field.name] < out[b]:
            out[field.name], out[b] = out[b], out[field.name]
    order = draw(_permutations(tuple(out)))
    return {k: out[k] for k in order}


@cache
def _message_strategy(name: str, float_ints: bool) -> st.SearchStrategy[dict[str, Any]]:
    return _message(name, float_ints)


def documents(message: str, *, tolerant_noise: bool = False, float_ints: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """Valid JSON-form documents of `message`; with `tolerant_noise`, valid for tolerant readers only."""
    base = _message_strategy(message, float_ints)
    if tolerant_noise:
        return base.flatmap(lambda d: noise(d, message)).map(lambda n: n.document)
    return base


# --------------------------------------------------------------------------- normalization (oracle)


def normalize(doc: dict[str, Any], message: str) -> dict[str, Any]:
    """The tolerant normalization of a document that a tolerant reader accepts, in declaration order.

    Nulls of optional fields and unknown keys dropped, unknown fallback-enum values
    mapped to the fallback, integer fields as ints, double fields as floats.
    """
    out: dict[str, Any] = {}
    for field in MESSAGES[message].fields:
        value = doc.get(field.name)
        if value is None:
            continue
        out[field.name] = [_normalize_value(v, field) for v in value] if field.repeated else _normalize_value(value, field)
    return out


def _normalize_value(value: Any, field: FieldSpec) -> Any:
    if field.kind == "int64":
        return int(value)
    if field.kind == "double":
        return float(value)
    if field.kind == "enum":
        enum = ENUMS[field.type_name]  # type: ignore[index]
        return value if value in enum.numbers else enum.fallback
    if field.kind == "message":
        return normalize(value, field.type_name)  # type: ignore[arg-type]
    return value


def has_integral_float(doc: Any, message: str) -> bool:
    """Whether an integer field of `doc` (at any depth) is written as a float such as `1.0`."""
    if not isinstance(doc, dict):
        return False
    for field in MESSAGES[message].fields:
        value = doc.get(field.name)
        values = value if field.repeated and isinstance(value, list) else [value]
        for v in values:
            if field.kind == "int64" and isinstance(v, float):
                return True
            if field.kind == "message" and has_integral_float(v, field.type_name):  # type: ignore[arg-type]
                return True
    return False


# --------------------------------------------------------------------------- tolerant noise

_KEY_CHARS = st.characters(exclude_categories=("Cs",), exclude_characters='"\\')
_JSON_SCALARS = (
    st.none() | st.booleans() | st.integers(-SAFE_INT, SAFE_INT)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
)
JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _unknown_key(names: set[str]) -> st.SearchStrategy[str]:
    return _unknown_keys(frozenset(names))


@cache
def _unknown_keys(names: frozenset[str]) -> st.SearchStrategy[str]:
    identifier = st.from_regex(r"[a-z_][a-z0-9_]{0,11}", fullmatch=True)
    odd = st.text(_KEY_CHARS, max_size=12)
    return st.one_of(identifier, odd).filter(lambda k: k not in names)


@cache
def unknown_enum_value(field: FieldSpec) -> st.SearchStrategy[str]:
    """A string that is not a JSON value of the field's enum (case variants, proto-style names, text)."""
    enum = ENUMS[field.type_name]  # type: ignore[index]
    known = list(enum.numbers)
    variants = sorted({v for k in known for v in (k.upper(), k.lower(), k.title(), f" {k}", f"{k} ")} - set(known))
    return st.one_of(st.sampled_from(variants), st.text(max_size=12)).filter(lambda s: s not in enum.numbers)


class Noisy(NamedTuple):
    """A document with tolerant-only noise, and the (path, rule) pairs a strict reader must report."""

    document: dict[str, Any]
    violations: list[tuple[str, str]]


@st.composite
def noise(draw: st.DrawFn, doc: dict[str, Any], message: str) -> Noisy:
    """Sprinkle nulls for optional fields, unknown keys and unknown categories over a valid document."""
    doc = copy.deepcopy(doc)
    violations: list[tuple[str, str]] = []
    _noise_node(draw, doc, MESSAGES[message], "", violations)
    return Noisy(doc, violations)


def _noise_node(draw: st.DrawFn, node: dict[str, Any], spec: MessageSpec, path: str,
                violations: list[tuple[str, str]]) -> None:
    for field in spec.fields:
        fpath = child_path(path, field.name)
        if not field.required and draw(_integers(0, 4)) == 4:
            node[field.name] = None  # null means absent for a tolerant reader
            violations.append((fpath, "type"))
            continue
        if field.name not in node:
            continue
        value = node[field.name]
        if field.kind == "message":
            inner = MESSAGES[field.type_name]  # type: ignore[index]
            items = value if field.repeated else [value]
            for i, item in enumerate(items):
                _noise_node(draw, item, inner, f"{fpath}[{i}]" if field.repeated else fpath, violations)
        elif field.kind == "enum" and not field.repeated and ENUMS[field.type_name].fallback:  # type: ignore[index]
            if draw(_integers(0, 2)) == 2:
                node[field.name] = draw(unknown_enum_value(field))
                violations.append((fpath, "enum"))
    names = {f.name for f in spec.fields}
    for _ in range(draw(_integers(0, 4)) // 2):  # 0, 0, 1, 1, 2 unknown keys
        key = draw(_unknown_key(names | set(node)))
        node[key] = draw(JSON_VALUES)
        violations.append((child_path(path, key), "unknown_field"))


# --------------------------------------------------------------------------- mutations


class Mutation(NamedTuple):
    """A document that breaks exactly one rule, and how.

    `path` / `rule` is the single violation a validator must report (None where
    that is not well-defined); `strict_only` marks what a tolerant reader accepts.
    """

    kind: str
    document: dict[str, Any]
    path: str | None
    rule: str | None
    strict_only: bool = False


class _Site(NamedTuple):
    kind: str
    steps: tuple[str | int, ...]  # from the root to the container (a message dict or a list)
    key: str | int | None  # in the container; None for mutations of the whole message
    field: FieldSpec | None
    spec: MessageSpec  # the message that holds the field
    path: str  # JSON path of the target (the message's own path when `key` is None)
    value: Any


#: Every mutation kind `mutations` can produce, with the rule it breaks.
MUTATION_RULES: dict[str, str] = {
    "wrong_type": "type",
    "fractional_int": "type",
    "null_required": "type",
    "null_item": "type",
    "missing_required": "required",
    "too_long": "max_length",
    "too_short": "min_length",
    "pattern": "pattern",
    "pattern_newline": "pattern",
    "out_of_range": "range",
    "not_multiple": "multiple_of",
    "unknown_enum": "enum",
    "unknown_fallback_enum": "enum",
    "too_many_items": "max_items",
    "too_few_items": "min_items",
    "duplicate_items": "unique",
    "duplicate_ids": "unique",
    "not_before": "order",
    "null_optional": "type",
    "unknown_key": "unknown_field",
}
STRICT_ONLY_KINDS = frozenset({"unknown_fallback_enum", "null_optional", "unknown_key"})


def mutations(doc: dict[str, Any], message: str, *, kinds: Callable[[str], bool] | None = None) -> st.SearchStrategy[Mutation]:
    """Mutations of the valid document `doc` that break exactly one rule; `kinds` filters by kind."""
    by_kind: dict[str, list[_Site]] = {}
    for site in _sites(doc, MESSAGES[message], (), ""):
        if kinds is None or kinds(site.kind):
            by_kind.setdefault(site.kind, []).append(site)
    if not by_kind:
        return st.nothing()
    # the kind first, then where: every kind is drawn as often, however many places it applies to
    return (st.sampled_from(sorted(by_kind)).flatmap(lambda kind: st.sampled_from(by_kind[kind]))
            .flatmap(lambda site: _apply(doc, site)))


def _sites(node: dict[str, Any], spec: MessageSpec, steps: tuple[str | int, ...], path: str) -> list[_Site]:
    out: list[_Site] = []
    for field in spec.fields:
        fpath = child_path(path, field.name)

        def add(kind: str, key: str | int | None = field.name, where: tuple[str | int, ...] = steps,
                at: str = fpath, value: Any = node.get(field.name), f: FieldSpec = field) -> None:
            out.append(_Site(kind, where, key, f, spec, at, value))

        if field.name not in node:
            if not field.required:
                add("null_optional")
                add("wrong_type")
            continue
        value = node[field.name]
        if field.required:
            add("missing_required")
            add("null_required")
        else:
            add("null_optional")
        add("wrong_type")
        if field.not_before and field.not_before in {f.name for f in spec.fields}:
            if _not_before_bounds(spec, field) is not None:
                add("not_before", key=None, at=path)
        if field.repeated:
            if not isinstance(value, list):
                continue
            if field.min_items:
                add("too_few_items")
            if field.max_items is not None:
                add("too_many_items")
            room = field.max_items is None or len(value) < field.max_items
            if value and (len(value) >= 2 or room):
                if field.unique:
                    add("duplicate_items")
                if field.unique_by:
                    add("duplicate_ids")
            for i, item in enumerate(value):
                ipath = f"{fpath}[{i}]"
                where = (*steps, field.name)
                add("null_item", key=i, where=where, at=ipath, value=item)
                out.extend(_value_sites(where, i, field, spec, ipath, item))
                if field.kind == "message":
                    out.extend(_sites(item, MESSAGES[field.type_name], (*where, i), ipath))  # type: ignore[index]
        else:
            out.extend(_value_sites(steps, field.name, field, spec, fpath, value))
            if field.kind == "message":
                out.extend(_sites(value, MESSAGES[field.type_name], (*steps, field.name), fpath))  # type: ignore[index]
    out.append(_Site("unknown_key", steps, None, None, spec, path, node))
    return out


def _value_sites(steps: tuple[str | int, ...], key: str | int, field: FieldSpec, spec: MessageSpec,
                 path: str, value: Any) -> list[_Site]:
    """Mutations of one value (a field's value or one item of a repeated field), wrong types aside."""
    kinds: list[str] = ["wrong_type"] if field.repeated else []  # the field as a whole is handled by _sites
    if field.kind == "string":
        if field.max_len is not None and _padded(field, value, field.max_len + 1) is not None:
            kinds.append("too_long")
        if field.min_len and _string_ok_but_length(field, "a" * (field.min_len - 1)):
            kinds.append("too_short")
        if field.pattern:
            kinds.append("pattern")
            if field.pattern.endswith("\\Z") and (field.max_len is None or len(value) < field.max_len):
                kinds.append("pattern_newline")
    elif field.kind in ("int64", "double"):
        if field.minimum is not None or field.maximum is not None or field.exclusive_maximum is not None:
            kinds.append("out_of_range")
        if field.multiple_of:
            kinds.append("not_multiple")
        if field.kind == "int64":
            kinds.append("fractional_int")
    elif field.kind == "enum":
        fallback = ENUMS[field.type_name].fallback  # type: ignore[index]
        kinds.append("unknown_fallback_enum" if fallback else "unknown_enum")
    return [_Site(k, steps, key, field, spec, path, value) for k in kinds]


def _string_ok_but_length(field: FieldSpec, value: str) -> bool:
    return not field.pattern or bool(_rx(field.pattern).search(value))


def _not_before_bounds(spec: MessageSpec, field: FieldSpec) -> tuple[int, int] | None:
    before = next(f for f in spec.fields if f.name == field.not_before)
    lo1, hi1 = _int_bounds(field)
    lo2, hi2 = _int_bounds(before)
    lo, hi = max(lo1, lo2), min(hi1, hi2)
    return (lo, hi) if hi > lo else None


def _wrong_type(kind: str, repeated_field: bool) -> st.SearchStrategy[Any]:
    """A non-null value of another JSON type than `kind` (or than an array for a repeated field)."""
    if repeated_field:
        return st.one_of(st.text(max_size=5), st.integers(-5, 5), st.just({}), st.booleans())
    if kind == "string":
        return st.one_of(st.integers(-100, 100), st.booleans(), st.just([]), st.just({}),
                         st.floats(-1e3, 1e3, allow_nan=False))
    if kind == "int64":
        return st.one_of(st.text(max_size=5), st.booleans(), st.just([]), st.just({}))
    if kind == "double":
        return st.one_of(st.text(max_size=5), st.booleans(), st.just([]), st.just({}))
    if kind == "enum":
        return st.one_of(st.integers(0, 30), st.booleans(), st.just([]), st.just({}))
    if kind == "message":
        return st.one_of(st.text(max_size=5), st.integers(-5, 5), st.just([]), st.booleans())
    return st.one_of(st.text(max_size=5), st.integers(-5, 5), st.just([]), st.just({}))


def _navigate(doc: Any, steps: tuple[str | int, ...]) -> Any:
    for step in steps:
        doc = doc[step]
    return doc


@st.composite
def _apply(draw: st.DrawFn, doc: dict[str, Any], site: _Site) -> Mutation:
    doc = copy.deepcopy(doc)
    container = _navigate(doc, site.steps)
    field, kind, key = site.field, site.kind, site.key
    path, rule = site.path, MUTATION_RULES[kind]
    if kind == "unknown_key":
        name = draw(_unknown_key({f.name for f in site.spec.fields} | set(container)))
        container[name] = draw(JSON_VALUES)
        path = child_path(site.path, name)
    elif kind == "not_before":
        assert field is not None and field.not_before
        lo, hi = _not_before_bounds(site.spec, field)  # type: ignore[misc]
        start = draw(st.integers(lo + 1, hi))
        container[field.not_before] = start
        container[field.name] = draw(st.integers(lo, start - 1))
        path = child_path(site.path, field.name)
    elif kind == "missing_required":
        del container[key]
    elif kind in ("null_required", "null_optional", "null_item"):
        container[key] = None
    elif kind == "wrong_type":
        assert field is not None
        whole = field.repeated and isinstance(key, str)
        container[key] = draw(_wrong_type(field.kind, whole))
    elif kind == "fractional_int":
        assert field is not None
        lo, hi = _int_bounds(field)
        fraction = draw(st.sampled_from([0.5, 0.25, 0.75]))
        container[key] = draw(st.integers(max(lo, -(2**51)), min(hi, 2**51) - 1).map(lambda n: n + fraction))
    elif kind == "too_long":
        assert field is not None and field.max_len is not None
        container[key] = _padded(field, site.value, field.max_len + 1)
    elif kind == "too_short":
        assert field is not None and field.min_len
        container[key] = "a" * (field.min_len - 1)
    elif kind == "pattern":
        assert field is not None and field.pattern
        lo = field.min_len or 0
        hi = min(field.max_len if field.max_len is not None else CAP, CAP)
        rx = _rx(field.pattern)
        container[key] = draw(st.text(min_size=lo, max_size=max(lo, hi)).filter(lambda s: not rx.search(s)))
    elif kind == "pattern_newline":
        container[key] = site.value + "\n"  # Python's `$` would accept a trailing newline; ECMA-262's does not
    elif kind == "out_of_range":
        assert field is not None
        container[key] = draw(_out_of_range(field))
    elif kind == "not_multiple":
        assert field is not None and field.multiple_of
        m = field.multiple_of
        lo = field.minimum if field.minimum is not None else -DOUBLE_LIMIT
        hi = field.maximum if field.maximum is not None else DOUBLE_LIMIT
        container[key] = draw(st.floats(lo, hi, allow_nan=False).filter(lambda v: not (v / m).is_integer()))
    elif kind in ("unknown_enum", "unknown_fallback_enum"):
        assert field is not None
        container[key] = draw(unknown_enum_value(field))
    elif kind == "too_few_items":
        assert field is not None and field.min_items
        container[key] = container[key][: field.min_items - 1]
    elif kind == "too_many_items":
        assert field is not None and field.max_items is not None
        container[key] = _many_items(container[key], field, field.max_items + 1)
    elif kind in ("duplicate_items", "duplicate_ids"):
        assert field is not None
        items = container[key]
        room = field.max_items is None or len(items) < field.max_items
        if len(items) >= 2 and not (room and draw(st.booleans())):
            i, j = sorted(draw(st.lists(st.integers(0, len(items) - 1), min_size=2, max_size=2, unique=True)))
            donor, target = (i, j) if draw(st.booleans()) else (j, i)
            if field.unique_by:
                items[target][field.unique_by] = copy.deepcopy(items[donor][field.unique_by])
            else:
                items[target] = copy.deepcopy(items[donor])
        else:
            j = len(items)
            items.append(copy.deepcopy(items[draw(st.integers(0, j - 1))]))
            i = j
        later = max(i, j)
        path = f"{site.path}[{later}]"
        if field.unique_by:
            path = child_path(path, field.unique_by)
    else:  # pragma: no cover - every kind of MUTATION_RULES is handled above
        raise AssertionError(kind)
    return Mutation(kind, doc, path, rule, kind in STRICT_ONLY_KINDS)


def _out_of_range(field: FieldSpec) -> st.SearchStrategy[Any]:
    sides: list[st.SearchStrategy[Any]] = []
    if field.kind == "int64":
        if field.minimum is not None:
            sides.append(st.integers(1, 10**6).map(lambda d: math.ceil(field.minimum) - d))  # type: ignore[arg-type]
        if field.maximum is not None:
            sides.append(st.integers(1, 10**6).map(lambda d: math.floor(field.maximum) + d))  # type: ignore[arg-type]
        if field.exclusive_maximum is not None:
            sides.append(st.integers(0, 10**6).map(lambda d: math.ceil(field.exclusive_maximum) + d))  # type: ignore[arg-type]
        return st.one_of(sides)
    m = field.multiple_of
    if m:  # keep the value a multiple, so that only the range is broken
        if field.minimum is not None:
            sides.append(st.integers(1, 100).map(lambda k: math.floor(field.minimum / m) * m - k * m))  # type: ignore[operator]
        top = field.maximum if field.maximum is not None else field.exclusive_maximum
        if top is not None:
            first = 0 if field.maximum is None else 1
            sides.append(st.integers(first, 100).map(lambda k: math.ceil(top / m) * m + k * m))
        return st.one_of(sides)
    if field.minimum is not None:
        sides.append(st.floats(field.minimum - 1e6, field.minimum, exclude_max=True, allow_nan=False))
    if field.maximum is not None:
        sides.append(st.floats(field.maximum, field.maximum + 1e6, exclude_min=True, allow_nan=False))
    if field.exclusive_maximum is not None:
        sides.append(st.floats(field.exclusive_maximum, field.exclusive_maximum + 1e6, allow_nan=False))
    return st.one_of(sides)


def _many_items(items: list[Any], field: FieldSpec, count: int) -> list[Any]:
    """`count` valid, pairwise distinct items (for the item-count bound alone to break)."""
    if field.kind == "message":
        template = items[0]
        out = []
        for n in range(count):
            item = copy.deepcopy(template)
            if field.unique_by:
                item[field.unique_by] = f"m{n}"
            out.append(item)
        return out
    if field.kind == "string":
        return [f"m{n}" for n in range(count)]
    raise AssertionError(f"no distinct items for {field.kind}")
