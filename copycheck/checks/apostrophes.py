"""Apostrophes: a space before one, the wrong glyph, and straight/curly mixing."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..document import Document, find_all
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from ..lazyre import lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# The endings that follow an apostrophe in contractions and possessives.
_SUFFIX = r"(?:s|t|re|ve|ll|d|m)(?![\w'’‘])"
# Spaces, then an apostrophe glyph (perhaps more spaces) and a clitic: "Libya ‘s", "don 't",
# "Libya ’ s". The scan starts at the glyph, which is rarer than a space, and the run of spaces
# before it is measured back in Python; the word before is read separately. (A pattern that
# opened with a look-behind could not skip ahead to the glyph: re tries it at every character.)
_SPACE_BEFORE = lazy(r"([‘'’])([ \t]*)(" + _SUFFIX + ")")
# A word, its apostrophe, then spaces before "s" or "t": "Libya’ s", "don' t". The scan starts
# at the glyph; the letter before it is tested in Python.
_SPACE_AFTER = lazy(r"([‘'’])([ \t]+)((?:s|t)(?![\w'’‘]))")
_LETTER = lazy(r"[^\W\d_]")
_WORD_BEFORE = lazy(r"\w+\Z")
# Substrings without which _SPACE_AFTER cannot match: cheap tests that skip most articles.
_AFTER_CUES = ("' s", "’ s", "‘ s", "' t", "’ t", "‘ t", "'\t", "’\t", "‘\t")
# U+2018 where an apostrophe belongs: inside a word, before a clitic after a space,
# before a decade ("‘90s") or in "‘n’".
_LEFT_AS_APOSTROPHE = lazy(
    r"(?<=\w)‘(?=\w|[ \t]+(?:s|t)\b)|(?<=\w)[ \t]+‘(?=[ \t]*" + _SUFFIX + r")|(?<![\w‘’'])‘(?=\d\ds\b)"
    r"|(?<=\s)‘(?=n’\s)"
)


def apostrophes(text: str, glyph: str) -> list[int]:
    """Offsets of a glyph used as an apostrophe between two letters (don't, Libya's)."""
    out = []
    at = text.find(glyph)
    while at >= 0:
        if 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha():
            out.append(at)
        at = text.find(glyph, at + 1)
    return out


def article_apostrophe(text: str) -> str:
    """The apostrophe glyph this article mostly uses: curly when it has more curly than straight."""
    if "’" not in text:
        return "'"
    return "’" if len(apostrophes(text, "’")) > len(apostrophes(text, "'")) else "'"


def _after_cue(text: str) -> bool:
    """Whether any of _AFTER_CUES is in the text, with fewer full scans."""
    # Each cue is searched only once the glyph and a space (or a tab, a memchr) are found: an
    # article without "' " pays one scan, not one per cue.
    tab = "\t" in text
    return any((g + " " in text and (g + " s" in text or g + " t" in text)) or (tab and g + "\t" in text)
               for g in "'’‘")


def _spaced_glyph_matches(text: str) -> list[re.Match]:
    """The matches of _SPACE_BEFORE.finditer(text) that a space or tab comes before."""
    # Tried only at a glyph after a space or tab (str.find, in C), not at every apostrophe of the
    # article ("don't", "it's"): those are the commonest glyphs and never follow a space. A match
    # holds no other glyph, so matches tried one by one never overlap, as finditer's do not.
    needles = (" '", " ‘", " ’", "\t'", "\t‘", "\t’") if "\t" in text else (" '", " ‘", " ’")
    found = []
    for at in find_all(text, needles):
        m = _SPACE_BEFORE.match(text, at + 1)
        if m is not None:
            found.append(m)
    return found


# A straight mark with a space or tab just before or just after it. It opens with the mark itself,
# so re seeks it as a literal: one pass where the cues and the spaced glyphs cost a two-character
# needle's slower scan each.
_STRAIGHT_BESIDE_SPACE = lazy(r"'(?:(?<=[ \t]')|(?=[ \t]))")


def _straight_only(text: str) -> tuple[bool, list[re.Match]]:
    """_after_cue(text) and _spaced_glyph_matches(text), for a text with no curly mark."""
    after = False
    found = []
    match = _SPACE_BEFORE.match
    for g in _STRAIGHT_BESIDE_SPACE.finditer(text):
        at = g.start()
        if not after and (text[at + 1:at + 2] == "\t" or text[at + 1:at + 3] in (" s", " t")):
            after = True
        if at and text[at - 1] in " \t":
            m = match(text, at)
            if m is not None:
                found.append(m)
    return after, found


def check_space_before(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield a hit at the stray space, with a fix that joins the word and the apostrophe."""
    text = doc.text
    if "’" in text or "‘" in text:  # no scan at all on a text with no character past U+00FF
        after, spaced = _after_cue(text), _spaced_glyph_matches(text)
    else:
        after, spaced = _straight_only(text)
    hits = []
    for m in spaced:
        start = m.start()
        while start and text[start - 1] in " \t":
            start -= 1
        word = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if word is not None:
            found, after, clitic = m.groups()
            hits.append((word.group(), start, m.start(), m.end(2), text[start:m.start()], found, after, clitic,
                         "before"))
    for m in _SPACE_AFTER.finditer(text) if after else ():
        if not m.start() or not _LETTER.match(text, m.start() - 1):
            continue
        word = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        found, after, clitic = m.groups()
        hits.append((word.group(), m.start(2), m.end(2), m.end(2), "", found, after, clitic, "after"))
    if hits:
        glyph = article_apostrophe(text)  # counted only for an article that needs a fix
        for *args, where in hits:
            yield _hit(*args, glyph, where)
    yield from check_oclock(text)


