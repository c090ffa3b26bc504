"""atheris target: `decode_record(value, headers, message=…)`.

The selector's spare bits pick the headers (good ones for JSON or Protobuf, or a
broken set); the rest is the value. Anything but a ContractError or a valid
message is a crash. Run through `run.py`, or alone: `python fuzz/fuzz_record.py CORPUS -max_total_time=60`.
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from vibe_contracts import ContractError
    from vibe_contracts.kafka import decode_record

from common import check_valid, main, select

HEADERS = [
    [("content-type", b"application/json"), ("schema-version", b"1.0"), ("application-id", b"ticketland")],
    [("content-type", b"application/x-protobuf"), ("schema-version", b"1.3"), ("application-id", b"t")],
    [("content-type", b"application/json; charset=utf-8"), ("schema-version", b"1.0"), ("application-id", b"a.b-c_d")],
    [("content-type", b"application/json"), ("schema-version", b"2.0"), ("application-id", b"ticketland")],
    [("content-type", b"\xff"), ("schema-version", b"1.0"), ("application-id", b"ticketland")],
    [("schema-version", b"1.0"), ("application-id", b"ticketland")],
    [("content-type", b"application/json"), ("content-type", b"application/json"), ("schema-version", b"1.0"),
     ("application-id", b"ticketland")],
    [("content-type", None), ("schema-version", None), ("application-id", None)],
]


def test_one_input(data: bytes) -> None:
    message, strict, spare, payload = select(data)
    headers = HEADERS[spare % len(HEADERS)]
    try:
        model = decode_record(payload, headers, message=message, strict=strict)
    except ContractError:
        return
    check_valid(message, model)


if __name__ == "__main__":
    main(test_one_input)
