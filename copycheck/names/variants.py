"""NM001's evidence within one article: which spellings are one name, and the majority."""
from __future__ import annotations

from collections import defaultdict, namedtuple

from .candidates import NameRun, Names, _is_shouting
from .context import FormStats
from .pairs import ALL_PAIRS_LIMIT, article_pairs, candidate_pairs
from .spelling import _is_derivation, _osa, core, fold, skeleton, string_strength
from .words import WORD_ENDINGS


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


class Variant(namedtuple("Variant", "minority majority")):
    """A minority spelling in a document and the majority spelling it should follow (FormStats each).

    A named tuple, not a dataclass: building a frozen dataclass costs a one-article run about a
    millisecond at import, and this pair needs nothing a tuple lacks.
    """

    __slots__ = ()


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
        # Side by side is the costlier test, so it comes after the rest of the evidence.
        if same_name(stats[a], stats[b], False) and not names.side_by_side(a, b):
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


# The most words a multi-word name has ("Democratic Republic of the Congo" has five capitalised).
MAX_NAME_WORDS = 8


def find_run_variants(names: Names) -> list[tuple[NameRun, NameRun, int, int]]:
    """Multi-word names that differ in one word: "Libya National Army" beside "Libyan National Army".

    Returns (minority run, majority run, count of the majority, of the minority) for runs of three or more
    words that agree on at least two ordinary-or-name words and differ in one close word.
    """
    if len(names.long) < 2:
        return []  # two different wordings are needed
    runs = names.runs
    # The runs of each distinct wording, in order of first use; a wording's count is its runs.
    by_forms: dict[tuple[str, ...], list[NameRun]] = defaultdict(list)
    for ri in names.long:
        run = NameRun(*runs[ri])
        if len(run.forms) <= MAX_NAME_WORDS:
            by_forms[run.forms].append(run)
    # A longer run is a list or a title-case line, and its keys would cost its length squared;
    # a run with an acronym or a headline capital is none of these names (str.isupper first, in C).
    for forms in [f for f in by_forms if any(map(str.isupper, f)) and any(map(_is_shouting, f))]:
        del by_forms[forms]
    counts = {forms: len(rs) for forms, rs in by_forms.items()}
    first = {forms: rs[0] for forms, rs in by_forms.items()}
    # Only runs of one length can differ in one word: most articles have no two of one length.
    lengths: dict[int, int] = {}
    for forms in first:
        lengths[len(forms)] = lengths.get(len(forms), 0) + 1
    by_key: dict[tuple, list[NameRun]] = defaultdict(list)
    for forms in first:
        if lengths[len(forms)] < 2:
            continue
        folded = tuple(map(fold, forms))
        for i in range(len(forms)):
            by_key[(len(forms), i, folded[:i] + folded[i + 1:])].append(first[forms])
    out = []
    seen = set()
    for (_, i, _), members in by_key.items():
        if len(members) < 2 or len(members) > 50:
            continue  # dozens of runs that differ in one word are a pattern ("X National Army"), not a typo
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
                out.extend((r, x, cx, cy) for r in by_forms[y.forms])
    return out
