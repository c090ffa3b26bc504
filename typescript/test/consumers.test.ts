// The published artifact as its consumers meet it: `npm pack` → install the tarball into
// fresh strict TypeScript projects (ESM under NodeNext, CommonJS under `module: commonjs`
// and node16, run without require(esm), and bundler resolution) → compile with tsc → run:
// a decode, and every TypeScript snippet of the documentation. Needs the registry (or
// npm's cache) for @bufbuild/protobuf, and kafkajs and @types/node for the snippets' types.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { asModule, context, runner, snippets } from "./snippets.js";

const PACKAGE = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");
const DEV = (JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as { devDependencies: Record<string, string> })
  .devDependencies;
const NO_ESM = "--no-experimental-require-module";
const VECTORS = join(PACKAGE, "..", "examples", "vectors");
/** The "full" valid order and ticket of the shared vectors, as JSON text. */
const DOCUMENTS = Object.fromEntries((["order", "ticket"] as const).map((name) => {
  const doc = JSON.parse(readFileSync(join(VECTORS, `${name}.json`), "utf8")) as { valid: { name: string; json?: unknown }[] };
  return [name, JSON.stringify(doc.valid.find((c) => c.name === "full")!.json)];
})) as { order: string; ticket: string };

const APP = `
import { CONTRACT_VERSION, ContractError, CURRENCY_VALUES, decode, encode, isOrder, validate, type Order } from "@vibe/contracts";
import { decodeRecord } from "@vibe/contracts/kafka";
import { create, toBinary } from "@bufbuild/protobuf";
import { decode as decodeLegacy, mapPartner, MappingConfig, PartnerSchema, Skipped } from "@vibe/contracts/legacy";
import { fromMessage, OrderSchema, toMessage } from "@vibe/contracts/proto";
import * as v1 from "@vibe/contracts/v1";
import { decodeRecord as decodeRecordV1, encodeRecord as encodeRecordV1 } from "@vibe/contracts/v1/kafka";
import { toMessage as toMessageV1 } from "@vibe/contracts/v1/proto";

const text = '{"id":"o","number":"1","customer":{"email":"guest@example.com","phone":"+4915112345678"},' +
  '"tickets":[{"id":"t","event_id":"e","barcode":"b","category":"c","price_nominal":100,"currency":"RUB"}],"x":null}';
const order: Order = decode("order", text, { format: "json", strict: false });
const wire: Uint8Array = encode("order", order, { format: "protobuf" });
const back: Order = decode("order", wire, { format: "protobuf", strict: true });
let rule = "";
try {
  decode("order", text, { strict: true });
} catch (exc) {
  if (exc instanceof ContractError) rule = exc.rule + " " + exc.path;
}
let header = false;
try {
  decodeRecord(wire, [], { topic: "orders" });
} catch (exc) {
  header = exc instanceof ContractError && exc.rule === "header_missing";
}
const price: number | undefined = back.tickets[0]?.price_nominal;
const partner = decodeLegacy("partner", toBinary(PartnerSchema, create(PartnerSchema, { id: " org-1 ", name: "Hall" })));
const organizer = mapPartner(partner, new MappingConfig());
const parsed: unknown = JSON.parse(text);
const guarded = isOrder(parsed) ? parsed.tickets.length : -1;
const same: Order = fromMessage("order", toMessage("order", validate("order", parsed)));
// the consumer that stays on 1.x: its own entry points, which refuse a record of another major
const v1Order: v1.Order = v1.decode("order", text);
const record = encodeRecordV1("order", v1Order, { applicationId: "app" });
let otherMajor = "";
try {
  const headers = record.headers.map(([n, v]): [string, Uint8Array] => [n, n === "schema-version" ? new TextEncoder().encode("2.0") : v]);
  decodeRecordV1(record.value, headers, { topic: "orders" });
} catch (exc) {
  if (exc instanceof ContractError) otherMajor = exc.rule;
}
console.log(JSON.stringify({
  json: new TextDecoder().decode(encode("order", back)),
  price,
  rule,
  header,
  guarded,
  same: JSON.stringify(same) === JSON.stringify(order),
  currencies: CURRENCY_VALUES.join(" "),
  version: CONTRACT_VERSION,
  typeName: toMessage("order", order).$typeName,
  schema: OrderSchema.typeName,
  legacy: organizer instanceof Skipped ? organizer.reason : new TextDecoder().decode(encode("organizer", organizer)),
  v1: [v1.CONTRACT_VERSION, decodeRecordV1(record.value, record.headers, { topic: "orders" }).id, otherMajor,
    toMessageV1("order", v1Order).$typeName, v1.ContractError === ContractError],
}));
`;

