"""Dashes: a spaced hyphen used as a dash, mixed dash styles, a parenthetical dash never closed."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from collections.abc import Iterator, Mapping

from ..document import Document, find_all
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from ..lazyre import lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# Typeset punctuation: its presence shows the article was typed with real dashes and quotes at hand.
# Six `in` tests, each at memchr speed (and none at all for a glyph an ASCII text cannot hold),
# cost far less than a character-class search over the whole of a plain ASCII article.
_TYPESET = "–—“”‘…"
# Starts at the spaces (a leading look-behind would be tried at every character); the
# character before them must not be a space, which check_spaced_hyphen tests.
_SPACED_HYPHEN = lazy(r"([ \t]+)(--?)([ \t]+)(?=\S)")
# _dashes() keeps the dash glyphs used as punctuation: " – ", " — ", "—" between words, " - ", " -- ".
# A dateline before a dash: "UNITED NATIONS (TURKISH JOURNAL) –", "SALVADOR, Feb 26 -".
_DATELINE = lazy(
    r"[ \t]*(?:[A-Z][A-Z.'’\-]*(?:[ \t]+[A-Z][A-Z.'’\-]*)*)"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?(?:[ \t]*\([^)\n]*\))?[ \t]*"
)

STYLE_NAMES = {"spaced-en": "spaced en dashes ( – )", "closed-em": "closed em dashes (—)",
               "spaced-em": "spaced em dashes ( — )"}
ONE_DASH = {"spaced-en": "a spaced en dash ( – )", "closed-em": "a closed em dash (—)",
            "spaced-em": "a spaced em dash ( — )"}
STYLE_GLYPHS = {"spaced-en": " – ", "closed-em": "—", "spaced-em": " — "}


_LONGEST_DATELINE = 200
_LONGEST_SENTENCE = 1000


def _is_dateline(text: str, dash_at: int) -> bool:
    """True when everything on the line before the dash is a dateline in capitals."""
    nl = text.rfind("\n", max(0, dash_at - _LONGEST_DATELINE), dash_at)
    if nl < 0 and dash_at > _LONGEST_DATELINE:
        return False  # a long way into a line: no dateline (and no copy of a 10 MB line per dash)
    start = nl + 1
    before = text[start:dash_at]
    return bool(before.strip()) and _DATELINE.fullmatch(before) is not None and any(c.isupper() for c in before)


# A hyphen after a space or tab, or opening "--" (overlapping: "---" gives its first two). The
# pattern opens with the hyphen itself, so re seeks it as a literal; a search for " -" and one for
# "--" each cost a two-character needle's slower scan of the whole text.
_HYPHEN_CANDIDATE = lazy(r"-(?:(?<=[ \t]-)|(?=-))")


def _dash_candidates(text: str) -> list[int]:
    """Offsets of the glyphs that may be punctuation dashes, in order."""
    # Every en and em dash, but a hyphen only after a space or tab or opening "--": _dashes
    # never keeps any other, and the hyphen inside a word ("so-called") is the commonest glyph.
    found = [m.start() for m in _HYPHEN_CANDIDATE.finditer(text)]
    if "–" in text or "—" in text:  # no `in` scan at all on a text with no character past U+00FF
        found += find_all(text, "–—")
        found.sort()
    return found


def _dashes(text: str) -> list[tuple[int, int, int, str]]:
    """(span start, span end, glyph offset, style) of each punctuation dash, datelines left out.

    One str.find scan for the dash glyphs, then a look at their neighbours: a regex that begins with the
    spaces around a dash would try every space in the text.
    """
    found = []
    n = len(text)
    for i in _dash_candidates(text):
        ch = text[i]
        if ch == "-":
            if i and text[i - 1] == "-":
                continue  # the second hyphen of "--"
            glyph = "--" if text[i + 1:i + 2] == "-" else "-"
            if text[i + len(glyph):i + len(glyph) + 1] == "-":
                continue  # a rule of three or more hyphens
        else:
            glyph = ch
        j = i + len(glyph)
        if i and text[i - 1] in " \t" and j < n and text[j] in " \t":
            a, b = i, j
            while a and text[a - 1] in " \t":
                a -= 1
            while b < n and text[b] in " \t":
                b += 1
            if not a or text[a - 1].isspace() or b >= n or text[b].isspace():
                continue  # a list marker or a dash alone at a line's edge
            style = {"–": "spaced-en", "—": "spaced-em"}.get(glyph, "hyphen")
        elif glyph in ("—", "--") and i and text[i - 1].isalpha() and j < n and text[j].isalpha():
            a, b = i, j
            style = "closed-em" if glyph == "—" else "hyphen"
        else:
            continue
        if _is_dateline(text, a):
            continue
        found.append((a, b, i, style))
    return found


def _dash_list(doc: Document) -> list[tuple[int, int, int, str]]:
    return _dashes(doc.text)


def _doc_dashes(doc: Document) -> list[tuple[int, int, int, str]]:
    """The three dash rules share each document's dash list, kept on the document (Document.fact)."""
    return doc.fact(_dash_list)


