"""Proper-name candidates, spelling keys and the evidence that two spellings are one name."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

# A name token: letters, an optional inner apostrophe (O'Brien, D'Arcy) and an optional
# hyphen-joined Arabic article in front (al-Sarraj, el-Sisi). Digits end a token.
_TOKEN = re.compile(
    r"(?<![\w'’\-])(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r)[-‐](?=[^\W\d_]))?"
    r"[^\W\d_]+(?:['’][^\W\d_]{2,})*(?:-[^\W\d_]+)*"
)
# Everything that is a word, for the lowercase-vocabulary pass.
_WORD = re.compile(r"[^\W\d_]+")
_AL_PREFIX = re.compile(r"^(?:al|el|ad|as|ar)[-‐ ]", re.I)
# Between two tokens of one name: one space (no line break, no punctuation).
_NAME_GAP = re.compile(r"[ \u00a0]")

# Words that begin a run of capitals without being part of the name ("The Libyan National Army").
_RUN_LEAD = frozenset(
    "the a an this that these those in on at for of to by with from and but or as if when while after "
    "before his her its their our my your".split()
)

# Honorifics and offices written before a surname ("Mr Serraj", "Gen Haftar"): a bare
# surname after a title refers back to a person named in full earlier.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady rev gen col capt maj lt sgt cpl adm cmdr
    president minister premier chancellor secretary judge justice senator sen rep governor gov
    king queen prince princess sheikh ayatollah imam pope bishop archbishop cardinal father
    mayor chairman chief general colonel captain major commander marshal inspector detective
    officer constable coach manager striker defender midfielder goalkeeper keeper singer
    actor actress director presenter chef ambassador envoy spokesman spokeswoman
    """.split()
)

# Courtesy titles and ranks: "Mr Serraj" refers back to a person already named in full,
# whereas an office ("President Reagan") can introduce someone new.
COURTESY = frozenset("mr mrs ms miss dr prof sir dame lord lady rev gen col capt maj lt sgt cpl adm cmdr sheikh judge".split())

# Ordinary English words that news copy capitalises at the start of a sentence or in a
# headline. A word that also appears in lowercase in the same article is treated as
# ordinary too, so this list only has to cover the frequent ones.
COMMON_WORDS = frozenset(
    """a about above after again against ago ahead all almost also although always am among an and
    another any anyone anything are around as at away back be because been before being below
    best better between both but by can could despite did do does doing done down during each
    either else even ever every few first for from further had has have having he her here hers
    herself him himself his how however i if in inside instead into is it its itself just last
    later least less like many may me meanwhile might more most much must my myself near neither
    never nevertheless new next no none nor not now of off often on once one only or other others
    otherwise our ours ourselves out outside over own perhaps quite rather really same second
    several she should since so some someone something sometimes soon still such than that the
    their theirs them themselves then there therefore these they third this those though three
    through thus to today together tomorrow too two under unless until up upon us very was we
    well were what whatever when whenever where whereas wherever whether which while who whoever
    whole whom whose why will with within without would yesterday yet you your yours yourself
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays january february march april may june july august
    september october november december spring summer autumn winter christmas easter
    north south east west northern southern eastern western central upper lower great greater
    new old big little high low good bad long short young free open national international
    royal general united federal state states government ministry department office council
    committee commission party parliament house senate congress court supreme high army navy
    air force forces police service services agency authority board bank group company corp
    inc ltd plc co club league cup championship championships open award awards prize festival
    school college university institute academy hospital church street road avenue square park
    bridge river lake mountain island islands city town county district region province
    republic kingdom empire union association federation foundation trust fund society centre
    center museum gallery theatre hall tower station airport port centre world global european
    african asian american british english french german russian chinese japanese indian arab
    arabic islamic christian jewish muslim catholic labour conservative liberal democrat
    democrats democratic republican republicans green greens tory tories socialist communist
    news times post daily weekly sunday herald star mail journal press radio television tv film
    films music records games game show series season episode chapter part volume book books
    man men woman women people children boy boys girl girls family home secretary minister
    ministers president prime deputy vice former ex acting interim chief head leader leaders
    member members chairman director directors manager officer officials official spokesman
    executive executives shadow home foreign affairs defence defense health education finance
    treasury trade industry energy environment transport justice interior economy economic
    security peace war battle operation mission project programme program plan act bill law
    report review study survey research data index market markets stock exchange fund
    money price prices rate rates tax budget deal talks summit conference meeting forum day
    week month year years time times night morning evening afternoon weekend today
    yes no ok okay please thanks thank dear sorry hello welcome
    said says say told asked added according announced called claimed
    it's don't can't won't isn't
    one two three four five six seven eight nine ten hundred thousand million billion
    mr mrs ms dr sir lord lady st saint
    agriculture agricultural commodity commodities community communities automobile automotive
    technology technologies healthcare health network networks utility utilities universal
    financial finance industries industrial industry insurance savings loan loans mortgage
    investment investments investors holdings holding capital securities partners resources
    systems system products product communications electric electronics energy petroleum oil
    gas chemical chemicals steel motors motor airlines airline pipeline pipelines transmission
    development corporation incorporated limited enterprises international american national
    federal reserve commerce commercial economic stabilization conservation alternative
    alternatively presidential administration department departments
    """.split()
)

