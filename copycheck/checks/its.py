"""its versus it's: the possessive written as a contraction, and the reverse."""
from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from .apostrophes import article_apostrophe

_WORD = r"[^\W\d_][\w\-]*"
# The scan looks for "it's" alone; the words around it are read with anchored patterns, so
# the regex engine never tries a match at every letter of the article.
_ITS_CONTRACTED = re.compile(r"(?<![\w'’])([Ii]t)(['’])s\b")
_ITS_BARE = re.compile(r"(?<![\w'’])([Ii])ts[ \t]+")
_WORD_BEFORE = re.compile(r"(" + _WORD + r")[ \t]+\Z")
_WORDS_AFTER = re.compile(r"[ \t]+(" + _WORD + r")(?:[ \t]+(" + _WORD + r"))?")
_WORDS_AT = re.compile(r"(" + _WORD + r")(?:[ \t]+(" + _WORD + r"))?")

# After these, "it's" must be a possessive: "of it's", "with it's" ("of it is" is not English).
POSSESSIVE_BEFORE = frozenset(
    "of in for with from by at into onto upon under over through within without throughout "
    "despite during towards toward against among amid across behind beyond beneath via".split()
)
# Determiner-like adjectives that open a noun phrase: "it's full support", "it's entire fleet".
POSSESSIVE_OPENERS = frozenset(
    "own entire whole first latest biggest largest highest lowest annual quarterly total full "
    "strongest main former previous current".split()
)
# Words after the opener that show a clause, not a noun phrase: "it's full of", "it's first to".
CLAUSE_CUES = frozenset(
    "of to for and or but that than as if when with in on at by from the a an this it".split()
)
# A noun then a finite verb shows a subject: "it's shares fell", "it's spokesman said" ("it is
# shares fell" is not English). The words that can stand between "it's" and a verb in a real
# contraction ("it's what was said", "it's easier said") are excluded.
FINITE_VERBS = frozenset(
    "rose fell rise fall were are have has had will would could should may might must can say said "
    "says increased decreased dropped climbed jumped slipped gained declined grew totalled totaled "
    "reached remained include includes included show showed shows".split()
)
NOT_A_NOUN = frozenset(
    "easier harder better worse more less much far well too very really quite rather always never "
    "often still already just only also even not now then there here what who whom which that this "
    "these those all both each every one some any no the a an something nothing everything anything "
    "someone everyone anyone nobody how why where when whether because up down out in on over off "
    "about back going got been being time".split()
)
# What follows "its" only when "its" should be "it's": "its been", "its a", "its not".
CONTRACTION_CUES = frozenset(
    "a an the been not going got gotten gonna just so really also always never too quite about".split()
)
# Adjectives that follow both: "its likely impact" is possessive, "its likely to" is not; so
# these count only when a clause follows (to, that, for).
ADJECTIVE_CUES = frozenset(
    "clear likely unlikely hard easy important possible impossible true obvious difficult vital "
    "essential time".split()
)
CLAUSE_AFTER_ADJECTIVE = frozenset("to that for".split())


def _possessive_its(before: str | None, after: str | None, after2: str | None) -> bool:
    """True when "it's" stands where the possessive "its" belongs."""
    if after is None:
        return False
    a = after.lower()
    if a == "own":
        return True
    if before and before.lower() in POSSESSIVE_BEFORE and a not in ("a", "an", "the", "not", "been"):
        return True
    if a in POSSESSIVE_OPENERS and after2 and after2[0].islower() and after2 not in CLAUSE_CUES:
        return True
    if (after2 in FINITE_VERBS and after.islower() and len(after) >= 3 and a not in NOT_A_NOUN
            and not a.endswith(("ly", "ing", "ed"))):
        return True
    return False


def check_its(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield it's-for-its and its-for-it's, each with an unsafe fix."""
    text = doc.text
    low = doc.lowered  # shared with the other rules: one lowercase pass per document
    contracted = "it's" in low or "it’s" in low
    for m in _ITS_CONTRACTED.finditer(text) if contracted else ():
        it, mark = m.groups()
        b = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        a = _WORDS_AFTER.match(text, m.end())
        before = b.group(1) if b else None
        after, after2 = a.groups() if a else (None, None)
        if not _possessive_its(before, after, after2):
            continue
        start, end = m.start(), m.end()
        yield Hit(
            start, end,
            f"“{it}{mark}s” means “it is” or “it has”; the possessive is “{it}s”.",
            Fix(start, end, f"{it}s", safe=False),
        )
    mark = None
    for m in _ITS_BARE.finditer(text) if "its " in low or "its\t" in low else ():
        i = m.group(1)
        w = _WORDS_AT.match(text, m.end())
        if w is None:
            continue
        after, after2 = w.groups()
        # A capitalised word after "its" starts a name ("its Blue Harbour brand").
        if not after.islower():
            continue
        if after not in CONTRACTION_CUES and not (after in ADJECTIVE_CUES and after2 in CLAUSE_AFTER_ADJECTIVE):
            continue
        if mark is None:
            mark = article_apostrophe(text)
        start, end = m.start(1), m.start(1) + 3
        yield Hit(
            start, end,
            f"“{i}ts {after}” needs the contraction: “{i}t{mark}s” (it is / it has); “{i}ts” is possessive.",
            Fix(start, end, f"{i}t{mark}s", safe=False),
        )


RULES = (
    Rule(
        code="TY004",
        name="its-its",
        summary="“it's” where the possessive “its” is meant, or “its” where “it's” is meant.",
        severity=Severity.ERROR,
        check=check_its,
        in_quotes=True,
        docs=Docs(
            what="Finds “it's”/“it’s” in possessive position (after a preposition, before “own”, "
            "before a determiner-like adjective and a noun, or before a noun and a finite verb: “it's "
            "shares fell”), and “its” before words that only follow "
            "“it is” or “it has” (“its been”, “its a”, “its not”).",
            why="The two are among the most common errors in published copy and spell-checkers "
            "cannot see them. The rule looks only at strong local evidence, so correct uses such as "
            "“it's raining” and “by its very nature” stay quiet.",
            example="Turkey has stated it’s full support  ->  Turkey has stated its full support",
        ),
        examples=Examples(
            passing=(
                "By its very nature.", "It's raining.", "It’s full of holes.", "It's time to go.",
                "Its only hope is a deal.", "It's the first time.", "The firm raised its forecast.",
                "Its time in office was short.", "The chain extended its Blue Harbour brand.",
                "It's what was said that matters.", "It's easier said than done.",
                "It's always had critics.",
                "The strike and its likely cost to farmers.", "The data sits on its hard drive.",
                "The play shows the town in its true colours.",
            ),
            failing=(
                "Turkey has stated it’s full support.", "The firm has it's own bank.", "Its been a year.",
                "its a shame, she said", "Once its got started, the fair runs all week.", "Proud of it's history.",
                "If its going to rain, bring a coat.", "Its likely to fall.", "Its true that we lost.",
                "The bank and it's shares fell.", "The firm said it's spokesman said nothing.",
            ),
            fixes=(
                ("The firm has it's own bank.", "The firm has its own bank."),
                ("Its been a year.", "It's been a year."),
            ),
        ),
    ),
)
