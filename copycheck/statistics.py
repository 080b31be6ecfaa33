"""--statistics: one line per rule (count, code, name, fixable, an example), most frequent first."""
from __future__ import annotations

import json
from dataclasses import dataclass
from collections.abc import Sequence

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO


@dataclass(frozen=True)
class RuleCount:
    """How often one rule fired in a run, whether --fix can fix it, and where it first fired."""

    code: str
    name: str
    count: int
    fixable: int
    example: str

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "count": self.count,
                "fixable": self.fixable > 0, "fixable_count": self.fixable, "example": self.example}


def count(results: Sequence) -> list[RuleCount]:
    """Per-rule totals, sorted by count (highest first), then code."""
    totals: dict[str, list] = {}
    for r in results:
        for f in r.findings:
            row = totals.setdefault(f.code, [f.name, 0, 0, f"{f.path}:{f.line}:{f.column}"])
            row[1] += 1
            row[2] += f.fix is not None and f.fix.safe
    rows = [RuleCount(code, name, n, fixable, example) for code, (name, n, fixable, example) in totals.items()]
    return sorted(rows, key=lambda c: (-c.count, c.code))


def render(results: Sequence, stream: TextIO, as_json: bool = False) -> None:
    """Write the table ([*] marks rules whose findings --fix can fix) or a JSON array."""
    rows = count(results)
    if as_json:
        json.dump([c.to_dict() for c in rows], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if not rows:
        stream.write("No findings.\n")
        return
    width = max(len(str(c.count)) for c in rows)
    name_width = max(len(c.name) for c in rows)
    for c in rows:
        mark = "[*]" if c.fixable else "   "
        stream.write(f"{c.count:>{width}}  {c.code:<6} {c.name:<{name_width}}  {mark}  {c.example}\n")
    if any(c.fixable for c in rows):
        stream.write("[*] fixable with `copycheck --fix`\n")