// An ES module that loads the package through both import and require: one copy of it.
const IDENTITY = `
import { createRequire } from "node:module";
import * as esm from "@vibe/contracts";
import * as esmKafka from "@vibe/contracts/kafka";
import * as esmV1 from "@vibe/contracts/v1/kafka";

const require = createRequire(import.meta.url);
const cjs = require("@vibe/contracts") as typeof esm;
const cjsKafka = require("@vibe/contracts/kafka") as typeof esmKafka;
const cjsV1 = require("@vibe/contracts/v1/kafka") as typeof esmV1;
let thrown: unknown;
try {
  cjsKafka.decodeRecord(new Uint8Array(), [], { topic: "orders" });
} catch (exc) {
  thrown = exc;
}
const schema = require("@vibe/contracts/jsonschema/vibe.integration.v1.Order.reader.schema.json") as { $id: string };
console.log(JSON.stringify({
  schema: schema.$id,
  sameClass: cjs.ContractError === esm.ContractError,
  instance: thrown instanceof esm.ContractError,
  sameDecode: cjs.decode === esm.decode && cjsKafka.decodeRecord === esmKafka.decodeRecord,
  sameV1: cjsV1.decodeRecord === esmV1.decodeRecord,
}));
`;

/** The kinds of consumer project: how each compiles and how Node runs its output. */
const PROJECTS = {
  esm: { type: "module", compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" }, node: [] },
  // CommonJS as a Node without require(esm) (20 before 20.19) runs it
  "cjs-node16": { type: "commonjs", compilerOptions: { module: "Node16", moduleResolution: "Node16" }, node: [NO_ESM] },
  // `module: commonjs` resolves by the classic rules, which ignore "exports"
  cjs: { type: "commonjs", compilerOptions: { module: "CommonJS" }, node: [NO_ESM] },
  bundler: { type: "module", compilerOptions: { module: "ESNext", moduleResolution: "Bundler" }, node: [] },
} as const;

const STRICT = {
  strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false,
  target: "ES2022", lib: ["ES2022"], types: ["node"], rootDir: ".", outDir: "out",
};

let tmp = "";
let tarball = "";
let files: string[] = [];

before(() => {
  tmp = mkdtempSync(join(tmpdir(), "vibe-contracts-pack-"));
  // `npm test` built dist/ first; --ignore-scripts keeps prepack from rebuilding it under running tests
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: PACKAGE, encoding: "utf8" }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(tmp, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  // one node_modules for every project below: the tarball, kafkajs (for its types) and Node's types
  execFileSync("npm", ["init", "-y"], { cwd: tmp, stdio: "pipe" });
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball,
    `kafkajs@${DEV.kafkajs}`, `@types/node@${DEV["@types/node"]}`], { cwd: tmp, stdio: "pipe" });
});

after(() => rmSync(tmp, { recursive: true, force: true }));

