"""The contracts' code generator: .proto source → JSON Schema, Python and TypeScript.

Stages: `buf` (descriptors) → `lower` (neutral model, `ir`) → `emit_*` → `pipeline` (files).
A development tool: the published packages never import it.
"""
