"""Variant evidence across files: string evidence weighed with context, and the reason given.

Same context with a different spelling is a typo, even in a short name ("Piers Mrogan" where
19 files write "Piers Morgan"); a different context is a different entity, so it stays silent
unless the string evidence is overwhelming (a shift-key slip such as "MArk", a doubled letter in
a long name). Sentence-initial and headline capitals, and words in a foreign phrase, are not
variants; case-only or accent-only differences between forms each used in several files are a
house-style question for `copycheck names`, not one file's error.
"""
from __future__ import annotations

from collections import Counter, namedtuple
from functools import lru_cache
from itertools import chain

from .spelling import _osa, _within_one, core, fold, string_strength
from .words import WORD_ENDINGS

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .repo import Usage

# Context kinds that say which entity a spelling names: a capitalised word before or after
# it, or one joined by a foreign particle. Titles ("t:") are shared by too many people.
_NAME_SIDES = ("<", ">", "p:")


class Verdict(namedtuple("Verdict", "majority minority flag reason key", defaults=("",))):
    """How a minority spelling relates to a majority spelling across files, and why.

    majority, minority: the two Usages; flag: an NM003 finding, else a house-style question for
    `copycheck names`; reason: "context", "same letters", "shift key", "typo" or "style"; key:
    the shared context key, when context decided. A named tuple, not a frozen dataclass, which
    costs a one-article run about 1 ms to create (model.Examples).
    """

    __slots__ = ()

    def message(self) -> str:
        """Why the spelling was flagged: the shared context, or the majority's spelling and files."""
        x, y = self.majority, self.minority
        if self.key:
            n = x.context.get(self.key, 0) or x.files
            return (f"“{y.form}” stands where {n} other files write “{display(self.key, x.form)}” "
                    f"(e.g. {x.example}); use one spelling.")
        why = " (a shift-key slip)" if self.reason == "shift key" else ""
        return (f"“{y.form}” is spelled “{x.form}” in {x.files} other files of this repository "
                f"(e.g. {x.example}){why}; use one spelling.")


def display(key: str, form: str) -> str:
    """A context key shown with the spelling: "<Piers" and "Morgan" give "Piers Morgan"."""
    if key.startswith("<"):
        return f"{key[1:]} {form}"
    if key.startswith(">"):
        return f"{form} {key[1:]}"
    if key.startswith(("p:", "l:")):
        return f"{form} {key[2:]}"
    return form


@lru_cache(maxsize=65536)
def _folded(key: str) -> str:
    """A context key without case or accents, so "<Mevlüt" and "<Mevlut" are one context (cached:
    a majority's keys are folded again for every spelling weighed against it)."""
    side = key[:1]
    if side == "<" or side == ">":
        return side + fold(key[1:])
    if key.startswith("p:"):
        word, _, cap = key[2:].partition(" ")
        return f"p:{word} {fold(cap)}"
    return key


def shift_slip(right: str, wrong: str) -> bool:
    """A shift key held a letter too long: "MArk" for "Mark", "PUblic" for "Public"."""
    return (len(wrong) >= 3 and wrong[0].isupper() and wrong[1].isupper() and right[1:2].islower()
            and any(c.islower() for c in wrong[2:]) and right == wrong[0] + wrong[1].lower() + wrong[2:])


# A context word carried by more spellings than this is a common given name or word ("John",
# "Mr"), which many people share, so it says nothing about which one is meant.
MAX_SPREAD = 30
# The files that write the majority with the shared context must outnumber the minority's
# files this many times, and be at least this many: "19 files write Piers Morgan".
CONTEXT_RATIO = 3
MIN_CONTEXT_FILES = 3
# With no context on either side, a transposition or doubled letter in a name this many
# times as common (in files) as the odd spelling, and in this many files, is a typo.
OVERWHELMING_FILES = 10


def spread(t) -> dict[str, int]:
    """How many spellings each (folded) context key stands beside, over a tally."""
    # Count the keys as written in C, then fold each distinct key once.
    out: dict[str, int] = {}
    for k, n in Counter(chain.from_iterable(u.context for u in t.values())).items():
        f = _folded(k)
        out[f] = out.get(f, 0) + n
    return out


