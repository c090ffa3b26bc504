"""Any decodable legacy record maps to strictly valid v1 messages, or is skipped or refused; never anything else."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from vibe_contracts import ContractError, legacy

from .run import FUNCTIONS, JOIN_MESSAGE, RECORD_MESSAGE, run
from .strategies import CONFIGS, INPUTS, joined

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _inputs(function: str) -> Any:
    return st.tuples(*INPUTS[function], CONFIGS, st.integers(0, 3))


@SETTINGS
@given(st.sampled_from(sorted(FUNCTIONS)).flatmap(lambda f: st.tuples(st.just(f), _inputs(f))))
def test_maps_to_strict_v1_or_skips_or_refuses(drawn: tuple[str, tuple[Any, ...]]) -> None:
    function, (*messages, config, consistent) = drawn
    if consistent:
        joined(function, messages)
    mapping, joins, model = FUNCTIONS[function]
    record = messages[0].SerializeToString(deterministic=True)
    join_bytes = {name: m.SerializeToString(deterministic=True) for name, m in zip(joins, messages[1:])}
    first = run(function, record, join_bytes, config)
    event(f"{function}: {next(iter(first))}")
    assert run(function, record, join_bytes, config) == first, "the same input gives the same result"
    assert set(first) <= {"v1", "skipped", "refused", "message"}
    for text in first.get("v1", []):
        assert model.from_json(text, strict=True).to_json().decode() == text, "strictly valid, canonical"
    for violation in first.get("refused", []):
        assert violation["rule"] and violation["message"]
    # The same through the functions themselves: only the library's outcomes.
    cfg = legacy.MappingConfig.from_dict(config)
    decoded = [legacy.decode(RECORD_MESSAGE[function], record)] + [
        legacy.decode(JOIN_MESSAGE[j], join_bytes[j]) for j in joins]
    try:
        result = mapping(*decoded, cfg)
    except ContractError as exc:
        assert "refused" in first and [v.path for v in exc.errors] == [v["path"] for v in first["refused"]]
    else:
        assert isinstance(result, (legacy.Skipped, list, model))


@SETTINGS
@given(st.sampled_from(sorted(legacy.MESSAGES)), st.binary(max_size=200))
def test_decode_refuses_with_syntax_or_decodes(name: str, data: bytes) -> None:
    try:
        message = legacy.decode(name, data)  # type: ignore[call-overload]
    except ContractError as exc:
        assert (exc.path, exc.rule) == ("", "syntax")
    else:
        assert isinstance(message, legacy.MESSAGES[name])


def test_personal_data_never_in_a_refusal() -> None:
    order = legacy.Order(id="o", number=1, status=legacy.Order.DONE, event="e", org="p")
    order.settings.customer.name = "Анна Петрова"
    order.settings.customer.email = "anna.petrova.example.ru"
    order.settings.customer.phone = "+7 (916) 12"
    order.tickets.add(id="t", barcode="b", set="s")
    event = legacy.Event(id="e", org="p")
    event.sets.add(id="s", name="Hall")
    partner = legacy.Partner(id="p", name="P")
    try:
        legacy.map_order(order, event, partner, legacy.MappingConfig())
    except ContractError as exc:
        text = str(exc) + repr(exc.errors)
        assert [v.path for v in exc.errors] == ["settings.customer.email", "settings.customer.phone"]
        for secret in ("anna", "petrova", "Анна", "916", "7916"):
            assert secret not in text
    else:
        raise AssertionError("an invalid e-mail and phone are refused")
