// The shared legacy vectors (examples/legacy/, see its README) through the TypeScript mapping:
// each case gives the v1 messages (as canonical bytes), the skip or the refusals it states.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { decode, encode } from "../src/index.js";
import { FUNCTIONS, run } from "./legacy_run.js";

const FOLDER = new URL("../../../examples/legacy/", import.meta.url);

interface Vector {
  records: Record<string, { message: string; base64: string }>;
  cases: {
    name: string;
    function: string;
    record: string;
    joins?: Record<string, string>;
    config?: unknown;
    expect: { v1: unknown[] } | { skipped: string } | { refused: { path: string; rule: string }[] };
  }[];
}

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, "base64"));
const TEXT = new TextDecoder();
const FILES = readdirSync(FOLDER).filter((f) => f.endsWith(".json")).sort();
const CASES = FILES.flatMap((file) => {
  const vector = JSON.parse(readFileSync(new URL(file, FOLDER), "utf8")) as Vector;
  return vector.cases.map((c) => ({ file, c, records: vector.records }));
});

test("the legacy vectors are there: at least 50 cases, every function", () => {
  assert.ok(CASES.length >= 50, `${CASES.length} cases`);
  assert.deepEqual(new Set(CASES.map(({ c }) => c.function)), new Set(Object.keys(FUNCTIONS)));
});

for (const { file, c, records } of CASES) {
  test(`${file}: ${c.name}`, () => {
    const joins = Object.fromEntries(Object.entries(c.joins ?? {}).map(([k, name]) => [k, bytes(records[name]!.base64)]));
    assert.equal(records[c.record]!.message, FUNCTIONS[c.function]![1]);
    const got = run(c.function, bytes(records[c.record]!.base64), joins, c.config);
    const expect = c.expect;
    if ("v1" in expect) {
      const message = FUNCTIONS[c.function]![3];
      const wanted = expect.v1.map((doc) => TEXT.decode(encode(message, decode(message, JSON.stringify(doc), { strict: true }))));
      assert.deepEqual(got, { v1: wanted });
    } else if ("skipped" in expect) {
      assert.ok("skipped" in got, JSON.stringify(got));
      assert.equal(got.skipped, expect.skipped);
    } else {
      assert.ok("refused" in got, JSON.stringify(got));
      assert.deepEqual(got.refused.map(({ path, rule }) => ({ path, rule })), expect.refused);
    }
  });
}
