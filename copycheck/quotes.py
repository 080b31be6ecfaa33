"""Direct-quotation spans, worked out once per document.

One left-to-right pass over the quote marks ("“”'‘’) classifies each as an opening mark, a
closing mark or an apostrophe, and pairs openers with closers on a stack, so quotations nest
(“… ‘…’ …”). Curly marks carry their direction; straight marks take it from their neighbours.
A quotation still open at the end of a paragraph continues when the next paragraph opens with
the same kind of mark (the newsroom convention for a quote running over several paragraphs), or
when the next paragraph closes it without reopening it; otherwise it ends there and its opening
mark is recorded as unbalanced.
"""
from __future__ import annotations

import bisect
import re
from .lazyre import compile as compile_re  # re.compile, from kept code (lazyre)
from .document import find_all
from dataclasses import dataclass
from collections import namedtuple

# The quote glyphs, found with str.find one glyph at a time (document.find_all): a
# character-class regex would cost a test at every character of the article.
_GLYPHS = "\"“”'‘’"
_DOUBLE_GLYPHS = "\"“”"
_SINGLE_GLYPHS = "'’‘"
_STRAIGHT_GLYPHS = "\"'"
# A blank line ends a paragraph; so does a line break after a long line, because hard-wrapped
# text never has lines this long, while one-paragraph-per-line copy usually does.
WRAP_WIDTH = 100
# Words that begin with an elided letter: 'em, 'tis, 'cause; the mark before them is an apostrophe.
_ELISION = compile_re(r"(?:em|tis|twas|cause|cos|til|bout|n)(?![^\W\d_])", re.I)
# Clitics after a stray space ("Libya ‘s", "don 't"): an apostrophe typed in the wrong place.
_CLITIC = compile_re(r"(?:s|t|re|ve|ll|d|m)(?![^\W\d_'’‘])")
# A decade or a two-digit year: ’90s, '05.
_DECADE = compile_re(r"\d\ds\b")
_OPENERS_BEFORE = set("([{—–-/\u00a0")

DOUBLE, SINGLE = "double", "single"
OPEN, CLOSE, APOSTROPHE = "open", "close", "apostrophe"


class QuoteMark(namedtuple("QuoteMark", "offset char role")):
    """One quote glyph in the text and the part it plays: offset (int), char, and role (OPEN,
    CLOSE or APOSTROPHE).

    A named tuple rather than a frozen dataclass: a document has thousands of marks, and tuples
    are several times cheaper to build (collections.namedtuple, not typing's, which would import
    typing on every run).
    """

    __slots__ = ()

    @property
    def kind(self) -> str:
        """DOUBLE or SINGLE."""
        return DOUBLE if self.char in "\"“”" else SINGLE

    @property
    def straight(self) -> bool:
        """True for the typewriter marks " and '."""
        return self.char in "\"'"


class Quotation(namedtuple("Quotation", "start end kind straight depth closed continued", defaults=(False,))):
    """One direct quotation: [start, end) from its opening mark to just after its closing mark,
    its kind (DOUBLE or SINGLE), whether its marks are straight, its nesting depth, and whether
    it was closed.

    An unclosed quotation ends at its paragraph's end; `continued` marks one that runs on into
    the next paragraph by the multi-paragraph convention.
    """

    __slots__ = ()


