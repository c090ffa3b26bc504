"""The published JSON Schemas (Draft 2020-12) of the topic messages, as shipped in the package: the newest major's.

The *writer* form holds what producers must send (strict: no unknown keys, no
nulls of optional fields); the *reader* form what consumers accept (tolerant).
A few rules are beyond JSON Schema (ticket ids unique within an order,
`finish_at` not before `start_at`); each schema names them in a `$comment`,
and the library's own validator checks them (docs/spec.md §3).
"""

from __future__ import annotations

from ._gen.current import json_schema
from ._schemas import Form

__all__ = ["Form", "json_schema"]
