"""Context per spelling: the words a name stands with, which say which person, firm or place it is.

Two uses of the same evidence:
- within an article (NM001), FormStats: neighbours, titles and roles of one spelling;
- across files (NM003, the name index, `copycheck names`), SpellingCounts: per spelling, how
  often it is used, how often only as a sentence-initial or headline capital, how often
  inside a phrase in another language, and counts of its context words ("<Piers" for the
  capitalised word before it, ">Inc" for the one after it, a company suffix or a surname,
  "t:sheikh" for a title, "l:laptop" for the lowercase word after it, "p:de Gaulle" for a
  name joined by a foreign particle). Counts, never spans, so the cross-file phase stays small.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from collections import namedtuple

from .spelling import skeleton
from .words import COMMON_WORDS, COURTESY, TITLES
from ..lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from .candidates import Names


class FormStats(namedtuple("FormStats", "form count first spans neighbours titled given_only bare")):
    """What one document says about one spelling: count, first offset, neighbours, roles.

    form; count; first, its first offset; spans, (start, end) of each use; neighbours, the
    skeleton keys of adjacent name tokens (initials included); titled, after a courtesy title at
    least once ("Mr Serraj"); given_only, always followed by another name token ("Jennifer
    Lopez"); bare, at least once with no name token on either side. A named tuple, not a frozen
    dataclass, which costs a one-article run about 1 ms to create (model.Examples).
    """

    __slots__ = ()


def form_stats(names: Names, form: str) -> FormStats:
    """Count, neighbours and roles of one spelling in one document (NM001's context)."""
    from .candidates import _patterns, _prev_word

    runs = names.runs
    prev_word = _patterns()[1] if names.exotic else None
    neighbours: set[str] = set()
    titled = False
    given_only = True
    bare = False
    for ri, k in names.index[form]:
        start, _, forms = runs[ri]
        prev = forms[k - 1] if k else ""
        nxt = forms[k + 1] if k + 1 < len(forms) else ""
        if prev.lower() in TITLES:
            titled = titled or prev.lower() in COURTESY
            prev = ""
        elif k == 0:
            lo, hi = max(0, start - 16), start
            if prev_word is None:
                word = _prev_word(names.text, lo, hi)
            else:
                before = prev_word.search(names.text, lo, hi)
                word = before.group(1) if before is not None else None
            titled = titled or (word is not None and word.lower() in COURTESY)
        if nxt.lower() in TITLES:
            nxt = ""
        given_only = given_only and bool(nxt)
        bare = bare or not (prev or nxt)
        for x in (prev, nxt):
            if x and not names.is_common(x):
                neighbours.add(skeleton(x) if len(x) > 1 else x.lower())
    spans = names.spans(form)
    return FormStats(form, len(spans), spans[0][0], spans, frozenset(neighbours), titled, given_only, bare)


def side_by_side(names: Names, a: str, b: str) -> bool:
    """Two spellings in one run of capitals ("David Davis") or next to each other in a list ("Horgan, Horan").

    Only immediate neighbours count: a team sheet lists a misspelt name a few places away
    from the right one. The list test bisects sorted starts, so two spellings used thousands
    of times cost n log n, not n times m.
    """
    from .candidates import _LIST

    runs_a = {ri: k for ri, k in names.index[a]}
    for ri, k in names.index[b]:
        if ri in runs_a and abs(runs_a[ri] - k) < 6:
            return True
    text = names.text
    for x, y in ((a, b), (b, a)):
        starts = [s for s, _ in names.spans(y)]  # in text order, so sorted
        for _, end in names.spans(x):
            lo, hi = bisect_right(starts, end), bisect_left(starts, end + 8)
            for start in starts[lo:hi]:
                if _LIST.fullmatch(text, end, start):
                    return True
    return False


class SpellingCounts(namedtuple("SpellingCounts", "form count initial foreign context", defaults=((),))):
    """One spelling in one file, as the cross-file phase keeps it: counts only (picklable, small).

    form; count, its uses; initial, uses that only open a sentence or stand in a headline;
    foreign, uses inside a phrase in another language ("Chambre de Commerce"); context, a tuple
    of (context key, uses), most used first.
    """

    __slots__ = ()


# Context keys kept per spelling and file: the few that say who or what it is.
MAX_CONTEXT = 8
# Particles that join the words of a name or phrase in French, Spanish, Italian, Portuguese,
# German ("Chambre de Commerce", "Banco de la Nación"): a word beside one is not English.
PARTICLES = frozenset("de des du la le les el en del della delle dei di et y und der das dos da".split())
# The word after a run: a particle and a capital, or a lowercase word.
_AFTER = compile_re(r" ([a-zà-öø-ÿ]+)(?: ([A-ZÀ-ÖØ-Þ][^\W\d_]*))?")
# A particle just before a run, itself after a word ("Entreprise Nationale des Mines").
_PARTICLE_BEFORE = compile_re(r"[^\W\d_] ([a-z]+) $")
# Sentence ends before a run: the text's start, a line break, or closing punctuation (with
# closing quotes or brackets), then spaces and opening quotes or brackets.
_SENTENCE_END = compile_re(r"(?:^|\n|[.!?…]['\"’”)\]]*)[ \t\"'“‘(\[*_>#-]*$")
_END_PUNCT = tuple(".!?:;\"'”’…)")
_NOT_SPACE = compile_re(r"\S")  # re's \s is str.isspace, which str.strip strips


def headlines(text: str) -> list[tuple[int, int]]:
    """Spans of headline lines: the first line without closing punctuation, and Markdown headings."""
    if "#" not in text:
        # No heading: only the first line with text may be a headline, so no loop over lines.
        m = _NOT_SPACE.search(text)
        if m is None:
            return []
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        end = len(text) if end < 0 else end
        body = text[start:end].strip()
        return [(start, end)] if not body.endswith(_END_PUNCT) and len(body) < 300 else []
    out = []
    first = True
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        body = line.strip()
        if body:
            if body.startswith("#") or (first and not body.endswith(_END_PUNCT) and len(body) < 300):
                out.append((pos, end))
            first = False
        pos = end + 1
    return out


def _in(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < spans[i][1]


# What may stand just before the space before a run that opens a sentence: a filler, a
# closing quote or bracket, closing punctuation or a line break (see _SENTENCE_END).
_ENDS_BEFORE_SPACE = frozenset(" \t\"'“‘([*_>#-" + "'\"’”)]" + ".!?…" + "\n")


def _initial(text: str, start: int) -> bool:
    """A run that opens a sentence or a paragraph: its capital says nothing about the word."""
    if start >= 2 and text[start - 1] == " " and text[start - 2] not in _ENDS_BEFORE_SPACE:
        return False  # "said Blair": _SENTENCE_END cannot match, and most runs stand so
    m = _SENTENCE_END.search(text, max(0, start - 12), start)
    if m is None:
        return False
    if text[m.start():m.start() + 1] == ".":
        # "Mr. Smith", "J. Smith": an abbreviation's full stop does not end a sentence.
        i = m.start()
        while i > 0 and m.start() - i < 6 and text[i - 1].isalpha():
            i -= 1
        word = text[i:m.start()]
        return not (word.lower() in TITLES or len(word) == 1)
    return True


def foreign_at(text: str, start: int, end: int) -> bool:
    """A use inside a phrase in another language: a particle joins it to a capitalised word
    ("Chambre de Commerce", "en el Bernabéu")."""
    m = _AFTER.match(text, end)
    if m is not None and m.group(2) and m.group(1) in PARTICLES:
        return True
    b = _PARTICLE_BEFORE.search(text, max(0, start - 10), start)
    return b is not None and b.group(1) in PARTICLES


def file_spellings(names: Names) -> tuple[SpellingCounts, ...]:
    """Every name-like spelling of one document with its counts and context (one pass over its uses)."""
    index = names.index
    if not index:
        return ()
    text = names.text
    runs = names.runs
    heads = headlines(text)
    head_starts = [a for a, _ in heads]
    head_end = heads[-1][1] if heads else -1
    after = _AFTER.match
    common = COMMON_WORDS
    sides = _SIDE_KEYS.get
    new = tuple.__new__  # the named tuple's own __new__ is a Python call per spelling
    out = []
    append = out.append
    for form in sorted(index):  # strings sort faster than (form, uses) items
        occ = index[form]
        if len(occ) == 1:
            # Three spellings in four are used once (BBC): their context keys, at most two, are
            # put in order directly, without a dict and its sorts.
            ri, k = occ[0]
            start, end, forms = runs[ri]
            n = len(forms)
            left = right = None
            initial = foreign = 0
            if k:
                tok = forms[k - 1]
                left = (sides(tok) or _side_keys(tok))[0]
            if k + 1 < n:
                tok = forms[k + 1]
                right = (sides(tok) or _side_keys(tok))[1]
            elif text[end:end + 1] == " ":  # _AFTER begins with a space
                m = after(text, end)
                if m is not None:
                    word, cap = m.groups()
                    if cap and word in PARTICLES:
                        right = "p:" + word + " " + cap
                        foreign = 1  # counted once, as foreign
                    elif not cap and len(word) > 2 and word not in common:
                        right = "l:" + word
            if foreign:
                pass
            elif start < head_end and _in(heads, head_starts, start):
                initial = 1  # headline capitals, whatever the word's place
            elif n == 1:
                got = _lone_start(text, start)
                if got is _FOREIGN:
                    foreign = 1
                elif got:
                    initial = 1
            if left is None:
                context = () if right is None else ((right, 1),)
            elif right is None:
                context = ((left, 1),)
            elif left == right:
                context = ((left, 2),)  # a title on both sides
            else:
                context = ((left, 1), (right, 1)) if left < right else ((right, 1), (left, 1))
            append(new(SpellingCounts, (form, 1, initial, foreign, context)))
            continue
        ctx: dict[str, int] = {}
        get = ctx.get
        initial = foreign = 0
        for ri, k in occ:
            start, end, forms = runs[ri]
            n = len(forms)
            if k:
                tok = forms[k - 1]
                key = (sides(tok) or _side_keys(tok))[0]
                ctx[key] = get(key, 0) + 1
            if k + 1 < n:
                tok = forms[k + 1]
                key = (sides(tok) or _side_keys(tok))[1]
                ctx[key] = get(key, 0) + 1
            elif text[end:end + 1] == " " and len(ctx) < 64:  # _AFTER begins with a space
                m = after(text, end)
                if m is not None:
                    word, cap = m.groups()
                    if cap and word in PARTICLES:
                        key = "p:" + word + " " + cap
                        ctx[key] = get(key, 0) + 1
                        foreign += 1
                        continue  # counted once, as foreign
                    if not cap and len(word) > 2 and word not in common:
                        key = "l:" + word
                        ctx[key] = get(key, 0) + 1
            if start < head_end and _in(heads, head_starts, start):
                initial += 1  # headline capitals, whatever the word's place
            elif n == 1:
                got = _lone_start(text, start)
                if got is _FOREIGN:
                    foreign += 1
                elif got:
                    initial += 1
        if len(ctx) > 1:
            # Most used first, then by key: two sorts in C (the second is stable).
            context = tuple(sorted(sorted(ctx.items()), key=_uses, reverse=True)[:MAX_CONTEXT])
        else:
            context = tuple(ctx.items())
        append(new(SpellingCounts, (form, len(occ), initial, foreign, context)))
    return tuple(out)


# _lone_start's answer for a word inside a foreign phrase (true, as an initial's True is).
_FOREIGN = 2
# The two characters before the space before a particle's next word: a particle's last two
# letters (" y" for "y"), so most words ("said Blair") are ruled out by one set lookup.
_PARTICLE_ENDS = frozenset(" " + p if len(p) == 1 else p[-2:] for p in PARTICLES)


def _lone_start(text: str, start: int) -> int | bool:
    """Whether a one-word run opens a sentence (True) or stands after a particle (_FOREIGN).

    Only a lone capitalised word at a sentence's start says nothing: in "Piers Morgan said",
    the next capitalised word makes "Piers" a name. The patterns run only where a cheap look
    at the characters before says they may match.
    """
    prev = text[start - 1:start]
    if prev == " " and start >= 3:
        two = text[start - 3:start - 1]
        if two in _PARTICLE_ENDS and _particle_word(text, start) and _after_particle(text, start):
            return _FOREIGN
        # "said Blair": _initial's pattern cannot match after a letter and a space.
        return two[1] in _ENDS_BEFORE_SPACE and _initial(text, start)
    if (prev == "\n" or prev == " " and _particle_word(text, start)) and _after_particle(text, start):
        return _FOREIGN
    return (start < 2 or prev != " " or text[start - 2] in _ENDS_BEFORE_SPACE) and _initial(text, start)


def _particle_word(text: str, start: int) -> bool:
    """The cheap test before _after_particle: the word before the space before start is a particle."""
    return text[max(0, start - 8):start - 1].rpartition(" ")[2] in PARTICLES


def _after_particle(text: str, start: int) -> bool:
    """Whether the word at start follows a foreign particle ("de", "y"), by _PARTICLE_BEFORE."""
    b = _PARTICLE_BEFORE.search(text, max(0, start - 10), start)
    return b is not None and b.group(1) in PARTICLES


_uses = itemgetter(1)
# Each neighbouring token's context keys (before a spelling, after it), kept across documents
# since names and titles recur; bounded like the other memos.
_SIDE_KEYS: dict[str, tuple[str, str]] = {}


def _side_keys(tok: str) -> tuple[str, str]:
    """("<Piers", ">Piers") for a name token, ("t:sheikh", "t:sheikh") for a title."""
    low = tok.lower()
    got = ("t:" + low, "t:" + low) if low in TITLES else ("<" + tok, ">" + tok)
    if len(_SIDE_KEYS) < 200_000:
        _SIDE_KEYS[tok] = got
    return got


def _by_uses(kv: tuple[str, int]) -> tuple[int, str]:
    return -kv[1], kv[0]


@dataclass(frozen=True)
class FileNames:
    """One file's name spellings, the per-file summary of the cross-file phase (picklable, no spans)."""

    path: str
    forms: tuple[SpellingCounts, ...] = ()
    # From a --jobs worker: (spelling, its pairs._pair_keys) for the spellings this worker had not
    # sent yet, so the main process, which tallies the results, need not compute them cold.
    pair_keys: tuple[tuple[str, tuple[tuple[str, ...], str]], ...] = field(default=(), compare=False, repr=False)

    def __reduce__(self):
        # A worker sends every file's summary back: as plain tuples, pickle writes and reads
        # them in C, where a named tuple costs a Python call each way (a fifth of the transfer).
        return _file_names, (self.path, tuple(map(tuple, self.forms)), self.pair_keys)


def _file_names(path: str, forms: tuple[tuple, ...], pair_keys: tuple = ()) -> FileNames:
    """A FileNames from its pickled form (see FileNames.__reduce__)."""
    return FileNames(path, tuple(map(_counts, forms)), pair_keys)


_counts = partial(tuple.__new__, SpellingCounts)  # SpellingCounts from a plain tuple, in C
