"""its versus it's (TY004): the possessive written as a contraction, and the reverse.

The rule reads the words around each its/it's (tokens), asks what their word classes allow
(words, np), and weighs the evidence for the possessive (possessive) against the evidence for
"it is"/"it has" (contraction).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ... import lexicon
from ...document import Document
from ...model import Docs, Examples, Fix, Hit, Rule, Severity
from ..apostrophes import article_apostrophe
from .np import modified_plural_np
from .tokens import (
    _WORDS_AFTER,
    _WORDS_AT,
    _after_quote,
    _clause_tokens,
    _its_matches,
    _next_mark,
    _sentence_start,
    _tokens_after,
    _word_start,
    _words_before,
)
from .words import (
    CALENDAR_NAMES,
    CLAUSE_AFTER_ADJECTIVE,
    CLAUSE_ONLY_VERBS,
    CLAUSE_VERBS,
    INTENSIFIERS,
    OPINION_VERBS,
    PERFECT_PARTICIPLES,
    POSSESSIVE_SLOT,
    SUBORDINATORS,
    TITLE_WORDS,
    _adjective_only,
    _verb_takes_its,
)
from .possessive import (
    LOOK_VERBS,
    REPORTING_VERBS,
    _bare_count_np,
    _np_then_finite,
    _participle_np_then_finite,
    _possessive_its,
    _reported_apposition,
)
from .contraction import (
    _adjective_clause,
    _adverb_phrase,
    _calendar_clause,
    _contraction_its,
    _progressive,
    _verbless_clause,
)

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any


def check_its(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield it's-for-its and its-for-it's, each with an unsafe fix."""
    text = doc.text
    low = doc.lowered  # shared with the other rules: one lowercase pass per document
    contracted, bare = _its_matches(text, low)
    for m in contracted:
        if not _word_start(text, m.start()):
            continue
        it, mark = m.groups()
        a = _WORDS_AFTER.match(text, m.end())
        before2, before = _words_before(text, m.start())
        after, after2, after3 = a.groups() if a else (None, None, None)
        if before in ("and", "or") and before2 is None:
            # A name in brackets or quotation marks before "and": "(CSI) and it's", "<PEP> and it's".
            raw = text[max(0, m.start() - 40):m.start()].rsplit(None, 2)
            if len(raw) >= 2 and raw[-2][-1:] in ")>\"”" and raw[-2].rstrip(")>\"”")[-1:].isalnum():
                before2 = "Name"
        tokens = _tokens_after(text, m.end(), 9)
        if not (_possessive_its(before, after, after2, before2, after3, tokens)
                or _np_then_finite(tokens) or _bare_count_np(tokens) or modified_plural_np(tokens)
                or (before in REPORTING_VERBS and (_reported_apposition(text, m.end()) or _participle_np_then_finite(tokens)))):
            continue
        start, end = m.start(), m.end()
        yield Hit(
            start, end,
            f"“{it}{mark}s” means “it is” or “it has”; the possessive is “{it}s”.",
            Fix(start, end, f"{it}s", safe=False),
        )
    mark = None
    for m in bare:
        if not _word_start(text, m.start()):
            continue
        before2, before = _words_before(text, m.start())
        low_before = before.lower() if before else None
        if low_before in POSSESSIVE_SLOT:
            # "of its", "in its", "the its": the slot test below rejects these whatever the words
            # after say, and nothing before it has an effect; almost half the bare "its" of an article.
            continue
        i = m.group(1)
        w = _WORDS_AT.match(text, m.end())
        # A clause that opens with "its" and a noun phrase, then ends: "if its war, the union".
        # A clause opens at a sentence's capital "Its", after an opening quotation mark, or after a
        # subordinator or a verb of opinion; a comma before "its" may open an apposition instead.
        verbless = (((before is None and (i == "I" and _sentence_start(text, m.start(1)) or _after_quote(text, m.start(1))))
                     or low_before in SUBORDINATORS or low_before in ("that", "then", "but", "and")
                     or low_before in CLAUSE_ONLY_VERBS or (before is None and text[:m.start(1)].rstrip(" \t")[-1:] == ","))
                    # "all but its units." joins noun phrases: after "but" with a word before it, only a
                    # new subject joined by a conjunction shows the clause ("but its Saturday and I'm here").
                    # A quotation may quote a noun phrase alone (called it "its worst policy."): when one
                    # opens with a lowercase "its", only a new subject shows a clause.
                    and _verbless_clause(_clause_tokens(text, m.start(1) + 3),
                                         (low_before == "but" and before2 is not None) or low_before == "and"
                                         or (before is None and i == "i"),
                                         # after "and" or a comma only ", it's" shows a new clause: "it's coming, its inevitable, it's"
                                         contracted_only=low_before == "and" or (before is None and not _sentence_start(text, m.start(1))),
                                         quoted=_after_quote(text, m.start(1)), subordinate=low_before in SUBORDINATORS))
        if w is None:
            if not verbless:
                continue  # a number or a bracket: only a clause without a verb shows "it's" ("if its 12.30, we")
            after = after2 = after3 = None
            after = _clause_tokens(text, m.start(1) + 3, 1)[0][1]
        else:
            after, after2, after3 = w.groups()
        # In a title every word has a capital, so a function word after "Its" reads as in prose ("Its
        # Now Or Never", "Its A Wonderful Life"); "all" and "no" may start names ("its All Blacks").
        # A title may keep a short function word lowercase ("Its Now or Never"), and "All" before a
        # particle is no name ("They Think Its All Over").
        if (w is not None and after[0].isupper() and (after[1:].islower() or len(after) == 1)
                and after2 and after2.isalpha()
                and (after2[0].isupper() or (after2 in lexicon.CONJUNCTIONS and after3 and after3[0].isupper()))
                and (after.lower() in TITLE_WORDS or (after == "All" and after2.lower() in lexicon.PREPOSITIONS))
                and (after.lower() != "a" or _adjective_only(after2.lower()))):
            after, after2, after3 = after.lower(), after2.lower(), after3.lower() if after3 else None
        elif w is not None and after in CALENDAR_NAMES and _calendar_clause(text, m.start(1), w.end(1), i == "I"):
            verbless = True  # "Do They Know Its Christmas?": "its" and a day's name alone is "it is"
        # A capitalised word after "its" starts a name ("its Blue Harbour brand").
        if not after.islower() and not verbless:
            continue
        if (low_before and _verb_takes_its(low_before) and not (after in INTENSIFIERS or after == "very"
                                                                or lexicon.classes(after) == lexicon.ADV
                                                                or _adjective_only(after))):
            # The possessive-slot test at the end rejects this whatever the clause tests say ("increasing
            # its share"): a quarter of the bare "its" that get this far, spared those tests.
            continue
        punct = _next_mark(text, w.end(1)) if w else ""
        punct2 = _next_mark(text, w.end(2)) if w and after2 else ""
        clause_start = before is None or before.lower() in lexicon.CONJUNCTIONS or before.lower() in ("then", "that") \
            or before.lower() in CLAUSE_VERBS \
            or (low_before == "like" and lexicon.classes(after.lower()) == lexicon.ING)  # "look like its slowing"
        if (low_before == "like" and (before2 or "").lower() in LOOK_VERBS and lexicon.ING in lexicon.classes(after.lower())
                and punct in (",", ".", "!", "?")):
            verbless = True  # "doesn't look like its happening.": an -ing form ending the clause after "look like"

        if not (verbless or _contraction_its(after, after2, after3, punct, punct2, clause_start)
                or _adverb_phrase(_clause_tokens(text, m.start(1) + 3, 6))
                or (clause_start and _adjective_clause(_clause_tokens(text, m.start(1) + 3, 10)))
                or (clause_start and ((before or "").lower() not in CLAUSE_VERBS or low_before in CLAUSE_ONLY_VERBS)
                    # twelve words: "but its jumping to conclusions to extrapolate this report into the future."
                    and _progressive(_tokens_after(text, m.start(1) + 3, 12)))):
            # After a verb of opinion, an adjective and a "that" clause show "it is" even when the
            # adjective is also a noun: "I think its clear that".
            if not (after2 and after2.lower() in ("that", "to", "for") and punct == "" and "a" in lexicon.classes(after)
                    and (_words_before(text, m.start())[1] or "").lower() in OPINION_VERBS):
                continue
        cb, ca = lexicon.classes(low_before or ""), lexicon.classes(after.lower())
        if (low_before and before.islower() and set(cb) & set("np") and not cb.strip("npvs")
                and low_before not in lexicon.CLOSED and low_before not in CLAUSE_VERBS
                and lexicon.PAST in ca and not set(ca) & set("np") and after not in PERFECT_PARTICIPLES):
            continue  # "one offer its directed to": after a noun, maybe a stray "its" for "is", not "it's"
        # After a preposition or determiner "its" fills a possessive slot ("in its the"), and after a
        # verb that takes an object a function word after it is the stray one ("increasing its the");
        # before an adverb and adjective the verb's clause has ended ("has increased its very hard to").
        if low_before in POSSESSIVE_SLOT or (low_before and _verb_takes_its(low_before)
                                              and not (after in INTENSIFIERS or after == "very"
                                                       or lexicon.classes(after) == lexicon.ADV
                                                       or (punct in (",", ".", "!", "?") and _adjective_only(after))
                                                       # "start the ball rolling its difficult to stop": an adjective's clause
                                                       or (punct == "" and _adjective_only(after)
                                                           and (after2 or "").lower() in CLAUSE_AFTER_ADJECTIVE))):
            continue  # "in its the", "increasing its the": a possessive slot, so the next word is the stray one
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
            what="Finds “it's”/“it’s” in possessive position (after a preposition or a verb that takes an "
            "object, before “own”, before a bare singular count noun that “it is” cannot take — “it's role "
            "in”, counted from lemminflect's inflection table — or before a noun and a finite verb: “it's "
            "shares fell”), and “its” before words that only follow “it is” or “it has” (“its been”, “its "
            "a”, “its not”, “its quite a”), or opening a clause that ends without a verb (“if its 12.30, we "
            "shut”).",
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
                "Analysts doubted its winning the bid.", "The firm cut its proposed dividend.",
                "Its recently rebuilt pier is open.", "Its very survival is at risk.",
                "It's game over for the visitors.", "It's goodbye to the pier.", "The school did its very best.",
            ),
            failing=(
                "Turkey has stated it’s full support.", "The firm has it's own bank.", "Its been a year.",
                "its a shame, she said", "Once its got started, the fair runs all week.", "Proud of it's history.",
                "If its going to rain, bring a coat.", "Its likely to fall.", "Its true that we lost.",
                "The bank and it's shares fell.", "The firm said it's spokesman said nothing.",
                "The ferry is on it's way.", "Fans forgave the club all it's blunders.",
                "It's closure was announced.", "The school marked it's 75th year.",
                "Its wonderful to see you.", "Its his turn.", "Its had a bad year.", "I think its clear that we won.", "The board raised it's dividend.",
                "The council plans to close it's depot.", "The union said it's treasurer, Ann Lee, quit.",
                "Once its built you cannot move it.", "\"Its quite a risk,\" the mayor said.",
            ),
            fixes=(
                ("The firm has it's own bank.", "The firm has its own bank."),
                ("Its been a year.", "It's been a year."),
            ),
        ),
    ),
)
