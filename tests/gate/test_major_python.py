"""Both majors in the Python package (docs/spec.md §7): a v2 package beside v1, generated and loaded from a copy.

The package is the hand-written `python/` of this checkout with the files generated from the copy's source
over it, imported in a subprocess: `vibe_contracts.v1` stays on 1.x, `vibe_contracts.v2` and the top level
are 2.x, and each refuses the other's records.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from gate_repo import ROOT, Repo

from codegen.pipeline import generate

NEW_FIELD = ("order.proto", "  repeated OrderTicket tickets = 4",
             "  string sales_channel = 5 [(vibe.options.v1.field).required = true];\n  repeated OrderTicket tickets = 4")

# Runs inside the copy's package; prints what the test asserts on, as JSON.
SCRIPT = r'''
import json, sys
import vibe_contracts, vibe_contracts.kafka
from vibe_contracts import ContractError, v1, v2
from vibe_contracts.v1 import kafka as kafka1
from vibe_contracts.v2 import kafka as kafka2
from google.protobuf import json_format
from vibe_contracts._gen.v1 import MAJOR
from vibe_contracts.convert import proto_class

vectors = json.loads(sys.argv[1])
out = {}

def refusal(run):
    try:
        run()
    except ContractError as exc:
        return [exc.path, exc.rule, exc.errors[0].message]
    except TypeError as exc:
        return ["TypeError", str(exc)]
    return None

def headers(version, content_type="application/json"):
    return [("content-type", content_type.encode()), ("schema-version", version.encode()),
            ("application-id", b"ticketland")]

# v1: every valid vector of every message, as JSON and as a record; a 2.0 record refused
decoded = 0
for name, doc in vectors.items():
    for case in doc["valid"]:
        cls = v1.message_type(name)
        if "json" in case:
            raw, content_type = json.dumps(case["json"]).encode(), "application/json"
        else:  # the Protobuf form, in protobuf's JSON mapping
            pb = json_format.ParseDict(case["protobuf"], proto_class(MAJOR.spec(cls))())
            raw, content_type = pb.SerializeToString(), "application/x-protobuf"
        message = kafka1.decode_record(raw, headers("1.3", content_type), message=name)
        assert type(message) is cls and message.to_dict() == case.get("decoded", case.get("json")), case["name"]
        assert v1.decode(name, v1.encode(message, format="protobuf"), format="protobuf") == message
        decoded += 1
out["v1_decoded"] = decoded
order_json = next(case["json"] for case in vectors["order"]["valid"] if case["name"] == "full")
v1_order = v1.decode("order", json.dumps(order_json))
out["v1_refuses_2.0"] = refusal(lambda: kafka1.decode_record(v1_order.to_json(), headers("2.0"), topic="orders"))
out["v1_record_version"] = dict(kafka1.encode_record(v1_order, application_id="ticketland").headers)[
    "schema-version"].decode()

# v2: the new required field, its records, and 1.0 refused
v2_raw = json.dumps({**order_json, "sales_channel": "web"}).encode()
v2_order = v2.decode("order", v2_raw)
out["v2_sales_channel"] = v2_order.sales_channel
out["v2_record"] = kafka2.decode_record(v2_raw, headers("2.1"), topic="orders") == v2_order
wire = v2.encode(v2_order, format="protobuf")
out["v2_protobuf"] = v2.decode("order", wire, format="protobuf", strict=True) == v2_order
kept = tuple(headers("1.0"))  # a verdict one major's reader kept is not another's
assert kafka1.decode_record(v1_order.to_json(), kept, topic="orders") == v1_order
out["v2_refuses_1.0"] = refusal(lambda: kafka2.decode_record(v2_raw, kept, topic="orders"))
out["v2_refuses_a_v1_order"] = refusal(lambda: v2.decode("order", json.dumps(order_json)))
out["v1_strict_refuses_the_new_field"] = refusal(lambda: v1.decode("order", v2_raw, strict=True))
out["v1_strict_refuses_the_new_protobuf_field"] = refusal(
    lambda: v1.decode("order", wire, format="protobuf", strict=True))
out["v2_record_version"] = dict(kafka2.encode_record(v2_order, application_id="ticketland").headers)[
    "schema-version"].decode()

# the top level is the newest major
out["top_version"] = vibe_contracts.CONTRACT_VERSION
out["top_is_v2"] = [vibe_contracts.Order is v2.Order, vibe_contracts.decode is v2.decode,
                    vibe_contracts.kafka.decode_record is kafka2.decode_record,
                    vibe_contracts.kafka.encode_record(v2_order, application_id="ticketland").headers
                    == kafka2.encode_record(v2_order, application_id="ticketland").headers]

# distinct types: neither major's models are the other's, and each module writes only its own
out["distinct"] = [v1.Order is not v2.Order, not issubclass(v1.Order, v2.Order), not issubclass(v2.Order, v1.Order),
                   v1.Customer is not v2.Customer, type(v1_order.customer) is v1.Customer,
                   type(v2_order.customer) is v2.Customer]
out["v2_encode_of_a_v1_order"] = refusal(lambda: v2.encode(v1_order))
out["v1_record_of_a_v2_order"] = refusal(lambda: kafka1.encode_record(v2_order, application_id="ticketland"))
import vibe_contracts.schemas
out["schemas"] = [v1.json_schema("order")["$id"], v2.json_schema("order", form="reader")["$id"],
                  vibe_contracts.schemas.json_schema("order")["$id"]]
out["v2_pydantic_schema_has_the_new_field"] = "sales_channel" in v2.Order.__get_pydantic_json_schema__(None, None)[
    "properties"] and "sales_channel" not in v1.Order.__get_pydantic_json_schema__(None, None)["properties"]
out["v2_repr_hides_pii"] = "guest" not in repr(v2_order.customer) and "sales_channel='web'" in repr(v2_order)
# the CLI checks the newest major unless told which
import contextlib, io, pathlib
from vibe_contracts.cli import main
pathlib.Path("v1-order.json").write_bytes(v1_order.to_json())
with contextlib.redirect_stdout(io.StringIO()) as said:
    out["cli"] = [main(["validate", "--type", "order", *major, "v1-order.json"]) for major in ([], ["--major", "1"])]
out["cli_said"] = said.getvalue().splitlines()
print(json.dumps(out))
'''


TYPED = """\
from typing import assert_type

