"""GitHub Actions workflow commands, so findings show as annotations on the pull request."""
from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, prop: bool = False) -> str:
    """Escape as the workflow-command syntax requires (% \\r \\n, and , : in properties)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(",", "%2C").replace(":", "%3A") if prop else value


def render(results: Sequence, stream: TextIO) -> None:
    """One ::error/::warning/::notice line per finding; columns are code points."""
    for r in results:
        for f in r.findings:
            props = (f"file={_escape(f.path, True)},line={f.line},col={f.column},"
                     f"endLine={f.end_line},endColumn={f.end_column},title={_escape(f'{f.code} {f.name}', True)}")
            stream.write(f"::{_LEVEL[str(f.severity)]} {props}::{_escape(f.message)}\n")
