"""The examples' settings: environment → aiokafka client keyword arguments."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from examples.python import settings
from vibe_contracts.kafka import JSON, PROTOBUF

# A self-signed CA certificate made for this test only (public part; its key was thrown away).
TEST_CA = """\
-----BEGIN CERTIFICATE-----
MIIBmjCCAT+gAwIBAgIUe4UEUdxgdqezBC/1U5lWnEmrLO8wCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWdmliZS1jb250cmFjdHMgdGVzdCBDQTAgFw0yNjExMjgwNDA2
MjJaGA8yMTI2MTEwNDA0MDYyMlowITEfMB0GA1UEAwwWdmliZS1jb250cmFjdHMg
dGVzdCBDQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABHcww/dUf6YsQKwnaFGP
KjRzJrLB/A5F/JejAgTgVGaEDLfCFVb/5D9zizENTGEdkgc1oZFG5EU+34j7x3oX
3cajUzBRMB0GA1UdDgQWBBTe61NrrHS1bCd/JreadkUi4WvLJTAfBgNVHSMEGDAW
gBTe61NrrHS1bCd/JreadkUi4WvLJTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
BAMCA0kAMEYCIQDSUGmL/0rni4nu1W5/ZUDQLUfVw8spwi95kTyWJdQvKAIhALUw
NZIuueHUr6zeYfpaVCzbo1KwF/ynHJPZhLpj+4Ct
-----END CERTIFICATE-----
"""


def _clients_accept(kwargs: dict[str, object]) -> None:
    """aiokafka checks its security settings when a client is made (without connecting)."""
    async def make() -> None:
        for client in (AIOKafkaProducer(**kwargs), AIOKafkaConsumer("orders", **kwargs)):
            await client.stop()  # never started: this only marks it closed

    asyncio.run(make())


def test_plaintext_on_localhost_by_default() -> None:
    kwargs = settings.client_kwargs({})
    assert kwargs == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT"}
    _clients_accept(kwargs)


def test_the_bootstrap_servers_come_from_the_environment() -> None:
    kwargs = settings.client_kwargs({"KAFKA_BOOTSTRAP_SERVERS": "kafka-1:9092,kafka-2:9092"})
    assert kwargs["bootstrap_servers"] == "kafka-1:9092,kafka-2:9092"


def test_sasl_ssl_with_scram(tmp_path: Path) -> None:
    cafile = tmp_path / "ca.pem"
    cafile.write_text(TEST_CA)
    kwargs = settings.client_kwargs({
        "KAFKA_BOOTSTRAP_SERVERS": "rc1a-kafka.example.net:9091",
        "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "KAFKA_SASL_USERNAME": "vibe-consumer",
        "KAFKA_SASL_PASSWORD": "not-a-real-password",
        "KAFKA_SSL_CAFILE": str(cafile),
    })
    context = kwargs.pop("ssl_context")
    assert kwargs == {
        "bootstrap_servers": "rc1a-kafka.example.net:9091",
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "vibe-consumer",
        "sasl_plain_password": "not-a-real-password",
    }
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    subjects = [dict(field[0] for field in cert["subject"]) for cert in context.get_ca_certs()]
    assert {"commonName": "vibe-contracts test CA"} in subjects
    _clients_accept({**kwargs, "ssl_context": context})


def test_sasl_ssl_defaults_to_scram_sha_512_and_the_system_cas() -> None:
    kwargs = settings.client_kwargs({
        "KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": "p"})
    assert kwargs["security_protocol"] == "SASL_SSL"
    assert kwargs["sasl_mechanism"] == "SCRAM-SHA-512"
    assert isinstance(kwargs["ssl_context"], ssl.SSLContext)


@pytest.mark.parametrize("missing", ["KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"])
def test_sasl_ssl_without_credentials_is_refused_naming_them(missing: str) -> None:
    environ = {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": "p"}
    del environ[missing]
    with pytest.raises(ValueError, match=missing):
        settings.client_kwargs(environ)


def test_an_unknown_security_protocol_is_refused() -> None:
    with pytest.raises(ValueError, match="KAFKA_SECURITY_PROTOCOL"):
        settings.client_kwargs({"KAFKA_SECURITY_PROTOCOL": "KERBEROS"})


def test_application_id_and_format() -> None:
    assert settings.application_id({}) == "ticketland"
    assert settings.application_id({"VIBE_APPLICATION_ID": "kassir"}) == "kassir"
    assert settings.content_type({}) == JSON
    assert settings.content_type({"VIBE_FORMAT": "protobuf"}) == PROTOBUF
    with pytest.raises(ValueError, match="VIBE_FORMAT"):
        settings.content_type({"VIBE_FORMAT": "avro"})