import vibe_contracts
from vibe_contracts import v1, v2
from vibe_contracts.v1 import kafka as kafka1
from vibe_contracts.statuses import StatusReducer


def ship(order: v2.Order) -> None: ...
def check(data: bytes) -> None:
    assert_type(vibe_contracts.decode("order", data), v2.Order)
    assert_type(v1.decode("order", data), v1.Order)
    assert_type(kafka1.decode_record(data, None, message="order"), v1.Order)
    ship(v1.decode("order", data))
    ship(vibe_contracts.decode("order", data))
    assert_type(v2.decode("order", data).sales_channel, str)
    reducer = StatusReducer()  # the shared reducer takes the messages of either major
    reducer.apply(v1.decode("order", data))
    reducer.apply(v2.decode("refund", data))
"""


def test_v1_and_v2_side_by_side_in_the_python_package(repo: Repo, tmp_path: Path) -> None:
    repo.add_major(2)
    repo.edit(*NEW_FIELD, package="v2")
    package = tmp_path / "python"
    shutil.copytree(ROOT / "python", package, ignore=shutil.ignore_patterns("__pycache__", "_gen", "v[0-9]*"))
    for path, text in generate(repo.root).items():
        if path.startswith("python/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text)
    assert (package / "vibe_contracts/v2/kafka.py").is_file() and (package / "vibe_contracts/_gen/v2/fast.py").is_file()

    vectors = {p.stem: json.loads(p.read_text()) for p in sorted((ROOT / "examples/vectors").glob("*.json"))}
    result = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(vectors)], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(package)}, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)

    assert out["v1_decoded"] == sum(len(doc["valid"]) for doc in vectors.values()) > 20
    assert out["v1_refuses_2.0"] == ['headers["schema-version"]', "schema_version",
                                     "schema-version 2.0 has another major than this reader's contract 1.0"]
    assert out["v1_record_version"] == "1.0"
    assert out["v2_sales_channel"] == "web"
    assert out["v2_record"] is out["v2_protobuf"] is True
    assert out["v2_refuses_1.0"] == ['headers["schema-version"]', "schema_version",
                                     "schema-version 1.0 has another major than this reader's contract 2.0"]
    assert out["v2_refuses_a_v1_order"] == ["sales_channel", "required", "is required"]
    assert out["v1_strict_refuses_the_new_field"] == ["sales_channel", "unknown_field", "unknown field"]
    assert out["v1_strict_refuses_the_new_protobuf_field"][:2] == ["", "unknown_field"]
    assert out["v2_record_version"] == out["top_version"] == "2.0"
    assert out["top_is_v2"] == [True] * 4
    assert out["distinct"] == [True] * 6
    assert out["v2_encode_of_a_v1_order"] == [
        "TypeError", "Order of contract 1.0 given to the writer of contract 2.0: use vibe_contracts.v1"]
    assert out["v1_record_of_a_v2_order"] == [
        "TypeError", "Order of contract 2.0 given to the writer of contract 1.0: use vibe_contracts.v2"]
    assert out["v2_repr_hides_pii"] is True
    assert out["schemas"] == ["urn:vibe-contracts:vibe.integration.v1.Order.writer.schema.json",
                              "urn:vibe-contracts:vibe.integration.v2.Order.reader.schema.json",
                              "urn:vibe-contracts:vibe.integration.v2.Order.writer.schema.json"]
    assert out["v2_pydantic_schema_has_the_new_field"] is True
    assert out["cli"] == [1, 0]
    assert out["cli_said"] == ["v1-order.json: sales_channel: required: is required", "v1-order.json: valid order"]

    # What mypy --strict sees of the copy: each major's own types, and one major's model is not the other's.
    user = tmp_path / "user.py"
    user.write_text(TYPED)
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental", str(user)],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "MYPYPATH": str(package)}, timeout=300)
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "user.py:14:" in errors[0], checked.stdout
    assert 'incompatible type "vibe_contracts._gen.v1.models.Order"; expected "vibe_contracts._gen.v2.models.Order"' \
        in errors[0]
