"""its versus it's: the possessive written as a contraction, and the reverse."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .. import lexicon
from ..document import Document
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from .apostrophes import article_apostrophe
from .its_np import gradable, modified_plural_np

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

_WORD = r"[^\W\d_][\w\-]*"
# The scan looks for "it's" alone; the words around it are read with anchored patterns, so
# the regex engine never tries a match at every letter of the article.
# Each scan starts at the letters (a leading look-behind would be tried at every character);
# _word_start tests that no word character or apostrophe comes before.
_ITS_CONTRACTED = re.compile(r"([Ii]t)(['’])s\b")
_ITS_BARE = re.compile(r"([Ii])ts[ \t]+")


def _word_start(text: str, at: int) -> bool:
    """True when nothing of a word (a word character or an apostrophe) comes just before `at`."""
    if not at:
        return True
    c = text[at - 1]
    return not (c.isalnum() or c in "_'’")
_WORD_RE = re.compile(_WORD)


def _words_before(text: str, start: int) -> tuple[str | None, str | None]:
    """The two words just before an offset, each separated only by spaces; None where there is none."""
    lo = max(0, start - 40)
    seg = text[lo:start]
    if not seg or seg[-1] not in " \t":
        return None, None
    toks = seg.split()
    if not toks or "\n" in seg[seg.rfind(toks[-1]):]:
        return None, None
    if toks[-1][0] in "\"“‘(" and _WORD_RE.fullmatch(toks[-1][1:]):
        return None, toks[-1][1:]  # a quotation opens with the word: "\"If its"
    if not _WORD_RE.fullmatch(toks[-1]):
        return None, None
    before = toks[-1]
    # The word before that counts only when it is whole (not cut by the window) and on the same line.
    if len(toks) >= 2 and _WORD_RE.fullmatch(toks[-2]) and (len(toks) > 2 or lo == 0 or text[lo - 1].isspace()):
        between = seg[seg.rfind(toks[-2]) + len(toks[-2]):seg.rfind(before)]
        if between.strip(" \t") == "":
            return toks[-2], before
    return None, before


# Quotation marks around a word do not end the noun phrase: it's "supersized" meals.
_Q_OPEN, _Q_CLOSE = r"[\"“‘<']?", r"[\"”>]?"
_WORDS_AFTER = re.compile(r"[ \t]+" + _Q_OPEN + r"(" + _WORD + r"|\d+(?:st|nd|rd|th)|[£$€]?\d[\d.,]*\w*)" + _Q_CLOSE
                          + r"(?:[ \t]+" + _Q_OPEN + r"(" + _WORD + r")" + _Q_CLOSE + r")?(?:[ \t]+" + _Q_OPEN + r"(" + _WORD + r"))?")
_WORDS_AT = re.compile(r"(" + _WORD + r")(?:[ \t]+(" + _WORD + r"|[£$€]?\d[\d.,]*\w*))?(?:[ \t]+(" + _WORD + r"))?")

# Prepositions of direction that "way" takes as a noun of a route.
ROUTE_PREPOSITIONS = frozenset("into onto through to towards toward across".split())
# Subordinators that also take a noun phrase: "after it's been" is "it has", "after it's second reading" the possessive.
TIME_SUBORDINATORS = frozenset("after before once as".split())
# After these, "it's" must be a possessive: "of it's", "with it's" ("of it is" is not English).
POSSESSIVE_BEFORE = frozenset(
    "of in for with from by at into onto upon under over through within without throughout "
    "despite during towards toward against among amid across behind beyond beneath via all on to above below "
    "beside inside outside off about following near".split()
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
# Finite verbs that show the word before them was a subject: "it's spokesman said".
FINITE_VERBS = frozenset(
    "was were is are have has had will would could should may might must can say said "
    "says rose fell include includes included show showed shows remains remained saw".split()
)
# Nouns that follow a real "it's" without a determiner: "it's time", "it's years since".
BARE_NOUNS = frozenset(
    "time years months weeks days hours minutes decades ages miles thanks fun business news home "
    "half part work war money people things".split()
)
# A cleft or a list after a plural noun: "it's sales that matter", "it's shares and bonds".
CLEFT = frozenset("that who which than and or not".split())
# Verbs that take a clause ("said it's over"), so "it's" after them may well be "it is".
CLAUSE_VERBS = frozenset(
    "say says said saying think thinks thought thinking believe believes believed know knows knew known "
    "hope hopes hoped feel feels felt hear heard mean means meant expect expects expected fear feared "
    "suggest suggests suggested admit admits admitted claim claims claimed insist insists insisted "
    "argue argues argued warn warns warned agree agrees agreed add adds added note notes noted realise "
    "realised realize realized understand understood reckon reckons reckoned guess suppose supposed "
    "show shows showed shown find finds found decide decided see sees saw seen wonder wondered bet "
    "seem seems seemed appear appears appeared tell told confirm confirmed deny denied doubt doubted "
    "predict predicted ensure ensured imagine imagined assume assumed accept accepted reported "
    "recognise recognises recognised recognize recognizes recognized remember remembers remembered "
    "forget forgets forgot forgotten notice notices noticed learn learns learned learnt discover discovers "
    "discovered promise promises promised guarantee guaranteed worry worried pray wish wished".split()
)
# After "its", the words that still open a noun phrase though they are function words.
POSSESSIVE_OK = frozenset(
    "own very only first next last most more less least many few several other former much best worst every "
    "two three four five six one".split()
)
# What else follows only "it is"/"it has": the verbs of a contraction, and "not".
CONTRACTION_WORDS = frozenset("been not got gotten gonna just so too also always never all".split())
# Adverbs that may open a noun phrase ("its now defunct unit") or a clause ("its now clear").
ADVERB_CUES = frozenset("now still".split())
# After "its", words that show no contraction: a repeat ("its its", TY001's), a conjunction, and
# "up" ("its up to 50 mln dlr offer").
NOT_EVIDENCE = frozenset("its and or but nor up".split())
# -ing forms that go on to an infinitive only as verbs: "its going to", "its trying to".
ING_BEFORE_TO = frozenset("going trying getting starting beginning hoping planning".split())
OPINION_VERBS = frozenset("think thinks thought believe believes believed feel felt guess reckon say says said".split())
# After "its fair to", "its good for": verbs that show the adjective's clause ("its fair to say").
THINK_VERBS = frozenset("say see think know".split())
INTENSIFIERS = frozenset("more less pretty quite really rather most".split())
CLAUSE_OPENERS = frozenset("that how what whether when if".split())
ORDINALS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())
# Finite verbs after "its" show a stray "its" for "it" ("its is not clear"); "it's is" is no fix.
FINITE_AUX = frozenset("is are was were has have does do did will would can could shall should may might must".split())
# After these "its" fills a possessive slot ("in its the"), so a word after it is the slip.
POSSESSIVE_SLOT = POSSESSIVE_BEFORE | (lexicon.DETERMINERS - {"that", "what", "which", "whatever"})
# A predicative adjective then one of these shows a clause: "its likely to", "its clear that".
CLAUSE_AFTER_ADJECTIVE = frozenset("to that for enough whether than".split())
def _next_mark(text: str, pos: int) -> str:
    """The punctuation that ends a word: a comma, a full stop, a spaced dash or a closing quotation mark."""
    m = _NEXT_TOKEN.match(text, pos)
    return m.group(1) if m.group(1) is not None else m.group(0)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\Z")
_NEXT_TOKEN = re.compile(r"(?:[\"”](?=[\s.,;:!?]|\Z)|[ \t]*([-–—](?=[ \t])|[,.;:!?)]?))")  # a spaced dash ends a phrase too


# Verbs that report what a company or person said: after them "it's" opens the reported clause,
# which as "it is" takes a predicate (an adjective, a participle, an article), not a bare noun or name.
REPORTING_VERBS = frozenset("said says told added stated announced reported noted".split())


# Participles that take a clause with "that" left out: "it's estimated growth will slow" is "it is".
THAT_PARTICIPLES = frozenset("estimated anticipated forecast projected rumoured rumored alleged predicted calculated "
                             "planned intended announced stated argued suggested assumed".split())


def _participle_np_then_finite(tokens: list[tuple[str, str]]) -> bool:
    """A participle, modifiers and a singular noun with no determiner, then a finite verb ("it's
    proposed public offering has been"): as "it has" the noun phrase would be an object with a
    verb of its own, and as "it is" (a clause with "that" left out) a bare singular count noun
    cannot be the clause's subject; a mass noun can ("it's thought inflation will"), so it is spared."""
    if len(tokens) < 3 or tokens[0][1] or not tokens[0][0].islower():
        return False
    first = tokens[0][0]
    c = lexicon.classes(first)
    if (lexicon.PAST not in c or set(c) & set("np") or first in PERFECT_PARTICIPLES or first in CLAUSE_VERBS
            or first in THAT_PARTICIPLES):
        return False
    for j in range(1, min(len(tokens) - 1, 5)):
        word, punct = tokens[j]
        if punct or not word.islower() or not word.isalpha() or word in lexicon.CLOSED:
            return False
        wc = _noun_classes(word)
        nxt = tokens[j + 1][0]
        if nxt in FINITE_AUX or _finite(nxt):
            return (lexicon.NOUN in wc and lexicon.PLURAL not in wc and word not in BARE_NOUNS and word not in TIME_NOUNS
                    and not lexicon.bare_complement(word))
        if not set(wc) & set("nadg"):
            return False
    return False


# Kin nouns stand bare as names: "she said it's mother's recipe", "it's grandad's turn".
KIN_NOUNS = frozenset("mother father grandma grandpa granny grandad grandmother grandfather brother sister cousin".split())


def _reported_np(tokens: list[tuple[str, str]]) -> bool:
    """After a reporting verb, "it's" and a name or a noun that is nothing else ("said it's Acme
    unit", "said it's directors"): "it is" would need an article or a predicate. A bare noun of time
    or a mass noun alone ("said it's time", "said it's war."), a number, a name's possessive ("it's
    Labour's fault") and a cleft ("it's Smith who") are let through."""
    if not tokens:
        return False
    first, punct = tokens[0]
    low = first.lower()
    base = low[:-2] if low.endswith(("'s", "’s")) else ""
    if first.islower() and len(base) >= 6 and _count_only(base) and base not in KIN_NOUNS and not lexicon.bare_complement(base):
        return True  # "said it's subsidiary's offer": a count noun's possessive needs a determiner after "it is"
    if first[0].isdigit() or low in lexicon.CLOSED or low in BARE_NOUNS or low in CONTRACTION_WORDS or low in TIME_NOUNS:
        return False
    rest = [t[0].lower() for t in tokens[1:5]]
    if "who" in rest or "that" in rest[:2]:
        return False  # a cleft: "it's Smith who decides", "it's money that counts"
    if not first.islower():
        # A name, then a count noun, a plural or a verb: "said it's Flyer Force unit", "said it's U.S. sales";
        # "said it's Christmas Day" names a day.
        k = 0
        while k < min(len(tokens), 5) and not tokens[k][1] and (
                (not tokens[k][0].islower() and tokens[k][0] != "I"
                 and not tokens[k][0].endswith(("'s", "’s")) and tokens[k][0].lower() not in lexicon.CLOSED)
                # "and" inside a name: "said it's Textiles and Supplies unit"
                or (tokens[k][0] == "and" and 0 < k < len(tokens) - 1 and not tokens[k + 1][0].islower())):
            k += 1
        if k == 0 or k >= len(tokens) or not tokens[k][0].islower():
            return False
        nxt = tokens[k][0]
        return nxt not in TIME_NOUNS and (_count_only(nxt) or _plural_noun(nxt) or nxt in FINITE_AUX
                                           or (_finite(nxt) and lexicon.PAST not in lexicon.classes(nxt)))
    c = _noun_classes(low)
    if not c or set(c) & set("adgrx"):
        return False
    # A noun alone before the clause ends may be a mass noun's predicate ("said it's war."); before more
    # of its phrase or a verb it is a subject ("said it's directors approved", "said it's unit in Ohio").
    if punct or len(tokens) < 2 or not tokens[1][0].islower():
        return False
    nxt = tokens[1][0]
    # A mass noun may take a phrase as a predicate ("said it's madness to wait", "it's bedlam in the
    # kitchen"); a count noun or a plural may not, and a verb after any noun shows a subject.
    return (_finite(nxt) or (_noun(nxt) and nxt not in lexicon.CLOSED)
            or ((_count_only(low) or lexicon.PLURAL in c) and nxt in lexicon.PREPOSITIONS))


def _participle_np(tokens: list[tuple[str, str]]) -> bool:
    """A participle, an adjective and a noun: "it's alleged nuclear programme"; "it's alleged that"
    and "it's estimated 40 pct" are clauses."""
    if len(tokens) < 3 or tokens[0][1] or tokens[1][1] or not all(t[0].islower() for t in tokens[:3]):
        return False
    c0, c1, c2 = (_noun_classes(t[0]) for t in tokens[:3])
    return (c0 == lexicon.PAST and lexicon.ADJ in c1 and tokens[1][0] not in lexicon.CLOSED
            and bool(set(c2) & set("np")) and tokens[2][0] not in lexicon.CLOSED)


def _all_plural(tokens: list[tuple[str, str]]) -> bool:
    """Modifiers and then a plural noun that ends the phrase: "electric power requirements."."""
    for word, punct in tokens[:5]:
        if not word.islower() or word in lexicon.CLOSED:
            return False
        c = _noun_classes(word)
        if _plural_noun(word) and (punct or not set(_noun_classes(word)) & set("vs")):
            return True
        if punct or not set(c) & set("nadg"):
            return False
    return False


def _np_start(tokens: list[tuple[str, str]]) -> bool:
    """The words open a noun phrase: a noun, number, name or compound, or a modifier (adjective,
    participle, adverb, ordinal) that goes on to one ("previously announced plan", "remaining 50,000
    acres"). After a verb that takes an object, "it's" before one is the possessive."""
    if not tokens:
        return False
    first, punct = tokens[0]
    low = first.lower()
    if first[0].isdigit() or first[0] in "£$€" or low in NUMBER_WORDS or (not first.islower() and first != "I"):
        return True
    if low in lexicon.CLOSED or low in CONTRACTION_WORDS:
        return False
    c = _noun_classes(low)
    nxt = tokens[1][0] if len(tokens) > 1 and not punct else None
    if not c and low.isalpha() and len(low) >= 3:
        return True  # a word the lexicon lacks, in an object's place: "marketing it's raunch"
    if "-" in low or (set(c) & set("np") and not set(c) & set("dg")):
        return True  # "its forecast", "its put"
    if set(c) & set("np"):
        # Also a verb form ("funding", "spread"): a noun unless an object follows ("it's signed a", "it's selling the").
        return nxt is None or not (nxt in lexicon.DETERMINERS or nxt in lexicon.PRONOUNS or nxt == "not"
                                   or (lexicon.classes(nxt) == lexicon.ADV and nxt not in lexicon.PREPOSITIONS))
    if lexicon.ING in c and (punct or (nxt in lexicon.PREPOSITIONS and nxt not in ("to", "up", "out", "down", "off", "on"))):
        return True  # a gerund: "increase it's programming by four"
    if nxt is None or not (set(c) & set("adgr") or low in MODIFIER_OK or low in ORDINALS):
        return False
    if nxt[0].isdigit() or nxt[0] in "£$€" or not nxt.islower():
        return nxt != "I"
    if nxt in lexicon.CLOSED:
        return False
    c2 = _noun_classes(nxt)
    # "its proposed buyout", "its most serious cuts", "its next trading statement", "its previously announced plan"
    return bool(set(c2) & set("npg")) or (bool(set(c2) & set("ad"))
                                          and (lexicon.ADV not in c or low in MODIFIER_OK or low in ORDINALS or c == "r"))


def _possessive_its(before: str | None, after: str | None, after2: str | None, before2: str | None = None,
                    after3: str | None = None, tokens: list[tuple[str, str]] | None = None) -> bool:
    """True when "it's" stands where the possessive "its" belongs."""
    if after is None:
        return False
    a = after.lower()
    if a == "own":
        return True
    b = before.lower() if before else None
    if (a == "way" and after2 in ROUTE_PREPOSITIONS and b and b not in REPORTING_VERBS | OPINION_VERBS and b not in lexicon.CLOSED
            and set(_verb_classes(b)) & set("vsdg")):
        return True  # "finds it's way into": the noun of a route; the adverb goes on a degree ("it's way past", "it's way too")
    if b in POSSESSIVE_BEFORE and a not in ("a", "an", "the", "not", "been"):
        if b != "all" or _plural_noun(a) or _all_plural(tokens or []):
            return True  # "all it's assets", "all it's electric power requirements"; "all it's doing"
    if _ORDINAL.match(a) and after2 and after2.islower():
        return True  # "it's 50th year"
    if (b in OBJECT_PARTICLES and before2 and before2.islower() and before2 not in CLAUSE_VERBS
            and set(lexicon.classes(before2)) & set("vsdg") and before2 not in lexicon.CLOSED
            and (a[0].isdigit() or a[0] in "£$€" or _joined_np(after, after2) or _np_start(tokens or []))):
        return True  # "clean up it's prisons", "stepped up it's funding pledges"
    if b in REPORTING_VERBS and _reported_np(tokens or []):
        return True  # "Acme said it's Flyer unit", "the bank said it's auditor": a report's subject
    if b in ("since", "until", "till", "than") and _joined_np(after, after2):
        return True  # "since it's inception", "than it's rival": "since it is inception" is no English
    if b in TIME_SUBORDINATORS and _joined_np(after, after2) and not (after.islower() and gradable(a)):
        # "after it's second reading", "as it's nearest rival"; a quality is the predicate of "it is"
        # ("before it's dark outside", "as it's cold weather").
        return True
    if (b and before2 and b.endswith("ly") and lexicon.classes(b) == lexicon.ADV and before2.islower()
            and _verb_classes(before2) and not _verb_classes(before2).strip("vsdg") and before2 not in CLAUSE_VERBS
            and after.islower() and a not in lexicon.CLOSED and _np_start(tokens)
            and (_joined_np(after, after2) or (_noun_classes(a) and not _noun_classes(a).strip("npv")))):
        return True  # "to liberalize fully it's rice market": an adverb between a verb and its object
    if b and _object_verb(b, before2) and (not after.islower() or a not in lexicon.CLOSED) and _np_start(tokens):
        return True  # "cut it's forecast", "surpassed it's US takings", "lowered it's posted price"
    if (b in ("and", "or") and before2 and (_noun(before2.lower()) or not before2.islower() or before2 in OBJECTS)
            and (_joined_np(after, after2) or _participle_np(tokens or []))):
        return True  # "the company and it's finances", "the bank and it's chief executive"
    if a[0].isdigit():
        return False
    if not after.islower():
        return False
    if a in POSSESSIVE_OPENERS and after2 and after2[0].islower() and after2 not in CLAUSE_CUES:
        return True
    if a in BARE_NOUNS or a in lexicon.CLOSED:
        return False
    if (_plural_noun(a) and after2 is not None and after2.lower() not in CLEFT and after2.lower() not in ADVERB_CUES
            and (after2.lower() in lexicon.CLOSED or lexicon.ADV not in lexicon.classes(after2.lower())
                 or set(lexicon.classes(after2.lower())) & set("npvsd"))):  # "it's members only", "it's flats now"
        return True  # "it's shares fell": "it is shares" is no English
    low2 = after2.lower() if after2 else None
    if (low2 and after2.islower() and set(lexicon.classes(a)) & set("na") and a not in BARE_NOUNS
            and not ((a in CLAUSE_VERBS or a in THAT_PARTICIPLES) and lexicon.PAST in lexicon.classes(a))  # "it's thought inflation will"
            and not lexicon.classes(low2).strip("np") and lexicon.classes(low2) and _finite(after3)):
        return True  # "it's chief executive has said": a noun phrase, then its verb
    if (after2 and after2[0].isupper() and after2 != "I" and not set(lexicon.classes(a)).difference("nv")
            and _count_noun(a, loose=True) and after3 is not None and not after3.islower()):
        return True  # a title and a two-word name: "it's chairman John Smith", "it's star Jane Doe"
    if (_count_noun(a) and b in CLAUSE_VERBS and after2 is not None
            and (not after2.islower() or after2.lower() not in CLEFT | {"of", "to", "for"})):
        return True  # "said it's auditor", "it's approval was": "it is" takes no bare singular count noun
    c = lexicon.classes(a)
    if not c or c.strip("npv"):
        return False  # unknown, or also an adjective, adverb or participle ("it's fine", "it's run by")
    if _headed_by_preposition(a, c, tokens or []):
        return True  # "it's decision on", "it's withdrawal from": "it is" takes few nouns bare
    return len(a) >= 3 and _finite(after2)  # a noun then a finite verb: "it's removal was ordered"


# Adjective endings of words the lexicon may list as nouns only ("compatible", "preliminary", "elective").
NOUN_ADJECTIVE_ENDINGS = ("ary", "ive", "ic", "ish", "less", "ant", "ile")
# Verbs of seeming before "like": "it looks like its happening" is "it's".
LOOK_VERBS = frozenset("look looks looked looking seem seems seemed sound sounds sounded feel feels felt".split())
# After "it's", modifiers and a noun, then a comma and a two-word name: "said it's new subsidiary, Acme Oil".
_APPOSITION = re.compile(r"[ \t]+((?:[a-z][\w-]*[ \t]+){0,3}[a-z][\w-]*),[ \t]+[A-Z][\w&.-]*[ \t]+[A-Z]")


def _reported_apposition(text: str, end: int) -> bool:
    """After a reporting verb, "it's", a count noun and a name set off by a comma ("said it's
    subsidiary, Acme Oil Corp, signed"): "it is" takes no bare count noun, so the name is the
    possessive's apposition. A mass noun there is a predicate ("said it's war, Jane Doe said")."""
    m = _APPOSITION.match(text, end)
    if m is None:
        return False
    words = m.group(1).split()
    head = words[-1]
    if not _count_only(head) or head in TIME_NOUNS or head.endswith(ADJECTIVE_SUFFIXES) or lexicon.bare_complement(head):
        return False
    # Modifiers only: an adjective, participle or noun, no function word ("said it's up to, ...").
    # "and" may join two modifiers: "said it's exploration and production subsidiary, Acme Oil".
    return all((w == "and" and 0 < k < len(words) - 2) or (w not in lexicon.CLOSED and w not in CONTRACTION_WORDS
                                                          and set(_noun_classes(w)) & set("nadg"))
               for k, w in enumerate(words[:-1]))


# Prepositions that open a noun's complement or modifier: "it's decision on", "it's stake in".
HEAD_PREPOSITIONS = frozenset("of to for on in from with over against between by at about into towards".split())
# Words after the phrase that make a cleft of it: "it's pressure from investors that counts".
CLEFT_CUES = frozenset("that who which whom whose".split())


def _headed_by_preposition(word: str, c: str, tokens: list[tuple[str, str]]) -> bool:
    """A singular noun, then a preposition: "it is" takes a noun bare only as a mass noun, an
    abstraction or an idiom's ("it's war on", "it's time for", "it's evidence of"), which
    rules/bare_complements.txt lists; any other noun there is the possessive's head."""
    if c not in ("n", "nv") or len(word) < 4 or word in BARE_NOUNS or word in TIME_NOUNS:
        return False
    if word.endswith(ADJECTIVE_SUFFIXES + NOUN_ADJECTIVE_ENDINGS) or (word.endswith("ent") and not word.endswith("ment")):
        return False  # an adjective the lexicon has only as a noun: "it's compatible with", "it's dependent on"
    if len(tokens) < 3 or tokens[0][1] or tokens[1][1]:
        return False  # the preposition must go on to its object
    if tokens[1][0] == "and" and tokens[2][0] in ("the", "its", "their"):
        return not lexicon.bare_complement(word)  # "it's board and the board of X": two subjects joined
    if tokens[1][0] not in HEAD_PREPOSITIONS:
        return False
    if tokens[2][0].lower() == word:
        return False  # "it's face to face", "it's step by step": a noun repeated is an idiom
    if any(t[0].lower() in CLEFT_CUES for t in tokens[2:]):
        return False
    return not lexicon.bare_complement(word)


# A word may carry a possessive ("the company's", "consumers'"), which goes on the noun phrase.
_TOKEN_AFTER = re.compile(r"[ \t]+" + _Q_OPEN + r"((?:[A-Z]\.){2,}|" + _WORD + r"(?:['’]s\b|(?<=s)['’](?=[ \t]))?|[£$€]?\d[\d.,]*\w*%?)"
                          + _Q_CLOSE + r"((?:(?<!\.)[,.;:!?)])?)")
# Words of POSSESSIVE_OK that may open a bare subject: "it's other brands include", "it's five branches will".
NP_OPENERS = frozenset("own other former two three four five six most best latest next last first".split())
# Prepositions that may carry a noun phrase on inside a subject: "it's five branches in Oregon will".
NP_PREPOSITIONS = frozenset("of in on at for from with".split())


def _tokens_after(text: str, pos: int, limit: int = 6) -> list[tuple[str, str]]:
    """Up to `limit` words after an offset on the same line, each with the punctuation just after it."""
    out = []
    while len(out) < limit:
        m = _TOKEN_AFTER.match(text, pos)
        if m is None:
            break
        out.append((m.group(1), m.group(2)))
        pos = m.end()
        if m.group(2):
            break  # a phrase ends at punctuation
        acronym = _ACRONYM.match(text, pos)
        if acronym:
            pos = acronym.end()  # "its purchasing index (PMI) fell": the bracketed short form is passed over
    return out


_ACRONYM = re.compile(r"[ \t]+\([A-Z]{2,6}\)(?=[ \t])")


def _np_word(word: str) -> bool:
    """A word that can stand inside a noun phrase without a determiner: noun, adjective, name, number."""
    if word[0].isdigit() or word[0] in "£$€" or word in NUMBER_WORDS:
        return True
    if not word.islower():
        return True
    if word in lexicon.CLOSED or word in BARE_NOUNS:
        return False
    if "-" in word:
        return True
    return bool(set(_noun_classes(word)) & set("npag"))


def _np_then_finite(tokens: list[tuple[str, str]]) -> bool:
    """A bare noun phrase and then its finite verb ("it's December sales are", "it's printer ink
    cartridges were"): "it is" never takes a determiner-less noun phrase that goes on to a verb."""
    if not tokens:
        return False
    first = tokens[0][0].lower()
    if first in INTENSIFIERS or first in ADVERB_CUES or first in CONTRACTION_WORDS or first in POSSESSIVE_OK - NP_OPENERS:
        return False
    if (first in CLAUSE_VERBS or first in THAT_PARTICIPLES) and lexicon.PAST in lexicon.classes(first):
        return False  # "it's expected profit will rise", "it's thought inflation will": "it is", "that" left out
    preposition = False
    last = 0  # where the noun phrase's last word is, so an adverb before the verb is passed over
    head_at = None  # the noun phrase's head, before a prepositional phrase
    units: set[int] = set()
    for i, (word, punct) in enumerate(tokens[:8]):
        low = word.lower()
        if word.endswith(("'s", "’s", "s'", "s’")) and len(word) > 2:
            base = word[:-2] if word[-1] == "s" else word[:-1]
            if punct or not _np_word(base if base.isupper() or not base.islower() else base.lower()):
                return False
            continue  # a possessive goes on the noun phrase: "it's consumers' debts were", "it's parent's shares"
        if (i >= 1 and not punct and lexicon.ADV in lexicon.classes(low) and not lexicon.classes(low).strip("nr")
                and low not in lexicon.CLOSED and i + 1 < len(tokens) and _noun(tokens[i - 1][0].lower())
                and (_finite(tokens[i + 1][0]) or (_plural_noun(tokens[i - 1][0].lower())
                                                   and lexicon.classes(tokens[i + 1][0]) == lexicon.VERB))):
            continue  # an adverb before the verb: "it's members overwhelmingly approved"
        if preposition and low in ("the", "a", "an") and tokens[i - 1][0].lower() in NP_PREPOSITIONS and not punct:
            continue  # "it's approval of the aid took"
        nxt_word = tokens[i + 1][0] if i + 1 < len(tokens) and not punct else ""
        verb_here = (_finite(low) or (_plural_noun(tokens[last][0].lower()) and lexicon.classes(low) == lexicon.VERB)
                     # "profits fall 15%", "sales sink by": a base form with a figure or "by" after a plural
                     or (_plural_noun(tokens[last][0].lower()) and lexicon.VERB in lexicon.classes(low)
                         and (nxt_word[:1].isdigit() or nxt_word in ("by", "sharply")))
                     # "rival accused it": a past form with its object
                     or (lexicon.PAST in lexicon.classes(low) and lexicon.PLURAL not in lexicon.classes(low)
                         and (nxt_word in lexicon.OBJECT_PRONOUNS - {"her"} or (lexicon.NOUN not in lexicon.classes(low) and (
                             nxt_word in ("the", "a", "an") or nxt_word[:1].isdigit())))))
        if i >= 1 and word.islower() and verb_here:
            prev = tokens[last][0].lower()
            # The phrase must end in a noun and hold at least one lowercase noun ("its sales").
            # An -ing form there is a verb as often as a noun ("it's being sold", "all it's doing is").
            # A name may end it when the phrase has more than one word: "it's Flyer Force unit said".
            if head_at is not None:
                last = head_at  # "it's ownership of Clearstream was": the head is before the preposition
                prev = tokens[last][0].lower()
            head, opener = tokens[last][0], tokens[0][0]
            if not head.islower():
                # A title word may open it ("it's subsidiary Acme Corp said"), an adjective not ("it's clear Acme wants").
                return (last >= 1 and head != "I" and opener.lower() not in lexicon.CLOSED
                        and (not opener.islower() or lexicon.count_only(opener)))
            before_head = tokens[last - 1][0] if last > 0 else ""
            return (_noun(prev) and (lexicon.ING not in lexicon.classes(prev) or (last > 0 and (
                        not before_head.islower() or not lexicon.classes(before_head).strip("np"))))
                    and (last == 0 or prev not in BARE_NOUNS))
        to_np = (low == "to" and i + 1 < len(tokens) and _np_word(tokens[i + 1][0])
                 and lexicon.VERB not in lexicon.classes(tokens[i + 1][0]))  # "it's advice to customers is"
        if (i >= 1 and (low in NP_PREPOSITIONS or to_np) and not preposition and not punct
                and ((_noun(tokens[i - 1][0].lower()) and tokens[i - 1][0].islower())
                     or (not tokens[i - 1][0].islower() and tokens[i - 1][0] != "I"))):
            preposition = True  # one prepositional phrase inside the subject
            head_at = last
            continue
        if (low == "and" and i >= 1 and i + 1 < len(tokens) and not tokens[i - 1][0].islower()
                and not tokens[i + 1][0].islower() and not tokens[i - 1][1]):
            continue  # a name with "and" in it: "its Health and Fitness unit"
        if (low == "and" and i >= 1 and i + 1 < len(tokens) and not tokens[i - 1][1] and _plural_noun(tokens[i - 1][0])
                and _plural_noun(tokens[i + 1][0])):
            continue  # "it's graphics and mechanics are"
        if i == 0 and low in BARE_NOUNS and len(tokens) > 1 and not punct and (
                tokens[1][0] in FINITE_AUX or tokens[1][0] in FINITE_VERBS):
            continue  # "it's money is used": "it is money is" is no English
        if (i >= 1 and word.islower() and not lexicon.classes(low) and len(low) <= 4 and not punct
                and (tokens[i - 1][0][0].isdigit() or tokens[i - 1][0] in NUMBER_WORDS or i - 1 in units)):
            units.add(i)
            continue  # a unit after a number: "it's 55 mln dlr loan provision is"
        if punct or not _np_word(word):
            return False
        if word.islower() and lexicon.classes(low) and not set(lexicon.classes(low)) & set("npag"):
            return False
        last = i
    return False


# Interjections the lexicon lists as nouns: "it's goodbye to", "it's thanks to".
INTERJECTIONS = frozenset("goodbye farewell hello bye cheers welcome thanks".split())
# Endings of adjectives the lexicon may list as nouns only ("compatible").
ADJECTIVE_SUFFIXES = ("ible", "able", "ous", "ful")
# Function words that end a bare noun phrase and go on with it: "it's role in", "it's launch but".
AFTER_HEAD = frozenset("and but or to that who which".split())


# Nouns of time that stand bare after a name: "it's Budget day", "it's derby week".
TIME_NOUNS = frozenset("day week weekend night morning afternoon evening month year season fortnight hour".split())
# Words of POSSESSIVE_OK that may go on to a noun inside a bare noun phrase: "it's best known brand".
MODIFIER_OK = frozenset("best worst most least latest former other next last first own".split())


def _bare_count_np(tokens: list[tuple[str, str]]) -> bool:
    """A noun phrase with no determiner whose head is a singular count noun ("it's role in", "it's
    new president,", "it's Mangala field, thought", "it's 55 pct stake in"): "it is" cannot take
    one ("it is role" is no English), so "it's" stands for the possessive. Mass nouns ("it's war",
    "it's fun"), plurals and a name's title ("it's England captain John Smith") are judged elsewhere."""
    i, n, number, named = 0, len(tokens), False, False
    while i < min(n, 3) and not tokens[i][1]:  # names and numbers that open it: "it's Flyer Force unit"
        word = tokens[i][0]
        if word[0].isdigit():
            number = True
        elif word[0].isalpha() and not word.islower() and word != "I" and word.lower() not in lexicon.CLOSED \
                and word[-1] not in "'’" and not word.endswith(("'s", "’s")):
            named = True
        else:
            break
        i += 1
    if i == n or not tokens[i][0].islower():
        return False
    for j in range(i, min(n, i + 5)):
        word, punct = tokens[j]
        if not word.islower() or not word[0].isalpha() or word[-1] in "'’":
            return False  # a name, a number or a possessive: other evidence decides
        if (word == "only" and j == i and not punct and j + 1 < n and _count_only(tokens[j + 1][0])
                and tokens[j + 1][0] not in TIME_NOUNS and not lexicon.bare_complement(tokens[j + 1][0])):
            continue  # "it's only supplier": "it is only" takes an adjective or an article, not a bare count noun
        if word in lexicon.CLOSED or word in BARE_NOUNS or word in CONTRACTION_WORDS or word in INTENSIFIERS \
                or word in ADVERB_CUES or (word in POSSESSIVE_OK and word not in MODIFIER_OK) or word in INTERJECTIONS:
            return False
        c = _noun_classes(word)
        if j == i and ((lexicon.ING in c and lexicon.ADJ not in c) or (lexicon.PAST in c and lexicon.ADJ not in c)):
            return False  # "it's taking place", "it's reached breaking point", "it's hit 10%": a verb comes first
        nxt = tokens[j + 1][0] if j + 1 < n and not punct else None
        after_name = nxt is not None and not nxt.islower() and nxt[0].isalpha() and nxt != "I"
        # ", John Smith," after the head: an apposition names it.
        apposition = (punct == "," and j + 2 < n and tokens[j + 1][0][:1].isupper() and not tokens[j + 1][1]
                      and tokens[j + 2][0][:1].isupper() and tokens[j + 1][0] != "I")
        # An adjective that is also a noun heads the phrase after a participle, a noun or a name
        # ("it's wholly owned subsidiary,", "it's Swiss subsidiary,"), not after an adverb ("it's fully automatic").
        modified = (j > i and set(_noun_classes(tokens[j - 1][0])) & set("dn")
                    and not set(_noun_classes(tokens[j - 1][0])) & set("ar")) or (j == i and named)
        if (_count_only(word) and not word.endswith(ADJECTIVE_SUFFIXES) and word not in TIME_NOUNS
                and "r" not in c and ("a" not in c or (after_name and not named) or modified or apposition)
                and (nxt is None or not (nxt.islower() and nxt[0].isalpha() and nxt not in lexicon.CLOSED
                                         and (set(_noun_classes(nxt)) & set("np") or "-" in nxt)))):
            # The head: what follows must end the noun phrase, not turn it into an idiom.
            if nxt is None:
                return bool(punct) or j > i or apposition
            low = nxt.lower()
            if low == "of" and j == i + 1 and tokens[i][0] == "only":
                return True  # "it's only supplier of": no idiom has "only" before its noun
            if not nxt[0].isalpha() or low in ("of", "over", "out", "up", "down", "off"):
                return False  # "it's round one", "it's end of story", "it's game over"
            if after_name:
                # A title and a two-word name: "it's chairman John Smith"; "it's England captain John Smith"
                # may be a cleft, and "it's carnival Sunday" names a day.
                two = j + 2 < n and not tokens[j + 1][1] and tokens[j + 2][0][:1].isupper()
                return not named and two
            if (low in lexicon.PREPOSITIONS or low in AFTER_HEAD) and (lexicon.bare_complement(word) or (
                    j == i and j + 2 < n and not tokens[j + 1][1] and tokens[j + 2][0].lower() == word)):
                return False  # an idiom's noun ("it's testament to") or a noun repeated ("it's step by step")
            if low in lexicon.PREPOSITIONS or low in AFTER_HEAD:
                return True  # "it's role in", "it's leader and"
            if low in FINITE_AUX or (_finite(low) and "d" not in lexicon.classes(low)):
                return True  # "it's board says"
            # A past form is the verb when an object follows ("it's unit acquired three papers"); "job done" is an idiom.
            return (lexicon.PAST in lexicon.classes(low) and lexicon.NOUN not in lexicon.classes(low)
                    and j + 2 < n and not tokens[j + 1][1] and (tokens[j + 2][0][0].isdigit() or tokens[j + 2][0] in lexicon.DETERMINERS))
        if number and not c and len(word) <= 4:
            continue  # a unit after a number: "it's 55 pct stake"
        if c == lexicon.ADV and nxt and set(_noun_classes(nxt)) & set("da") and not punct:
            continue  # an adverb inside the phrase: "it's wholly owned subsidiary"
        if not (set(c) & set("nadg") or "-" in word or word in MODIFIER_OK):
            return False  # not a modifier: the phrase is something else
    return False


def _joined_np(after: str, after2: str | None) -> bool:
    """After "X and it's": a noun phrase that "it is" cannot take without a determiner."""
    a = after.lower()
    if "-" in a and a.islower():
        head = a.rsplit("-", 1)[1] or a  # "it's vice-president": the compound's head
        if a.endswith("s") and len(head) > 2 and not lexicon.classes(head) and set(lexicon.classes(head[:-1])) & set("ar"):
            return True  # "it's spin-offs", "it's buy-outs": a compound noun's plural
        a = after = head
    low2 = after2.lower() if after2 and after2.islower() else None
    # A second word that goes on the noun phrase: a noun, or an adjective ("it's two main rivals").
    c2 = _noun_classes(low2) if low2 and low2 not in lexicon.CLOSED and low2 not in BARE_NOUNS else ""
    if not after.islower() or a[0].isdigit():
        return bool(set(c2) & set("np")) or (a[0].isdigit() and "a" in c2)  # "it's British unit", "it's 55 pct stake"
    if a in lexicon.CLOSED or a in BARE_NOUNS or a in CONTRACTION_WORDS:
        return False
    c = lexicon.classes(a)
    if c and not c.strip("npvs"):
        # A noun and nothing else ("it's role", "it's finances"), and a count noun: "it's chaos",
        # "it's fun" (mass nouns, which "it is" takes bare) have no plural.
        return (lexicon.PLURAL in c or _count_only(a)
                or any(lexicon.PLURAL in lexicon.classes(f) for f in (a + "s", a + "es", a[:-1] + "ies"))
                or (a.endswith("s") and lexicon.VERB_S in c))  # "it's finances": a noun only in the plural
    # An adjective or an -ing form, then a noun: "it's economic impact", "it's banking sector".
    return (bool(c) and "d" not in c and ("r" not in c or "a" in c) and bool(set(c) & set("ag"))
            and bool(set(c2) & set("np")))


def _modifier(word: str) -> bool:
    """A word that may open a noun phrase before its noun: an adjective, participle, ordinal or "most"."""
    return word in ("most", "best") or word in ORDINALS or bool(set(lexicon.classes(word)) & set("adg"))


def _modified_noun(word: str, then: str | None) -> bool:
    """The rest of a noun phrase: a name ("desktop PC"), a noun, or an adjective and a noun ("most serious cuts")."""
    if not word.islower():
        return True
    if word in lexicon.CLOSED:
        return False
    c = lexicon.classes(word)
    if set(c) & set("np"):
        return True
    return "a" in c and then is not None and (_noun(then.lower()) or not then.islower())


def _count_noun(word: str, loose: bool = False) -> bool:
    """A singular noun and nothing else (loose: or a verb too), with a plural in the lexicon: "board", "auditor"."""
    c = lexicon.classes(word)
    return ((c == lexicon.NOUN or loose and c == "nv") and len(word) >= 4 and word not in BARE_NOUNS
            and any(lexicon.PLURAL in lexicon.classes(f) for f in (word + "s", word + "es", word[:-1] + "ies")))


def _finite(word: str | None) -> bool:
    """A finite verb: "was", "has", or a past or -s form that is no noun or adjective ("voted")."""
    if word is None or not word.islower():
        return False
    if word in FINITE_VERBS:
        return True
    c = lexicon.classes(word)
    return bool(c) and bool(set(c) & set("sd")) and not set(c) & set("npagr")


VERB_OPENERS = frozenset(
    "to will would could should can must may might is are was were be been being has have had which who that and".split()
)
AUXILIARIES = frozenset("has have had having is are was were be been being".split())


# Objects that "and it's" may follow: "for itself and it's unit".
OBJECTS = frozenset("itself themselves them him her us".split())
# After these the next word is a verb's base form: "to close", "will lower".
INFINITIVE_MARKERS = frozenset("to will would could should can cannot must may might shall".split())
# Particles of phrasal verbs that take an object: "clean up it's", "buy out it's", "cut back it's".
OBJECT_PARTICLES = frozenset("up out down back over away around aside".split())


def _object_verb(word: str, before: str | None) -> bool:
    """A verb form that takes an object but no clause ("raised", "cut"), so "it's" after it is "its"."""
    if word in lexicon.CLOSED or word in CLAUSE_VERBS or not word.isalpha():
        return False
    if word in ("had", "has", "have", "having"):
        return True  # "has had it's opening": "had it is" is no English
    c = _verb_classes(word)
    if before and before.lower() == "than" and lexicon.VERB_S in c and "x" not in c:
        return True  # "more than doubles it's": after "more than" an -s form is the verb
    if before and before.lower() in INFINITIVE_MARKERS and lexicon.VERB in c and "x" not in c:
        return True  # "to close it's", "will lower it's": after "to" or a modal the word is a verb
    if before and before.lower() in AUXILIARIES and set(c) & set("dg") and "x" not in c:
        return True  # "has left it's", "is sending it's": a participle after an auxiliary
    if not c or "x" in c or "r" in c or not set(c) & set("vsdg"):
        return False
    if set(c) & set("npa"):
        # Also a noun or adjective ("the plan it's drafting"): a verb only after a subject, a name,
        # an auxiliary, a relative pronoun or "to" ("Airlines saw it's", "is funding it's").
        if lexicon.ING in c and before and before.lower() in lexicon.PREPOSITIONS:
            return True  # "of increasing it's", "by selling it's": a gerund takes an object
        if c == "ng" and (before is None or (before.lower() not in lexicon.DETERMINERS
                                              and not set(lexicon.classes(before.lower())) & set("a"))):
            return True  # an -ing form not after a determiner or adjective is the verb: "estimates, taking it's total"
        if not before:
            return False
        low = before.lower()
        cb = lexicon.classes(low)
        return (low in lexicon.PRONOUNS or low in VERB_OPENERS or (before[0].isupper() and low not in lexicon.CLOSED)
                or (lexicon.ADV in cb and not set(cb) & set("av")))  # "to also float it's", "will soon sell it's", "now turn it's"
    return True


def _verb_takes_its(word: str) -> bool:
    """A verb before "its" that takes an object and no clause ("increasing its"), so "its" is possessive."""
    if word in CLAUSE_VERBS or word in lexicon.CLOSED or word in FINITE_AUX:
        return False
    c = lexicon.classes(word)
    return bool(set(c) & set("vsdg")) and not set(c) & set("xnpr")


# Endings that make a noun of a word the lexicon lacks: "distributor", "reincorporation".
NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ist", "or")
VERB_PREFIXES = ("re", "de", "un", "dis", "mis", "out", "over", "under", "pre", "co")


def _noun_classes(word: str) -> str:
    """A word's classes, or for a closed compound the lexicon lacks, its head noun's ("warships"),
    or for a word with a noun's ending, a noun's ("distributor")."""
    c = lexicon.classes(word)
    if c:
        return c
    head = lexicon.compound_head(word)
    if head:
        return "".join(x for x in lexicon.classes(head) if x in "np")
    if len(word) > 5 and word.isalpha() and word.endswith(NOUN_SUFFIXES):
        return lexicon.NOUN
    if len(word) > 4 and word.endswith("s") and set(lexicon.classes(word[:-1])) & set("ng"):
        return lexicon.PLURAL  # "wranglings", "spin-offs": a plural the lexicon lacks
    if len(word) > 6 and word.isalpha() and word.endswith(tuple(x + "s" for x in NOUN_SUFFIXES)):
        return lexicon.PLURAL
    return ""


def _verb_classes(word: str) -> str:
    """A word's classes, or for a prefixed verb the lexicon lacks, its stem's ("relaunch", "delist")."""
    c = lexicon.classes(word)
    if c or not word.isalpha():
        return c
    for prefix in VERB_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            stem = lexicon.classes(word[len(prefix):])
            if set(stem) & set("vsdg"):
                return stem
    return ""


def _count_only(word: str) -> bool:
    """A count-only singular noun, a closed compound's by its head ("warship")."""
    return lexicon.count_only(word) or (not lexicon.classes(word) and lexicon.count_only(lexicon.compound_head(word)))


def _noun(word: str) -> bool:
    return bool(set(_noun_classes(word)) & set("np"))


def _adjective_only(word: str) -> bool:
    """An adjective that is no noun: "it's tougher" after a verb is "it is"."""
    c = lexicon.classes(word)
    return "a" in c and not set(c) & set("np")


def _plural_noun(word: str) -> bool:
    """A plural noun ("it's faults"): "it is faults" is no English, a verb -s form aside."""
    c = _noun_classes(word)
    return lexicon.PLURAL in c and word.endswith("s") and not c.strip("nps") and word not in BARE_NOUNS


# Endings that make an adjective of a word the lexicon also lists as a noun ("necessary",
# "possible", "lovely"): such words follow "it is" far more often than a possessive.
ADJECTIVE_ENDINGS = ("ary", "ible", "able", "ous", "ful", "ly", "ent")
# After a predicative adjective, words that end the adjective phrase or open a clause ("its tight but").
AFTER_PREDICATIVE = frozenset("but because so when if though although even now up here there too enough".split())
# What shows an adjective that is also a noun to be the adjective: an infinitive, a clause, a subject.
NOUN_ADJECTIVE_CUES = frozenset("to that whether how we i you they the for".split())
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten twenty fifty hundred half".split())
# Participles that follow "it has" far more than "is": "the success its had" is "it's had".
PERFECT_PARTICIPLES = frozenset("been got gotten had done gone".split())
# Adjectives that take an object like a preposition: "its worth a look" is "it is worth".
PREPOSITIONAL_ADJECTIVES = frozenset(("worth",))
# Degree words that go on an adverb or adjective, never a noun: "its pretty much true", "its still too early".
DEGREE = frozenset("too very so much quite pretty really".split())
# Words that end a clause after a verb -ing form: "its raining and", "its raining again".
AFTER_ING = frozenset("so because now again here there outside".split())


def _gradable(word: str) -> bool:
    """An adjective with a comparative form in the lexicon ("great", "greater"): a quality, not a thing."""
    forms = (word + "er", word + "r", word + word[-1] + "er") + ((word[:-1] + "ier",) if word.endswith("y") else ())
    return any(lexicon.ADJ in lexicon.classes(f) for f in forms)


def _predicative(word: str, c: str) -> bool:
    """An adjective that reads as a quality, though the lexicon may list it as a noun too."""
    if lexicon.ADJ not in c:
        return False
    if not set(c) & set("np"):
        return True
    return lexicon.VERB not in c and lexicon.ADV not in c and (_gradable(word) or word.endswith(ADJECTIVE_ENDINGS))


def _contraction_its(after: str, raw2: str | None, raw3: str | None, mark_after: str, mark2: str = "",
                     clause_start: bool = False) -> bool:
    """True when "its" stands where "it's" (it is / it has) belongs, judged by the words after it.

    A possessive "its" heads a noun phrase, which may open with an adverb, a participle or a
    gerund ("its previously announced offer", "its proposed buyout", "its shipping unit"), so only
    words that cannot open one count as evidence: a determiner, pronoun or preposition, a verb
    form or adverb followed by such a word, and a predicative adjective before a clause.
    """
    after2, after3 = raw2 and raw2.lower(), raw3 and raw3.lower()

    def closed2() -> bool:
        return bool(raw2) and raw2.islower() and after2 in lexicon.CLOSED

    def np3() -> bool:
        # A noun phrase goes on: a noun, adjective, participle, a name, a number or an unknown word.
        if raw3 is None:
            return True
        if not raw3.islower() or after3 in lexicon.CLOSED:
            return not raw3.islower()  # a name goes on; a function word or a determiner ends it ("its more likely the")
        c3 = lexicon.classes(after3)
        return not c3 or bool(set(c3) & set("npadg"))

    # An adverb that the lexicon also lists as an adjective ("often", "far") counts only before
    # an adjective that is no noun: "its often hard to", but "its daily low." is a noun phrase.
    adverb = (after in INTENSIFIERS or after == "very" or lexicon.classes(after) == lexicon.ADV
              or (lexicon.classes(after) == "ar" and bool(raw2) and not set(lexicon.classes(raw2.lower())) & set("np")))
    if mark_after == "" and after2 and raw2.islower() and adverb:
        # An adverb, then an adjective that ends the phrase: "its very hard.", "its quite scary.",
        # "its particularly important that"; "its very nature" and "its more efficient engines" go on.
        c2 = lexicon.classes(after2)
        c3 = lexicon.classes(after3) if raw3 is not None and raw3.islower() else ""
        # The phrase ends after the adjective: punctuation, a function word, an adverb or a verb form.
        # A dash or a bracket after the adjective (no word read) ends it too: "its really incredible -".
        ends = mark2 != "" or (raw3 is not None and raw3.islower() and (
            (after3 in lexicon.CLOSED and after3 not in lexicon.DETERMINERS - {"that"}) or c3 in ("r", "g")))
        if ("a" in c2 and after2 not in ("more", "less", "fewer", "much") and ends
                and not (after2.endswith("est") or after2 in POSSESSIVE_OK)):  # "did its very best."
            return True
        if (c2 == lexicon.ING or (c2 == "ng" and mark2 != "")) and ends:
            return True  # "its extremely frustrating when", "its actually happening."
        if set(c2) & set("dg") and not set(c2) & set("np") and raw3 is not None and raw3.islower() and (
                after3 in lexicon.DETERMINERS or after3 in lexicon.PRONOUNS):
            return True  # "its really deserved this time": a verb with its object
        if lexicon.classes(after) == lexicon.ADV and after2 in DEGREE:
            return True  # "its obviously too late"
    if (mark_after == "" and lexicon.classes(after) == lexicon.ADV and raw2 in CALENDAR_NAMES
            and (raw3 is None or mark2 != "" or raw3 in lexicon.CLOSED)):
        return True  # "its already December in the market": an adverb and a day's name, "it is"
    if mark_after == "" and after in ("only", "much") and raw2 and raw2.islower() and (
            after2 in DEGREE or after2 in lexicon.CLOSED and after2 not in ("one", "own")):
        return True  # "its only a matter of time", "its only when", "its much too late"
    if after in INTENSIFIERS and mark_after == "" and after2 in DEGREE:
        return True  # "its pretty much true"
    if (after == "up" and after2 == "to" and mark_after == "" and raw3 and not raw3[0].isdigit()
            and raw3.lower().split("-")[0] not in NUMBER_WORDS):
        return True  # "its up to them": "its up to 50 mln dlr offer" is possessive
    if after in PREPOSITIONAL_ADJECTIVES and mark_after == "" and raw2 and (
            raw2[0].isdigit() or raw2[0] in "£$€" or after2 in ("a", "an")
            or (raw2.islower() and lexicon.ING in lexicon.classes(after2))):
        return True  # "its worth a look", "its worth 150 dlrs", "its worth asking"
    if after == "part" and mark_after == "" and (after2 == "of" and after3 in ("a", "an", "what")
                                                 or after2 == "and" and after3 == "parcel"):
        return True  # "its part of a trend", "its part and parcel": a share, uncounted, after "it is"
    if after in PREPOSITIONAL_ADJECTIVES and mark_after == "" and after2 in ("more", "less", "much", "every"):
        return True  # "its worth more": worth takes a measure
    if after == "one" and after2 == "of":
        return True  # "its one of the best": a possessive is never followed by "one of"
    if after == "very" and mark_after == "" and after2:
        # "its very nature" is possessive; "its very loud" is "it is".
        c2 = lexicon.classes(after2)
        return "a" in c2 and not set(c2) & set("np")
    if after in POSSESSIVE_OK or after in ORDINALS or after in FINITE_AUX or after in NOT_EVIDENCE:
        return False  # "its is", "its its", "its and": a stray word, not a contraction
    if after in INTENSIFIERS and mark_after == "" and after2:
        # "its more efficient engines" is possessive; "its more difficult for us" is not.
        c2 = lexicon.classes(after2)
        return ("a" in c2 or "r" in c2) and raw3 is not None and not np3()
    if after in ADVERB_CUES:
        # "its now infamous poster" is possessive; "its now clear that" and "its still early." are not.
        return mark_after != "" or closed2() or after2 in DEGREE or (raw3 is not None and not np3())
    if after in CONTRACTION_WORDS or after in lexicon.CLOSED:
        return True
    if lexicon.classes(after) == "vd" and mark_after == "":
        return True  # "its become", "its come": a participle that is no noun or modifier follows only "it has"
    if (lexicon.classes(after) == lexicon.PAST and mark_after == "" and raw2 and raw2.islower()
            and after2 in lexicon.PREPOSITIONS and after2 not in ("up", "out", "down", "off", "on", "in", "over")):
        return True  # "its expected of", "its owned by", "its said to be": a participle with its phrase, no noun
    if after == "time":
        # "it's time to go", "it's time we left", "it's time Congress acted"; "its time in office" is possessive.
        return (after2 in ("to", "for") or mark_after in (",", ".", "!")
                or (mark_after == "" and raw2 is not None and (after2 in lexicon.PRONOUNS - lexicon.OBJECT_PRONOUNS | {"we", "they", "you", "he", "she", "i", "the"}
                                                               or raw2[0].isupper() and raw2 not in ("I",))))
    c = lexicon.classes(after)
    if not c:
        return False  # unknown word: no evidence
    if (c == lexicon.NOUN and after.endswith("ible") and len(after) >= 8 and mark_after == ""
            and after2 in ("with", "to", "for", "of") and raw3 is not None):
        return True  # "its compatible with": an -ible adjective the lexicon has only as a noun ("a compatible")
    noun_like = lexicon.NOUN in c or lexicon.PLURAL in c
    if lexicon.ADJ in c and lexicon.VERB not in c and mark_after == "" and raw3 is not None:
        # An adjective's clause has a subject of its own ("its fundamental that we", "its unfortunate
        # that the"); a noun's "that" goes on to a verb ("its official that ran"). An infinitive tells
        # nothing: "its potential to grow" is a noun's.
        if after2 == "that" and (after3 in SUBJECTS or after3 in ("the", "a", "an", "this") or not raw3.islower()):
            return True
    if lexicon.ADJ in c:
        if noun_like and _gradable(after) and mark_after == "" and after2 in ("that", "how", "whether"):
            return True  # "its clear that", "its fine how": a quality and then a clause
        if (noun_like and not _predicative(after, c)) or after.endswith("est"):
            # "its fleet to", "its right to buy", "its economy that": noun phrases; "its amazing
            # how" and "its clear to me" show the adjective.
            return mark_after == "" and (after2 == "how" or (after2 in ("to", "for") and (
                after3 in lexicon.OBJECT_PRONOUNS or after3 in THINK_VERBS)))
        if noun_like:
            # Also a noun ("its subsidiary.", "its choice to"): only at the start of a clause, and
            # only before a clause, does it read as the adjective ("but its necessary to", "its lovely that").
            return clause_start and mark_after == "" and after2 in NOUN_ADJECTIVE_CUES
        # A predicative adjective: "its likely to", "its important we", "its amazing.", "its fine by us".
        if mark_after == "" and (after2 in CLAUSE_AFTER_ADJECTIVE or after2 in CLAUSE_OPENERS
                                 or after2 in lexicon.PRONOUNS | lexicon.DETERMINERS):
            return True
        if mark_after or after2 in AFTER_PREDICATIVE or (raw2 and raw2.islower() and lexicon.classes(after2) == lexicon.ADV):
            return True  # "its amazing.", "its tight but", "its cheap even", "its important always"
        if (mark_after == "" and raw2 and raw2.islower() and lexicon.classes(after2) == lexicon.ING
                and raw3 and (not raw3.islower() or after3 in lexicon.DETERMINERS or after3 in lexicon.OBJECT_PRONOUNS)):
            return True  # "its frustrating missing the final": the adjective, then a verb's clause
        # An adjective heads no noun phrase, so one before a preposition is a predicate: "its
        # compatible with", "its difficult for"; "its best in years" was read above.
        if after2 in lexicon.PREPOSITIONS and after3 in lexicon.OBJECT_PRONOUNS:
            return True  # "its expected of us"
        return (mark_after == "" and after2 in lexicon.PREPOSITIONS and after2 not in ("than", "like")
                and not set(c) & set("dg"))  # "its going under shocked" is a gerund's subject
    if noun_like:
        return False
    if lexicon.ING in c:
        # A gerund after a possessive is good English ("feared its going bankrupt", "its shipping
        # and refining"); a verb-only -ing form before "to" is not ("its going to rain").
        if after2 == "to" and mark_after == "" and after in ING_BEFORE_TO:
            return True
        # At the start of a clause, a verb-only -ing form that ends there is a progressive:
        # "but its raining and", "if its raining, we stop".
        return clause_start and c == lexicon.ING and (mark_after in (",", ".", "!", "?") or after2 in AFTER_ING)
    if lexicon.PAST in c or lexicon.AUX in c or lexicon.ADV in c:
        # "its proposed merger", "its estimated proved reserves", "its previously announced plan"
        # go on as noun phrases; "its had a year", "its grown since." and "its really hard." do not.
        if after2 in ("i", "we", "he", "she", "it", "they", "you"):
            return False  # "its said it bought": a stray "its" for "it", not "it's"
        if (lexicon.PAST in c and not set(c) & set("nap") and raw2 and raw2.islower()
                and (lexicon.classes(after2) == lexicon.ADV or after2 in DEGREE)):
            return True  # "its grown awfully fast": a participle and its adverb
        return mark_after != "" or closed2() or (bool(raw2) and _adjective_only(after2) and raw3 is not None and not np3())
    return False  # a verb base or -s form ("its seems"): a stray word, not a contraction


PARTICLES = frozenset("up out through off down on in into away back over under along around".split())


def _progressive(tokens: list[tuple[str, str]]) -> bool:
    """At the start of a clause, a verb-only -ing form with no finite verb after it before the
    clause ends: "but its getting a little confusing", "its being sold". A possessive gerund
    there is a subject, so its verb follows ("its going under shocked the town")."""
    if not tokens or not tokens[0][0].islower():
        return False
    first = tokens[0][0]
    c = lexicon.classes(first)
    passive = first == "being"
    if passive:
        if len(tokens) < 2 or tokens[0][1] or lexicon.PAST not in lexicon.classes(tokens[1][0].lower()):
            return False
        tokens = tokens[1:]  # "its being sold for": a passive progressive
    elif c not in (lexicon.ING, "ng"):
        return False
    if tokens[0][1] or len(tokens) < 2 or not tokens[1][0].islower():
        return False  # "its raining." is judged with the punctuation elsewhere
    # The verb goes on with an object, a particle or an adverb, never a noun: "its banking sector"
    # and "its shipping and refining" are noun phrases. An -ing form that is also a noun needs a
    # particle and then an adverb or object: "its working out very well", "its closing up the gap".
    second = tokens[1][0]
    third = tokens[2][0] if len(tokens) > 2 and not tokens[1][1] else ""
    if c == "ng" and not ((second in PARTICLES and (third in lexicon.DETERMINERS or lexicon.classes(third) == lexicon.ADV
                                                     or third in DEGREE)) or second in ("a", "an", "the")):
        return False  # "its painting a picture": a noun's -ing form takes no article after it
    if not (passive or second in lexicon.DETERMINERS or second in lexicon.OBJECT_PRONOUNS or second in PARTICLES
            or lexicon.classes(second) == lexicon.ADV
            or (second in ("and", "but") and (third in lexicon.DETERMINERS or third in lexicon.PRONOUNS))):
        return False
    for k, (word, punct) in enumerate(tokens[1:], 1):
        low = word.lower()
        # Far from the -ing form a conjunction may join the gerund's phrase, so only the clause's end counts.
        if (low in lexicon.CONJUNCTIONS or low in ("than", "that")) and k < 8:
            return True  # "its coming in a lot weaker than I thought"
        if low in FINITE_VERBS or low in FINITE_AUX or set(lexicon.classes(low)) & set("sdx"):
            return False
        if punct:
            return True
    return False  # the clause goes on past what was read


_RAW_TOKEN = re.compile(r"[ \t]+(\S+)")
_TOKEN_PARTS = re.compile(r"([\"“‘(\[]*)(.*?)([,.;:!?)\]\"”’…]*)\Z")
# Words that open a new clause after a noun phrase has ended: "if its war, the union", "but its
# Saturday and I'm here", "once its built you".
SUBJECTS = frozenset("i we you he she they it there i'm it's we're they're you're he's she's i've we've".split())
SUBORDINATORS = frozenset("if when because although though unless whether while where once so maybe perhaps".split())
CLAUSE_ADVERBS = frozenset("so maybe perhaps".split())
CONTRACTED_SUBJECTS = frozenset("i'm it's we're they're you're he's she's i've we've".split())  # they open a clause, but "its help so far" goes on
# Verbs of opinion that take a clause and hardly ever a noun phrase: "I think its".
CLAUSE_ONLY_VERBS = frozenset("think thinks thought reckon reckons suppose".split())


# Degree words that modify an adjective or adverb and never head a noun phrase.
DEGREE_ADVERBS = frozenset("very far more less much quite really rather pretty too so most".split())
# Words after which a noun phrase is over: "its quite a", "its really just", "its certainly not".
AFTER_ADVERB = frozenset("a an the not just also this".split())
# After its + adverb + adjective, words that end the adjective phrase ("its far more complex and").
ADJECTIVE_PHRASE_END = frozenset("and but or than that to for enough a an the".split()) | SUBJECTS


def _adverb_phrase(tokens: list[tuple[str, str, str]]) -> bool:
    """"its" and an adverb phrase that no noun ends: "its quite a", "its certainly not", "its far
    more complex and broad", "its probably turning out": a possessive's adverb goes on to a noun
    ("its far more efficient engines", "its rapidly growing unit")."""
    i, n = 0, len(tokens)
    while i < n and not tokens[i][0] and tokens[i][1].islower():
        word = tokens[i][1]
        nxt_c = _noun_classes(tokens[i + 1][1]) if i + 1 < n else ""
        if not (lexicon.classes(word) == lexicon.ADV or word in DEGREE_ADVERBS or word in ADVERB_CUES
                or (lexicon.classes(word) == "ar" and nxt_c == lexicon.PAST)):  # "its often referred to"
            break
        i += 1
        if tokens[i - 1][2] and tokens[i - 1][2] != ",":
            return False
    if i == 0 or i == n or tokens[i][0] or not tokens[i][1].islower():
        return False
    word, trail = tokens[i][1], tokens[i][2]
    nxt = tokens[i + 1][1].lower() if i + 1 < n and not trail else None
    if word in AFTER_ADVERB:
        return True
    if word == "than":
        return nxt in ("a", "an", "the", "that", "this") or nxt in SUBJECTS
    if word == "of":
        return nxt in ("a", "an")  # "its much more of a"
    c = lexicon.classes(word) or ("a" if word.endswith(ADJECTIVE_SUFFIXES) else "")  # "upgradeable"
    if lexicon.PAST in c and not set(c) & set("npa"):
        return not trail and (nxt in lexicon.PREPOSITIONS or nxt == "by")  # "its often referred to"
    if word.endswith("est") or word in POSSESSIVE_OK or word in ORDINALS:
        return False  # "its very best", "its very own", "its very first"
    if lexicon.ADJ in c:
        if trail:
            return trail[0] in ".?!;,"
        return (nxt in ADJECTIVE_PHRASE_END or nxt in AFTER_PREDICATIVE
                or (nxt in lexicon.PREPOSITIONS and nxt not in NP_PREPOSITIONS))
    if lexicon.ING in c and not set(c) & set("a"):
        return not trail and (nxt in PARTICLES or nxt in lexicon.DETERMINERS or nxt in lexicon.OBJECT_PRONOUNS)
    return False


# The calendar's names, which "it is" takes bare ("it's Christmas", "it's Monday"); "May" and
# "March" are left out, being verbs too.
CALENDAR_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February April June July August "
    "September October November December Christmas Easter Halloween Thanksgiving Ramadan Diwali Hanukkah "
    "Passover Eid".split()
)


