"""The full validator: every rule of docs/spec.md §3 and §4 over the JSON data model.

It is the authority on what is valid. It walks a parsed document once, in a
fixed order (declared fields; for a repeated field its item count, the items,
then uniqueness; then cross-field rules; then unknown keys), reports every
violation with its JSON path and rule, and returns the normalized document:
nulls of optional fields and unknown keys dropped (tolerant form), unknown
fallback-enum values mapped, integral numbers of integer fields made ints.
The TypeScript package walks in the same order, so both report the same list.
"""

from __future__ import annotations

import json
import math
import re
import re._parser as _sre_parse  # the stdlib's own pattern parser: the width of a pattern's match
from typing import Any

from ._major import Major, major_of
from ._spec import FieldSpec, MessageSpec
from .errors import Violation, quoted

__all__ = ["UnknownEnumNumber", "validate"]

_INVALID = object()
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_PATTERNS: dict[str, tuple[re.Pattern[str], int | None]] = {}  # pattern → (compiled, width), filled on first use


def pattern_width(pattern: str) -> int | None:
    """The longest string a pattern anchored at both ends (`^…\\Z`) can match; None if unbounded.

    A longer string cannot match, so the pattern never runs on it: with the
    length rules checked first, every pattern sees at most a bounded input.
    """
    parsed = _sre_parse.parse(pattern)
    at, end = _sre_parse.AT, (_sre_parse.AT, _sre_parse.AT_END_STRING)
    if len(parsed) < 2 or parsed[0] != (at, _sre_parse.AT_BEGINNING) or parsed[-1] != end:
        return None
    high = parsed.getwidth()[1]
    return None if high >= _sre_parse.MAXREPEAT else high


_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", dict: "object", list: "array"}


class UnknownEnumNumber(int):
    """An enum number read from Protobuf that has no JSON string (unknown or UNSPECIFIED)."""


def validate(data: Any, message: type, *, strict: bool) -> tuple[dict[str, Any] | None, list[Violation]]:
    """Check `data` (parsed JSON) against the model class `message`, by the rules of its major.

    Returns (normalized document, violations).
    """
    errors: list[Violation] = []
    major = major_of(message)
    normalized = _message(data, major.spec(message), "", strict, errors, major)
    return (None if errors else normalized), errors


def child_path(path: str, key: str) -> str:
    """`path` extended by an object key: `a.b`, or `a["odd key"]` for keys that are not identifiers."""
    if _IDENTIFIER.match(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted_key(key)}]"


