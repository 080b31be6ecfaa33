"""Proper-name candidates, spelling keys and the evidence that two spellings are one name."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, chain, combinations
from typing import Iterable, NamedTuple, Sequence

# A name token: a capital letter, letters, an optional inner apostrophe (O'Brien, D'Arcy),
# hyphen-joined parts, and an optional hyphen-joined Arabic article in front (al-Sarraj).
# Only capitalised tokens are matched, so the pass skips ordinary words at C speed.
# This is the reference definition (the `regex` module, full Unicode); it runs only on texts
# with characters outside the Latin/punctuation range below, since importing `regex` and
# compiling these classes cost more than checking a short article.
_CAP_TOKEN = (
    r"(?<![\w'’\-])(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r)[-‐](?=\p{Lu}))?"
    r"\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]{2,})*(?:-[\p{L}\p{M}]+)*"
)
# The word just before a run, to see a title ("Mr", "president").
_PREV_WORD = r"(\p{L}+)\.? $"


@lru_cache(maxsize=1)
def _patterns():
    import regex

    run = f"{_CAP_TOKEN}(?:[ \u00a0]{_CAP_TOKEN})*"
    return regex.compile(run), regex.compile(_PREV_WORD)


# The fast path: texts whose characters all lie in Latin-1, Latin Extended-A/B, general
# punctuation and currency signs (nearly all English copy: £, €, curly quotes, dashes).
# There \p{Lu}, [\p{L}\p{M}] and the `regex` module's \w are small classes for the stdlib `re`
# (tests/test_names.py checks them against `regex` code point by code point).
_OUTSIDE = re.compile(r"[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf]")
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
_LETTER = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
# What may not stand just before a name token: the `regex` module's \w, apostrophes, hyphen.
_WORD_CHARS = frozenset(
    "'-0123456789_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\u00aa\u00b5\u00ba"
    "\u200c\u200d\u2019\u203f\u2040\u2054"
    + "".join(map(chr, range(0xC0, 0x250))).replace("\u00d7", "").replace("\u00f7", "")
)
_BODY = f"[{_LETTER}]*(?:['’][{_LETTER}]{{2,}})*(?:-[{_LETTER}]+)*"
# The reference pattern rearranged to begin with a capital, so that `re` skips ordinary text
# with its charset scan; the first token's look-behind and Arabic article are checked in
# Python (_article_spans), the later tokens' in the pattern.
_FAST_RUN = (
    f"[{_UPPER}]{_BODY}"
    f"(?:[ \u00a0](?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r)[-‐](?=[{_UPPER}]))?[{_UPPER}]{_BODY})*"
)
_ARTICLES = frozenset("al Al el El ad Ad as As ar Ar".split())
# The same with the first token's look-behind after its capital (so the scan still starts
# with a charset) and no articles: exact when no article is hyphened to a capital in the text.
_WORD_CLASS = "'\\-0-9A-Z_a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u200c\u200d\u2019\u203f\u2040\u2054"
_FAST_RUN_PLAIN = f"[{_UPPER}](?<![{_WORD_CLASS}].){_BODY}(?:[ \u00a0][{_UPPER}]{_BODY})*"
# A superset of "an article, a hyphen and a capital", found by a scan for the hyphen.
_ARTICLE_HINT = f"[-‐](?<=[AaEe][lsdr].)[{_UPPER}]"


@lru_cache(maxsize=1)
def _plain_patterns() -> tuple[re.Pattern, re.Pattern]:
    return re.compile(_FAST_RUN_PLAIN), re.compile(_ARTICLE_HINT)


@lru_cache(maxsize=1)
def _fast_pattern() -> re.Pattern:
    return re.compile(_FAST_RUN)


def _fast_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run the reference pattern finds, for a text in the fast range."""
    plain, hint = _plain_patterns()
    if hint.search(text) is None:
        return [m.span() for m in plain.finditer(text)]
    return _article_spans(text)


