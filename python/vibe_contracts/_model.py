"""The base of every generated model: decoding, encoding and their fast path.

Decoding first checks the size limit, then tries msgspec with the generated
`Meta` constraints plus the generated `ACCEPT` function of the model: the
rules msgspec does not check (patterns, uniqueness, field order, enum
fallback) and one count that proves the text holds no repeated key: a JSON
text with K keys and S string values has at least 2K + 2S quote characters,
and `ACCEPT` counts 2F + 2(strings) for the F fields msgspec set, so a text
with no more quotes than that has K = F: no repeated, unknown or null key,
and it nests only as deep as the message.
That is the whole cost for valid input. A text with more quotes (unknown keys,
nulls, escaped quotes) is parsed once more by `parse_json` for what msgspec
skipped. Anything msgspec refuses goes to the full path: limits, orjson, the
repeated-key check, then the full validator (`validate.py`), which is the
authority: it reports every violation, or, for input msgspec is stricter about
(an integer written as `1.0`), returns the normalized document.

Protobuf and encoding work the same way with the generated `_gen/v<N>/fast.py`:
`from_proto` reads the upb message straight into the model, checking every
rule as it reads; `to_json`/`to_proto` check a model built in code (types
included) and encode it once. Whatever they refuse takes the generic path
(`convert` and the full validator), which normalizes or reports.
Every table comes from the model's own major (`_major`), found from its class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import json
import re

import msgspec
import orjson
from google.protobuf.message import DecodeError

from . import convert
from . import limits as _limits_module
from ._major import Codec, major_of
from ._syntax import syntax_reason, utf8_reason
from .errors import ContractError, Violation
from .limits import Limits, check_size, default_limits, depth_error, json_depth_exceeds
from .validate import _IDENTIFIER, quoted_key, validate

__all__ = ["HIDDEN", "Contract", "Refused", "duplicate_keys", "parse_json"]

#: What redaction puts in place of personal data.
HIDDEN = "**Hidden**"

C = TypeVar("C", bound="Contract")
Accept = Callable[[Any, bool], int]


class Refused(Exception):
    """A generated `ACCEPT` function found a broken rule: the full validator reports it."""


_ENCODER = msgspec.json.Encoder()
# Whatever the fast path refuses goes to the full path, which gives the ContractError:
# bad JSON or types, invalid UTF-8 or lone surrogates (ValueError), deep nesting, other rules.
_FAST_PATH_REFUSALS = (msgspec.DecodeError, TypeError, ValueError, RecursionError, Refused)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_FAST: dict[type, tuple[msgspec.json.Decoder[Any], Accept, int]] = {}
_JSON_INPUTS = (bytes, bytearray, str)


class Contract(msgspec.Struct, omit_defaults=True, frozen=True, gc=False):
    """A message of the JSON form. Construct freely; `to_json`/`to_proto` validate strictly."""

    @classmethod
    def from_json(
        cls: type[C], data: bytes | bytearray | memoryview | str, *, strict: bool = False, limits: Limits | None = None,
    ) -> C:
        """Decode and validate JSON; tolerant (docs/spec.md §4 readers) unless `strict`. Raises ContractError.

        `limits` (default: `vibe_contracts.limits.default_limits()`) bounds the size and nesting.
        """
        limits = limits or _limits_module._default
        if type(data) is not bytes:
            if type(data) not in _JSON_INPUTS:
                data = _json_input(data)
            check_size(data, limits)
        elif len(data) > limits.max_bytes:
            check_size(data, limits)
        if not strict:  # the fast path, inlined: it is most of the cost of a valid message
            fast = _FAST.get(cls) or _prepare(cls)
            try:
                decoded = fast[0].decode(data)
                quotes = fast[1](decoded, False)
            except _FAST_PATH_REFUSALS:
                pass
            else:
                # No more quotes than the message's own (see the module doc): no repeated,
                # unknown or null key, so the text nests exactly as the message does.
                if data.count(b'"' if type(data) is not str else '"') <= quotes and fast[2] <= limits.max_depth:
                    return decoded
                # Unknown keys, nulls or escaped quotes: what msgspec skipped is still
                # checked (depth, UTF-8 and escapes, repeated keys) by the full parser.
                parse_json(data, limits)
                return decoded
        return cls._from_data(parse_json(data, limits), strict=strict)

    @classmethod
    def from_proto(
        cls: type[C], data: bytes | bytearray | memoryview, *, strict: bool = False, limits: Limits | None = None,
    ) -> C:
        """Decode and validate Protobuf bytes under the same rules. Raises ContractError.

        `limits.max_bytes` bounds the size; nesting is bounded by the contract (and upb's 100).
        """
        limits = limits or _limits_module._default
        if type(data) is not bytes and isinstance(data, (bytes, bytearray, memoryview)):
            check_size(data, limits)
            data = bytes(data)
        codec = _CODECS.get(cls) or _codec(cls)
        if type(data) is bytes and codec is not None:
            if len(data) > limits.max_bytes:
                check_size(data, limits)
            try:
                message = codec[3].FromString(data)
            except _PROTOBUF_REFUSALS:
                pass  # the full path says why
            else:
                if strict:
                    convert.refuse_unknown(message, cls)
                # The generated reader checks every rule while it reads; at the first broken
                # one it gives None, and the full validator reports every violation.
                decoded = codec[0](message, strict)
                if decoded is not None:
                    return decoded
        return cls._from_data(convert.from_proto(data, cls, strict=strict), strict=strict)

    @classmethod
    def from_dict(cls: type[C], data: Any, *, strict: bool = False) -> C:
        """Validate data already parsed (the JSON data model: what `json.loads` gives) under the same rules.

        Tolerant unless `strict`, as `from_json`. Raises ContractError. Unlike
        `msgspec.convert(data, Order)`, every rule is checked (docs/spec.md §3).
        """
        return cls._from_data(data, strict=strict)

    @classmethod
    def _from_data(cls: type[C], data: Any, *, strict: bool) -> C:
        normalized, errors = validate(data, cls, strict=strict)
        if errors:
            raise ContractError(errors)
        return msgspec.convert(normalized, cls)

    def validate(self, *, strict: bool = True, raises: bool = False) -> list[Violation]:
        """Every violation of this message, in the order a decode reports them; [] when it is valid.

        Writer rules unless `strict=False`; nothing is encoded. With `raises=True`
        a ContractError holding the violations is raised instead of returning them.
        """
        try:
            errors = validate(_plain(self), type(self), strict=strict)[1]
        except ContractError as exc:  # a value JSON cannot carry
            errors = exc.errors
        if errors and raises:
            raise ContractError(errors)
        return errors

    def replace(self: C, **changes: Any) -> C:
        """A copy with the given fields changed (`order.replace(number="A-2")`); not validated, as construction is not."""
        return msgspec.structs.replace(self, **changes)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """A pydantic v2 field or FastAPI body of this model: validated by this library (`vibe_contracts._pydantic`)."""
        from ._pydantic import core_schema

        return core_schema(cls)

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        """The writer JSON Schema of the model, its definitions inlined."""
        from ._pydantic import json_schema

        return json_schema(cls)

    def to_json(self) -> bytes:
        """Canonical JSON of a strictly valid message: same message, same bytes. Raises ContractError."""
        codec = _CODECS.get(type(self)) or _codec(type(self))
        if codec is not None and codec[1](self):  # already canonical and strictly valid
            try:
                return _ENCODER.encode(self)
            except ValueError:  # a lone surrogate: the full path says where
                pass
        try:
            raw = _ENCODER.encode(self)
        except (TypeError, ValueError, OverflowError):  # foreign objects, lone surrogates, huge ints
            return _ENCODER.encode(type(self)._from_data(_plain(self), strict=True))
        checked = _fast_decode(type(self), raw, strict=True)
        if checked is not None and _ENCODER.encode(checked) == raw:
            return raw
        # A model built in code may differ from its canonical form (an int where the
        # contract has a double, plain dicts holding nulls or unknown keys): the full
        # validator decides, strictly, and the output is the normalized message.
        return _ENCODER.encode(type(self)._from_data(orjson.loads(raw), strict=True))

    def to_proto(self) -> bytes:
        """Deterministic Protobuf bytes of a strictly valid message. Raises ContractError."""
        codec = _CODECS.get(type(self)) or _codec(type(self))
        if codec is not None and codec[1](self):  # already canonical and strictly valid
            try:
                return codec[2](self).SerializeToString(deterministic=True)
            except ValueError:  # a lone surrogate: the full path says where
                pass
        return convert.to_proto(msgspec.json.decode(self.to_json()), type(self))

    def __repr__(self) -> str:
        # Personal data never reaches a log through a repr (docs/spec.md §6); set fields only.
        fields = major_of(type(self)).spec(type(self)).fields
        shown = (
            f"{f.name}={HIDDEN!r}" if f.pii else f"{f.name}={getattr(self, f.name)!r}"
            for f in fields if getattr(self, f.name) is not None
        )
        return f"{type(self).__name__}({', '.join(shown)})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form as plain Python data (absent optional fields left out)."""
        return msgspec.to_builtins(self)


def _plain(message: Contract) -> Any:
    try:
        return msgspec.to_builtins(message)
    except (TypeError, ValueError) as exc:
        raise ContractError.at("", "type", f"the message holds a value JSON cannot carry: {exc}") from None


def _json_input(data: Any) -> bytes | str:
    if isinstance(data, memoryview):
        return data.tobytes()
    if isinstance(data, (bytes, bytearray, str)):  # subclasses
        return bytes(data) if not isinstance(data, str) else str(data)
    raise ContractError.at("", "type", f"expected JSON bytes or str, got {type(data).__name__}")


def parse_json(data: bytes | str, limits: Limits | None = None) -> Any:
    """Parse JSON text: limits first (rule `limit`), then syntax (`syntax`), then repeated keys (`duplicate_key`).

    The depth limit is the scan of `limits.json_depth_exceeds`, decided before the
    syntax; for text that parses, the parsed value's own nesting is that answer.
    """
    limits = limits or default_limits()
    if type(data) not in _JSON_INPUTS:
        data = _json_input(data)
    check_size(data, limits)
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if json_depth_exceeds(data, limits.max_depth):
            raise depth_error(limits) from None
        if "number is infinity" not in str(exc):
            raise not_json(data) from None
        value = _parse_with_infinities(data)
    try:
        keys, strings = _shape(value, limits.max_depth)
    except _TooDeep:
        raise depth_error(limits) from None
    # A text with K keys and S strings has at least 2K + 2S quotes; the parsed value keeps
    # every key but repeats: no more quotes than 2(keys + strings) means no key repeats.
    if data.count(b'"' if type(data) is not str else '"') > 2 * (keys + strings):
        # A repeated key may have hidden a value nested deeper than the kept one: the text decides.
        if json_depth_exceeds(data, limits.max_depth):
            raise depth_error(limits)
        repeated = duplicate_keys(data)
        if repeated:
            raise ContractError(repeated)
    return value


class _TooDeep(Exception):
    pass


def _shape(value: Any, room: int) -> tuple[int, int]:
    """(keys, strings) of a parsed JSON value; _TooDeep if it nests deeper than `room` levels."""
    if type(value) is dict:
        items: Any = value.values()
        keys = len(value)
    elif type(value) is list:
        items, keys = value, 0
    else:
        return 0, int(type(value) is str)
    if room == 0:
        raise _TooDeep
    strings = 0
    for item in items:
        kind = type(item)
        if kind is str:
            strings += 1
        elif kind is dict or kind is list:
            k, s = _shape(item, room - 1)
            keys += k
            strings += s
    return keys, strings


class _Repeated(Exception):
    pass


def _no_repeats(pairs: list[tuple[str, Any]]) -> None:
    if len(pairs) > 1 and len(dict(pairs)) != len(pairs):
        raise _Repeated
    return None


# The json module's C scanner, told to build nothing: only whether a key repeats.
_REPEATS = json.JSONDecoder(object_pairs_hook=_no_repeats, parse_int=len, parse_float=len, parse_constant=len)
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.S)
_REPEATED_KEY = "repeated key: each key may appear once in an object"


