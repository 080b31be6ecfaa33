"""Human output with rich: findings grouped by file, the source line, a marker under the span."""
from __future__ import annotations

import os
from typing import Sequence, TextIO

from . import summary_counts

# Characters of context shown either side of a span on a long line.
WINDOW = 50
_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(results: Sequence, stream: TextIO) -> None:
    """Write grouped findings with context, then a summary line (rich only on a terminal)."""
    if not stream.isatty():
        return _render_plain(results, stream)
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
    console.print(_summary(results))


def _summary(results: Sequence) -> str:
    """The closing line: findings by severity, files, fixable and fixed."""
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
    return line


# What rich leaves out of printed text, and the one change its markup escaping makes: a text
# ending in a single backslash keeps an extra one. The plain writer below prints exactly what
# rich would print to a file or pipe, without importing it (a third of a cold start).
_RICH_STRIPS = {c: None for c in (7, 8, 11, 12, 13)}


def _as_rich(text: str, at_end: bool = False) -> str:
    text = text.translate(_RICH_STRIPS)
    return text + "\\" if at_end and text.endswith("\\") and not text.endswith("\\\\") else text


def _cells(text: str) -> int:
    """Terminal cells, as rich counts them; plain ASCII needs no table."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _via_rich(before: str, text: str, after: str = "") -> str:
    """One line printed by rich: it expands tabs by cells, the one case the plain writer leaves to it."""
    import io

    from rich.console import Console
    from rich.markup import escape

    buf = io.StringIO()
    Console(file=buf, no_color=True, color_system=None, highlight=False, soft_wrap=True,
            emoji=False).print(f"{before}{escape(text)}{after}")
    return buf.getvalue()[:-1]


def _render_plain(results: Sequence, stream: TextIO) -> None:
    """The same lines as render(), for a file or a pipe (no colour, no rich)."""
    out: list[str] = []
    write = stream.write
    for r in results:
        if not r.findings:
            continue
        out.append(_via_rich("[bold]", r.path, "[/]") if "\t" in r.path else _as_rich(r.path))
        for f in r.findings:
            if "\t" in f.message:
                message_line = _via_rich(f"  {f.line}:{f.column}  {f.code} \\[{f.name}] ", f.message)
            else:
                message_line = f"  {f.line}:{f.column}  {f.code} [{f.name}] {_as_rich(f.message, at_end=True)}"
            out.append(message_line)
            line = r.snippets.get(f.line, "")
            shown = line.replace("\t", " ")
            start_col = f.column
            end_col = f.end_column if f.end_line == f.line else len(line) + 1
            if len(shown) > WINDOW * 2 + 20:
                a = max(0, start_col - 1 - WINDOW)
                b = min(len(shown), end_col - 1 + WINDOW)
                shown = ("…" if a else "") + shown[a:b] + ("…" if b < len(line) else "")
                shift = a - (1 if a else 0)
                start_col, end_col = start_col - shift, end_col - shift
            pad = _cells(shown[: start_col - 1])
            width = max(1, _cells(shown[start_col - 1 : end_col - 1]))
            out.append(f"    │ {_as_rich(shown, at_end=True)}")
            out.append(f"    │ {' ' * pad}{'^' * width}")
        out.append("")
        write("\n".join(out) + "\n")  # one write per file keeps a long run streaming
        out.clear()
    write(_summary(results) + "\n")
