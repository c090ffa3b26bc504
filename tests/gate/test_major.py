"""docs/spec.md §7 end to end: a breaking change needs a new package, and the previous major stays as released."""

from __future__ import annotations

import json

import jsonschema
from gate_repo import ROOT, Repo

from codegen.gate import compare
from codegen.pipeline import generate

REQUIRED_SOURCE = ("order.proto", "  repeated OrderTicket tickets = 4",
                   "  string sales_channel = 5 [(vibe.options.v1.field).required = true];\n  repeated OrderTicket tickets = 4")


def test_a_new_major_in_the_old_package_is_refused(repo: Repo) -> None:
    repo.edit(*REQUIRED_SOURCE)
    repo.set_version("2.0")
    verdict = compare(repo.root, "1.0")
    assert not verdict.ok
    assert any("contract_version 2.0 in package vibe.integration.v1" in p and "vibe.integration.v2" in p
               for p in verdict.problems), verdict.problems


def test_breaking_change_then_v2_package_then_the_gate_passes_and_v1_readers_still_work(repo: Repo) -> None:
    repo.edit(*REQUIRED_SOURCE)
    assert not compare(repo.root, "1.0").ok  # the breaking change alone, in v1

    (repo.root / "contracts/proto/vibe/integration/v1/order.proto").write_text(
        (ROOT / "contracts/proto/vibe/integration/v1/order.proto").read_text())
    repo.add_major(2)
    repo.edit(*REQUIRED_SOURCE, package="v2")
    verdict = compare(repo.root, "1.0")

    assert verdict.ok, verdict.problems
    assert verdict.new_version == "2.0"
    assert not [f for f in verdict.findings if f.package == "vibe.integration.v1"]
    v2 = [f for f in verdict.findings if f.package == "vibe.integration.v2"]
    assert [f.kind for f in v2 if f.breaking] == ["REQUIRED_PROPERTY_ADDED"]
    assert "new major" in v2[0].words and "readers of 1.x move to vibe.integration.v2" in v2[0].words

    # The previous major is still generated, byte for byte as committed; the new one gets its schemas and Protobuf bindings.
    files = generate(repo.root)
    # what names the newest major or every major: the reference pages, the TypeScript package root's modules
    newest = {"docs/contracts.md", "contracts/asyncapi.yaml", "docs/contracts-v1.md", "contracts/asyncapi-v1.yaml",
              "typescript/src/gen/majors.ts",
              *(f"typescript/src/gen/current/{m}.ts" for m in ("index", "kafka", "proto"))}
    v1_files = [p for p in files if "integration/v2" not in p and ".v2." not in p and "/v2/" not in p
                and p not in newest and not p.endswith("_gen/current.py")]  # the top-level API follows the newest major
    assert [p for p in v1_files if (ROOT / p).read_text() != files[p]] == []
    # The reference pages: the current major's under the usual names, the kept one's beside them, linked both ways.
    assert files["contracts/asyncapi-v1.yaml"] == (ROOT / "contracts/asyncapi.yaml").read_text()
    assert "version: '2.0'" in files["contracts/asyncapi.yaml"] or 'version: "2.0"' in files["contracts/asyncapi.yaml"]
    v1_page = (ROOT / "docs/contracts.md").read_text().replace("`contracts/asyncapi.yaml`", "`contracts/asyncapi-v1.yaml`")
    head, _, rest = v1_page.partition("\n## ")
    assert files["docs/contracts-v1.md"] == f"{head}\nMajors in this release: this page, [2.x](contracts.md).\n\n## {rest}"
    assert files["docs/contracts.md"].count("Majors in this release: [1.x](contracts-v1.md), this page.") == 1
    assert "# Contracts reference (contract 2.0)" in files["docs/contracts.md"] and "sales_channel" in files["docs/contracts.md"]
    assert "contracts/jsonschema/vibe.integration.v2.Order.writer.schema.json" in files
    assert "python/vibe_contracts/_gen/vibe/integration/v2/order_pb2.py" in files

    # A v1 reader (the v1 schema generated from the copy) reads every valid v1 vector; the v2 reader refuses v1
    # orders, which lack the new required field.
    v1_reader = json.loads(files["contracts/jsonschema/vibe.integration.v1.Order.reader.schema.json"])
    v2_reader = json.loads(files["contracts/jsonschema/vibe.integration.v2.Order.reader.schema.json"])
    orders = [case["json"] for case in json.loads((ROOT / "examples/vectors/order.json").read_text())["valid"]]
    assert orders
    for order in orders:
        jsonschema.validate(order, v1_reader)
        assert not jsonschema.Draft202012Validator(v2_reader).is_valid(order)


def test_a_breaking_change_in_the_kept_major_is_still_refused(repo: Repo) -> None:
    repo.add_major(2)
    repo.edit("ticket.proto", "optional string seat = 11 [(vibe.options.v1.field).max_len = 64]",
              "optional string seat = 11 [(vibe.options.v1.field).max_len = 32]")
    verdict = compare(repo.root, "1.0")
    assert any(p.startswith("1 breaking change(s) in vibe.integration.v1") and "vibe.integration.v2" in p
               for p in verdict.problems), verdict.problems


def test_the_released_major_cannot_be_dropped(repo: Repo) -> None:
    repo.add_major(2)
    for path in (repo.root / "contracts/proto/vibe/integration/v1").iterdir():
        path.unlink()
    verdict = compare(repo.root, "1.0")
    assert any("package vibe.integration.v1 (1.0) was removed" in p for p in verdict.problems), verdict.problems


def test_a_new_package_carries_its_own_major(repo: Repo) -> None:
    repo.add_major(2)
    repo.edit("version.proto", 'contract_version = "2.0"', 'contract_version = "1.1"', package="v2")
    verdict = compare(repo.root, "1.0")
    assert any("contract_version 1.1 in package vibe.integration.v2" in p for p in verdict.problems), verdict.problems
