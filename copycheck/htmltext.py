"""HTML articles: the visible prose as decoded text, with an exact offset map back to the source.

Entities change length (`&amp;` is one character), so HTML cannot be masked at equal length like
Markdown. Instead the decoded text is built from html.parser's events, whose positions are exact,
and an OffsetMap of run-length segments (searched with bisect) maps every text offset back to the
source. Block elements become paragraph breaks; inline elements vanish, so "the <em>the</em>" reads
as "the the". Script, style, code, pre and the like are left out (an inline one leaves U+FFFC, as
masking does), and so are comments and attribute values (alt and title included: html.parser gives
no positions inside attributes, and they are not part of the sentence flow).
"""
from __future__ import annotations

import bisect
import html
from dataclasses import dataclass
from html.parser import HTMLParser

from .markup import MASK
from .model import Fix, Hit

SUFFIXES = (".html", ".htm")
# Boundaries of paragraphs, as blank lines are in Markdown.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "legend", "li", "main", "nav", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
})
# Content that is not prose; an inline one leaves one MASK so the words around it do not join.
SKIP_SILENT = frozenset({"head", "script", "style", "template", "noscript"})
SKIP_BLOCK = frozenset({"pre", "textarea", "select"})
SKIP_INLINE = frozenset({"code", "kbd", "samp", "svg", "math", "object", "iframe", "audio", "video", "canvas"})
SKIP = SKIP_SILENT | SKIP_BLOCK | SKIP_INLINE
# Void elements that stand for an object in the line (their alt text is not read).
OBJECTS = frozenset({"img", "input", "embed", "wbr"})

VERBATIM, ENTITY, SYNTHETIC = 0, 1, 2


@dataclass(frozen=True)
class OffsetMap:
    """Run-length segments from decoded-text offsets to source offsets.

    Segment i covers text[t[i]:t[i+1]]. A VERBATIM segment maps one to one; an ENTITY segment maps
    its decoded characters to the whole reference as a unit; a SYNTHETIC one (a paragraph break or
    mask the decoder inserted) has no source text and sits at the position of its tag.
    """

    t: tuple[int, ...]
    s: tuple[int, ...]
    slen: tuple[int, ...]
    kind: tuple[int, ...]
    text_len: int
    source_len: int

    def _tlen(self, i: int) -> int:
        return (self.t[i + 1] if i + 1 < len(self.t) else self.text_len) - self.t[i]

    def start(self, offset: int) -> int:
        """The source offset where text[offset:] begins (an entity's start if inside one)."""
        if offset >= self.text_len or not self.t:
            return self.source_len if offset >= self.text_len else 0
        i = bisect.bisect_right(self.t, offset) - 1
        return self.s[i] + (offset - self.t[i] if self.kind[i] == VERBATIM else 0)

    def end(self, offset: int) -> int:
        """The source offset where text[:offset] ends (an entity's end if inside one)."""
        if offset <= 0 or not self.t:
            return self.s[0] if self.t and offset <= 0 else 0
        i = bisect.bisect_right(self.t, offset - 1) - 1
        if self.kind[i] == VERBATIM:
            return self.s[i] + offset - self.t[i]
        return self.s[i] + self.slen[i]

    def exact(self, start: int, end: int) -> bool:
        """True when text[start:end] is one unbroken stretch of the source: no tag, comment or
        inserted break inside, and neither end inside an entity; only such spans may be rewritten."""
        if not self.t:
            return False
        if start == end:  # an insertion: only strictly inside verbatim text is unambiguous
            i = bisect.bisect_right(self.t, start) - 1
            return self.kind[i] == VERBATIM and self.t[i] < start < self.t[i] + self._tlen(i)
        a = bisect.bisect_right(self.t, start) - 1
        b = bisect.bisect_right(self.t, end - 1) - 1
        if self.kind[a] != VERBATIM and start != self.t[a]:
            return False
        if self.kind[b] != VERBATIM and end != self.t[b] + self._tlen(b):
            return False
        for j in range(a, b + 1):
            if self.kind[j] == SYNTHETIC:
                return False
            if j < b and self.s[j] + (self._tlen(j) if self.kind[j] == VERBATIM else self.slen[j]) != self.s[j + 1]:
                return False
        return True

    def place(self, hit: Hit) -> tuple[int, int, Fix | None]:
        """A hit's span and fix in source offsets; a fix that would cross markup is dropped."""
        start, end = self.start(hit.start), self.end(hit.end)
        if end < start:  # an empty hit at a boundary
            end = start
        fix = hit.fix
        if fix is not None:
            if self.exact(fix.start, fix.end):
                # The replacement is text: escape what HTML would read as markup.
                fix = Fix(self.start(fix.start), self.end(fix.end) if fix.end > fix.start else self.start(fix.start),
                          html.escape(fix.replacement, quote=False), fix.safe)
            else:
                fix = None
        return start, end, fix


