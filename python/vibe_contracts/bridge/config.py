"""The bridge's TOML configuration: every key, its default, and a check before anything connects."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContractError, Violation
from ..legacy import MappingConfig
from ..validate import child_path

__all__ = ["INPUTS", "OUTPUTS", "BridgeConfig", "load_config"]

#: Legacy message name → default topic (docs/legacy.md).
INPUTS = {"partner": "ticketscloud.partners", "event": "ticketscloud.events", "order": "ticketscloud.orders",
          "refund_request": "ticketscloud.refund-requests"}
#: Output role → default topic: the five v1 topics (docs/spec.md §2) and the dead letters.
OUTPUTS = {"organizer": "organizers", "event": "events", "order": "orders", "refund": "refunds", "ticket": "tickets",
           "dead_letter": "ticketscloud.dead-letters"}
_FORMATS = {"json": "application/json", "protobuf": "application/x-protobuf"}
_APPLICATION_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
_TOPIC = re.compile(r"[a-zA-Z0-9._-]{1,249}\Z")


@dataclass(frozen=True)
class BridgeConfig:
    """What `vibe-contracts bridge` runs with; `load_config` documents each key's TOML name and default."""

    brokers: str = "127.0.0.1:9092"
    consumer_group: str = "vibe-contracts-bridge"
    inputs: Mapping[str, str] = field(default_factory=lambda: dict(INPUTS))
    outputs: Mapping[str, str] = field(default_factory=lambda: dict(OUTPUTS))
    partitions: int = 1
    content_type: str = _FORMATS["json"]
    application_id: str = "ticketscloud"
    mapping: MappingConfig = field(default_factory=MappingConfig)
    max_wait_seconds: float = 3600.0
    state_dir: Path = Path("state")
    write_buffer_mb: int = 16
    block_cache_mb: int = 64
    summary_seconds: float = 60.0
    commit_seconds: float = 5.0
    consumer_settings: Mapping[str, Any] = field(default_factory=dict)
    producer_settings: Mapping[str, Any] = field(default_factory=dict)


# Section → key → (attribute, checker); a checker returns the value or raises ValueError("why").
def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string")
    return value


def _topic(value: Any) -> str:
    if not isinstance(value, str) or not _TOPIC.match(value):
        raise ValueError("expected a topic name: 1 to 249 of a-z A-Z 0-9 . _ -")
    return value


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 10**7:
        raise ValueError("expected a number of seconds above 0")
    return float(value)


