"""The bridge: the four legacy Ticketscloud topics in, the five v1 topics and dead letters out.

    vibe-contracts bridge --config bridge.toml [--until-idle SECONDS]

Needs the ``bridge`` extra (`pip install 'vibe-contracts[bridge]'`): Quix Streams.
"""

from __future__ import annotations

from .config import INPUTS, OUTPUTS, BridgeConfig, config_from_dict, load_config

__all__ = ["INPUTS", "OUTPUTS", "BridgeConfig", "config_from_dict", "load_config", "main"]


def main(config_path: str, until_idle: float | None = None) -> int:
    """Run the bridge from a config file; returns the exit status (2: bad config or missing extra)."""
    import sys

    from ..errors import ContractError

    try:
        config = load_config(config_path)
    except ContractError as exc:
        print(f"bridge: bad config {config_path}:", file=sys.stderr)
        for v in exc.errors:
            print(f"  {v}", file=sys.stderr)
        return 2
    try:
        from .app import Bridge
    except ImportError as exc:
        print(f"bridge: {exc.name} is missing: pip install 'vibe-contracts[bridge]'", file=sys.stderr)
        return 2
    Bridge(config).run(until_idle=until_idle)
    return 0
