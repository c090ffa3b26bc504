// The TypeScript snippets of the documentation, as modules a consumer project compiles and
// runs (consumers.test.ts): each becomes `export async function main()` around its code,
// its imports kept at the top, and the names it takes as given (a kafkajs message, producer
// and consumer, an order, bytes, headers) imported from a context module.
import { readdirSync, readFileSync } from "node:fs";

const ROOT = new URL("../../../", import.meta.url);
/** Where the snippets are: every Markdown file of the project that readers start from. */
const DOCUMENTS = ["README.md", "typescript/README.md", ...readdirSync(new URL("docs/", ROOT)).map((f) => `docs/${f}`)]
  .filter((path) => path.endsWith(".md"));

export interface Snippet {
  /** `README.md#2`: the file and the snippet's place among its TypeScript blocks. */
  readonly where: string;
  readonly code: string;
}

export function snippets(): Snippet[] {
  const found: Snippet[] = [];
  for (const path of DOCUMENTS) {
    let text: string;
    try {
      text = readFileSync(new URL(path, ROOT), "utf8");
    } catch {
      continue; // a document that does not exist (yet)
    }
    let n = 0;
    for (const match of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) found.push({ where: `${path}#${++n}`, code: match[1]! });
  }
  return found;
}

/** The snippet as a module: its imports, the context's names, its code inside `main`. */
export function asModule(snippet: Snippet): string {
  // an import runs from its `import` to the line that ends it with `;`, one line or several
  const imports: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of snippet.code.split("\n")) {
    if (line.startsWith("import ")) inImport = true;
    (inImport ? imports : body).push(line);
    if (inImport && line.trimEnd().endsWith(";")) inImport = false;
  }
  return [
    `// ${snippet.where}`,
    ...imports,
    `import { ${CONTEXT_NAMES.join(", ")} } from "./context.js";`,
    "",
    "export async function main(): Promise<void> {",
    ...body.map((line) => (line ? `  ${line}` : line)),
    "}",
    "",
  ].join("\n");
}

/** The runner: every snippet's `main`, in order; a snippet that throws fails the run. */
export function runner(count: number): string {
  const names = Array.from({ length: count }, (_, i) => `s${i}`);
  return [
    ...names.map((name, i) => `import { main as ${name} } from "./snippet${i}.js";`),
    "",
    `const mains = [${names.join(", ")}];`,
    "void (async () => {",
    "  for (const main of mains) await main();",
    "})().catch((error: unknown) => {",
    "  console.error(error);",
    "  process.exitCode = 1;",
    "});",
    "",
  ].join("\n");
}

const CONTEXT_NAMES = ["consumer", "data", "handle", "headers", "message", "order", "producer", "value"];

/** What the snippets take as given; `documents` holds the JSON of a valid order and ticket. */
export function context(documents: { order: string; ticket: string }): string {
  return `import type { Consumer, ConsumerRunConfig, IHeaders, KafkaMessage, Producer, ProducerRecord } from "kafkajs";
import { decode, type Order } from "@vibe/contracts";
import { toKafkaMessage } from "@vibe/contracts/kafka";

export const order: Order = decode("order", ${JSON.stringify(documents.order)});
const ticket = decode("ticket", ${JSON.stringify(documents.ticket)});

function received(sent: { key: Buffer; value: Buffer; headers: IHeaders }): KafkaMessage {
  return { ...sent, timestamp: "0", attributes: 0, offset: "0" };
}

const orderRecord = toKafkaMessage("order", order, { applicationId: "ticketland" });
/** A kafkajs message holding the order (JSON). */
export const message: KafkaMessage = received(orderRecord);
/** The order's JSON bytes and its record's headers. */
export const data: Uint8Array = orderRecord.value;
export const value: Buffer = orderRecord.value;
export const headers: IHeaders = orderRecord.headers;

/** Records the consumer hands over: the order, a ticket in Protobuf, one that breaks the contract. */
const RECORDS: [string, KafkaMessage][] = [
  ["orders", message],
  ["tickets", received(toKafkaMessage("ticket", ticket, { applicationId: "ticketland", contentType: "application/x-protobuf" }))],
  ["orders", received({ ...orderRecord, value: Buffer.from('{"id": ""}') })],
];

export const sent: ProducerRecord[] = [];
export const producer = {
  send: async (record: ProducerRecord) => {
    sent.push(record);
    return [];
  },
} as unknown as Producer;

/** Whatever the reader does with a message. */
export async function handle(received: Order): Promise<void> {
  if (received.id === "") throw new Error("a message without id");
}

export const consumer = {
  subscribe: async () => {},
  run: async (config?: ConsumerRunConfig) => {
    for (const [topic, message] of RECORDS) {
      await config?.eachMessage?.({ topic, partition: 0, message, heartbeat: async () => {}, pause: () => () => {} });
    }
  },
} as unknown as Consumer;
`;
}