def duplicate_keys(data: bytes | bytearray | str) -> list[Violation]:
    """The first repeated key of a valid JSON text (rule `duplicate_key`) at its path, or [].

    A key repeats when its object already had it (compared after unescaping):
    `{"a":1,"a":2}` gives `a`; the first in text order is reported, its path
    built only then, so the scan stays linear however long the keys.
    """
    text = data if isinstance(data, str) else bytes(data).decode("utf-8")
    try:
        _REPEATS.decode(text)
        return []
    except (_Repeated, RecursionError, ValueError):
        pass
    # one frame per open container: [the key or index that leads to it, keys seen (an object) or None, next index]
    stack: list[list[Any]] = []
    step: str | int = ""  # how the value about to be read is reached from its container
    key_next = False
    for token in _TOKENS.finditer(text):
        t = token.group()
        c = t[0]
        if c == '"':
            if key_next:
                key = json.loads(t) if "\\" in t else t[1:-1]
                keys = stack[-1][1]
                if key in keys:
                    return [Violation(_path([f[0] for f in stack[1:]] + [key]), "duplicate_key", _REPEATED_KEY)]
                keys.add(key)
                step, key_next = key, False
        elif c == "{":
            stack.append([step, set(), 0])
            key_next = True
        elif c == "[":
            stack.append([step, None, 0])
            step = 0
        elif c == "}" or c == "]":
            stack.pop()
            key_next = False
        elif c == ",":
            top = stack[-1]
            if top[1] is None:
                top[2] += 1
                step = top[2]
            else:
                key_next = True
    return []


