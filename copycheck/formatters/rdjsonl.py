"""reviewdog's rdjsonl: one Diagnostic per line; columns converted to UTF-8 bytes as it requires."""
from __future__ import annotations

import json
from collections.abc import Sequence

from . import utf8_column

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO


def _pos(snippets: dict[int, str], line: int, column: int) -> dict[str, int]:
    return {"line": line, "column": utf8_column(snippets.get(line, ""), column)}


def render(results: Sequence, stream: TextIO) -> None:
    """Write one JSON Diagnostic per finding, with a suggestion where a fix exists."""
    for r in results:
        for f in r.findings:
            diag = {
                "message": f.message,
                "location": {"path": f.path, "range": {"start": _pos(r.snippets, f.line, f.column),
                                                       "end": _pos(r.snippets, f.end_line, f.end_column)}},
                "severity": str(f.severity).upper(),
                "source": {"name": "copycheck"},
                "code": {"value": f"{f.code} {f.name}"},
            }
            if f.fix and f.fix_position:
                l1, c1, l2, c2 = f.fix_position
                diag["suggestions"] = [{"range": {"start": _pos(r.snippets, l1, c1), "end": _pos(r.snippets, l2, c2)},
                                        "text": f.fix.replacement}]
            stream.write(json.dumps(diag, ensure_ascii=False) + "\n")