def _partitions(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise ValueError("expected an integer from 1 to 1000")
    return value


def _megabytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65536:
        raise ValueError("expected a whole number of MB from 1 to 65536")
    return value


def _format(value: Any) -> str:
    if value not in _FORMATS:
        raise ValueError("expected json or protobuf")
    return _FORMATS[value]


def _application_id(value: Any) -> str:
    if not isinstance(value, str) or not _APPLICATION_ID.match(value):
        raise ValueError("expected ^[a-z0-9][a-z0-9._-]{0,63}$ (docs/spec.md §2)")
    return value


def _kafka(value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping) or not all(isinstance(v, (str, int, float, bool)) for v in value.values()):
        raise ValueError("expected a table of librdkafka settings (strings, numbers, booleans)")
    return dict(value)


_SCALARS: dict[str, dict[str, tuple[str, Any]]] = {
    "kafka": {"brokers": ("brokers", _text), "consumer_group": ("consumer_group", _text),
              "partitions": ("partitions", _partitions), "commit_seconds": ("commit_seconds", _seconds),
              "consumer": ("consumer_settings", _kafka), "producer": ("producer_settings", _kafka)},
    "output": {"format": ("content_type", _format), "application_id": ("application_id", _application_id)},
    "joins": {"max_wait_seconds": ("max_wait_seconds", _seconds)},
    "state": {"dir": ("state_dir", lambda v: Path(_text(v))), "write_buffer_mb": ("write_buffer_mb", _megabytes),
              "block_cache_mb": ("block_cache_mb", _megabytes)},
    "summary": {"interval_seconds": ("summary_seconds", _seconds)},
}
_TOPICS = {"input": INPUTS, "output": OUTPUTS}


def load_config(path: str | Path) -> BridgeConfig:
    """Read and check a bridge TOML file. Raises ContractError whose path names the bad key.

    The file's sections and keys, each optional, with its default:

    - ``[kafka]``: ``brokers`` ("127.0.0.1:9092"), ``consumer_group`` ("vibe-contracts-bridge"),
      ``partitions`` (1: of the topics the bridge creates when missing), ``commit_seconds`` (5),
      ``consumer`` and ``producer`` (tables of librdkafka settings, e.g. security; none).
    - ``[topics.input]``: ``partner``, ``event``, ``order``, ``refund_request`` (see INPUTS).
    - ``[topics.output]``: ``organizer``, ``event``, ``order``, ``refund``, ``ticket``, ``dead_letter`` (OUTPUTS).
    - ``[output]``: ``format`` ("json" or "protobuf"; "json"), ``application_id`` ("ticketscloud").
    - ``[mapping]``: the legacy mapping (`MappingConfig`): ``categories``, ``venues``, ``default_offset``,
      ``name_order``, ``phone_country_code``, ``skip_roles``.
    - ``[joins]``: ``max_wait_seconds`` (3600): how long a record waits for what it joins with.
    - ``[state]``: ``dir`` ("state"): the local state directory (RocksDB); ``write_buffer_mb`` (16, two of
      them) and ``block_cache_mb`` (64): what RocksDB may hold in memory, so memory is bounded by these.
    - ``[summary]``: ``interval_seconds`` (60): how often the running summary is printed.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContractError.at("", "syntax", f"cannot read {path}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContractError.at("", "syntax", f"not TOML: {exc}") from None
    return config_from_dict(data)


def config_from_dict(data: Mapping[str, Any]) -> BridgeConfig:
    """A BridgeConfig from plain data (a parsed TOML document); raises ContractError naming every bad key."""
    errors: list[Violation] = []
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section in _SCALARS:
            _section(section, table, _SCALARS[section], values, errors)
        elif section == "topics":
            values.update(_topics(table, errors))
        elif section == "mapping":
            values["mapping"] = _mapping(table, errors)
        else:
            errors.append(Violation(child_path("", section), "unknown_field", "not a config section"))
    if errors:
        raise ContractError(errors)
    return BridgeConfig(**values)


def _section(section: str, table: Any, keys: Mapping[str, tuple[str, Any]], values: dict[str, Any],
             errors: list[Violation]) -> None:
    if not isinstance(table, Mapping):
        errors.append(Violation(section, "type", "expected a table"))
        return
    for key, value in table.items():
        path = child_path(section, key)
        if key not in keys:
            errors.append(Violation(path, "unknown_field", "not a config key"))
            continue
        attribute, check = keys[key]
        try:
            values[attribute] = check(value)
        except ValueError as exc:
            errors.append(Violation(path, "type", str(exc)))


def _topics(table: Any, errors: list[Violation]) -> dict[str, Any]:
    if not isinstance(table, Mapping):
        errors.append(Violation("topics", "type", "expected a table"))
        return {}
    found = {"inputs": dict(INPUTS), "outputs": dict(OUTPUTS)}
    for side, names in table.items():
        path = child_path("topics", side)
        if side not in _TOPICS or not isinstance(names, Mapping):
            errors.append(Violation(path, "unknown_field" if side not in _TOPICS else "type",
                                    "expected [topics.input] or [topics.output]"))
            continue
        target = found["inputs" if side == "input" else "outputs"]
        for role, name in names.items():
            key_path = child_path(path, role)
            if role not in _TOPICS[side]:
                errors.append(Violation(key_path, "unknown_field", f"not one of {', '.join(_TOPICS[side])}"))
                continue
            try:
                target[role] = _topic(name)
            except ValueError as exc:
                errors.append(Violation(key_path, "type", str(exc)))
    every = [*found["inputs"].values(), *found["outputs"].values()]
    if len(set(every)) != len(every):
        errors.append(Violation("topics", "unique", "each input and output needs a topic of its own"))
    return found


def _mapping(table: Any, errors: list[Violation]) -> MappingConfig | None:
    try:
        return MappingConfig.from_dict(table)
    except ContractError as exc:
        errors.extend(Violation(f"mapping{'' if v.path[:1] in ('', '[') else '.'}{v.path}", v.rule, v.message)
                      for v in exc.errors)
        return None
