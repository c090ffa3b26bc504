"""Adapters for aiokafka, for one major: send a message with its envelope, decode what a consumer yields.

They take the client objects you made (so any connection settings, SASL_SSL
included, stay yours) and never import aiokafka themselves. The public modules
bind one per major (`vibe_contracts.v1.kafka.send`, …).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

from ._envelope import JSON, ContentType, Envelope
from ._model import Contract
from .errors import ContractError

__all__ = ["Aiokafka"]


class Aiokafka:
    """`send`, `decode_consumer_record` and `decoded_messages` over the records of one `Envelope`."""

    def __init__(self, envelope: Envelope) -> None:
        self._envelope = envelope

    async def send(
        self, producer: Any, topic: str, message: Contract, *, application_id: str,
        content_type: ContentType = JSON, key: str | bytes | None = None,
    ) -> Any:
        """Validate, wrap and send one message with an `AIOKafkaProducer`; returns the record metadata."""
        record = self._envelope.encode_record(message, content_type=content_type, application_id=application_id, key=key)
        return await producer.send_and_wait(topic, value=record.value, key=record.key, headers=record.headers)

    def decode_consumer_record(
        self, record: Any, *, topics: Mapping[str, str] | None = None, strict: bool = False,
    ) -> Contract:
        """Decode an aiokafka `ConsumerRecord` by its topic. Raises ContractError."""
        return self._envelope.decode_record(record.value, record.headers, topic=record.topic, topics=topics,
                                            strict=strict)

    async def decoded_messages(
        self, consumer: Any, *, topics: Mapping[str, str] | None = None,
        on_error: Callable[[Any, ContractError], None] | None = None,
    ) -> AsyncIterator[tuple[Any, Contract]]:
        """Yield (ConsumerRecord, message) for each valid record of an `AIOKafkaConsumer`.

        A record that breaks the contract goes to `on_error` (record, error) and is
        skipped; without `on_error` the ContractError propagates.
        """
        async for record in consumer:
            try:
                yield record, self.decode_consumer_record(record, topics=topics)
            except ContractError as exc:
                if on_error is None:
                    raise
                on_error(record, exc)
