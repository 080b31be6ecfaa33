"""String evidence that two spellings are one name: folding, keys, edit distances, strength."""
from __future__ import annotations

import re
from functools import lru_cache

from .words import DERIVATION_ENDINGS
from ..lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

_AL_PREFIX = compile_re(r"^(?:al|el|ad|as|ar)[-‐ ]", re.I)
_AL_SEPARATORS = ("-", "‐", " ")

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
_UNFOLDABLE = compile_re(r"[^\x00-\x7f\u00c0-\u024f’‐]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = {c: chr(c).lower() if chr(c).isalpha() else "" for c in range(128)}
    table.update(zip(range(0xC0, 0x250), ("" if f == "-" else f for f in _LATIN_FOLD.split())))
    table[ord("’")] = table[ord("‐")] = ""  # anyascii makes them ' and -, which fold drops
    return table


# Deletes every ASCII character but the lowercase letters (fold lowercases first).
_ASCII_LETTERS = {c: None for c in range(128) if not chr(c).islower()}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII letters only: diacritics, case, spaces, hyphens and apostrophes go."""
    if text.isascii():
        return text.lower().translate(_ASCII_LETTERS)  # anyascii leaves ASCII as it is
    if _UNFOLDABLE.search(text) is None:
        return text.translate(_fold_table())
    from anyascii import anyascii

    return "".join(ch for ch in anyascii(text).lower() if ch.isalpha())


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """fold() without a leading Arabic article: "al-Sarraj" and "Sarraj" share a core."""
    # The article is two letters and a separator: look at the third character before the pattern.
    return fold(_AL_PREFIX.sub("", text) if text[2:3] in _AL_SEPARATORS else text)


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
    if "h" in s:
        s = _ASPIRATE.sub("", s)
    for a, b in _SKELETON_SUBS:
        if a in s:
            s = s.replace(a, b)
    head = "k" if s[0] in "cgkq" else s[0]
    # Vowels go, then each run of one consonant (the head included) becomes one letter.
    s = head + s[1:].translate(_VOWELS)
    return _DOUBLED.sub(r"\1", s) if _DOUBLED.search(s) else s  # most skeletons have no doubled letter


_ASPIRATE = compile_re(r"(?<=[kdtgb])h")
_VOWELS = str.maketrans("", "", "aeiouy")
_DOUBLED = compile_re(r"(.)\1+", re.S)


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
    n = min(len(a), len(b))
    if n < 3 or a[:3] != b[:3]:
        return False  # a stem has three letters at least
    k = 3
    while k < n and a[k] == b[k]:
        k += 1
    ea, eb = a[k:], b[k:]
    return all(e in DERIVATION_ENDINGS or (e.endswith("s") and e[:-1] in DERIVATION_ENDINGS) for e in (ea, eb))


@lru_cache(maxsize=65536)
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
    # The edit distance counts only between cores that begin with one letter, and only up to
    # two: it is computed no further than that (a skeleton match below asks for the rest).
    d = None
    if ca[0] == cb[0]:
        d = 0 if ca == cb else 1 if _within_one(ca, cb) else 2 if short >= 9 and _osa(ca, cb) == 2 else None
    if d == 1:
        kind = _edit_kind(ca, cb)
        if short >= 7 or (short >= 5 and kind in ("transpose", "double", "h")) or (short >= 6 and kind == "indel"):
            return 2, kind
        if short >= 4:
            return 1, kind
    if d == 2 and short >= 9:
        return 2, "two"
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and len(sa) >= 2 and (_osa(ca, cb) if d is None else d) <= (3 if max(len(ca), len(cb)) >= 7 else 2):
        # A shared consonant skeleton is the mark of transliteration (Serraj/Sarraj).
        return 1, "skeleton"
    if ca[0] != cb[0] and short >= 7 and ca[1:] == cb[1:]:
        return 1, "skeleton"
    return 0, ""




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

