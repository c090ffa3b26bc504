"""Random byte mutations of valid JSON and Protobuf encodings (Issue 7).

Whatever the bytes, a decode gives a ContractError or a message; a message is
valid: it encodes strictly and decodes back equal, in both forms. For JSON the
fast path (msgspec plus the quote count of `_model._plain`) never accepts what
the full path (limits, orjson, repeated-key scan, validator) refuses, and a
key repeated anywhere in a valid document is refused at its path.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.cross._cases import Obj, dump, from_plain, valid_documents
from vibe_contracts import ContractError, decode, encode
from vibe_contracts._model import parse_json
from vibe_contracts.codec import message_type
from vibe_contracts.kafka import decode_record

MUTATIONS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOCS = [(m, d) for m, docs in sorted(valid_documents().items()) for d in docs]
JSON_SEEDS = [(m, json.dumps(d, ensure_ascii=False).encode()) for m, d in DOCS] + [
    (m, encode(decode(m, json.dumps(d).encode()))) for m, d in DOCS
]
PROTO_SEEDS = [(m, encode(decode(m, json.dumps(d).encode()), format="protobuf")) for m, d in DOCS]
# bytes that matter to the parsers: JSON structure, escapes, UTF-8 lead and continuation bytes, varint tags
INTERESTING = b'"{}[]:,\\\x00\x7f\x80\xbf\xc0\xed\xef\xf8\xff0-1e.nt\x08\x0a\x0b\x0c\x12\x2b\x2c'


@st.composite
def mutated(draw: st.DrawFn, seeds: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    message, data = draw(st.sampled_from(seeds))
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.integers(0, 6))
        at = draw(st.integers(0, len(buf)))
        if op == 0 and buf and at < len(buf):  # flip a bit
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif op == 1 and at < len(buf):  # an interesting byte in place of one
            buf[at] = draw(st.sampled_from(INTERESTING))
        elif op == 2:  # insert bytes
            buf[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from([b'"', b"{", b"[", b"\\u", b"\xff"]))
        elif op == 3:  # delete a run
            del buf[at : at + draw(st.integers(1, 16))]
        elif op == 4:  # truncate
            del buf[at:]
        elif op == 5 and buf:  # duplicate a slice somewhere
            lo = draw(st.integers(0, len(buf) - 1))
            piece = bytes(buf[lo : lo + draw(st.integers(1, 64))])
            buf[at:at] = piece
        else:  # repeat a byte many times (deep nesting, long strings)
            buf[at:at] = bytes([draw(st.sampled_from(b"[{a0\\"))]) * draw(st.integers(1, 200))
    return message, bytes(buf)


def check_outcome(message: str, data: bytes, fmt: str, strict: bool) -> Any:
    """The decoded message, or None after a ContractError; anything else fails."""
    try:
        model = decode(message, data, format=fmt, strict=strict)  # type: ignore[arg-type]
    except ContractError as exc:
        assert exc.errors and all(v.rule and isinstance(v.path, str) for v in exc.errors)
        return None
    # a success is a valid message: it re-encodes strictly, and both forms read back equal
    assert decode(message, encode(model), strict=True) == model
    assert decode(message, encode(model, format="protobuf"), format="protobuf", strict=True) == model
    return model


@MUTATIONS
@given(case=mutated(JSON_SEEDS), strict=st.booleans())
@example(case=("organizer", b'{"id":"o","name":"n","id":"p"}'), strict=False)
@example(case=("organizer", b'{"id":"o","name":"n","z":' + b"[" * 80 + b"]" * 80 + b"}"), strict=False)
def test_mutated_json_gives_a_contract_error_or_a_valid_message(case: tuple[str, bytes], strict: bool) -> None:
    message, data = case
    model = check_outcome(message, data, "json", strict)
    # the fast path never accepts what the full path refuses, and gives the same message
    cls = message_type(message)
    try:
        full = cls._from_data(parse_json(data), strict=strict)
    except ContractError:
        full = None
    assert model == full


@MUTATIONS
@given(case=mutated(PROTO_SEEDS), strict=st.booleans())
def test_mutated_protobuf_gives_a_contract_error_or_a_valid_message(case: tuple[str, bytes], strict: bool) -> None:
    message, data = case
    check_outcome(message, data, "protobuf", strict)


@MUTATIONS
@given(case=mutated(JSON_SEEDS + PROTO_SEEDS), content_type=st.sampled_from(
    [b"application/json", b"application/x-protobuf", b"application/json; charset=utf-8", b"text/plain", b"\xff"]))
def test_mutated_records_give_a_contract_error_or_a_message(case: tuple[str, bytes], content_type: bytes) -> None:
    message, data = case
    headers = [("content-type", content_type), ("schema-version", b"1.0"), ("application-id", b"ticketland")]
    try:
        model = decode_record(data, headers, message=message)
    except ContractError:
        return
    assert decode(message, encode(model), strict=True) == model


def _objects(tree: Any, path: str, out: list[tuple[Obj, str]]) -> list[tuple[Obj, str]]:
    from vibe_contracts.validate import child_path

    if isinstance(tree, Obj):
        out.append((tree, path))
        for k, v in tree:
            _objects(v, child_path(path, k), out)
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            _objects(v, f"{path}[{i}]", out)
    return out


@MUTATIONS
@given(data=st.data(), strict=st.booleans())
def test_a_repeated_key_anywhere_is_refused_at_its_path(data: st.DataObject, strict: bool) -> None:
    from vibe_contracts.validate import child_path

    message, doc = data.draw(st.sampled_from(DOCS))
    tree = from_plain(doc)
    objects = [(o, p) for o, p in _objects(tree, "", []) if o]
    target, path = data.draw(st.sampled_from(objects))
    i = data.draw(st.integers(0, len(target) - 1))
    key, value = target[i]
    # the repeat: the same value (the fast path sees a valid message), or null, or junk
    again = data.draw(st.sampled_from([value, None, 0, "x", [], {}]))
    target.insert(data.draw(st.integers(i + 1, len(target))), (key, again))
    text = dump(tree).encode()
    with pytest.raises(ContractError) as info:
        decode(message, text, strict=strict)
    assert [(v.path, v.rule) for v in info.value.errors] == [(child_path(path, key), "duplicate_key")]
