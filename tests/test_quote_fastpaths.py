"""The quotation checks' shortcuts give exactly what their plain versions give."""
from __future__ import annotations

import bisect

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copycheck.checks.quotes import (
    _PAIRS, _counts_balanced, _is_speech, _minority, check_mixed_style, headline_spans, may_mix_styles,
)
from copycheck.document import Document, find_all
from copycheck.quotes import (
    _DOUBLE_GLYPHS, _GLYPHS, _SINGLE_GLYPHS, APOSTROPHE, CLOSE, DOUBLE, OPEN, SINGLE, Quotation, QuoteMark,
    QuoteSpans, _double_role, _single_role, find_quotations, paragraph_ends,
)

# Quote marks of every glyph beside words, spaces, line breaks, speech verbs and sentence ends.
_PIECES = ["\"", "“", "”", "'", "‘", "’", "said", "dubbed", "that", "the plan", "a b c d e", "Jones", "don't",
           "90s", " ", "\u00a0", "\t", "\n", "\n\n", "\r\n", "\r", ".", ",", "?", "#", "# ", "(", "-", "x", "We",
           "a line long enough to wrap when two or three of it stand together "]
QUOTE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)
FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _plain_mixed_style(doc: Document):
    """check_mixed_style without its prefilters: every quotation compared."""
    quotes = doc.quotes
    if len(quotes.quotations) < 2:
        return
    heads = headline_spans(doc)
    ends = quotes.paragraphs
    shaky = {bisect.bisect_left(ends, m.offset) for m in quotes.unbalanced}
    outer = [q for q in quotes.quotations
             if q.depth == 0 and not any(a <= q.start < b for a, b in heads)
             and bisect.bisect_left(ends, q.start) not in shaky]
    if len(outer) < 2:
        return
    speech = [q for q in outer if _is_speech(doc.text, q)]
    kinds = {q.kind for q in outer}
    if kinds == {DOUBLE, SINGLE} and all(q in speech if q.kind == DOUBLE else not _is_speech(doc.text, q, naming=False)
                                         for q in outer):
        speech = [q for q in outer if q.kind == DOUBLE]
    group = speech if speech else outer
    yield from _minority(doc, group, key=lambda q: q.kind, tie=lambda votes: DOUBLE, what="kind")
    opening = [m for m in quotes.marks if m.role == OPEN and not any(a <= m.offset < b for a, b in heads)]
    if any(m.straight for m in opening) and not all(m.straight for m in opening):
        yield from _minority(doc, outer, key=lambda q: q.straight, tie=None, what="glyph")


@FAST
@given(QUOTE_TEXT)
@example("He said “yes” and “no”, then \"maybe\" too.")
@example("“We will not give up on the plan,” she said. ‘We expect a result by Friday,’ he added.")
@example("Headline 'x'\nHe said 'the price war is over' and \"the trade war goes on\", and \"a mess\".")
def test_mixed_style_is_the_plain_comparison(text: str) -> None:
    assert list(check_mixed_style(Document.from_text(text), {})) == list(_plain_mixed_style(Document.from_text(text)))


# Straight marks only (the prefilter's case), beside letters, digits, "_", non-ASCII letters and
# digits ("é", "²"), spaces, brackets and line breaks.
_STRAIGHT_PIECES = ["\"", "'", "said", "don't", "Jones", "90s", "em", "s", " ", "\u00a0", "\t", "\n", "\n\n", "\r",
                    ".", ",", "(", "-", "_", "é", "²", "x", "We", "a b c d e"]
STRAIGHT_TEXT = st.lists(st.sampled_from(_STRAIGHT_PIECES), max_size=60).map("".join)


@FAST
@given(STRAIGHT_TEXT)
@example("He said 'the price war is over' and \"the trade war goes on\".")
@example("'Tis Jones' \"plan\" and é'x ²'s _'a (\"b\")")
def test_mixed_style_prefilter_passes_over_only_one_style(text: str) -> None:
    if not may_mix_styles(text):
        # What the prefilter claims: every quotation is double, in straight marks.
        assert all(q.kind == DOUBLE and q.straight for q in find_quotations(text).quotations)
    assert list(check_mixed_style(Document.from_text(text), {})) == list(_plain_mixed_style(Document.from_text(text)))


