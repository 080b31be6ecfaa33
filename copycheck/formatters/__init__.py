"""Output formats, one module each, all with render(results, stream)."""
from __future__ import annotations

import bisect
from functools import lru_cache
from importlib import import_module
from collections.abc import Callable, Sequence

FORMATS = ("text", "concise", "json", "sarif", "github", "rdjsonl")


def get(name: str) -> Callable[..., None]:
    """The render function of a format, imported only when used (rich is heavy)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
    return import_module(f".{name}", __package__).render


def summary_counts(results: Sequence) -> dict[str, int]:
    """Totals for a summary line: findings by severity, files, fixable."""
    from ..model import Severity

    counts = {"findings": 0, "files": 0, "fixable": 0, "error": 0, "warning": 0, "info": 0, "fixed": 0,
              "skipped": 0, "unsafe": 0, "baselined": 0}
    for r in results:
        # A file that could not be read was skipped, not checked.
        counts["skipped" if any(p.fatal for p in r.problems) and not r.findings else "files"] += 1
        counts["fixed"] += r.fixed
        counts["baselined"] += getattr(r, "baselined", 0)
        for f in r.findings:
            counts["findings"] += 1
            counts[str(Severity(f.severity))] += 1
            counts["fixable"] += f.fix is not None and f.fix.safe
            counts["unsafe"] += f.fix is not None and not f.fix.safe
    return counts


# Control characters from an article would drive the terminal (ESC clears the screen, sets the
# title): C0 show as their Control Pictures (one cell, so markers stay aligned), DEL as ␡, and
# C1 as \x9b. Tab, kept for the layout, is the caller's business.
_VISIBLE = {**{c: chr(0x2400 + c) for c in range(0x20) if c != 0x09}, 0x7F: "\u2421",
            **{c: f"\\x{c:02x}" for c in range(0x80, 0xA0)}}


def visible(text: str) -> str:
    """Text safe to print on a terminal: control characters shown, not obeyed."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


def utf16_column(line_text: str, column: int) -> int:
    """Convert a 1-based code-point column to 1-based UTF-16 code units (SARIF's default)."""
    return column + _extra_before(line_text, column - 1, False)


def utf8_column(line_text: str, column: int) -> int:
    """Convert a 1-based code-point column to 1-based UTF-8 bytes (reviewdog's rdjsonl)."""
    return column + _extra_before(line_text, column - 1, True)


def _extra_before(line: str, offset: int, utf8: bool) -> int:
    """Units beyond one per code point in line[:offset], by bisecting a per-line table: thousands
    of findings on one 10 MB line cost one pass over it, not one per finding."""
    if line.isascii():
        return 0
    positions, totals = _extra_table(line, utf8)
    i = bisect.bisect_left(positions, offset)
    return totals[i - 1] if i else 0


@lru_cache(maxsize=32)
def _extra_table(line: str, utf8: bool) -> tuple[list[int], list[int]]:
    """Offsets of the code points that take more than one unit, and the running total of extras."""
    positions: list[int] = []
    totals: list[int] = []
    total = 0
    for i, ch in enumerate(line):
        o = ord(ch)
        if o < 0x80:
            continue
        extra = (1 if o < 0x800 else 2 if o < 0x10000 else 3) if utf8 else (1 if o > 0xFFFF else 0)
        if extra:
            total += extra
            positions.append(i)
            totals.append(total)
    return positions, totals

