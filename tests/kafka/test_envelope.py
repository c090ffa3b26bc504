"""The Kafka record around a message (docs/spec.md §2), without a broker."""

from __future__ import annotations

from typing import Any

import pytest

from examples.python.producer import vector
from vibe_contracts import CONTRACT_VERSION, ContractError, Order, Organizer, Refund
from vibe_contracts.kafka import JSON, PROTOBUF, decode_record, encode_record, message_for_topic

HEADER_NAMES = ("content-type", "schema-version", "application-id")
FORMATS = (JSON, PROTOBUF)
# topic → (message name, a valid vector of it that carries an id)
TOPIC_MESSAGES = {
    "organizers": ("organizer", "full"),
    "events": ("event", "full"),
    "orders": ("order", "full"),
    "refunds": ("refund", "full"),
    "tickets": ("ticket", "full"),
}


def headers(**values: str) -> list[tuple[str, bytes]]:
    """The three headers of a valid JSON record, with `values` (snake_case names) replacing some."""
    base = {"content-type": JSON, "schema-version": "1.0", "application-id": "ticketland"}
    base.update({name.replace("_", "-"): value for name, value in values.items()})
    return [(name, value.encode()) for name, value in base.items()]


def order() -> Order:
    return vector("order", "full")


def refused(value: bytes | None, record_headers: Any, **kwargs: Any) -> ContractError:
    kwargs.setdefault("topic", "orders")
    with pytest.raises(ContractError) as caught:
        decode_record(value, record_headers, **kwargs)
    return caught.value


# --------------------------------------------------------------------------- encoding


@pytest.mark.parametrize("content_type", FORMATS)
def test_headers_are_exactly_the_three_of_the_spec(content_type: str) -> None:
    record = encode_record(order(), content_type=content_type, application_id="ticketland")  # type: ignore[arg-type]
    assert record.headers == [
        ("content-type", content_type.encode()),
        ("schema-version", b"1.0"),
        ("application-id", b"ticketland"),
    ]
    assert record.value == (order().to_json() if content_type == JSON else order().to_proto())


@pytest.mark.parametrize("topic", TOPIC_MESSAGES)
def test_the_key_is_the_message_id(topic: str) -> None:
    message = vector(*TOPIC_MESSAGES[topic])
    assert encode_record(message, application_id="ticketland").key == message.id.encode()


def test_a_refund_without_id_needs_an_explicit_key() -> None:
    refund: Refund = vector("refund", "without-id")
    assert refund.id is None
    with pytest.raises(ContractError) as caught:
        encode_record(refund, application_id="ticketland")
    assert caught.value.rule == "key"
    assert encode_record(refund, application_id="ticketland", key="RF-legacy-1").key == b"RF-legacy-1"


@pytest.mark.parametrize("key", ["custom-key", b"custom-key"])
def test_an_explicit_key_wins_over_the_id(key: str | bytes) -> None:
    assert encode_record(order(), application_id="ticketland", key=key).key == b"custom-key"


@pytest.mark.parametrize("application_id", ["TicketLand", "", "-leading-dash", "a" * 65, "tab\there"])
def test_encoding_refuses_a_bad_application_id(application_id: str) -> None:
    with pytest.raises(ContractError) as caught:
        encode_record(order(), application_id=application_id)
    assert (caught.value.path, caught.value.rule) == ('headers["application-id"]', "application_id")


def test_encoding_validates_the_message_strictly() -> None:
    import msgspec

    broken = msgspec.structs.replace(order(), tickets=[])
    with pytest.raises(ContractError) as caught:
        encode_record(broken, application_id="ticketland")
    assert (caught.value.path, caught.value.rule) == ("tickets", "min_items")


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("content_type", FORMATS)
@pytest.mark.parametrize("topic", TOPIC_MESSAGES)
def test_every_message_round_trips_through_a_record(topic: str, content_type: str) -> None:
    message = vector(*TOPIC_MESSAGES[topic])
    record = encode_record(message, content_type=content_type, application_id="ticketland")  # type: ignore[arg-type]
    assert decode_record(record.value, record.headers, topic=topic) == message
    assert decode_record(record.value, record.headers, message=TOPIC_MESSAGES[topic][0]) == message


def test_custom_topic_names_map_to_messages() -> None:
    record = encode_record(order(), application_id="ticketland")
    topics = {"prod.vibe.orders.v1": "order"}
    assert message_for_topic("prod.vibe.orders.v1", topics) == "order"
    assert decode_record(record.value, record.headers, topic="prod.vibe.orders.v1", topics=topics) == order()
    assert message_for_topic("orders") == "order"  # the default names stay known


def test_an_unknown_topic_is_refused() -> None:
    error = refused(order().to_json(), headers(), topic="payments")
    assert error.rule == "topic"
    assert "payments" in str(error)


def test_another_major_is_refused_naming_both_versions() -> None:
    error = refused(order().to_json(), headers(schema_version="2.0"))
    assert (error.path, error.rule) == ('headers["schema-version"]', "schema_version")
    assert "2.0" in str(error) and "1.0" in str(error)


def test_another_minor_of_the_same_major_is_accepted() -> None:
    assert decode_record(order().to_json(), headers(schema_version="1.7"), topic="orders") == order()


@pytest.mark.parametrize("version", ["1", "1.0.0", "v1.0", "1.x", "", " 1.0", "01.0"])
def test_a_malformed_version_is_refused(version: str) -> None:
    error = refused(order().to_json(), headers(schema_version=version))
    assert (error.path, error.rule) == ('headers["schema-version"]', "schema_version")


@pytest.mark.parametrize("missing", HEADER_NAMES)
def test_each_missing_header_is_refused_naming_it(missing: str) -> None:
    error = refused(order().to_json(), [h for h in headers() if h[0] != missing])
    assert (error.path, error.rule) == (f'headers["{missing}"]', "header_missing")
    assert missing in str(error)


