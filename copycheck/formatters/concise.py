"""One line per finding: path:line:col: CODE [name] message."""
from __future__ import annotations

from collections.abc import Sequence

from . import visible

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO


def render(results: Sequence, stream: TextIO) -> None:
    """Write each finding on one line, grep- and editor-friendly."""
    for r in results:
        for f in r.findings:
            stream.write(f"{visible(f.path)}:{f.line}:{f.column}: {f.code} [{f.name}] {visible(f.message)}\n")