def _article_spans(text: str) -> list[tuple[int, int]]:
    """_fast_spans for a text with an Arabic article: the look-behind and article checked in Python."""
    pattern = _fast_pattern()
    search, match = pattern.search, pattern.match
    words = _WORD_CHARS
    out: list[tuple[int, int]] = []
    pos = 0
    m = search(text)
    while m is not None:
        s, end = m.span()
        prev = text[s - 1] if s else " "
        start = s
        if prev in "-‐" and s - 3 >= pos and text[s - 3:s - 1] in _ARTICLES and (s == 3 or text[s - 4] not in words):
            start = s - 3  # "al-Sarraj": the article joins the name
        elif prev in words:
            m = search(text, s + 1)  # "iPhone", "x-Ray": not the start of a token
            continue
        elif text[s:s + 2] in _ARTICLES and text[s + 2:s + 3] in ("-", "‐"):
            m = match(text, s + 3)
            if m is not None:
                end = m.end()  # "Al-Sarraj": the article, then a full token
        out.append((start, end))
        pos = end
        m = search(text, end)
    return out


def _prev_word(text: str, lo: int, hi: int) -> str | None:
    """The reference pattern _PREV_WORD searched in text[lo:hi], for a window in the fast range."""
    w = text[lo:hi]
    if w.endswith(" "):
        w = w[:-1]
    elif w.endswith(" \n"):
        w = w[:-2]  # `$` also matches before a final newline
    else:
        return None
    if w.endswith("."):
        w = w[:-1]
    i = len(w)
    while i and w[i - 1].isalpha():
        i -= 1
    return w[i:] or None


_AL_PREFIX = re.compile(r"^(?:al|el|ad|as|ar)[-‐ ]", re.I)

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