# A majority whose most used context word stands in this share of its files has an
# established identity ("North Carolina", "the Macleod laptop"); a name written beside many
# different words ("Howard") has none, and a new neighbour says nothing about it.
ESTABLISHED = 0.5


def context_index(x: "Usage") -> tuple[dict[str, list[tuple[str, int]]], str, int]:
    """A majority's context for shared_context, worked out once for all its pairs: its keys
    (titles left out) by folded key, and its most used folded key (the first, on a tie) and uses."""
    by_fold: dict[str, list[tuple[str, int]]] = {}
    top, top_n = "", 0
    for k, n in x.context.items():
        if k.startswith("t:"):
            continue
        f = _folded(k)
        if n > top_n:
            top, top_n = f, n
        got = by_fold.get(f)
        if got is None:
            by_fold[f] = [(k, n)]
        else:
            got.append((k, n))
    return by_fold, top, top_n


def shared_context(x: "Usage", y: "Usage", spreads: dict[str, int] | None = None,
                   xi: tuple | None = None) -> tuple[str, bool, bool]:
    """(the majority's telling context key that the minority shares, or ""; whether the
    context says the minority is another entity: the majority has an established context
    that the minority lacks, and they share none; whether the minority has a telling
    context of its own that the majority never has).

    xi: context_index(x), if known (the cross-file phase weighs a majority against many)."""
    mine = {_folded(k) for k in y.context if not k.startswith("t:")}
    by_fold, top, top_n = xi or context_index(x)
    best, best_n = "", (False, 0)
    overlap = False
    for f in mine:
        got = by_fold.get(f)
        if got is None:
            continue
        overlap = True
        if spreads is not None and spreads.get(f, 0) > MAX_SPREAD:
            continue
        for k, n in got:
            rank = (k[0] in "<>p", n)  # a name beside it says more than a lowercase word after it
            if (rank, k) > (best_n, best):
                best, best_n = k, rank
    established = top_n >= 2 and top_n >= ESTABLISHED * x.files
    # A telling context of its own ("Benny Andersson", "Les Bleus") that the majority never
    # has; a common given name ("David") tells nothing.
    own = not overlap and any(f[0] in "<>p" and (spreads is None or spreads.get(f, 0) <= MAX_SPREAD) for f in mine)
    return best, established and not overlap and top not in mine, own


class Letters:
    """Letter triples of every spelling in a tally ("^st", "stv", "ee$"), each spelling counted once.

    A transposed or doubled letter often makes a triple that no other name in the repository
    has ("Stvee", "Sporrts"); a real name rarely does ("Andersson" shares "sso" with Eriksson).
    """

    def __init__(self, forms, folds: "Sequence[str] | None" = None) -> None:
        self.forms = forms
        self._folds = folds  # fold() of each of forms (in any order), if known
        self._lines: str | None = None

    @property
    def lines(self) -> str:
        """Every spelling folded and anchored ("^stvee$"), one a line, joined on first use: a
        run asks about a handful of spellings, so their triples are looked up, not all counted.
        Which lines have a triple does not depend on their order."""
        if self._lines is None:
            # Joined in C (a run has thousands of spellings); no spelling, no line.
            folds = self._folds if self._folds is not None else map(fold, self.forms)
            self._lines = "^" + "$\n^".join(folds) + "$" if self.forms else ""
        return self._lines

    def _rare(self, tri: str) -> bool:
        """At most one spelling has this triple: none after the line of its first use."""
        lines = self.lines
        i = lines.find(tri)
        if i < 0:
            return True
        end = lines.find("\n", i)
        return end < 0 or lines.find(tri, end) < 0

    @staticmethod
    def _triples(form: str) -> set[str]:
        f = f"^{fold(form)}$"
        return {f[i:i + 3] for i in range(len(f) - 2)}

    def odd(self, form: str, majority: str) -> bool:
        """form has a triple that no other spelling has and the majority lacks."""
        theirs = self._triples(majority)
        return any(t not in theirs and self._rare(t) for t in self._triples(form))


