"""The JSON side of the gate: the generated schemas of one package, release against working tree.

Every change is named as the maintainer made it — released schema first, new
one second, in each form — so an added ticket status reads "enum value added",
never the reversed view of a reader compared with a writer. Whether it breaks
is decided by the two checks docs/spec.md §7 asks for, both also read old → new:

- old writer → new reader, backward: a new reader reads what an old writer wrote;
- old reader → new writer, forward: an old reader reads what a new writer writes.

A change that one of them refuses is breaking, and its line says who breaks.
"""

from __future__ import annotations

from typing import Any

from vibe_contracts.compat import check, compare
from vibe_contracts.compat.change import Change, ChangeKind, Effect

from .gate_finding import Finding, message_of_schema, package_of_schema

_MISSING = object()
_COMBINATORS = ("anyOf", "oneOf", "allOf")
_EFFECT_WORDS = {Effect.WIDENS: "accepts more", Effect.NARROWS: "accepts less", Effect.UNKNOWN: "effect not proved"}
# Kinds whose schema name says less than the edit that causes them.
_WORDS = {
    ChangeKind.PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL: "field added",
    ChangeKind.PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL: "field added",
    ChangeKind.PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: "field removed",
    ChangeKind.PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL: "field removed",
    ChangeKind.REQUIRED_PROPERTY_ADDED: "field made required",
    ChangeKind.REQUIRED_PROPERTY_REMOVED: "field made optional",
}


def schema_findings(old: dict[str, Any], new: dict[str, Any], old_version: str, new_version: str) -> list[Finding]:
    """Findings for the schema files of one package; `old`/`new` map file name → schema."""
    major = old_version.split(".")[0]
    findings = [
        Finding(package_of_schema(name), name, "#", "SCHEMA_REMOVED", True,
                f"{message_of_schema(name)}: message removed; readers and writers of {major}.x lose it")
        for name in sorted(set(old) - set(new))
    ]
    findings += [
        Finding(package_of_schema(name), name, "#", "SCHEMA_ADDED", False,
                f"{message_of_schema(name)}: message added; nobody breaks")
        for name in sorted(set(new) - set(old))
    ]
    for writer in sorted(n for n in set(old) & set(new) if n.endswith(".writer.schema.json")):
        reader = writer.replace(".writer.", ".reader.")
        if reader in old and reader in new:
            findings += _message(writer, reader, old, new, major, new_version)
    return findings


def _message(writer: str, reader: str, old: dict[str, Any], new: dict[str, Any], major: str, version: str) -> list[Finding]:
    old_w, new_w, old_r, new_r = old[writer], new[writer], old[reader], new[reader]
    refused_by_new_readers = _keys(check(old_w, new_r, mode="backward").breaking)
    refused_by_old_readers = _keys(check(old_r, new_w, mode="forward").breaking)

    def who(key: tuple[ChangeKind, str]) -> list[str]:
        return [words for refused, words in (
            (refused_by_old_readers, f"readers of {major}.x refuse it"),
            (refused_by_new_readers, f"readers of {version} refuse what writers of {major}.x send"),
        ) if key in refused]

    findings, seen, said = [], set(), set()
    for file, before, after in ((writer, old_w, new_w), (reader, old_r, new_r)):
        for change in compare(before, after):
            key = (change.kind, change.path)
            # One edit shows in both forms, maybe under two names (a field added to a closed writer, an open reader).
            edit = (_WORDS.get(change.kind, change.kind), change.path, bool(who(key)))
            if change.kind.effect is Effect.NONE or key in seen or edit in said:
                continue
            seen.add(key)
            said.add(edit)
            findings.append(_finding(file, change, before, after, who(key)))
    # What only the cross checks see (a writer rule against a reader rule): listed on its own.
    for file, before, after, refused in ((reader, old_w, new_r, refused_by_new_readers),
                                         (writer, old_r, new_w, refused_by_old_readers)):
        for change in compare(before, after):
            key = (change.kind, change.path)
            if key in refused and key not in seen:
                seen.add(key)
                findings.append(_finding(file, change, before, after, who(key)))
    return findings


def _keys(changes: list[Change]) -> set[tuple[ChangeKind, str]]:
    return {(c.kind, c.path) for c in changes}


def _finding(file: str, change: Change, before: Any, after: Any, who: list[str]) -> Finding:
    subject = f"{message_of_schema(file)}{_field(change.path)}"
    what = _WORDS.get(change.kind, change.kind.name.lower().replace("_", " "))
    detail = _detail(change, before, after)
    effect = f"the {file.split('.')[-3]} schema {_EFFECT_WORDS[change.kind.effect]}"
    consequence = "; ".join(who) if who else "nobody breaks"
    words = f"{subject}: {what}{f' ({detail})' if detail else ''}; {effect} — {consequence}"
    return Finding(package_of_schema(file), file, change.path, change.kind.name, bool(who), words)


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.removeprefix("#").split("/")[1:]]


def _field(pointer: str) -> str:
    """`.tickets[].currency` for `#/properties/tickets/items/properties/currency/enum/3`."""
    tokens, parts, i = _tokens(pointer), [], 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("properties", "$defs") and i + 1 < len(tokens):
            parts = [tokens[i + 1]] if token == "$defs" else [*parts, tokens[i + 1]]
            i += 2
        elif token == "items":
            parts = [*parts[:-1], f"{parts[-1] if parts else ''}[]"]
            i += 1
        elif token in _COMBINATORS and i + 1 < len(tokens):
            i += 2
        else:
            break
    return "".join(f".{p}" for p in parts)


def _resolve(schema: Any, pointer: str) -> Any:
    for token in _tokens(pointer):
        if isinstance(schema, dict) and token in schema:
            schema = schema[token]
        elif isinstance(schema, list) and token.isdigit() and int(token) < len(schema):
            schema = schema[int(token)]
        else:
            return _MISSING
    return schema


def _detail(change: Change, before: Any, after: Any) -> str:
    """The values behind a change when they are short: `64 → 128`, `"reserved"`."""
    old, new = (_resolve(s, change.path) for s in (before, after))
    scalar = (str, int, float, bool)
    name = change.kind.name
    old_ok = isinstance(old, scalar) and not name.endswith("_ADDED")
    new_ok = isinstance(new, scalar) and not name.endswith("_REMOVED")
    if old_ok and new_ok and old != new:
        return f"{_text(old)} → {_text(new)}"
    if new_ok and not old_ok:
        return _text(new)
    if old_ok and not new_ok:
        return f"was {_text(old)}"
    return ""


def _text(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