def _hit(word: str, start: int, end: int, fix_end: int, space: str, found: str, after: str, clitic: str,
         glyph: str, where: str) -> Hit:
    """A hit on the stray space, with a fix that closes the word up with a proper apostrophe."""
    mark = "’" if found in "‘’" else glyph
    extra = ", which also uses a left quotation mark (‘) as the apostrophe" if found == "‘" else ""
    fix_start = start if where == "before" else start - 1
    return Hit(
        start, end,
        f"Space {where} the apostrophe in “{word}{space}{found}{after}{clitic}”{extra}; write “{word}{mark}{clitic}”.",
        Fix(fix_start, fix_end, mark, safe=True),
    )


# Glyphs keyed for an apostrophe between letters: the acute accent, the grave accent (backtick)
# and the prime. The modifier letter apostrophe (U+02BC) is a letter in its own right (Hawaiʼi).
_WRONG_GLYPHS = "´`′"
_WRONG_AS_APOSTROPHE = lazy(r"(?<=[^\W\d_])[´`′](?=[^\W\d_])")
# "o' clock": a space after the apostrophe of o'clock.
_OCLOCK = lazy(r"\b([oO])(['’‘])[ \t]+(clock)\b")


def check_oclock(text: str) -> Iterator[Hit]:
    """Yield "o' clock" with the space closed up."""
    for m in _OCLOCK.finditer(text) if "clock" in text else ():
        o, mark, clock = m.groups()
        good = "’" if mark in "‘’" else mark
        yield Hit(m.start(), m.end(), f"Space after the apostrophe in “{m.group()}”; write “{o}{good}{clock}”.",
                  Fix(m.start(), m.end(), f"{o}{good}{clock}", safe=True))