def quoted_key(key: str) -> str:
    """A key as a JSON string, written as JavaScript's `JSON.stringify` writes it (lone surrogates escaped)."""
    text = json.dumps(key, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if not text.isascii() else text


def count(n: int, unit: str) -> str:
    """`1 item`, `5 items`: a count in the words of the rule messages (the TypeScript package writes the same)."""
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _json_type(value: Any) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


def _type_error(path: str, expected: str, value: Any) -> Violation:
    return Violation(path, "type", f"expected {expected}, got {_json_type(value)}")


def _message(value: Any, spec: MessageSpec, path: str, strict: bool, errors: list[Violation], major: Major) -> Any:
    if not isinstance(value, dict):
        errors.append(_type_error(path, "object", value))
        return _INVALID
    out: dict[str, Any] = {}
    for field in spec.fields:
        fpath = child_path(path, field.name)
        item = value.get(field.name)
        if item is None:
            if field.name in value and (strict or field.required):
                errors.append(_type_error(fpath, _expected(field), None))
            elif field.required:
                errors.append(Violation(fpath, "required", "is required"))
            continue
        checked = _field(item, field, fpath, strict, errors, major)
        if checked is not _INVALID:
            out[field.name] = checked
    for field in spec.fields:
        if field.not_before and field.name in out and field.not_before in out:
            if out[field.name] < out[field.not_before]:
                errors.append(Violation(child_path(path, field.name), "order", f"must not be before {field.not_before}"))
    if strict:
        names = {f.name for f in spec.fields}
        errors.extend(Violation(child_path(path, k if isinstance(k, str) else str(k)), "unknown_field", "unknown field")
                      for k in value if k not in names)
    return out


def _expected(field: FieldSpec) -> str:
    return "array" if field.repeated else {
        "string": "string", "bool": "boolean", "int64": "integer", "double": "number",
        "enum": "string", "message": "object",
    }[field.kind]


def _field(value: Any, field: FieldSpec, path: str, strict: bool, errors: list[Violation], major: Major) -> Any:
    if not field.repeated:
        return _value(value, field, path, strict, errors, major)
    if not isinstance(value, list):
        errors.append(_type_error(path, "array", value))
        return _INVALID
    if field.min_items is not None and len(value) < field.min_items:
        errors.append(Violation(path, "min_items", f"needs at least {count(field.min_items, 'item')}, has {len(value)}"))
    if field.max_items is not None and len(value) > field.max_items:
        # too many items: refused on the count alone, before any per-item work
        errors.append(Violation(path, "max_items", f"allows at most {count(field.max_items, 'item')}, has {len(value)}"))
        return _INVALID
    before = len(errors)
    items = [_value(item, field, f"{path}[{i}]", strict, errors, major) for i, item in enumerate(value)]
    if len(errors) > before:
        return _INVALID
    if field.unique:
        _unique(items, [f"{path}[{i}]" for i in range(len(items))], errors)
    if field.unique_by:
        keys = [item.get(field.unique_by) for item in items]
        _unique(keys, [f"{path}[{i}].{field.unique_by}" for i in range(len(items))], errors)
    return items


def _unique(values: list[Any], paths: list[str], errors: list[Violation]) -> None:
    seen: set[Any] = set()
    for value, path in zip(values, paths):
        if value in seen:
            errors.append(Violation(path, "unique", f"duplicate value {quoted(value) if isinstance(value, str) else repr(value)}"))
        seen.add(value)


def _value(value: Any, field: FieldSpec, path: str, strict: bool, errors: list[Violation], major: Major) -> Any:
    kind = field.kind
    if kind == "string":
        if not isinstance(value, str):
            errors.append(_type_error(path, "string", value))
            return _INVALID
        return _string(value, field, path, errors)
    if kind == "int64" or kind == "double":
        return _number(value, field, path, errors)
    if kind == "enum":
        return _enum(value, field, path, strict, errors, major)
    if kind == "message":
        return _message(value, major.messages[field.type_name], path, strict, errors, major)  # type: ignore[index]
    if not isinstance(value, bool):
        errors.append(_type_error(path, "boolean", value))
        return _INVALID
    return value


def _string(value: str, field: FieldSpec, path: str, errors: list[Violation]) -> Any:
    if not value.isascii() and _LONE_SURROGATE.search(value):  # only a model built in code can hold one
        errors.append(Violation(path, "syntax", "not encodable as UTF-8: a string holds a lone surrogate"))
        return _INVALID
    before = len(errors)
    n = len(value)
    if field.min_len is not None and n < field.min_len:
        errors.append(Violation(path, "min_length", f"needs at least {count(field.min_len, 'character')}, has {n}"))
    if field.max_len is not None and n > field.max_len:
        errors.append(Violation(path, "max_length", f"allows at most {count(field.max_len, 'character')}, has {n}"))
    if len(errors) != before:
        return _INVALID  # the pattern never runs on a string outside its length limits
    if field.pattern:
        compiled, width = _PATTERNS.get(field.pattern) or _compile(field.pattern)
        if (width is not None and n > width) or not compiled.search(value):
            errors.append(Violation(path, "pattern", "does not match the required pattern"))
            return _INVALID
    return value


def _compile(pattern: str) -> tuple[re.Pattern[str], int | None]:
    compiled = _PATTERNS[pattern] = (re.compile(pattern), pattern_width(pattern))
    return compiled


def _number(value: Any, field: FieldSpec, path: str, errors: list[Violation]) -> Any:
    integer = field.kind == "int64"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
        integer and isinstance(value, float) and not value.is_integer()
    ):
        errors.append(_type_error(path, "integer" if integer else "number", value))
        return _INVALID
    if isinstance(value, float) and not math.isfinite(value):
        errors.append(Violation(path, "type", "expected a finite number"))
        return _INVALID
    value = int(value) if integer else float(value)
    ok = True
    if (field.minimum is not None and value < field.minimum) or (
        field.maximum is not None and value > field.maximum) or (
        field.exclusive_maximum is not None and value >= field.exclusive_maximum
    ):
        errors.append(Violation(path, "range", f"{value!r} is out of range {_range(field)}"))
        ok = False
    if field.multiple_of is not None and not (value / field.multiple_of).is_integer():
        errors.append(Violation(path, "multiple_of", f"must be a multiple of {field.multiple_of}"))
        ok = False
    return value if ok else _INVALID


def _range(field: FieldSpec) -> str:
    low = "(-inf" if field.minimum is None else f"[{field.minimum}"
    if field.exclusive_maximum is not None:
        return f"{low}, {field.exclusive_maximum})"
    return f"{low}, {'inf)' if field.maximum is None else f'{field.maximum}]'}"


def _enum(value: Any, field: FieldSpec, path: str, strict: bool, errors: list[Violation], major: Major) -> Any:
    spec = major.enums[field.type_name]  # type: ignore[index]
    if isinstance(value, str) and value in spec.numbers:
        return value
    if not isinstance(value, (str, UnknownEnumNumber)):
        errors.append(_type_error(path, "string", value))
        return _INVALID
    if spec.fallback is not None and not strict:
        return spec.fallback
    shown = f"number {int(value)}" if isinstance(value, UnknownEnumNumber) else quoted(value)
    errors.append(Violation(path, "enum", f"{shown} is not one of {', '.join(spec.numbers)}"))
    return _INVALID