def check_spaced_hyphen(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag " - " and " -- " used as a dash in an article that otherwise uses typeset punctuation."""
    text = doc.text
    if not options.get("always", False) and not any(map(text.__contains__, _TYPESET)):
        return  # plain ASCII copy: a spaced hyphen is its only dash
    styles = [d[3] for d in _doc_dashes(doc) if d[3] != "hyphen"]
    target = max(set(styles), key=styles.count) if styles else "spaced-en"
    for m in _SPACED_HYPHEN.finditer(text):
        if not m.start() or text[m.start() - 1].isspace():
            continue
        before, after = text[m.start() - 1], text[m.end()]
        if before.isdigit() and after.isdigit():
            continue  # a score or a subtraction: 3 - 1
        if _is_dateline(text, m.start()):
            continue
        yield Hit(
            m.start(2), m.end(2),
            f"A hyphen is used as a dash; use {ONE_DASH[target]}, as elsewhere in this article.",
            Fix(m.start(), m.end(), STYLE_GLYPHS[target], safe=False),
        )


def check_mixed_dashes(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag dashes whose style (spaced en, closed em, spaced em) is the article's minority."""
    text = doc.text
    if "–" not in text and "—" not in text:
        return
    dashes = [d for d in _doc_dashes(doc) if d[3] != "hyphen"]
    by_style: dict[str, list] = {}
    for d in dashes:
        by_style.setdefault(d[3], []).append(d)
    if len(by_style) < 2:
        return
    # The most used style wins; on a tie, the style the article used first.
    ranked = sorted(by_style.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))
    major, major_ds = ranked[0]
    line, col = doc.position(major_ds[0][2])
    for style, ds in ranked[1:]:
        for start, end, at, _ in ds:
            yield Hit(
                at, at + 1,
                f"Mixed dash styles: this is one of the article's {STYLE_NAMES[style]}, but it mostly uses "
                f"{STYLE_NAMES[major]} ({len(major_ds)}, first at {line}:{col}).",
                Fix(start, end, STYLE_GLYPHS[major], safe=False),
            )


# Finite verbs and auxiliaries that show a clause already has its verb.
_FINITE = frozenset(
    "is are was were be been has have had will would shall should can could may might must do does did "
    "said says say told tells added warned announced admitted claimed insisted argued stated sat made took "
    "gave got went came saw knew thought felt left kept held met paid put ran set won lost began became "
    "brought bought built caught chose drew drove fell found fought grew hit hung led let lay meant "
    "rose sent shot shut sold spoke spent stood struck swore taught threw understood wrote".split()
)
# -ed words that usually start a participle phrase after a lone dash ("a plan – dubbed Ares").
_PARTICIPLES = frozenset(
    "dubbed called named nicknamed titled entitled labelled labeled branded described based backed "
    "aimed designed scheduled expected estimated valued priced owned funded sponsored armed "
    "used needed related compared linked united combined".split()
)
_WORD_AT = lazy(r"[^\W\d_][\w'’\-]*")
_WORDS = lazy(r"[^\W\d_][\w'’\-]*")
_SENTENCE_END = lazy(r"[.!?][\"'”’)]*(?:\s+|$)|\n")
# A full stop after these ends no sentence: initials (U.S., J.), titles and company suffixes.
_NOT_AN_END = lazy(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Co|Corp|Inc|Ltd|No|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Prof|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|etc))\.$"
)


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match]:
    """Sentence ends in text[start:end], skipping the full stops of initials and abbreviations."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group()[0] == "." and _NOT_AN_END.search(text, max(0, m.start() - 6), m.start() + 1):
            continue
        yield m


@lru_cache(maxsize=4096)
def _has_finite_verb(clause: str) -> bool:
    for w in _WORDS.findall(clause):
        low = w.lower()
        if low in _FINITE or (low.endswith("ed") and len(low) > 4 and low not in _PARTICIPLES):
            return True
    return False


def check_unclosed_dash(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag a lone dash that splits a subject from its verb: an aside opened and never closed."""
    text = doc.text
    dashes = _doc_dashes(doc)
    if not dashes:
        return
    starts = [d[0] for d in dashes]  # in text order, so the dashes of a sentence are found by bisect
    for start, end, at, style in dashes:
        verb_m = _WORD_AT.match(text, end)
        if not verb_m:
            continue
        low = verb_m.group().lower()
        # Cheapest test first: most dashes are not followed by a verb.
        if low not in _FINITE and not (low.endswith("ed") and len(low) > 4):
            continue
        # A sentence is looked for within _LONGEST_SENTENCE either side: text without full stops
        # (hostile or not prose) would otherwise cost a scan of the file per dash.
        s_start = max(text.rfind("\n", max(0, start - _LONGEST_SENTENCE), start) + 1, start - _LONGEST_SENTENCE)
        for m in _sentence_ends(text, s_start, start):
            s_start = m.end()
        m_end = next(_sentence_ends(text, end, min(len(text), end + _LONGEST_SENTENCE)), None)
        s_end = m_end.start() if m_end else min(len(text), end + _LONGEST_SENTENCE)
        near = dashes[bisect.bisect_left(starts, s_start):bisect.bisect_right(starts, s_end)]
        if any(d[1] <= s_end and d[2] != at for d in near):
            continue  # a pair of dashes, or a sentence with several: not a lone aside
        words_after = _WORDS.findall(text, end, min(s_end, end + 40))
        if not words_after:
            continue
        verb = words_after[0]
        low = verb.lower()
        if not verb.islower() or low in _PARTICIPLES:
            continue
        if low not in _FINITE and not (low.endswith("ed") and len(low) > 4):
            continue
        if len(words_after) > 1 and words_after[1].lower() in ("by", "as", "to", "in", "with", "for"):
            continue  # "– backed by", "– known as": a participle phrase, not the main verb
        clause = text[s_start:start]
        if len(_WORDS.findall(clause)) < 4 or _has_finite_verb(clause):
            continue
        yield Hit(
            at, at + 1,
            f"A lone dash before the verb “{verb}”: this dash closes (or opens) an aside with no partner; "
            "add the other dash, or remove this one.",
        )