def may_flag(a: str, b: str) -> bool:
    """Whether string_strength(a, b) may be one that related gives a verdict for: 3 (the same
    letters or core), or above 0 of another kind than "skeleton".

    A cheap test that most of the cross-file phase's pairs fail, before string_strength looks
    for a shared skeleton. Other kinds than "skeleton" are scored only for cores that begin
    with one letter and are within edit distance 1 (four letters or more) or 2 (nine or more),
    and an edit distance is at least the cores' difference in length.
    """
    ca, cb = core(a), core(b)
    return ca == cb or fold(a) == fold(b) or near_cores(ca, cb)


def near_cores(ca: str, cb: str) -> bool:
    """may_flag for two spellings of other cores and folds, from their cores ca and cb."""
    if not ca or not cb or ca[0] != cb[0]:
        return False
    la, lb = len(ca), len(cb)
    short = la if la < lb else lb
    gap = la - lb if la > lb else lb - la
    if short < 4 or gap > 2 or gap == 2 and short < 9:
        return False
    return _within_one(ca, cb) or short >= 9 and _osa(ca, cb) == 2


def related(x: "Usage", y: "Usage", spreads: dict[str, int] | None = None,
            letters: "Letters | None" = None) -> Verdict | None:
    """Weigh majority x against minority y: a finding, a house-style question, or nothing."""
    if not may_flag(x.form, y.form):
        return None  # string_strength is 0 or "skeleton": nothing below gives a verdict then
    return weigh(x, y, spreads, letters)


def weigh(x: "Usage", y: "Usage", spreads: dict[str, int] | None = None,
          letters: "Letters | None" = None, xi: tuple | None = None) -> Verdict | None:
    """related, for a pair that may_flag already passed (repo.verdicts tests every pair first);
    xi: context_index(x), if known."""
    strength, kind = string_strength(x.form, y.form)
    if strength == 0 or kind == "skeleton":
        return None  # transliterations across files are the house list's business (NM002)
    if strength < 3 and x.form.endswith(WORD_ENDINGS) and y.form.endswith(WORD_ENDINGS):
        return None  # "Banking" and "Baking" are two words
    if x.free <= 0:
        return None  # never capitalised by choice: a sentence-initial word ("Background"), not a name
    slip = shift_slip(x.form, y.form)
    case_only = x.form.lower() == y.form.lower()
    if y.free <= 0 and (case_only or y.foreign) and not slip:
        return None  # "Al-Shabaab, for example," opens a sentence; "Chambre de Commerce" is French
    key, different, own = shared_context(x, y, spreads, xi)
    if key and x.context[key] < max(MIN_CONTEXT_FILES, CONTEXT_RATIO * y.files):
        key = ""  # shared, but by too few files to outvote the minority: the spelling alone decides
    shared = key if key and key[0] in "<>p" else ""
    if y.foreign and not shared:
        return None  # a word inside a phrase in another language
    short = min(len(x.form), len(y.form))
    if strength == 3:
        if slip:
            return Verdict(x, y, True, "shift key")
        if y.files >= 2:
            return Verdict(x, y, False, "style")  # two established forms: the house decides
        if different and any(k[0] in "<>p" for k in y.context):
            return None  # "Anna MacLeod" is not the "Macleod laptop"
        return Verdict(x, y, True, "same letters", shared)
    if shared:
        return Verdict(x, y, True, "context", shared)
    if different:
        if kind == "double" and short >= 9:
            return Verdict(x, y, True, "typo")
        return None  # "Carolan Systems Inc" is not a misspelt "North Carolina"
    if key and kind in ("transpose", "double", "h") and short >= 6:
        return Verdict(x, y, True, "context", key)  # the same lowercase word after both
    if kind in ("transpose", "double") and short >= 5 and y.files == 1 and x.files >= OVERWHELMING_FILES:
        # "Wassp" in one file, "Wasps" in 16, and nothing says it is another: a real name
        # recurs in other files ("Jaime") or brings its own company ("Benny Andersson"),
        # unless its letters are like no other name's ("Stvee Wigley").
        if not own or (letters is not None and letters.odd(y.form, x.form)):
            return Verdict(x, y, True, "typo")
    # No context either way: the spelling alone must say typo. A doubled letter or an h
    # separates real names (Jonatan/Jonathan, Riccardo/Ricardo), so only long names count.
    if strength == 2 and (kind == "transpose" and short >= 7 or kind in ("double", "h") and short >= 9):
        return Verdict(x, y, True, "typo")
    return None
