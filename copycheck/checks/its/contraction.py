"""Evidence that an "its" is "it is"/"it has": a verb, adverb, predicative adjective or clause after it."""
from __future__ import annotations

from ... import lexicon
from .tokens import _RAW_TOKEN, _next_mark, _sentence_start
from .words import (
    ADJECTIVE_PHRASE_END,
    ADJECTIVE_SUFFIXES,
    ADVERB_CUES,
    AFTER_ADVERB,
    AFTER_ING,
    AFTER_PREDICATIVE,
    CALENDAR_NAMES,
    CLAUSE_ADVERBS,
    CLAUSE_AFTER_ADJECTIVE,
    CLAUSE_OPENERS,
    CLAUSE_VERBS,
    CONTRACTED_SUBJECTS,
    CONTRACTION_WORDS,
    DEGREE,
    DEGREE_ADVERBS,
    FINITE_AUX,
    FINITE_VERBS,
    ING_BEFORE_TO,
    INTENSIFIERS,
    NOT_EVIDENCE,
    NOUN_ADJECTIVE_CUES,
    NP_PREPOSITIONS,
    NUMBER_WORDS,
    ORDINALS,
    PARTICLES,
    POSSESSIVE_OK,
    PREPOSITIONAL_ADJECTIVES,
    SUBJECTS,
    SUBORDINATORS,
    THINK_VERBS,
    _adjective_only,
    _gradable,
    _noun,
    _noun_classes,
    _np_token,
    _plural_noun,
    _predicative,
)


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
