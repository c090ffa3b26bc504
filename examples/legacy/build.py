"""Writes the legacy vectors (`*.json` beside this file) from the cases below.

The cases are written by hand: each legacy record in readable form (protobuf's
JSON mapping), the records it joins with, the config, and the expected v1
JSON, skip or refusal. This script only adds each record's bytes (base64),
made by the reference protobuf library, and `tests/legacy/test_vectors.py`
checks the committed files equal its output. Run: `python examples/legacy/build.py`.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

from google.protobuf import json_format

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[1] / "python"))

from vibe_contracts.legacy import MESSAGES  # noqa: E402

from cases import FILES  # noqa: E402


def record(spec: dict[str, Any]) -> dict[str, Any]:
    """A record with its bytes: the readable form serialized, then `unknown_hex` (fields the mapping skips)."""
    if "base64" in spec:  # bytes that are not the message: no readable form
        return {"message": spec["message"], "base64": spec["base64"], "readable": None}
    message = json_format.ParseDict(spec["readable"], MESSAGES[spec["message"]]())
    data = message.SerializeToString(deterministic=True) + bytes.fromhex(spec.get("unknown_hex", ""))
    out = {"message": spec["message"], "base64": base64.b64encode(data).decode(), "readable": spec["readable"]}
    if "unknown_hex" in spec:
        out["unknown_hex"] = spec["unknown_hex"]
    return out


def render(content: dict[str, Any]) -> str:
    built = {
        "description": content["description"],
        "records": {name: record(spec) for name, spec in content["records"].items()},
        "cases": content["cases"],
    }
    return json.dumps(built, ensure_ascii=False, indent=2) + "\n"


def files() -> dict[str, str]:
    return {f"{name}.json": render(content) for name, content in FILES.items()}


if __name__ == "__main__":
    for name, text in files().items():
        (HERE / name).write_text(text)
        print(f"wrote examples/legacy/{name}")
