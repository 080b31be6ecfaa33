"""The quotation checks' shortcuts give exactly what their plain versions give."""
from __future__ import annotations

import bisect

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copycheck.checks.quotes import _is_speech, _minority, check_mixed_style, headline_spans
from copycheck.document import Document
from copycheck.quotes import DOUBLE, OPEN, SINGLE

# Quote marks of every glyph beside words, spaces, line breaks, speech verbs and sentence ends.
_PIECES = ["\"", "“", "”", "'", "‘", "’", "said", "dubbed", "that", "the plan", "a b c d e", "Jones", "don't",
           "90s", " ", " ", " ", "\n", "\n\n", ".", ",", "?", "#", "# ", "(", "-", "x", "We"]
QUOTE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=50).map("".join)
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
