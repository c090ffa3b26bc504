"""IR → the Python package's public modules per major, and which major the top level serves.

`_gen/current.py` re-exports the newest major in the source: the top-level
`vibe_contracts` API is that major (docs/spec.md §7).
"""

from __future__ import annotations

from .emit_python import GEN_DIR, major_dir
from .ir import Contracts
from .printer import Printer, banner


def emit(majors: list[Contracts]) -> dict[str, str]:
    """Return the generated modules, path → text; `majors` oldest first."""
    return {f"{GEN_DIR}/current.py": _current(majors[-1])}


def _current(contracts: Contracts) -> str:
    p = Printer()
    p(*(f"# {line}" for line in banner(contracts.files, "the major the top-level API serves")), "")
    p(f'"""The newest major in the source, contract {contracts.version} ({contracts.package}): what the top level serves."""',
      "")
    p("from __future__ import annotations", "")
    v = major_dir(contracts)
    p(f"from .{v} import MAJOR as MAJOR")
    with p.block(f"from .{v}.models import ("):
        for name in [e.name for e in contracts.enums] + [m.name for m in contracts.messages]:
            p(f"{name} as {name},")
    p(")")
    p(f"from .{v}.rules import CONTRACT_VERSION as CONTRACT_VERSION")
    return p.text()
