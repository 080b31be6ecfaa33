"""SARIF 2.1.0 for code-scanning dashboards; columns converted to UTF-16 code units (SARIF's default)."""
from __future__ import annotations

import json
import os
from pathlib import PurePath
from collections.abc import Sequence

from .. import __version__
from . import utf16_column

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A path as a URI reference: percent-encoded (spaces, #, %), absolute paths as file: URIs."""
    from urllib.parse import quote

    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(path.replace(os.sep, "/"), safe="/")


def _region(snippets: dict[int, str], l1: int, c1: int, l2: int, c2: int) -> dict[str, int]:
    return {"startLine": l1, "startColumn": utf16_column(snippets.get(l1, ""), c1),
            "endLine": l2, "endColumn": utf16_column(snippets.get(l2, ""), c2)}


def render(results: Sequence, stream: TextIO) -> None:
    """Write one SARIF log with one run; rules are listed once and results refer to them."""
    rules: dict[str, dict] = {}
    out = []
    for r in results:
        for f in r.findings:
            if f.code not in rules:
                rules[f.code] = {"id": f.code, "name": f.name, "index": len(rules)}
            res = {
                "ruleId": f.code,
                "ruleIndex": rules[f.code]["index"],
                "level": _LEVEL[str(f.severity)],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(f.path)},
                    "region": _region(r.snippets, f.line, f.column, f.end_line, f.end_column)}}],
            }
            if f.fix and f.fix_position:
                res["fixes"] = [{
                    "description": {"text": "safe fix" if f.fix.safe else "unsafe fix: review before applying"},
                    "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(f.path)}, "replacements": [{
                        "deletedRegion": _region(r.snippets, *f.fix_position),
                        "insertedContent": {"text": f.fix.replacement}}]}]}]
            out.append(res)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "copycheck", "version": __version__,
                                "rules": [{"id": v["id"], "name": v["name"]} for v in rules.values()]}},
            "columnKind": "utf16CodeUnits",
            "results": out,
        }],
    }
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
