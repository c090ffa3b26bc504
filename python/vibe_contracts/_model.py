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

import msgspec
import orjson

from . import convert
from ._gen.rules import ENUMS, MESSAGES
from .errors import ContractError
from .validate import validate

__all__ = ["Contract", "parse_json"]

C = TypeVar("C", bound="Contract")
Check = Callable[[Any, bool], bool]

_ENCODER = msgspec.json.Encoder()
_DECODERS: dict[type, msgspec.json.Decoder[Any]] = {}
_CHECKS: dict[str, Check | None] = {}


class Contract(msgspec.Struct, omit_defaults=True, frozen=True, gc=False):
    """A message of the JSON form. Construct freely; `to_json`/`to_proto` validate strictly."""

    @classmethod
    def from_json(cls: type[C], data: bytes | str, *, strict: bool = False) -> C:
        """Decode and validate JSON; tolerant (SPEC §4 readers) unless `strict`. Raises ContractError."""
        if not strict:
            decoded = _fast_decode(cls, data, strict=False)
            if decoded is not None:
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
        raw = _ENCODER.encode(self)
        if _fast_decode(type(self), raw, strict=True) is not None:
            return raw
        return _ENCODER.encode(type(self)._from_data(orjson.loads(raw), strict=True))

    def to_proto(self) -> bytes:
        """Deterministic Protobuf bytes of a strictly valid message. Raises ContractError."""
        return convert.to_proto(msgspec.json.decode(self.to_json()), MESSAGES[type(self).__name__])

    def to_dict(self) -> dict[str, Any]:
        """The JSON form as plain Python data (absent optional fields left out)."""
        return msgspec.to_builtins(self)


def parse_json(data: bytes | str) -> Any:
    """Parse JSON text; bad input is a ContractError with rule `syntax`."""
    if not isinstance(data, (bytes, bytearray, memoryview, str)):
        raise ContractError.at("", "type", f"expected JSON bytes or str, got {type(data).__name__}")
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ContractError.at("", "syntax", f"not valid JSON: {exc}") from None


def _fast_decode(cls: type[C], data: Any, *, strict: bool) -> C | None:
    """The message if msgspec and the extra checks accept `data`, else None."""
    decoder = _DECODERS.get(cls)
    if decoder is None:
        decoder = _DECODERS[cls] = msgspec.json.Decoder(cls)
    try:
        decoded = decoder.decode(data)
    except (msgspec.DecodeError, TypeError):
        return None
    check = _checks(cls.__name__)
    return decoded if check is None or check(decoded, strict) else None


def _checks(message: str) -> Check | None:
    """The rules of `message` (and the messages inside it) that msgspec cannot state."""
    if message in _CHECKS:
        return _CHECKS[message]
    checks: list[Check] = []
    for field in MESSAGES[message].fields:
        name = field.name
        if field.unique:
            checks.append(lambda m, s, n=name: len(set(getattr(m, n))) == len(getattr(m, n)))
        if field.unique_by:
            checks.append(lambda m, s, n=name, k=field.unique_by: (
                len({getattr(i, k) for i in getattr(m, n)}) == len(getattr(m, n))))
        if field.not_before:
            checks.append(lambda m, s, n=name, b=field.not_before: (
                getattr(m, n) is None or getattr(m, b) is None or getattr(m, n) >= getattr(m, b)))
        if field.kind == "enum" and ENUMS[field.type_name].fallback:  # type: ignore[index]
            checks.append(_fallback_check(name, ENUMS[field.type_name]))  # type: ignore[index]
        if field.kind == "message" and (inner := _checks(field.type_name)) is not None:  # type: ignore[arg-type]
            checks.append(_nested_check(name, field.repeated, inner))
    combined = None if not checks else (lambda m, s: all(c(m, s) for c in checks))
    _CHECKS[message] = combined
    return combined


def _fallback_check(name: str, enum: Any) -> Check:
    known, fallback = frozenset(enum.numbers), enum.fallback

    def check(m: Any, strict: bool) -> bool:
        value = getattr(m, name)
        if value is None or value in known:
            return True
        if strict:
            return False
        msgspec.structs.force_setattr(m, name, fallback)
        return True

    return check


def _nested_check(name: str, repeated: bool, inner: Check) -> Check:
    if repeated:
        return lambda m, s: all(inner(i, s) for i in getattr(m, name))
    return lambda m, s: getattr(m, name) is None or inner(getattr(m, name), s)