def _path(steps: list[str | int]) -> str:
    """`child_path` applied step by step, in linear time."""
    parts: list[str] = []
    for s in steps:
        if isinstance(s, int):
            parts.append(f"[{s}]")
        elif _IDENTIFIER.match(s):
            parts.append(f".{s}" if parts else s)
        else:
            parts.append(f"[{quoted_key(s)}]")
    return "".join(parts)


def _parse_with_infinities(data: bytes | bytearray | memoryview | str) -> Any:
    """JSON whose numbers overflow a double: they are numbers (`inf`), judged by the field rules.

    Otherwise the same as orjson: UTF-8 only, integers beyond 64 bits as floats,
    no NaN/Infinity literals, no lone surrogates (nesting is bounded before: `Limits.max_depth`).
    """
    def constant(name: str) -> Any:
        raise not_json(data)

    try:
        text = data if isinstance(data, str) else bytes(data).decode("utf-8")
        value = json.loads(text, parse_int=_int_as_orjson, parse_constant=constant)
    except (ValueError, RecursionError):
        raise not_json(data) from None
    if _refused_by_orjson(value, 0):
        raise not_json(data)
    return value


def not_json(data: bytes | bytearray | memoryview | str) -> ContractError:
    """The `syntax` error of a text a parser refused, in the words TypeScript uses too (`_syntax`)."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return ContractError.at("", "syntax", "not valid JSON: str is not valid UTF-8: surrogates not allowed")
        text = data
    else:
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            return ContractError.at("", "syntax", f"not valid JSON: {utf8_reason(exc)}")
    return ContractError.at("", "syntax", f"not valid JSON: {syntax_reason(text)}")


def _int_as_orjson(text: str) -> int | float:
    if len(text) > 20:  # beyond 64 bits: a float, as orjson reads it (int() would refuse 4300+ digits)
        return float(text)
    number = int(text)
    return number if -(2**63) <= number < 2**64 else float(number)


def _refused_by_orjson(value: Any, depth: int) -> bool:
    if isinstance(value, str):
        return not value.isascii() and _LONE_SURROGATE.search(value) is not None
    if isinstance(value, list):
        return depth >= 1024 or any(_refused_by_orjson(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return depth >= 1024 or any(
            _refused_by_orjson(k, depth) or _refused_by_orjson(v, depth + 1) for k, v in value.items()
        )
    return False


def _fast_decode(cls: type[C], data: Any, *, strict: bool) -> C | None:
    """The message if msgspec and the generated `ACCEPT` function accept `data`, else None."""
    fast = _FAST.get(cls) or _prepare(cls)
    try:
        decoded = fast[0].decode(data)
        fast[1](decoded, strict)
    except _FAST_PATH_REFUSALS:
        return None
    return decoded


def _prepare(cls: type[C]) -> tuple[msgspec.json.Decoder[Any], Accept, int]:
    major = major_of(cls)
    fast = _FAST[cls] = (msgspec.json.Decoder(cls), major.accept[cls], _depth(major.spec(cls), major.messages))
    return fast


def _depth(spec: Any, messages: dict[str, Any]) -> int:
    """How deep the JSON of a message nests at most: 1, plus its deepest field."""
    deepest = 0
    for f in spec.fields:
        inner = _depth(messages[f.type_name], messages) if f.kind == "message" else 0
        deepest = max(deepest, inner + (1 if f.repeated else 0))
    return 1 + deepest


# The generated Protobuf reader, instance check, writer and upb class of each model (`_gen/v<N>/fast.py`).
_CODECS: dict[type, Codec] = {}
_PROTOBUF_REFUSALS = (DecodeError, RuntimeError, ValueError)  # as in `convert.from_proto`


def _codec(cls: type) -> Codec | None:
    """`(from_pb, valid, to_pb, upb class)` of a generated model; None for other classes (the full path serves them)."""
    try:
        codec = major_of(cls).codecs[cls]
    except KeyError:
        return None
    _CODECS[cls] = codec
    return codec