# What fold() makes of each letter from U+00C0 to U+024F ("-" for nothing): anyascii's
# transliteration, lowercased, letters only (tests/test_names.py checks it against anyascii).
# Importing anyascii and loading its tables costs more than checking a short article, and
# names in English copy rarely leave Latin script.
_LATIN_FOLD = """
a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss a a a a a a ae c e e e e i i i i
d n o o o o o - o u u u u y th y a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g
g g h h h h i i i i i i i i i i ij ij j j k k q l l l l l l l l l l n n n n n n n ng ng o o o o o o
oe oe r r r r r r s s s s s s s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s b b b
b - - o c c d d d d z e e e f f g g hw i i k k l l w n n o o o gh gh p p r - - sh sh t t t t u u u v
y y z z zh - - zh dz - - ts w c x qc q dz dz dz lj lj lj nj nj nj a a i i o o u u u u u u u u u u e
a a a a ae ae g g g g k k o o o o zh zh j dz dz dz g g hw w n n a a ae ae o o a a a a e e e e i i i
i o o o o r r r r u u u u s s t t y y h h n d ou ou z z a a e e o o o o o o o o y y l n t j db qp a
c c l t s z - - b u a e e j j q q r r y y
"""
_UNFOLDABLE = re.compile(r"[^\x00-\x7f\u00c0-\u024f’‐]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = {c: chr(c).lower() if chr(c).isalpha() else "" for c in range(128)}
    table.update(zip(range(0xC0, 0x250), ("" if f == "-" else f for f in _LATIN_FOLD.split())))
    table[ord("’")] = table[ord("‐")] = ""  # anyascii makes them ' and -, which fold drops
    return table


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: diacritics, case, spaces, hyphens and apostrophes go."""
    if text.isascii():
        return "".join(filter(str.isalpha, text.lower()))  # anyascii leaves ASCII as it is
    if _UNFOLDABLE.search(text) is None:
        return text.translate(_fold_table())
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


class NameRun(NamedTuple):
    """A run of capitalised tokens separated by single spaces: "Libyan National Army".

    A named tuple rather than a dataclass: an article has thousands, built in a hot loop.
    """

    start: int
    end: int
    forms: tuple[str, ...]
    starts: tuple[int, ...] = ()


@dataclass(frozen=True)
class FormStats:
    """What one document says about one spelling: count, first offset, neighbours, roles."""

    form: str
    count: int
    first: int
    spans: tuple[tuple[int, int], ...]
    neighbours: frozenset[str]  # skeleton keys of adjacent name tokens (initials included)
    titled: bool  # after a courtesy title at least once ("Mr Serraj")
    given_only: bool  # always followed by another name token ("Jennifer Lopez")
    bare: bool  # at least once with no name token on either side


@dataclass(frozen=True)
class Names:
    """Every name candidate of one document, extracted in one pass and kept on the Document.

    Extraction is one regex pass for runs of capitals; whether a capitalised word is an
    ordinary word (written in lowercase elsewhere) is looked up per distinct spelling, and
    the per-spelling facts (neighbours, titles) are computed only for spellings that have
    a possible variant, so a long text costs little more than its regex pass.
    """

    text: str
    runs: tuple[NameRun, ...]
    exotic: bool = False  # characters outside the fast range: the `regex` module's patterns apply
    # Every spelling's (run, position) occurrences, and the runs of three words or more.
    raw: dict[str, list[tuple[int, int]]] = field(default_factory=dict, compare=False, hash=False, repr=False)
    long: tuple[int, ...] = ()

    @cached_property
    def _common(self) -> dict[str, bool]:
        return {}

    def is_common(self, form: str) -> bool:
        """An ordinary word: in the common-word list or written in lowercase in this text."""
        low = form.lower()
        if low in COMMON_WORDS:
            return True
        memo = self._common
        got = memo.get(low)
        if got is None:
            got = memo[low] = _occurs_as_word(self.text, low)
        return got

    @cached_property
    def index(self) -> dict[str, list[tuple[int, int]]]:
        """(run, position) of every occurrence of each name-like spelling."""
        memo = self._common
        text = self.text
        out = {}
        for f, occ in self.raw.items():
            low = _NAME_KEY.get(f)
            if low is None:
                low = _name_key(f)
            if not low:
                continue  # ordinary words, titles, acronyms and hyphenated compounds ("Blu-ray")
            got = memo.get(low)
            if got is None:
                got = memo[low] = _occurs_as_word(text, low)
            if not got:
                out[f] = occ  # is_common(f) is False
        return out

    def spans(self, form: str) -> tuple[tuple[int, int], ...]:
        """Every span of a spelling, in text order."""
        runs = self.runs
        return tuple((runs[ri].starts[k], runs[ri].starts[k] + len(form)) for ri, k in self.index[form])

    @cached_property
    def _stats(self) -> dict[str, FormStats]:
        return {}

    def stats(self, form: str) -> FormStats:
        """Count, neighbours and roles of one spelling, computed on first use."""
        got = self._stats.get(form)
        if got is not None:
            return got
        runs = self.runs
        prev_word = _patterns()[1] if self.exotic else None
        neighbours: set[str] = set()
        titled = False
        given_only = True
        bare = False
        for ri, k in self.index[form]:
            forms = runs[ri].forms
            prev = forms[k - 1] if k else ""
            nxt = forms[k + 1] if k + 1 < len(forms) else ""
            if prev.lower() in TITLES:
                titled = titled or prev.lower() in COURTESY
                prev = ""
            elif k == 0:
                lo, hi = max(0, runs[ri].start - 16), runs[ri].start
                if prev_word is None:
                    word = _prev_word(self.text, lo, hi)
                else:
                    before = prev_word.search(self.text, lo, hi)
                    word = before.group(1) if before is not None else None
                titled = titled or (word is not None and word.lower() in COURTESY)
            if nxt.lower() in TITLES:
                nxt = ""
            given_only = given_only and bool(nxt)
            bare = bare or not (prev or nxt)
            for x in (prev, nxt):
                if x and not self.is_common(x):
                    neighbours.add(skeleton(x) if len(x) > 1 else x.lower())
        spans = self.spans(form)
        got = FormStats(form, len(spans), spans[0][0], spans, frozenset(neighbours), titled, given_only, bare)
        self._stats[form] = got
        return got

    @cached_property
    def forms(self) -> dict[str, tuple[int, tuple[tuple[int, int], ...]]]:
        """Count and spans of every name-like spelling (what the cross-file phase collects)."""
        return {f: (len(occ), self.spans(f)) for f, occ in self.index.items()}

    def side_by_side(self, a: str, b: str) -> bool:
        """Two spellings in one run of capitals ("David Davis") or next to each other in a list ("Horgan, Horan").

        Only immediate neighbours count: a team sheet lists a misspelt name a few places
        away from the right one.
        """
        runs_a = {ri: k for ri, k in self.index[a]}
        for ri, k in self.index[b]:
            if ri in runs_a and abs(runs_a[ri] - k) < 6:
                return True
        text = self.text
        for x, y in ((a, b), (b, a)):
            for _, end in self.spans(x):
                for start, _ in self.spans(y):
                    if 0 < start - end < 8 and _LIST.fullmatch(text, end, start):
                        return True
        return False


# What stands between two neighbours in a list.
_LIST = re.compile(r"\s*(?:,|;|/|&|\band\b|\bor\b)\s*")




def _occurs_as_word(text: str, word: str) -> bool:
    """True if word occurs in text as a whole word, exactly as written (a C-speed find)."""
    n = len(word)
    i = text.find(word)
    while i >= 0:
        if (i == 0 or not text[i - 1].isalpha()) and (i + n == len(text) or not text[i + n].isalpha()):
            return True
        i = text.find(word, i + 1)
    return False


_NAME_KEY: dict[str, str] = {}


def _name_key(form: str) -> str:
    """form.lower() if the spelling could be a name in any text, else "" (memoised per spelling).

    Titles, acronyms, short words, hyphenated compounds ("Blu-ray") and the common-word list
    never are; whether the text writes the word in lowercase is asked per document.
    """
    low = form.lower()
    ok = (low not in TITLES and not _is_shouting(form) and len(fold(form)) >= 3
          and not ("-" in form and "-" in _AL_PREFIX.sub("", form)) and low not in COMMON_WORDS)
    if len(_NAME_KEY) < 200_000:  # bounded, like the lru caches, for very long runs
        _NAME_KEY[form] = low if ok else ""
    return low if ok else ""


def _is_shouting(tok: str) -> bool:
    """All-capital tokens are acronyms or headline capitals, never spelling variants of a name."""
    return len(tok) > 1 and tok.isupper()


_plus_one = (1).__add__


def extract(text: str) -> Names:
    """Find runs of capitalised tokens in one regex pass; ordinary words are looked up on demand."""
    if text.isascii() or _OUTSIDE.search(text) is None:
        spans = _fast_spans(text)
        exotic = False
    else:
        spans = [m.span() for m in _patterns()[0].finditer(text)]
        exotic = True
    # One loop builds the runs, the spelling index and the list of long runs, since an
    # article has a capitalised word every few words and each Python pass over them counts.
    runs: list[NameRun] = []
    append = runs.append
    raw: dict[str, list[tuple[int, int]]] = {}
    get = raw.get
    long: list[int] = []
    new = tuple.__new__
    for start, end in spans:
        group = text[start:end]
        if " " not in group and "\u00a0" not in group:
            occ = get(group)  # most runs are one word
            if occ is None:
                raw[group] = [(len(runs), 0)]
            else:
                occ.append((len(runs), 0))
            append(new(NameRun, (start, end, (group,), (start,))))
            continue
        forms = group.replace("\u00a0", " ").split(" ")
        starts = list(accumulate(map(_plus_one, map(len, forms[:-1])), initial=start))
        if "Al" in forms or "El" in forms:
            # "Al Sarraj" is one name, so its spacing variant can be compared with "al-Sarraj".
            mf, ms = [], []
            for f, st in zip(forms, starts):
                if mf and mf[-1] in ("Al", "El") and len(f) > 2 and not _is_shouting(f):
                    mf[-1] = mf[-1] + " " + f
                else:
                    mf.append(f)
                    ms.append(st)
            forms, starts = mf, ms
        lead = 0
        while lead < len(forms) - 1 and forms[lead].lower() in _RUN_LEAD:
            lead += 1
        ri = len(runs)
        forms = tuple(forms[lead:])
        for k, form in enumerate(forms):
            occ = get(form)
            if occ is None:
                raw[form] = [(ri, k)]
            else:
                occ.append((ri, k))
        if len(forms) >= 3:
            long.append(ri)
        append(new(NameRun, (starts[lead], end, forms, tuple(starts[lead:]))))
    return Names(text, tuple(runs), exotic, raw, tuple(long))


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


@lru_cache(maxsize=1)
def _rapidfuzz_osa():
    from rapidfuzz.distance import OSA

    return OSA.distance


_PURE_OSA_LIMIT = 500
_pure_osa_calls = 0


def _osa(a: str, b: str) -> int:
    """OSA distance capped at 4 (rapidfuzz's score_cutoff=3), for one pair at a time.

    An article compares a handful of pairs, which pure Python does faster than rapidfuzz
    imports; a run's cross-file phase compares thousands, so after a few hundred the C
    scorer takes over (same distances: tests check osa_distance against it).
    """
    global _pure_osa_calls
    if a == b:
        return 0
    if _within_one(a, b):
        return 1
    if _pure_osa_calls >= _PURE_OSA_LIMIT:
        return _rapidfuzz_osa()(a, b, score_cutoff=3)
    _pure_osa_calls += 1
    return osa_distance(a, b, 3)


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
        if short >= 7 or (short >= 5 and kind in ("transpose", "double", "h")) or (short >= 6 and kind == "indel"):
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


# Endings of English words, not of names: two capitalised "-ing" or "-tion" words that
# differ by a letter are two words ("Banking", "Baking"), unless only case differs.
WORD_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ous", "ive", "able",
                "ible", "ally", "ical")


def same_name(x: FormStats, y: FormStats, adjacent: bool) -> bool:
    """Weigh the text's evidence that two spellings in one document name one thing."""
    strength, kind = string_strength(x.form, y.form)
    if strength == 0 or adjacent:
        return False  # "David Davis": two words side by side are two names
    if strength < 3 and x.form.endswith(WORD_ENDINGS) and y.form.endswith(WORD_ENDINGS):
        return False
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


@lru_cache(maxsize=65536)
def _exact_keys(form: str) -> tuple[str, ...]:
    """Keys shared by spellings with the same letters, core, skeleton or tail (cached)."""
    c = core(form)
    return ("f:" + fold(form), "c:" + c, "s:" + skeleton(form), "t:" + c[1:])


@lru_cache(maxsize=65536)
def _edit_keys(form: str, deep: bool) -> tuple[str, ...]:
    """One-letter deletions of the core (and ends of long names, when deep), for large sets."""
    c = core(form)
    keys: set[str] = set()
    if len(c) >= 4:
        keys.update("d:" + c[:k] + c[k + 1:] for k in range(len(c)))
        keys.add("d:" + c)
    if deep and len(c) >= 9:
        # Two edits in a long name leave its first or last three letters intact.
        keys.update(("p:" + c[:3], "q:" + c[-3:]))
    return tuple(keys)


# Up to this many distinct spellings, rapidfuzz compares every pair in C; above it, the
# deletion-key index keeps the work linear.
ALL_PAIRS_LIMIT = 400


def candidate_pairs(forms: Sequence[str], deep: bool = True) -> Iterable[tuple[str, str]]:
    """Pairs of forms that could be one name, never by a Python loop over all pairs.

    Shared keys find spellings with the same letters, core or transliteration skeleton.
    Edit-distance neighbours come from rapidfuzz (one C scan per spelling) for an article's
    few hundred names, and from one-letter-deletion keys (plus the first and last three
    letters of long names) for larger sets, so the work grows with the number of names,
    not its square.
    """
    n = len(forms)
    small = n <= ALL_PAIRS_LIMIT
    index: dict[str, list[int]] = defaultdict(list)
    for i, form in enumerate(forms):
        for key in _exact_keys(form):
            index[key].append(i)
        if not small:
            for key in _edit_keys(form, deep):
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
    if small and n > 1:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        cores = [core(f) for f in forms]
        for i, c in enumerate(cores):
            if len(c) < 4:
                continue
            limit = 2 if deep and len(c) >= 9 else 1
            for _, _, j in process.extract(c, cores, scorer=OSA.distance, score_cutoff=limit, limit=None):
                if j > i and (i, j) not in seen:
                    seen.add((i, j))
                    yield forms[i], forms[j]


def _deletion_keys(c: str) -> tuple[str, ...]:
    """c and c with one letter deleted, each key once.

    Two strings within OSA distance 1 share such a key (a substitution or a transposition
    costs one deletion on each side, an insertion one on the longer side). Cached through
    _pair_keys.
    """
    keys = {c}
    keys.update(c[:k] + c[k + 1:] for k in range(len(c)))
    return tuple(keys)


@lru_cache(maxsize=65536)
def _letters(c: str) -> frozenset[str]:
    return frozenset(c)


def osa_distance(a: str, b: str, cutoff: int = 9) -> int:
    """Optimal string alignment distance (rapidfuzz's OSA), or cutoff + 1 once it must exceed cutoff."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > cutoff:
        return cutoff + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            v = prev[j - 1] if ai == b[j - 1] else prev[j - 1] + 1
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1] and prev2[j - 2] + 1 < v:
                v = prev2[j - 2] + 1
            cur[j] = v
        if min(cur) > cutoff:
            return cutoff + 1  # every alignment already costs more
        prev2, prev = prev, cur
    return min(prev[-1], cutoff + 1)


def _within_one(a: str, b: str) -> bool:
    """osa_distance(a, b) <= 1: equal, or one substitution, insertion, deletion or adjacent swap."""
    if a == b:
        return True
    if len(a) < len(b):
        a, b = b, a
    i = 0
    n = len(b)
    while i < n and a[i] == b[i]:
        i += 1
    if len(a) == n:
        return a[i + 1:] == b[i + 1:] or (i + 1 < n and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    return len(a) == n + 1 and a[i + 1:] == b[i:]


@lru_cache(maxsize=65536)
def _pair_keys(form: str) -> tuple[tuple[str, ...], str]:
    """A spelling's exact keys (with a colon) and its core's deletion keys (without), and the core."""
    c = core(form)
    return _exact_keys(form) + _deletion_keys(c), c


def article_pairs(forms: Sequence[str]) -> set[tuple[str, str]]:
    """The set candidate_pairs(forms) yields for an article's few hundred spellings, without rapidfuzz.

    The same shared keys, and the same edit-distance rule (the earlier spelling's core has four
    letters or more and is within distance 1, or 2 for nine letters or more), but the
    neighbours come from one-letter-deletion keys and a check of the few pairs that share
    one, so an article with no close spellings costs a few set operations in C.
    """
    info = list(map(_pair_keys, forms))
    keys = [k for k, _ in info]
    cores = [c for _, c in info]
    found: set[tuple[int, int]] = set()
    flat = list(chain.from_iterable(keys))
    if len(set(flat)) < len(flat):  # nearly every key belongs to one spelling: test that in C
        shared = {k for k, n in Counter(flat).items() if n > 1}
        groups: dict[str, list[int]] = defaultdict(list)
        for i, ks in enumerate(keys):
            if not shared.isdisjoint(ks):
                for k in shared.intersection(ks):
                    groups[k].append(i)
        near = []
        for key, members in groups.items():
            if ":" not in key:
                near.append(members)  # a one-letter deletion: check the distance below
            elif len(members) <= 50:
                found.update(combinations(members, 2))  # a key shared by dozens of forms is a short stem
        for members in near:
            for i, j in combinations(members, 2):
                if (i, j) not in found and len(cores[i]) >= 4 and _within_one(cores[i], cores[j]):
                    found.add((i, j))
    # Distance 2 for a core of nine letters or more: few cores are that long, and each edit
    # changes the length by at most one and the set of letters by at most two.
    long = [i for i, c in enumerate(cores) if len(c) >= 9]
    if long:
        sized = [(j, len(c), _letters(c)) for j, c in enumerate(cores) if len(c) >= 7]
        for i in long:
            ci = cores[i]
            n, letters = len(ci), _letters(ci)
            for j, m, other in sized:
                if (j > i and abs(m - n) <= 2 and (i, j) not in found and len(letters ^ other) <= 4
                        and (_within_one(ci, cores[j]) or osa_distance(ci, cores[j], 2) <= 2)):
                    found.add((i, j))
    return {(forms[i], forms[j]) for i, j in found}


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
    forms = sorted(names.index)
    if len(forms) < 2:
        return []
    # Union the spellings judged to be one name, then point every minority at the group's majority.
    parent: dict[str, str] = {}

    def find(f: str) -> str:
        while parent.get(f, f) != f:
            f = parent[f]
        return f

    stats: dict[str, FormStats] = {}
    pairs = sorted(article_pairs(forms)) if len(forms) <= ALL_PAIRS_LIMIT else candidate_pairs(forms)
    for a, b in pairs:
        if string_strength(a, b)[0] == 0:
            continue
        stats[a], stats[b] = names.stats(a), names.stats(b)
        if same_name(stats[a], stats[b], names.side_by_side(a, b)):
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
    runs = names.runs
    for ri in names.long:
        run = runs[ri]
        if any(_is_shouting(f) for f in run.forms):
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
                if _is_derivation(ca, cb) and i == len(x.forms) - 1:
                    continue  # "Papua New Guinea" and "Papua New Guinean" are two words
                derived = _is_derivation(ca, cb)
                close = ca == cb or derived or (ca[:1] == cb[:1] and _osa(ca, cb) <= 1 + (min(len(ca), len(cb)) >= 8))
                if not close or (x.forms, y.forms) in seen:
                    continue
                seen.add((x.forms, y.forms))
                cx, cy = counts[x.forms], counts[y.forms]
                if (cy, -y.start) > (cx, -x.start):
                    x, y, cx, cy = y, x, cy, cx
                out.extend((r, x, cx) for r in names.runs if r.forms == y.forms)
    return out
