"""Runnable examples and helpers for the vibe-contracts packages (importable from the repository root)."""