def _calendar_clause(text: str, its: int, end: int, capital: bool) -> bool:
    """"its" and a calendar name that ends the phrase: "know its Christmas?", and in a title, where
    a capital "Its" stands inside the sentence, before the title's end ("Know Its Christmas is")."""
    mark = _next_mark(text, end)
    if mark in (".", "?", "!"):
        return True
    if not capital or _sentence_start(text, its):
        return False
    nxt = _RAW_TOKEN.match(text, end)
    # The title ends where its capitals do: a comma, or a lowercase word after the name.
    return mark == "," or (nxt is not None and nxt.group(1)[:1].islower())


TITLE_WORDS = (lexicon.CLOSED | CONTRACTION_WORDS | ADVERB_CUES) - {"all", "i", "one", "no", "it", "its"}


def _adjective_clause(tokens: list[tuple[str, str, str]]) -> bool:
    """An adjective and the clause it takes: "its natural for investors to want", "its unfortunate
    that (news of it) leaked": "for" and a subject with "to", or "that" and a bracket, follow an
    adjective, not a noun ("its potential for growth")."""
    if len(tokens) < 3 or tokens[0][2] or not tokens[0][1].islower():
        return False
    c = lexicon.classes(tokens[0][1])
    if lexicon.ADJ not in c or lexicon.VERB in c:
        return False
    second = tokens[1][1].lower()
    if second == "that" and not tokens[1][2]:
        return tokens[2][0][:1] == "("
    if second != "for" or tokens[1][2]:
        return False
    for k in range(2, min(len(tokens) - 1, 8)):
        if tokens[k][2]:
            return False
        if tokens[k][1] == "to" and k > 2 and lexicon.VERB in lexicon.classes(tokens[k + 1][1].lower()):
            return tokens[k + 1][1].islower() and tokens[k + 1][1] not in lexicon.CLOSED
    return False


