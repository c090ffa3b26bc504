"""The Kafka record around a message (docs/spec.md §2): key, value and the three headers, for one major.

`Envelope(major)` writes and reads the records of one major; the public
modules bind one each (`vibe_contracts.v1.kafka`, …; `vibe_contracts.kafka`
is the newest major's). A record of another major is refused, naming both
versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, NamedTuple

from ._codec import message_type, own
from ._major import Major
from ._model import Contract
from .errors import ContractError, Rule, quoted
from .limits import Limits, default_limits, size_exceeds

__all__ = ["CONTENT_TYPES", "JSON", "PROTOBUF", "ContentType", "Envelope", "Headers", "Record"]

JSON: Final = "application/json"
PROTOBUF: Final = "application/x-protobuf"
CONTENT_TYPES = (JSON, PROTOBUF)
ContentType = Literal["application/json", "application/x-protobuf"]
#: A record's headers as clients give them: (name, value) pairs, read once.
Headers = Iterable[tuple[str, bytes | None]] | None

_APPLICATION_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
_VERSION = re.compile(r"(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\Z")
# headers → (content type, longest value in bytes, major of schema-version): any major's reader may use it
_VERDICTS: dict[tuple[Any, ...], tuple[str, int, int]] = {}
_HEADERS: dict[tuple[str, str, str], tuple[tuple[str, bytes], ...]] = {}  # (content type, application id, version)
_MAX_VERDICTS = 256
_HEADER_RULES: dict[str, Rule] = {
    "content-type": "content_type", "schema-version": "schema_version", "application-id": "application_id",
}


class Record(NamedTuple):
    """What goes to Kafka: key and value bytes and the headers as (name, UTF-8 bytes) pairs."""

    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def _header_path(name: str) -> str:
    return f'headers["{name}"]'


class Envelope:
    """Records of one major: `encode_record`, `decode_record`, `message_for_topic`."""

    def __init__(self, major: Major) -> None:
        self.major = major
        self._topics = {topic: name.lower() for topic, name in major.topics.items()}

    def encode_record(
        self, message: Contract, *, content_type: ContentType = JSON, application_id: str,
        key: str | bytes | None = None,
    ) -> Record:
        """Validate `message` strictly and wrap it in a record.

        The key is the message's key field (`id`) unless given; a Refund without an id
        needs an explicit key. Raises ContractError; TypeError for a message of another major.
        """
        own(self.major, message)
        version = self.major.version
        headers = _HEADERS.get((content_type, application_id, version)) if type(application_id) is str else None
        if headers is None:
            headers = _record_headers(content_type, application_id, version)
        value = message.to_json() if content_type == JSON else message.to_proto()
        if key is None:
            key_field = self.major.spec(type(message)).key_field
            key = getattr(message, key_field) if key_field else None
            if not key:
                raise ContractError.at(key_field or "", "key", f"{type(message).__name__} has no {key_field}: pass key=")
        key_bytes = key.encode() if isinstance(key, str) else bytes(key)
        return Record(key_bytes, value, list(headers))

    def message_for_topic(self, topic: str, topics: Mapping[str, str] | None = None) -> str:
        """The message name (`order`, …) carried by `topic`; `topics` maps custom topic names."""
        name = (topics or {}).get(topic) or self._topics.get(topic)
        if name is None:
            raise ContractError.at("", "topic", f"no message is mapped to topic {quoted(topic)}")
        return name

    def decode_record(
        self,
        value: bytes | None,
        headers: Headers,
        *,
        message: str | None = None,
        topic: str | None = None,
        topics: Mapping[str, str] | None = None,
        strict: bool = False,
        limits: Limits | None = None,
    ) -> Contract:
        """Check the headers and decode the value as `message` (or the message of `topic`).

        Same major version accepted, another refused naming both; the format follows
        `content-type`. `limits` bounds the value's size and nesting (rule `limit`). Raises
        ContractError (rules `header_missing`, `header_duplicate`, `content_type`,
        `schema_version`, `application_id`, and those of the message).
        """
        if message is None:
            if topic is None:
                raise ValueError("decode_record needs message= or topic=")
            message = self.message_for_topic(topic, topics)
        cls = message_type(self.major, message)
        content_type = _checked_headers(headers, (limits or default_limits()).max_header_bytes, self.major)
        if value is None:
            raise ContractError.at("", "syntax", "the record has no value (a tombstone)")
        if content_type == JSON:
            return cls.from_json(value, strict=strict, limits=limits)
        return cls.from_proto(value, strict=strict, limits=limits)


def _record_headers(content_type: str, application_id: str, version: str) -> tuple[tuple[str, bytes], ...]:
    """The three headers of a producer's records, checked; kept for the next record (a bounded number)."""
    if not isinstance(application_id, str) or not _APPLICATION_ID.match(application_id):
        shown = quoted(application_id) if isinstance(application_id, str) else repr(application_id)
        raise ContractError.at(_header_path("application-id"), "application_id",
                               f"{shown} does not match ^[a-z0-9][a-z0-9._-]{{0,63}}$")
    if content_type not in CONTENT_TYPES:
        shown = quoted(content_type) if isinstance(content_type, str) else repr(content_type)
        raise ContractError.at(_header_path("content-type"), "content_type",
                               f"{shown} is not one of {', '.join(CONTENT_TYPES)}")
    headers = (
        ("content-type", content_type.encode()),
        ("schema-version", version.encode()),
        ("application-id", application_id.encode()),
    )
    if len(_HEADERS) < _MAX_VERDICTS:
        _HEADERS[(content_type, application_id, version)] = headers
    return headers


