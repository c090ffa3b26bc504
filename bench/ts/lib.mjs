// What the TypeScript benchmarks load: the built package (typescript/dist, `npm run build`),
// protobuf-es and kafkajs from the package's own node_modules (one copy of each), ajv from
// bench/ts/node_modules (bench-only, `npm ci` here). VIBE_BENCH_PACKAGE=DIR measures another
// copy of the package (DIR/dist, DIR/node_modules, DIR/package.json), e.g. a build to compare.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const PKG = process.env.VIBE_BENCH_PACKAGE
  ? pathToFileURL(`${process.env.VIBE_BENCH_PACKAGE.replace(/\/$/, "")}/`)
  : new URL("../../typescript/", import.meta.url);
const DIST = new URL("dist/", PKG);
if (!existsSync(new URL("index.js", DIST))) {
  throw new Error(`${new URL("dist/", PKG).pathname} is missing: run \`cd typescript && npm run build\` first`);
}

export const lib = await import(new URL("index.js", DIST).href);
export const proto = await import(new URL("proto.js", DIST).href);
export const protobuf = await import(new URL("node_modules/@bufbuild/protobuf/dist/esm/index.js", PKG).href);
export const packageVersion = createRequire(new URL("package.json", PKG))("./package.json").version;

/**
 * The Kafka part of the package (`decodeRecord`, `toKafkaMessage`, `fromKafkaMessage`): from the
 * package index, or from `kafka.js` while the index does not re-export it; `{}` if absent.
 */
export const { kafka, recordApi } = await (async () => {
  if (typeof lib.decodeRecord === "function") return { kafka: lib, recordApi: "index.js" };
  if (existsSync(new URL("kafka.js", DIST))) {
    const module = await import(new URL("kafka.js", DIST).href);
    if (typeof module.decodeRecord === "function") return { kafka: module, recordApi: "kafka.js" };
  }
  return { kafka: {}, recordApi: "missing" };
})();
export const { decodeRecord } = kafka;

/** ajv for draft 2020-12, bench-only. */
export async function loadAjv() {
  const require = createRequire(import.meta.url);
  const Ajv2020 = require("ajv/dist/2020").default;
  return new Ajv2020({ allErrors: false, strict: false });
}

/** kafkajs from typescript/node_modules, or undefined when the package has not got it. */
export function loadKafkajs() {
  try {
    return createRequire(new URL("package.json", PKG))("kafkajs");
  } catch {
    return undefined;
  }
}
