"""Fixed-shape patterns tested without `re` (codegen/shape.py) give the regex's verdict on every string.

Differential: the generated condition against `re` running the translated
pattern (`codegen.regex.to_python`), on strings built to sit at every edge of
the shapes (lengths, the prefix, a leading zero, non-ASCII digits, a final
newline) and on random ones.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codegen.regex import to_python
from codegen.shape import fixed_shape

E164, INN, OGRN = r"^\+[1-9][0-9]{6,14}$", r"^([0-9]{10}|[0-9]{12})$", r"^([0-9]{13}|[0-9]{15})$"
SHAPED = [E164, INN, OGRN, r"^ID-[0-9]{3,5}$", r"^(?:[1-9][0-9]{2}|[1-9][0-9]{4})$", r"^7\d{10}$", r"^\$[0-9]{2}$"]
# digits of other scripts (isdigit() is true for them: isascii() must refuse), look-alikes, line ends
ALPHABET = ["0", "1", "5", "9", "+", "-", "I", "D", "7", "٣", "²", "１", "߀", "\n", " ", "a", "\u0000", "😀"]


def broken(pattern: str):  # noqa: ANN201 - a compiled condition
    shape = fixed_shape(pattern)
    assert shape is not None, pattern
    return eval(f"lambda x: {shape.broken('x')}")  # noqa: S307 - the generator's own output


def edge_strings(pattern: str) -> list[str]:
    shape = fixed_shape(pattern)
    assert shape is not None
    out = [""]
    for n in range(max(0, shape.lengths[0] - 2), shape.lengths[-1] + 3):
        digits = "".join(str((i * 7 + 3) % 10) for i in range(n))
        for head in ("", shape.prefix, shape.prefix[:-1], "+", "ID-"):
            s = (head + digits)[:n] if n >= len(head) else head
            out += [s, s + "\n", s[:-1] + "٣" if s else s, s.replace(s[len(head):len(head) + 1], "0", 1)]
            out += ["0" + s[1:] if s else s, head + "0" + digits[1:]]
    return out


@pytest.mark.parametrize("pattern", SHAPED)
def test_the_condition_agrees_with_the_regex_at_the_edges(pattern: str) -> None:
    regex, condition = re.compile(to_python(pattern)).search, broken(pattern)
    strings = edge_strings(pattern)
    matched = [s for s in strings if regex(s)]
    assert matched and len(matched) < len(strings)  # both verdicts are exercised
    for s in strings:
        assert condition(s) == (regex(s) is None), repr(s)


@pytest.mark.parametrize("pattern", SHAPED)
def test_the_condition_agrees_with_the_regex_on_random_strings(pattern: str) -> None:
    regex, condition = re.compile(to_python(pattern)).search, broken(pattern)
    rng = random.Random(pattern)
    for _ in range(20000):
        s = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 18)))
        assert condition(s) == (regex(s) is None), repr(s)


@pytest.mark.parametrize("pattern", SHAPED)
@given(data=st.data())
def test_the_condition_accepts_what_the_regex_generates(pattern: str, data: st.DataObject) -> None:
    python = to_python(pattern)
    s = data.draw(st.from_regex(python, fullmatch=False))
    assert broken(pattern)(s) == (re.search(python, s) is None)


@pytest.mark.parametrize("pattern", [
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r"^https?://", r"^[0-9]{3}", r"[0-9]{3}$", r"^a|[0-9]{2}$",
    r"^[0-9]{2}|[0-9]{3}$", r"^([0-9]{2}|\+[0-9]{3})$", r"^[0-9]+$", r"^.[0-9]{2}$",
])
def test_other_patterns_keep_the_regex(pattern: str) -> None:
    assert fixed_shape(pattern) is None


def test_the_contract_patterns_that_have_a_shape() -> None:
    assert fixed_shape(E164).lengths == tuple(range(8, 17))  # type: ignore[union-attr]
    assert fixed_shape(INN).lengths == (10, 12)  # type: ignore[union-attr]
    assert fixed_shape(OGRN).lengths == (13, 15)  # type: ignore[union-attr]
