"""Spacing and punctuation: double spaces, a space before punctuation, doubled punctuation, a missing space."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .. import lexicon
from ..document import Document, find_all
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from ..lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# Two spaces between words, not after sentence punctuation (where two spaces are an old
# typewriter habit, not a slip) and not in a line laid out in columns.
_SPACES = compile_re(r"  +(?=[\w(\"“‘$£€])")
# Whole words beside a gap, apostrophes included, so "deal’s" is not read as a stray "s".
_WORD_AT = compile_re(r"\w+(?:['’]\w+)*")
_WORD_END = compile_re(r"(?:\w+['’])*\w+\Z")
_BEFORE_DOUBLE = compile_re(r"[\w,;)\"”’%]")
# A space before , ; : ! ? after a word, the mark then ending the word ("said , then").
_SPACE_BEFORE = compile_re(r"[,;:!?](?=[ \t\r\n\"”’]|$|(?<=[,;])[^\W\d_])")
_SPACES_BACK = compile_re(r"[ \t]+$")
# Doubled marks: ",,", ";;", "::", ",." and exactly two full stops (three are an ellipsis).
_DOUBLED = compile_re(r",[,.]|;;|::|\.\.+")
# The second character of each doubled pair, by its first.
_DOUBLES_AFTER = {",": frozenset(",."), ";": frozenset(";"), ":": frozenset(":"), ".": frozenset(".")}
# A set, so the "" after a mark that ends the text is not in it.
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# A sentence mark glued to the next sentence: "end.Next". Two lowercase letters before it
# keep out initials and abbreviations (U.S.Army, J.K.), and a digit never matches (3.5).
_NO_SPACE_AFTER = compile_re(r"[.!?,;](?=[A-Za-z])")
_NEXT_SENTENCE = compile_re(r"[A-Z][a-z]+\b|[AI] [a-z]")
_NEXT_CLAUSE = compile_re(r"[a-z]{2,}\b|[A-Z][a-z]+\b")
# Dotted names that are written without a space: file names and domains the masker missed.
_DOTTED_NAME = compile_re(r"[\w-]+\.(?:com|net|org|co|uk|tv|fm|io|gov|edu)\b", re.I)


# After a capitalised word, a short word or a second dot marks a dotted brand name.
_BRAND = compile_re(r"[A-Z][a-z]{1,2}\b|[A-Z]\w*\.\w")


def check_double_space(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag two or more spaces between words inside a sentence; two get a safe fix to one."""
    text = doc.text
    if "  " not in text:
        return
    tables = doc.tables
    for m in _SPACES.finditer(text):
        if not m.start() or not _BEFORE_DOUBLE.match(text, m.start() - 1):
            continue
        if text[m.start() - 1] in "\"”’" and text[m.start() - 2:m.start() - 1] in (".", "!", "?"):
            continue  # two spaces after a quotation that ends a sentence: the typewriter habit
        if tables.row_at(m.start()) is not None:
            continue  # a table row: the gap is a column gap
        width = m.end() - m.start()
        # Two spaces are a keying slip; more, or a sign that the gap took something with it
        # (a letter, a full stop, the end of a name), may be a loss, so that fix needs an eye.
        safe = width == 2 and not _gap_took_something(*_words_beside(text, m.start(), m.end()))
        what = "Double space" if width == 2 else f"{width} spaces"
        yield Hit(m.start(), m.end(), f"{what} between words; use one space.", Fix(m.start(), m.end(), " ", safe=safe))


def _words_beside(text: str, start: int, end: int) -> tuple[str, str]:
    """The whole words just before and just after a gap ("" where there is none)."""
    before = _WORD_END.search(text, max(0, start - 40), start)
    after = _WORD_AT.match(text, end)
    return (before.group() if before else ""), (after.group() if after else "")


def _gap_took_something(b: str, a: str) -> bool:
    """True when a double space between words b and a may hide a loss that one space would hide."""
    return _fragment_beside(b, a) or _sentence_end_lost(b, a) or _name_cut(b, a)


def _sentence_end_lost(b: str, a: str) -> bool:
    """True when the gap may have taken a full stop: a lowercase content word, then a capitalised
    word ("agency obligations  Bank of New York owns"). Closing the gap would hide the lost mark;
    after a function word ("in  Boeing", "the  Treasury") no sentence can end."""
    return (b.isalpha() and b.islower() and b not in lexicon.CLOSED and b not in _COMMON
            and a[:1].isupper() and a != "I")