# Endings that make a different word from the same stem: a demonym, a plural, a
# diminutive. "Libya"/"Libyan" and "Steve"/"Stevie" are different words, not misspellings.
DERIVATION_ENDINGS = frozenset(
    """s es n an ans ian ians ean eans ese ish i is ic ics ism ist ists ite ites y ie ies ey
    er ers ed ing a ia e in ine al ly o""".split()
) | {""}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: diacritics, case, spaces, hyphens and apostrophes go."""
    from anyascii import anyascii

    return "".join(ch for ch in anyascii(text).lower() if ch.isalpha())


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """fold() without a leading Arabic article: "al-Sarraj" and "Sarraj" share a core."""
    return fold(_AL_PREFIX.sub("", text))


_SKELETON_SUBS = (("ph", "f"), ("ck", "k"), ("q", "k"), ("ou", "u"), ("w", "v"), ("z", "s"))


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """A transliteration key: first letter plus consonants, with aspirate h dropped.

    Serraj and Sarraj, Hifter and Haftar, Youssef and Yusuf, Gaddafi, Qaddafi and Kadhafi
    each share one key; it is weak evidence alone, since vowels separate many real names.
    """
    s = core(text)
    if not s:
        return ""
    # kh, dh, th, gh, bh: the h of a transliterated aspirate comes and goes; ch and sh stay.
    s = re.sub(r"(?<=[kdtgb])h", "", s)
    for a, b in _SKELETON_SUBS:
        s = s.replace(a, b)
    head = "k" if s[0] in "cgkq" else s[0]
    rest = re.sub(r"[aeiouy]", "", s[1:])
    out = [head]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Occurrence:
    """One capitalised token: its span, surface form and the name tokens beside it."""

    start: int
    end: int
    form: str
    prev: str = ""  # the name token before it in the same run (a given name), or ""
    next: str = ""  # the name token after it in the same run (a surname), or ""
    titled: bool = False  # directly after a title such as "Mr" or "Gen"


@dataclass(frozen=True)
class NameRun:
    """A run of capitalised tokens separated by single spaces: "Libyan National Army"."""

    start: int
    end: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    """Every name candidate of one document, extracted in one pass and kept on the Document."""

    occurrences: tuple[Occurrence, ...]
    runs: tuple[NameRun, ...]
    lowercase: frozenset[str]
    words: int
    listed: frozenset = frozenset()

    def is_common(self, form: str) -> bool:
        """An ordinary word: in the common-word list or written in lowercase in this text."""
        low = form.lower()
        return low in COMMON_WORDS or low in self.lowercase or fold(form) in self.lowercase


def _is_cap(tok: str) -> bool:
    body = _AL_PREFIX.sub("", tok)
    return bool(body) and body[0].isupper()


def _is_shouting(tok: str) -> bool:
    """All-capital tokens are acronyms or headline capitals, never spelling variants of a name."""
    letters = [c for c in tok if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def extract(text: str) -> Names:
    """Tokenise once: capitalised tokens with neighbours and titles, plus the lowercase vocabulary."""
    lowercase = frozenset(w for w in _WORD.findall(text) if w.islower())
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    occs: list[Occurrence] = []
    runs: list[NameRun] = []
    i, n = 0, len(toks)
    while i < n:
        start, end, tok = toks[i]
        if not _is_cap(tok):
            i += 1
            continue
        # Gather the run: capitalised tokens separated by exactly one space ("Al Sarraj"
        # joins, so its spacing variant can be compared with "al-Sarraj").
        run = [(start, end, tok)]
        j = i + 1
        while j < n and toks[j][0] == run[-1][1] + 1 and _NAME_GAP.match(text, run[-1][1]) and _is_cap(toks[j][2]):
            run.append(toks[j])
            j += 1
        merged: list[tuple[int, int, str]] = []
        for s, e, t in run:
            if merged and merged[-1][2] in ("Al", "El") and len(t) > 2 and not _is_shouting(t):
                ps = merged.pop()[0]
                merged.append((ps, e, text[ps:e]))
            else:
                merged.append((s, e, t))
        titled = i > 0 and toks[i - 1][1] + 1 == start and toks[i - 1][2].lower().rstrip(".") in COURTESY
        lead = 0
        while lead < len(merged) - 1 and merged[lead][2].lower() in _RUN_LEAD:
            lead += 1
        runs.append(NameRun(merged[lead][0], merged[-1][1], tuple(t for _, _, t in merged[lead:])))
        for k, (s, e, t) in enumerate(merged):
            low = t.lower()
            is_title = low in TITLES
            if not is_title and not _is_shouting(t):
                prev = merged[k - 1][2] if k else ""
                nxt = merged[k + 1][2] if k + 1 < len(merged) else ""
                if nxt.lower() in TITLES:
                    nxt = ""
                if prev.lower() in TITLES:
                    titled_here, prev = prev.lower() in COURTESY, ""
                else:
                    titled_here = titled and k == 0
                occs.append(Occurrence(s, e, t, prev, nxt, titled_here))
        i = j
    # Names listed side by side ("Shanxi, Shaanxi", "Horgan and Horan") are different names.
    listed = frozenset(
        frozenset((a.form, b.form)) for a, b in zip(occs, occs[1:])
        if text[a.end:b.start] in (", ", ",", " and ", " or ", "/", " & ", "; ")
    )
    return Names(tuple(occs), tuple(runs), lowercase, len(text.split()), listed)


# --- deciding whether two spellings are one name -------------------------------------------


@dataclass(frozen=True)
class FormStats:
    """What one document says about one spelling: count, first offset, neighbours, roles."""

    form: str
    count: int
    first: int
    spans: tuple[tuple[int, int], ...]
    neighbours: frozenset[str]  # skeleton keys of adjacent name tokens (initials included)
    titled: bool
    given_only: bool  # always followed by another name token ("Jennifer Lopez")
    bare: bool  # at least once with no name token on either side


def form_stats(names: Names) -> dict[str, FormStats]:
    """Group occurrences by surface form, skipping ordinary words."""
    groups: dict[str, list[Occurrence]] = defaultdict(list)
    for o in names.occurrences:
        groups[o.form].append(o)
    out: dict[str, FormStats] = {}
    for form, occs in groups.items():
        if names.is_common(form) or len(fold(form)) < 3 or "-" in _AL_PREFIX.sub("", form):
            continue  # ordinary words, initials and hyphenated compounds ("Blu-ray") are not names
        nb = frozenset(
            (skeleton(x) if len(x) > 1 else x.lower())
            for o in occs for x in (o.prev, o.next) if x and not names.is_common(x)
        )
        out[form] = FormStats(
            form, len(occs), occs[0].start, tuple((o.start, o.end) for o in occs), nb,
            any(o.titled for o in occs), all(o.next for o in occs), any(not o.prev and not o.next for o in occs),
        )
    return out


def _edit_kind(a: str, b: str) -> str:
    """For folded strings at OSA distance 1: 'transpose', 'double', 'h', 'sub' or 'indel'."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "transpose"
        return "sub"
    long, short = (a, b) if len(a) > len(b) else (b, a)
    i = next((k for k in range(len(short)) if long[k] != short[k]), len(short))
    ch = long[i]
    if (i > 0 and long[i - 1] == ch) or (i + 1 < len(long) and long[i + 1] == ch):
        return "double"
    if ch == "h":
        return "h"
    return "indel"


