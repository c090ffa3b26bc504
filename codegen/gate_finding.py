"""One line of the gate's report: what changed, where, its effect and who it breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PACKAGE_IN_PATH = re.compile(r"vibe/integration/(v\d+)/")
_PACKAGE = re.compile(r"^vibe\.integration\.v(\d+)$")


@dataclass(frozen=True)
class Finding:
    """One difference between the release and the working tree.

    package   the proto package it belongs to (`vibe.integration.v1`)
    file      the `.proto` file or the schema file
    where     the proto line or the JSON Pointer into the schema
    kind      buf's rule (`PROTO_FIELD_NO_DELETE`) or the checker's change kind
    breaking  it breaks someone; `words` says whom
    words     the change as the maintainer made it, its effect and who breaks
    """

    package: str
    file: str
    where: str
    kind: str
    breaking: bool
    words: str

    @property
    def label(self) -> str:
        return "BREAKING" if self.breaking else "compatible"

    def __str__(self) -> str:
        return f"{self.label:<10} {self.words} [{self.kind} {self.file} {self.where}]"


def major_of(package: str) -> int | None:
    """2 for `vibe.integration.v2`; None for any other package."""
    match = _PACKAGE.match(package)
    return int(match.group(1)) if match else None


def package_of_path(path: str, default: str) -> str:
    """The contract package a `.proto` path belongs to (`default` for shared files such as the options)."""
    match = _PACKAGE_IN_PATH.search(path)
    return f"vibe.integration.{match.group(1)}" if match else default


def package_of_schema(name: str) -> str:
    """`vibe.integration.v1` for `vibe.integration.v1.Order.writer.schema.json`."""
    return ".".join(name.split(".")[:-4])


def message_of_schema(name: str) -> str:
    return name.split(".")[-4]
