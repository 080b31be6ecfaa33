"""Repeated words: "the the", "UN-UN-backed"."""
from __future__ import annotations

import operator
import re
from itertools import islice
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Fix, Hit, Rule, Severity

# Two identical words separated by spaces or one line break (not a blank line, which ends a
# paragraph), neither being part of a hyphenated compound or a contraction.
_SPACED = re.compile(
    r"(?<![\w'’\-])([^\W\d_][\w]*)((?:[ \t]+(?:\r\n|\r|\n)?|\r\n|\r|\n)[ \t]*)(\1)(?![\w\-]|['’]\w)",
    re.IGNORECASE,
)
# X-X-Y: a hyphen-joined repeat that is followed by a further element of the compound.
_HYPHENATED = re.compile(r"(?<![\w\-])([^\W\d_][\w]*)-(\1)(?=-\w)", re.IGNORECASE)

# Words English legitimately doubles: "had had", "that that", "is is" ("what it is is"),
# "her her" ("gave her her coat"), and spoken intensifiers ("very very", "no no").
LEGIT_REPEATS = frozenset(
    "had that this is was her do does very many much so no yes bye long far now ha".split()
)
# Title-case repeats are usually names and titles (Duran Duran, Bora Bora, Soldier Soldier),
# except when the word is a function word, which no name doubles ("The The" is the exception).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be it its".split()
)


def _is_legit(first: str, second: str) -> bool:
    """True for repeats that English or names produce on purpose."""
    low = first.lower()
    if low in LEGIT_REPEATS and first == second:
        return True
    if first.isupper() and second.isupper() and len(first) > 1:
        return False  # an all-caps headline doubles nothing on purpose ("SOLD SOLD")
    if first[0].isupper() and second[0].isupper():
        return low not in FUNCTION_WORDS  # Duran Duran, Bora Bora, Circus Circus
    if first[0].islower() and second[0].isupper():
        return True  # "law lord Lord Bingham": a title or name begins
    return False


def _candidates(doc: Document) -> tuple[bool, bool]:
    """Cheap C-speed tests on the shared tokens: could the text hold a spaced or hyphenated repeat?"""
    words = doc.lower_words
    spaced = any(map(operator.eq, words, islice(words, 1, None)))
    hyphenated = any(_has_hyphen_repeat(w) for w in words if "-" in w)
    return spaced, hyphenated


def _has_hyphen_repeat(word: str) -> bool:
    parts = word.split("-")
    return any(a == b for a, b in zip(parts, parts[1:]))


def check_doubled(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield one hit per doubled word, with a safe fix removing the repeat."""
    text = doc.text
    spaced, hyphenated = _candidates(doc)
    for m in _SPACED.finditer(text) if spaced else ():
        first, second = m.group(1), m.group(3)
        if _is_legit(first, second):
            continue
        yield Hit(
            m.start(1), m.end(3),
            f"Doubled word: “{first}” is repeated; remove the second “{second}”.",
            Fix(m.end(1), m.end(3), "", safe=True),
        )
    for m in _HYPHENATED.finditer(text) if hyphenated else ():
        first = m.group(1)
        yield Hit(
            m.start(1), m.end(2),
            f"Doubled word in a compound: “{first}-{m.group(2)}”; remove the repeat.",
            Fix(m.end(1), m.end(2), "", safe=True),
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
            "Legitimate repeats are left alone: “had had”, “that that”, names and titles in title case "
            "(“Duran Duran”, “Bora Bora”), a lowercase word before a capitalised title (“law lord Lord "
            "Bingham”), compounds (“in in-fighting”, “Boutros Boutros-Ghali”) and reduplications "
            "(“win-win”, “so-so”).",
            example="Ofcom has said the the broadcaster will not…  ->  Ofcom has said the broadcaster will not…",
        ),
        examples=Examples(
            passing=(
                "He had had enough.", "She said that that was final.", "Fans of Duran Duran cheered.",
                "A holiday in Bora Bora.", "The Circus Circus hotel.", "Boutros Boutros-Ghali spoke.",
                "It is a win-win deal.", "The food was so-so.", "Bye-bye, he said.",
                "Senior law lord Lord Bingham ruled.", "It has been dissipated in in-fighting.",
                "Add to this this new rule.", "We will win\n\nwin or lose, he said.",
            ),
            failing=(
                "Ofcom said the the broadcaster.", "He went to the\nthe shop.", "The the end.",
                "The UN-UN-backed government.", "USDA REPORTS CORN SOLD SOLD TO UNKNOWN",
            ),
            fixes=(
                ("Ofcom said the the broadcaster.", "Ofcom said the broadcaster."),
                ("The UN-UN-backed government.", "The UN-backed government."),
                ("The the end.", "The end."),
            ),
        ),
    ),
)
