"""The C-speed prefilters find every match the full scans they replace would find."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copycheck.checks.apostrophes import (
    _AFTER_CUES, _SPACE_BEFORE as _SPACE_BEFORE_GLYPH, _after_cue, _spaced_glyph_matches, _straight_only,
)
from copycheck.checks.dashes import _dash_candidates
from copycheck.checks.its.tokens import _ITS_BARE, _ITS_CONTRACTED, _its_matches
from copycheck.checks.spacing import (
    _DOUBLED, _NO_SPACE_AFTER, _SPACE_BEFORE, _doubled_marks, _glued_marks, _spaced_marks,
)
from copycheck.checks.repetition import (
    _HYPHENATED, _REPEAT_AFTER, _REPEAT_AFTER_ASCII, _SPACED, _candidates, _matches_at,
)
from copycheck.document import Document, find_all
from copycheck.lazyre import ascii_words
from copycheck.packs import UNICODE_SPACE, PhraseMatcher

# Words that repeat, collide in case and share prefixes, with the gaps the patterns care about.
_PIECES = ["the", "The", "THE", "them", "it", "its", "Its", "it's", "it’s", "IT", "un", "UN", "so", "called",
           " ", "  ", "\t", "\n", "\r\n", "\n\n", "-", "--", ",", ".", "'", "’", "\"", "(", "_", "1"]
TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
@example("the the")
@example("The the end, UN-UN-backed and the -the the so-called called")
@example("the the the\nthe\r\nthe")
def test_doubled_word_candidates_miss_no_match(text: str) -> None:
    doc = Document.from_text(text)
    offsets = _candidates(doc)
    for pattern in (_SPACED, _HYPHENATED):
        full = [m.span() for m in pattern.finditer(doc.text)]
        assert [m.span() for m in _matches_at(doc.text, pattern, offsets)] == full


# Repeats beside Latin-1 marks and letters (£, é), a character past U+00FF (“) and gaps of
# punctuation, which the space-led search over bytes also offers as candidates.
_REPEAT_PIECES = ["the", "The", "un", "UN", "é", "café", "£", "“", " ", "  ", "\t", "\n", "\r\n", "-", ".", ",",
                  "'", "_", "1", "\u00a0", "\x85"]
REPEAT_TEXT = st.lists(st.sampled_from(_REPEAT_PIECES), max_size=40).map("".join)


@FAST
@given(REPEAT_TEXT)
@example("£the the. The-the café café")
@example("the, the “un un”")
def test_doubled_word_candidates_cover_every_repeat(text: str) -> None:
    doc = Document.from_text(text)
    offsets = _candidates(doc)
    assert offsets == sorted(set(offsets))
    exact = [m.start(1) for m in _REPEAT_AFTER.finditer(doc.lowered)]
    assert set(exact) <= set(offsets)
    for pattern in (_SPACED, _HYPHENATED):
        full = [m.span() for m in pattern.finditer(doc.text)]
        assert [m.span() for m in _matches_at(doc.text, pattern, offsets)] == full


@FAST
@given(TEXT)
@example("Its its it's It’s IT'S")
@example("its\tits  it’s it'll it'S ITs it’S")
def test_its_scan_is_finditer(text: str) -> None:
    low = text.lower()
    contracted, bare = _its_matches(text, low)
    assert [m.span() for m in contracted] == [m.span() for m in _ITS_CONTRACTED.finditer(text)]
    assert [m.span() for m in bare] == [m.span() for m in _ITS_BARE.finditer(text)]


@FAST
@given(TEXT)
def test_find_all_is_a_class_scan(text: str) -> None:
    assert find_all(text, "\"“”'‘’") == [m.start() for m in re.finditer(r"[\"“”'‘’]", text)]
    assert find_all(text, ("--",)) == [m.start() for m in re.finditer(r"(?=--)", text)]


# Punctuation marks side by side, before and after spaces, letters and digits.
_MARK_PIECES = [",", ".", ";", ":", "!", "?", "..", "...", " ", "  ", "\t", "\n", "a", "b", "Ab", "I", "1", "\"",
                "”", "’", "-", "é", "x "]
MARKS_TEXT = st.lists(st.sampled_from(_MARK_PIECES), max_size=40).map("".join)


@FAST
@given(MARKS_TEXT)
@example("said , then ,,.. ;; :: ... a.B x ,y end.Next ,")
def test_punctuation_marks_match_finditer(text: str) -> None:
    doc = Document.from_text(text)
    spaced = [m.span() for m in _SPACE_BEFORE.finditer(text) if m.start() and text[m.start() - 1] in " \t"]
    assert [m.span() for m in _spaced_marks(doc)] == spaced
    assert [m.span() for m in _doubled_marks(doc)] == [m.span() for m in _DOUBLED.finditer(text)]
    assert [m.span() for m in _glued_marks(doc)] == [m.span() for m in _NO_SPACE_AFTER.finditer(text)]


# ASCII words among non-ASCII marks and letters (é, ß, the superscript ², Greek), and a lone surrogate.
_MIXED_PIECES = ["the", "the ", "The", "é", "café", "ß", "²", "αβ", "“", "”", "’", "£", "—", "\u00a0", " ", "-",
                 "\n", "1", "_", "\udc80"]
MIXED_TEXT = st.lists(st.sampled_from(_MIXED_PIECES), max_size=30).map("".join)


@FAST
@given(MIXED_TEXT)
@example("café café £5 — “the the”")
@example("the the — “so”")
def test_ascii_pattern_only_where_it_agrees(text: str) -> None:
    assert ascii_words(text) == all(c.isascii() or not re.match(r"\w", c) for c in text)
    if ascii_words(text):
        assert ([m.span() for m in _REPEAT_AFTER_ASCII.finditer(text)]
                == [m.span() for m in _REPEAT_AFTER.finditer(text)])


# Phrases that share prefixes, span whitespace and apostrophes, and open inside words.
_PHRASES = ["web site", "website", "e-mail", "email", "OK", "okay", "it's", "Émile", "ageing", "aging"]
_PHRASE_PIECES = ["web", "site", "website", "e-", "mail", "email", "OK", "okay", "it", "'", "’", "s", "Émile",
                  "age", "ing", "aging", " ", "\u00a0", "\x1c", "\n", "-", "é", "x", "_", "1", ".", "“"]
PHRASE_TEXT = st.lists(st.sampled_from(_PHRASE_PIECES), max_size=30).map("".join)


@FAST
@given(PHRASE_TEXT, st.integers(0, 40), st.integers(0, 40), st.booleans())
@example("website web\u00a0site emailOK okay", 0, 40, False)
def test_phrase_search_after_a_gap_is_the_plain_search(text: str, pos: int, length: int, ignore_case: bool) -> None:
    matcher = PhraseMatcher(_PHRASES, ignore_case)
    assert matcher.after_gap
    target = text.lower() if ignore_case else text
    pos, endpos = min(pos, len(text)), min(pos + length, len(text))
    plain = list(matcher._raw(target, pos, endpos))
    assert list(matcher._after_gap(target, pos, endpos, False)) == plain
    if ascii_words(target):
        assert list(matcher._after_gap(target, pos, endpos, True)) == plain


# ASCII phrases only, so that the space-led search over bytes (lazyre.spaced_bytes) is used where
# the text is Latin-1; the pieces add Latin-1 marks and a character past U+00FF.
_ASCII_PHRASES = ["web site", "website", "e-mail", "email", "OK", "okay", "it's", "ageing", "aging", "co-operate"]
_ASCII_PHRASE_PIECES = ["web", "site", "website", "e-", "mail", "email", "OK", "okay", "it", "'", "s", "age", "ing",
                        "aging", "co", "-", "operate", " ", "  ", "\u00a0", "\x1c", "\x85", "\n", "£", "“", "x", "_",
                        "1", ".", "é"]
ASCII_PHRASE_TEXT = st.lists(st.sampled_from(_ASCII_PHRASE_PIECES), max_size=30).map("".join)


@FAST
@given(ASCII_PHRASE_TEXT, st.integers(0, 40), st.integers(0, 40), st.booleans())
@example("website web\u00a0 site emailOK okay e-mail.co-operate £it's", 0, 60, False)
@example("xOK OK web  site", 1, 60, True)
def test_space_led_phrase_search_is_the_plain_search(text: str, pos: int, length: int, ignore_case: bool) -> None:
    matcher = PhraseMatcher(_ASCII_PHRASES, ignore_case)
    assert matcher.after_gap and matcher._space_led() is not None
    target = text.lower() if ignore_case else text
    pos, endpos = min(pos, len(text)), min(pos + length, len(text))
    plain = list(matcher._raw(target, pos, endpos))
    assert list(matcher._after_gap(target, pos, endpos, False)) == plain
    if ascii_words(target):
        assert list(matcher._after_gap(target, pos, endpos, True)) == plain


def test_unicode_space_is_res_whitespace() -> None:
    ascii_space = re.compile(UNICODE_SPACE, re.ASCII)
    assert all(bool(ascii_space.match(c)) == c.isspace() == bool(re.match(r"\s", c)) for c in map(chr, range(0x110000)))


_DASH_PIECES = ["a", "word", " ", "\t", "-", "--", "–", "—", "\n", "1"]
DASH_TEXT = st.lists(st.sampled_from(_DASH_PIECES), max_size=30).map("".join)


@FAST
@given(DASH_TEXT)
@example("a -b\t-c --d – e — f")
@example("--- a---b \t--- -–—- x-")
def test_dash_candidates_are_every_glyph_and_spaced_hyphen(text: str) -> None:
    spaced = [m.start() + 1 for m in re.finditer(r"(?=[ \t]-)", text)]
    assert _dash_candidates(text) == sorted({*spaced, *find_all(text, ("--", "–", "—"))})


_APOSTROPHE_PIECES = ["don", "Libya", "it", "'", "‘", "’", "s", "t", "re", "ll", "d", " ", "  ", "\t", "\n", "x", "'s"]
APOSTROPHE_TEXT = st.lists(st.sampled_from(_APOSTROPHE_PIECES), max_size=30).map("".join)


@FAST
@given(APOSTROPHE_TEXT)
@example("Libya 's don 't it\t’s ‘ re  ' ll don't 's")
@example("'s ' t x'\t '")
def test_spaced_glyphs_are_the_filtered_scan(text: str) -> None:
    plain = [m.span() for m in _SPACE_BEFORE_GLYPH.finditer(text) if m.start() and text[m.start() - 1] in " \t"]
    assert [m.span() for m in _spaced_glyph_matches(text)] == plain
    assert _after_cue(text) == any(cue in text for cue in _AFTER_CUES)
    straight = text.replace("‘", "'").replace("’", "'")  # the straight-only path's case
    after, found = _straight_only(straight)
    assert after == any(cue in straight for cue in _AFTER_CUES)
    assert [m.span() for m in found] == [m.span() for m in _SPACE_BEFORE_GLYPH.finditer(straight)
                                         if m.start() and straight[m.start() - 1] in " \t"]


def _plain_consistency(doc: Document, groups: list[list[str]], ignore_case: bool) -> list[tuple[int, int, str]]:
    """A consistency rule kept out of quotations, as it read before its prefilter: every form found,
    quotations left out, then each form after its group's first one flagged."""
    matcher = PhraseMatcher([f for g in groups for f in g], ignore_case)
    where = {matcher.key(f): gi for gi, g in enumerate(groups) for f in g}
    first: dict[int, str] = {}
    out = []
    for start, end in matcher.spans(doc, "X"):
        if doc.quotes.contains(start, end):
            continue
        key = matcher.key(doc.text[start:end])
        if first.setdefault(where[key], key) != key:
            out.append((start, end, doc.text[start:end]))
    return out


_CONSISTENCY_PIECES = ["website", "web site", "email", "e-mail", "OK", "okay", "\"", "“", "”", "said", " ", "\n\n", "."]
CONSISTENCY_TEXT = st.lists(st.sampled_from(_CONSISTENCY_PIECES), max_size=30).map("".join)


@FAST
@given(CONSISTENCY_TEXT, st.booleans())
@example("“website” and web site. website", False)
@example("email \"e-mail\" email", True)
def test_consistency_prefilter_is_the_plain_rule(text: str, ignore_case: bool) -> None:
    from copycheck.packs import _build_consistency

    groups = [["website", "web site"], ["email", "e-mail"], ["OK", "okay"]]
    check, _ = _build_consistency({"either": groups}, "X", "{match} {replacement}", ignore_case)
    doc = Document.from_text(text)
    assert [(h.start, h.end, text[h.start:h.end]) for h in check(doc, {})] == _plain_consistency(doc, groups, ignore_case)
