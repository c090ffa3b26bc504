"""IR → the TypeScript entry points of each major, and of the package root (the newest major).

`v<N>/major.ts`   the major's tables and generated functions as one `Major` object, which
                  the hand-written runtime (`codec.ts`, `envelope.ts`, …) takes
`v<N>/index.ts`   `@vibe/contracts/v<N>`: the major's types and the functions bound to it
`v<N>/kafka.ts`   `@vibe/contracts/v<N>/kafka`: the record envelope of the major
`v<N>/proto.ts`   `@vibe/contracts/v<N>/proto`: its protobuf-es messages and conversion
`current/*.ts`    the newest major's three modules, which `@vibe/contracts`, `/kafka` and
                  `/proto` are (docs/spec.md §7: the package follows its newest contract)
`majors.ts`       the message types of every major, for what takes a message of any of them
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from .emit_typescript import GEN_DIR, _header, _jsdoc, _topic_key, major_dir
from .ir import Contracts
from .printer import Printer

MODULES = ("index", "kafka", "proto")


def emit(majors: Sequence[Contracts]) -> dict[str, str]:
    """Every major's entry modules, and `current/` pointing at the last (the newest) of `majors`."""
    files: dict[str, str] = {}
    for contracts in majors:
        folder = major_dir(contracts)
        files[f"{folder}/major.ts"] = _major(contracts)
        files[f"{folder}/index.ts"] = _index(contracts)
        files[f"{folder}/kafka.ts"] = _kafka(contracts)
        files[f"{folder}/proto.ts"] = _proto(contracts)
    newest = majors[-1]
    for module in MODULES:
        p = Printer("  ")
        _header(p, newest, f"the package's {module} module is the newest major's")
        p(f'export * from "../{_folder(newest)}/{module}.js";')
        files[f"{GEN_DIR}/current/{module}.ts"] = p.text()
    files[f"{GEN_DIR}/majors.ts"] = _majors(majors)
    return files


def _majors(majors: Sequence[Contracts]) -> str:
    p = Printer("  ")
    _header(p, majors[-1], "the message types of every major")
    for contracts in majors:
        p(f'import type {{ MessageTypes as V{contracts.major} }} from "./{_folder(contracts)}/types.js";')
    p("")
    _jsdoc(p, "The `MessageTypes` of each major in the package, as a union.")
    p(f"export type EveryMajor = {' | '.join(f'V{c.major}' for c in majors)};", "")
    _jsdoc(p, "Message `N` of whichever major has one: `AnyMajor<\"order\">` is the Order of every major.")
    p("export type AnyMajor<N extends string> =",
      "  EveryMajor extends infer M ? (M extends { [K in N]: infer T } ? T : never) : never;")
    return p.text()


def _folder(contracts: Contracts) -> str:
    return major_dir(contracts).rsplit("/", 1)[-1]


def _subpath(contracts: Contracts, module: str = "") -> str:
    return f"@vibe/contracts/{_folder(contracts)}" + (f"/{module}" if module else "")


def _major(contracts: Contracts) -> str:
    p = Printer("  ")
    _header(p, contracts, "the major as the runtime takes it")
    p('import type { Major } from "../../spec.js";',
      'import { ENUMS, MESSAGES, PACKAGE, TOPIC_MESSAGES } from "./tables.js";',
      'import { CONTRACT_VERSION, MESSAGE_NAMES, TOPICS, type MessageTypes } from "./types.js";',
      'import { DEPTHS, VALIDATORS } from "./validators.js";',
      'import { WIRE } from "./wire.js";',
      'import { READ } from "./wire_read.js";',
      'import { READERS } from "./readers.js";',
      'import { STRINGIFY_IS_CANONICAL, WRITERS } from "./writers.js";', "")
    _jsdoc(p, f"Contract {contracts.version} (`{contracts.package}`): its tables and generated functions.")
    with p.block("export const MAJOR: Major<MessageTypes> = {"):
        p("version: CONTRACT_VERSION,", "package: PACKAGE,", "names: MESSAGE_NAMES,", "topics: TOPICS,",
          "enums: ENUMS,", "messages: MESSAGES,", "topicMessages: TOPIC_MESSAGES,", "validators: VALIDATORS,",
          "depths: DEPTHS,", "readers: READERS,", "writers: WRITERS,", "stringifyIsCanonical: STRINGIFY_IS_CANONICAL,", "wire: WIRE,",
          "read: READ,")
    p("};")
    return p.text()


