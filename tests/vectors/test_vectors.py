"""Every shared vector in examples/vectors gives its expected verdict, paths and rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from google.protobuf import json_format

from vibe_contracts import ContractError, decode
from vibe_contracts._gen.v1.rules import MESSAGES
from vibe_contracts._gen.vibe.options.v1 import options_pb2
from vibe_contracts.codec import message_type
from vibe_contracts.convert import proto_class

VECTORS = Path(__file__).parents[2] / "examples" / "vectors"
FILES = sorted(VECTORS.glob("*.json"))
MODES = ("tolerant", "strict")


def _cases(kind: str) -> list[Any]:
    return [
        pytest.param(doc["message"], case, id=f"{doc['message']}-{case['name']}")
        for doc in (json.loads(f.read_text()) for f in FILES)
        for case in doc[kind]
    ]


def _proto_json(message: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The JSON form in protobuf's JSON mapping: enum JSON strings → value names, from the descriptors."""
    descriptor = proto_class(MESSAGES[message]).DESCRIPTOR
    out = {}
    for name, value in doc.items():
        field = descriptor.fields_by_name[name]
        if field.enum_type is not None:
            names = {v.GetOptions().Extensions[options_pb2.value].json: v.name for v in field.enum_type.values}
            value = [names[v] for v in value] if isinstance(value, list) else names[value]
        elif field.message_type is not None:
            inner = field.message_type.name
            value = [_proto_json(inner, v) for v in value] if isinstance(value, list) else _proto_json(inner, value)
        out[name] = value
    return out


def _proto_bytes(message: str, proto_json: dict[str, Any]) -> bytes:
    name = message_type(message).__name__
    return json_format.ParseDict(proto_json, proto_class(MESSAGES[name])()).SerializeToString(deterministic=True)


def _input(message: str, case: dict[str, Any]) -> tuple[bytes, str]:
    if "json" in case:
        return json.dumps(case["json"], ensure_ascii=False).encode(), "json"
    if "json_text" in case:
        return case["json_text"].encode(), "json"
    if "protobuf" in case:
        return _proto_bytes(message, case["protobuf"]), "protobuf"
    return bytes.fromhex(case["protobuf_hex"]), "protobuf"


def _typed_json(data: Any) -> str:
    """Compare documents with 3 and 3.0 told apart and key order ignored."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def _errors(exc: ContractError) -> list[dict[str, str]]:
    return [{"path": v.path, "rule": v.rule} for v in exc.errors]


@pytest.mark.parametrize(("message", "case"), _cases("valid"))
def test_valid(message: str, case: dict[str, Any]) -> None:
    data, fmt = _input(message, case)
    expected = case.get("decoded", case.get("json"))
    decoded = decode(message, data, format=fmt)
    assert _typed_json(orjson.loads(decoded.to_json())) == _typed_json(expected)

    if "strict_errors" in case:
        with pytest.raises(ContractError) as info:
            decode(message, data, format=fmt, strict=True)
        assert _errors(info.value) == case["strict_errors"]
    else:
        assert decode(message, data, format=fmt, strict=True) == decoded

    reference = _proto_bytes(message, _proto_json(message_type(message).__name__, expected))
    assert decode(message, reference, format="protobuf") == decoded
    assert decoded.to_proto() == reference


@pytest.mark.parametrize(("message", "case"), _cases("invalid"))
def test_invalid(message: str, case: dict[str, Any]) -> None:
    data, fmt = _input(message, case)
    for mode in MODES:
        if mode in case["modes"]:
            with pytest.raises(ContractError) as info:
                decode(message, data, format=fmt, strict=mode == "strict")
            assert _errors(info.value) == case["errors"], mode
            assert (info.value.path, info.value.rule) == (case["errors"][0]["path"], case["errors"][0]["rule"])
        else:
            decode(message, data, format=fmt, strict=mode == "strict")


def test_every_message_has_vectors() -> None:
    assert sorted(f.stem for f in FILES) == sorted(n.lower() for n in ("Organizer", "Event", "Order", "Refund", "Ticket"))
