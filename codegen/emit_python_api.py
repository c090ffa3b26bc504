"""IR → the Python package's public module per major, and which major the top level serves.

`vibe_contracts/v<N>/__init__.py` holds major N's models, enums,
CONTRACT_VERSION, `decode`/`encode`/`message_type` typed by message name, and
`vibe_contracts/v<N>/kafka.py` its Kafka envelope: each bound to that major
only (docs/spec.md §7). `_gen/current.py` re-exports the newest major, which
the top-level API serves.
"""

from __future__ import annotations

from .emit_python import GEN_DIR
from .ir import Contracts
from .printer import Printer, banner

#: The public modules sit beside hand-written ones: the generator owns them by name.
ENTRY_GLOB = "python/vibe_contracts/v[0-9]*/*.py"
_SHARED = ("Contract", "ContractError", "Form", "Format", "Limits", "Violation")
_CODEC = ("MESSAGE_TYPES", "MessageName", "decode", "encode", "json_schema", "message_type")
_KAFKA = ("decode_consumer_record", "decode_record", "decoded_messages", "encode_record", "message_for_topic", "send")
_STATUS_MESSAGES = ("Ticket", "Order", "Refund")
_KAFKA_SHARED = ("CONTENT_TYPES", "ContentType", "Headers", "JSON", "PROTOBUF", "Record")


def emit(majors: list[Contracts]) -> dict[str, str]:
    """Return the generated modules, path → text; `majors` oldest first."""
    files = {f"{GEN_DIR}/current.py": _current(majors)}
    for contracts in majors:
        folder = f"python/vibe_contracts/v{contracts.major}"
        files[f"{folder}/__init__.py"] = _entry(contracts)
        files[f"{folder}/kafka.py"] = _kafka(contracts)
    return files


def _header(p: Printer, contracts: Contracts, what: str) -> None:
    p(*(f"# {line}" for line in banner(contracts.files, what)), "")


def _names(contracts: Contracts) -> list[str]:
    return [e.name for e in contracts.enums] + [m.name for m in contracts.messages]


def _reexport(p: Printer, module: str, names: list[str] | tuple[str, ...]) -> None:
    with p.block(f"from {module} import ("):
        for name in sorted(names):
            p(f"{name} as {name},")
    p(")")


def _current(majors: list[Contracts]) -> str:
    contracts = majors[-1]
    p = Printer()
    _header(p, contracts, "the major the top-level API serves")
    p(f'"""The newest major in the source, contract {contracts.version} ({contracts.package}): what the top level serves."""',
      "")
    p("from __future__ import annotations", "", "from typing import TypeAlias", "")
    v = f"v{contracts.major}"
    p("#: What the top level `vibe_contracts` takes from here (`from ._gen.current import *`).")
    p("__all__ = [")
    with p.block():
        for name in sorted(["CONTRACT_VERSION", *_names(contracts), "decode", "encode"]):
            p(f'"{name}",')
    p("]", "")
    p(f"from .{v} import MAJOR as MAJOR")
    _reexport(p, f"..{v}", ["CONTRACT_VERSION", *_names(contracts), *_CODEC])
    _reexport(p, f"..{v}.kafka", _KAFKA)
    # The status reducer serves consumers of every major: it takes their messages (docs/spec.md §3 lifecycle).
    status = {c.major: [n for n in _STATUS_MESSAGES if n in {m.name for m in c.messages}] for c in majors}
    for major, names in status.items():
        p(f"from .v{major}.models import {', '.join(f'{n} as _V{major}{n}' for n in names)}")
    union = " | ".join(f"_V{major}{n}" for major, names in status.items() for n in names)
    p("", "#: A Ticket, Order or Refund of any major in the package: what the status reducer takes.",
      f"StatusMessage: TypeAlias = {union}")
    return p.text()


