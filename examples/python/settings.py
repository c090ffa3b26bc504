"""Settings of the examples, from the environment.

    KAFKA_BOOTSTRAP_SERVERS   host:port[,host:port…]       default 127.0.0.1:9092
    KAFKA_SECURITY_PROTOCOL   PLAINTEXT | SASL_SSL          default PLAINTEXT
    KAFKA_SASL_MECHANISM      e.g. SCRAM-SHA-512            (SASL_SSL; default SCRAM-SHA-512)
    KAFKA_SASL_USERNAME       (SASL_SSL, required)
    KAFKA_SASL_PASSWORD       (SASL_SSL, required)
    KAFKA_SSL_CAFILE          CA bundle for the brokers' certificates (SASL_SSL; default: the system's)
    VIBE_APPLICATION_ID       the data source in the `application-id` header, default ticketland
    VIBE_FORMAT               json | protobuf, default json (the producer's format)
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from typing import Any

from vibe_contracts.kafka import JSON, PROTOBUF
from vibe_contracts.kafka.envelope import ContentType

__all__ = ["application_id", "client_kwargs", "content_type"]

SECURITY_PROTOCOLS = ("PLAINTEXT", "SASL_SSL")
FORMATS: dict[str, ContentType] = {"json": JSON, "protobuf": PROTOBUF}


def _env(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def client_kwargs(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Keyword arguments for `AIOKafkaProducer` / `AIOKafkaConsumer` / the admin client."""
    env = _env(environ)
    protocol = env.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").strip().upper() or "PLAINTEXT"
    if protocol not in SECURITY_PROTOCOLS:
        raise ValueError(f"KAFKA_SECURITY_PROTOCOL={protocol!r}: expected one of {', '.join(SECURITY_PROTOCOLS)}")
    kwargs: dict[str, Any] = {
        "bootstrap_servers": env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        "security_protocol": protocol,
    }
    if protocol == "SASL_SSL":
        missing = [name for name in ("KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD") if not env.get(name)]
        if missing:
            raise ValueError(f"SASL_SSL needs {' and '.join(missing)}")
        kwargs.update(
            sasl_mechanism=env.get("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
            sasl_plain_username=env["KAFKA_SASL_USERNAME"],
            sasl_plain_password=env["KAFKA_SASL_PASSWORD"],
            ssl_context=ssl.create_default_context(cafile=env.get("KAFKA_SSL_CAFILE") or None),
        )
    return kwargs


def application_id(environ: Mapping[str, str] | None = None) -> str:
    """The `application-id` header the producer sets."""
    return _env(environ).get("VIBE_APPLICATION_ID", "ticketland")


def content_type(environ: Mapping[str, str] | None = None) -> ContentType:
    """The producer's `content-type`, from VIBE_FORMAT."""
    name = _env(environ).get("VIBE_FORMAT", "json").strip().lower()
    if name not in FORMATS:
        raise ValueError(f"VIBE_FORMAT={name!r}: expected json or protobuf")
    return FORMATS[name]
