"""Output formats, one module each, all with render(results, stream)."""
from __future__ import annotations

from importlib import import_module
from typing import Callable, Sequence

FORMATS = ("text", "concise", "json", "sarif", "github", "rdjsonl")


def get(name: str) -> Callable[..., None]:
    """The render function of a format, imported only when used (rich is heavy)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
    return import_module(f".{name}", __package__).render


def summary_counts(results: Sequence) -> dict[str, int]:
    """Totals for a summary line: findings by severity, files, fixable."""
    from ..model import Severity

    counts = {"findings": 0, "files": len(results), "fixable": 0, "error": 0, "warning": 0, "info": 0, "fixed": 0,
              "baselined": 0}
    for r in results:
        counts["fixed"] += r.fixed
        counts["baselined"] += getattr(r, "baselined", 0)
        for f in r.findings:
            counts["findings"] += 1
            counts[str(Severity(f.severity))] += 1
            counts["fixable"] += f.fix is not None and f.fix.safe
    return counts


def utf16_column(line_text: str, column: int) -> int:
    """Convert a 1-based code-point column to 1-based UTF-16 code units (SARIF's default)."""
    return len(line_text[: column - 1].encode("utf-16-le")) // 2 + 1


def utf8_column(line_text: str, column: int) -> int:
    """Convert a 1-based code-point column to 1-based UTF-8 bytes (reviewdog's rdjsonl)."""
    return len(line_text[: column - 1].encode("utf-8")) + 1

