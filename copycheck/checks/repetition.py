"""Repeated words: "the the", "UN-UN-backed"."""
from __future__ import annotations

import re
from itertools import repeat
from collections.abc import Iterator, Mapping

from .. import lexicon
from ..document import Document, ascii_lowered
from ..tables import is_data
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from ..lazyre import POSSESSIVE, lazy, spaced_bytes

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# Two identical words separated by one space or one line break (not a blank line, which ends a
# paragraph). Across a gap of two or more spaces (perhaps a column gap) only a function word
# outside any table counts ("what the  the plan"); a tab is always a column gap. The first may
# end a compound ("so-called called"); the second may not start one ("in in-fighting") nor be a contraction.
_SPACED = lazy(
    r"(?<![\w'’])([^\W\d_][\w]*)( |[ \t]*(?:\r\n|\r|\n)[ \t]*| {2,})(\1)(?![\w\-]|['’]\w)",
    re.IGNORECASE,
)
# A hyphen-joined repeat, with the element after it if there is one.
_HYPHENATED = lazy(r"(?<![\w\-])([^\W\d_][\w]*)-(\1)(?:-(\w+))?(?![\w\-])", re.IGNORECASE)
# Up to two words after a repeat, and the words before it, to read its context.
_NEXT_WORDS = lazy(r"[ \t]+(<?\w+>?)(?:[ \t]+(<?\w+>?))?(?:[ \t]+(<?\w+>?))?")

# Words English doubles on purpose: "had had", "that that", "her her" ("gave her her coat"),
# spoken intensifiers ("very very", "really really"), compass points ("south south east")
# and the credit-rating "A plus plus".
LEGIT_REPEATS = frozenset(
    "had that this her do does very really many much so no yes bye long far now ha "
    "north south east west plus".split()
)
# "what it is is", "all it was was": a copula doubles only after a what/all clause.
COPULAS = frozenset("is was".split())
CLAUSE_OPENERS = frozenset("what whatever all thing".split())
# A preposition that ends a clause may meet one that opens a time adjunct:
# "we were caught out in in the past", "the title she has hoped for for years".
STRANDABLE = frozenset("in for on at with about from to by".split())
TIME_WORDS = frozenset(
    "past future meantime interim years months weeks days decades ages hours minutes centuries "
    "generations long now while recent".split()
)
# Function words, which no name doubles (so "The the" is flagged though both are capitalised).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be it its".split()
)
# In a wire headline a company name can double ("ACME ACME ENTERPRISES <ACM>").
CORPORATE = frozenset("inc corp co ltd plc enterprises group holdings industries".split())
# Reduplications (win-win, so-so, chi-chi) are base forms; inflected forms never reduplicate,
# so "made-made" is a slip (for man-made) while "lose-lose" is a word.
IRREGULAR_PAST = frozenset(
    "made said took gave went done been seen known paid sold held led left met told won lost built "
    "brought bought caught taught thought found got kept meant ran came became began".split()
)


