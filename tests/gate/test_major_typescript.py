"""docs/spec.md §7 in the TypeScript package: a v2 beside v1, each its own entry point, the root the newest.

The copy gets a `vibe.integration.v2` with a new required field (`Order.sales_channel`), is generated,
and its `typescript/src` (the hand-written runtime from this checkout, the generated modules from the
copy) is compiled by the real `tsc`; node then runs the built entry points.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from gate_repo import ROOT, Repo

from codegen.pipeline import generate, write

NEW_FIELD = ("order.proto", "  repeated OrderTicket tickets = 4",
             "  string sales_channel = 5 [(vibe.options.v1.field).required = true];\n  repeated OrderTicket tickets = 4")
VECTORS = ("organizer", "event", "order", "refund", "ticket")

# Fails to compile if a v1 Order were a v2 Order (the majors' models are distinct types), or if the
# status reducer, which every entry point shares, took the messages of one major only.
TYPES = """
import type * as V1 from "./gen/v1/index.js";
import type * as V2 from "./gen/v2/index.js";
import { StatusReducer } from "./statuses.js";

export function distinct(order: V1.Order): V2.Order {
  // @ts-expect-error a v1 Order lacks sales_channel, which v2 requires
  return order;
}

export function reduced(first: V1.Order, second: V2.Order): number {
  const reducer = new StatusReducer();
  return reducer.apply("order", first).length + reducer.apply("order", second).length;
}
"""

RUN = """
import { readFileSync } from "node:fs";
import { fromJson, toBinary } from "@bufbuild/protobuf";
import * as v1 from "./dist/gen/v1/index.js";
import * as v1Kafka from "./dist/gen/v1/kafka.js";
import * as v1Proto from "./dist/gen/v1/proto.js";
import * as v2 from "./dist/gen/v2/index.js";
import * as v2Kafka from "./dist/gen/v2/kafka.js";
import * as v2Proto from "./dist/gen/v2/proto.js";
import * as root from "./dist/index.js";
import * as rootKafka from "./dist/kafka.js";

const utf8 = new TextEncoder();
const refused = (run) => {
  try {
    run();
    return "accepted";
  } catch (exc) {
    return exc instanceof root.ContractError ? `${exc.rule}: ${exc.errors[0].message}` : `${exc.name}: ${exc.message}`;
  }
};
const headers = (version) => [["content-type", utf8.encode("application/json")],
  ["schema-version", utf8.encode(version)], ["application-id", utf8.encode("ticketland")]];

// every valid v1 vector through the v1 entry point: JSON, or Protobuf (its JSON mapping made bytes)
const decoded = {};
for (const name of process.argv[3].split(",")) {
  const cases = JSON.parse(readFileSync(`${process.argv[2]}/${name}.json`, "utf8")).valid;
  const schema = v1Proto[`${name[0].toUpperCase()}${name.slice(1)}Schema`];
  decoded[name] = cases.map((c) => {
    try {
      return c.json !== undefined ? v1.decode(name, JSON.stringify(c.json))
        : v1.decode(name, toBinary(schema, fromJson(schema, c.protobuf)), { format: "protobuf" });
    } catch (exc) {
      return String(exc);
    }
  });
}
const v1Order = JSON.parse(readFileSync(`${process.argv[2]}/order.json`, "utf8")).valid[0].json;
const v2Order = { ...v1Order, sales_channel: "web" };
const v1Record = v1Kafka.encodeRecord("order", v1.decode("order", JSON.stringify(v1Order)), { applicationId: "ticketland" });
const v2Record = v2Kafka.encodeRecord("order", v2Order, { applicationId: "ticketland" });
console.log(JSON.stringify({
  decoded,
  v1Versions: [v1.CONTRACT_VERSION, new TextDecoder().decode(v1Record.headers[1][1])],
  v1RefusesV2: refused(() => v1Kafka.decodeRecord(v2Record.value, v2Record.headers, { topic: "orders" })),
  v2Decoded: v2.decode("order", JSON.stringify(v2Order), { strict: true }).sales_channel,
  v2Record: v2Kafka.decodeRecord(v2Record.value, v2Record.headers, { topic: "orders" }).sales_channel,
  v2Versions: [v2.CONTRACT_VERSION, new TextDecoder().decode(v2Record.headers[1][1])],
  v2RefusesV1: refused(() => v2Kafka.decodeRecord(v1Record.value, headers("1.0"), { topic: "orders" })),
  v2RefusesV1Order: refused(() => v2.decode("order", JSON.stringify(v1Order))),
  root: [root.CONTRACT_VERSION, root.decode === v2.decode, rootKafka.decodeRecord === v2Kafka.decodeRecord],
  typeNames: [v1Proto.toMessage("order", v1.decode("order", JSON.stringify(v1Order))).$typeName,
    v2Proto.toMessage("order", v2Order).$typeName],
  wrongMajor: refused(() => v1Proto.fromMessage("order", v2Proto.toMessage("order", v2Order))),
}));
"""


def test_v1_and_v2_side_by_side_in_the_typescript_package(repo: Repo) -> None:
    repo.add_major(2)
    repo.edit(*NEW_FIELD, package="v2")
    files = generate(repo.root)
    ts = repo.root / "typescript"
    shutil.copytree(ROOT / "typescript/src", ts / "src", ignore=shutil.ignore_patterns("gen"))
    write(repo.root, files)
    shutil.copy(ROOT / "typescript/tsconfig.json", ts / "tsconfig.json")
    (ts / "tsconfig.build.json").write_text(json.dumps({"extends": "./tsconfig.json", "compilerOptions": {
        "declaration": False, "emitDeclarationOnly": False, "outDir": "dist"}}))
    (ts / "package.json").write_text(json.dumps({"type": "module"}))
    (ts / "src/majors_check.ts").write_text(TYPES)
    (ts / "run.mjs").write_text(RUN)

    tsc = subprocess.run(["node", str(ROOT / "typescript/node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
                         cwd=ts, capture_output=True, text=True, timeout=300)
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
    run = subprocess.run(["node", "run.mjs", str(ROOT / "examples/vectors"), ",".join(VECTORS)],
                         cwd=ts, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)

    cases = {name: json.loads((ROOT / f"examples/vectors/{name}.json").read_text())["valid"] for name in VECTORS}
    expected = {name: [case.get("decoded", case.get("json")) for case in valid] for name, valid in cases.items()}
    assert out["decoded"] == expected
    assert all(cases.values()) and any("protobuf" in case for valid in cases.values() for case in valid)
    assert out["v1Versions"] == ["1.0", "1.0"]
    assert out["v1RefusesV2"] == "schema_version: schema-version 2.0 has another major than this reader's contract 1.0"
    assert out["v2Decoded"] == out["v2Record"] == "web"
    assert out["v2Versions"] == ["2.0", "2.0"]
    assert out["v2RefusesV1"] == "schema_version: schema-version 1.0 has another major than this reader's contract 2.0"
    assert out["v2RefusesV1Order"] == "required: is required"
    assert out["root"] == ["2.0", True, True]
    assert out["typeNames"] == ["vibe.integration.v1.Order", "vibe.integration.v2.Order"]
    assert out["wrongMajor"] == ("TypeError: wrong message type: order needs a vibe.integration.v1.Order message, "
                                 "got vibe.integration.v2.Order")
