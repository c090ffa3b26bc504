"""docs/spec.md: the contract in the project, cited by the README, the docs and the package."""

from __future__ import annotations

import re
from pathlib import Path

from vibe_contracts.errors import RULES

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "docs" / "spec.md").read_text()


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return "#" + re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


SECTIONS = {m.group(1): anchor(m.group(0).lstrip("# ")) for m in re.finditer(r"^## (\d)\. .+$", SPEC, flags=re.M)}


def test_the_spec_has_its_seven_sections() -> None:
    assert list(SECTIONS) == [str(n) for n in range(1, 8)]


def test_links_to_the_spec_name_sections_it_has() -> None:
    for doc in (ROOT / "README.md", *(ROOT / "docs").glob("*.md")):
        for section, target in re.findall(r"\[spec §(\d)\]\((?:docs/)?spec\.md(#[^)]*)\)", doc.read_text()):
            assert SECTIONS[section] == target, (doc.name, section, target)
    assert "[docs/spec.md](docs/spec.md)" in (ROOT / "README.md").read_text()


def test_nothing_cites_a_spec_file_that_is_not_in_the_repository() -> None:
    cited = [ROOT / "README.md", ROOT / "docs" / "limits.md", *(ROOT / "python" / "vibe_contracts").glob("*.py"),
             *(ROOT / "python" / "vibe_contracts" / "kafka").glob("*.py")]
    for path in cited:
        text = path.read_text()
        assert "SPEC.md" not in text and not re.search(r"SPEC §", text), path
        for section in re.findall(r"docs/spec\.md §(\d)", text):
            assert section in SECTIONS, (path, section)


def test_the_spec_names_every_message_rule() -> None:
    rules = SPEC[SPEC.index("## 3."):SPEC.index("## 4.")]
    named = set(re.findall(r"`([a-z_]+)`", rules))
    assert set(RULES[:RULES.index("limit") + 2]) <= named  # the message rules, limit and duplicate_key
