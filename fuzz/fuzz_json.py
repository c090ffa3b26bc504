"""atheris target: `decode(message, bytes | str, format="json")`.

Anything but a ContractError or a valid message is a crash; so is a str input
whose verdict differs from the same text as bytes, and a fast-path success the
full path refuses. Run through `run.py`, or alone: `python fuzz/fuzz_json.py CORPUS -max_total_time=60`.
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from vibe_contracts import ContractError, decode
    from vibe_contracts._model import parse_json
    from vibe_contracts.codec import message_type

from common import check_valid, main, select


def outcome(message: str, data: bytes | str, strict: bool) -> object:
    try:
        model = decode(message, data, strict=strict)
    except ContractError:
        return None
    check_valid(message, model)
    return model


def test_one_input(data: bytes) -> None:
    message, strict, _, payload = select(data)
    model = outcome(message, payload, strict)
    try:
        full = message_type(message)._from_data(parse_json(payload), strict=strict)
    except ContractError:
        full = None
    if full != model:
        raise AssertionError(f"fast path {model!r} != full path {full!r}")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return
    if outcome(message, text, strict) != model:
        raise AssertionError("str and bytes of the same text disagree")


if __name__ == "__main__":
    main(test_one_input)
