"""Release notes: the `contracts/CHANGELOG.md` entry `vibe-contracts release` writes from the gate's findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .gate import Verdict

CHANGELOG = "contracts/CHANGELOG.md"
HEADER = """# Contract changelog

One entry per released contract version (`schema-version`), newest first,
written by `vibe-contracts release` from the breaking-change gate's findings,
and one per retired major, written by `vibe-contracts retire`.
"""


def entry(version: str, day: date, verdict: Verdict | None) -> str:
    """The entry of one release: version, date, each change in words, who must act."""
    lines = [f"## {version} ({day.isoformat()})", ""]
    if verdict is None:
        return "\n".join([*lines, "First release.", ""])
    changes = list(dict.fromkeys(f.words for f in verdict.findings))
    if changes:
        lines += ["Changes against " + verdict.old_version + ":", "", *(f"- {words}" for words in changes), ""]
    else:
        lines += [f"No change to the schemas or the Protobuf form against {verdict.old_version} "
                  "(documentation only).", ""]
    return "\n".join([*lines, "Who must act:", "", *_who_must_act(verdict), ""])


def _who_must_act(verdict: Verdict) -> list[str]:
    new_majors = sorted({f.package for f in verdict.findings if f.breaking})
    if new_majors:
        return [f"- Consumers: move to {package} (schema-version {verdict.new_version}) at your own pace; "
                f"the previous major stays published and generated until you have." for package in new_majors] + [
                "- Producers: write the new major only to consumers that read it; keep writing the previous one "
                "until they all do."]
    if verdict.findings:
        return ["- Nobody: every change is compatible both ways (old readers read new data, new readers read "
                "old data). Upgrade to use what is new."]
    return ["- Nobody."]


def add_entry(root: Path, version: str, day: date, verdict: Verdict | None) -> None:
    """Put the entry of `version` first in the changelog (created when missing)."""
    _put_first(root, entry(version, day, verdict))


def add_section(root: Path, title: str, items: list[str]) -> None:
    """Put an entry that is not a release (a retired major) first, as a titled list."""
    _put_first(root, "\n".join([f"## {title}", "", *(f"- {item}" for item in items), ""]))


def _put_first(root: Path, text: str) -> None:
    path = root / CHANGELOG
    old = path.read_text() if path.is_file() else HEADER
    head, _, rest = old.partition("\n## ")
    body = text + ("\n## " + rest if rest else "")
    path.write_text(head.rstrip("\n") + "\n\n" + body)
