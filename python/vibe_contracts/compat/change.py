"""Vocabulary of schema changes: what changed, where, and what it does to validity.

Every :class:`ChangeKind` carries an :class:`Effect` describing how the change
alters the set of instances the schema accepts, read from the original schema
to the update.  The effect is a fact about the change; which effects a
compatibility mode tolerates is decided in :mod:`vibe_contracts.compat.policy`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Effect(enum.Enum):
    """How a change alters the set of accepted instances (original → update)."""

    NONE = "none"
    """Validity of every instance is unchanged (annotations, equivalent rewrites)."""
    WIDENS = "widens"
    """The update accepts at least what the original accepted."""
    NARROWS = "narrows"
    """The update accepts at most what the original accepted."""
    UNKNOWN = "unknown"
    """The change may both admit and reject instances, or was not analysed."""


class ChangeKind(enum.Enum):
    """Closed set of change kinds, named ``KEYWORD_ACTION``."""

    @staticmethod
    def _generate_next_value_(name: str, start: int, count: int, last_values: list[object]) -> str:
        return name

    # Whole schema
    SCHEMA_EXTENDED = enum.auto()
    SCHEMA_NARROWED = enum.auto()
    SCHEMA_CHANGED = enum.auto()
    NESTING_DEPTH_EXCEEDED = enum.auto()
    # type, const, enum
    TYPE_ADDED = enum.auto()
    TYPE_REMOVED = enum.auto()
    TYPE_EXTENDED = enum.auto()
    TYPE_NARROWED = enum.auto()
    TYPE_CHANGED = enum.auto()
    CONST_ADDED = enum.auto()
    CONST_REMOVED = enum.auto()
    CONST_CHANGED = enum.auto()
    ENUM_ADDED = enum.auto()
    ENUM_REMOVED = enum.auto()
    ENUM_VALUE_ADDED = enum.auto()
    ENUM_VALUE_REMOVED = enum.auto()
    # Strings
    MIN_LENGTH_ADDED = enum.auto()
    MIN_LENGTH_REMOVED = enum.auto()
    MIN_LENGTH_INCREASED = enum.auto()
    MIN_LENGTH_DECREASED = enum.auto()
    MAX_LENGTH_ADDED = enum.auto()
    MAX_LENGTH_REMOVED = enum.auto()
    MAX_LENGTH_INCREASED = enum.auto()
    MAX_LENGTH_DECREASED = enum.auto()
    PATTERN_ADDED = enum.auto()
    PATTERN_REMOVED = enum.auto()
    PATTERN_CHANGED = enum.auto()
    FORMAT_ADDED = enum.auto()
    FORMAT_REMOVED = enum.auto()
    FORMAT_CHANGED = enum.auto()
    # Numbers
    MINIMUM_ADDED = enum.auto()
    MINIMUM_REMOVED = enum.auto()
    MINIMUM_INCREASED = enum.auto()
    MINIMUM_DECREASED = enum.auto()
    MAXIMUM_ADDED = enum.auto()
    MAXIMUM_REMOVED = enum.auto()
    MAXIMUM_INCREASED = enum.auto()
    MAXIMUM_DECREASED = enum.auto()
    EXCLUSIVE_MINIMUM_ADDED = enum.auto()
    EXCLUSIVE_MINIMUM_REMOVED = enum.auto()
    EXCLUSIVE_MINIMUM_INCREASED = enum.auto()
    EXCLUSIVE_MINIMUM_DECREASED = enum.auto()
    EXCLUSIVE_MAXIMUM_ADDED = enum.auto()
    EXCLUSIVE_MAXIMUM_REMOVED = enum.auto()
    EXCLUSIVE_MAXIMUM_INCREASED = enum.auto()
    EXCLUSIVE_MAXIMUM_DECREASED = enum.auto()
    MULTIPLE_OF_ADDED = enum.auto()
    MULTIPLE_OF_REMOVED = enum.auto()
    MULTIPLE_OF_INCREASED = enum.auto()
    MULTIPLE_OF_DECREASED = enum.auto()
    MULTIPLE_OF_CHANGED = enum.auto()
    # Objects
    REQUIRED_PROPERTY_ADDED = enum.auto()
    REQUIRED_PROPERTY_REMOVED = enum.auto()
    PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL = enum.auto()
    PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL = enum.auto()
    PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL = enum.auto()
    PROPERTY_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL = enum.auto()
    PROPERTY_ADDED_TO_PARTIALLY_OPEN_CONTENT_MODEL = enum.auto()
    PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL = enum.auto()
    PROPERTY_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL = enum.auto()
    PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL = enum.auto()
    PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL = enum.auto()
    PROPERTY_REMOVED_FROM_PARTIALLY_OPEN_CONTENT_MODEL = enum.auto()
    PATTERN_PROPERTY_ADDED = enum.auto()
    PATTERN_PROPERTY_REMOVED = enum.auto()
    ADDITIONAL_PROPERTIES_EXTENDED = enum.auto()
    ADDITIONAL_PROPERTIES_NARROWED = enum.auto()
    ADDITIONAL_PROPERTIES_SCOPE_CHANGED = enum.auto()
    UNEVALUATED_PROPERTIES_EXTENDED = enum.auto()
    UNEVALUATED_PROPERTIES_NARROWED = enum.auto()
    UNEVALUATED_PROPERTIES_CHANGED = enum.auto()
    MIN_PROPERTIES_ADDED = enum.auto()
    MIN_PROPERTIES_REMOVED = enum.auto()
    MIN_PROPERTIES_INCREASED = enum.auto()
    MIN_PROPERTIES_DECREASED = enum.auto()
    MAX_PROPERTIES_ADDED = enum.auto()
    MAX_PROPERTIES_REMOVED = enum.auto()
    MAX_PROPERTIES_INCREASED = enum.auto()
    MAX_PROPERTIES_DECREASED = enum.auto()
    DEPENDENT_REQUIRED_ADDED = enum.auto()
    DEPENDENT_REQUIRED_REMOVED = enum.auto()
    DEPENDENT_REQUIRED_EXTENDED = enum.auto()
    DEPENDENT_REQUIRED_NARROWED = enum.auto()
    DEPENDENT_REQUIRED_CHANGED = enum.auto()
    DEPENDENT_SCHEMA_ADDED = enum.auto()
    DEPENDENT_SCHEMA_REMOVED = enum.auto()
    REGEX_UNSUPPORTED = enum.auto()
    # Arrays
    MIN_ITEMS_ADDED = enum.auto()
    MIN_ITEMS_REMOVED = enum.auto()
    MIN_ITEMS_INCREASED = enum.auto()
    MIN_ITEMS_DECREASED = enum.auto()
    MAX_ITEMS_ADDED = enum.auto()
    MAX_ITEMS_REMOVED = enum.auto()
    MAX_ITEMS_INCREASED = enum.auto()
    MAX_ITEMS_DECREASED = enum.auto()
    UNIQUE_ITEMS_ADDED = enum.auto()
    UNIQUE_ITEMS_REMOVED = enum.auto()
    ITEM_ADDED_TO_OPEN_CONTENT_MODEL = enum.auto()
    ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL = enum.auto()
    ITEM_ADDED_TO_CLOSED_CONTENT_MODEL = enum.auto()
    ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL = enum.auto()
    ITEM_ADDED_TO_PARTIALLY_OPEN_CONTENT_MODEL = enum.auto()
    ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL = enum.auto()
    ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL = enum.auto()
    ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL = enum.auto()
    ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL = enum.auto()
    ITEM_REMOVED_FROM_PARTIALLY_OPEN_CONTENT_MODEL = enum.auto()
    ITEMS_EXTENDED = enum.auto()
    ITEMS_NARROWED = enum.auto()
    ADDITIONAL_ITEMS_EXTENDED = enum.auto()
    ADDITIONAL_ITEMS_NARROWED = enum.auto()
    UNEVALUATED_ITEMS_EXTENDED = enum.auto()
    UNEVALUATED_ITEMS_NARROWED = enum.auto()
    UNEVALUATED_ITEMS_CHANGED = enum.auto()
    CONTAINS_ADDED = enum.auto()
    CONTAINS_REMOVED = enum.auto()
    CONTAINS_CHANGED = enum.auto()
    MIN_CONTAINS_INCREASED = enum.auto()
    MIN_CONTAINS_DECREASED = enum.auto()
    MAX_CONTAINS_ADDED = enum.auto()
    MAX_CONTAINS_REMOVED = enum.auto()
    MAX_CONTAINS_INCREASED = enum.auto()
    MAX_CONTAINS_DECREASED = enum.auto()
    # Combined schemas and conditionals
    ALL_OF_ADDED = enum.auto()
    ALL_OF_REMOVED = enum.auto()
    ANY_OF_ADDED = enum.auto()
    ANY_OF_REMOVED = enum.auto()
    ONE_OF_ADDED = enum.auto()
    ONE_OF_REMOVED = enum.auto()
    PRODUCT_TYPE_EXTENDED = enum.auto()
    PRODUCT_TYPE_NARROWED = enum.auto()
    SUM_TYPE_EXTENDED = enum.auto()
    SUM_TYPE_NARROWED = enum.auto()
    COMBINED_TYPE_EXTENDED = enum.auto()
    COMBINED_TYPE_NARROWED = enum.auto()
    COMBINED_TYPE_SUBSCHEMAS_CHANGED = enum.auto()
    NOT_ADDED = enum.auto()
    NOT_REMOVED = enum.auto()
    NOT_EXTENDED = enum.auto()
    NOT_NARROWED = enum.auto()
    NOT_CHANGED = enum.auto()
    IF_ADDED = enum.auto()
    IF_REMOVED = enum.auto()
    IF_CHANGED = enum.auto()
    # References
    REF_ADDED = enum.auto()
    REF_REMOVED = enum.auto()
    REF_CHANGED = enum.auto()
    DYNAMIC_REF_UNSUPPORTED = enum.auto()
    # Unknown keywords
    UNKNOWN_KEYWORD_ADDED = enum.auto()
    UNKNOWN_KEYWORD_REMOVED = enum.auto()
    UNKNOWN_KEYWORD_CHANGED = enum.auto()
    # Annotations
    TITLE_CHANGED = enum.auto()
    DESCRIPTION_CHANGED = enum.auto()
    COMMENT_CHANGED = enum.auto()
    ID_CHANGED = enum.auto()
    DIALECT_CHANGED = enum.auto()
    ANCHOR_CHANGED = enum.auto()
    VOCABULARY_CHANGED = enum.auto()
    EXAMPLES_CHANGED = enum.auto()
    DEFAULT_CHANGED = enum.auto()
    DEPRECATED_CHANGED = enum.auto()
    READ_ONLY_CHANGED = enum.auto()
    WRITE_ONLY_CHANGED = enum.auto()
    CONTENT_CHANGED = enum.auto()

    @property
    def effect(self) -> Effect:
        """How this kind of change alters the set of accepted instances."""
        return EFFECTS[self]


@dataclass(frozen=True)
class Change:
    """One change found between two schemas.

    Attributes
    ----------
    kind : ChangeKind
        What changed.
    path : str
        JSON Pointer (RFC 6901) into the schema, written as a URI fragment
        (``#`` is the root, e.g. ``#/properties/tickets/items/maxLength``).
    """

    kind: ChangeKind
    path: str

    def __str__(self) -> str:
        return f"{self.kind.name} {self.path}"


def _kinds(names: str) -> frozenset[ChangeKind]:
    return frozenset(ChangeKind[name] for name in names.split())


_NO_EFFECT = _kinds(
    """
    TITLE_CHANGED DESCRIPTION_CHANGED COMMENT_CHANGED ID_CHANGED DIALECT_CHANGED
    ANCHOR_CHANGED VOCABULARY_CHANGED EXAMPLES_CHANGED DEFAULT_CHANGED
    DEPRECATED_CHANGED READ_ONLY_CHANGED WRITE_ONLY_CHANGED CONTENT_CHANGED
    PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
    PROPERTY_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL
    PROPERTY_ADDED_TO_PARTIALLY_OPEN_CONTENT_MODEL
    PROPERTY_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL
    PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
    PROPERTY_REMOVED_FROM_PARTIALLY_OPEN_CONTENT_MODEL
    ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL
    ITEM_WITH_FALSE_ADDED_TO_CLOSED_CONTENT_MODEL
    ITEM_ADDED_TO_PARTIALLY_OPEN_CONTENT_MODEL
    ITEM_WITH_EMPTY_SCHEMA_REMOVED_FROM_OPEN_CONTENT_MODEL
    ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL
    ITEM_REMOVED_FROM_PARTIALLY_OPEN_CONTENT_MODEL
    """
)

_WIDENING = _kinds(
    """
    SCHEMA_EXTENDED TYPE_REMOVED TYPE_EXTENDED CONST_REMOVED ENUM_REMOVED ENUM_VALUE_ADDED
    MIN_LENGTH_REMOVED MIN_LENGTH_DECREASED MAX_LENGTH_REMOVED MAX_LENGTH_INCREASED
    PATTERN_REMOVED FORMAT_REMOVED
    MINIMUM_REMOVED MINIMUM_DECREASED MAXIMUM_REMOVED MAXIMUM_INCREASED
    EXCLUSIVE_MINIMUM_REMOVED EXCLUSIVE_MINIMUM_DECREASED
    EXCLUSIVE_MAXIMUM_REMOVED EXCLUSIVE_MAXIMUM_INCREASED
    MULTIPLE_OF_REMOVED MULTIPLE_OF_DECREASED
    REQUIRED_PROPERTY_REMOVED PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL
    PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL PATTERN_PROPERTY_REMOVED
    ADDITIONAL_PROPERTIES_EXTENDED UNEVALUATED_PROPERTIES_EXTENDED
    MIN_PROPERTIES_REMOVED MIN_PROPERTIES_DECREASED MAX_PROPERTIES_REMOVED MAX_PROPERTIES_INCREASED
    DEPENDENT_REQUIRED_REMOVED DEPENDENT_REQUIRED_NARROWED DEPENDENT_SCHEMA_REMOVED
    MIN_ITEMS_REMOVED MIN_ITEMS_DECREASED MAX_ITEMS_REMOVED MAX_ITEMS_INCREASED
    UNIQUE_ITEMS_REMOVED ITEM_ADDED_TO_CLOSED_CONTENT_MODEL ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL
    ITEMS_EXTENDED ADDITIONAL_ITEMS_EXTENDED UNEVALUATED_ITEMS_EXTENDED
    CONTAINS_REMOVED MIN_CONTAINS_DECREASED MAX_CONTAINS_REMOVED MAX_CONTAINS_INCREASED
    ALL_OF_REMOVED ANY_OF_REMOVED ONE_OF_REMOVED PRODUCT_TYPE_NARROWED SUM_TYPE_EXTENDED
    COMBINED_TYPE_EXTENDED NOT_REMOVED NOT_NARROWED IF_REMOVED REF_REMOVED
    """
)

_NARROWING = _kinds(
    """
    SCHEMA_NARROWED TYPE_ADDED TYPE_NARROWED CONST_ADDED ENUM_ADDED ENUM_VALUE_REMOVED
    MIN_LENGTH_ADDED MIN_LENGTH_INCREASED MAX_LENGTH_ADDED MAX_LENGTH_DECREASED
    PATTERN_ADDED FORMAT_ADDED
    MINIMUM_ADDED MINIMUM_INCREASED MAXIMUM_ADDED MAXIMUM_DECREASED
    EXCLUSIVE_MINIMUM_ADDED EXCLUSIVE_MINIMUM_INCREASED
    EXCLUSIVE_MAXIMUM_ADDED EXCLUSIVE_MAXIMUM_DECREASED
    MULTIPLE_OF_ADDED MULTIPLE_OF_INCREASED
    REQUIRED_PROPERTY_ADDED PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL
    PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL PATTERN_PROPERTY_ADDED
    ADDITIONAL_PROPERTIES_NARROWED UNEVALUATED_PROPERTIES_NARROWED
    MIN_PROPERTIES_ADDED MIN_PROPERTIES_INCREASED MAX_PROPERTIES_ADDED MAX_PROPERTIES_DECREASED
    DEPENDENT_REQUIRED_ADDED DEPENDENT_REQUIRED_EXTENDED DEPENDENT_SCHEMA_ADDED
    MIN_ITEMS_ADDED MIN_ITEMS_INCREASED MAX_ITEMS_ADDED MAX_ITEMS_DECREASED
    UNIQUE_ITEMS_ADDED ITEM_ADDED_TO_OPEN_CONTENT_MODEL ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL
    ITEMS_NARROWED ADDITIONAL_ITEMS_NARROWED UNEVALUATED_ITEMS_NARROWED
    CONTAINS_ADDED MIN_CONTAINS_INCREASED MAX_CONTAINS_ADDED MAX_CONTAINS_DECREASED
    ALL_OF_ADDED ANY_OF_ADDED ONE_OF_ADDED PRODUCT_TYPE_EXTENDED SUM_TYPE_NARROWED
    COMBINED_TYPE_NARROWED NOT_ADDED NOT_EXTENDED IF_ADDED REF_ADDED
    """
)

_UNKNOWN = _kinds(
    """
    SCHEMA_CHANGED NESTING_DEPTH_EXCEEDED TYPE_CHANGED CONST_CHANGED PATTERN_CHANGED
    FORMAT_CHANGED MULTIPLE_OF_CHANGED ADDITIONAL_PROPERTIES_SCOPE_CHANGED
    UNEVALUATED_PROPERTIES_CHANGED DEPENDENT_REQUIRED_CHANGED REGEX_UNSUPPORTED
    UNEVALUATED_ITEMS_CHANGED CONTAINS_CHANGED COMBINED_TYPE_SUBSCHEMAS_CHANGED
    NOT_CHANGED IF_CHANGED REF_CHANGED DYNAMIC_REF_UNSUPPORTED
    UNKNOWN_KEYWORD_ADDED UNKNOWN_KEYWORD_REMOVED UNKNOWN_KEYWORD_CHANGED
    """
)

EFFECTS: dict[ChangeKind, Effect] = {
    **{kind: Effect.NONE for kind in _NO_EFFECT},
    **{kind: Effect.WIDENS for kind in _WIDENING},
    **{kind: Effect.NARROWS for kind in _NARROWING},
    **{kind: Effect.UNKNOWN for kind in _UNKNOWN},
}
"""Effect of every change kind (tests check that each kind appears exactly once)."""
