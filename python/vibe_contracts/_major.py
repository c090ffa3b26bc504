"""One major of the contract as the runtime reads it: rule tables, models and fast paths (docs/spec.md §7).

The source may hold several majors side by side (`vibe.integration.v1`,
`…v2`), each generated into `_gen/v<N>/`, whose `__init__.py` builds its
`Major`. The runtime finds a model's major from its class, never from a
message name alone, so the `Order` of two majors never meet.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._spec import EnumSpec, MessageSpec

if TYPE_CHECKING:
    from ._model import Contract

__all__ = ["Codec", "Major", "major_of"]

#: The generated Protobuf reader, instance check, writer and upb class of a model (`_gen/v<N>/fast.py`).
Codec = tuple[Callable[[Any, bool], Any], Callable[[Any], bool], Callable[[Any], Any], type]

_OF_CLASS: dict[type, Major] = {}


class Major:
    """The tables of one major: `messages` and `enums` by name, `models` by name, `topics` → message name."""

    def __init__(self, rules: ModuleType, models: ModuleType, fast: str) -> None:
        self.version: str = rules.CONTRACT_VERSION
        self.number = int(self.version.split(".")[0])
        self.package: str = rules.PACKAGE
        self.messages: dict[str, MessageSpec] = rules.MESSAGES
        self.enums: dict[str, EnumSpec] = rules.ENUMS
        self.topics: dict[str, str] = rules.TOPICS
        self.models: dict[str, type[Contract]] = {name: getattr(models, name) for name in self.messages}
        #: The topic messages by lower-case name (`"order"`) → model class.
        self.message_types: dict[str, type[Contract]] = {n.lower(): self.models[n] for n in self.topics.values()}
        self.accept: dict[type, Callable[[Any, bool], int]] = models.ACCEPT
        self._fast = fast  # imported on first use: it loads the upb classes
        for cls in self.models.values():
            _OF_CLASS[cls] = self

    @cached_property
    def codecs(self) -> dict[type, Codec]:
        codecs: dict[type, Codec] = importlib.import_module(self._fast).CODECS
        return codecs

    @cached_property
    def enum_names(self) -> dict[str, dict[int, str]]:
        """Per enum, Protobuf number → JSON string."""
        return {name: {n: j for j, n in e.numbers.items()} for name, e in self.enums.items()}

    def spec(self, cls: type) -> MessageSpec:
        return self.messages[cls.__name__]

    def __repr__(self) -> str:
        return f"<Major {self.version} ({self.package})>"


def major_of(cls: type) -> Major:
    """The major a generated model class belongs to; KeyError for any other class."""
    return _OF_CLASS[cls]
