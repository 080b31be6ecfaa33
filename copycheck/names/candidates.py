"""Name candidates: runs of capitalised words, found in one regex pass, and the spellings in them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from collections import namedtuple

from .spelling import _AL_PREFIX, fold
from .words import COMMON_WORDS, TITLES, _RUN_LEAD
from ..lazyre import POSSESSIVE, compile as compile_re  # re.compile, from kept code (lazyre)

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
# Runs of more than this many capitalised words are skipped (see extract). The patterns
# match at most one word more, so a hostile run costs the regex engine a bounded stack per
# match (an unbounded group repeat kept state for every word: 550 MiB for a 10 MB run).
MAX_RUN_WORDS = 40
_MORE = f"{{0,{MAX_RUN_WORDS}}}"
# The word just before a run, to see a title ("Mr", "president").
_PREV_WORD = r"(\p{L}+)\.? $"


@lru_cache(maxsize=1)
def _patterns():
    import regex

    run = f"{_CAP_TOKEN}(?:[ \u00a0]{_CAP_TOKEN}){_MORE}"
    return regex.compile(run), regex.compile(_PREV_WORD)


# The fast path: texts whose characters all lie in Latin-1, Latin Extended-A/B, general
# punctuation and currency signs (nearly all English copy: £, €, curly quotes, dashes), or
# are the object or replacement character that pasted copy carries (U+FFFC, U+FFFD).
# There \p{Lu}, [\p{L}\p{M}] and the `regex` module's \w are small classes for the stdlib `re`
# (tests/test_names.py checks them against `regex` code point by code point).
_OUTSIDE = compile_re(r"[^\x00-\u024f\u2000-\u206f\u20a0-\u20cf\ufffc\ufffd]")
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
    f"(?:[ \u00a0](?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]r)[-‐](?=[{_UPPER}]))?[{_UPPER}]{_BODY}){_MORE}"
)
_ARTICLES = frozenset("al Al el El ad Ad as As ar Ar".split())
_WORD_CLASS = "'\\-0-9A-Z_a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u200c\u200d\u2019\u203f\u2040\u2054"


def _plain_run(upper: str, letter: str, quote: str, word: str, space: str, own: str = POSSESSIVE) -> str:
    """The plain pattern's source over the given classes (see _FAST_RUN_PLAIN and _latin_plain).

    Its repeats are possessive (own="+", lazyre.POSSESSIVE on Python 3.11+): every part after
    the first capital may match nothing, and no part can give back a letter to let a later one
    match, so the greedy path never backtracks and possessive repeats find the same runs
    (tests/test_names.py compares them), without the backtracking state `re` keeps for each
    group repeat at every capital.
    """
    body = f"[{letter}]*{own}(?:[{quote}][{letter}]{{2,}}{own})*{own}(?:-[{letter}]+{own})*{own}"
    return f"[{upper}](?<![{word}].){body}(?:[{space}][{upper}]{body}){_MORE}{own}"


# The same as _FAST_RUN with the first token's look-behind after its capital (so the scan still
# starts with a charset) and no articles: exact when no article is hyphened to a capital in the text.
_FAST_RUN_PLAIN = _plain_run(_UPPER, _LETTER, "'’", _WORD_CLASS, " \u00a0")
# A superset of "an article, a hyphen and a capital", found by a scan for the hyphen.
_ARTICLE_HINT = f"[-‐](?<=[AaEe][lsdr].)[{_UPPER}]"
# The same for the ASCII hyphen alone: a pattern that opens with a literal is scanned for it
# by `re` several times faster than one that opens with a class (the other hyphen is rare,
# so `in` rules it out first).
_ASCII_ARTICLE_HINT = f"-(?<=[AaEe][lsdr]-)[{_UPPER}]"


@lru_cache(maxsize=1)
def _plain_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    return compile_re(_FAST_RUN_PLAIN), compile_re(_ASCII_ARTICLE_HINT), compile_re(_ARTICLE_HINT)


@lru_cache(maxsize=1)
def _fast_pattern() -> re.Pattern:
    return compile_re(_FAST_RUN)


@lru_cache(maxsize=1)
def _latin_plain() -> tuple[bytes, re.Pattern]:
    """The plain pattern for Latin-1 text: a table that makes each character the ASCII letter of
    its classes, and the pattern over those letters.

    A capital becomes A, any other letter a, any other word character 0; the apostrophe, hyphen
    and line break stay (the pattern names them, or `.` excludes it), either space becomes a
    space, and the rest a full stop. Every test the pattern makes of a character then has the
    same answer, so the runs are the same, and the pattern opens with a literal, which `re`
    seeks several times faster than a class it tests at every character of the text.
    """
    latin = bytes(range(256)).decode("latin-1")
    table = bytearray(b"." * 256)
    for members, mark in ((_WORD_CLASS, "0"), (_LETTER, "a"), (_UPPER, "A")):  # each within the last
        for ch in compile_re(f"[{members}]").findall(latin):
            table[ord(ch)] = ord(mark)
    for ch in "'-\n ":
        table[ord(ch)] = ord(ch)
    table[0xA0] = ord(" ")
    return bytes(table), compile_re(_plain_run("A", "Aa", "'", "Aa0'\\-", " "))


def _latin1(text: str) -> bytes | None:
    """The text as Latin-1 bytes (a copy, for text CPython keeps a byte a character), or None
    when a character lies past U+00FF."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _fast_spans(text: str, latin: bytes | None) -> list[tuple[int, int]]:
    """(start, end) of every run the reference pattern finds, for a text in the fast range
    (latin: the text as _latin1 gives it)."""
    plain, ascii_hint, hint = _plain_patterns()
    if ascii_hint.search(text) is None and ("‐" not in text or hint.search(text) is None):
        if latin is not None:
            table, pattern = _latin_plain()
            # One ASCII character for each of the text's: the same offsets.
            return [m.span() for m in pattern.finditer(latin.translate(table).decode("ascii"))]
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



