"""contracts/asyncapi.yaml: the official parser reads it without errors or warnings, and it says what the contract says.

Needs Node 20+; `npm ci` runs in tools/asyncapi when its node_modules is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from codegen import emit_asyncapi, vectors as shared_vectors
from codegen.emit_jsonschema import schema_path
from codegen.ir import Contracts

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "asyncapi"
DOCUMENT = ROOT / emit_asyncapi.OUT_PATH
#: The one diagnostic allowed: AsyncAPI 3.1.0 exists and the parser mentions it (severity information)
#: for any 3.0.0 document. The contract pins 3.0.0; errors and warnings stay at zero.
ALLOWED_INFORMATION = {"asyncapi-latest-version"}
_DIAGNOSTIC = re.compile(r"^(error|warning|information|hint) (\S+) at ", re.M)


@pytest.fixture(scope="module")
def parsed() -> tuple[int, str, dict[str, Any]]:
    """Exit status, printed diagnostics and the `--summary` of the validator."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.fail("node (20+) and npm are needed to validate the AsyncAPI document")
    if not (TOOL / "node_modules").is_dir():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=TOOL, check=True, capture_output=True)
    done = subprocess.run([node, "validate.mjs", str(DOCUMENT), "--summary"], cwd=TOOL, capture_output=True, text=True)
    *report, summary = done.stdout.strip().splitlines()
    return done.returncode, "\n".join(report) + done.stderr, json.loads(summary)


def test_the_official_parser_reports_no_error_or_warning(parsed: tuple[int, str, dict[str, Any]]) -> None:
    status, report, _ = parsed
    assert status == 0, report
    assert "0 errors or warnings" in report, report
    codes = {code for severity, code in _DIAGNOSTIC.findall(report)}
    assert codes <= ALLOWED_INFORMATION, report
    assert all(severity == "information" for severity, _ in _DIAGNOSTIC.findall(report)), report


def test_every_topic_has_a_channel_with_both_forms(contracts: Contracts, parsed: tuple[int, str, dict[str, Any]]) -> None:
    channels = {c["id"]: c for c in parsed[2]["channels"]}
    assert sorted(channels) == sorted(m.topic for m in contracts.topics)
    for m in contracts.topics:
        channel = channels[m.topic]
        assert channel["address"] == m.topic
        assert sorted(msg["contentType"] for msg in channel["messages"]) == ["application/json", "application/x-protobuf"]


def test_every_channel_has_a_send_and_a_receive_operation(parsed: tuple[int, str, dict[str, Any]]) -> None:
    operations = parsed[2]["operations"]
    for channel in parsed[2]["channels"]:
        actions = sorted(op["action"] for op in operations if op["channels"] == [channel["id"]])
        assert actions == ["receive", "send"], channel["id"]


def test_both_forms_require_the_same_fields(contracts: Contracts, parsed: tuple[int, str, dict[str, Any]]) -> None:
    """The Protobuf excerpt, as AsyncAPI's Protobuf reader converts it, requires what the contract requires."""
    for channel in parsed[2]["channels"]:
        message = next(m for m in contracts.topics if m.topic == channel["id"])
        expected = sorted(f.name for f in message.fields if f.required)
        for form in channel["messages"]:
            assert sorted(form["required"]) == expected, form["id"]


def test_examples_are_the_strict_valid_vectors(
    contracts: Contracts, vectors: dict[str, dict[str, Any]], parsed: tuple[int, str, dict[str, Any]]
) -> None:
    """As the parser read them (so the YAML says exactly what the vectors say), each valid in both schemas."""
    headers = Draft202012Validator(emit_asyncapi.headers_schema(contracts))
    for channel in parsed[2]["channels"]:
        message = next(m for m in contracts.topics if m.topic == channel["id"])
        json_form = next(f for f in channel["messages"] if f["contentType"] == "application/json")
        expected = shared_vectors.examples(vectors, message)
        assert [(e["name"], e["payload"]) for e in json_form["examples"]] == [(e.name, e.json) for e in expected]
        for variant in ("writer", "reader"):
            schema = Draft202012Validator(json.loads((ROOT / schema_path(message, variant)).read_text()))
            for example in json_form["examples"]:
                assert list(schema.iter_errors(example["payload"])) == [], (message.name, example["name"], variant)
                assert list(headers.iter_errors(example["headers"])) == [], (message.name, example["name"])


def test_document_is_what_the_source_gives(contracts: Contracts, vectors: dict[str, dict[str, Any]]) -> None:
    assert emit_asyncapi.emit(contracts, vectors) == {emit_asyncapi.OUT_PATH: DOCUMENT.read_text()}
