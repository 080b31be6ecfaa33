"""Direct-quotation spans, worked out once per document."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_DOUBLE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class QuoteSpans:
    """Sorted, non-overlapping [start, end) spans of quoted speech, searched by bisect."""

    spans: tuple[tuple[int, int], ...]

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one quotation."""
        i = bisect.bisect_right(self.spans, (start, float("inf"))) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]


def find_quotations(text: str) -> QuoteSpans:
    """Find double-quoted spans, paragraph by paragraph; an open quote at a paragraph end
    runs to that end, following the convention that a quote reopens each paragraph."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        open_at = -1
        for m in _DOUBLE.finditer(para.group()):
            ch = m.group()
            pos = para.start() + m.start()
            if open_at < 0 and ch != "”":
                open_at = pos
            elif open_at >= 0 and ch != "“":
                spans.append((open_at, pos + 1))
                open_at = -1
        if open_at >= 0:
            spans.append((open_at, para.end()))
    return QuoteSpans(tuple(spans))