def _osa(a: str, b: str) -> int:
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=3)


def _is_derivation(a: str, b: str) -> bool:
    """True when the two differ only by a word ending: Libya/Libyan, Olympian/Olympians."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    if k < 3:
        return False
    ea, eb = a[k:], b[k:]
    return all(e in DERIVATION_ENDINGS or (e.endswith("s") and e[:-1] in DERIVATION_ENDINGS) for e in (ea, eb))


def string_strength(a: str, b: str) -> tuple[int, str]:
    """How strongly the spellings alone say 'one name': 3 same letters, 2 typo, 1 weak, 0 none."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 3, "same"
    ca, cb = core(a), core(b)
    if ca == cb and (fa != ca) == (fb != cb):
        return 3, "same"
    if not ca or not cb or _is_derivation(ca, cb):
        return 0, ""
    short = min(len(ca), len(cb))
    first_same = ca[0] == cb[0]
    d = _osa(ca, cb) if first_same else 9
    if d == 1:
        kind = _edit_kind(ca, cb)
        if short >= 7 or (short >= 5 and kind in ("transpose", "double", "h")):
            return 2, kind
        if short >= 4:
            return 1, kind
    if d == 2 and short >= 9:
        return 2, "two"
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and len(sa) >= 2 and _osa(ca, cb) <= (3 if max(len(ca), len(cb)) >= 7 else 2):
        # A shared consonant skeleton is the mark of transliteration (Serraj/Sarraj).
        return 1, "skeleton"
    if ca[0] != cb[0] and short >= 7 and _osa(ca[1:], cb[1:]) == 0:
        return 1, "skeleton"
    return 0, ""


