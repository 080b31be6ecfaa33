"""Human output with rich: findings grouped by file, the source line, a marker under the span."""
from __future__ import annotations

import os
from typing import Sequence, TextIO

from . import summary_counts

# Characters of context shown either side of a span on a long line.
WINDOW = 50
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(results: Sequence, stream: TextIO) -> None:
    """Write grouped findings with context, then a summary line."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.markup import escape

    color = stream.isatty() and "NO_COLOR" not in os.environ
    console = Console(file=stream, no_color=not color, color_system="auto" if color else None,
                      highlight=False, soft_wrap=True, emoji=False)
    for r in results:
        if not r.findings:
            continue
        console.print(f"[bold]{escape(r.path)}[/]")
        for f in r.findings:
            sev = str(f.severity)
            console.print(
                f"  {f.line}:{f.column}  [{_STYLE[sev]}]{f.code}[/] [dim]\\[{f.name}][/] {escape(f.message)}"
            )
            line = r.snippets.get(f.line, "")
            # Tabs show as one space so the marker stays under the span on every terminal.
            shown = line.replace("\t", " ")
            start_col = f.column
            end_col = f.end_column if f.end_line == f.line else len(line) + 1
            # Long paragraphs are cut to a window around the span, marked with ellipses.
            if len(shown) > WINDOW * 2 + 20:
                a = max(0, start_col - 1 - WINDOW)
                b = min(len(shown), end_col - 1 + WINDOW)
                shown = ("…" if a else "") + shown[a:b] + ("…" if b < len(line) else "")
                shift = a - (1 if a else 0)
                start_col, end_col = start_col - shift, end_col - shift
            pad = cell_len(shown[: start_col - 1])
            width = max(1, cell_len(shown[start_col - 1 : end_col - 1]))
            console.print(f"    [dim]│[/] {escape(shown)}")
            console.print(f"    [dim]│[/] {' ' * pad}[{_STYLE[sev]}]{'^' * width}[/]")
        console.print()
    c = summary_counts(results)
    files_with = sum(1 for r in results if r.findings)
    if c["findings"]:
        parts = [f"{c[s]} {s}{'s' if c[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if c[s]]
        line = f"Found {c['findings']} finding{'s' if c['findings'] != 1 else ''} ({', '.join(parts)}) in {files_with} of {c['files']} file{'s' if c['files'] != 1 else ''}."
        if c["fixable"]:
            line += f" {c['fixable']} fixable with --fix."
    else:
        line = f"No findings in {c['files']} file{'s' if c['files'] != 1 else ''}."
    if c["fixed"]:
        line += f" Fixed {c['fixed']}."
    if c["baselined"]:
        line += f" {c['baselined']} baselined finding{'s' if c['baselined'] != 1 else ''} not shown."
    console.print(line)
