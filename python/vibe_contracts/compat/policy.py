"""Compatibility policy: which change kinds each mode tolerates.

*backward*
    Every instance valid under the original is valid under the update (a
    consumer on the new schema reads data written with the old one): changes
    that widen, or do not affect validity, are compatible.
*forward*
    The mirror: every instance valid under the update is valid under the
    original, so narrowing changes are compatible.
*full*
    Both; only changes without effect on validity are compatible.

Changes of unknown effect break every mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .change import Change, ChangeKind, Effect

Mode = Literal["backward", "forward", "full"]
MODES: tuple[Mode, ...] = ("backward", "forward", "full")


def _kinds_with(*effects: Effect) -> frozenset[ChangeKind]:
    return frozenset(kind for kind in ChangeKind if kind.effect in effects)


BACKWARD_COMPATIBLE_CHANGES = _kinds_with(Effect.NONE, Effect.WIDENS)
FORWARD_COMPATIBLE_CHANGES = _kinds_with(Effect.NONE, Effect.NARROWS)
FULL_COMPATIBLE_CHANGES = BACKWARD_COMPATIBLE_CHANGES & FORWARD_COMPATIBLE_CHANGES

COMPATIBLE_CHANGES: Mapping[Mode, frozenset[ChangeKind]] = {
    "backward": BACKWARD_COMPATIBLE_CHANGES,
    "forward": FORWARD_COMPATIBLE_CHANGES,
    "full": FULL_COMPATIBLE_CHANGES,
}


@dataclass(frozen=True)
class CompatResult:
    """Outcome of a compatibility check.

    Attributes
    ----------
    mode : str
        ``"backward"``, ``"forward"`` or ``"full"``.
    changes : list of Change
        Every change found, in detection order.
    breaking : list of Change
        The changes that break ``mode``.
    """

    mode: Mode
    changes: list[Change]
    breaking: list[Change]

    @property
    def compatible(self) -> bool:
        """Whether no change breaks the mode."""
        return not self.breaking


def validate_mode(mode: str) -> Mode:
    """Return ``mode`` if it names a compatibility mode.

    Raises
    ------
    ValueError
        If ``mode`` is not one of :data:`MODES`.
    """
    for known in MODES:
        if mode == known:
            return known
    raise ValueError(f"unknown compatibility mode {mode!r}; expected one of {', '.join(MODES)}")


def is_breaking(kind: ChangeKind, mode: str) -> bool:
    """Return whether a change of ``kind`` breaks compatibility ``mode``."""
    return kind not in COMPATIBLE_CHANGES[validate_mode(mode)]


def assess(changes: Iterable[Change], mode: str) -> CompatResult:
    """Judge detected ``changes`` under ``mode``.

    Parameters
    ----------
    changes : iterable of Change
        Output of :func:`vibe_contracts.compat.jsonschema_diff.compare`.
    mode : str
        ``"backward"``, ``"forward"`` or ``"full"``.

    Returns
    -------
    CompatResult
        All changes and the breaking subset.
    """
    checked = validate_mode(mode)
    found = list(changes)
    return CompatResult(checked, found, [c for c in found if is_breaking(c.kind, checked)])
