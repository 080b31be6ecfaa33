"""Settings: what to select, how strictly, and which packs to load."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .model import Severity


@dataclass(frozen=True)
class Settings:
    """The effective configuration for a file (defaults, then files, then the command line)."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    packs: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Where the settings came from, for `copycheck config`; None means built-in defaults.
    source: str | None = None