class _Builder:
    """Accumulates decoded text and its segments, merging runs that stay contiguous."""

    def __init__(self, source_len: int) -> None:
        self.parts: list[str] = []
        self.t: list[int] = []
        self.s: list[int] = []
        self.slen: list[int] = []
        self.kind: list[int] = []
        self.n = 0
        self.source_len = source_len

    def add(self, text: str, src: int, src_len: int, kind: int) -> None:
        if not text:
            return
        if (kind == VERBATIM and self.kind and self.kind[-1] == VERBATIM
                and self.s[-1] + (self.n - self.t[-1]) == src):
            pass  # extends the previous verbatim run
        else:
            self.t.append(self.n)
            self.s.append(src)
            self.slen.append(src_len)
            self.kind.append(kind)
        self.parts.append(text)
        self.n += len(text)

    def result(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), OffsetMap(tuple(self.t), tuple(self.s), tuple(self.slen), tuple(self.kind),
                                              self.n, self.source_len)


class _Events(HTMLParser):
    """Records each parser event with its exact start offset in the source."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0]
        i = source.find("\n")
        while i >= 0:
            self.line_starts.append(i + 1)
            i = source.find("\n", i + 1)
        self.events: list[tuple[str, int, str]] = []

    def _at(self) -> int:
        # html.parser counts lines by "\n" and columns from the last "\n", in code points.
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_data(self, data: str) -> None:
        self.events.append(("data", self._at(), data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("ref", self._at(), name))

    handle_charref = handle_entityref

    def handle_starttag(self, tag, attrs) -> None:
        self.events.append(("start", self._at(), tag))

    def handle_startendtag(self, tag, attrs) -> None:
        self.events.append(("void", self._at(), tag))

    def handle_endtag(self, tag) -> None:
        self.events.append(("end", self._at(), tag))

    def handle_comment(self, data) -> None:
        self.events.append(("other", self._at(), ""))

    handle_decl = handle_pi = unknown_decl = handle_comment


def decode(source: str) -> tuple[str, OffsetMap]:
    """The visible prose of an HTML document and the map from its offsets to the source's."""
    parser = _Events(source)
    parser.feed(source)
    parser.close()
    events = parser.events
    out = _Builder(len(source))
    skipping: list[str] = []  # open non-prose elements, innermost last
    started = False  # no paragraph break before the first words
    pending = -1  # source offset of a paragraph boundary not yet written
    for k, (kind, at, payload) in enumerate(events):
        nxt = events[k + 1][1] if k + 1 < len(events) else len(source)
        if kind == "start" or kind == "void":
            tag = payload
            if skipping:
                if kind == "start" and tag in SKIP:
                    skipping.append(tag)
                continue
            if tag in BLOCK or tag in SKIP_BLOCK:
                pending = at if pending < 0 else pending
            elif tag == "br":
                out.add("\n", at, 0, SYNTHETIC)
            elif tag in SKIP_INLINE or tag in OBJECTS:
                if started:
                    _flush(out, pending)
                    pending = -1
                out.add(MASK, at, 0, SYNTHETIC)
            if kind == "start" and tag in SKIP:
                skipping.append(tag)
        elif kind == "end":
            tag = payload
            if skipping:
                if tag in skipping:
                    while skipping.pop() != tag:
                        pass
                if not skipping and tag in SKIP_BLOCK:
                    pending = at if pending < 0 else pending
                continue
            if tag in BLOCK:
                pending = at if pending < 0 else pending
        elif kind in ("data", "ref") and not skipping:
            raw = source[at:nxt]
            text = payload if kind == "data" else html.unescape(raw)
            if not started and not text.strip():
                continue
            if started and pending >= 0 and text.strip():
                _flush(out, pending)
                pending = -1
            elif not started:
                pending = -1
            started = True
            if kind == "data" or text == raw:
                out.add(text, at, len(text), VERBATIM)
            else:
                out.add(text, at, len(raw), ENTITY)
    return out.result()


def _flush(out: _Builder, pending: int) -> None:
    """Write a pending paragraph break, at the source position of the tag that made it."""
    if pending >= 0:
        out.add("\n\n", pending, 0, SYNTHETIC)
