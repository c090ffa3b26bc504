"""The shared vectors (`examples/vectors/<message>.json`) as the emitters read them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .ir import Message

VECTORS_DIR = "examples/vectors"


@dataclass(frozen=True)
class Example:
    """A JSON document of a valid case that strict writers accept too."""

    name: str
    description: str
    json: dict[str, Any]


def load(root: Path) -> dict[str, dict[str, Any]]:
    """Every vector file, by its decode name (`order`, `ticket`, …)."""
    docs = (json.loads(path.read_text()) for path in sorted((root / VECTORS_DIR).glob("*.json")))
    return {doc["message"]: doc for doc in docs}


def sources(vectors: dict[str, dict[str, Any]]) -> list[str]:
    """The vector files, repo-relative, for banners."""
    return [f"{VECTORS_DIR}/{name}.json" for name in sorted(vectors)]


def examples(vectors: dict[str, dict[str, Any]], message: Message) -> list[Example]:
    """The strict-valid JSON cases of one topic message, in file order."""
    doc = vectors.get(message.name.lower(), {})
    return [
        Example(case["name"], case.get("description", ""), case["json"])
        for case in doc.get("valid", [])
        if "json" in case and "strict_errors" not in case
    ]