def _is_legit(text: str, m: re.Match) -> bool:
    """True for repeats that English, names and headlines produce on purpose."""
    first, second = m.group(1), m.group(3)
    low = first.lower()
    nxt = _NEXT_WORDS.match(text, m.end())
    after = [w.lower() for w in nxt.groups() if w] if nxt else []
    if first.isupper() and second.isupper() and len(first) > 1:
        # An all-caps headline doubles nothing on purpose ("SOLD SOLD"), except a company name.
        return any(w in CORPORATE or w.startswith("<") for w in after)
    if first[0].isupper() and second[0].isupper():
        # Duran Duran, Bora Bora, Circus Circus; but no name ends in "Group Group".
        return low not in FUNCTION_WORDS and low not in CORPORATE
    if first[0].islower() and second[0].isupper():
        # "the senior judge Judge Okafor": a title or name begins; a verb ("called Called") is no title.
        c = lexicon.classes(low)
        return not c or bool(set(c) & set("npa"))
    if low not in FUNCTION_WORDS and second.islower() and _standalone(text, m):
        return True  # reduplication as an utterance of its own: "Knock knock.", "Tut tut,"
    if first != second:
        return False  # "The the": a sentence start and a slip
    before = _WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
    prev = before.group(before.lastindex).lower() if before and before.lastindex else None
    c = lexicon.classes(low)
    if "n" in c and "x" in c and prev in NOUN_DETERMINERS:
        return True  # a noun, then the modal spelt the same: "the can can leak", "the will will stand"
    if low in PARTICLES and prev is None and _compound_tail(text, m.start()):
        return True  # "a sit-in in the square": a hyphenated compound's particle, then a preposition
    if low == "to" and after and _stranded_to(before, after[0]):
        return True  # "the firm I wrote to to ask": a stranded preposition, then an infinitive
    if low in LEGIT_REPEATS:
        return True
    if low in COPULAS:
        before = text[max(0, m.start() - 60) : m.start()].lower().split()[-5:]
        return any(w.strip(",;:") in CLAUSE_OPENERS for w in before)
    if low in STRANDABLE and after:
        return after[0] in TIME_WORDS or (after[0] in ("the", "a") and len(after) > 1 and after[1] in TIME_WORDS)
    return False


# Particles that end a hyphenated compound ("sit-in", "sign-up") and also open a phrase.
PARTICLES = frozenset("in up out on off down over back through around about".split())
_WORDS_BEFORE = lazy(r"(?:([^\W\d_][\w'’]*)[ \t]+)?(?:([^\W\d_][\w'’]*)[ \t]+)?(?:([^\W\d_][\w'’]*)[ \t]+)?\Z")
_SUBJECTS = frozenset("i we you they he she".split())
# Words that open a noun phrase, so a noun can follow ("the can can leak"); not "that" ("that will will").
NOUN_DETERMINERS = frozenset("a an the my your his her our their its".split())


