"""The bridge as a Quix Streams application: four legacy topics in, five v1 topics and dead letters out.

    route (per input topic) → concat → group_by organizer → joins (RocksDB state, changelog) → to_topic

Quix Streams owns the state store, its changelog topics, the repartition topic,
checkpoints and consumer-group rebalancing; this module only wires the steps.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

from quixstreams import Application, message_context
from quixstreams.models import TopicConfig
from quixstreams.models.serializers import Deserializer, Serializer
from quixstreams.state.rocksdb import RocksDBOptions

from .config import BridgeConfig
from .joins import Joiner
from .records import Held, Output, Source, dead_letter, pack, unpack_held
from .routing import route
from .summary import Counters
from .waiting import WaitingIndex

__all__ = ["Bridge"]

# What a broker that does not report a topic's retention (tansu) is taken to keep: a week.
_RETENTION = {"retention.ms": "604800000", "retention.bytes": "-1"}
# The waiting index's key prefix: organizer prefixes are JSON strings (they start with `"`), so no clash.
_INDEX_PREFIX = b"\xff\xffwaiting"


class _HeldSerializer(Serializer):
    def __call__(self, value: Held, ctx: Any) -> bytes:
        return pack(value)


class _HeldDeserializer(Deserializer):
    def __call__(self, value: bytes, ctx: Any) -> Held:
        return unpack_held(value)


class _OutputValue(Serializer):
    def __call__(self, value: Output, ctx: Any) -> bytes | None:
        return value.value


# Reading several topics in time order, Quix asks the client for a batch of up to 10,000 records and
# waits for it until this timeout; its default (1 s) left the bridge waiting most of each second when
# fewer records were ready (1,570 → 2,170 records/s on 20,000 orders, bench/python/bench_bridge.py).
_POLL_SECONDS = 0.05


class Bridge:
    """One bridge process: `run()` until stopped, or until `until_idle` seconds pass with no input."""

    def __init__(self, config: BridgeConfig, *, out: Any = None) -> None:
        self.config = config
        self.counters = Counters()
        self.out = out or sys.stdout
        self.joiner = Joiner(config, self.counters)
        self.max_wait_ms = int(config.max_wait_seconds * 1000)
        self.app = Application(
            broker_address=config.brokers,
            consumer_group=config.consumer_group,
            auto_offset_reset="earliest",
            commit_interval=config.commit_seconds,
            consumer_poll_timeout=_POLL_SECONDS,
            state_dir=str(config.state_dir),
            rocksdb_options=RocksDBOptions(write_buffer_size=config.write_buffer_mb << 20, max_write_buffer_number=2,
                                           block_cache_size=config.block_cache_mb << 20),
            consumer_extra_config=dict(config.consumer_settings),
            producer_extra_config=dict(config.producer_settings),
            loglevel="WARNING",
        )
        self._topic_config = TopicConfig(num_partitions=config.partitions, replication_factor=1,
                                         extra_config=dict(_RETENTION))
        self.outputs = {role: self._topic(name, value_serializer=_OutputValue())
                        for role, name in config.outputs.items()}
        self._build()
        self._stop = threading.Event()

    def _topic(self, name: str, **serializers: Any) -> Any:
        topic = self.app.topic(name, key_deserializer="bytes", key_serializer="bytes",
                               config=self._topic_config, **serializers)
        for key, value in _RETENTION.items():  # derived topics (repartition, changelog) need these
            topic.broker_config.extra_config.setdefault(key, value)
        return topic

    def _build(self) -> None:
        merged = None
        for kind, name in self.config.inputs.items():
            topic = self._topic(name, value_deserializer="bytes")
            sdf = self.app.dataframe(topic).apply(self._router(kind, name), metadata=True)
            merged = sdf if merged is None else merged.concat(sdf)
        assert merged is not None
        grouped = merged.group_by(lambda held: held.org, name="organizer", value_serializer=_HeldSerializer(),
                                  value_deserializer=_HeldDeserializer())
        self._grouped = grouped
        outputs = grouped.apply(self._join_step, stateful=True, metadata=True, expand=True)
        outputs = outputs.set_headers(lambda value, key, timestamp, headers: value.headers)
        outputs.to_topic(lambda value, key, timestamp, headers: self.outputs[value.role], key=lambda value: value.key)

    def _router(self, kind: str, topic: str) -> Any:
        read = self.counters.read

        def step(value: bytes | None, key: bytes | None, timestamp: int, headers: Any) -> Held:
            read[topic] += 1
            ctx = message_context()
            return route(kind, key, value, timestamp, Source(topic, ctx.partition, ctx.offset))
        return step

    def _join_step(self, held: Held, key: Any, timestamp: int, headers: Any, state: Any) -> list[Output]:
        partition = message_context().partition
        transaction = self._grouped.processing_context.checkpoint.get_store_transaction(
            stream_id=self._grouped.stream_id, partition=partition)
        index = WaitingIndex(transaction.as_state(prefix=_INDEX_PREFIX), self.max_wait_ms)
        if held.status == "dead":
            path, rule = held.reason or ("", "syntax")
            self.counters.dead_lettered[rule] += 1
            outputs = [dead_letter(held, path, rule)]
        else:
            outputs = self.joiner.accept(held, state, index.add, index.remove)
        for _, org, kind, entity_id in index.advance(timestamp):
            store = transaction.as_state(prefix=org)
            waiting = self.joiner.held(kind, entity_id, store)
            if waiting is not None and waiting.status == "wait":
                outputs += self.joiner.expire(waiting, store)
        index.save()
        self.counters.waiting[partition] = len(index)
        produced = self.counters.produced
        for output in outputs:
            produced[self.config.outputs[output.role]] += 1
        return outputs

    def summary(self, title: str = "bridge") -> str:
        return self.counters.text(title)

    def run(self, until_idle: float | None = None) -> None:
        """Process until stopped (SIGINT/SIGTERM) or `until_idle` seconds without input; then print the summary."""
        printer = threading.Thread(target=self._print_every, daemon=True)
        printer.start()
        try:
            # collect=False: with a timeout Quix otherwise keeps every output in a list to return it
            self.app.run(timeout=until_idle or 0.0, collect=False)
        finally:
            self._stop.set()
            print(self.summary("bridge: exit summary"), file=self.out, flush=True)

    def _print_every(self) -> None:
        while not self._stop.wait(self.config.summary_seconds):
            print(self.summary("bridge: summary"), file=self.out, flush=True)


logging.getLogger("quixstreams").setLevel(logging.WARNING)