def _sentence_start(text: str, pos: int) -> bool:
    """True at a line's start or after a sentence's end (". ", "? ", a closing quotation mark)."""
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] in "\n.?!\"”’:" or _after_quote(text, pos)


def _after_quote(text: str, pos: int) -> bool:
    """True just after an opening quotation mark: \"its, “Its."""
    return pos > 0 and text[pos - 1] in "\"“‘" and (pos == 1 or not text[pos - 2].isalnum())


def _clause_tokens(text: str, pos: int, limit: int = 12) -> list[tuple[str, str, str]]:
    """The tokens after an offset on the same line, each as (leading marks, word, trailing marks)."""
    out = []
    while len(out) < limit:
        m = _RAW_TOKEN.match(text, pos)
        if m is None:
            break
        pos = m.end()
        raw = m.group(1)
        if "--" in raw or "..." in raw:  # "percent--I", "Congress...": the dash or the dots end the word
            head, sep, rest = re.split(r"(--+|\.\.\.+)", raw, maxsplit=1)
            if head:
                out.append(_TOKEN_PARTS.match(head).groups())
            out.append(("", sep[0] if sep[0] == "-" else "…", ""))
            if rest:
                out.append(_TOKEN_PARTS.match(rest).groups())  # "--I guarantee": the next clause's first word
            continue
        out.append(_TOKEN_PARTS.match(raw).groups())
    return out


