"""Table rows: lines laid out in columns (plain-text wire tables, Markdown pipe tables).

A table row's gaps are layout, not prose: rules must not read a column gap as a double space or
two cells as a doubled word, and `--fix` must not move a row's cells or gaps. The rows are found
once per document (Document.tables) and looked up by bisecting their sorted spans.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from .lazyre import lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from .document import Document
    from .model import Fix

# A column gap: two or more spaces, or a tab, between two non-space characters.
GAP = lazy(r"(?<=\S)(?: {2,}|[ \t]*\t[ \t]*)(?=\S)")
_BREAK = lazy(r"\r\n|\r|\n")
# A cell that reads as data: a number, a price, a range, a fraction, a date, or a dash for "none".
_DATA_CELL = lazy(r"[-+(]?[\d.,/:%$£€()-]*\d[\d.,/:%$£€()a-zA-Z-]*|-{1,3}|nil|unch|n/?a|nc|na", re.I)
# A gap this wide is alignment: nobody keys four spaces by accident between two words.
WIDE_GAP = 4
# The share of data cells that makes a line with one gap a row ("three weeks    5 1/8 - 5 1/16").
DATA_SHARE = 0.4
# A gapless line between two rows that is this short is a wrapped label ("Baltimore/").
LABEL_WIDTH = 40


@dataclass(frozen=True)
class Tables:
    """The sorted, non-overlapping (start, end) spans of a document's table rows."""

    rows: tuple[tuple[int, int], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rows)

    def row_at(self, offset: int) -> tuple[int, int] | None:
        """The span of the table row holding an offset, or None in prose."""
        i = bisect.bisect_right(self.rows, (offset, float("inf"))) - 1
        if i >= 0 and self.rows[i][0] <= offset <= self.rows[i][1]:
            return self.rows[i]
        return None

    def touches(self, start: int, end: int) -> bool:
        """True when the span [start, end) overlaps a table row."""
        i = bisect.bisect_right(self.rows, (end, float("inf"))) - 1
        while i >= 0 and self.rows[i][1] >= start:
            a, b = self.rows[i]
            if a < end or (a == start == end):
                return True
            i -= 1
        return False

    def changes_layout(self, text: str, fix: "Fix") -> bool:
        """True when a fix would move a table row's cells or gaps.

        A fix that rewrites characters inside one cell ("9,,100" to "9,100") is allowed; one that
        removes, adds or crosses white space on a row, or joins a row to the next line, is not.
        """
        if not self.touches(fix.start, max(fix.end, fix.start + 1)):
            return False
        old = text[fix.start:fix.end]
        if any(c.isspace() for c in old) or any(c.isspace() for c in fix.replacement):
            return True
        # An insertion at a cell's edge (before or after white space) widens the gap next to it.
        if fix.start == fix.end:
            before = text[fix.start - 1:fix.start]
            after = text[fix.start:fix.start + 1]
            return not before or not after or before.isspace() or after.isspace()
        return False


EMPTY = Tables()


def is_data(cell: str) -> bool:
    """True for a cell that reads as data (a number, a dash, "nil", "unch"), not as a word."""
    return _DATA_CELL.fullmatch(cell) is not None


def _gapped_kind(line: str) -> int:
    """0 for a line with no column gap, 1 for a line that may be a row, 2 for one that surely is."""
    body = line.strip()
    gaps = GAP.findall(body)
    if not gaps:
        return 0
    if len(gaps) >= 2 or "\t" in body or max(len(g) for g in gaps) >= WIDE_GAP:
        return 2
    tokens = body.split()
    if sum(map(is_data, tokens)) >= DATA_SHARE * len(tokens):
        return 2
    if body.isupper():
        return 2  # a wire table's caps header or title ("GASOIL CALL COMPLETE  0923 - APR 7")
    if body.endswith((".", "?", "!", ".\"", ".”")):
        return 0  # a sentence with a slip of the space bar ("Dealers said  demand was thin.")
    return 1


def _text_rows(text: str) -> list[tuple[int, int]]:
    """Rows of plain-text tables: column-aligned lines, numeric-heavy lines and runs of them."""
    starts = [0, *(m.end() for m in _BREAK.finditer(text))]
    ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]
    lines = list(zip(starts, ends))
    kinds = [_gapped_kind(text[a:b]) if ("  " in text[a:b] or "\t" in text[a:b]) else 0 for a, b in lines]
    row = [k == 2 for k in kinds]
    # Two lines in a row, each with a column gap, are aligned columns.
    for i in range(len(kinds) - 1):
        if kinds[i] and kinds[i + 1]:
            row[i] = row[i + 1] = True
    # A line with one narrow gap joins a run of rows next to it ("ending April 1  as follows" does not).
    changed = True
    while changed:
        changed = False
        for i, k in enumerate(kinds):
            if k == 1 and not row[i] and ((i and row[i - 1]) or (i + 1 < len(row) and row[i + 1])):
                row[i] = changed = True
    # A short gapless line between rows is a wrapped label inside the table.
    for i in range(1, len(lines) - 1):
        if not row[i] and row[i - 1] and row[i + 1]:
            a, b = lines[i]
            body = text[a:b].strip()
            if body and len(body) <= LABEL_WIDTH and not body.endswith((".", "?", "!")):
                row[i] = True
    return [span for span, r in zip(lines, row) if r]


def _markdown_rows(text: str) -> list[tuple[int, int]]:
    """Rows of Markdown pipe tables, by markdown-it's line map."""
    from markdown_it import MarkdownIt

    from .document import LineIndex

    index = LineIndex.build(text)
    rows = []
    for tok in MarkdownIt("commonmark").enable("table").parse(text):
        if tok.type == "table_open" and tok.map:
            for line in range(tok.map[0] + 1, tok.map[1] + 1):
                rows.append(index.line_span(line, text))
    return rows


def find_tables(doc: "Document") -> Tables:
    """Detect the table rows of a document, once; most articles pay one substring test."""
    text = doc.text
    markdown = doc.path.endswith((".md", ".markdown")) and "|" in text
    if not markdown and "  " not in text and "\t" not in text:
        return EMPTY
    rows = set(_text_rows(text)) if ("  " in text or "\t" in text) else set()
    if markdown:
        rows.update(_markdown_rows(text))
    return Tables(tuple(sorted(rows))) if rows else EMPTY