RULES = (
    Rule(
        code="DA001",
        name="spaced-hyphen-dash",
        summary="A spaced hyphen (“ - ”) or double hyphen used as a dash in typeset copy.",
        severity=Severity.WARNING,
        check=check_spaced_hyphen,
        in_quotes=True,
        default_options={"always": False},
        docs=Docs(
            what="Finds “ - ” and “ -- ” used as a dash in an article that otherwise uses typeset punctuation "
            "(a real dash, curly quotes or an ellipsis character), and offers the article's own dash style as "
            "the fix. Plain ASCII copy, where a spaced hyphen is the only dash, is left alone unless the "
            "option `always = true` is set. A score or subtraction (“3 - 1”) and a dateline are skipped.",
            why="A hyphen joins words; a dash separates them. A hyphen standing in for a dash looks like a "
            "slip in typeset copy and may be broken across lines by the layout.",
            example="talks in Doha – a first step – ended - with no deal  ->  talks in Doha – a first step – "
            "ended – with no deal",
        ),
        examples=Examples(
            passing=(
                "Plain copy - with ASCII dashes - is fine.",
                "The “final” score was 3 - 1.",
                "LONDON (WIRE) - The “talks” ended.",
                "A well-known – and “loved” – writer.",
            ),
            failing=("The “talks” ended - with no deal.", "The talks – long ones – ended -- badly."),
            fixes=(("The talks – long ones – ended - badly.", "The talks – long ones – ended – badly."),),
        ),
    ),
    Rule(
        code="DA002",
        name="mixed-dash-style",
        summary="An article that mixes dash styles: spaced en dashes, closed em dashes, spaced em dashes.",
        severity=Severity.WARNING,
        check=check_mixed_dashes,
        in_quotes=True,
        docs=Docs(
            what="Sorts an article's dashes into spaced en ( – ), closed em (—) and spaced em ( — ) and flags "
            "those of the minority styles, citing the majority. On a tie, the style used first wins. Dashes in "
            "ranges (2004–05) and after a dateline are not counted.",
            why="A house uses one dash style; a mix comes from pasted copy and shows in print.",
            example="the talks – long ones – ended—badly  ->  the talks – long ones – ended – badly",
        ),
        examples=Examples(
            passing=(
                "The talks – long ones – ended – badly.", "The talks—long ones—ended.", "In 2004–05 – a bad year.",
            ),
            failing=("The talks – long ones – ended—badly.", "The talks—long ones—ended — badly."),
            fixes=(("The talks – long ones – ended—badly.", "The talks – long ones – ended – badly."),),
        ),
    ),
    Rule(
        code="DA003",
        name="unclosed-parenthetical-dash",
        summary="A lone dash between a subject and its verb: an aside that is opened and never closed.",
        severity=Severity.WARNING,
        check=check_unclosed_dash,
        in_quotes=False,
        docs=Docs(
            what="Finds a sentence with a single dash where the words before the dash have no main verb yet "
            "and the word after it is one (“said”, “announced”, a past tense): the dash must be one of a pair "
            "around an aside, and its partner is missing. A dash before a participle phrase (“– backed by”, "
            "“– dubbed”) is left alone.",
            why="A parenthetical dash needs a partner; without it the reader cannot tell where the aside "
            "began, and the sentence reads as though its subject had no verb.",
            example="Rebels in five towns fighting for the council – announced a truce.  ->  Rebels in five "
            "towns – fighting for the council – announced a truce.",
        ),
        examples=Examples(
            passing=(
                "Rebels in five towns – fighting for the council – announced a truce.",
                "The council has said it will talk – but not yet.",
                "Officials met the rebels a week ago – all to no avail.",
                "The firm unveiled a new plan – dubbed Project Ares.",
                "GENEVA (WIRE) – Rebels in five towns announced a truce.",
            ),
            failing=("On Monday, rebels in five towns fighting for the council – announced a truce.",),
        ),
    ),
)
