"""Bounds that keep the name rules linear on hostile input, checked on their real output."""
from __future__ import annotations

import random
from array import array
from itertools import combinations

from copycheck.names import candidates, pairs
from copycheck.names.candidates import MAX_RUN_WORDS, extract


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()


def test_a_run_of_dozens_of_capitalised_words_has_no_candidates():
    rng = random.Random(7)
    words = [_word(rng) for _ in range(MAX_RUN_WORDS + 1)]
    names = extract("Mr Villarreal spoke. " + " ".join(words) + ". Villareal left.")
    assert "Villarreal" in names.index and "Villareal" in names.index
    assert not any(w in names.raw for w in words)
    # One word fewer is still a run of name candidates.
    assert all(w in extract(" ".join(words[1:]) + ".").raw for w in words[1:])


def test_bucketed_pairs_equal_one_sorted_index():
    """_large_pairs sorts its (key, form) entries bucket by bucket: the pairs and their order
    must be those of one sort of every entry (the former implementation, written out here)."""
    rng = random.Random(3)
    forms = sorted({_word(rng) for _ in range(3000)} | {"Villarreal", "Villareal", "Khodorkovsky"})
    mask = (1 << (63 - pairs._INDEX_BITS)) - 1
    entries = array("q")
    for i, form in enumerate(forms):
        for key in (*pairs._exact_keys(form), *pairs._edit_keys(form, True)):
            entries.append(((hash(key) & mask) << pairs._INDEX_BITS) | i)
    entries = sorted(entries)
    low = (1 << pairs._INDEX_BITS) - 1
    want, seen = [], set()
    a = 0
    while a < len(entries):
        h = entries[a] >> pairs._INDEX_BITS
        b = a + 1
        while b < len(entries) and entries[b] >> pairs._INDEX_BITS == h:
            b += 1
        if 2 <= b - a <= 20:
            for x, y in combinations(sorted({entries[k] & low for k in range(a, b)}), 2):
                if (x, y) not in seen:
                    seen.add((x, y))
                    want.append((forms[x], forms[y]))
        a = b
    got = list(pairs._large_pairs(forms, True))
    assert got == want
    assert ("Villareal", "Villarreal") in got


def test_a_long_run_is_skipped_to_its_end_and_the_next_run_counts():
    rng = random.Random(11)
    words = [_word(rng) for _ in range(3 * MAX_RUN_WORDS + 5)]
    text = "Mr Villarreal spoke. " + " ".join(words) + " al-Sarraj. Then Villareal left. "
    for names in (extract(text), extract(text + "Москва")):  # the fast and the reference patterns
        assert names.exotic == ("Москва" in names.text)
        assert not any(w in names.raw for w in words) and "al-Sarraj" not in names.raw
        assert {"Villarreal", "Villareal"} <= set(names.index)
        assert [forms for _, _, forms in names.runs][:2] == [("Mr", "Villarreal"), ("Then", "Villareal")]


def test_runs_split_from_the_memo_equal_a_first_split():
    """extract keeps how each run of several words splits (_SPLIT_RUNS): a second document with
    the same runs, long ones included, gets the same runs and spellings as the first."""
    rng = random.Random(5)
    long_run = " ".join(_word(rng) for _ in range(MAX_RUN_WORDS + 2))
    text = f"The Libyan National Army met Al Sarraj. {long_run}. Al-Sarraj left. In New York, the UN spoke."
    candidates._SPLIT_RUNS.clear()
    first = extract(text)
    assert None in candidates._SPLIT_RUNS.values()  # the long run's first match, too long to be prose
    again = extract(text)
    assert (again.runs, again.raw, again.long) == (first.runs, first.raw, first.long)
    assert [forms for _, _, forms in first.runs][:3] == [("Libyan", "National", "Army"), ("Al Sarraj",), ("Al-Sarraj",)]
    assert first.runs[0][0] == text.index("Libyan")  # the lead word "The" is left out
