"""The shared legacy vectors (examples/legacy) through the Python mapping."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from typing import Any

import pytest
from google.protobuf import json_format

from vibe_contracts import legacy

from .run import FUNCTIONS, RECORD_MESSAGE, ROOT, VECTORS, run_case, vector_files

FILES = vector_files()
CASES = [(name, c, content["records"]) for name, content in FILES.items() for c in content["cases"]]


def test_vectors_are_what_their_source_gives() -> None:
    sys.path.insert(0, str(VECTORS))
    try:
        import build  # examples/legacy/build.py
    finally:
        sys.path.remove(str(VECTORS))
    assert {n: json.loads(t) for n, t in build.files().items()} == FILES


def test_enough_cases_and_every_function() -> None:
    assert len(CASES) >= 50
    assert {c["function"] for _, c, _ in CASES} == set(FUNCTIONS)
    assert len({c["name"] for _, c, _ in CASES}) == len(CASES), "case names are unique"


@pytest.mark.parametrize(("file", "case", "records"), CASES, ids=[f"{f}:{c['name']}" for f, c, _ in CASES])
def test_case(file: str, case: dict[str, Any], records: dict[str, Any]) -> None:
    got = run_case(case, records)
    expect = case["expect"]
    if "v1" in expect:
        model = FUNCTIONS[case["function"]][2]
        wanted = [model.from_json(json.dumps(doc), strict=True).to_json().decode() for doc in expect["v1"]]
        assert got == {"v1": wanted}
    elif "skipped" in expect:
        assert got.get("skipped") == expect["skipped"], got
    else:
        assert [{"path": e["path"], "rule": e["rule"]} for e in got.get("refused", [])] == expect["refused"], got


RECORDS = [(file, name, spec) for file, content in FILES.items() for name, spec in content["records"].items()
           if spec["readable"] is not None]


@pytest.mark.parametrize(("file", "name", "spec"), RECORDS, ids=[f"{f}:{n}" for f, n, _ in RECORDS])
def test_readable_form_is_the_record(file: str, name: str, spec: dict[str, Any]) -> None:
    decoded = legacy.decode(spec["message"], base64.b64decode(spec["base64"]))
    readable = json_format.ParseDict(spec["readable"], legacy.MESSAGES[spec["message"]]())
    assert (decoded.ByteSize() > readable.ByteSize()) == ("unknown_hex" in spec), "skipped fields are kept apart"
    decoded.DiscardUnknownFields()
    assert decoded == readable


def test_mapping_does_not_depend_on_earlier_calls() -> None:
    """Pure: each case run again, in reverse order, in a fresh interpreter, gives the same result."""
    script = (
        "import json, sys; sys.path[:0] = ['python', '.'];"
        "from tests.legacy.run import run_case, vector_files;"
        "cases = [(c, f['records']) for f in vector_files().values() for c in f['cases']];"
        "print(json.dumps([run_case(c, r) for c, r in reversed(cases)]))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    here = [run_case(c, r) for _, c, r in CASES]
    assert json.loads(out) == list(reversed(here))


def test_record_messages_match_functions() -> None:
    for _, case, records in CASES:
        assert records[case["record"]]["message"] == RECORD_MESSAGE[case["function"]], case["name"]
