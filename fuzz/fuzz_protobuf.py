"""atheris target: `decode(message, bytes, format="protobuf")`.

Anything but a ContractError or a valid message is a crash. Run through
`run.py`, or alone: `python fuzz/fuzz_protobuf.py CORPUS -max_total_time=60`.
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports():
    from vibe_contracts import ContractError, decode

from common import check_valid, main, select


def test_one_input(data: bytes) -> None:
    message, strict, _, payload = select(data)
    try:
        model = decode(message, payload, format="protobuf", strict=strict)
    except ContractError:
        return
    check_valid(message, model)


if __name__ == "__main__":
    main(test_one_input)
