"""Module-level regular expressions compiled on first use, not at import.

A one-article run imports every rule module but meets only some of their patterns (Markdown,
tables and HTML patterns, say, never run on plain prose), and `re` compiles in pure Python:
about 0.1 ms a pattern, several milliseconds of a cold start in all.
"""
from __future__ import annotations

import re

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# What rules call; copied onto the object after compiling, so later calls skip __getattr__.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class LazyPattern:
    """Stands in for `re.compile(pattern, flags)` and compiles on the first attribute asked for."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.compiled = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r})"


def lazy(pattern: str | bytes, flags: int = 0) -> Any:
    """A pattern compiled when first used; typed Any so callers use it as a `re.Pattern`."""
    return LazyPattern(pattern, flags)
