"""Human output (rich on a terminal): findings grouped by file, the source line, a marker under the span."""
from __future__ import annotations

import os
from collections.abc import Sequence

from . import summary_counts, visible

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO

# Characters of context shown either side of a span on a long line (not on a terminal, whose
# width sets the window instead).
WINDOW = 50
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# "    │ " before each source line.
_GUTTER = 6


def _excerpt(line: str, start_col: int, end_col: int, room: int) -> tuple[str, int, int]:
    """The part of a line shown around a span, and the span's columns in it.

    Cut first, then cleaned, so a finding on a 10 MB line costs the excerpt, not the line."""
    if len(line) > room:
        half = max(10, (room - 2 - min(end_col - start_col, room // 2)) // 2)
        a = max(0, start_col - 1 - half)
        b = min(len(line), end_col - 1 + half)
        cut = ("…" if a else "") + line[a:b] + ("…" if b < len(line) else "")
        shift = a - (1 if a else 0)
        line, start_col, end_col = cut, start_col - shift, end_col - shift
    # Tabs show as one space so the marker stays under the span on every terminal.
    return line.replace("\t", " "), start_col, end_col


# Code points one cell wide in rich's table: Latin, Greek and Cyrillic letters, and the general
# punctuation and currency signs of news copy (curly quotes, dashes, €). A line made of these
# needs neither the table nor the rich import (a sixth of a cold start); tests compare with rich.
NARROW_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482),
                 (0x2010, 0x2027), (0x2030, 0x205E), (0x20A0, 0x20C0))
_narrow: frozenset[str] | None = None


def _cells(text: str) -> int:
    """Terminal cells, as rich counts them; common copy needs no table (and no rich import)."""
    global _narrow
    if text.isascii() and text.isprintable():
        return len(text)
    if _narrow is None:
        _narrow = frozenset(chr(c) for a, b in NARROW_RANGES for c in range(a, b + 1))
    if _narrow.issuperset(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def render(results: Sequence, stream: TextIO) -> None:
    """Write grouped findings with context, then a summary line."""
    tty = stream.isatty()
    if tty:  # rich only on a terminal: importing it is a third of a cold start
        from rich.console import Console
        from rich.markup import escape

        color = "NO_COLOR" not in os.environ
        console = Console(file=stream, no_color=not color, color_system="auto" if color else None,
                          highlight=False, soft_wrap=True, emoji=False)
    else:
        escape = str  # the markup side of emit() is never printed to a pipe

    def emit(markup: str, plain: str, wrap: bool = False) -> None:
        if tty:  # rich: colour, and messages wrapped between words at the terminal's width
            console.print(markup, soft_wrap=not wrap)
        else:  # piped: the same text without rich's markup pass, which costs ~1 ms a finding
            stream.write(plain + "\n")

    # On a terminal, lines fit its width; piped output keeps one finding per line for grep.
    room = max(30, console.width - _GUTTER) if tty else WINDOW * 2 + 20
    for r in results:
        if not r.findings:
            continue
        path = visible(r.path)
        emit(f"[bold]{escape(path)}[/]", path)
        for f in r.findings:
            sev = str(f.severity)
            message = visible(f.message)
            # The severity as a word too: colour alone is lost on monochrome terminals and in logs.
            emit(f"  {f.line}:{f.column}  [{_STYLE[sev]}]{sev} {f.code}[/] [dim]\\[{f.name}][/] {escape(message)}",
                 f"  {f.line}:{f.column}  {sev} {f.code} [{f.name}] {message}", wrap=True)
            line = r.snippets.get(f.line, "")
            end_col = f.end_column if f.end_line == f.line else len(line) + 1
            shown, start_col, end_col = _excerpt(line, f.column, end_col, room)
            before, span = visible(shown[: start_col - 1]), visible(shown[start_col - 1 : end_col - 1])
            pad = " " * _cells(before)
            marker = "^" * max(1, _cells(span))
            shown = visible(shown)
            emit(f"    [dim]│[/] {escape(shown)}", f"    │ {shown}")
            emit(f"    [dim]│[/] {pad}[{_STYLE[sev]}]{marker}[/]", f"    │ {pad}{marker}")
        emit("", "")
    c = summary_counts(results)
    files_with = sum(1 for r in results if r.findings)
    plural = "s" if c["files"] != 1 else ""
    if c["findings"]:
        parts = [f"{c[s]} {s}{'s' if c[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if c[s]]
        line = (f"Found {c['findings']} finding{'s' if c['findings'] != 1 else ''} ({', '.join(parts)}) "
                f"in {files_with} of {c['files']} file{plural}.")
    else:
        line = f"No findings in {c['files']} file{plural}."
    if c["skipped"]:
        line = line[:-1] + f"; {c['skipped']} skipped (see above)."
    if c["fixable"]:
        line += f" {c['fixable']} fixable with --fix."
    if c["unsafe"]:
        line += f" {c['unsafe']} more with --fix --unsafe-fixes."
    if c["fixed"]:
        line += f" Fixed {c['fixed']}."
    if c["baselined"]:
        line += f" {c['baselined']} baselined finding{'s' if c['baselined'] != 1 else ''} not shown."
    emit(line, line)
    # What --fix changed, per file and rule (as ruff lists it).
    fixed = [r for r in results if getattr(r, "fixed_rules", ())]
    if fixed:
        emit("Fixed:", "Fixed:")
    for r in fixed:
        path = visible(r.path)
        emit(f"  {escape(path)}", f"  {path}")
        for code, name, n in r.fixed_rules:
            emit(f"    {n} × {code} \\[{name}]", f"    {n} × {code} [{name}]")
