"""copycheck: a fast, exact linter for editorial copy.

Importing the package stays light; the engine and rules load on first use.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["lint_text", "__version__"]

if TYPE_CHECKING:
    from .model import Finding


def lint_text(text: str, path: str = "<text>") -> "list[Finding]":
    """Check a string with the default rules and return its findings, sorted by position."""
    from .engine import lint_text as _lint

    return _lint(text, path=path)
