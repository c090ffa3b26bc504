"""The neutral model and the shared vectors → `contracts/asyncapi.yaml` (AsyncAPI 3.0.0).

One channel per topic message, addressed by its default topic name, with two
messages: the JSON form, whose payload is the generated *reader* JSON Schema
(what consumers validate; producers validate the *writer* form before sending),
and the Protobuf form, whose payload is a self-contained excerpt of the source.
Both carry the envelope headers and the Kafka key. The JSON messages list the
strict-valid vector documents as examples. Each channel has a `send` operation
(producers) and a `receive` operation (consumers).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import PurePosixPath
from typing import Any

from . import vectors as shared_vectors
from .emit_jsonschema import Variant, schema_path
from .ir import Contracts, Message
from .printer import banner
from .proto_excerpt import excerpt
from .yaml_text import dump

ASYNCAPI_VERSION = "3.0.0"
OUT_PATH = "contracts/asyncapi.yaml"
JSON_CONTENT_TYPES = ("application/json", "application/json; charset=utf-8")
PROTOBUF_CONTENT_TYPE = "application/x-protobuf"
PROTOBUF_SCHEMA_FORMAT = "application/vnd.google.protobuf;version=3"
APPLICATION_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,63}$"
#: The data source named in example headers (docs/spec.md §2 gives it as the example).
EXAMPLE_APPLICATION_ID = "ticketland"
KAFKA_BINDING_VERSION = "0.5.0"

DESCRIPTION = """\
Kafka integration contracts between the ticketing platform and the Vibe app.

Producers (the platform's change-data-capture service) validate every message strictly \
against the writer JSON Schema before sending, serialize it to JSON or Protobuf and set \
the record key and the headers below. Consumers pick the format from `content-type`, \
accept any minor version of their major from `schema-version`, validate tolerantly \
against the reader JSON Schema and get typed objects.

Delivery is at-least-once: consumers see duplicates and must process a message twice \
with the same result. Events are delivered before the orders and tickets that point at \
them. Topic names are configurable; the channel addresses are the defaults."""

Document = dict[str, Any]


def major_path(path: str, major: int, current: int) -> str:
    """The current major's page keeps `path`; an older major kept in the source adds `-v<N>` to the name."""
    stem, dot, suffix = path.rpartition(".")
    return path if major == current else f"{stem}-v{major}{dot}{suffix}"


def out_path(major: int, current: int) -> str:
    return major_path(OUT_PATH, major, current)


def emit(contracts: Contracts, vectors: dict[str, dict[str, Any]], current: int | None = None) -> dict[str, str]:
    """Repo-relative path → file text; `current` is the newest major in the source (default: this one)."""
    sources = [*(f"contracts/proto/{f}" for f in contracts.files), *shared_vectors.sources(vectors, contracts.major)]
    lines = banner(sources, "AsyncAPI document of the contracts")
    head = "".join(f"# {part}\n" for line in lines for part in textwrap.wrap(line, 100, break_on_hyphens=False))
    return {out_path(contracts.major, current or contracts.major): head + dump(document(contracts, vectors))}


def document(contracts: Contracts, vectors: dict[str, dict[str, Any]]) -> Document:
    """The AsyncAPI document as plain data."""
    channels: Document = {}
    operations: Document = {}
    messages: Document = {}
    for message in contracts.topics:
        json_id, protobuf_id = message_ids(message)
        messages[json_id] = _json_message(contracts, message, vectors)
        messages[protobuf_id] = _protobuf_message(contracts, message)
        channels[message.topic] = {
            "address": message.topic,
            "title": f"{message.name} topic",
            "summary": message.doc.title,
            "messages": {mid: {"$ref": f"#/components/messages/{mid}"} for mid in (json_id, protobuf_id)},
        }
        operations.update(_operations(message, (json_id, protobuf_id)))
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": f"urn:vibe-contracts:{contracts.package}",
        "info": {"title": "vibe-contracts", "version": contracts.version, "description": DESCRIPTION},
        "defaultContentType": JSON_CONTENT_TYPES[0],
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": {"Headers": headers_schema(contracts)}},
    }


def message_ids(message: Message) -> tuple[str, str]:
    """The component names of a topic message's JSON and Protobuf forms."""
    return f"{message.name}Json", f"{message.name}Protobuf"


