"""HTML articles: visible prose only, positions in the HTML source, fixes that never touch markup."""
from __future__ import annotations

from copycheck import lint_text
from copycheck.document import Document
from copycheck.htmltext import decode


def _findings(src: str, code: str | None = None):
    return [f for f in lint_text(src, path="story.html") if code is None or f.code == code]


def test_entity_before_a_finding_keeps_source_columns():
    src = "<p>Caf&eacute; &amp; bar owners said the the deal was off.</p>"
    (f,) = _findings(src, "TY001")
    assert src[f.start:f.end] == "the the"
    # Column counts source code points: "&eacute;" and "&amp;" are 8 and 5 columns, not 1.
    assert (f.line, f.column, f.end_column) == (1, src.index("the the") + 1, src.index("the the") + 8)


def test_error_inside_code_pre_script_style_and_comments_is_not_reported():
    src = ("<html><head><title>the the</title><style>p{} /* the the */</style></head><body>\n"
           "<p>Run <code>the the</code> first.</p>\n<pre>and and</pre>\n<script>var a = 'so so';</script>\n"
           "<!-- was was --><p title=\"the the\">Clean copy.</p></body></html>")
    assert _findings(src, "TY001") == []


def test_fix_next_to_an_entity_edits_only_the_text():
    from copycheck.fix import apply_fixes, choose_fixes

    src = "<p>AT&amp;T the the deal&#8217;s  done.</p>"
    findings = _findings(src)
    fixed = apply_fixes(src, choose_fixes(findings))
    assert fixed == "<p>AT&amp;T the deal&#8217;s done.</p>"


def test_doubled_word_split_by_inline_markup_is_found_and_its_fix_not_applied():
    src = "<p>Ask the <em>the</em> boss.</p>"
    (f,) = _findings(src, "TY001")
    assert src[f.start:f.end] == "the <em>the"  # the span covers the source range, tag included
    assert (f.column, f.end_column) == (8, 19)
    assert f.fix is None  # its fix would cross a tag


def test_block_elements_are_paragraph_breaks_and_inline_ones_are_not():
    text, _ = decode("<h1>Headline</h1><p>One <a href='x'>link</a> here.</p><ul><li>A</li><li>B</li></ul>")
    assert text == "Headline\n\nOne link here.\n\nA\n\nB"


def test_offset_map_round_trips_every_verbatim_character():
    src = "<p>x &lt; y &#x1F600; z&nbsp;w</p>\r\n<p>line two</p>"
    text, m = decode(src)
    assert text == "x < y 😀 z\xa0w\r\n\n\nline two"  # the source's own break, then the block break
    for i, ch in enumerate(text):
        a, b = m.start(i), m.end(i + 1)
        if ch in "<😀\xa0":
            assert src[a:b] in ("&lt;", "&#x1F600;", "&nbsp;")
        elif ch != "\n":
            assert src[a:b] == ch


def test_fix_replacement_is_escaped_as_html_text():
    from copycheck.htmltext import OffsetMap
    from copycheck.model import Fix, Hit

    _, m = decode("<p>a b c</p>")
    assert isinstance(m, OffsetMap)
    _, _, fix = m.place(Hit(2, 3, "x", Fix(2, 3, "<&>")))
    assert fix is not None and fix.replacement == "&lt;&amp;&gt;" and (fix.start, fix.end) == (5, 6)


def test_directive_in_an_html_comment_suppresses():
    src = "<p>Ask the the boss.</p><!-- copycheck: ignore TY001 -->"
    assert _findings(src, "TY001") == []


def test_markdown_and_text_documents_have_no_offset_map():
    assert Document.from_text("the the", "a.md").offsets is None
    assert Document.from_text("the the", "a.txt").offsets is None


def test_cli_fix_rewrites_html_source(tmp_path, cli):
    page = tmp_path / "story.htm"
    page.write_text("<p>Caf&eacute; said the the word.</p>\n<p>Ask the <em>the</em> boss.</p>\n", encoding="utf-8")
    r = cli("--fix", "--format", "json", str(tmp_path))
    assert page.read_text(encoding="utf-8") == "<p>Caf&eacute; said the word.</p>\n<p>Ask the <em>the</em> boss.</p>\n"
    left = r.json()
    assert [(f["code"], f["line"], f["column"]) for f in left] == [("TY001", 2, 8)]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["<p>", "</p>", "<em>", "</em>", "<code>", "</code>", "<br>", "&amp;", "&nbsp;", "&#8217;", "&", "<",
           "the", "The", " ", "  ", "\n", "\r\n", "said", "it's", "<!-- x -->", "<a href='x'>", "</a>", "&eacute",
           "\u00e9", "😀", "<script>", "</script>", "\"", "“", "”", "<li>", "-", "—", ",", "."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_html_maps_into_the_source_and_fixes_keep_every_tag(pieces):
    import re

    from copycheck.fix import apply_fixes, choose_fixes

    src = "".join(pieces)
    text, m = decode(src)
    for i, ch in enumerate(text):
        a, b = m.start(i), m.end(i + 1)
        assert 0 <= a <= b <= len(src)
        if b - a == 1 and m.exact(i, i + 1):
            assert src[a] == ch
    findings = lint_text(src, path="x.html")
    for f in findings:
        assert 0 <= f.start <= f.end <= len(src)
    fixed = apply_fixes(src, choose_fixes(findings, unsafe=True))
    tags = re.compile(r"<[^<>]*>")
    assert tags.findall(fixed) == tags.findall(src)


def test_importing_the_cli_loads_neither_pygls_nor_the_http_server():
    import subprocess
    import sys

    from conftest import ROOT

    code = ("import sys, copycheck, copycheck.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'http')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