def check_glyph(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield wrong glyphs used as apostrophes, then the minority apostrophe style."""
    text = doc.text
    if any(g in text for g in _WRONG_GLYPHS):
        mark = None
        for m in _WRONG_AS_APOSTROPHE.finditer(text):
            if mark is None:
                mark = article_apostrophe(text)
            name = {"´": "An acute accent (´)", "`": "A backtick (`)", "′": "A prime (′)"}[m.group()]
            yield Hit(m.start(), m.end(), f"{name} is used as an apostrophe; write {mark}.",
                      Fix(m.start(), m.end(), mark, safe=True))
    for m in _LEFT_AS_APOSTROPHE.finditer(text) if "‘" in text else ():
        at = m.end() - 1
        yield Hit(
            at, at + 1,
            "A left quotation mark (‘) is used as an apostrophe; the apostrophe is ’ (U+2019).",
            Fix(at, at + 1, "’", safe=True),
        )
    if "’" not in text or "'" not in text:
        return
    straight, curly = apostrophes(text, "'"), apostrophes(text, "’")
    if not straight or not curly:
        return
    # The majority style wins; on a tie, whichever the article used first.
    if len(curly) > len(straight) or (len(curly) == len(straight) and curly[0] < straight[0]):
        minority, mark, majority, name = straight, "’", len(curly), "curly (’)"
    else:
        minority, mark, majority, name = curly, "'", len(straight), "straight (')"
    for at in minority:
        yield Hit(
            at, at + 1,
            f"Mixed apostrophes: this article uses {name} apostrophes {majority} times; use {mark} here too.",
            Fix(at, at + 1, mark, safe=True),
        )


RULES = (
    Rule(
        code="TY002",
        name="space-before-apostrophe",
        summary="A space beside the apostrophe of a possessive or contraction, as in “Libya ‘s”.",
        severity=Severity.ERROR,
        check=check_space_before,
        in_quotes=True,
        docs=Docs(
            what="Finds a space between a word and the apostrophe of its possessive or contraction "
            "(“Libya ‘s”, “don 't”), or between the apostrophe and its ending (“Libya ’ s”, “Libya’ s”).",
            why="It is a keying or conversion slip that splits one word into two, and it often comes "
            "with the wrong glyph. The fix joins the word and uses the article's apostrophe.",
            example="invade Libya ‘s capital  ->  invade Libya’s capital",
        ),
        examples=Examples(
            passing=("Libya’s capital.", "He said 'so what' and left.", "Rock 'n' roll.", "The '90s.",
                     "The players' shirts.", "He said 'yes' to it."),
            failing=("Libya ‘s capital.", "Libya 's capital.", "Libya ’s capital.", "I don 't know.",
                     "Libya ’ s capital.", "Libya’ s capital.", "I don' t know.", "We meet at six o' clock."),
            fixes=(
                ("Libya 's capital.", "Libya's capital."),
                ("Libya ’ s capital.", "Libya’s capital."),
                ("Libya’ s capital and Libya‘ s port.", "Libya’s capital and Libya’s port."),
                ("Libya ’s capital.", "Libya’s capital."),
                ("I don 't know.", "I don't know."),
                ("We meet at six o’ clock.", "We meet at six o’clock."),
            ),
        ),
    ),
    Rule(
        code="TY003",
        name="apostrophe-glyph",
        summary="A left quotation mark used as an apostrophe, or straight and curly apostrophes mixed.",
        severity=Severity.WARNING,
        check=check_glyph,
        in_quotes=True,
        docs=Docs(
            what="Finds ‘ (U+2018, a left single quotation mark) where an apostrophe (’, U+2019) "
            "belongs, and flags the minority style where an article mixes straight (') and curly (’) "
            "apostrophes.",
            why="Smart-quote software turns a leading apostrophe into an opening quote, and pasted "
            "copy mixes styles; both look careless in print. ’90s and rock ’n’ roll are correct.",
            example="Libya‘s capital  ->  Libya’s capital",
        ),
        examples=Examples(
            passing=("The ’90s.", "Rock ’n’ roll.", "He said ‘zone of competition’ twice.", "It’s Libya’s.",
                     "She flew to Hawaiʼi.", "Run `make` first.", "The angle is 30′ wide."),
            failing=("Libya‘s capital.", "The ‘90s.", "It’s Libya's capital.", "Rock ‘n’ roll.",
                     "They didn´t call.", "We won`t go.", "It isn′t far."),
            fixes=(("Libya‘s capital.", "Libya’s capital."), ("It’s Libya's and Tom’s.", "It’s Libya’s and Tom’s."),
                   ("They didn´t call.", "They didn't call."), ("It’s here but isn′t there.", "It’s here but isn’t there.")),
        ),
    ),
)
