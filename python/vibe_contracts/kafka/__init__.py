"""Messages on Kafka: the record envelope (docs/spec.md §2) and adapters for aiokafka."""

from __future__ import annotations

from .aiokafka import decode_consumer_record, decoded_messages, send
from .envelope import CONTENT_TYPES, JSON, PROTOBUF, Record, decode_record, encode_record, message_for_topic

__all__ = [
    "CONTENT_TYPES", "JSON", "PROTOBUF", "Record", "decode_consumer_record", "decode_record", "decoded_messages",
    "encode_record", "message_for_topic", "send",
]
