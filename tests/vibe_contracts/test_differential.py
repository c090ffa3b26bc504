"""The package's verdict against the reference JSON Schema validator (docs/spec.md §4).

Strict decoding is compared with the generated writer schema, tolerant decoding
with the reader schema, on valid documents, on documents with tolerant-only
noise, and on mutations that break one rule. The rules JSON Schema cannot state
are listed in `conformance.py` and filtered out of the comparison; separate
tests check that those gaps are real and that the package does enforce them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from codegen.regex import to_python
from tests.vibe_contracts import conformance
from tests.vibe_contracts.strategies import (
    MUTATION_RULES,
    MUTATION_PROFILE,
    PROFILE,
    TOPIC_MESSAGES,
    documents,
    mutations,
    noise,
)
from vibe_contracts import ContractError, Limits
from vibe_contracts._gen.v1 import models
from vibe_contracts._gen.v1.rules import MESSAGES, PACKAGE

SCHEMAS = Path(__file__).resolve().parents[2] / "contracts" / "jsonschema"


@cache
def _python_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(to_python(pattern))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """`pattern` with ECMA-262 semantics (see conformance.SCHEMA_EXCEPTIONS, `pattern_newline`)."""
    if validator.is_type(instance, "string") and not _python_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


EcmaValidator = jsonschema.validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


@cache
def schema(name: str, form: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{PACKAGE}.{name}.{form}.schema.json").read_text())


@cache
def reference(name: str, strict: bool) -> Any:
    s = schema(name, "writer" if strict else "reader")
    EcmaValidator.check_schema(s)
    return EcmaValidator(s)


def schema_accepts(doc: Any, name: str, *, strict: bool) -> bool:
    return reference(name, strict).is_valid(doc)


UNLIMITED_SIZE = Limits(max_bytes=1 << 30)


def package_errors(doc: Any, name: str, *, strict: bool) -> list[tuple[str, str]] | None:
    """None if the package accepts `doc`, else its (path, rule) list."""
    try:
        # The size limit is no rule of the contract: a thousand drawn tickets may pass 1 MiB.
        getattr(models, name).from_json(orjson.dumps(doc), strict=strict, limits=UNLIMITED_SIZE)
    except ContractError as exc:
        return [(e.path, e.rule) for e in exc.errors]
    return None


def compared(kind: str) -> bool:
    return kind not in conformance.SCHEMA_SKIPPED_KINDS


# --------------------------------------------------------------------------- valid input


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_valid_documents_are_accepted_by_both(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name, float_ints=True), label="doc")
    for strict in (True, False):
        assert package_errors(doc, name, strict=strict) is None
        assert schema_accepts(doc, name, strict=strict)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@PROFILE
@given(data=st.data())
def test_tolerant_noise_agrees(name: str, data: st.DataObject) -> None:
    noisy = data.draw(documents(name).flatmap(lambda d: noise(d, name)), label="noisy")
    doc = noisy.document
    assert package_errors(doc, name, strict=False) is None
    assert schema_accepts(doc, name, strict=False)
    strict_errors = package_errors(doc, name, strict=True)
    assert (strict_errors is None) == schema_accepts(doc, name, strict=True)
    assert (strict_errors is None) == (not noisy.violations)


# --------------------------------------------------------------------------- one broken rule


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@MUTATION_PROFILE
@given(data=st.data())
def test_mutations_agree_with_schema(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name), label="doc")
    mutation = data.draw(mutations(doc, name, kinds=compared), label="mutation")
    assert mutation.kind not in conformance.SCHEMA_SKIPPED_KINDS
    for strict in (True, False):
        package_ok = package_errors(mutation.document, name, strict=strict) is None
        assert package_ok == schema_accepts(mutation.document, name, strict=strict), (strict, mutation)
        assert package_ok == (mutation.strict_only and not strict), (strict, mutation)


@pytest.mark.parametrize("name", TOPIC_MESSAGES)
@MUTATION_PROFILE
@given(data=st.data())
def test_mutations_report_path_and_rule(name: str, data: st.DataObject) -> None:
    doc = data.draw(documents(name), label="doc")
    mutation = data.draw(mutations(doc, name), label="mutation")
    assert mutation.path is not None and mutation.rule is not None
    assert package_errors(mutation.document, name, strict=True) == [(mutation.path, mutation.rule)]
    tolerant = package_errors(mutation.document, name, strict=False)
    assert tolerant == (None if mutation.strict_only else [(mutation.path, mutation.rule)])


# --------------------------------------------------------------------------- the documented exceptions


def test_exceptions_are_documented_once() -> None:
    kinds = [e.kind for e in conformance.SCHEMA_EXCEPTIONS]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) <= set(MUTATION_RULES)
    for e in conformance.SCHEMA_EXCEPTIONS:
        assert e.rule == MUTATION_RULES[e.kind] and e.reason and e.handling in ("skip", "adapt")


def _has_rule_of(name: str, kinds: frozenset[str]) -> bool:
    """Whether `name` (or a message inside it) has a field a mutation kind of `kinds` applies to."""
    wanted = {"duplicate_ids": lambda f: f.unique_by, "not_before": lambda f: f.not_before}
    for f in MESSAGES[name].fields:
        if any(wanted[k](f) for k in kinds if k in wanted):
            return True
        if f.kind == "message" and _has_rule_of(f.type_name, kinds):
            return True
    return False


BEYOND_SCHEMA = [n for n in TOPIC_MESSAGES if _has_rule_of(n, conformance.SCHEMA_SKIPPED_KINDS)]


@pytest.mark.parametrize("name", BEYOND_SCHEMA)
@PROFILE
@given(data=st.data())
def test_skipped_rules_are_beyond_the_schema(name: str, data: st.DataObject) -> None:
    """What the differential test leaves out: the package refuses it, the schemas accept it."""
    doc = data.draw(documents(name), label="doc")
    mutation = data.draw(mutations(doc, name, kinds=conformance.SCHEMA_SKIPPED_KINDS.__contains__), label="mutation")
    for strict in (True, False):
        assert package_errors(mutation.document, name, strict=strict) == [(mutation.path, mutation.rule)]
        assert schema_accepts(mutation.document, name, strict=strict)


def test_skipped_rules_occur() -> None:
    """Each skipped kind names a rule some topic message has (else the entry is stale)."""
    assert sorted(BEYOND_SCHEMA) == ["Event", "Order"]
    fields = [f for m in MESSAGES.values() for f in m.fields]
    present = {"duplicate_ids": any(f.unique_by for f in fields), "not_before": any(f.not_before for f in fields)}
    assert conformance.SCHEMA_SKIPPED_KINDS == {k for k, v in present.items() if v}


@pytest.mark.parametrize(
    ("value", "ecma", "python"),
    [
        ("a@b.c\n", False, True),  # `$` before a trailing newline
        ("a\x85b@c.d", True, False),  # U+0085 is `\s` for Python only
        ("a\x1c@c.d", True, False),  # so is U+001C
        ("a b@c.d", False, False),
        ("a\u00a0b@c.d", False, False),  # U+00A0 is `\s` for both
    ],
)
def test_ecma_pattern_adaptation_is_needed(value: str, ecma: bool, python: bool) -> None:
    """The `adapt` entry: the plain validator runs ECMA-262 patterns with Python's `re` and gets these wrong."""
    doc = {"email": value, "phone": "+12345678"}
    customer = {**schema("Refund", "writer")["$defs"]["Customer"], "$schema": schema("Refund", "writer")["$schema"]}
    assert EcmaValidator(customer).is_valid(doc) is ecma
    assert Draft202012Validator(customer).is_valid(doc) is python
    refund = {"customer": doc, "ticket_ids": ["t"]}
    assert (package_errors(refund, "Refund", strict=True) is None) is ecma
