"""Python and TypeScript on the same bytes: same messages out, same verdicts, paths, rules and messages.

Each test sends a batch of cases to `typescript/test/cross.mjs`, which decodes
them with the built npm package (`typescript/dist`) and re-encodes the result
in both formats; Python does the same here, and the outcomes must be equal:
identical canonical JSON and Protobuf bytes, or identical violation lists,
messages included (also for `syntax`: both languages write their own).

Needs `cd typescript && npm ci && npm run build` (`npm test` builds too).
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import subprocess
from typing import Any

import pytest

from vibe_contracts import ContractError, decode, encode

from tests.cross._cases import (
    ROOT,
    VECTORS,
    Raw,
    dump,
    from_plain,
    json_mutations,
    proto_mutations,
    valid_documents,
    varint,
)

TS = ROOT / "typescript"
DRIVER = TS / "test" / "cross.mjs"
MODES = (False, True)

Case = tuple[str, str, bool, bytes]  # message, format, strict, data


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if not found:
        pytest.fail("node (20+) is needed for the cross-language tests")
    if not (TS / "dist" / "index.js").is_file():
        pytest.fail("typescript/dist is missing: run `cd typescript && npm ci && npm run build`")
    return found


def typescript(node: str, cases: list[Case]) -> list[dict[str, Any]]:
    payload = {"cases": [
        {"message": m, "format": f, "strict": s, "data": base64.b64encode(d).decode()} for m, f, s, d in cases
    ]}
    done = subprocess.run([node, str(DRIVER)], input=json.dumps(payload), capture_output=True, text=True,
                          check=True, cwd=TS)
    results = json.loads(done.stdout)["results"]
    for r in results:
        if r.get("ok"):
            r["json"], r["protobuf"] = base64.b64decode(r["json"]), base64.b64decode(r["protobuf"])
    return results


def python(message: str, fmt: str, strict: bool, data: bytes) -> dict[str, Any]:
    try:
        model = decode(message, data, format=fmt, strict=strict)  # type: ignore[arg-type]
    except ContractError as exc:
        return {"ok": False, "errors": [{"path": v.path, "rule": v.rule, "message": v.message} for v in exc.errors]}
    except Exception as exc:  # noqa: BLE001 - a crash is an outcome to compare, not a test error
        return {"crash": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "json": encode(model), "protobuf": encode(model, format="protobuf")}


def assert_agree(node: str, cases: list[Case]) -> None:
    ts = typescript(node, cases)
    differ = []
    for (message, fmt, strict, data), got in zip(cases, ts, strict=True):
        want = python(message, fmt, strict, data)
        if got != want:
            differ.append(f"{message} {fmt} strict={strict} {data!r}\n  python:     {want}\n  typescript: {got}")
    assert not differ, f"{len(differ)} of {len(cases)} cases differ:\n" + "\n".join(differ[:10])


# --- Python writes, TypeScript reads and writes back, Python reads ------------------------------


def written_by_python() -> list[tuple[str, Any]]:
    return [(message, decode(message, json.dumps(doc).encode())) for message, docs in valid_documents().items()
            for doc in docs]


def test_every_message_written_by_python_is_read_and_rewritten_identically(node: str) -> None:
    models = written_by_python()
    assert {m for m, _ in models} == {"organizer", "event", "order", "refund", "ticket"}
    cases = [(m, fmt, strict, encode(model, format=fmt))  # type: ignore[arg-type]
             for m, model in models for fmt in ("json", "protobuf") for strict in MODES]
    for (message, fmt, strict, data), got in zip(cases, typescript(node, cases), strict=True):
        model = decode(message, data, format=fmt, strict=strict)  # type: ignore[arg-type]
        assert got.get("ok"), (message, fmt, got)
        assert got["json"] == encode(model), (message, fmt)
        assert got["protobuf"] == encode(model, format="protobuf"), (message, fmt)
        # and Python reads what TypeScript wrote as the same message
        assert decode(message, got["json"], strict=True) == model
        assert decode(message, got["protobuf"], format="protobuf", strict=True) == model


# --- the shared vectors, with messages --------------------------------------------------------


def vector_inputs() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(VECTORS.glob("*.json")):
        vector = json.loads(path.read_text())
        for case in vector["valid"] + vector["invalid"]:
            if "json" in case:
                given, fmt = json.dumps(case["json"], ensure_ascii=False).encode(), "json"
            elif "json_text" in case:
                given, fmt = case["json_text"].encode(), "json"
            elif "protobuf_hex" in case:
                given, fmt = bytes.fromhex(case["protobuf_hex"]), "protobuf"
            else:
                continue  # protobuf's JSON mapping: the TypeScript vector test builds those bytes itself
            cases += [(vector["message"], fmt, strict, given) for strict in MODES]
    return cases


def test_vectors_give_the_same_errors_with_the_same_messages(node: str) -> None:
    assert_agree(node, vector_inputs())


# --- seeded mutations: anything goes, both must agree -----------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_json_documents_agree(node: str, seed: int) -> None:
    cases = [(m, "json", strict, data) for m, data in json_mutations(seed, 700) for strict in MODES]
    assert_agree(node, cases)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mutated_protobuf_messages_agree(node: str, seed: int) -> None:
    originals = [(m, encode(model, format="protobuf")) for m, model in written_by_python()]
    cases = [(m, "protobuf", strict, data) for m, data in proto_mutations(seed, originals, 700) for strict in MODES]
    assert_agree(node, cases)


# Characters and bytes that break JSON text where they land: structure, escapes, numbers,
# literals, a BOM, control characters, non-ASCII text and invalid UTF-8.
BREAKERS = [b"{", b"}", b"[", b"]", b",", b":", b'"', b"\\", b"\\u12", b"\\x", b"0", b"-", b".", b"e", b"+",
            b"tru", b"nul", b"NaN", b"1e400", b"\n", b"\t", b"\x00", b"\x1f", b" ", "\ufeff".encode(), "ё".encode(),
            "😀".encode(), b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf0\x9f\x98", b"\xe0\x80\x80", b"\xf4\x90\x80\x80"]


def broken_texts(seed: int, count: int) -> list[tuple[str, bytes]]:
    """Valid documents with bytes deleted, inserted or replaced: mostly not JSON any more."""
    rng = random.Random(seed)
    docs = [(m, json.dumps(d, ensure_ascii=False, indent=rng.choice([None, 1])).encode())
            for m, ds in valid_documents().items() for d in ds]
    out = []
    for _ in range(count):
        message, data = rng.choice(docs)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data) + 1)
            cut = rng.choice([0, 0, 1, rng.randint(1, 20), len(data)])
            data = data[:at] + rng.choice([b"", *BREAKERS]) + data[at + cut:]
        out.append((message, data))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_broken_json_texts_give_the_same_syntax_messages(node: str, seed: int) -> None:
    broken = broken_texts(seed, 600)
    cases = [(m, "json", strict, data) for m, data in broken for strict in MODES]
    assert sum(python(m, f, s, d).get("errors", [{}])[0].get("rule") == "syntax" for m, f, s, d in cases) > 300
    assert_agree(node, cases)


def test_syntax_messages_never_quote_the_input(node: str) -> None:
    secret = "anna.petrova@example.ru"
    inputs = [f'{{"customer":{{"email":{secret}}}}}', f'{{"customer":{{"email":"{secret}"}}', f'["{secret}" "x"]',
              f'{{"id":"{secret}",\n "n": {secret}}}', f'{{"{secret}"}}']
    cases = [("order", "json", False, text.encode()) for text in inputs]
    for got in typescript(node, cases):
        assert got["errors"][0]["rule"] == "syntax" and "anna" not in got["errors"][0]["message"], got
    assert_agree(node, cases)


def test_edge_inputs_agree(node: str) -> None:
    organizer = b'{"id":"o","name":"n"'
    inputs = [
        b"", b"null", b"[]", b'"x"', b"1", b"{}", b"\xef\xbb\xbf{}", b"{" + b'"a":' * 3,
        organizer + b',"legals":{"type":"bad","inn":"1"}}',
        organizer + b',"9":1,"1":2,"x y":3,"0":4}',
        organizer + b',"id":"again"}',
        organizer + b',"name":{"a":1.0},"name":"n2"}',
        organizer + b',"z":"\\ud83d\\ude00"}',
        organizer + b',"z":"\\ud800"}',
        organizer + b',"z":1e308}',
        b'{"id":1.0,"name":-0}', b'{"id":1e2,"name":18446744073709551616}',
        b'{"id":"\xf0\x9f\x98\x80","name":"' + "😀".encode() * 1024 + b'"}',
        b'{"id":"\xf0\x9f\x98\x80","name":"' + "😀".encode() * 1025 + b'"}',
    ]
    cases = [("organizer", "json", strict, data) for data in inputs for strict in MODES]
    event = from_plain(json.loads((VECTORS / "event.json").read_text())["valid"][1]["json"])
    for lat in ["0.1", "-0", "-0.0", "1e-7", "1.5e-6", "0.00001", "89.99999999999999", "45", "1e2", "90.0000001"]:
        venue = dict(event)["venue"]
        patched = [(k, v) for k, v in venue if k != "lat"] + [("lat", Raw(lat))]
        doc = type(event)([(k, v) if k != "venue" else (k, type(venue)(patched)) for k, v in event])
        cases += [("event", "json", strict, dump(doc).encode()) for strict in MODES]
    assert_agree(node, cases)


def test_protobuf_edge_inputs_agree(node: str) -> None:
    """Wire-format corners where protobuf-es's own reader and upb differ; TypeScript reads as upb does."""
    ok = b"\x0a\x01a\x12\x01b"

    def overlong_one(k: int) -> bytes:  # 1 written as a k-byte varint
        return b"\x81" + b"\x80" * (k - 2) + b"\x00" if k > 1 else b"\x01"

    inputs = [
        ok + b"\x28" + b"\xff" * 10 + b"\x01", ok + b"\x28" + b"\xff" * 9 + b"\x7f", ok + b"\x00\x01",
        ok + b"\xf8\xff\xff\xff\x0f\x01", ok + b"\xf8\xff\xff\xff\x1f\x01", ok + b"\x2e", ok + b"\x2f",
        ok + b"\x2c", ok + b"\x2b", ok + b"\x2b\x34",
        ok + b"\x1a\x80\x80\x80\x80\x10", ok + b"\x0a\x80\x80\x80\x80\x10",
        ok + b"\x08\x05", ok + b"\x08\x01\x7a", ok + b"\x0b\x0c", ok + b"\x19" + b"\x00" * 8, ok + b"\x1d\x00\x00\x00",
        ok + b"\x0a\x04\xef\xbb\xbfz", ok + b"\x0a\x02\xff\xfe", ok + b"\x1a\x02\x10\x01\x1a\x02\x10\x02",
        ok + b"\x1a\x02\x10\x07\x1a\x02\x08\x01", ok + b"\x1a\x03\x10\x00",
    ]
    inputs += [ok + b"\x2b" * d + b"\x2c" * d for d in (99, 100, 101)]
    inputs += [ok + b"\x1a" + varint(2 * d) + b"\x2b" * d + b"\x2c" * d for d in (98, 99, 100)]
    for k in (1, 5, 6, 10):
        inputs += [ok + b"\x0a" + overlong_one(k) + b"x", ok + b"\x2a" + overlong_one(k) + b"x",
                   ok + b"\x28" + overlong_one(k)]
    assert_agree(node, [("organizer", "protobuf", strict, data) for data in inputs for strict in MODES])