def headers_schema(contracts: Contracts) -> Document:
    """The three headers every record carries (docs/spec.md §2); values are UTF-8 strings."""
    major = contracts.version.split(".")[0]
    return {
        "type": "object",
        "description": "Kafka record headers; each value is UTF-8 bytes.",
        "required": ["content-type", "schema-version", "application-id"],
        "properties": {
            "content-type": {
                "type": "string",
                "description": "Format of the record value.",
                "enum": [*JSON_CONTENT_TYPES, PROTOBUF_CONTENT_TYPE],
            },
            "schema-version": {
                "type": "string",
                "description": f"MAJOR.MINOR of the contract ({contracts.version} here); "
                "consumers accept any minor of their major and refuse another major.",
                "pattern": f"^{re.escape(major)}\\.[0-9]+$",
            },
            "application-id": {
                "type": "string",
                "description": "The data source, e.g. `ticketland`.",
                "pattern": APPLICATION_ID_PATTERN,
            },
        },
    }


def key_schema(message: Message) -> Document:
    """The record key: the key field's value, with that field's rules."""
    key = message.field(message.key_field or "")
    out: Document = {"type": "string", "description": f"The {message.name.lower()} `{key.name}`."}
    if not key.required:
        out["description"] += f" `{key.name}` is optional; when it is absent the producer passes a key explicitly."
    for keyword, value in (("minLength", key.rules.min_len), ("maxLength", key.rules.max_len),
                           ("pattern", key.rules.pattern)):
        if value is not None:
            out[keyword] = value
    return out


def _json_message(contracts: Contracts, message: Message, vectors: dict[str, dict[str, Any]]) -> Document:
    note = (f"The payload is the reader (tolerant) JSON Schema, which consumers validate. Producers validate "
            f"the writer (strict) form, `{_relative(message, 'writer')}`, before sending.")
    out = _message(message, "JSON", note, JSON_CONTENT_TYPES[0], {"$ref": _relative(message, "reader")})
    examples = [_example(contracts, e) for e in shared_vectors.examples(vectors, message)]
    if examples:
        out["examples"] = examples
    return out


def _protobuf_message(contracts: Contracts, message: Message) -> Document:
    note = (f"The payload is the Protobuf message `{message.full_name}` of `contracts/proto/{message.file}`; "
            f"every rule of the JSON form holds in this form too.")
    payload = {"schemaFormat": PROTOBUF_SCHEMA_FORMAT, "schema": excerpt(contracts, message)}
    return _message(message, "Protobuf", note, PROTOBUF_CONTENT_TYPE, payload)


def _message(message: Message, form: str, note: str, content_type: str, payload: Document) -> Document:
    return {
        "name": message.name,
        "title": f"{message.name} ({form})",
        "summary": message.doc.title,
        "description": "\n\n".join(part for part in (message.doc.description, note) if part),
        "contentType": content_type,
        "headers": {"$ref": "#/components/schemas/Headers"},
        "payload": payload,
        "bindings": {"kafka": {"key": key_schema(message), "bindingVersion": KAFKA_BINDING_VERSION}},
    }


def _example(contracts: Contracts, example: shared_vectors.Example) -> Document:
    return {
        "name": example.name,
        "summary": example.description or f"The `{example.name}` case of the shared vectors.",
        "headers": {
            "content-type": JSON_CONTENT_TYPES[0],
            "schema-version": contracts.version,
            "application-id": EXAMPLE_APPLICATION_ID,
        },
        "payload": example.json,
    }


def _operations(message: Message, message_ids: tuple[str, ...]) -> Document:
    channel = {"$ref": f"#/channels/{message.topic}"}
    refs = [{"$ref": f"#/channels/{message.topic}/messages/{mid}"} for mid in message_ids]
    return {
        f"send{message.name}": {
            "action": "send",
            "channel": channel,
            "title": f"Produce {message.name}",
            "summary": f"Producers validate each {message.name} strictly (writer schema), then send it "
            f"in either form with its key and headers.",
            "messages": refs,
        },
        f"receive{message.name}": {
            "action": "receive",
            "channel": channel,
            "title": f"Consume {message.name}",
            "summary": f"Consumers check the headers, decode by `content-type` and validate tolerantly "
            f"(reader schema); duplicates are expected.",
            "messages": refs,
        },
    }


def _relative(message: Message, variant: Variant) -> str:
    """A schema file as seen from the AsyncAPI document's folder."""
    here = PurePosixPath(OUT_PATH).parent
    return f"./{PurePosixPath(schema_path(message, variant)).relative_to(here)}"
