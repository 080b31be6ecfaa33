"""copycheck: a fast, exact linter for editorial copy.

Importing the package stays light; the engine and rules load on first use.
"""
from __future__ import annotations


__version__ = "0.1.0"
__all__ = ["Linter", "lint_text", "__version__"]

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any
    from .api import Linter
    from .model import Finding


def lint_text(text: str, path: str = "<text>") -> "list[Finding]":
    """Check a string with the default rules and return its findings, sorted by position.

    The rules are compiled on the first call and reused (a cached default Linter)."""
    from .api import default_linter

    return default_linter().lint_text(text, path=path)


def __getattr__(name: str) -> Any:
    # `copycheck.Linter` imports the API module only when asked for.
    if name == "Linter":
        from .api import Linter

        return Linter
    raise AttributeError(f"module 'copycheck' has no attribute {name!r}")
