"""Python codec throughput: every message × format × operation, against baselines of the same run.

    python bench/python/bench_codec.py [--quick] [--payloads order-3,event] [--json-out FILE]

Operations (the tolerant reader decodes, the strict writer encodes):
  decode   `Model.from_json(bytes)` / `Model.from_proto(bytes)`
  encode   `model.to_json()` / `model.to_proto()` (strict validation, then bytes)
  convert  JSON → Protobuf: `from_json(...).to_proto()`; Protobuf → JSON: `from_proto(...).to_json()`
  record   `vibe_contracts.kafka.decode_record(value, headers, message=...)`
Each row has a bare baseline (`orjson`, upb `FromString` + reading every field,
`SerializeToString`) and the naive alternative (`json.loads` + `jsonschema`;
protobuf's own `json_format` for the Protobuf rows), timed in the same rounds;
the JSON decode and encode rows also the peers (`peers.py`: pydantic v2 and
msgspec alone, given the same rules).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import msgspec
import orjson
from google.protobuf import json_format
from google.protobuf.message import Message

import peers
from payloads import PAYLOADS, ROOT, Payload, load
from timing import Timing, measure, median, ratio
from vibe_contracts.convert import proto_class
from vibe_contracts._gen.v1.rules import MESSAGES
from vibe_contracts.kafka import decode_record

Fn = Callable[[], object]
HEADERS = {
    "json": [("content-type", b"application/json"), ("schema-version", b"1.0"), ("application-id", b"ticketland")],
    "protobuf": [("content-type", b"application/x-protobuf"), ("schema-version", b"1.0"),
                 ("application-id", b"ticketland")],
}
LABELS = {
    ("json", "decode"): "tolerant decode, full validation",
    ("json", "encode"): "strict validate + encode",
    ("json", "convert"): "JSON → Protobuf",
    ("json", "record"): "Kafka record decode (headers + value)",
    ("protobuf", "decode"): "tolerant decode, full validation",
    ("protobuf", "encode"): "strict validate + encode",
    ("protobuf", "convert"): "Protobuf → JSON",
    ("protobuf", "record"): "Kafka record decode (headers + value)",
}


def reader_of(cls: type[Message]) -> Callable[[Message], Any]:
    """A hand-written-style function that reads every field of a upb message (upb parses lazily)."""
    lines: list[str] = []
    done: set[str] = set()

    def emit(desc: Any) -> str:
        name = "read_" + desc.full_name.replace(".", "_")
        if name in done:
            return name
        done.add(name)
        parts = []
        for f in desc.fields:
            if f.message_type is not None:
                inner = emit(f.message_type)
                is_repeated = f.label == f.LABEL_REPEATED if hasattr(f, "label") else f.is_repeated
                parts.append(f"[{inner}(x) for x in m.{f.name}]" if is_repeated else f"{inner}(m.{f.name})")
            else:
                parts.append(f"m.{f.name}")
        lines.append(f"def {name}(m):\n    return ({', '.join(parts)},)\n")
        return name

    entry = emit(cls.DESCRIPTOR)
    scope: dict[str, Any] = {}
    exec("\n".join(lines), scope)  # noqa: S102 - code built from the descriptor above
    return scope[entry]


def validator(message: str, form: str) -> jsonschema.protocols.Validator:
    name = MESSAGES_BY_LOWER[message]
    path = ROOT / "contracts" / "jsonschema" / f"vibe.integration.v1.{name}.{form}.schema.json"
    return jsonschema.Draft202012Validator(json.loads(path.read_text()))


MESSAGES_BY_LOWER = {name.lower(): name for name in MESSAGES}


def peer_cases(p: Payload) -> dict[tuple[str, str], list[tuple[str, Fn]]]:
    """(format, op) → [(peer name, fn)]: what a user would pick instead, with the same rules (`peers.py`)."""
    data, plain = p.json, orjson.loads(p.json)
    reader, writer = peers.model("pydantic", p.message, False), peers.model("pydantic", p.message, True)
    loose, tight = peers.model("msgspec", p.message, False), peers.model("msgspec", p.message, True)
    decode = msgspec.json.Decoder(loose).decode
    convert, encode = msgspec.convert, msgspec.json.encode
    return {
        ("json", "decode"): [
            ("pydantic", lambda: reader.model_validate_json(data)),
            ("msgspec", lambda: decode(data)),
        ],
        ("json", "encode"): [
            ("pydantic", lambda: writer.model_validate(plain).model_dump_json(exclude_none=True)),
            ("msgspec", lambda: encode(convert(plain, tight))),
        ],
    }


def cases(p: Payload) -> dict[tuple[str, str], tuple[Fn, tuple[str, Fn], tuple[str, Fn]]]:
    """(format, op) → (the library, (baseline name, fn), (naive name, fn))."""
    cls, model, data, wire = p.model_class, p.model, p.json, p.protobuf
    pb = proto_class(MESSAGES[cls.__name__])
    read = reader_of(pb)
    plain = orjson.loads(data)
    upb = pb.FromString(wire)
    pb_dict = json_format.MessageToDict(upb, preserving_proto_field_name=True)
    pb_json = json.dumps(pb_dict, ensure_ascii=False)
    reader, writer = validator(p.message, "reader"), validator(p.message, "writer")
    hj, hp = HEADERS["json"], HEADERS["protobuf"]
    loads, dumps, from_string = orjson.loads, orjson.dumps, pb.FromString

    def naive_encode() -> bytes:
        writer.validate(plain)
        return json.dumps(plain, ensure_ascii=False).encode()

    def headers(h: list[tuple[str, bytes]]) -> dict[str, str]:
        return {k: v.decode() for k, v in h}

    return {
        ("json", "decode"): (
            lambda: cls.from_json(data),
            ("orjson.loads", lambda: loads(data)),
            ("json.loads + jsonschema", lambda: reader.validate(json.loads(data)))),
        ("json", "encode"): (
            lambda: model.to_json(),
            ("orjson.dumps(dict)", lambda: dumps(plain)),
            ("jsonschema + json.dumps", naive_encode)),
        ("json", "convert"): (
            lambda: cls.from_json(data).to_proto(),
            ("orjson.loads + SerializeToString", lambda: (loads(data), upb.SerializeToString())),
            ("json_format.Parse + SerializeToString", lambda: json_format.Parse(pb_json, pb()).SerializeToString())),
        ("json", "record"): (
            lambda: decode_record(data, hj, message=p.message),
            ("headers + orjson.loads", lambda: (headers(hj), loads(data))),
            ("headers + json.loads + jsonschema", lambda: (headers(hj), reader.validate(json.loads(data))))),
        ("protobuf", "decode"): (
            lambda: cls.from_proto(wire),
            ("FromString + read every field", lambda: read(from_string(wire))),
            ("FromString + json_format.MessageToDict",
             lambda: json_format.MessageToDict(from_string(wire), preserving_proto_field_name=True))),
        ("protobuf", "encode"): (
            lambda: model.to_proto(),
            ("SerializeToString", lambda: upb.SerializeToString()),
            ("json_format.ParseDict + SerializeToString",
             lambda: json_format.ParseDict(pb_dict, pb()).SerializeToString())),
        ("protobuf", "convert"): (
            lambda: cls.from_proto(wire).to_json(),
            ("FromString + read every field + orjson.dumps", lambda: (read(from_string(wire)), dumps(plain))),
            ("FromString + json_format.MessageToJson",
             lambda: json_format.MessageToJson(from_string(wire), preserving_proto_field_name=True, indent=None))),
        ("protobuf", "record"): (
            lambda: decode_record(wire, hp, message=p.message),
            ("headers + FromString + read every field", lambda: (headers(hp), read(from_string(wire)))),
            ("headers + FromString + MessageToDict",
             lambda: (headers(hp), json_format.MessageToDict(from_string(wire), preserving_proto_field_name=True)))),
    }


def run(payloads: list[Payload], timing: Timing, log: Callable[[str], None]) -> list[dict[str, Any]]:
    """Rows of every payload; the payloads of one message (the four Orders) are timed in the same rounds."""
    groups: dict[str, list[Payload]] = {}
    for p in payloads:
        groups.setdefault(p.message, []).append(p)
    rows = []
    for group in groups.values():
        tables = {p.id: cases(p) for p in group}
        rivals = {p.id: peer_cases(p) for p in group}
        fns: dict[str, Fn] = {}
        for pid, table in tables.items():
            for (fmt, op), (lib, (_, bfn), (_, nfn)) in table.items():
                fns[f"{pid}/{fmt}/{op}"] = lib
                fns[f"{pid}/{fmt}/{op}/base"] = bfn
                fns[f"{pid}/{fmt}/{op}/naive"] = nfn
                for name, pfn in rivals[pid].get((fmt, op), []):
                    fns[f"{pid}/{fmt}/{op}/peer/{name}"] = pfn
        for fn in fns.values():  # warm up, and fail early on a broken case
            fn()
        rounds = measure(fns, timing)
        for p in group:
            for (fmt, op), (_, (bname, _b), (nname, _n)) in tables[p.id].items():
                key = f"{p.id}/{fmt}/{op}"
                size = len(p.json if fmt == "json" else p.protobuf)
                rate = median(rounds[key])
                rows.append({
                    "lang": "python", "payload": p.id, "message": p.message, "tickets": p.tickets,
                    "format": fmt, "op": op, "input": "bytes", "label": LABELS[fmt, op], "size": size,
                    "rate": rate, "mbps": rate * size / 1e6,
                    "base": bname, "base_rate": median(rounds[key + "/base"]),
                    "ratio_base": ratio(rounds, key, key + "/base"),
                    "naive": nname, "naive_rate": median(rounds[key + "/naive"]),
                    "ratio_naive": ratio(rounds, key, key + "/naive"),
                    "peers": [{"name": name, "rate": median(rounds[f"{key}/peer/{name}"]),
                               "ratio": ratio(rounds, key, f"{key}/peer/{name}"), "skips": peers.SKIPPED[name]}
                              for name, _ in rivals[p.id].get((fmt, op), [])],
                    "rounds": rounds[key], "base_rounds": rounds[key + "/base"],
                })
        log(f"  python {', '.join(p.id for p in group)}: done")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke test, not a measurement")
    parser.add_argument("--payloads", default=",".join(PAYLOADS), help="comma-separated payload ids")
    parser.add_argument("--seconds", type=float, help="seconds per timed batch")
    parser.add_argument("--repeats", type=int, help="timed rounds (the median is reported)")
    parser.add_argument("--json-out", type=Path, help="write the rows here as JSON")
    args = parser.parse_args(argv)
    timing = Timing.quick() if args.quick else Timing()
    if args.seconds or args.repeats:
        timing = Timing(args.seconds or timing.seconds, args.repeats or timing.repeats, timing.calibrate)
    rows = run(load(args.payloads.split(",")), timing, lambda s: print(s, file=sys.stderr))
    result = {"lang": "python", "runtime": f"Python {sys.version.split()[0]}", "rows": rows}
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=1))
    print(f"{'payload':11} {'fmt':8} {'op':8} {'B':>7} {'msg/s':>10} {'MB/s':>7} {'× base':>7} {'× naive':>8}")
    for r in rows:
        print(f"{r['payload']:11} {r['format']:8} {r['op']:8} {r['size']:>7} {r['rate']:>10,.0f} {r['mbps']:>7.1f} "
              f"{r['ratio_base']:>7.2f} {r['ratio_naive']:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