def test_no_headers_at_all_is_refused() -> None:
    assert refused(order().to_json(), None).rule == "header_missing"


@pytest.mark.parametrize("twice", HEADER_NAMES)
def test_a_duplicate_header_is_refused(twice: str) -> None:
    record_headers = headers()
    record_headers.append(next(h for h in record_headers if h[0] == twice))
    error = refused(order().to_json(), record_headers)
    assert (error.path, error.rule) == (f'headers["{twice}"]', "header_duplicate")


def test_other_headers_are_left_alone() -> None:
    record_headers = [("traceparent", b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), *headers()]
    assert decode_record(order().to_json(), record_headers, topic="orders") == order()


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/json;charset=utf-8"])
def test_json_with_a_utf8_charset_is_accepted(content_type: str) -> None:
    assert decode_record(order().to_json(), headers(content_type=content_type), topic="orders") == order()


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "application/json; charset=latin-1", ""])
def test_another_content_type_is_refused(content_type: str) -> None:
    error = refused(order().to_json(), headers(content_type=content_type))
    assert (error.path, error.rule) == ('headers["content-type"]', "content_type")


def test_the_content_type_chooses_the_format() -> None:
    as_proto = headers(content_type=PROTOBUF)
    assert decode_record(order().to_proto(), as_proto, topic="orders") == order()
    # Protobuf bytes announced as JSON are not JSON, and the other way round.
    assert refused(order().to_proto(), headers()).rule == "syntax"
    with pytest.raises(ContractError):
        decode_record(order().to_json(), as_proto, topic="orders")


@pytest.mark.parametrize("application_id", ["TicketLand", "", "a" * 65, "tab\there"])
def test_decoding_refuses_a_bad_application_id(application_id: str) -> None:
    error = refused(order().to_json(), headers(application_id=application_id))
    assert (error.path, error.rule) == ('headers["application-id"]', "application_id")


def test_the_longest_application_id_is_accepted() -> None:
    longest = "a" + "b.c_d-" * 10 + "xyz"
    assert len(longest) == 64
    assert decode_record(order().to_json(), headers(application_id=longest), topic="orders") == order()


@pytest.mark.parametrize("name", HEADER_NAMES)
def test_a_header_that_is_not_utf8_is_refused_naming_it(name: str) -> None:
    record_headers = [(n, b"\xff\xfe" if n == name else v) for n, v in headers()]
    error = refused(order().to_json(), record_headers)
    assert error.path == f'headers["{name}"]'
    assert name in str(error)


def test_a_tombstone_is_refused() -> None:
    error = refused(None, headers())
    assert error.path == ""
    assert isinstance(error, ContractError)


def test_decoding_is_tolerant_unless_strict() -> None:
    noisy = order().to_json()[:-1] + b',"loyalty_tier":"gold"}'
    assert decode_record(noisy, headers(), topic="orders") == order()
    assert refused(noisy, headers(), strict=True).rule == "unknown_field"


def test_header_verdicts_are_kept_only_for_headers_that_pass() -> None:
    """aiokafka hands headers over as tuples; a kept verdict must never let a bad record through."""
    from vibe_contracts import _envelope as envelope

    good = tuple(encode_record(Organizer(id="o", name="n"), application_id="ticketland").headers)
    value = encode_record(Organizer(id="o", name="n"), application_id="ticketland").value
    assert decode_record(value, good, topic="organizers") == Organizer(id="o", name="n")
    assert envelope._VERDICTS[good][0] == "application/json"
    bad = tuple((n, b"2.0" if n == "schema-version" else v) for n, v in good)
    for _ in range(2):
        with pytest.raises(ContractError) as info:
            decode_record(value, bad, topic="organizers")
        assert info.value.rule == "schema_version"
    assert bad not in envelope._VERDICTS
    unhashable = tuple([n, v] for n, v in good)  # pairs as lists: checked, not kept
    assert decode_record(value, unhashable, topic="organizers") == Organizer(id="o", name="n")


def test_header_lists_are_judged_by_their_content_each_time() -> None:
    """Most clients hand headers over as a list of pairs: its verdict is kept by content, so a list
    changed after a decode is judged again."""
    from vibe_contracts import _envelope as envelope

    record = encode_record(Organizer(id="o", name="n"), application_id="ticketland")
    listed = list(record.headers)
    assert decode_record(record.value, listed, topic="organizers") == Organizer(id="o", name="n")
    assert envelope._VERDICTS[tuple(listed)][0] == "application/json"
    listed[1] = ("schema-version", b"2.0")
    with pytest.raises(ContractError) as info:
        decode_record(record.value, listed, topic="organizers")
    assert info.value.rule == "schema_version"
    mutable = [(n, bytearray(v)) for n, v in record.headers]  # unhashable values: checked, not kept
    assert decode_record(record.value, mutable, topic="organizers") == Organizer(id="o", name="n")
    assert not any(isinstance(v, bytearray) for key in envelope._VERDICTS for _, v in key)


def test_each_record_gets_its_own_checked_headers() -> None:
    first = encode_record(Organizer(id="o", name="n"), application_id="ticketland")
    first.headers.append(("x-trace", b"1"))
    second = encode_record(Organizer(id="o", name="n"), application_id="ticketland")
    assert second.headers == [("content-type", b"application/json"), ("schema-version", CONTRACT_VERSION.encode()),
                              ("application-id", b"ticketland")]
    for bad in (["ticketland"], None, "Ticket Land"):
        with pytest.raises(ContractError) as info:
            encode_record(Organizer(id="o", name="n"), application_id=bad)  # type: ignore[arg-type]
        assert info.value.rule == "application_id"
