"""The bridge's TOML config: defaults, every key read, and a bad file refused naming the key."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from vibe_contracts import ContractError
from vibe_contracts.bridge import INPUTS, OUTPUTS, BridgeConfig, config_from_dict, load_config
from tests.bridge.broker import CLI


def _violations(data: dict) -> list[tuple[str, str]]:
    with pytest.raises(ContractError) as caught:
        config_from_dict(data)
    return [(v.path, v.rule) for v in caught.value.errors]


def test_an_empty_file_gives_the_documented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text("", encoding="utf-8")
    config = load_config(path)
    assert config == BridgeConfig()
    assert config.brokers == "127.0.0.1:9092" and config.consumer_group == "vibe-contracts-bridge"
    assert dict(config.inputs) == INPUTS and dict(config.outputs) == OUTPUTS
    assert config.content_type == "application/json" and config.application_id == "ticketscloud"
    assert config.max_wait_seconds == 3600.0 and config.state_dir == Path("state")
    assert config.mapping.default_offset == 3.0 and config.mapping.name_order == "given_first"


def test_every_section_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text("""
[kafka]
brokers = "kafka:9092"
consumer_group = "tc-bridge"
partitions = 4
commit_seconds = 1
consumer = { "session.timeout.ms" = 6000 }
[topics.input]
order = "tc.orders"
[topics.output]
dead_letter = "tc.dlq"
[output]
format = "protobuf"
application_id = "ticketscloud-bridge"
[joins]
max_wait_seconds = 600
[state]
dir = "/var/lib/bridge"
write_buffer_mb = 8
block_cache_mb = 32
[summary]
interval_seconds = 30
[mapping]
name_order = "family_first"
categories = { "12" = "concert" }
""", encoding="utf-8")
    config = load_config(path)
    assert (config.brokers, config.consumer_group, config.partitions) == ("kafka:9092", "tc-bridge", 4)
    assert config.consumer_settings == {"session.timeout.ms": 6000}
    assert config.inputs["order"] == "tc.orders" and config.inputs["event"] == INPUTS["event"]
    assert config.outputs["dead_letter"] == "tc.dlq"
    assert (config.content_type, config.application_id) == ("application/x-protobuf", "ticketscloud-bridge")
    assert (config.max_wait_seconds, config.state_dir, config.summary_seconds) == (600.0, Path("/var/lib/bridge"), 30.0)
    assert (config.write_buffer_mb, config.block_cache_mb) == (8, 32)
    assert config.mapping.name_order == "family_first" and dict(config.mapping.categories) == {"12": "concert"}


@pytest.mark.parametrize(("data", "expected"), [
    ({"kafka": {"brokers": ""}}, [("kafka.brokers", "type")]),
    ({"kafka": {"partitions": 0}}, [("kafka.partitions", "type")]),
    ({"kafka": {"brokr": "x"}}, [("kafka.brokr", "unknown_field")]),
    ({"output": {"format": "xml"}}, [("output.format", "type")]),
    ({"output": {"application_id": "Ticketscloud"}}, [("output.application_id", "type")]),
    ({"joins": {"max_wait_seconds": -1}}, [("joins.max_wait_seconds", "type")]),
    ({"topics": {"input": {"order": "bad topic"}}}, [("topics.input.order", "type")]),
    ({"topics": {"output": {"tickets": "t"}}}, [("topics.output.tickets", "unknown_field")]),
    ({"topics": {"output": {"event": "ticketscloud.events"}}}, [("topics", "unique")]),
    ({"mapping": {"name_order": "last_first"}}, [("mapping.name_order", "enum")]),
    ({"mapping": {"categories": {"12": "opera"}}}, [('mapping.categories["12"]', "enum")]),
    ({"mapping": {"colour": 1}}, [("mapping.colour", "unknown_field")]),
    ({"bridge": {}}, [("bridge", "unknown_field")]),
    ({"state": {"block_cache_mb": 0.5}}, [("state.block_cache_mb", "type")]),
    ({"kafka": {"brokers": 1}, "state": {"dir": ""}}, [("kafka.brokers", "type"), ("state.dir", "type")]),
])
def test_a_bad_key_is_named(data: dict, expected: list[tuple[str, str]]) -> None:
    assert _violations(data) == expected


def test_a_file_that_is_not_toml_is_a_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text("[kafka\nbrokers = 1", encoding="utf-8")
    with pytest.raises(ContractError) as caught:
        load_config(path)
    assert caught.value.rule == "syntax"


def test_the_command_refuses_a_bad_config_before_connecting(tmp_path: Path) -> None:
    path = tmp_path / "bridge.toml"
    path.write_text('[kafka]\nbrokers = "127.0.0.1:1"\n[output]\nformat = "xml"\n', encoding="utf-8")
    done = subprocess.run([CLI, "bridge", "--config", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "output.format" in done.stderr and "expected json or protobuf" in done.stderr