def _compound_tail(text: str, start: int) -> bool:
    """True when the repeat's first word ends a hyphenated compound ("break-in")."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


def _subject_lost(text: str, m: re.Match) -> bool:
    """A copula doubled where a clause opens ("whether is is used"): the first may be a mistyped
    "it", so deleting the second would leave the clause without its subject."""
    if m.group(1).lower() not in COPULAS:
        return False
    before = _WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
    prev = before.group(before.lastindex).lower() if before and before.lastindex else None
    return prev in lexicon.CONJUNCTIONS or prev == "that"


def _standalone(text: str, m: re.Match) -> bool:
    """True when the repeat is an utterance by itself: a sentence start or mark before, a mark after."""
    prev = text[max(0, m.start() - 3):m.start()].rstrip(" \t")
    # After a full stop only a capital starts an utterance ("U.S. unit unit." is a slip).
    start_ok = not prev or prev[-1] in "\"“‘'(\n:;,—–-" or (prev[-1] in ".!?" and m.group(1)[0].isupper())
    nxt = text[m.end():m.end() + 1]
    return start_ok and (not nxt or nxt in ",.!?;:\"”’'…\n-—–")


def _stranded_to(before, verb_after: str) -> bool:
    """A relative clause ending in "to" before an infinitive: noun, subject pronoun, verb, to, to, verb."""
    if before is None or before.lastindex is None or before.lastindex < 3:
        return False
    noun, subject, verb = (w.lower() for w in before.groups())
    return (subject in _SUBJECTS and bool(set(lexicon.classes(verb)) & set("vsd"))
            and bool(set(lexicon.classes(noun)) & set("np")) and "v" in lexicon.classes(verb_after))


# Where a repeat may open: a maximal run of word characters in the lowercased text that the next
# run repeats across spaces, line breaks or a hyphen (a superset of both patterns' gaps). One C
# pass, with no list of every word: the scan skips to a non-word character (a class re tests
# quickly), and only there tries the run after it; the run at the very start is tried apart.
# The run is possessive (where `re` has it): a shorter run would be followed by a word character,
# never by the gap, so backtracking into it finds nothing.
_REPEAT_AT_START = lazy(rf"(\w+{POSSESSIVE})(?=[ \t\r\n-]+\1(?!\w))")
_REPEAT_AFTER = lazy(rf"\W(\w+{POSSESSIVE})(?=[ \t\r\n-]+\1(?!\w))")
# The same pattern with ASCII classes, whose \w and \W are a table look-up rather than a Unicode
# category test at every character: a third faster, and the same matches on a text whose every
# word character is ASCII (lazyre.ascii_words), since then both agree on every character of it.
_REPEAT_AFTER_ASCII = lazy(rf"\W(\w+{POSSESSIVE})(?=[ \t\r\n-]+\1(?!\w))", re.ASCII)


# On a Latin-1 text whose word characters are all ASCII, in lazyre.spaced_bytes: any repeat's first
# word has a space before it there, and only spaces between it and the second, so the search opens
# with a literal space, not a class (\W) tested at every character. Other gaps ("that. That") count too.
_REPEAT_AFTER_SPACE = lazy(rf" (\w+{POSSESSIVE})(?= +{POSSESSIVE}\1(?!\w))".encode())


def _candidates(doc: Document) -> list[int]:
    """Offsets, in order, of each word run that the next run repeats: where a repeat can open (and,
    on most texts, a few more where it cannot, which the precise patterns then pass over)."""
    # Each word of a repeat ("the the", "UN-UN") is a maximal run of word characters with only
    # spaces, a line break or a hyphen between, so both patterns can match only at these offsets.
    low = doc.lowered
    if doc.fact(ascii_lowered):
        spaced = spaced_bytes(low)
        if spaced is None:  # a character past U+00FF (“, —)
            found = [m.start(1) for m in _REPEAT_AFTER_ASCII.finditer(low)]
        else:
            found = [m.start(1) for m in _REPEAT_AFTER_SPACE.finditer(spaced)]
    else:
        found = [m.start(1) for m in _REPEAT_AFTER.finditer(low)]
    if _REPEAT_AT_START.match(low):
        found.insert(0, 0)
    return found


def _matches_at(text: str, pattern, offsets: list[int]) -> list[re.Match]:
    """What pattern.finditer(text) yields, for a pattern whose matches open only at `offsets`."""
    # Tried only at the candidates, not at every character; overlapping matches are dropped as
    # finditer would, leftmost first ("the the the" is one repeat).
    out, last = [], 0
    for m in map(pattern.match, repeat(text), offsets):
        if m is not None and m.start() >= last:
            out.append(m)
            last = max(m.end(), m.start() + 1)
    return out


def _hyphen_slip(first: str, third: str | None) -> bool:
    """X-X-Y is a slip ("UN-UN-backed"); X-X-X is deliberate; a lone X-X only if X is inflected."""
    if third is not None:
        return third.lower() != first.lower()
    low = first.lower()
    return first.islower() and (
        low in IRREGULAR_PAST or low in FUNCTION_WORDS or low.endswith(("ed", "ing"))
    )


def check_doubled(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield one hit per doubled word, with a safe fix removing the repeat."""
    text = doc.text
    offsets = _candidates(doc)
    if not offsets:
        return
    for m in _matches_at(text, _SPACED, offsets):
        if _is_legit(text, m):
            continue
        gap = m.group(2)
        if gap.strip(" ") == "" and len(gap) > 1 and m.group(1).lower() not in FUNCTION_WORDS:
            continue  # two words across a gap of spaces may be two columns ("nil    nil", "AGO   AGO")
        if ((gap != " " or m.group(1).lower() not in FUNCTION_WORDS or is_data(m.group(1)))
                and doc.tables.touches(m.start(), m.end())):
            continue  # cells of a table repeat units and data ("nil nil", "loads loads"); a "the the" is a slip
        first, second = m.group(1), m.group(3)
        yield Hit(
            m.start(1), m.end(3),
            f"Doubled word: “{first}” is repeated; remove the second “{second}”.",
            # A capital on the repeat ("called Called Gold") may start a name, and a compound's last
            # part repeated may be a slip ("long-term term loans") or a term ("a non-bank bank"):
            # both need an eye.
            Fix(m.end(1), m.end(3), "", safe=(first[0].isupper() or second[0].islower())
                and not _compound_tail(text, m.start()) and not _subject_lost(text, m)),
        )
    for m in _matches_at(text, _HYPHENATED, offsets) if "-" in text else ():
        first = m.group(1)
        if not _hyphen_slip(first, m.group(3)):
            continue
        # "UN-UN-backed" loses its repeat for certain; a lone "made-made" may be a slip for
        # another word ("man-made"), so that fix needs an eye.
        yield Hit(
            m.start(1), m.end(2),
            f"Doubled word in a compound: “{first}-{m.group(2)}”; remove the repeat"
            + ("." if m.group(3) else ", or correct the word it was meant to be."),
            Fix(m.end(1), m.end(2), "", safe=m.group(3) is not None),
        )


