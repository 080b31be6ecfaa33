"""Candidate pairs: spellings that share a cheap key, so only those are ever compared."""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from itertools import chain, combinations
from collections.abc import Collection, Iterable, Iterator, Sequence

from .spelling import _within_one, core, fold, osa_distance, skeleton

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
    if not small:
        yield from _large_pairs(forms, deep)
        return
    index: dict[str, list[int]] = defaultdict(list)
    for i, form in enumerate(forms):
        for key in _exact_keys(form):
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
    if n > 1:
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


# Bits of a key's hash kept beside a form's number in one 64-bit integer.
_INDEX_BITS = 22
_MAX_SEEN = 500_000
# Top bits of an entry that choose its bucket (256 buckets, each sorted separately).
_BUCKET_BITS = 8


def _large_pairs(forms: Sequence[str], deep: bool) -> Iterator[tuple[str, str]]:
    """candidate_pairs for thousands of forms (a long text, a list), in memory linear and small.

    Each (key, form) is one integer (the key's hash above the form's number) in a sorted
    array, not a dict of lists of strings; a hash collision only adds a candidate, which the
    evidence then rejects. Pairs are deduplicated through a bounded set, so a rare repeat
    costs a second look, never memory beyond the bound.
    """
    from array import array

    if len(forms) >= 1 << _INDEX_BITS:
        forms = forms[:(1 << _INDEX_BITS) - 1]  # four million spellings: past any file size limit
    mask = (1 << (63 - _INDEX_BITS)) - 1
    # The entries go to buckets by their top bits, and each bucket is sorted on its own: the
    # same order as one sort of all entries, but the list of Python ints that sorted() builds
    # holds one bucket, not every key of every form (that list was most of a long text's peak).
    shift = 63 - _BUCKET_BITS
    buckets = [array("q") for _ in range(1 << _BUCKET_BITS)]
    for i, form in enumerate(forms):
        for key in (*_exact_keys(form), *_edit_keys(form, deep)):
            e = ((hash(key) & mask) << _INDEX_BITS) | i
            buckets[e >> shift].append(e)
    low = (1 << _INDEX_BITS) - 1
    seen: set[int] = set()  # pairs as one int each (x above y's bits): a third of a tuple's size
    for k, bucket in enumerate(buckets):
        entries = sorted(bucket)
        buckets[k] = None  # type: ignore[call-overload]  # freed as the scan goes
        n = len(entries)
        a = 0
        while a < n:
            h = entries[a] >> _INDEX_BITS
            b = a + 1
            while b < n and entries[b] >> _INDEX_BITS == h:
                b += 1
            if 2 <= b - a <= 20:  # a score of forms sharing a key is already a stem
                members = sorted({entries[j] & low for j in range(a, b)})
                for x, y in combinations(members, 2):
                    pair = (x << _INDEX_BITS) | y
                    if pair not in seen:
                        if len(seen) >= _MAX_SEEN:
                            seen.clear()
                        seen.add(pair)
                        yield forms[x], forms[y]
            a = b


def _deletion_keys(c: str) -> tuple[str, ...]:
    """c and c with one letter deleted, each key once (c first, then the deletions from the left).

    Two strings within OSA distance 1 share such a key (a substitution or a transposition
    costs one deletion on each side, an insertion one on the longer side). Cached through
    _pair_keys.
    """
    # Deleting any letter of a run of one letter ("ll") gives one string, so only the run's
    # first is deleted: each key once without a set (a quarter of the time); c is one longer.
    keys = [c]
    prev = ""
    for k, ch in enumerate(c):
        if ch != prev:
            keys.append(c[:k] + c[k + 1:])
            prev = ch
    return tuple(keys)


@lru_cache(maxsize=65536)
def _pair_keys(form: str) -> tuple[tuple[str, ...], str]:
    """A spelling's exact keys (with a colon) and its core's deletion keys (without), and the core."""
    c = core(form)
    return _exact_keys(form) + _deletion_keys(c), c


# An exact key shared by more spellings than this is a short stem, not a name.
MAX_KEY_FORMS = 50


def _near(a: str, b: str) -> bool:
    """candidate_pairs' edit-distance rule for an earlier core a and a later core b."""
    n = len(a)
    if n >= 4 and _within_one(a, b):
        return True
    # Each edit changes the set of letters by two at most, which rules out most pairs cheaply.
    return n >= 9 and len(b) >= 7 and len(_letters(a) ^ _letters(b)) <= 4 and osa_distance(a, b, 2) <= 2


@lru_cache(maxsize=65536)
def _letters(c: str) -> frozenset[str]:
    return frozenset(c)


