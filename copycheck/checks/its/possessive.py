"""Evidence that an "it's" is the possessive: a noun phrase that "it is" and "it has" cannot take."""
from __future__ import annotations

from ... import lexicon
from ...lazyre import compile as compile_re  # re.compile, from kept code (lazyre)
from .np import gradable
from .tokens import _ORDINAL
from .words import (
    ADJECTIVE_SUFFIXES,
    ADVERB_CUES,
    AFTER_HEAD,
    BARE_NOUNS,
    CLAUSE_CUES,
    CLAUSE_VERBS,
    CLEFT,
    CONTRACTION_WORDS,
    FINITE_AUX,
    FINITE_VERBS,
    INTENSIFIERS,
    INTERJECTIONS,
    MODIFIER_OK,
    NP_OPENERS,
    NP_PREPOSITIONS,
    NUMBER_WORDS,
    OBJECTS,
    OBJECT_PARTICLES,
    OPINION_VERBS,
    ORDINALS,
    PERFECT_PARTICIPLES,
    POSSESSIVE_BEFORE,
    POSSESSIVE_OK,
    POSSESSIVE_OPENERS,
    ROUTE_PREPOSITIONS,
    TIME_NOUNS,
    TIME_SUBORDINATORS,
    _count_noun,
    _count_only,
    _finite,
    _noun,
    _noun_classes,
    _np_word,
    _object_verb,
    _plural_noun,
    _verb_classes,
)


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
_APPOSITION = compile_re(r"[ \t]+((?:[a-z][\w-]*[ \t]+){0,3}[a-z][\w-]*),[ \t]+[A-Z][\w&.-]*[ \t]+[A-Z]")


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