RULES = (
    Rule(
        code="TY001",
        name="doubled-word",
        summary="A word typed twice in a row, as in “the the” or “UN-UN-backed”.",
        severity=Severity.ERROR,
        check=check_doubled,
        in_quotes=True,
        docs=Docs(
            what="Finds a word repeated with only spaces or one line break between, and a word "
            "repeated inside a hyphenated compound (“UN-UN-backed”).",
            why="A doubled word is the typo a tired eye skips most often, and readers notice it. "
            "Legitimate repeats are left alone by rule, not by a long list: words English doubles "
            "(“had had”, “that that”, “what it is is”), a stranded preposition before a time adjunct "
            "(“caught out in in the past”), names and titles in title case (“Duran Duran”, “Bora Bora”) or "
            "a company name in a caps headline, a lowercase word before a capitalised title (“senior judge "
            "Judge Okafor”), compounds (“in in-fighting”, “Boutros Boutros-Ghali”), reduplications "
            "(“win-win”, “so-so”: inflected forms such as “made-made” never reduplicate) and deliberate "
            "triples (“one-one-one”).",
            example="The council said the the budget would rise  ->  The council said the budget would rise",
        ),
        examples=Examples(
            passing=(
                "He had had enough.", "She said that that was final.", "Fans of Duran Duran cheered.",
                "A holiday in Bora Bora.", "The Circus Circus hotel.", "Boutros Boutros-Ghali spoke.",
                "It is a win-win deal.", "The food was so-so.", "Bye-bye, he said.",
                "The senior judge Judge Okafor ruled.", "The party lost votes in in-fighting.",
                "We talked about this this morning.", "We will win\n\nwin or lose, he said.",
                "We were caught out in in the past.", "It is the title she has hoped for for years.",
                "What it is is a scandal.", "The storm moved south south east overnight.",
                "BOLA BOLA ENTERPRISES <BBE> 2ND QTR NET", "A lose-lose deal.", "The one-one-one rule.",
                "Students staged a teach-in in the hall.", "The warm-up up the hill was brisk.",
                "The office we wrote to to complain replied.", "Tsk tsk, said the teacher.",
                "The can can rust if left outside.", "Crop  nil  nil\nRice  nil  nil",
                "WEEK AGO   AGO   NOW", "Grain  UNQUOTED  UNQUOTED", "Rate  the  the  the\nTax  a  b  c",
            ),
            failing=(
                "The council said the the budget would rise.", "He went to the\nthe shop.", "The the end.",
                "The UN-UN-backed government.", "MILL REPORTS FLOUR PRICES PRICES STEADY",
                "The dam was a made-made hazard.", "The so-called called vote was void.",
                "Regulators looked at non-bank bank loans.",
                "The plan was was never approved.", "Output rose in in 2019.",
                "The venue will be named Named Hall.", "Shares of the Holdings Holdings firm rose.",
                "We cannot wait to to start.", "He asked what the  the plan was.", "The firm will will not comment.", "After being being told.",
            ),
            fixes=(
                ("The council said the the budget would rise.", "The council said the budget would rise."),
                ("The UN-UN-backed government.", "The UN-backed government."),
                ("The the end.", "The end."),
                ("The plan was was never approved.", "The plan was never approved."),
            ),
        ),
    ),
)
