"""Document: decoded text, a line index for positions, and per-document facts computed once."""
from __future__ import annotations

import bisect
import re
from itertools import repeat
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .htmltext import OffsetMap

# A line ends at \r\n, \n or a lone \r; CRLF is one break, so it never adds a line.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Punctuation stripped from the edges of whitespace-split tokens (apostrophes and hyphens
# inside words stay), so "(the" and "the," both become "the" for prefilters.
_EDGE_PUNCT = "\"'“”‘’,.;:!?()[]{}<>/\\|*_=+~^`#%&@$…—–-\ufffc"


@dataclass(frozen=True)
class LineIndex:
    """Maps code-point offsets to 1-based (line, column) by bisecting line starts."""

    starts: tuple[int, ...]

    @classmethod
    def build(cls, text: str) -> "LineIndex":
        """Index the start offset of every line, once per document."""
        return cls((0, *(m.end() for m in _LINE_BREAK.finditer(text))))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and code-point column of an offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of position(): the offset of a 1-based line and column."""
        return self.starts[line - 1] + column - 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offsets of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass(frozen=True)
class Document:
    """One article: its source text, the masked text rules read, and shared derived facts.

    `text` has the same length as `source`; markup, code and URLs are masked out of it, so
    every offset into `text` is an offset into `source` too. HTML is the one exception: its
    `text` is the decoded visible prose and `offsets` maps it back to the source (htmltext).
    """

    path: str
    source: str
    text: str
    bom: bool = False
    offsets: "OffsetMap | None" = None

    @classmethod
    def from_text(cls, source: str, path: str = "<text>", bom: bool = False) -> "Document":
        """Build a document, masking by the file's kind (Markdown or plain text)."""
        from .markup import mask

        if path.lower().endswith((".html", ".htm")):
            from .htmltext import decode

            text, offsets = decode(source)
            return cls(path=path, source=source, text=mask(text), bom=bom, offsets=offsets)
        return cls(path=path, source=source, text=mask(source, markdown=path.endswith((".md", ".markdown"))), bom=bom)

    @cached_property
    def lines(self) -> LineIndex:
        """The line index, built on first use and kept."""
        return LineIndex.build(self.source)

    def position(self, offset: int) -> tuple[int, int]:
        """The source line and column of an offset into `text` (rules' "first at L:C" messages)."""
        return self.lines.position(offset if self.offsets is None else self.offsets.start(offset))

    @cached_property
    def quotes(self):
        """Spans of direct quotations, computed once per document for every rule."""
        from .quotes import find_quotations

        return find_quotations(self.text)

    @cached_property
    def lowered(self) -> str:
        """`text` in lowercase at the same offsets, for ignore-case word lists (once per document)."""
        low = self.text.lower()
        if len(low) != len(self.text):
            # A few characters lowercase to two ("İ"); keep those as they are so offsets hold.
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
        return low

    @cached_property
    def lower_words(self) -> list[str]:
        """Lowercased whitespace-split tokens, edge punctuation stripped; one C-speed pass that
        rules share as a prefilter before running a precise pattern."""
        return list(map(str.strip, self.lowered.split(), repeat(_EDGE_PUNCT)))

    @cached_property
    def names(self):
        """Capitalised name candidates, extracted once for the name rules (names.candidates)."""
        from .names.candidates import extract

        return extract(self.text)

    @cached_property
    def tables(self):
        """Table rows (column-aligned text, Markdown pipe tables), found once for every rule."""
        from .tables import find_tables

        return find_tables(self)
