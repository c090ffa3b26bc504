"""The Kafka record around a message (docs/spec.md §2): key, value and the three headers.

These are the newest major's; `vibe_contracts.v1.kafka`, … bind them to one major.
"""

from __future__ import annotations

from .._envelope import CONTENT_TYPES, JSON, PROTOBUF, ContentType, Headers, Record
from .._gen.current import decode_record, encode_record, message_for_topic

__all__ = [
    "CONTENT_TYPES", "JSON", "PROTOBUF", "ContentType", "Headers", "Record", "decode_record", "encode_record",
    "message_for_topic",
]
