"""Adapters for aiokafka: send a message with its envelope, decode what a consumer yields.

They take the client objects you made (so any connection settings, SASL_SSL
included, stay yours) and never import aiokafka themselves. These are the
newest major's; `vibe_contracts.v1.kafka`, … bind them to one major.
"""

from __future__ import annotations

from .._gen.current import decode_consumer_record, decoded_messages, send

__all__ = ["decode_consumer_record", "decoded_messages", "send"]