def same_name(x: FormStats, y: FormStats, adjacent: bool) -> bool:
    """Weigh the text's evidence that two spellings in one document name one thing."""
    strength, kind = string_strength(x.form, y.form)
    if strength == 0 or adjacent:
        return False  # "David Davis": two words side by side are two names
    if x.neighbours and y.neighbours and not (x.neighbours & y.neighbours) and strength < 3:
        return False  # "Shane Horgan", "Marcus Horan": different given names, different people
    if strength == 3:
        return True
    if x.given_only != y.given_only and (x.given_only and y.bare or y.given_only and x.bare) and kind != "transpose":
        return False  # "Jennifer Lopez" and a singer called "Jenifer"
    score = strength
    if x.neighbours & y.neighbours:
        score += 1  # the same given name or surname beside both: one person
    elif _back_reference(x, y) or _back_reference(y, x):
        score += 1  # "Mr Serraj" refers back to "Fayez al-Sarraj", named in full before it
    if kind == "skeleton" and len(skeleton(x.form)) < 3 and not (x.neighbours & y.neighbours):
        return False
    return score >= 2


def _back_reference(full: FormStats, short: FormStats) -> bool:
    """A titled bare form ("Mr Serraj") after a form written with a given name."""
    return short.titled and not short.neighbours and bool(full.neighbours) and full.first < short.first


