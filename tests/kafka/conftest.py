"""One local Kafka-compatible broker for the whole test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from examples.local_broker import running_broker


@pytest.fixture(scope="session")
def bootstrap() -> Iterator[str]:
    """`127.0.0.1:PORT` of a tansu broker started for this session (in memory)."""
    with running_broker() as address:
        yield address
