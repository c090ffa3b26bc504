// The TypeScript snippets of the legacy docs compile under strict settings against the built
// package (imported by its name, `@vibe/contracts/…`), and the README's one runs as it says.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { decode } from "../src/index.js";

const PACKAGE = fileURLToPath(new URL("../../", import.meta.url));
const ROOT = join(PACKAGE, "..");
const TSC = join(PACKAGE, "node_modules", "typescript", "bin", "tsc");

/** The ```ts blocks of `file` under the heading `section`. */
function snippets(file: string, section: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const start = text.indexOf(`\n${section}\n`);
  assert.ok(start >= 0, `${file} has no ${section}`);
  const end = text.indexOf("\n## ", start + section.length + 2);
  return [...text.slice(start, end < 0 ? undefined : end).matchAll(/^```ts\n(.*?)^```/gms)].map((m) => m[1]!);
}

// What the kafkajs snippet leaves to the reader's program: the consumer, and what it does with an Order.
const KAFKAJS_PRELUDE = `import type { Consumer } from "kafkajs";
import type { Order } from "@vibe/contracts";
declare const consumer: Consumer;
declare function handle(order: Order): Promise<void>;
`;

test("the legacy TypeScript snippets compile, and the README's maps its Order", { timeout: 120_000 }, () => {
  const [readme] = snippets("README.md", "## Legacy streams");
  const [kafkajs] = snippets("docs/legacy.md", "## From TypeScript");
  assert.ok(readme?.includes("@vibe/contracts/legacy") && kafkajs?.includes("consumer.run"));
  // inside the package, so that `@vibe/contracts` resolves to the package itself (dist/, as installed)
  const dir = join(PACKAGE, "build", "snippets");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "readme.ts"), readme);
  writeFileSync(join(dir, "kafkajs.ts"), KAFKAJS_PRELUDE + kafkajs);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", types: ["node"], rootDir: ".", outDir: "out" },
    include: ["readme.ts", "kafkajs.ts"],
  }));
  execFileSync(process.execPath, [TSC, "-p", dir], { cwd: dir, stdio: "pipe" });
  const out = execFileSync(process.execPath, [join(dir, "out", "readme.js")], { encoding: "utf8" }).trim().split("\n");
  assert.equal(out[0], "+79161234567");
  const mapped = decode("order", out[1]!, { strict: true });
  assert.deepEqual([mapped.id, mapped.number, mapped.tickets[0]?.category, mapped.tickets[0]?.currency], ["ord-1", "100500", "Stalls", "RUB"]);
});
