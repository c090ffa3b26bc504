// The published artifact: `npm pack` → install the tarball into a fresh strict TypeScript
// project → compile it with tsc → run a decode. Needs the registry (or npm's cache) for
// the package's one dependency, @bufbuild/protobuf.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const PACKAGE = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");

const APP = `
import { CONTRACT_VERSION, ContractError, decode, encode, type Order } from "@vibe/contracts";
import { OrderSchema, toMessage } from "@vibe/contracts/proto";
import { create, toBinary } from "@bufbuild/protobuf";
import { decode as decodeLegacy, mapPartner, MappingConfig, PartnerSchema, Skipped } from "@vibe/contracts/legacy";

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
const price: number | undefined = back.tickets[0]?.price_nominal;
const partner = decodeLegacy("partner", toBinary(PartnerSchema, create(PartnerSchema, { id: " org-1 ", name: "Hall" })));
const organizer = mapPartner(partner, new MappingConfig());
console.log(JSON.stringify({
  json: new TextDecoder().decode(encode("order", back)),
  price,
  rule,
  version: CONTRACT_VERSION,
  typeName: toMessage("order", order).$typeName,
  schema: OrderSchema.typeName,
  legacy: organizer instanceof Skipped ? organizer.reason : new TextDecoder().decode(encode("organizer", organizer)),
}));
`;

test("the npm pack tarball installs into a strict TypeScript project, compiles, decodes and maps a legacy record", { timeout: 240_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), "vibe-contracts-pack-"));
  try {
    // `npm test` built dist/ first; --ignore-scripts keeps prepack from rebuilding it under running tests
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: PACKAGE, encoding: "utf8" }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    assert.ok(files.includes("dist/index.js") && files.includes("dist/index.d.ts") && files.includes("dist/proto.d.ts") &&
      files.includes("dist/legacy/index.js"));
    assert.ok(files.every((f) => f === "package.json" || f === "README.md" || f.startsWith("dist/")), files.join(" "));

    const app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"], types: [], outDir: "out", skipLibCheck: false,
      },
      include: ["app.ts"],
    }));
    writeFileSync(join(app, "app.ts"), APP);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(tmp, packed[0]!.filename)],
      { cwd: app, stdio: "pipe" });
    execFileSync(process.execPath, [TSC, "-p", "."], { cwd: app, stdio: "pipe" });
    const out = JSON.parse(execFileSync(process.execPath, ["out/app.js"], { cwd: app, encoding: "utf8" })) as Record<string, unknown>;
    assert.deepEqual(out, {
      json: '{"id":"o","number":"1","customer":{"email":"guest@example.com","phone":"+4915112345678"},' +
        '"tickets":[{"id":"t","event_id":"e","barcode":"b","category":"c","price_nominal":100,"currency":"RUB"}]}',
      price: 100,
      rule: "unknown_field x",
      version: "1.0",
      typeName: "vibe.integration.v1.Order",
      schema: "vibe.integration.v1.Order",
      legacy: '{"id":"org-1","name":"Hall"}',
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
