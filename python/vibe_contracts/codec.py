"""`decode` / `encode` by message name and format: the newest major's.

The same functions bound to one major: `vibe_contracts.v1.decode`, … (docs/spec.md §7).
"""

from __future__ import annotations

from ._codec import Data, Format
from ._gen.current import MESSAGE_TYPES, MessageName, decode, encode, message_type

__all__ = ["Data", "Format", "MESSAGE_TYPES", "MessageName", "decode", "encode", "message_type"]