class NameRun(namedtuple("NameRun", "start end forms")):
    """A run of capitalised tokens separated by single spaces: "Libyan National Army"; start and
    end offsets and the tokens' forms (a tuple of str).

    Names.runs holds its fields as plain tuples (an article has thousands, built in a hot loop);
    NameRun(*run) gives them names where a few runs are handed on (find_run_variants).
    """

    __slots__ = ()

    @property
    def starts(self) -> tuple[int, ...]:
        """Each token's offset: the tokens are separated by single spaces (or no-break spaces)."""
        out, at = [], self.start
        for f in self.forms:
            out.append(at)
            at += len(f) + 1
        return tuple(out)


@dataclass(frozen=True)
class Names:
    """Every name candidate of one document, extracted in one pass and kept on the Document.

    Extraction is one regex pass for runs of capitals; whether a capitalised word is an
    ordinary word (written in lowercase elsewhere) is looked up per distinct spelling, and
    the per-spelling facts (neighbours, titles) are computed only for spellings that have
    a possible variant, so a long text costs little more than its regex pass.
    """

    text: str
    # Each run as a plain (start, end, forms) tuple, NameRun's fields: an article has thousands,
    # and a tuple display costs a quarter of tuple.__new__(NameRun, ...). NameRun(*run) names them.
    runs: tuple[tuple[int, int, tuple[str, ...]], ...]
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
            got = memo[low] = self._written_lower(low)
        return got

    @cached_property
    def index(self) -> dict[str, list[tuple[int, int]]]:
        """(run, position) of every occurrence of each name-like spelling."""
        memo = self._common
        # A short text is scanned once per spelling (see _scan), here without the method calls;
        # most spellings are not in it at all, which one find says.
        text, scan = self.text, self._scan
        find = text.find
        keys = _NAME_KEY.get
        out = {}
        for f, occ in self.raw.items():
            low = keys(f)
            if low is None:
                low = _name_key(f)
            if not low:
                continue  # ordinary words, titles, acronyms and hyphenated compounds ("Blu-ray")
            got = memo.get(low)
            if got is None:
                if scan:
                    got = find(low) >= 0 and _occurs_as_word(text, low)
                else:
                    got = self._written_lower(low)
                memo[low] = got
            if not got:
                out[f] = occ  # is_common(f) is False
        return out

    @cached_property
    def _spans(self) -> dict[str, tuple[tuple[int, int], ...]]:
        return {}

    def spans(self, form: str) -> tuple[tuple[int, int], ...]:
        """Every span of a spelling, in text order (computed once per spelling)."""
        got = self._spans.get(form)
        if got is None:
            runs = self.runs
            n = len(form)
            starts = [runs[ri][0] if k == 0 else NameRun(*runs[ri]).starts[k] for ri, k in self.index[form]]
            got = self._spans[form] = tuple((s, s + n) for s in starts)
        return got

    @cached_property
    def _stats(self) -> dict:
        return {}

    def stats(self, form: str):
        """Count, neighbours and roles of one spelling (context.FormStats), computed on first use."""
        got = self._stats.get(form)
        if got is None:
            from .context import form_stats

            got = self._stats[form] = form_stats(self, form)
        return got

    def side_by_side(self, a: str, b: str) -> bool:
        """Two spellings in one run of capitals or next to each other in a list (context.side_by_side)."""
        from .context import side_by_side

        return side_by_side(self, a, b)

    @cached_property
    def _scan(self) -> bool:
        """Scan the text per spelling (a short article: a few C-speed finds) rather than build
        word sets; the scans' total work is bounded, so a long text always takes the sets."""
        return len(self.text) * len(self.raw) <= SCAN_LIMIT

    @cached_property
    def _lower_words(self) -> frozenset[str]:
        """Every maximal run of letters in the text, as written: one C-speed pass per document."""
        return frozenset(_LETTER_RUN.findall(self.text))

    @cached_property
    def _lower_pairs(self) -> frozenset[str]:
        """Every two letter runs joined by one apostrophe, hyphen or space ("o'neill", "al-sarraj")."""
        return frozenset(_LETTER_PAIR.findall(self.text))

    def _written_lower(self, low: str) -> bool:
        """_occurs_as_word(text, low), by set lookups: linear in the text, whatever the number of spellings.

        Each letter run of an occurrence is a maximal letter run of the text (the occurrence
        is bounded by non-letters), so a spelling whose runs are not all in the text's set
        cannot occur; one or two runs are decided by the sets alone.
        """
        if self._scan:
            return _occurs_as_word(self.text, low)
        parts = _LETTER_RUN.findall(low)
        if not parts:
            return False
        words = self._lower_words
        if not all(p in words for p in parts):
            return False
        if len(parts) == 1 and parts[0] == low:
            return True
        if len(parts) == 2 and _PAIR_SHAPE.fullmatch(low):
            return low in self._lower_pairs
        return _occurs_as_word(self.text, low)  # three runs or combining marks: rare, and pre-filtered