def _entry(contracts: Contracts) -> str:
    v, major, topics = f"v{contracts.major}", contracts.major, contracts.topics
    p = Printer()
    _header(p, contracts, f"the public module of contract {major}.x")
    p(f'"""Contract {contracts.version} ({contracts.package}): its models and `decode`/`encode`, bound to this major.', "",
      f"A consumer that stays on {major}.x imports from here (`from vibe_contracts.{v} import Order, decode`);",
      f"`vibe_contracts.{v}.kafka` is its Kafka envelope, which refuses records of another major.",
      "The top-level `vibe_contracts` is the newest major in the package (docs/spec.md §7).", '"""', "")
    p("from __future__ import annotations", "", "from typing import Any, Literal, overload", "")
    p("from .. import _codec")
    p("from .._codec import Data", "from .._codec import Format as Format")
    p(f"from .._gen.{v} import MAJOR")
    _reexport(p, f".._gen.{v}.models", _names(contracts))
    p(f"from .._gen.{v}.rules import CONTRACT_VERSION as CONTRACT_VERSION")
    p("from .._model import Contract as Contract")
    p("from ..errors import ContractError as ContractError", "from ..errors import Violation as Violation")
    p("from .._schemas import Form as Form", "from .._schemas import major_schema")
    p("from ..limits import Limits as Limits", "")
    p("__all__ = [")
    with p.block():
        for name in sorted(["CONTRACT_VERSION", *_names(contracts), *_CODEC, *_SHARED]):
            p(f'"{name}",')
    p("]", "")
    names = ", ".join(f'"{m.name.lower()}"' for m in topics)
    p("#: The names `decode` takes: one per topic message.", f"MessageName = Literal[{names}]")
    p('#: The messages that travel on a topic, by lower-case name ("order") → model class.')
    p("MESSAGE_TYPES: dict[str, type[Contract]] = MAJOR.message_types", "", "")
    for m in topics:
        p("@overload", f'def message_type(name: Literal["{m.name.lower()}"]) -> type[{m.name}]: ...')
    p("@overload", "def message_type(name: str) -> type[Contract]: ...", "", "")
    with p.block("def message_type(name: str) -> type[Contract]:"):
        p('"""The model class of a topic message by its lower-case name (`order`, `event`, …)."""')
        p("return _codec.message_type(MAJOR, name)")
    p("", "", "# The result type follows the message name: `decode(\"order\", data)` is an `Order`.")
    rest = "data: Data, *, format: Format = ..., strict: bool = ..., limits: Limits | None = ..."
    for m in topics:
        p("@overload", f'def decode(message: Literal["{m.name.lower()}"], {rest}) -> {m.name}: ...')
    p("@overload", f"def decode(message: str, {rest}) -> Contract: ...", "", "")
    with p.block("def decode("):
        p('message: str, data: Data, *, format: Format = "json", strict: bool = False, limits: Limits | None = None,')
    with p.block(") -> Contract:"):
        p(f'"""Decode and validate one message of type `message` (`"order"`, …) of contract {major}.x. Raises ContractError.',
          "", "`limits` bounds size and nesting (rule `limit`); default `vibe_contracts.limits.default_limits()`.",
          '"""')
        p("return _codec.decode(MAJOR, message, data, format=format, strict=strict, limits=limits)")
    p("", "")
    with p.block('def encode(message: Contract, *, format: Format = "json") -> bytes:'):
        p(f'"""Validate a message of contract {major}.x strictly and serialize it. Raises ContractError.', "",
          "A message of another major is a TypeError: it is written by its own module.", '"""')
        p("return _codec.encode(MAJOR, message, format=format)")
    p("", "")
    with p.block('def json_schema(message: MessageName, form: Form = "writer") -> dict[str, Any]:'):
        p(f'"""The JSON Schema of `message` (`"order"`, …) of contract {major}.x, writer or reader form; a fresh copy."""')
        p("return major_schema(MAJOR, message, form)")
    return p.text()


def _kafka(contracts: Contracts) -> str:
    v, major, topics = f"v{contracts.major}", contracts.major, contracts.topics
    p = Printer()
    _header(p, contracts, f"the Kafka envelope of contract {major}.x")
    p(f'"""The Kafka envelope of contract {contracts.version} ({contracts.package}): records of `schema-version` {major}.x.',
      "", "The functions of `vibe_contracts.kafka` (docs/spec.md §2), bound to this major: a record of another",
      "major is refused (rule `schema_version`, naming both versions), a model of another major is a TypeError.",
      '"""', "")
    p("from __future__ import annotations", "", "from collections.abc import Mapping",
      "from typing import Literal, overload", "")
    p("from .._aiokafka import Aiokafka", "from .._envelope import Envelope")
    for name in _KAFKA_SHARED:
        p(f"from .._envelope import {name} as {name}")
    p(f"from .._gen.{v} import MAJOR")
    p(f"from .._gen.{v}.models import {', '.join(m.name for m in topics)}")
    p("from .._model import Contract", "from ..limits import Limits", "")
    p("__all__ = [")
    with p.block():
        for name in sorted([*_KAFKA, *_KAFKA_SHARED]):
            p(f'"{name}",')
    p("]", "")
    p("_ENVELOPE = Envelope(MAJOR)", "_AIOKAFKA = Aiokafka(_ENVELOPE)")
    for name in ("encode_record", "message_for_topic"):
        p(f"{name} = _ENVELOPE.{name}")
    for name in ("send", "decode_consumer_record", "decoded_messages"):
        p(f"{name} = _AIOKAFKA.{name}")
    p("", "", "# Decoding by message name gives its model (`message=\"order\"` → Order); by topic, any Contract.")
    rest = ("topic: str | None = ..., topics: Mapping[str, str] | None = ..., strict: bool = ..., "
            "limits: Limits | None = ...")
    for m in topics:
        p("@overload", f'def decode_record(value: bytes | None, headers: Headers, *, message: Literal["{m.name.lower()}"],',
          f"                  {rest}) -> {m.name}: ...")
    p("@overload", "def decode_record(value: bytes | None, headers: Headers, *, message: str | None = ...,",
      f"                  {rest}) -> Contract: ...", "", "")
    with p.block("def decode_record("):
        p("value: bytes | None,", "headers: Headers,", "*,", "message: str | None = None,", "topic: str | None = None,",
          "topics: Mapping[str, str] | None = None,", "strict: bool = False,", "limits: Limits | None = None,")
    with p.block(") -> Contract:"):
        p('"""Check the headers and decode the value as `message` (or the message of `topic`).', "",
          f"`schema-version` {major}.x accepted, another major refused naming both; the format follows",
          "`content-type`. `limits` bounds the value's size and nesting (rule `limit`). Raises",
          "ContractError (rules `header_missing`, `header_duplicate`, `content_type`,",
          "`schema_version`, `application_id`, and those of the message).", '"""')
        p("return _ENVELOPE.decode_record(value, headers, message=message, topic=topic, topics=topics, strict=strict,")
        p("                               limits=limits)")
    return p.text()
