"""Every Python snippet of the README runs, and is clean under `mypy --strict`.

Each snippet is checked on its own, after a prelude that gives it what the
README leaves to the reader's program: `data` (the JSON of an order),
`payload` (the same, parsed), `order`, a logger, and an aiokafka producer and
consumer stand-in (the consumer yields what the producer sent). A snippet with
`await` runs inside an `async def`, as it would in a service.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SNIPPETS = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(), flags=re.S | re.M)

PRELUDE = '''\
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, NamedTuple

from vibe_contracts import Order
from vibe_contracts.schemas import json_schema

_vectors = json.loads(Path({vectors!r}).read_text())
payload: dict[str, Any] = next(c["json"] for c in _vectors["valid"] if "json" in c)
data: bytes = json.dumps(payload).encode()
order = Order.from_dict(payload)
old_schema, new_schema = json_schema("order"), json_schema("order", form="reader")
log = logging.getLogger("readme")


class _Sent(NamedTuple):
    topic: str
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


class _Broker:
    """aiokafka's producer and consumer, for what the snippets call: the consumer yields what was sent."""

    def __init__(self) -> None:
        self.sent: list[_Sent] = []

    async def send_and_wait(self, topic: str, *, value: bytes, key: bytes, headers: list[tuple[str, bytes]]) -> None:
        self.sent.append(_Sent(topic, key, value, headers))

    def __aiter__(self) -> AsyncIterator[_Sent]:
        return self._records()

    async def _records(self) -> AsyncIterator[_Sent]:
        for record in self.sent:
            yield record


producer = consumer = _Broker()
'''


def program(snippet: str) -> str:
    prelude = PRELUDE.format(vectors=str(ROOT / "examples" / "vectors" / "order.json"))
    if "await " not in snippet:
        return prelude + snippet
    imports = "".join(line + "\n" for line in snippet.splitlines() if line.startswith(("from ", "import ")))
    body = "".join(line + "\n" for line in snippet.splitlines() if not line.startswith(("from ", "import ")))
    return prelude + imports + "\n\nasync def main() -> None:\n" + textwrap.indent(body, "    ") + "\n\nasyncio.run(main())\n"


@pytest.fixture(scope="module")
def programs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("readme")
    paths = []
    for i, snippet in enumerate(SNIPPETS):
        path = out / f"snippet_{i}.py"
        path.write_text(program(snippet))
        paths.append(path)
    return paths


def test_the_readme_has_its_python_snippets() -> None:
    assert len(SNIPPETS) >= 6
    assert any("decoded_messages" in s for s in SNIPPETS) and any("FastAPI" in s for s in SNIPPETS)


def test_every_snippet_runs(programs: list[Path]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "python")}
    for path in programs:
        result = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, env=env, cwd=path.parent)
        assert result.returncode == 0, f"{path.name}:\n{path.read_text()}\n{result.stderr}"


def test_every_snippet_is_clean_under_mypy_strict(programs: list[Path]) -> None:
    # The package as a user's mypy sees it once installed: its types used, its own modules not reported on.
    env = {**os.environ, "MYPYPATH": str(ROOT / "python")}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental",
         *map(str, programs)],
        capture_output=True, text=True, env=env, cwd=programs[0].parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