# Characters times spellings up to which a per-spelling scan of the text is cheaper than sets.
SCAN_LIMIT = 1_000_000
# What stands between two neighbours in a list.
_LIST = compile_re(r"\s*(?:,|;|/|&|\band\b|\bor\b)\s*")
# A maximal run of letters (str.isalpha, near enough: [^\W\d_] also takes a few numerals such as "½").
_LETTER_RUN = compile_re(r"[^\W\d_]+")
_LETTER_PAIR = compile_re(r"(?<![^\W\d_])(?=([^\W\d_]+['’\-‐ ][^\W\d_]+)(?![^\W\d_]))")
_PAIR_SHAPE = compile_re(r"[^\W\d_]+['’\-‐ ][^\W\d_]+")


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
_CONTRACTIONS = tuple(a + e for a in "'’" for e in ("ve", "re", "ll"))


def _name_key(form: str) -> str:
    """form.lower() if the spelling could be a name in any text, else "" (memoised per spelling).

    Titles, acronyms, short words, hyphenated compounds ("Blu-ray") and the common-word list
    never are; whether the text writes the word in lowercase is asked per document.
    """
    low = form.lower()
    ok = (low not in TITLES and not _is_shouting(form) and len(fold(form)) >= 3
          and not low.endswith(_CONTRACTIONS)  # "I've", "We'll": a pronoun and a verb
          and not ("-" in form and "-" in _AL_PREFIX.sub("", form)) and low not in COMMON_WORDS)
    if len(_NAME_KEY) < 200_000:  # bounded, like the lru caches, for very long runs
        _NAME_KEY[form] = low if ok else ""
    return low if ok else ""


