"""Kept regex code (copycheck/lazyre.py): the same patterns as re.compile, and a bad file is ignored."""
from __future__ import annotations

import re
import sys

import pytest

from copycheck import lazyre

PATTERNS = [
    (r"(?<![\w'’])([Ii]t)(['’])s\b", 0),
    (r"(?P<word>[^\W\d_]+)[ \t]+(?P=word)", re.IGNORECASE),
    (r"^#{1,6}[ \t].*$", re.MULTILINE),
    (r"[£$€]?\d[\d.,]*|[\"“‘<']?[A-ZÀ-ÖØ-Þ][a-z]+", 0),
    (r"<!--(?P<body>.*?)-->", re.DOTALL),
    (r"(?x) \d+  # a number\n (?:st|nd|rd|th)", 0),
]
TEXT = "It's the the word. ### Heading\n<!-- a\nb --> £5.20 and “Żaneta” it’s 21st THE the\n"


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    assert [m.span() for m in a.finditer(TEXT)] == [m.span() for m in b.finditer(TEXT)]
    assert [m.groups() for m in a.finditer(TEXT)] == [m.groups() for m in b.finditer(TEXT)]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="code is kept only where re has _parser/_compiler")
@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_kept_code_compiles_to_what_re_compiles(tmp_path, pattern, flags):
    store = lazyre._Store(str(tmp_path / "kept.marshal"))
    compiled, entry = lazyre._compile_keeping_code(pattern, int(flags))
    assert entry is not None
    _same(compiled, re.compile(pattern, flags))
    store.add((pattern, int(flags)), entry)
    store.save()
    again = lazyre._Store(store.path)
    _same(lazyre._sre_compile(pattern, again.codes[(pattern, int(flags))]), re.compile(pattern, flags))


def test_compile_is_re_compile_on_every_pattern():
    for pattern, flags in PATTERNS:
        _same(lazyre.compile(pattern, flags), re.compile(pattern, flags))
        _same(lazyre.compile(pattern, flags), re.compile(pattern, flags))  # the second from the store


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\x00" * 40])
def test_a_damaged_file_is_ignored(tmp_path, content):
    path = tmp_path / "kept.marshal"
    path.write_bytes(content)
    assert lazyre._Store(str(path)).codes == {}


def test_a_file_from_another_python_is_ignored(tmp_path):
    import marshal

    path = tmp_path / "kept.marshal"
    path.write_bytes(marshal.dumps((("cpython-99", "9.9", 0, 4), {("a", 0): (32, [1], 0, {}, (None,))})))
    assert lazyre._Store(str(path)).codes == {}


@pytest.mark.skipif(sys.version_info < (3, 11), reason="code is kept only where re has _parser/_compiler")
def test_code_the_matcher_rejects_is_compiled_afresh(monkeypatch, tmp_path):
    store = lazyre._Store(str(tmp_path / "kept.marshal"))
    store.codes[("ab+c", 0)] = (32, [99999, 1, 2], 0, {}, (None,))  # not valid matcher code
    monkeypatch.setattr(lazyre, "_STORE", store)
    assert lazyre.compile("ab+c").findall("xabbbc ac abc") == ["abbbc", "abc"]
    assert store.codes[("ab+c", 0)][1] != [99999, 1, 2]


def test_nothing_is_written_under_dont_write_bytecode(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    store = lazyre._Store(str(tmp_path / "kept.marshal"))
    _, entry = lazyre._compile_keeping_code("x+", 0)
    store.add(("x+", 0), entry)
    assert not store.dirty


def test_an_unwritable_folder_is_fine(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    store = lazyre._Store(str(blocker / "sub" / "kept.marshal"))  # a folder under a file: cannot exist
    _, entry = lazyre._compile_keeping_code("x+", 0)
    store.codes[("x+", 0)] = entry
    store.save()  # no exception, no file
    assert list(tmp_path.iterdir()) == [blocker]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="`re` has possessive repeats from Python 3.11")
def test_possessive_repeat_patterns_match_as_their_greedy_forms():
    # POSSESSIVE is used only where the greedy repeat cannot backtrack into a match, so 3.10,
    # which gets the greedy form, finds the same repeats.
    import random

    from copycheck.checks import repetition as rep

    assert lazyre.POSSESSIVE == "+"
    patterns = [rep._REPEAT_AT_START, rep._REPEAT_AFTER, rep._REPEAT_AFTER_ASCII, rep._REPEAT_AFTER_SPACE]
    alphabet = ["the", "The", "to", "a", "ab", " ", "  ", "-", "\n", ".", "é", "x1"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    for lazy_pattern in patterns:
        lazy_pattern.search  # noqa: B018 - the first use compiles it
        own = lazy_pattern.compiled
        plus = b"+" if isinstance(own.pattern, bytes) else "+"
        greedy = re.compile(own.pattern.replace(plus + plus, plus), own.flags)
        assert greedy.pattern != own.pattern
        for text in texts:
            subject = text.encode("latin-1") if isinstance(own.pattern, bytes) else text
            assert [m.span(1) for m in own.finditer(subject)] == [m.span(1) for m in greedy.finditer(subject)], text
