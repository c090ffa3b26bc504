"""The base of every generated model: decoding, encoding and their fast path.

Decoding first tries msgspec with the generated `Meta` constraints plus the
few rules msgspec cannot state (uniqueness, field order, enum fallback); that
is the whole cost for valid input. Anything it refuses goes to the full
validator (`validate.py`), which is the authority: it reports every violation,
or, for input msgspec is stricter about (an integer written as `1.0`),
returns the normalized document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import json
import re

import msgspec
import orjson

from . import convert
from ._gen.rules import MESSAGES
from .errors import ContractError
from .validate import validate

__all__ = ["HIDDEN", "Contract", "parse_json"]

#: What redaction puts in place of personal data.
HIDDEN = "**Hidden**"

C = TypeVar("C", bound="Contract")
Check = Callable[[Any, bool], bool]

_ENCODER = msgspec.json.Encoder()
# Whatever the fast path refuses goes to the full path, which gives the ContractError:
# bad JSON or types, invalid UTF-8 or lone surrogates (ValueError), deep nesting.
_FAST_PATH_REFUSALS = (msgspec.DecodeError, TypeError, ValueError, RecursionError)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_FAST: dict[type, tuple[msgspec.json.Decoder[Any], Check | None]] = {}


class Contract(msgspec.Struct, omit_defaults=True, frozen=True, gc=False):
    """A message of the JSON form. Construct freely; `to_json`/`to_proto` validate strictly."""

    @classmethod
    def from_json(cls: type[C], data: bytes | str, *, strict: bool = False) -> C:
        """Decode and validate JSON; tolerant (SPEC §4 readers) unless `strict`. Raises ContractError."""
        if not strict:  # the fast path, inlined: it is most of the cost of a valid message
            fast = _FAST.get(cls) or _prepare(cls)
            try:
                decoded = fast[0].decode(data)
            except _FAST_PATH_REFUSALS:
                pass
            else:
                if fast[1] is None or fast[1](decoded, False):
                    return decoded
        return cls._from_data(parse_json(data), strict=strict)

    @classmethod
    def from_proto(cls: type[C], data: bytes, *, strict: bool = False) -> C:
        """Decode and validate Protobuf bytes under the same rules. Raises ContractError."""
        return cls._from_data(convert.from_proto(data, MESSAGES[cls.__name__], strict=strict), strict=strict)

    @classmethod
    def _from_data(cls: type[C], data: Any, *, strict: bool) -> C:
        normalized, errors = validate(data, cls.__name__, strict=strict)
        if errors:
            raise ContractError(errors)
        return msgspec.convert(normalized, cls)

    def to_json(self) -> bytes:
        """Canonical JSON of a strictly valid message: same message, same bytes. Raises ContractError."""
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
        return convert.to_proto(msgspec.json.decode(self.to_json()), MESSAGES[type(self).__name__])

    def __repr__(self) -> str:
        # Personal data never reaches a log through a repr (SPEC §6); set fields only.
        fields = MESSAGES[type(self).__name__].fields
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


def parse_json(data: bytes | str) -> Any:
    """Parse JSON text; bad input is a ContractError with rule `syntax`."""
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise ContractError.at("", "type", f"expected JSON bytes or str, got {type(data).__name__}")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if "number is infinity" not in str(exc):
            raise ContractError.at("", "syntax", f"not valid JSON: {exc}") from None
    return _parse_with_infinities(data)


def _parse_with_infinities(data: bytes | bytearray | memoryview | str) -> Any:
    """JSON whose numbers overflow a double: they are numbers (`inf`), judged by the field rules.

    Otherwise the same as orjson: UTF-8 only, integers beyond 64 bits as floats,
    no NaN/Infinity literals, no lone surrogates, nesting up to 1024.
    """
    def refuse(reason: str) -> ContractError:
        return ContractError.at("", "syntax", f"not valid JSON: {reason}")

    def constant(name: str) -> Any:
        raise refuse(f"{name} is not a JSON number")

    try:
        text = data if isinstance(data, str) else bytes(data).decode("utf-8")
        value = json.loads(text, parse_int=_int_as_orjson, parse_constant=constant)
    except (ValueError, RecursionError) as exc:
        raise refuse(str(exc)) from None
    if _refused_by_orjson(value, 0):
        raise refuse("lone surrogate in string or depth limit exceeded")
    return value


def _int_as_orjson(text: str) -> int | float:
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
    """The message if msgspec and the generated checks accept `data`, else None."""
    fast = _FAST.get(cls) or _prepare(cls)
    try:
        decoded = fast[0].decode(data)
    except _FAST_PATH_REFUSALS:
        return None
    return decoded if fast[1] is None or fast[1](decoded, strict) else None


def _prepare(cls: type[C]) -> tuple[msgspec.json.Decoder[Any], Check | None]:
    from ._gen.models import CHECKS

    fast = _FAST[cls] = (msgspec.json.Decoder(cls), CHECKS.get(cls))
    return fast