def _name_cut(b: str, a: str) -> bool:
    """True when the gap follows a name and precedes a lowercase word: it may have taken the name's
    last word ("General Public [Utilities]  to extend"), its possessive ("Moto Inc['s]  president")
    or a comma ("Trust Co[,]  the trustee"). One space would hide the loss."""
    return b[:1].isupper() and b != "I" and b.lower() not in lexicon.CLOSED and a[:1].islower()


# The words a lost letter most often leaves a fragment of: the function words, the auxiliaries,
# and "said"/"says", the commonest words of news copy.
_COMMON = lexicon.CLOSED | frozenset(
    "is are was were be been has have had will would can could should may might must do does did not said says per".split())
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _fragment_beside(before: str, after: str) -> bool:
    """True when a word beside the gap may be a fragment whose lost letter the gap took.

    A letter keyed as a space leaves two spaces and a fragment: a stray single letter ("updated  o
    reflect"), a short non-word that one more letter on the gap's side makes a word ("th  plan"), or
    a word that one more letter there makes one of the commonest words ("Inc  aid its" for "said",
    "hat" for "that"), while not being one itself ("he" is a word of its own, not a lost "the").
    Closing the gap would hide the slip, so such a fix needs an eye. So it does when "a" before the
    gap does not fit the word after it ("a  editorial"): a word may have been lost between them.
    """
    if before.lower() == "a" and after[:1] and after[:1].lower() in "aeio":
        return True  # "in a  editorial": the article does not fit the next word, so a word may be lost between
    for w, prefix in ((after, True), (before, False)):
        if not w or not w.isalpha():
            continue
        if len(w) == 1:
            if w not in "aAI":
                return True
            continue
        if not w.islower() or w in _COMMON:
            continue
        grown = [c + w if prefix else w + c for c in _LETTERS]
        if any(g in _COMMON for g in grown):
            return True
        if len(w) <= 3 and not lexicon.classes(w) and any(lexicon.classes(g) or g in lexicon.CLOSED for g in grown):
            return True
    return False


def _marks(doc: Document) -> list[int]:
    """Offsets of the marks , . ; : ! ? in order: found once per document (str.find, at memchr
    speed) for SP002-SP004, which each try their pattern only there."""
    return find_all(doc.text, ",.;:!?")


def _spaced_marks(doc: Document) -> list[re.Match]:
    """What _SPACE_BEFORE.finditer yields where a space or tab comes just before the mark."""
    # Tried only at the marks of doc.fact(_marks) after a space or tab: a class scan tests every
    # character and builds a match for every comma. Each match is one mark wide, so matching at
    # each such offset yields what finditer would, in order.
    text, match = doc.text, _SPACE_BEFORE.match
    found = (match(text, at) for at in doc.fact(_marks) if at and text[at - 1] in " \t")
    return [m for m in found if m is not None]


def _doubled_marks(doc: Document) -> list[re.Match]:
    """What _DOUBLED.finditer yields."""
    # Every pair is two marks side by side, so it is tried only where doc.fact(_marks) holds two
    # neighbouring offsets, not by a class scan of every character; an offset inside the last
    # match is skipped as finditer skips it.
    text, match = doc.text, _DOUBLED.match
    marks = doc.fact(_marks)
    out: list[re.Match] = []
    last = 0
    for at in [a for a, b in zip(marks, marks[1:]) if b == a + 1]:
        if at >= last and text[at + 1] in _DOUBLES_AFTER.get(text[at], ()):
            m = match(text, at)
            out.append(m)
            last = m.end()
    return out


def _glued_marks(doc: Document) -> list[re.Match]:
    """What _NO_SPACE_AFTER.finditer yields."""
    # Tried at the marks of doc.fact(_marks) before an ASCII letter, not by a class scan; each
    # match is the mark alone, so matching at every such mark yields what finditer would.
    text, match = doc.text, _NO_SPACE_AFTER.match
    found = (match(text, at) for at in doc.fact(_marks) if text[at + 1:at + 2] in _ASCII_LETTERS)
    return [m for m in found if m is not None]