def _entry(contracts: Contracts, module: str, what: str) -> Printer:
    """A printer holding the banner and module doc of entry point `module` ("" for the major's index)."""
    p = Printer("  ")
    _header(p, contracts, f"the entry point {_subpath(contracts, module)}")
    root = "@vibe/contracts" + (f"/{module}" if module else "")
    text = (f"{what} of contract {contracts.major}.x (`{contracts.package}`) only: a record of another major is "
            f"refused (rule `schema_version`). `{root}` has the same names for the newest major in the package.")
    _jsdoc(p, textwrap.fill(text, 100), "@module")
    p("")
    return p


def _bound(p: Printer, api: str, kind: str, names: Sequence[str], types: str = "T.MessageTypes") -> None:
    for name in names:
        p(f"export const {name}: {kind}<{types}>[\"{name}\"] = {api}.{name};")


def _index(contracts: Contracts) -> str:
    p = _entry(contracts, "", "The messages, their types and validation")
    p('import { codecOf, type Codec } from "../../codec.js";',
      'import { parsedOf, type Parsed } from "../../parsed.js";',
      'import { redactOf, type DecodedOf, type Redaction } from "../../redact.js";',
      'import { MAJOR } from "./major.js";', 'import type * as T from "./types.js";', "",
      'export * from "../../common.js";', 'export * from "./types.js";', "",
      "const codec = codecOf(MAJOR);", "const parsed = parsedOf(MAJOR);", "const redaction = redactOf(MAJOR);", "")
    _bound(p, "codec", "Codec", ("decode", "encode"))
    _bound(p, "parsed", "Parsed", ("validate", "is"))
    for m in contracts.topics:
        p(f'/** `is("{_topic_key(m)}", value)`. */',
          f"export const is{m.name} = (value: unknown): value is T.{m.name} => is(\"{_topic_key(m)}\", value);")
    _bound(p, "redaction", "Redaction", ("redact", "describeRecord"))
    p("/** A decoded message together with its name (`\"order\"`, …), as `fromKafkaMessage` gives it. */",
      "export type Decoded = DecodedOf<T.MessageTypes>;")
    return p.text()


def _kafka(contracts: Contracts) -> str:
    p = _entry(contracts, "kafka", "The Kafka record envelope and the kafkajs adapters")
    p('import { envelopeOf, type DecodeRecordOptions as Options, type Envelope, type FromKafkaOptions as FromOptions,',
      '  type TopicMap as Topics } from "../../envelope.js";',
      'import { MAJOR } from "./major.js";', 'import type * as T from "./types.js";', "",
      'export * from "../../common_kafka.js";', 'export { describeRecord, type Decoded } from "./index.js";', "",
      "const envelope = envelopeOf(MAJOR);", "")
    _bound(p, "envelope", "Envelope",
           ("encodeRecord", "decodeRecord", "messageForTopic", "toKafkaMessage", "fromKafkaMessage"))
    p("/** A topic name → the name of the message it carries (`{ \"prod.orders.v1\": \"order\" }`). */",
      "export type TopicMap = Topics<T.MessageName>;",
      "/** What `decodeRecord` takes besides the record. */",
      "export type DecodeRecordOptions = Options<T.MessageName>;",
      "/** What `fromKafkaMessage` takes besides the payload. */",
      "export type FromKafkaOptions = FromOptions<T.MessageName>;")
    return p.text()


def _proto(contracts: Contracts) -> str:
    p = _entry(contracts, "proto", "The protobuf-es schemas and message types, and conversion to and from the JSON form")
    files = [f for f in contracts.files
             if any(m.file == f for m in contracts.messages) or any(e.file == f for e in contracts.enums)]
    p('import { protobufOf, type Protobuf } from "../../protobuf.js";', 'import { MAJOR } from "./major.js";',
      'import type * as T from "./types.js";')
    for m in contracts.topics:
        p(f"import type {{ {m.name} as {m.name}Message }} from \"../{m.file.removesuffix('.proto')}_pb.js\";")
    p("")
    for f in files:
        p(f"export * from \"../{f.removesuffix('.proto')}_pb.js\";")
    p("")
    _jsdoc(p, "The protobuf-es message type of each message name: `ProtoMessages[\"order\"]` is `Order` of `order_pb`.")
    with p.block("export interface ProtoMessages {"):
        for m in contracts.topics:
            p(f"{_topic_key(m)}: {m.name}Message;")
    p("}", "", "export type ProtoMessage<N extends T.MessageName> = ProtoMessages[N];", "",
      "const protobuf = protobufOf<T.MessageTypes, ProtoMessages>(MAJOR);", "")
    _bound(p, "protobuf", "Protobuf", ("toMessage", "fromMessage"), "T.MessageTypes, ProtoMessages")
    return p.text()
