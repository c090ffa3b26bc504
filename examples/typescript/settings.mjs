// Settings of the TypeScript examples, from the environment — the same variables as the
// Python examples (examples/python/settings.py):
//
//   KAFKA_BOOTSTRAP_SERVERS   host:port[,host:port…]       default 127.0.0.1:9092
//   KAFKA_SECURITY_PROTOCOL   PLAINTEXT | SASL_SSL          default PLAINTEXT
//   KAFKA_SASL_MECHANISM      e.g. SCRAM-SHA-512            (SASL_SSL; default SCRAM-SHA-512)
//   KAFKA_SASL_USERNAME       (SASL_SSL, required)
//   KAFKA_SASL_PASSWORD       (SASL_SSL, required)
//   KAFKA_SSL_CAFILE          CA bundle for the brokers' certificates (SASL_SSL; default: Node's)
//   VIBE_APPLICATION_ID       the data source in the `application-id` header, default ticketland
//   VIBE_FORMAT               json | protobuf, default json (the producer's format)
//
// kafkajs is not a dependency of the package: it comes from typescript/node_modules
// (`cd typescript && npm ci` installs it as a devDependency), and the package itself from
// typescript/dist (`npm run build`, or `npm test`, writes it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { CONTENT_TYPE_JSON, CONTENT_TYPE_PROTOBUF } from "../../typescript/dist/kafka.js";

const require = createRequire(new URL("../../typescript/package.json", import.meta.url));
/** @type {typeof import("kafkajs")} */
export const kafkajs = require("kafkajs");

export const SECURITY_PROTOCOLS = ["PLAINTEXT", "SASL_SSL"];
export const FORMATS = { json: CONTENT_TYPE_JSON, protobuf: CONTENT_TYPE_PROTOBUF };
// kafkajs's names of the SASL mechanisms
const MECHANISMS = { PLAIN: "plain", "SCRAM-SHA-256": "scram-sha-256", "SCRAM-SHA-512": "scram-sha-512" };

/** kafkajs log lines at WARN and above, on stderr, without the payload-free extras kafkajs adds. */
function logCreator() {
  return ({ namespace, level, label, log }) => {
    const error = log.error ? ` (${log.error})` : "";
    process.stderr.write(`${new Date().toISOString()} ${label} kafkajs.${namespace} ${log.message}${error}\n`);
  };
}

/** The `new Kafka(...)` configuration: brokers, TLS and SASL from the environment. */
export function kafkaConfig(env = process.env, clientId = "vibe-contracts-example") {
  const protocol = (env.KAFKA_SECURITY_PROTOCOL ?? "PLAINTEXT").trim().toUpperCase() || "PLAINTEXT";
  if (!SECURITY_PROTOCOLS.includes(protocol)) {
    throw new Error(`KAFKA_SECURITY_PROTOCOL='${protocol}': expected one of ${SECURITY_PROTOCOLS.join(", ")}`);
  }
  const config = {
    clientId,
    brokers: (env.KAFKA_BOOTSTRAP_SERVERS || "127.0.0.1:9092").split(",").map((s) => s.trim()).filter(Boolean),
    logLevel: kafkajs.logLevel.WARN,
    logCreator,
  };
  if (protocol === "SASL_SSL") {
    const missing = ["KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"].filter((name) => !env[name]);
    if (missing.length) throw new Error(`SASL_SSL needs ${missing.join(" and ")}`);
    const named = (env.KAFKA_SASL_MECHANISM || "SCRAM-SHA-512").trim().toUpperCase();
    const mechanism = MECHANISMS[named];
    if (mechanism === undefined) {
      throw new Error(`KAFKA_SASL_MECHANISM='${named}': expected one of ${Object.keys(MECHANISMS).join(", ")}`);
    }
    config.sasl = { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD };
    config.ssl = env.KAFKA_SSL_CAFILE ? { ca: [readFileSync(env.KAFKA_SSL_CAFILE, "utf8")] } : true;
  }
  return config;
}

/** The `application-id` header the producer sets. */
export function applicationId(env = process.env) {
  return env.VIBE_APPLICATION_ID ?? "ticketland";
}

/** The producer's `content-type`, from VIBE_FORMAT. */
export function contentType(env = process.env) {
  const name = (env.VIBE_FORMAT ?? "json").trim().toLowerCase();
  if (!Object.hasOwn(FORMATS, name)) throw new Error(`VIBE_FORMAT='${name}': expected json or protobuf`);
  return FORMATS[name];
}

/** `--name value` options; `spec` maps each name to "int", "float" or "string". */
export function parseArgs(argv, spec, usage) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(usage);
      process.exit(0);
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const name = flag.replace(/^--/, "").replaceAll("-", "_");
    if (!flag.startsWith("--") || !Object.hasOwn(spec, name)) throw new Error(`unknown option ${arg}\n${usage}`);
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`${flag} needs a value`);
    const value = spec[name] === "string" ? raw : Number(raw);
    if (spec[name] !== "string" && (!Number.isFinite(value) || (spec[name] === "int" && !Number.isInteger(value)))) {
      throw new Error(`${flag} ${raw}: expected a number`);
    }
    options[name] = value;
  }
  return options;
}

/** One log line as the Python examples write them: time, level, logger, message (stderr). */
export function logger(name) {
  const write = (level) => (message) => process.stderr.write(`${new Date().toISOString()} ${level} ${name} ${message}\n`);
  return { info: write("INFO"), warning: write("WARNING"), error: write("ERROR") };
}
