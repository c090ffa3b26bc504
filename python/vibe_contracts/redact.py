"""Personal data out of logs (docs/spec.md §6): masks every field marked PII in the source."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import msgspec

from ._major import major_of
from ._model import HIDDEN, Contract
from ._spec import MessageSpec

__all__ = ["HIDDEN", "RedactingFilter", "describe_record", "redact"]

def redact(message: Contract) -> dict[str, Any]:
    """The JSON form of `message` as plain data, every PII field replaced by `"**Hidden**"`."""
    messages = major_of(type(message)).messages  # the tables of the message's own major
    return _redact(msgspec.to_builtins(message), type(message).__name__, messages)


def _redact(data: dict[str, Any], message: str, messages: dict[str, MessageSpec]) -> dict[str, Any]:
    out = dict(data)
    for field in messages[message].fields:
        value = out.get(field.name)
        if value is None:
            continue
        if field.pii:
            out[field.name] = [HIDDEN] * len(value) if field.repeated else HIDDEN
        elif field.kind == "message":
            inner = field.type_name
            out[field.name] = ([_redact(v, inner, messages) for v in value] if field.repeated  # type: ignore[arg-type]
                               else _redact(value, inner, messages))  # type: ignore[arg-type]
    return out


def describe_record(
    topic: str, key: bytes | str | None, headers: Iterable[tuple[str, bytes | str | None]] | None,
    message: Contract | None, *, error: Exception | None = None,
) -> str:
    """One log line for a record: topic, key, headers and the redacted payload (never the raw value).

    Pass the decoded `message`, or `None` with the `error` that refused it.
    """
    key_text = key.decode("utf-8", "replace") if isinstance(key, (bytes, bytearray)) else key
    shown = {n: (v.decode("utf-8", "replace") if isinstance(v, (bytes, bytearray)) else v) for n, v in headers or ()}
    payload = redact(message) if message is not None else None
    parts = [f"topic={topic}", f"key={json.dumps(key_text, ensure_ascii=False)}",
             f"headers={json.dumps(shown, ensure_ascii=False, sort_keys=True)}"]
    if message is not None:
        parts.append(f"{type(message).__name__}={json.dumps(payload, ensure_ascii=False)}")
    if error is not None:
        parts.append(f"rejected={type(error).__name__}: {_safe_error(error)}")
    return " ".join(parts)


def _safe_error(error: Exception) -> str:
    # Violation messages may quote the offending value (a malformed e-mail is still
    # an e-mail), so a log line shows paths and rules only.
    from .errors import ContractError

    if isinstance(error, ContractError):
        return "; ".join(f"{v.path or '<root>'} {v.rule}" for v in error.errors)
    return type(error).__name__


class RedactingFilter(logging.Filter):
    """A logging filter that replaces every model in a record's arguments with its redacted JSON form.

    ``logger.addFilter(RedactingFilter())`` and then ``logger.info("got %s", order)``
    logs the order as data with personal data masked. (A model's own repr masks
    personal data too, so models inside containers or as the message are safe.)
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, Contract) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, Contract) else v for k, v in record.args.items()}
        return True