def _plain_find_quotations(text: str) -> QuoteSpans:
    """find_quotations as it was before its fast paths: the reference the tests hold it to."""
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
    for i in found:
        ch = text[i]
        if ch in _SINGLE_GLYPHS and 0 < i < n - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue  # an apostrophe inside a word (don’t, o’clock): the commonest mark, never a quote
        while para_ends[pi] < i:
            if stack and not runs_on(pi):
                close_paragraph(para_ends[pi], next_paragraph_opener(para_ends[pi]))
            pi += 1
        prev = text[i - 1] if i else "\n"
        nxt = text[i + 1] if i + 1 < n else ""
        # Whether a quotation of the mark's kind is open: the innermost one usually answers, and
        # glyphs are tested directly rather than through the kind property.
        if ch in _DOUBLE_GLYPHS:
            role = _double_role(ch, prev, nxt, bool(stack) and (stack[-1].char in _DOUBLE_GLYPHS or any(
                s.char in _DOUBLE_GLYPHS for s in stack)))
            kind = DOUBLE
        else:
            role = _single_role(text, i, ch, prev, nxt, bool(stack) and (stack[-1].char in _SINGLE_GLYPHS or any(
                s.char in _SINGLE_GLYPHS for s in stack)))
            kind = SINGLE
        mark = QuoteMark(i, ch, role)
        marks.append(mark)
        if role == APOSTROPHE:
            continue
        if role == OPEN:
            if stack and stack[-1].kind == kind:
                # The same mark opens again before the open quotation closed. At a line start
                # that is the quotation reopening over wrapped lines; anywhere else a closing
                # mark was lost, so the open one ends here, unbalanced.
                top = stack.pop()
                reopened = prev in "\r\n"
                quotations.append(Quotation(top.offset, i, kind, top.straight, len(stack), False, reopened))
                if not reopened:
                    unbalanced.append(top)
            stack.append(mark)
            continue
        # A closing mark: pair it with the nearest open mark of its kind.
        if stack and stack[-1].kind == kind:
            depth = len(stack) - 1  # the innermost quotation: nearly every closing mark
        else:
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d].kind == kind), -1)
        if depth < 0:
            if kind == DOUBLE:
                unbalanced.append(mark)
            continue
        while len(stack) > depth + 1:
            inner = stack.pop()
            quotations.append(Quotation(inner.offset, i, inner.kind, inner.straight, len(stack), False))
            unbalanced.append(inner)
        opener = stack.pop()
        quotations.append(Quotation(opener.offset, i + 1, kind, opener.straight, depth, True))
    while pi < len(para_ends):
        if stack:
            close_paragraph(para_ends[pi], next_paragraph_opener(para_ends[pi]))
        pi += 1
    quotations.sort(key=lambda q: (q.start, -q.end))
    spans: list[tuple[int, int]] = []
    for q in quotations:
        if spans and q.start < spans[-1][1]:
            if q.end > spans[-1][1]:
                spans[-1] = (spans[-1][0], q.end)
        else:
            spans.append((q.start, q.end))
    unbalanced.sort(key=lambda mk: mk.offset)
    return QuoteSpans(tuple(spans), tuple(quotations), tuple(marks), tuple(unbalanced), tuple(para_ends))


@FAST
@given(QUOTE_TEXT)
@example("“One,” she said. “Two.”\n\n“Three\n\n“Four,” he said. 'a' ‘b’ \"c\" don't Jones' ’90s")
@example("He said \"we will not stop, and left.\n\nThe talks went on.\"")
def test_quotation_pairing_is_the_plain_pairing(text: str) -> None:
    assert find_quotations(text) == _plain_find_quotations(text)


@FAST
@given(st.text(alphabet="()[]{}x \n", max_size=30))
def test_bracket_counts_are_every_count(text: str) -> None:
    assert _counts_balanced(text) == all(text.count(a) == text.count(b) for b, a in _PAIRS.items())
