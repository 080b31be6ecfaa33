"""Property tests over random and adversarial Unicode: every rule, every line ending (issue 14).

Bounded max_examples and no deadline keep the suite quick and free of timing flakiness; the
stress benchmark (scripts/stress.py), not a test, measures time and memory.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copycheck.document import Document, LineIndex
from copycheck.engine import RuleSet, check_document
from copycheck.fix import apply_fixes, choose_fixes, write_atomic
from copycheck.packs import available_packs
from copycheck.registry import load_rules
from copycheck.selection import select_rules

# Every rule, every built-in pack; only the LanguageTool rule is left out (it needs a server).
RULESET = RuleSet(tuple(r for r in select_rules(load_rules(available_packs()), ("ALL",), ())
                        if r.code != "LT001"))
MAX_FIX_ROUNDS = 5

# Pieces that exercise the rules: words that trigger them, capitals for the name rules, every
# kind of quotation mark and bracket, Markdown markup, directives, and awkward code points
# (combining marks, emoji, wide characters, controls, the mask character, a BOM inside the text).
PIECES = [
    "the", "the the", "The", "it's", "its", "Libya", "Libya`s", "Gaddafi", "Qaddafi", "Khadafy",
    "Deutsche Boerse", "(DB)", "DB's", "Northern Rail Board", "(NRB)", "NRB", "adviser", "advisor",
    "toward", "e-mail", "email", "Mr", "Ms.", "U.S.", "1990s", "’90s", "rock’n’roll", "-", "--", "—", "–",
    "“", "”", "‘", "’", '"', "'", "(", ")", "[", "]", "{", "}", "[sic]", "`", "``", "```", "#", "## ",
    "> ", "- ", "* ", "1. ", "|", "---", "<!--", "-->", "<!-- copycheck: ignore TY001 -->",
    "<!-- copycheck: disable ALL -->", "<!-- copycheck: ignore TY01 -->", "http://example.com/a_b",
    "a@b.org", "  ", " ", "\t", ".", ",", ";", ":", "!", "?", "…", "é", "e\u0301", "😀", "👍🏽", "東京",
    "\u200b", "\u00a0", "\ufffc", "\ufeff", "\x1b[2J", "\x00", "\x7f", "İ", "ß", "ǅ", "Ⅻ",
]
NEWLINE = st.sampled_from(["\n", "\n\n"])
TOKENS = st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=4), NEWLINE)
# Text with \n line breaks only; the line-ending property rewrites them.
TEXT = st.lists(st.one_of(TOKENS, st.just(" ")), max_size=60).map("".join).map(
    lambda t: t.replace("\r", ""))
# Article-shaped text too: a headline line, then paragraphs of sentences built from the pieces,
# so headline detection, paragraph splitting and quotation pairing all come into play.
WORD = st.sampled_from([p for p in PIECES if p.strip() and "\n" not in p] + ["minister", "said", "on", "Tuesday"])
SENTENCE = st.lists(WORD, min_size=1, max_size=12).map(" ".join).map(lambda s: s + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
ARTICLE = st.tuples(st.lists(WORD, min_size=1, max_size=6).map(" ".join),
                    st.lists(PARAGRAPH, min_size=1, max_size=5)).map(
    lambda hp: "\n\n".join([hp[0], *hp[1]]) + "\n").map(lambda t: t.replace("\r", ""))
TEXT = st.one_of(TEXT, ARTICLE)
PATHS = st.sampled_from(["a.txt", "a.md"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str, path: str):
    findings, problems = check_document(Document.from_text(text, path), RULESET)
    return findings, problems


@FAST
@given(TEXT, PATHS)
def test_no_rule_raises_and_positions_are_in_bounds(text, path):
    findings, problems = check(text, path)
    assert not [p for p in problems if "crashed" in p.message], problems
    lines = LineIndex.build(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert (f.line, f.column) == lines.position(f.start)
        assert (f.end_line, f.end_column) == lines.position(f.end)
        assert 1 <= f.line <= f.end_line <= len(lines.starts)
        # A column never points past its line's end (line breaks excluded, except a span's end).
        a, b = lines.line_span(f.line, text)
        assert f.column - 1 <= b - a, f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)
            assert "\n" not in f.fix.replacement and "\r" not in f.fix.replacement


def _fix_all(text: str, path: str) -> str:
    """What --fix --unsafe-fixes makes of a text, round by round as the runner does."""
    for _ in range(MAX_FIX_ROUNDS):
        fixes = choose_fixes(check(text, path)[0], unsafe=True)
        if not fixes:
            break
        text = apply_fixes(text, fixes)
    return text


@FAST
@given(TEXT, PATHS)
def test_fixes_are_idempotent(text, path):
    once = _fix_all(text, path)
    assert _fix_all(once, path) == once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(TEXT, PATHS, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_bytes_outside_fixes_are_unchanged(tmp_path, text, path, eol, bom):
    text = text.replace("\ufeff", "").replace("\n", eol)
    findings, _ = check(text, path)
    fixes = choose_fixes(findings, unsafe=True)
    target = tmp_path / f"t{os.getpid()}{path[-3:]}"
    original = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    target.write_bytes(original)
    write_atomic(str(target), apply_fixes(text, fixes), bom)
    # The expected file: the original bytes, each fix's code-point span spliced by its UTF-8 bytes.
    expected, pos = bytearray(b"\xef\xbb\xbf" if bom else b""), 0
    for fx in fixes:
        expected += text[pos:fx.start].encode("utf-8") + fx.replacement.encode("utf-8")
        pos = fx.end
    expected += text[pos:].encode("utf-8")
    written = target.read_bytes()
    assert written == bytes(expected)


def _shape(text: str, path: str):
    findings, problems = check(text, path)
    return ([(f.code, f.line, f.column, f.end_line, f.end_column, f.fix.replacement if f.fix else None)
             for f in findings], sorted(p.message for p in problems))


@FAST
@given(TEXT, PATHS)
@example("NRB deal agreed\n\nThe Northern Rail Board (NRB) met. The NRB agreed.\n", "a.txt")
@example("Libya`s view\n\nThe the end.\n\nGaddafi`s son.\n", "a.md")
def test_lf_crlf_and_cr_give_the_same_findings(text, path):
    lf = _shape(text, path)
    assert _shape(text.replace("\n", "\r\n"), path) == lf
    assert _shape(text.replace("\n", "\r"), path) == lf


@pytest.mark.parametrize("text", [
    "“" * 500 + "word" + "”" * 499,
    "(" * 2000,
    "`" * 3000 + "\n\n" + "``x" * 500,
    "> " * 300 + "- " * 300 + "the the\n",
    "A" * 5000,
    " ".join(["Gaddafi", "Qaddafi", "Khadafy", "Smith"] * 300),
])
@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_adversarial_shapes_raise_nothing(text, path):
    findings, problems = check(text, path)
    assert not [p for p in problems if "crashed" in p.message], problems
    assert all(0 <= f.start <= f.end <= len(text) for f in findings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.data())
def test_utf16_and_utf8_columns_match_encoding(line, data):
    from copycheck.formatters import utf8_column, utf16_column

    column = data.draw(st.integers(1, len(line) + 1))
    assert utf16_column(line, column) == len(line[:column - 1].encode("utf-16-le", "surrogatepass")) // 2 + 1
    assert utf8_column(line, column) == len(line[:column - 1].encode("utf-8", "surrogatepass")) + 1