def _is_shouting(tok: str) -> bool:
    """All-capital tokens are acronyms or headline capitals, never spelling variants of a name."""
    return len(tok) > 1 and tok.isupper()



# What a run of several words becomes (see _split_run), kept across documents since runs such
# as "Mr Blair" or "New York" recur; bounded like the other memos.
_SPLIT_RUNS: dict[str, tuple[tuple[str, ...], int] | None] = {}


def _split_run(group: str) -> tuple[tuple[str, ...], int] | None:
    """A matched run of several words as (its forms, the offset where its first kept word starts),
    or None for a run too long to be prose."""
    forms = group.replace("\u00a0", " ").split(" ")
    if len(forms) > MAX_RUN_WORDS:
        # Dozens of capitalised words in a row, with no comma or full stop, are not prose
        # (a title-case block, a list pasted without commas): no word in it has the context
        # that makes it a name, and comparing them all would cost the run's length times
        # its spellings. News copy's longest runs have about ten words.
        got = None
    else:
        if "Al" in forms or "El" in forms:
            # "Al Sarraj" is one name, so its spacing variant can be compared with "al-Sarraj".
            merged: list[str] = []
            for f in forms:
                if merged and merged[-1] in ("Al", "El") and len(f) > 2 and not _is_shouting(f):
                    merged[-1] = merged[-1] + " " + f
                else:
                    merged.append(f)
            forms = merged
        lead = 0
        while lead < len(forms) - 1 and forms[lead].lower() in _RUN_LEAD:
            lead += 1
        # The run starts after its lead words and their spaces.
        got = tuple(forms[lead:]), sum(map(len, forms[:lead])) + lead
    if len(_SPLIT_RUNS) < 200_000:
        _SPLIT_RUNS[group] = got
    return got


def extract(text: str) -> Names:
    """Find runs of capitalised tokens in one regex pass; ordinary words are looked up on demand."""
    latin = _latin1(text)  # all of Latin-1 lies in the fast range
    if latin is not None or _OUTSIDE.search(text) is None:
        spans = _fast_spans(text, latin)
        exotic = False
    else:
        spans = [m.span() for m in _patterns()[0].finditer(text)]
        exotic = True
    # One loop builds the runs, the spelling index and the list of long runs, since an
    # article has a capitalised word every few words and each Python pass over them counts.
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    append = runs.append
    raw: dict[str, list[tuple[int, int]]] = {}
    get = raw.get
    split = _SPLIT_RUNS.get
    missing = (), 0  # no memo yet (a real entry always has forms)
    long: list[int] = []
    ri = 0  # len(runs)
    skip_to = -2  # the end of a skipped long run: a match just after it continues that run
    for start, end in spans:
        if start == skip_to + 1 and text[skip_to] in " \u00a0":
            skip_to = end
            continue
        group = text[start:end]
        if " " not in group and "\u00a0" not in group:
            occ = get(group)  # most runs are one word
            if occ is None:
                raw[group] = [(ri, 0)]
            else:
                occ.append((ri, 0))
            append((start, end, (group,)))
            ri += 1
            continue
        got = split(group, missing)
        if got is missing:
            got = _split_run(group)
        if got is None:
            skip_to = end
            continue
        forms, lead = got
        for k, form in enumerate(forms):
            occ = get(form)
            if occ is None:
                raw[form] = [(ri, k)]
            else:
                occ.append((ri, k))
        if len(forms) >= 3:
            long.append(ri)
        append((start + lead, end, forms))
        ri += 1
    return Names(text, tuple(runs), exotic, raw, tuple(long))