def _np_token(word: str) -> bool:
    """A word that may stand in a noun phrase after "its": noun, adjective, participle, name, number."""
    if not word:
        return False
    if word[0].isdigit() or word[0] in "£$€":
        return True
    low = word.lower()
    if low in lexicon.CLOSED or low in CONTRACTION_WORDS or low in FINITE_AUX or low in INTENSIFIERS or low in SUBJECTS:
        return False
    if not word.islower():
        return word != "I" and word[0].isalpha()
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return "-" in word or bool(set(lexicon.classes(word)) & set("npadg"))


def _verbless_clause(tokens: list[tuple[str, str, str]], subject_only: bool = False, quoted: bool = False,
                     subordinate: bool = False, contracted_only: bool = False) -> bool:
    """At the start of a clause, "its" and a noun phrase (with a prepositional phrase or two) that
    ends the clause without a verb ("if its 12.30, we close", "that its Yorkshire feta.", "but its
    Saturday and I'm here", "when its hit £750."): a possessive would be the clause's subject and
    need a verb, so the clause is "it's" and its complement. subject_only: only a new subject after
    the phrase counts as its end."""
    i, n, pps = 0, len(tokens), 0
    main: list[str] = []  # the noun phrase right after "its", before any prepositional phrase
    while True:
        start = i
        while i < n and not (tokens[i][0] and i > start) and _np_token(tokens[i][1]):
            word = tokens[i][1]
            c = lexicon.classes(word.lower()) if word.islower() else ""
            prev = tokens[i - 1][1]
            if i > start and (not prev.islower() or _noun(prev.lower())) and (
                    set(c) & set("sd") or (lexicon.VERB in c and _plural_noun(prev.lower()))) and not (
                    lexicon.NOUN in c and lexicon.ADJ in lexicon.classes(prev.lower())):
                return False  # the subject's verb: "its directors won", "its year ends"; "its second offer" goes on
            if i == start == 0 and word in CLAUSE_VERBS:
                return False  # "its said it": a stray "its" for "it"
            if not pps:
                main.append(word)
            i += 1
            trail = tokens[i - 1][2]
            if trail == "," and i < n and not tokens[i][0] and _np_token(tokens[i][1]):
                continue  # a list: "if its £30m, £40m or £50m, we"
            if (trail == "," and i + 1 < n and tokens[i][1] in ("and", "or") and not tokens[i][2]
                    and _np_token(tokens[i + 1][1])):
                i += 1  # "because its original, witty, and modern."
                continue
            if trail:
                break
            if i + 1 < n and tokens[i][1] in ("and", "or") and not tokens[i][2] and _np_token(tokens[i + 1][1]):
                i += 1  # "its original, witty and modern."
        if i == start:
            return False
        if tokens[i - 1][2]:
            break
        if i < n and pps < 2 and tokens[i][1].lower() in NP_PREPOSITIONS and not tokens[i][2] and not tokens[i][0]:
            i += 1
            pps += 1
            if i < n and tokens[i][1].lower() in ("the", "a", "an") and not tokens[i][2]:
                i += 1
            continue
        break
    head = main[-1]
    if (head.islower() and lexicon.count_only(head) and not set(lexicon.classes(head)) & set("ag")
            and all(w.islower() for w in main)):
        return False  # "it is hole" is no English either: a bare count noun is no complement
    trail = tokens[i - 1][2]
    nxt = tokens[i][1].lower() if i < n else None
    if trail:
        if subject_only:
            # "but its shareholders, he said": a reporting clause may follow a noun phrase; a subject
            # with its verb contracted may not ("and its fake, it's just fake").
            return trail[0] == "," and nxt in CONTRACTED_SUBJECTS
        # A full stop after a name may be an abbreviation's ("the U.S."), so it counts after a lowercase word.
        last = tokens[i - 1][1]
        if trail[0] in "?!;…" or (trail[0] == "." and (last.islower() or last[0].isdigit() or last[0] in "£$€")):
            return True
        if trail[0] == "," and trail[1:2] in ("\"", "”") and quoted:
            return True  # the quotation ends with the phrase: "\"Its pure fiction,\" he said"
        return trail[0] == "," and (nxt in SUBJECTS or nxt == "so" or (subordinate and nxt in ("the", "a", "an")))
    if nxt is None:
        return False
    if contracted_only:
        return False  # after "and", only ", it's" shows a new clause: "its staff and we" may be a list
    dash_subject = (tokens[i][1][:1] in "-–—…" and i + 1 < n and tokens[i + 1][1].lower() in SUBJECTS)
    if ((nxt in SUBJECTS and (not subject_only or len(main) == 1 and lexicon.ADJ in lexicon.classes(main[0].lower())))
            or (nxt in SUBORDINATORS - CLAUSE_ADVERBS and not subject_only) or dash_subject):
        return True  # "once its built you", "that "its possible it would", "its 99.9 percent--I guarantee"
    after = tokens[i + 1][1].lower() if i + 1 < n else None
    return nxt in ("and", "but", "so") and not tokens[i][2] and after in SUBJECTS


def check_its(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Yield it's-for-its and its-for-it's, each with an unsafe fix."""
    text = doc.text
    low = doc.lowered  # shared with the other rules: one lowercase pass per document
    contracted = "it's" in low or "it’s" in low
    for m in _ITS_CONTRACTED.finditer(text) if contracted else ():
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
    for m in _ITS_BARE.finditer(text) if "its " in low or "its\t" in low else ():
        if not _word_start(text, m.start()):
            continue
        i = m.group(1)
        w = _WORDS_AT.match(text, m.end())
        before2, before = _words_before(text, m.start())
        low_before = before.lower() if before else None
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