def _checked_headers(headers: Iterable[tuple[str, bytes | None]] | None, max_header_bytes: int, major: Major) -> str:
    """The content type of headers that pass every check for a reader of `major`; raises ContractError otherwise.

    A topic's records mostly carry the same headers, so the verdicts on hashable
    header tuples (what aiokafka gives) and short lists of them are kept, a
    bounded number of them, with the size of their longest header value and
    the major they name.
    """
    key = _hashable(headers)
    if key is not None:
        verdict = _VERDICTS.get(key)
        if verdict is not None and verdict[1] <= max_header_bytes and verdict[2] == major.number:
            return verdict[0]
    found = _headers(headers, max_header_bytes)
    content_type = _content_type(found["content-type"])
    _schema_version(found["schema-version"], major)
    if not _APPLICATION_ID.match(found["application-id"]):
        raise ContractError.at(_header_path("application-id"), "application_id",
                               f"{quoted(found['application-id'])} is not a valid application id")
    if key is not None and len(_VERDICTS) < _MAX_VERDICTS:
        _VERDICTS[key] = (content_type, max(len(v.encode()) for v in found.values()), major.number)
    return content_type


def _hashable(headers: object) -> tuple[Any, ...] | None:
    if type(headers) is list and len(headers) <= 8:  # what most clients give; longer lists are checked every time
        headers = tuple(headers)
    elif not isinstance(headers, tuple):
        return None
    try:
        hash(headers)
    except TypeError:  # a tuple holding something unhashable: checked every time
        return None
    return headers


def _headers(headers: Iterable[tuple[str, bytes | None]] | None, max_header_bytes: int) -> dict[str, str]:
    wanted = ("content-type", "schema-version", "application-id")
    found: dict[str, str] = {}
    for name, raw in headers or ():
        if name not in wanted:
            continue  # other headers (tracing and the like) are not ours to judge
        if name in found:
            raise ContractError.at(_header_path(name), "header_duplicate", f"header {name!r} appears more than once")
        if isinstance(raw, (bytes, bytearray, memoryview, str)) and size_exceeds(raw, max_header_bytes):
            # before the value is copied, decoded or quoted
            raise ContractError.at(_header_path(name), "limit",
                                   f"header {name!r} is larger than the limit of {max_header_bytes} bytes")
        try:
            found[name] = raw if isinstance(raw, str) else bytes(raw or b"").decode("utf-8")
        except UnicodeDecodeError:
            raise ContractError.at(_header_path(name), _HEADER_RULES[name], f"header {name!r} is not UTF-8") from None
    for name in wanted:
        if name not in found:
            raise ContractError.at(_header_path(name), "header_missing", f"header {name!r} is missing")
    return found


def _content_type(text: str) -> str:
    media, _, params = text.partition(";")
    media = media.strip().lower()
    charset = params.strip().lower().replace(" ", "")
    if media == JSON and charset in ("", "charset=utf-8"):
        return JSON
    if media == PROTOBUF and not charset:
        return PROTOBUF
    raise ContractError.at(_header_path("content-type"), "content_type",
                           f"{quoted(text)} is not application/json (optionally ; charset=utf-8) or application/x-protobuf")


def _schema_version(text: str, major: Major) -> None:
    match = _VERSION.match(text)
    if not match:
        raise ContractError.at(_header_path("schema-version"), "schema_version", f"{quoted(text)} is not MAJOR.MINOR")
    if int(match.group(1)) != major.number:
        raise ContractError.at(_header_path("schema-version"), "schema_version",
                               f"schema-version {text} has another major than this reader's contract {major.version}")