def candidate_pairs(forms: Sequence[str], deep: bool = True) -> Iterable[tuple[str, str]]:
    """Pairs of forms that could be one name, found through shared keys, never all pairs.

    Keys: the folded spelling, the core without "al-", the transliteration skeleton, and
    every one-letter deletion of the core (and, when deep, every two-letter deletion of long
    cores, so any pair within edit distance two shares a key). The work grows with the number of distinct names, not its square.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for i, form in enumerate(forms):
        c = core(form)
        keys = {"f:" + fold(form), "c:" + c, "s:" + skeleton(form), "t:" + c[1:]}
        if len(c) >= 4:
            dels = {c[:k] + c[k + 1:] for k in range(len(c))}
            keys.update("d:" + d for d in dels)
            keys.add("d:" + c)
            if deep and len(c) >= 9:
                keys.update("d:" + d[:k] + d[k + 1:] for d in dels for k in range(len(d)))
        for key in keys:
            index[key].append(i)
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) < 2 or len(members) > 50:
            continue  # a key shared by dozens of forms is a short stem, not a name
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pair = (members[a], members[b]) if members[a] < members[b] else (members[b], members[a])
                if pair not in seen:
                    seen.add(pair)
                    yield forms[pair[0]], forms[pair[1]]


def adjacent_pairs(names: Names) -> set[frozenset[str]]:
    """Pairs of forms written in one run of capitals ("David Davis", "Lian Chia Liang")."""
    out: set[frozenset[str]] = set()
    for run in names.runs:
        forms = run.forms
        for i in range(len(forms)):
            for j in range(i + 1, min(len(forms), i + 6)):
                out.add(frozenset((forms[i], forms[j])))
    return out | names.listed


@dataclass(frozen=True)
class Variant:
    """A minority spelling in a document and the majority spelling it should follow."""

    minority: FormStats
    majority: FormStats


def majority_first(x: FormStats, y: FormStats) -> tuple[FormStats, FormStats]:
    """(majority, minority): more uses wins; on a tie the first spelling used wins."""
    if (y.count, -y.first) > (x.count, -x.first):
        return y, x
    return x, y


def find_variants(names: Names) -> list[Variant]:
    """Every minority spelling of a name in one document, with its majority spelling."""
    stats = form_stats(names)
    if len(stats) < 2:
        return []
    adjacent = adjacent_pairs(names)
    # Union the spellings judged to be one name, then point every minority at the group's majority.
    parent: dict[str, str] = {}

    def find(f: str) -> str:
        while parent.get(f, f) != f:
            f = parent[f]
        return f

    for a, b in candidate_pairs(sorted(stats)):
        if same_name(stats[a], stats[b], frozenset((a, b)) in adjacent):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    groups: dict[str, list[FormStats]] = defaultdict(list)
    for f in parent:
        groups[find(f)].append(stats[f])
    for root in list(groups):
        if root not in parent:
            groups[root].append(stats[root])
    out = []
    for members in groups.values():
        top = members[0]
        for m in members[1:]:
            top = majority_first(top, m)[0]
        out.extend(Variant(m, top) for m in members if m is not top)
    return out


def find_run_variants(names: Names) -> list[tuple[NameRun, NameRun, int]]:
    """Multi-word names that differ in one word: "Libya National Army" beside "Libyan National Army".

    Returns (minority run, majority run, count of the majority) for runs of three or more
    words that agree on at least two ordinary-or-name words and differ in one close word.
    """
    by_key: dict[tuple, list[NameRun]] = defaultdict(list)
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    first: dict[tuple[str, ...], NameRun] = {}
    for run in names.runs:
        if len(run.forms) < 3 or any(_is_shouting(f) for f in run.forms):
            continue
        counts[run.forms] += 1
        first.setdefault(run.forms, run)
    for forms in first:
        folded = tuple(fold(f) for f in forms)
        for i in range(len(forms)):
            by_key[(len(forms), i, folded[:i] + folded[i + 1:])].append(first[forms])
    out = []
    seen = set()
    for (_, i, _), members in by_key.items():
        if len(members) < 2:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                x, y = members[a], members[b]
                wa, wb = x.forms[i], y.forms[i]
                if names.is_common(wa) or names.is_common(wb):
                    continue  # "North Korean Army" and "South Korean Army" are two armies
                ca, cb = core(wa), core(wb)
                # A demonym may modify a name ("Libya National Army"), but as the last word it
                # is a different word ("Papua New Guinea" and "Papua New Guinean").
                derived = _is_derivation(ca, cb) and i < len(x.forms) - 1
                close = ca == cb or derived or (ca[:1] == cb[:1] and _osa(ca, cb) <= 1 + (min(len(ca), len(cb)) >= 8))
                if not close or (x.forms, y.forms) in seen:
                    continue
                seen.add((x.forms, y.forms))
                cx, cy = counts[x.forms], counts[y.forms]
                if (cy, -y.start) > (cx, -x.start):
                    x, y, cx, cy = y, x, cy, cx
                out.extend((r, x, cx) for r in names.runs if r.forms == y.forms)
    return out
