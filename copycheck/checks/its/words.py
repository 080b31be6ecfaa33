"""Word classes and cue words for TY004, from the lexicon: what a word after its/it's can be."""
from __future__ import annotations

from ... import lexicon


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
# Words of POSSESSIVE_OK that may open a bare subject: "it's other brands include", "it's five branches will".
NP_OPENERS = frozenset("own other former two three four five six most best latest next last first".split())
# Prepositions that may carry a noun phrase on inside a subject: "it's five branches in Oregon will".
NP_PREPOSITIONS = frozenset("of in on at for from with".split())


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


PARTICLES = frozenset("up out through off down on in into away back over under along around".split())
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


# The calendar's names, which "it is" takes bare ("it's Christmas", "it's Monday"); "May" and
# "March" are left out, being verbs too.
CALENDAR_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February April June July August "
    "September October November December Christmas Easter Halloween Thanksgiving Ramadan Diwali Hanukkah "
    "Passover Eid".split()
)


TITLE_WORDS = (lexicon.CLOSED | CONTRACTION_WORDS | ADVERB_CUES) - {"all", "i", "one", "no", "it", "its"}


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
