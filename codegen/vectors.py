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


def folder(major: int) -> str:
    """The vectors of a major: `examples/vectors/` holds the first's, a later major N keeps its own in `v<N>/`."""
    return VECTORS_DIR if major == 1 else f"{VECTORS_DIR}/v{major}"


def load(root: Path, major: int = 1) -> dict[str, dict[str, Any]]:
    """Every vector file of a major, by its decode name (`order`, `ticket`, …); none when it has no folder."""
    docs = (json.loads(path.read_text()) for path in sorted((root / folder(major)).glob("*.json")))
    return {doc["message"]: doc for doc in docs}


def sources(vectors: dict[str, dict[str, Any]], major: int = 1) -> list[str]:
    """The vector files, repo-relative, for banners."""
    return [f"{folder(major)}/{name}.json" for name in sorted(vectors)]


def examples(vectors: dict[str, dict[str, Any]], message: Message) -> list[Example]:
    """The strict-valid JSON cases of one topic message, in file order."""
    doc = vectors.get(message.name.lower(), {})
    return [
        Example(case["name"], case.get("description", ""), case["json"])
        for case in doc.get("valid", [])
        if "json" in case and "strict_errors" not in case
    ]
