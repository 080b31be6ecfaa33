"""Positions are exact: 1-based lines, code-point columns, exclusive ends, whatever the bytes."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copycheck.document import Document, LineIndex
from copycheck.files import decode
from copycheck.engine import Problem
from copycheck import lint_text


def _doubled(text: str):
    return [f for f in lint_text(text) if f.code == "TY001"]


def test_line_index_lf_crlf_cr():
    idx = LineIndex.build("ab\r\ncd\nef\rgh")
    assert idx.starts == (0, 4, 7, 10)
    assert idx.position(0) == (1, 1)
    assert idx.position(4) == (2, 1)
    assert idx.position(8) == (3, 2)
    assert idx.position(11) == (4, 2)


def test_crlf_does_not_shift_columns():
    lf = _doubled("first line\nsay the the word\n")
    crlf = _doubled("first line\r\nsay the the word\r\n")
    assert [(f.line, f.column, f.end_line, f.end_column) for f in lf] == [(2, 5, 2, 12)]
    assert [(f.line, f.column, f.end_line, f.end_column) for f in crlf] == [(2, 5, 2, 12)]


def test_bom_is_not_a_column():
    doc = decode("\ufeffthe the end".encode("utf-8"), "a.txt")
    assert isinstance(doc, Document) and doc.bom
    f = _doubled(doc.source)[0]
    assert (f.line, f.column) == (1, 1)


def test_tab_counts_as_one_column():
    f = _doubled("\tsay the the word")[0]
    assert (f.column, f.end_column) == (6, 13)


def test_emoji_is_one_code_point():
    # U+1F600 is one code point (two UTF-16 units, four UTF-8 bytes).
    f = _doubled("😀 the the")[0]
    assert (f.column, f.end_column) == (3, 10)


def test_combining_marks_count_as_code_points():
    # "é" written as e + U+0301 is two code points.
    f = _doubled("Cafe\u0301 the the")[0]
    assert (f.column, f.start) == (7, 6)


def test_span_across_line_break_has_end_on_next_line():
    f = _doubled("went to the\nthe shop")[0]
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 9, 2, 4)


def test_invalid_utf8_names_byte_offset():
    p = decode(b"good text \xff more", "bad.txt")
    assert isinstance(p, Problem)
    assert "byte offset 10" in p.message and p.path == "bad.txt"


def test_nul_bytes_mean_binary():
    p = decode(b"abc\x00def", "bin.txt")
    assert isinstance(p, Problem) and "binary" in p.message


@given(st.text(alphabet=st.sampled_from(list("ab \t\r\n😀é\u0301")), max_size=60))
def test_position_roundtrip(text):
    idx = LineIndex.build(text)
    for off in range(len(text) + 1):
        if 0 < off < len(text) and text[off - 1 : off + 1] == "\r\n":
            continue  # inside one CRLF break: not a position a finding can have
        line, col = idx.position(off)
        assert idx.offset(line, col) == off
        assert line == text[:off].count("\n") + text[:off].replace("\r\n", "\n").count("\r") + 1


def test_markdown_code_is_masked_at_equal_length():
    src = "Intro the the.\n\n```\nthe the\n```\n\nUse `the the` inline and [link](http://x.y/the the).\n"
    doc = Document.from_text(src, "a.md")
    assert len(doc.text) == len(src)
    assert doc.text.count("\n") == src.count("\n")
    assert [f.line for f in _doubled_doc(doc)] == [1]


def _doubled_doc(doc):
    from copycheck.engine import RuleSet, check_document
    from copycheck.registry import builtin_rules

    rules = tuple(r for r in builtin_rules() if r.code == "TY001")
    return check_document(doc, RuleSet(rules))[0]


def test_checked_document_is_freed_without_the_garbage_collector():
    # Per-document data (abbreviation and dash facts among it) lives on the document and never
    # points back at it, so dropping the document frees it at once: nothing outlives it.
    import gc
    import weakref

    from copycheck.config import Resolver
    from copycheck.engine import check_document

    ruleset = Resolver(isolated=True).ruleset_for(".")
    doc = Document.from_text("The Northern Rail Board (NRB) met – and said so. The NRB agreed the the plan.\n",
                             "a.txt")
    assert check_document(doc, ruleset)[0]
    ref = weakref.ref(doc)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del doc
        assert ref() is None
    finally:
        if was_enabled:
            gc.enable()


def test_fact_is_built_once_per_document():
    calls = []

    def build(doc):
        calls.append(doc.path)
        return len(doc.text)

    doc = Document.from_text("Some words here.", "x.txt")
    assert doc.fact(build) == 16 and doc.fact(build) == 16
    assert calls == ["x.txt"]
    assert Document.from_text("Other.", "y.txt").fact(build) == 6


def test_words_offsets_runs_and_sentences():
    doc = Document.from_text("The Northern Rail Board met. Mr Ann Lee’s NRB-backed plan won.\nNext day.")
    w = doc.words
    assert w.texts[:5] == ["The", "Northern", "Rail", "Board", "met"]
    assert all(doc.text[s:e] == t for s, e, t in zip(w.starts, w.ends, w.texts))
    assert "Lee’s" in w.texts and "NRB-backed" in w.texts
    runs = [" ".join(w.texts[a:b]) for a, b in w.capitalised_runs]
    assert runs == ["The Northern Rail Board", "Mr Ann Lee’s NRB-backed", "Next"]
    assert [doc.text[s:s + 4] for s in w.sentence_starts] == ["The ", "Mr A", "Next"]
    assert w.texts[w.index_at(doc.text.index("Rail") + 1)] == "Rail"


def test_no_quote_mark_prefilter_gives_the_full_scan_answer():
    from copycheck.quotes import find_quotations

    doc = Document.from_text("Plain words.\n\nAnother paragraph.")
    assert doc.quotes.spans == ()
    assert doc.quotes == find_quotations(doc.text)


def test_lazy_pattern_compiles_on_first_use_and_then_behaves_as_the_pattern():
    import re

    from copycheck.lazyre import lazy

    pat = lazy(r"(\w+)-\1", re.I)
    assert "compiled" not in vars(pat)  # nothing compiled at definition
    assert pat.search("a UN-un vote").group(1) == "UN"
    assert vars(pat)["compiled"].pattern == pat.pattern == r"(\w+)-\1" and pat.flags & re.I
    assert pat.sub("X", "so-so") == "X" and [m.span() for m in pat.finditer("a-a b-b")] == [(0, 3), (4, 7)]