# --- where Python's fast path and its validator disagree (reported; TypeScript follows the validator)


def test_numbers_beyond_the_double_range(node: str) -> None:
    """1e400 is a number (inf): ignored in an unknown key when tolerant, refused by the rules elsewhere."""
    cases = [
        ("organizer", "json", strict, data)
        for strict in (False, True)
        for data in (b'{"id":"o","name":"n","z":1e400}', b'{"id":"","name":"n","z":[-1e400]}',
                     b'{"id":"o","legals":{"name":"x"},"name":1e400}')
    ] + [("event", "json", False, b'{"id":"e","name":"n","status":"active","category":"test","finish_at":1e400,'
                                   b'"offset":1e999,"organizer":{"id":"o","name":"n"}}')]
    assert_agree(node, cases)


def test_invalid_utf8(node: str) -> None:
    assert_agree(node, [("organizer", "json", False, b'{"id":"\xff","name":"n"}')])


def _nested(depth: int) -> bytes:
    return b'{"id":"o","name":"n","z":' + b"[" * depth + b"]" * depth + b"}"


def test_nesting_limit_agrees(node: str) -> None:
    # orjson refuses documents nested deeper than 1024 levels; TypeScript follows
    cases = [("organizer", "json", strict, _nested(depth)) for depth in (1023, 1024, 3000) for strict in MODES]
    assert_agree(node, cases)
