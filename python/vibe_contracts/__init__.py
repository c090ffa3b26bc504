"""Kafka integration contracts between the ticketing platform and the Vibe app.

Typed models of the five messages (Organizer, Event, Order, Refund, Ticket),
strict and tolerant validation, JSON and Protobuf forms, one error type.
This top level is the newest major in the package; `vibe_contracts.v1`, … are
each major on its own (docs/spec.md §7).
"""

from __future__ import annotations

from ._gen import current as _current
from ._gen.current import *  # noqa: F403 - the newest major: its models, enums, CONTRACT_VERSION, decode, encode
from ._codec import Format
from ._model import Contract
from .errors import ContractError, Violation
from .limits import Limits, set_default_limits

__version__ = "1.0.0"

__all__ = [
    "Contract",
    "ContractError",
    "Format",
    "Limits",
    "Violation",
    "__version__",
    "set_default_limits",
]
__all__ += _current.__all__