def check_space_before(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag a space before a comma, semicolon, colon, exclamation or question mark."""
    text = doc.text
    for m in _spaced_marks(doc):
        at = m.start()
        space = _SPACES_BACK.search(text, max(0, at - 16), at)
        if not space or not space.start() or not text[space.start() - 1].isalnum():
            continue  # after a word only: "... ?" and smileys are left alone
        if text[at + 1:at + 2].isalpha() or (text[at + 1:at + 2] in "\"“" and text[at + 2:at + 3].isalpha()):
            # "the minister ,who", "he added ,\"The": the space belongs after the mark, so one fix moves it.
            yield Hit(space.start(), at + 1,
                      f"Space before “{m.group()}” and none after; write “{m.group()} ” after the word.",
                      Fix(space.start(), at + 1, m.group() + " "))
            continue
        yield Hit(
            space.start(), at + 1,
            f"Space before “{m.group()}”; the mark follows the word directly.",
            Fix(space.start(), at, ""),
        )


def check_doubled(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag ",,", ";;", "::", ",." and "..", which is not an ellipsis."""
    text = doc.text
    for m in _doubled_marks(doc):
        pair = m.group()
        if pair[0] == "." and (len(pair) != 2 or text[m.start() - 1:m.start()].isdigit()
                               or text[m.end():m.end() + 1].isdigit()):
            continue  # an ellipsis, or a range such as 1..5
        if pair == "..":
            # Two stops may be a lost third of an ellipsis, so the fix needs an eye; glued to a
            # word ("C..Joseph") the second stop stands where a space belongs.
            glued = text[m.end():m.end() + 1].isalpha()
            yield Hit(m.start(), m.end(), "Two full stops: use one, or three for an ellipsis.",
                      Fix(m.start(), m.end(), ". " if glued else ".", safe=False))
            continue
        keep = pair[-1]
        if pair == ",." and text[m.start() - 1:m.start()].isdigit() and text[m.end():m.end() + 1].isdigit():
            # Inside a number either mark may be its separator ("43,.590": 43,590 or 43.590?): a
            # thousands group of three digits after it suggests the comma, but the fix needs an eye.
            keep = "," if re.match(r"\d{3}(?!\d)", text[m.end():m.end() + 4]) else "."
            yield Hit(m.start(), m.end(), f"Doubled punctuation “{pair}” in a number; use “{keep}” or the other mark.",
                      Fix(m.start(), m.end(), keep, safe=False))
            continue
        yield Hit(m.start(), m.end(), f"Doubled punctuation “{pair}”; use “{keep}”.", Fix(m.start(), m.end(), keep))


def check_missing_space(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag sentence punctuation with no space before the next word ("end.Next")."""
    text = doc.text
    for m in _glued_marks(doc):
        at = m.start()
        if at < 2 or not (text[at - 1].islower() and text[at - 2].islower()) or not text[at - 1].isascii():
            continue
        follows = _NEXT_SENTENCE if text[at] in ".!?" else _NEXT_CLAUSE
        if not follows.match(text, at + 1):
            continue
        word_start = at
        while word_start and (text[word_start - 1].isalnum() or text[word_start - 1] in "-_"):
            word_start -= 1
        mark = text[at]
        if _DOTTED_NAME.match(text, word_start):
            continue
        if text[word_start].isupper() and mark == "." and _BRAND.match(text, at + 1):
            continue  # One.Tel, Halo.Bungie.Org: a dotted brand name
        if word_start and text[word_start - 1] == "<":
            continue  # a wire ticker code such as <abcd.St>
        # The space is certain only when both sides are words; "chairm,an" wants its comma out.
        nxt = _WORD_AT.match(text, at + 1).group()
        safe = all(w[:1].isupper() or lexicon.classes(w.lower()) or w.lower() in lexicon.CLOSED
                   for w in (text[word_start:at], nxt))
        yield Hit(at, at + 1, f"No space after “{mark}”; add one before the next word.",
                  Fix(at + 1, at + 1, " ", safe=safe))


RULES = (
    Rule(
        code="SP001",
        name="double-space",
        summary="Two spaces between words inside a sentence.",
        severity=Severity.WARNING,
        check=check_double_space,
        in_quotes=True,
        docs=Docs(
            what="Finds two spaces between words, or between a comma and a word, inside a sentence. Two "
            "spaces after a full stop and lines laid out in columns are left alone.",
            why="A double space is a keying slip that shows as a gap in print, and it breaks searches for "
            "the phrase. When a word beside the gap may be a fragment whose lost letter the gap took "
            "(“Acme Inc  aid”, “updated  o reflect”), the fix to one space would hide the slip, so it is "
            "offered as unsafe.",
            example="the  talks ended  ->  the talks ended",
        ),
        examples=Examples(
            passing=("The talks ended.  Then they left.", "She said \"no.\"  Then she left.", "Name   Age\nTom    42", "One space only.",
                     "Wheat    3.04   2.98\nBarley   2.61   2.70", "Oats  1.10\nRye   2.20",
                     "PORT CLOSES  0915 - MAY 3"),
            failing=("The  talks ended.", "The talks ended,  then they left.", "The vote   passed."),
            fixes=(("The  talks ended.", "The talks ended."), ("The vote   passed.", "The vote passed.")),
        ),
    ),
    Rule(
        code="SP002",
        name="space-before-punctuation",
        summary="A space before a comma, semicolon, colon, exclamation or question mark.",
        severity=Severity.WARNING,
        check=check_space_before,
        in_quotes=True,
        docs=Docs(
            what="Finds a space between a word and a following , ; : ! or ? (English puts none there). "
            "Smileys and times (“:)”, “10 :30”) are left alone because the mark must end the word.",
            why="It is a keying slip, or French spacing pasted into English copy; the mark can be stranded "
            "at the start of a line.",
            example="He said , then left  ->  He said, then left",
        ),
        examples=Examples(
            passing=("He said, then left.", "Great :)", "Was it? Yes.", "He waited ... and waited."),
            failing=("He said , then left.", "Why ?", "Three things : one, two, three.", "The mayor ,who spoke."),
            fixes=(("He said , then left.", "He said, then left."), ("Why ?", "Why?"),
                   ("The mayor ,who spoke.", "The mayor, who spoke.")),
        ),
    ),
    Rule(
        code="SP003",
        name="doubled-punctuation",
        summary="Doubled punctuation such as “,,”, “;;” or “..” (which is not an ellipsis).",
        severity=Severity.WARNING,
        check=check_doubled,
        in_quotes=True,
        docs=Docs(
            what="Finds “,,”, “;;”, “::”, “,.” and exactly two full stops. An ellipsis (three stops), "
            "ranges (“1..5”) and an abbreviation's stop followed by a comma (“Inc.,”) are left alone.",
            why="A doubled mark is a keying slip. Two stops are either a slip for one or a broken ellipsis, "
            "so that fix is offered as unsafe.",
            example="prices rose,, analysts said  ->  prices rose, analysts said",
        ),
        examples=Examples(
            passing=("Well... maybe.", "The U.S., Canada and Mexico.", "Shares in Acme Inc., a maker."),
            failing=("Prices rose,, analysts said.", "It ended..", "He said,. then left."),
            fixes=(("Prices rose,, analysts said.", "Prices rose, analysts said."), ("It ended..", "It ended."),
                   ("Chaired by R..Ortega Diaz.", "Chaired by R. Ortega Diaz.")),
        ),
    ),
    Rule(
        code="SP004",
        name="missing-space-after-punctuation",
        summary="No space after sentence punctuation, as in “end.Next”.",
        severity=Severity.WARNING,
        check=check_missing_space,
        in_quotes=True,
        docs=Docs(
            what="Finds a full stop, exclamation or question mark followed straight away by a capitalised "
            "word, and a comma or semicolon glued to the next lowercase word. Numbers (3.5), initials and "
            "abbreviations (U.S., J.K.), ellipses, web addresses and domain names are left alone.",
            why="A missing space runs two sentences together; spell checkers often miss it.",
            example="The talks ended.Both sides left.  ->  The talks ended. Both sides left.",
        ),
        examples=Examples(
            passing=(
                "It rose 3.5% in the U.S. market.", "J.K. Rowling wrote it.", "Visit Amazon.com today.",
                "Well...Maybe.", "See www.example.org/Page now.", "Books by J.K. Rowling sold.",
                "Shares in Yahoo! rose.", "The U.S.A. team won.",
            ),
            failing=("The talks ended.Both sides left.", "It rose,then fell.", "The vice preside,nt spoke.",
                     "Flights to Rome,Madrid and Oslo.", "The vote ended.A recount began."),
            fixes=(("The talks ended.Both sides left.", "The talks ended. Both sides left."),),
        ),
    ),
)