@dataclass(frozen=True)
class QuoteSpans:
    """Every quotation of a document, its quote marks and its unbalanced marks.

    `spans` are the sorted, merged [start, end) spans of the outermost quotations, searched by
    bisect; `marks` lists every quote mark except apostrophes inside a word (don’t), which are
    never quotes; `unbalanced` holds the marks that open a quotation never closed (without the
    multi-paragraph convention to excuse it) or close one never opened.
    """

    spans: tuple[tuple[int, int], ...]
    quotations: tuple[Quotation, ...] = ()
    marks: tuple[QuoteMark, ...] = ()
    unbalanced: tuple[QuoteMark, ...] = ()
    # Paragraph end offsets (see paragraph_ends), kept for the checks that work per paragraph.
    paragraphs: tuple[int, ...] = ()

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside one quotation."""
        i = bisect.bisect_right(self.spans, (start, float("inf"))) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]


def _is_word(c: str) -> bool:
    return c.isalnum()


def paragraph_ends(text: str) -> list[int]:
    """Offsets where paragraphs end: before a blank line, after a long line, and at the end."""
    ends: list[int] = []
    breaks = re.split(r"(\r\n|\r|\n)", text) if "\r" in text else None
    lines = breaks[::2] if breaks else text.split("\n")
    seps = [len(b) for b in breaks[1::2]] if breaks else None
    pos = 0
    last = len(lines) - 1
    for k, line in enumerate(lines):
        end = pos + len(line)
        if k == last:
            break
        nxt = lines[k + 1]
        if not nxt.strip() or len(line) > WRAP_WIDTH or not line.strip():
            ends.append(end)
        pos = end + (seps[k] if seps else 1)
    ends.append(len(text))
    return ends


def _single_role(text: str, i: int, ch: str, prev: str, nxt: str, single_open: bool) -> str:
    """Decide whether a single mark opens, closes or is an apostrophe."""
    if _is_word(prev) and _is_word(nxt):
        return APOSTROPHE  # don’t, o’clock, rock’n’roll
    if not _is_word(prev):
        if _DECADE.match(text, i + 1) or _ELISION.match(text, i + 1) or (ch == "’" and nxt.isdigit()):
            return APOSTROPHE  # ’90s, ’n’, 'em
        if prev in " \t" and _CLITIC.match(text, i + 1) and i > 1 and _is_word(text[i - 2]):
            return APOSTROPHE  # "Libya ‘s": a misplaced apostrophe, not a quotation
    if ch == "‘":
        return OPEN
    if _is_word(prev) or (not prev.isspace() and (nxt.isspace() or not _is_word(nxt))):
        # After a word: closes an open single quotation; otherwise a plural possessive (Jones’).
        return CLOSE if single_open else APOSTROPHE
    if ch == "’":
        return OPEN if _is_word(nxt) else APOSTROPHE
    # A straight ' after a space, a bracket or a dash and before a word opens a quotation.
    return OPEN if (nxt and not nxt.isspace()) else APOSTROPHE


def _double_role(ch: str, prev: str, nxt: str, double_open: bool) -> str:
    """Decide whether a double mark opens or closes."""
    if ch == "“":
        return OPEN
    if ch == "”":
        return CLOSE
    after_space = nxt.isspace() or nxt == ""
    # After a single opening mark ('"Go," he said') a double mark opens; after a closing one
    # ('…there?'" he asked) it closes, which the space after it shows.
    before_space = prev.isspace() or prev in _OPENERS_BEFORE or (prev in "‘'" and not after_space)
    if before_space and not after_space:
        return OPEN
    if not before_space and (after_space or not _is_word(nxt)):
        return CLOSE
    return CLOSE if double_open else OPEN


def find_quotations(text: str) -> QuoteSpans:
    """Pair the document's quote marks into nested quotations, once per document."""
    para_ends = paragraph_ends(text)
    found = find_all(text, _GLYPHS)
    if not found:
        return QuoteSpans((), paragraphs=tuple(para_ends))
    marks: list[QuoteMark] = []
    quotations: list[Quotation] = []
    unbalanced: list[QuoteMark] = []
    stack: list[QuoteMark] = []
    pi = 0

    def close_paragraph(end: int, next_opener: str | None) -> None:
        """Close what is still open at a paragraph end, allowing the convention."""
        continues = next_opener is not None and stack and stack[0].kind == next_opener
        for depth in range(len(stack) - 1, -1, -1):
            mark = stack[depth]
            carried = bool(continues) and depth == 0
            quotations.append(Quotation(mark.offset, end, mark.kind, mark.straight, depth, False, carried))
            if not carried:
                unbalanced.append(mark)
        stack.clear()

    def next_paragraph_opener(end: int) -> str | None:
        """The kind of quote mark that opens the paragraph after `end`, if any."""
        j = end
        n = len(text)
        while j < n and text[j].isspace():
            j += 1
        if j < n and text[j] in "\"“'‘":
            return DOUBLE if text[j] in "\"“" else SINGLE
        return None

    def runs_on(p: int) -> bool:
        """True when a double quotation open at the end of paragraph p is closed in the next one
        without a reopening mark: one quotation over two paragraphs, not a lost mark."""
        if len(stack) != 1 or stack[0].kind != DOUBLE or p + 1 >= len(para_ends):
            return False
        end = para_ends[p]
        q = p + 1
        while q + 1 < len(para_ends) and not text[para_ends[q - 1]:para_ends[q]].strip():
            q += 1  # a blank line between paragraphs
        nxt_end = para_ends[q]
        if next_paragraph_opener(end) is not None:
            return False  # the convention's reopening mark: handled by close_paragraph
        body = text[end:nxt_end]
        j = min((k for k in (body.find("\""), body.find("“"), body.find("”")) if k >= 0), default=-1)
        if j < 0:
            return False
        at = end + j
        ch = text[at]
        after = text[at + 1:at + 2]
        return ch == "”" or (ch == "\"" and not text[at - 1].isspace() and (not after or not after.isalnum()))

    n = len(text)
    # QuoteMark(...) and Quotation(...) run a Python-level __new__; tuple.__new__ is the same in C.
    new = tuple.__new__
    para_end = para_ends[0]
    for i in found:
        ch = text[i]
        if ch in _DOUBLE_GLYPHS:
            same = _DOUBLE_GLYPHS
        elif 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue  # an apostrophe inside a word (don’t, o’clock): the commonest mark, never a quote
        else:
            same = _SINGLE_GLYPHS
        if para_end < i:
            while para_ends[pi] < i:
                if stack and not runs_on(pi):
                    close_paragraph(para_ends[pi], next_paragraph_opener(para_ends[pi]))
                pi += 1
            para_end = para_ends[pi]
        prev = text[i - 1] if i else "\n"
        nxt = text[i + 1] if i + 1 < n else ""
        # Whether a quotation of the mark's kind is open: the innermost one usually answers, and
        # glyphs are tested directly rather than through the kind property (so on the stack too).
        is_open = bool(stack) and (stack[-1].char in same or any(s.char in same for s in stack))
        if same is _DOUBLE_GLYPHS:
            role = _double_role(ch, prev, nxt, is_open)
            kind = DOUBLE
        else:
            role = _single_role(text, i, ch, prev, nxt, is_open)
            kind = SINGLE
        mark = new(QuoteMark, (i, ch, role))
        marks.append(mark)
        if role == APOSTROPHE:
            continue
        if role == OPEN:
            if stack and stack[-1].char in same:
                # The same mark opens again before the open quotation closed. At a line start
                # that is the quotation reopening over wrapped lines; anywhere else a closing
                # mark was lost, so the open one ends here, unbalanced.
                top = stack.pop()
                reopened = prev in "\r\n"
                quotations.append(new(Quotation, (top.offset, i, kind, top.char in _STRAIGHT_GLYPHS, len(stack), False,
                                                  reopened)))
                if not reopened:
                    unbalanced.append(top)
            stack.append(mark)
            continue
        # A closing mark: pair it with the nearest open mark of its kind.
        if stack and stack[-1].char in same:
            depth = len(stack) - 1  # the innermost quotation: nearly every closing mark
        else:
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].char in same), -1)
        if depth < 0:
            if kind == DOUBLE:
                unbalanced.append(mark)
            continue
        while len(stack) > depth + 1:
            inner = stack.pop()
            quotations.append(Quotation(inner.offset, i, inner.kind, inner.straight, len(stack), False))
            unbalanced.append(inner)
        opener = stack.pop()
        quotations.append(new(Quotation, (opener.offset, i + 1, kind, opener.char in _STRAIGHT_GLYPHS, depth, True, False)))
    while pi < len(para_ends):
        if stack:
            close_paragraph(para_ends[pi], next_paragraph_opener(para_ends[pi]))
        pi += 1
    # Each opening mark starts one quotation and each mark is unbalanced at most once, so the
    # offsets are distinct and a plain tuple sort (in C, no key function) orders by them alone.
    quotations.sort()
    unbalanced.sort()
    spans: list[tuple[int, int]] = []
    for q in quotations:
        if spans and q.start < spans[-1][1]:
            if q.end > spans[-1][1]:
                spans[-1] = (spans[-1][0], q.end)
        else:
            spans.append((q.start, q.end))
    return QuoteSpans(tuple(spans), tuple(quotations), tuple(marks), tuple(unbalanced), tuple(para_ends))