test("the tarball holds the builds, their declarations, the JSON Schemas and the README", () => {
  for (const f of ["README.md", "dist/index.js", "dist/index.d.ts", "dist/proto.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts",
    "dist/cjs/kafka.d.ts", "dist/cjs/package.json", "dist/legacy/index.js", "dist/cjs/legacy/index.js",
    "dist/gen/v1/index.js", "dist/gen/v1/kafka.d.ts", "dist/gen/v1/proto.js", "dist/cjs/gen/v1/index.d.ts"]) {
    assert.ok(files.includes(f), f);
  }
  for (const name of ["Organizer", "Event", "Order", "Refund", "Ticket"]) {
    for (const form of ["writer", "reader"]) assert.ok(files.includes(`jsonschema/vibe.integration.v1.${name}.${form}.schema.json`));
  }
  // what a registry page shows: the license, where the project and its issues are
  const manifest = JSON.parse(readFileSync(join(tmp, "node_modules", "@vibe", "contracts", "package.json"), "utf8")) as
    Record<string, unknown>;
  assert.equal(manifest.license, "UNLICENSED");
  assert.match((manifest.repository as { url: string }).url, /^git\+https:\/\/github\.com\/.+\.git$/);
  assert.match(manifest.homepage as string, /^https:\/\//);
  assert.match((manifest.bugs as { url: string }).url, /^https:\/\/.+\/issues$/);
  assert.ok(files.every((f) => ["package.json", "README.md"].includes(f) || /^(dist|jsonschema)\//.test(f)), files.join(" "));
});

/** Write a project of `kind` holding `sources`, compile it (strict) and give a runner of its output. */
function project(kind: keyof typeof PROJECTS, name: string, sources: Record<string, string>): (file: string) => string {
  const { type, compilerOptions, node } = PROJECTS[kind];
  const dir = join(tmp, `${name}-${kind}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `${name}-${kind}`, private: true, type }));
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { ...STRICT, ...compilerOptions }, include: Object.keys(sources),
  }));
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, file), text);
  try {
    execFileSync(process.execPath, [TSC, "-p", "."], { cwd: dir, encoding: "utf8", stdio: "pipe" });
  } catch (exc) {
    assert.fail(`${kind}: tsc failed\n${(exc as { stdout?: string }).stdout ?? String(exc)}`);
  }
  return (file) => execFileSync(process.execPath, [...node, join("out", file)], {
    cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  });
}

for (const kind of Object.keys(PROJECTS) as (keyof typeof PROJECTS)[]) {
  test(`a strict ${kind} project compiles against the tarball, decodes and maps a legacy record`, { timeout: 120_000 }, () => {
    const run = project(kind, "app", { "app.ts": APP });
    assert.deepEqual(JSON.parse(run("app.js")), {
      json: '{"id":"o","number":"1","customer":{"email":"guest@example.com","phone":"+4915112345678"},' +
        '"tickets":[{"id":"t","event_id":"e","barcode":"b","category":"c","price_nominal":100,"currency":"RUB"}]}',
      price: 100,
      rule: "unknown_field x",
      header: true,
      guarded: 1,
      same: true,
      currencies: "USD EUR RUB GBP CNY",
      version: "1.0",
      typeName: "vibe.integration.v1.Order",
      schema: "vibe.integration.v1.Order",
      legacy: '{"id":"org-1","name":"Hall"}',
      v1: ["1.0", "o", "schema_version", "vibe.integration.v1.Order", true],
    });
  });

  test(`every TypeScript snippet of the documentation compiles and runs in a strict ${kind} project`, { timeout: 120_000 }, () => {
    const found = snippets();
    assert.ok(found.length >= 3, found.map((s) => s.where).join(" "));
    const sources: Record<string, string> = { "context.ts": context(DOCUMENTS), "run.ts": runner(found.length) };
    found.forEach((s, i) => (sources[`snippet${i}.ts`] = asModule(s)));
    project(kind, "snippets", sources)("run.js");
  });
}

test("import and require of the package give one copy: one ContractError class", { timeout: 120_000 }, () => {
  const run = project("esm", "identity", { "identity.ts": IDENTITY });
  assert.deepEqual(JSON.parse(run("identity.js")), {
    schema: "urn:vibe-contracts:vibe.integration.v1.Order.reader.schema.json", sameClass: true, instance: true, sameDecode: true,
    sameV1: true,
  });
});
