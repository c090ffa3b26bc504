"""Inputs for the cross-language tests: the shared vectors' documents and seeded mutations of them.

JSON is written by hand here (`dump`) so that a case can hold what a Python
or JavaScript object cannot: `1.0` next to `1`, `-0`, integers beyond 2^64,
repeated keys, integer-like keys in any order.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "examples" / "vectors"


@dataclass(frozen=True)
class Raw:
    """A JSON token written as is (`1.0`, `-0`, `1e2`)."""

    text: str


class Obj(list):  # type: ignore[type-arg]
    """A JSON object as (key, value) pairs: keys may repeat, order is kept."""


def from_plain(value: Any) -> Any:
    if isinstance(value, dict):
        return Obj((k, from_plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [from_plain(v) for v in value]
    return value


def dump(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Obj):
        return "{" + ",".join(f"{json.dumps(k, ensure_ascii=False)}:{dump(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def valid_documents() -> dict[str, list[Any]]:
    """message → the JSON documents of the shared vectors that decode (parsed, plain)."""
    docs: dict[str, list[Any]] = {}
    for path in sorted(VECTORS.glob("*.json")):
        vector = json.loads(path.read_text())
        docs[vector["message"]] = [c["json"] for c in vector["valid"] if "json" in c]
    return docs


# --- JSON mutations ---------------------------------------------------------------------------

_ODD_KEYS = ["extra", "5", "2", "10", "b b", "__proto__", "constructor", "toString", "é", ""]
_STRINGS = [
    "", "x", "😀", "😀" * 64, "😀" * 65, "a" * 64, "a" * 65, "a" * 128, "a" * 129, "😀" * 128, "😀" * 129,
    "\ufeffx", "a\nb", "a\u2028b", "\x7f", "O'Neil", 'say "hi"', "both ' and \"", "\\", "\u00a0", "\u200b",
    "\U0001f600x", "https://x.ru/a.png", "ftp://x", "+79161234567", "+0123", "1234567890", "123456789012",
    "1234567890123", "123456789012345", "١٢٣٤٥٦٧٨٩٠", "a@b.c", "a@b", "a @b.c", "a@b.c\n",
    "USD", "usd", "RUB",
    "active", "ACTIVE", "used", "other", "unknown-category", "concert", "ru_ltd", "en_ltd", "\t",
]
_NUMBERS = [
    Raw("1.0"), Raw("-0"), Raw("-0.0"), Raw("1e2"), Raw("1E2"), Raw("0.5e1"), Raw("100.0"), 0, -1, 1, 3, 1.5,
    -12, 14, -12.25, 14.25, 3.25, 3.3, 0.25, -0.25, 90, -90, 90.5, 180, -180.000001, 1e-7, 1.5e-6, 0.00001,
    2**53 - 1, 2**53, Raw("9007199254740993"), Raw("18446744073709551615"), Raw("18446744073709551616"),
    Raw("-9223372036854775809"), Raw("1e20"), Raw("12345678901234567890123"), 946684800000, 946684799999,
    4102444800000, 4102444799999, 1700000000000, Raw("1700000000000.0"), 1700000000, Raw("1.7e12"),
]
_JUNK = [None, True, False, [], {}, Obj([("id", "x")]), ["x"], [1]]


def _junk(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(_STRINGS)
    if pick < 0.8:
        return rng.choice(_NUMBERS)
    return copy.deepcopy(rng.choice(_JUNK))


def _containers(value: Any, out: list[Any]) -> list[Any]:
    if isinstance(value, (Obj, list)):
        out.append(value)
        for v in (value if isinstance(value, list) and not isinstance(value, Obj) else [v for _, v in value]):
            _containers(v, out)
    return out


def mutate(doc: Any, rng: random.Random, steps: int) -> Any:
    """`doc` (plain JSON) with a few random edits; returns the Obj/Raw tree."""
    tree = from_plain(doc)
    for _ in range(steps):
        target = rng.choice(_containers(tree, []))
        if isinstance(target, Obj):
            op = rng.random()
            if target and op < 0.2:
                del target[rng.randrange(len(target))]
            elif target and op < 0.35:
                i = rng.randrange(len(target))
                target[i] = (target[i][0], None)
            elif target and op < 0.75:
                i = rng.randrange(len(target))
                target[i] = (target[i][0], _junk(rng))
            elif target and op < 0.82:
                i = rng.randrange(len(target))
                target.append((target[i][0], _junk(rng)))  # a repeated key
            else:
                target.insert(rng.randrange(len(target) + 1), (rng.choice(_ODD_KEYS), _junk(rng)))
        elif target:
            op = rng.random()
            if op < 0.3:
                target.append(copy.deepcopy(rng.choice(target)))  # a duplicate item
            elif op < 0.5:
                target[rng.randrange(len(target))] = _junk(rng)
            elif op < 0.6:
                target.clear()
            else:
                target.insert(0, copy.deepcopy(rng.choice(target)))
    return tree


def json_mutations(seed: int, count: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    docs = valid_documents()
    names = sorted(docs)
    for _ in range(count):
        message = rng.choice(names)
        tree = mutate(rng.choice(docs[message]), rng, rng.randint(1, 4))
        yield message, dump(tree).encode()


# --- Protobuf mutations -----------------------------------------------------------------------


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(rng: random.Random) -> bytes:
    number = rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 14, 15, 16, 99, 536870911])
    wire = rng.choice([0, 0, 1, 2, 2, 2, 3, 5])
    tag = varint(number << 3 | wire)
    if wire == 0:
        return tag + varint(rng.choice([0, 1, 5, 22, 99, -1, 2**53, 2**63, 946684800000, 1700000000000]))
    if wire == 1:
        return tag + rng.randbytes(8)
    if wire == 5:
        return tag + rng.randbytes(4)
    if wire == 3:
        return tag + varint(number << 3 | 4)
    payload = rng.choice([b"", b"x", "😀".encode(), b"\xef\xbb\xbfx", b"\xff\xfe", b"\xed\xa0\x80", b"\x08\x01",
                          b"\x0a\x01a", "é".encode() * 70, b"a" * 129])
    return tag + varint(len(payload)) + payload


def proto_mutations(seed: int, originals: list[tuple[str, bytes]], count: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for _ in range(count):
        message, data = rng.choice(originals)
        data = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            op = rng.random()
            if op < 0.15 and data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            elif op < 0.25 and data:
                del data[rng.randrange(len(data)):]
            elif op < 0.7:
                data += _field(rng)
            elif op < 0.85:
                at = rng.randrange(len(data) + 1)
                data[at:at] = _field(rng)
            else:
                data += bytes(data[: rng.randrange(len(data) + 1)])
        yield message, bytes(data)
