"""Core value types: severities, fixes, hits, findings and rules."""
from __future__ import annotations

import enum
from collections import namedtuple
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable, Mapping

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

    from .document import Document


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that comparisons mean 'at least'."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        """Parse 'info', 'warning' or 'error' (case-insensitive)."""
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with replacement; safe fixes are applied by plain --fix."""

    start: int
    end: int
    replacement: str
    safe: bool = True


@dataclass(frozen=True)
class Hit:
    """What a rule yields: a span in code points and a message, without positions."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True)
class Finding:
    """A hit placed in a file, with the rule's metadata; what formatters print."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None = None
    # The fix's own (line, column, end_line, end_column); formats that carry fixes need it.
    fix_position: tuple[int, int, int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape documented in the README."""
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "fix": None
            if self.fix is None
            else {
                "replacement": self.fix.replacement,
                "start": self.fix.start,
                "end": self.fix.end,
                "safe": self.fix.safe,
            },
        }


# Examples and Docs are named tuples, not frozen dataclasses: every rule module builds them at
# import, and creating a frozen dataclass costs about 1 ms of a one-article run (its six
# generated methods are each exec'd), for records that need nothing a tuple lacks.
class Examples(namedtuple("Examples", "passing failing fixes", defaults=((), (), ()))):
    """A rule's test cases as data: texts that must pass (passing, a tuple of str), must fail
    (failing), and fix pairs (fixes, a tuple of (before, after))."""

    __slots__ = ()


class Docs(namedtuple("Docs", "what why example")):
    """A rule's documentation in three sections (what, why, example: str each), as ruff does."""

    __slots__ = ()


if TYPE_CHECKING:
    CheckFn = Callable[[Document, Mapping[str, Any]], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One check: identity, defaults, docs, examples and the function that finds hits."""

    code: str
    name: str
    summary: str
    severity: Severity
    check: CheckFn
    docs: Docs
    examples: Examples = Examples()
    # Typo-class rules apply inside direct quotations; style rules do not.
    in_quotes: bool = False
    # Pack rules and opt-in checks are off until selected or their pack is switched on.
    enabled_by_default: bool = True
    # A rule that also needs statistics from every file of the run (reported after all workers).
    cross_file: bool = False
    # Where the rule came from: "builtin" or the path of its pack.
    origin: str = "builtin"
    link: str = ""
    default_options: Mapping[str, Any] = field(default_factory=dict)