def article_pairs(forms: Sequence[str]) -> set[tuple[str, str]]:
    """NM001's candidates among an article's few hundred spellings: pairs string evidence may join.

    Of the pairs candidate_pairs(forms) yields, every one that string_strength scores above 0:
    those sharing an exact key (the same letters, core, skeleton or tail), and those within
    edit distance 1 (2 for cores of nine letters or more, the earlier spelling's core having
    four letters or more). string_strength weighs an edit distance only between cores that
    begin with one letter, and any other pair it scores shares an exact key, so the near
    pairs are looked for among cores with one first letter: an article's spellings spread over
    a dozen letters, so that costs a few comparisons, with no per-spelling deletion keys. When
    an exact key has too many spellings to count, its pairs may still come from edit distance,
    so every first letter is then compared with every other, as candidate_pairs does.
    """
    keys = list(map(_exact_keys, forms))
    cores = list(map(core, forms))
    found: set[tuple[int, int]] = set()
    crowded = False
    if len(set(chain.from_iterable(keys))) < 4 * len(keys):  # four keys each, nearly all unshared: test that in C
        flat = chain.from_iterable(keys)
        shared = {k for k, n in Counter(flat).items() if n > 1}
        groups: dict[str, list[int]] = defaultdict(list)
        for i, ks in enumerate(keys):
            if not shared.isdisjoint(ks):
                for k in shared.intersection(ks):
                    groups[k].append(i)
        for members in groups.values():
            if len(members) <= MAX_KEY_FORMS:
                found.update(combinations(members, 2))
            else:
                crowded = True
    # Near pairs, among cores with one first letter: the earlier core has four letters or more
    # and is within distance 1 of the later (so one letter more or less), or nine or more and
    # within distance 2 of a later core of seven or more (two letters more or less).
    lengths = list(map(len, cores))
    by_letter: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cores):
        if lengths[i] >= 3:
            by_letter["" if crowded else c[0]].append(i)
    for members in by_letter.values():
        if len(members) < 2:
            continue
        for a, i in enumerate(members):
            n = lengths[i]
            for j in members[a + 1:]:
                m = lengths[j]
                if (m - n if m > n else n - m) <= (2 if n >= 9 or m >= 9 else 1) and _near(cores[i], cores[j]):
                    found.add((i, j))
    return {(forms[i], forms[j]) for i, j in found}



def shared_key_pairs(forms: Sequence[str], across: Collection[str] | None = None) -> Iterator[tuple[str, str]]:
    """Pairs of spellings that share an exact key or a one-letter-deletion key, for the cross-file phase.

    A key shared by dozens of spellings (a short stem) is skipped, so the work grows with the
    number of distinct spellings. With `across`, only the pairs of a spelling in it with one
    outside it, in the order of all pairs: NM003 pairs a possible majority with a possible
    minority, and there are few of the former, so only their keys are indexed.
    """
    keys = [_pair_keys(form)[0] for form in forms]
    if across is None:
        # Nearly every key belongs to one spelling: count them in C and index only the shared ones.
        wanted = {k for k, n in Counter(chain.from_iterable(keys)).items() if n >= 2}
    else:
        wanted = set(chain.from_iterable(ks for ks, form in zip(keys, forms) if form in across))
    # Each spelling's keys among those (a spelling has each key once, so a key's spellings
    # are its count), in C; then the spellings of every key shared by 2 to MAX_KEY_FORMS.
    hits = [(i, wanted.intersection(ks)) for i, ks in enumerate(keys) if not wanted.isdisjoint(ks)]
    counts = Counter(chain.from_iterable(h for _, h in hits))
    shared = {k for k, n in counts.items() if 2 <= n <= MAX_KEY_FORMS}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, h in hits:
        if not shared.isdisjoint(h):
            for key in shared.intersection(h):
                by_key[key].append(i)
    # Keys in order of first use (their first spelling, then their place among its keys), as
    # one index of every key lists them, so the pairs come in that order too.
    order = sorted(by_key, key=lambda k: (by_key[k][0], keys[by_key[k][0]].index(k)))
    index = {k: by_key[k] for k in order}
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if across is None:
            pairs: Iterable[tuple[int, int]] = combinations(members, 2)
        else:
            majors = [i for i in members if forms[i] in across]
            if not majors or len(majors) == len(members):
                continue
            # Each possible majority with each other spelling, in the order combinations gives.
            minors = [i for i in members if forms[i] not in across]
            pairs = sorted((i, j) if i < j else (j, i) for i in majors for j in minors)
        for pair in pairs:
            if pair not in seen:
                seen.add(pair)
                yield forms[pair[0]], forms[pair[1]]
