// Validates the AsyncAPI document with the official parser and prints every diagnostic.
//
//   node validate.mjs [path/to/asyncapi.yaml] [--summary]
//
// Parses from the file path so that relative `$ref`s to the JSON Schemas resolve.
// Protobuf payloads are checked by the official Protobuf schema parser.
// Exit status 1 on any error or warning; information and hints are printed but pass.
// --summary also prints one JSON line: the channels, messages and operations as the parser read them.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile } from '@asyncapi/parser';
import { ProtoBuffSchemaParser } from '@asyncapi/protobuf-schema-parser';

const SEVERITY = ['error', 'warning', 'information', 'hint'];
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const summary = args.includes('--summary');
const file = resolve(args.find((a) => !a.startsWith('--')) ?? resolve(here, '../../contracts/asyncapi.yaml'));

const parser = new Parser();
parser.registerSchemaParser(ProtoBuffSchemaParser());
const { document, diagnostics } = await fromFile(parser, file).parse();

for (const d of diagnostics) {
  const where = d.path.length ? d.path.join('.') : '(document)';
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  console.log(`${SEVERITY[d.severity] ?? d.severity} ${d.code} at ${where}${line}: ${d.message}`);
}
const failing = diagnostics.filter((d) => d.severity <= 1).length;
console.log(`${file}: ${diagnostics.length} diagnostics, ${failing} errors or warnings`);

if (summary && document) {
  const channels = document.channels().all().map((channel) => ({
    id: channel.id(),
    address: channel.address(),
    messages: channel.messages().all().map((m) => ({
      id: m.id(),
      contentType: m.contentType(),
      required: m.payload()?.required() ?? [],
      examples: m.examples().all().map((e) => ({ name: e.name(), headers: e.headers(), payload: e.payload() })),
    })),
  }));
  const operations = document.operations().all().map((op) => ({
    id: op.id(),
    action: op.action(),
    channels: op.channels().all().map((c) => c.id()),
  }));
  console.log(JSON.stringify({ channels, operations }));
}
process.exit(failing || !document ? 1 : 0);
