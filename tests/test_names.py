"""Name spelling: within an article (NM001), the house list (NM002), across a run (NM003)."""
from __future__ import annotations

import json
import subprocess
import sys
import pytest

from conftest import ROOT, run_cli
from copycheck.document import Document
from copycheck.engine import RuleSet, check_document
from copycheck.registry import builtin_rules

RULES = {r.code: r for r in builtin_rules()}


def nm(text: str, code: str = "NM001", **options):
    rule = RULES[code]
    rs = RuleSet((rule,), {rule.name: options} if options else None)
    return check_document(Document.from_text(text, "a.txt"), rs)[0]


def spans(text: str, code: str = "NM001", **options):
    """(flagged text, fix replacement or None) for each finding."""
    return [(text[f.start:f.end], f.fix.replacement if f.fix else None) for f in nm(text, code, **options)]


@pytest.mark.parametrize("text,expected", [
    ("Mevlüt Çavuşoğlu spoke. Mr Çavuşoğlu said Mevlut Cavusoglu was misquoted.",
     [("Mevlüt", None), ("Mevlut", None), ("Cavusoglu", "Çavuşoğlu")]),  # Mevlüt/Mevlut tie: both, no fix
    ("PayPal said fake Paypal sites were removed. PayPal added more.", [("Paypal", "PayPal")]),
    ("WorldCom fell. WorldCom staff met Worldcom bosses.", [("Worldcom", "WorldCom")]),
    ("Fayez al-Sarraj spoke. Mr al-Sarraj said Al Sarraj would go.", [("Al Sarraj", "al-Sarraj")]),
    ("Villarreal won, Villarreal lost and Villareal drew.", [("Villareal", "Villarreal")]),
    ("Matsushita rose. Matsushita fell and Matshushita said so.", [("Matshushita", "Matsushita")]),
    ("DaimlerChrysler rose. DaimlerChrysler fell; DaimerChrysler said so.", [("DaimerChrysler", "DaimlerChrysler")]),
    ("Mikhail Khodorkovsky is in jail. Mr Khodorkovsky spoke. Mr Khordokovsky agreed.", [("Khordokovsky", "Khodorkovsky")]),
    ("Khalifa Hifter advanced. Khalifa Hifter spoke. Khalifa Haftar agreed.", [("Haftar", "Hifter")]),
    ("Muammar Gaddafi ruled. Gaddafi died. Col Qaddafi's son spoke.", [("Qaddafi", "Gaddafi")]),
    ("Hassan Youssef spoke. Youssef agreed. Mr Yusuf left.", [("Yusuf", "Youssef")]),
    ("Fayez al-Sarraj met envoys. Fayez al-Sarraj agreed. Faiez Serraj left.",
     [("Faiez", "Fayez"), ("Serraj", "al-Sarraj")]),
    ("The Libyan National Army advanced. The Libyan National Army fled. The Libya National Army lost.",
     [("Libya National Army", "Libyan National Army")]),
])
def test_variants_flagged_at_exact_span(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "Shadow home secretary David Davis spoke. Mr Davis said David Blunkett was wrong.",
    "Shane Horgan scored twice. Marcus Horan was replaced. Horgan and Horan hugged.",
    "Ronald Reagan met Donald Regan. Reagan smiled; Regan did not.",
    "Matthew Upson trained at Upton Park. Upson was fit.",
    "Austrian and Australian fans met. The Olympics drew Olympians.",
    "Police said police had left. Police returned. Later, later ones came.",
    "Michael Owen and Michel Platini met. Jennifer Lopez sang. Singer Jenifer won.",
    "Bolton beat Boston. Bolton will play Boston again.",
    "Steve Winwood and Stevie Wonder played with Bryan Ferry and Brian Eno.",
    "Lian Chia Liang, an economist, spoke.",
])
def test_different_names_not_flagged(text):
    assert nm(text) == []


def test_message_names_majority_and_where_it_first_appears():
    text = "Intro line.\nMikhail Khodorkovsky is in jail.\nMr Khodorkovsky spoke. Mr Khordokovsky agreed."
    (f,) = nm(text)
    assert f.code == "NM001" and (f.line, f.column) == (3, 27)
    assert "“Khodorkovsky”" in f.message and "2 times, first at 2:9" in f.message
    assert f.fix is not None and not f.fix.safe


def test_seed_is_consistent_within_itself():
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json", "--select", "NM001")
    assert run.code == 0 and run.json() == []


def test_house_list_on_seed():
    """The issue's three examples, with the shipped house list."""
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json", "--select", "NM", "--names", "default")
    got = [(f["line"], f["column"], f["message"].split("not “")[1].split("”")[0], f["fix"]["replacement"])
           for f in run.json()]
    assert (7, 127, "Faiez Serraj", "Fayez al-Sarraj") in got
    assert (7, 201, "Khalifa Haftar", "Khalifa Hifter") in got
    assert (7, 244, "Libya National Army", "Libyan National Army") in got
    assert (15, 93, "Serraj", "al-Sarraj") in got
    assert sum(1 for g in got if g[2] == "Haftar") == 9


def test_house_list_beats_a_consistent_article(tmp_path):
    house = tmp_path / "names.toml"
    house.write_text('[[name]]\ncanonical = "Ahmed Mahmoud"\nvariants = ["A. Mahmood"]\nnote = "Our style."\n',
                     encoding="utf-8")
    text = "Ahmed Mahmud spoke. Mr Mahmud left. Ahmed Mahmoud is right."
    found = spans(text, "NM002", list=str(house))
    assert found == [("Ahmed Mahmud", "Ahmed Mahmoud"), ("Mahmud", "Mahmoud")]
    assert nm(text, "NM002", list=str(house))[0].message.endswith("Our style.")


def test_house_list_not_on_by_default():
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json")
    assert [f for f in run.json() if f["code"].startswith("NM")] == []


def test_bad_house_list_is_a_usage_error(tmp_path):
    bad = tmp_path / "names.toml"
    bad.write_text("[[name]]\nvariants = ['x']\n", encoding="utf-8")
    run = run_cli("seeds/", "--names", str(bad))
    assert run.code == 2 and "needs a canonical" in run.err
    run = run_cli("seeds/", "--names", str(tmp_path / "missing.toml"))
    assert run.code == 2 and "cannot read name list" in run.err


def _repo(tmp_path, majority: int = 20):
    for i in range(majority):
        (tmp_path / f"a{i:02}.txt").write_text(f"Mevlüt Çavuşoğlu spoke on day {i}. Çavuşoğlu left.\n",
                                               encoding="utf-8")
    (tmp_path / "odd.txt").write_text("Turkish minister Mevlut Cavusoglu spoke.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_repository_variant_across_files(tmp_path, jobs):
    _repo(tmp_path)
    run = run_cli(str(tmp_path), "--format", "json", "--jobs", jobs)
    found = [(f["path"].rsplit("/", 1)[1], f["code"], f["column"], f["fix"]["replacement"]) for f in run.json()]
    assert found == [("odd.txt", "NM003", 18, "Mevlüt"), ("odd.txt", "NM003", 25, "Çavuşoğlu")]
    msg = run.json()[1]["message"]
    assert "“Cavusoglu” stands where 20 other files write “Mevlüt Çavuşoğlu”" in msg and "a00.txt" in msg
    assert run.code == 1


def test_repository_variant_in_an_html_article_is_placed_in_the_source(tmp_path):
    """NM003 spans come from the decoded text; in HTML they are reported at the source's offsets."""
    _repo(tmp_path)
    (tmp_path / "odd.txt").unlink()
    src = "<p>The &amp; <em>Turkish</em> minister Mevlut Cavusoglu spoke.</p>\n"
    (tmp_path / "odd.html").write_text(src, encoding="utf-8")
    run = run_cli(str(tmp_path), "--format", "json", "--select", "NM003", "--isolated")
    found = [(f["path"].rsplit("/", 1)[1], src[f["start"]:f["end"]], f["column"]) for f in run.json()]
    assert found == [("odd.html", "Mevlut", src.index("Mevlut") + 1), ("odd.html", "Cavusoglu", src.index("Cavusoglu") + 1)]


def test_precommit_sees_repository_through_index(tmp_path):
    """pre-commit passes one changed file; the committed index supplies the majority."""
    _repo(tmp_path)
    alone = run_cli("odd.txt", "--format", "json", cwd=tmp_path)
    assert alone.json() == []
    made = run_cli("names", ".", "--write-index", cwd=tmp_path)
    assert made.code == 0, made.err
    index = json.loads((tmp_path / ".copycheck-names.json").read_text(encoding="utf-8"))
    count, initial, foreign, context = index["files"]["a00.txt"]["Çavuşoğlu"]
    assert (count, initial, foreign) == (2, 1, 0) and context["<Mevlüt"] == 1  # "Çavuşoğlu left." opens a sentence
    run = run_cli("odd.txt", "--format", "json", cwd=tmp_path)
    assert [f["code"] for f in run.json()] == ["NM003", "NM003"]
    # A fixed file replaces its own (stale) index entry.
    (tmp_path / "odd.txt").write_text("Turkish minister Mevlüt Çavuşoğlu spoke.\n", encoding="utf-8")
    assert run_cli("odd.txt", "--format", "json", cwd=tmp_path).json() == []


def test_names_command_json_and_table(tmp_path):
    _repo(tmp_path, majority=3)
    run = run_cli("names", str(tmp_path), "--format", "json")
    rows = run.json()
    assert rows[0]["name"] == "Çavuşoğlu" and rows[0]["files"] == 3 and rows[0]["count"] == 6
    assert rows[0]["variants"][0]["form"] == "Cavusoglu" and rows[0]["variants"][0]["files"] == 1
    table = run_cli("names", str(tmp_path))
    assert table.code == 0 and "Çavuşoğlu" in table.out and "Cavusoglu (1, 1," in table.out
    every = run_cli("names", str(tmp_path), "--format", "json", "--all").json()
    # "Turkish" only opens a sentence: its capital says nothing, so it is no name.
    assert "Mevlüt" in {r["name"] for r in every} and not {"Spoke", "Turkish"} & {r["name"] for r in every}


def test_long_text_has_no_quadratic_blow_up():
    """100k words with 4,000 distinct names: pairs come from shared keys, not from all pairs."""
    import random

    from copycheck.names.pairs import ALL_PAIRS_LIMIT, candidate_pairs

    rnd = random.Random(1)
    letters = "abcdefghiklmnoprstuvz"
    names = sorted({"".join(rnd.choice(letters) for _ in range(rnd.randint(5, 10))).capitalize()
                    for _ in range(4000)})
    assert len(names) > ALL_PAIRS_LIMIT
    pairs = list(candidate_pairs(names))
    assert len(pairs) < 5 * len(names)  # all pairs would be about 8 million
    words = []
    for i in range(20000):
        words.extend([rnd.choice(names), "said", "the", "minister", "today."])
    assert isinstance(nm(" ".join(words)), list)


def test_import_stays_light():
    code = "import copycheck, sys; print([m for m in ('rapidfuzz', 'anyascii') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_names_pack_and_config_key_switch_the_house_list_on(tmp_path):
    """`--pack names`, `packs = ["names"]` and `names = "default"` all mean the shipped house list."""
    p = tmp_path / "a.txt"
    p.write_text("Talks with Faiez Serraj went on.\n", encoding="utf-8")
    want = [(1, 12, "NM002")]
    got = lambda run: [(f["line"], f["column"], f["code"]) for f in run.json() if f["code"] == "NM002"]  # noqa: E731
    assert got(run_cli(str(p), "--format", "json", "--isolated")) == []
    assert got(run_cli(str(p), "--format", "json", "--isolated", "--pack", "names")) == want
    (tmp_path / "copycheck.toml").write_text('packs = ["names"]\n', encoding="utf-8")
    assert got(run_cli(str(p), "--format", "json")) == want
    (tmp_path / "copycheck.toml").write_text('names = "house.toml"\n', encoding="utf-8")
    (tmp_path / "house.toml").write_text('[[name]]\ncanonical = "Fayez Sarraj"\n', encoding="utf-8")
    run = run_cli(str(p), "--format", "json")
    assert got(run) == want and "Fayez Sarraj" in run.json()[0]["message"]
    (tmp_path / "copycheck.toml").write_text("names = 3\n", encoding="utf-8")
    bad = run_cli(str(p))
    assert bad.code == 2 and "key 'names'" in bad.err


# --- Speed paths must find exactly what the reference (`regex` module) patterns find ---------

def test_fast_classes_match_the_regex_module_over_the_fast_range():
    import re

    import regex

    from copycheck.names import candidates as ns

    upper, letter, word = (re.compile(f"[{c}]") for c in (ns._UPPER, ns._LETTER, ns._WORD_CLASS))
    ref_upper, ref_letter, ref_word = (regex.compile(p) for p in (r"\p{Lu}", r"[\p{L}\p{M}]", r"[\w'’\-]"))
    for cp in [*range(0x250), *range(0x2000, 0x2070), *range(0x20A0, 0x20D0), 0xFFFC, 0xFFFD]:
        ch = chr(cp)
        assert ns._OUTSIDE.match(ch) is None
        assert bool(upper.match(ch)) == bool(ref_upper.match(ch)), hex(cp)
        assert bool(letter.match(ch)) == bool(ref_letter.match(ch)), hex(cp)
        assert (ch in ns._WORD_CHARS) == bool(ref_word.match(ch)), hex(cp)
        assert bool(word.match(ch)) == bool(ref_word.match(ch)), hex(cp)
        assert ch.isalpha() == bool(regex.match(r"\p{L}", ch)), hex(cp)  # _prev_word uses isalpha
    assert ns._OUTSIDE.match("\u0250") and ns._OUTSIDE.match("\u2070") and ns._OUTSIDE.match("\u20d0")
    assert ns._OUTSIDE.match("\ufffb") and ns._OUTSIDE.match("\ufffe")


def _reference_spans(text):
    from copycheck.names.candidates import _patterns

    return [m.span() for m in _patterns()[0].finditer(text)]


@pytest.mark.parametrize("text", [
    "Fayez al-Sarraj met Al-O'Brien and el‐Baradei; x-Ray, iPhone Xs, 3D Al- Sarraj.",
    "al-Sarraj, Xal-Sarraj, Al-al-Sarraj, Ar‐Rashid al-", "O'Neill’s D’Arcy McDonald-Smith Çavuşoğlu\u00a0Erdoğan",
    "_Foo -Bar 'Baz ’Qux ‐Quux Ǆemal ǅemal ×Ab",
])
def test_fast_runs_equal_reference_runs(text):
    from copycheck.names.candidates import _fast_spans, _latin1

    assert _fast_spans(text, _latin1(text)) == _reference_spans(text)


def test_fast_runs_equal_reference_runs_on_random_text():
    import random

    from copycheck.names.candidates import _OUTSIDE, _fast_spans, _latin1, _patterns, _prev_word

    alphabet = [*"aAlLeEdDsSrRxZ -‐'’_0.\n\u00a0ÉéşŞ×ǅǄ\u201c\ufffc", "Al-", "al-", "El‐", "ar-", "Mr "]
    prev_ref = _patterns()[1]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        assert _OUTSIDE.search(text) is None
        assert _fast_spans(text, _latin1(text)) == _reference_spans(text), text
        for hi in range(len(text) + 1):
            m = prev_ref.search(text, max(0, hi - 6), hi)
            assert _prev_word(text, max(0, hi - 6), hi) == (m.group(1) if m else None), (text, hi)


def test_latin1_table_keeps_every_class_of_each_character():
    import re

    from copycheck.names import candidates as ns

    table, _ = ns._latin_plain()
    classes = [re.compile(f"[{c}]") for c in (ns._UPPER, ns._LETTER, ns._WORD_CLASS, "'’", " \u00a0", "-")]
    for cp in range(256):
        ch, mark = chr(cp), chr(table[cp])
        assert [bool(c.match(ch)) for c in classes] == [bool(c.match(mark)) for c in classes], hex(cp)
        assert (ch == "\n") == (mark == "\n"), hex(cp)  # `.` excludes a line break alone


def test_latin1_runs_equal_reference_runs_on_random_text():
    import random

    from copycheck.names.candidates import _fast_spans, _latin1

    alphabet = [*map(chr, range(256)), *"AaZzÉéÞß  -'\n\u00a0", "Mr ", "O'", "-Smith"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        assert _fast_spans(text, _latin1(text)) == _fast_spans(text, None) == _reference_spans(text), text


@pytest.mark.skipif(sys.version_info < (3, 11), reason="`re` has possessive repeats from Python 3.11")
def test_possessive_plain_runs_equal_greedy_ones():
    import random
    import re

    from copycheck.names import candidates as ns

    sources = [(ns._UPPER, ns._LETTER, "'’", ns._WORD_CLASS, " \u00a0"), ("A", "Aa", "'", "Aa0'\\-", " ")]
    alphabet = [*"AaZzÉé'’-_0. \n\u00a0", "O'", "-Smith", "’s"]
    rng = random.Random(5)
    for args in sources:
        own, greedy = (re.compile(ns._plain_run(*args, own=o)) for o in ("+", ""))
        assert own.pattern != greedy.pattern
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
            assert [m.span() for m in own.finditer(text)] == [m.span() for m in greedy.finditer(text)], text


def test_text_outside_the_fast_range_uses_the_reference_patterns():
    text = "Villarreal won in Мадрид. Villarreal lost. Mr Villareal drew."
    assert Document.from_text(text, "a.txt").names.exotic
    assert spans(text) == [("Villareal", "Villarreal")]


def _scored(pairs):
    from copycheck.names.spelling import string_strength

    return {p for p in pairs if string_strength(*p)[0] > 0}


def test_article_pairs_keep_every_scored_candidate_pair_on_random_spellings():
    """NM001's pairs are candidate_pairs' pairs, and every one of those that string evidence scores."""
    import random

    from copycheck.names.pairs import article_pairs, candidate_pairs

    rng = random.Random(5)
    for _ in range(400):
        forms = set()
        for _ in range(rng.randint(1, 8)):
            base = "".join(rng.choice("aeiklmnrst") for _ in range(rng.randint(2, 11)))
            for _ in range(rng.randint(1, 8)):
                w = list(base)
                for _ in range(rng.randint(0, 2)):
                    op, k = rng.randint(0, 3), rng.randrange(len(w) + 1)
                    if op == 0:
                        w.insert(k, rng.choice("aehkl"))
                    elif op == 1 and k < len(w):
                        del w[k]
                    elif op == 2 and k < len(w):
                        w[k] = rng.choice("aehkl")
                    elif op == 3 and k + 1 < len(w):
                        w[k], w[k + 1] = w[k + 1], w[k]
                if w:
                    forms.add("".join(w).capitalize())
        forms = sorted(forms)
        got, want = article_pairs(forms), set(candidate_pairs(forms))
        assert got <= want and _scored(got) == _scored(want), forms


def test_article_pairs_compare_every_first_letter_when_a_key_is_crowded():
    """Past 50 spellings an exact key is not counted, so a pair it would give ("Gkadafi" and
    "Kadafi", one skeleton) must come from edit distance, across first letters."""
    from itertools import product

    from copycheck.names.pairs import MAX_KEY_FORMS, article_pairs, candidate_pairs

    forms = sorted({f"K{a}d{b}f{c}" for a, b, c in product("aeiou", "aeiou", ("a", "e", "ee", "i"))} | {"Gkadafi"})
    assert len(forms) > MAX_KEY_FORMS
    got, want = article_pairs(forms), set(candidate_pairs(forms))
    assert ("Gkadafi", "Kadafi") in _scored(want)
    assert got <= want and _scored(got) == _scored(want)


def test_osa_distance_equals_rapidfuzz():
    import random

    from rapidfuzz.distance import OSA

    from copycheck.names.spelling import _within_one, osa_distance

    rng = random.Random(3)
    for _ in range(20000):
        x, y = ("".join(rng.choice("abc") for _ in range(rng.randint(0, 9))) for _ in range(2))
        d = OSA.distance(x, y)
        assert osa_distance(x, y) == d, (x, y)
        assert _within_one(x, y) == (d <= 1), (x, y)
        assert min(osa_distance(x, y, 2), 3) == min(d, 3), (x, y)


def test_fold_without_anyascii_equals_anyascii():
    import random

    from anyascii import anyascii

    from copycheck.names.spelling import fold

    def reference(text):
        return "".join(ch for ch in anyascii(text).lower() if ch.isalpha())

    chars = [chr(c) for c in [*range(0x250), 0x2019, 0x2010, 0x0301, 0x0416, 0x00A0]]
    for ch in chars:
        assert fold(ch) == reference(ch), hex(ord(ch))
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 8)))
        assert fold(text) == reference(text), text


def test_single_pair_distance_is_the_same_before_and_after_rapidfuzz_takes_over(monkeypatch):
    from copycheck.names import spelling

    pairs = [("sarraj", "serraj"), ("khodorkovsky", "khordokovsky"), ("abcdef", "fedcba"), ("haftar", "hifter")]
    monkeypatch.setattr(spelling, "_pure_osa_calls", 0)
    pure = [spelling._osa(a, b) for a, b in pairs]
    monkeypatch.setattr(spelling, "_pure_osa_calls", spelling._PURE_OSA_LIMIT)
    assert [spelling._osa(a, b) for a, b in pairs] == pure == [1, 2, 4, 2]


def test_an_article_in_latin_script_checks_names_without_heavy_imports():
    code = (
        "import sys\n"
        "from copycheck.document import Document\n"
        "from copycheck.engine import RuleSet, check_document\n"
        "from copycheck.registry import builtin_rules\n"
        "rules = tuple(r for r in builtin_rules() if r.code.startswith('NM'))\n"
        "text = 'Mevlüt Çavuşoğlu spoke for £5. Mr Çavuşoğlu said Mevlut Cavusoglu was misquoted. Fayez al-Sarraj left.'\n"
        "found = check_document(Document.from_text(text, 'a.txt'), RuleSet(rules))[0]\n"
        "print(len(found), sorted(m for m in ('regex', 'rapidfuzz', 'anyascii') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split(" ", 1)[1].strip() == "[]", out
    assert int(out.split()[0]) >= 2, out


# --- Ties in NM001, context across files (NM003), the index, the names table ----------------

def test_a_tie_points_at_both_spellings_and_says_neither_is_known():
    text = "Tomas Brevik spoke. Later Tomas Bervik left."
    found = nm(text)
    assert [(text[f.start:f.end], f.fix) for f in found] == [("Brevik", None), ("Bervik", None)]
    assert "neither is known to be right" in found[0].message and found[0].message == found[1].message


def test_the_house_list_decides_a_tie(tmp_path):
    house = tmp_path / "names.toml"
    house.write_text('[[name]]\ncanonical = "Tomas Bervik"\n', encoding="utf-8")
    text = "Tomas Brevik spoke. Later Tomas Bervik left."
    assert spans(text, house=str(house)) == [("Brevik", "Bervik")]
    assert "house name list" in nm(text, house=str(house))[0].message


def _write(folder, texts):
    for i, text in enumerate(texts):
        (folder / f"f{i:02}.txt").write_text(text + "\n", encoding="utf-8")


def _nm003(folder, *args):
    run = run_cli(str(folder), "--format", "json", "--select", "NM003", "--isolated", *args)
    return [(f["path"].rsplit("/", 1)[1], f["message"]) for f in run.json()]


def test_same_context_flags_a_short_transposed_name(tmp_path):
    _write(tmp_path, [f"The host Piers Morvan spoke on day {i}. Morvan was late." for i in range(19)]
           + ["The host Piers Mrovan spoke. Mrovan was late."])
    found = _nm003(tmp_path)
    assert [p for p, _ in found] == ["f19.txt", "f19.txt"]
    assert "“Mrovan” stands where 19 other files write “Piers Morvan”" in found[0][1]


def test_different_context_is_a_different_entity(tmp_path):
    """An economist called MacLeod is not the Macleod laptop; Carolan Systems Inc is no misspelt Carolina."""
    _write(tmp_path, [f"The new Macleod laptop sold well in week {i}. Buyers in North Carolina queued." for i in range(8)]
           + ["The economist Anna MacLeod said so. Carolan Systems Inc agreed, and Carolan Systems Inc grew."])
    assert _nm003(tmp_path) == []


def test_a_shift_key_slip_is_flagged_whatever_the_context(tmp_path):
    _write(tmp_path, [f"Ivan Markov scored on day {i}. Markov smiled." for i in range(8)] + ["Coach Olga MArkov spoke."])
    found = _nm003(tmp_path)
    assert [p for p, _ in found] == ["f08.txt"] and "shift-key slip" in found[0][1]


def test_sentence_initial_capitals_and_foreign_phrases_are_not_variants(tmp_path):
    _write(tmp_path, [f"Fighters of al-Shabaab struck on day {i}, and the Chamber of Trade said so." for i in range(8)]
           + ["Al-Shabaab, for example, struck. The Chambre de Commerce met."])
    assert _nm003(tmp_path) == []


def test_case_variants_used_in_several_files_are_a_house_style_question(tmp_path):
    _write(tmp_path, [f"The magazine MacWorld wrote on day {i}." for i in range(8)]
           + [f"The magazine Macworld wrote again on day {i}." for i in range(2)])
    assert _nm003(tmp_path) == []
    rows = run_cli("names", str(tmp_path), "--format", "json").json()
    assert rows[0]["name"] == "MacWorld" and rows[0]["variants"][0] == {
        "form": "Macworld", "files": 2, "count": 2, "example": str(tmp_path / "f08.txt"), "question": True}


def test_names_table_says_so_when_nothing_varies(tmp_path):
    _write(tmp_path, ["Background checks matter. Critics disagree with Ulla Fenwick.", "Ulla Fenwick left."])
    run = run_cli("names", str(tmp_path))
    assert run.code == 0 and run.out.strip() == "No name is spelled more than one way in 2 files."
    every = {r["name"] for r in run_cli("names", str(tmp_path), "--all", "--format", "json").json()}
    assert every == {"Ulla", "Fenwick"}  # not the sentence-initial "Background" or "Critics"


def test_index_is_found_at_the_repository_root_from_a_subfolder(tmp_path):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "desk" / "today"
    sub.mkdir(parents=True)
    _write(tmp_path / "desk", [f"Mevlüt Çavuşoğlu spoke on day {i}." for i in range(6)])
    assert run_cli("names", ".", "--write-index", cwd=tmp_path).code == 0
    (sub / "odd.txt").write_text("Turkish minister Mevlut Cavusoglu spoke.\n", encoding="utf-8")
    run = run_cli("odd.txt", "--format", "json", cwd=sub)
    assert [f["code"] for f in run.json()] == ["NM003", "NM003"], run.err


def test_a_corrupt_index_warns_and_the_run_goes_on(tmp_path):
    _repo(tmp_path)
    index = tmp_path / ".copycheck-names.json"
    index.write_text('{"version": 2,\n<<<<<<< HEAD\n "files": {}\n=======\n>>>>>>> other\n}\n', encoding="utf-8")
    run = run_cli(".", "--format", "json", cwd=tmp_path)
    assert run.code == 1 and [f["path"] for f in run.json()] == ["./odd.txt", "./odd.txt"]
    assert "note: .copycheck-names.json" in run.err and "cannot read name index" in run.err


def test_summaries_pickle_and_tallies_combine_in_any_grouping():
    import pickle

    from copycheck.names import repo

    texts = [f"Ivan Markov scored on day {i}. Markov smiled." for i in range(6)] + ["Ivan Makrov left."]
    files = [repo.collect(Document.from_text(t, f"f{i}.txt")) for i, t in enumerate(texts)]
    assert pickle.loads(pickle.dumps(files)) == files
    whole = repo.tally(files)
    parts = repo.combine(repo.combine(repo.tally(files[:2]), repo.tally(files[2:5])), repo.tally(files[5:]))
    assert parts == whole
    assert set(repo.verdicts(parts)) == {"Makrov"}
    spans, present = repo.positions(["Makrov"], "f6.txt", Document.from_text(texts[-1], "f6.txt"))
    assert spans == {"Makrov": ((5, 11),)} and "Ivan" in present


def test_lowercase_word_sets_answer_as_the_text_scan_did(monkeypatch):
    import random

    from copycheck.names import candidates
    from copycheck.names.candidates import _occurs_as_word, extract

    monkeypatch.setattr(candidates, "SCAN_LIMIT", -1)  # the sets, as a long text uses them

    rng = random.Random(9)
    alphabet = ["al", "Al", "o", "neill", "Neill", "-", "’", "'", " ", ".", "sarraj", "x", "é", "\u0301"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        names = extract(text)
        assert not names._scan
        for low in ("al-sarraj", "o'neill", "o’neill", "sarraj", "al sarraj", "neill", "x-al-o"):
            assert names._written_lower(low) == _occurs_as_word(text, low), (text, low)


def test_a_tie_between_multi_word_names_gets_no_fix():
    text = "The Libyan National Army advanced. The Libya National Army lost."
    found = nm(text)
    assert [(text[f.start:f.end], f.fix) for f in found] == [("Libyan National Army", None), ("Libya National Army", None)]


def test_a_word_in_a_foreign_phrase_is_no_variant_within_an_article():
    assert nm("The Bernabeu was full. Bernabeu fans sang. A paper wrote: en el Bernabéu hubo fiesta.") == []


def test_the_repository_decides_an_nm001_tie(tmp_path):
    _write(tmp_path, [f"Coach Tomas Bervik spoke on day {i}." for i in range(6)]
           + ["Tomas Brevik spoke. Later Tomas Bervik left."])
    run = run_cli(str(tmp_path), "--format", "json", "--select", "NM001,NM003", "--isolated")
    found = [(f["path"].rsplit("/", 1)[1], f["code"], f["fix"]["replacement"] if f["fix"] else None) for f in run.json()]
    assert found == [("f06.txt", "NM001", "Bervik")]
    assert "the repository writes “Bervik” in 7 files" in run.json()[0]["message"]


def test_initial_fast_path_equals_the_sentence_end_pattern():
    """_initial skips its pattern after "<word> ", where it cannot match: the answers must not change."""
    import random

    from copycheck.names.context import _SENTENCE_END, _initial
    from copycheck.names.words import TITLES

    def reference(text, start):
        m = _SENTENCE_END.search(text, max(0, start - 12), start)
        if m is None:
            return False
        if text[m.start():m.start() + 1] == ".":
            i = m.start()
            while i > 0 and m.start() - i < 6 and text[i - 1].isalpha():
                i -= 1
            word = text[i:m.start()]
            return not (word.lower() in TITLES or len(word) == 1)
        return True

    rng = random.Random(4)
    alphabet = [*"aAxZ .\n\t!?…'\"’”)]“‘([*_>#-,0é", "Mr. ", "J. ", "\n\n", ". "]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        for start in range(len(text) + 1):
            assert _initial(text, start) == reference(text, start), (text, start)


def test_letters_finds_rare_triples_as_a_count_would():
    """Letters looks triples up in one joined string: the answer must be a count's (at most one spelling)."""
    import random

    from copycheck.names.evidence import Letters
    from copycheck.names.spelling import fold

    rng = random.Random(8)
    forms = sorted({"".join(rng.choice("anbsè") for _ in range(rng.randint(1, 7))).capitalize() for _ in range(300)})
    letters = Letters(forms)
    lines = [f"^{fold(f)}$" for f in forms]
    for tri in {line[i:i + 3] for line in lines for i in range(len(line) - 2)} | {"qqq", "^zz"}:
        assert letters._rare(tri) == (sum(tri in line for line in lines) <= 1), tri


def test_headlines_without_a_heading_equal_the_line_loop():
    """headlines looks only at the first line with text when there is no "#": the same spans as its loop."""
    import random

    from copycheck.names.context import _END_PUNCT, headlines

    def reference(text):
        out, first, pos = [], True, 0
        for line in text.split("\n"):
            end = pos + len(line)
            body = line.strip()
            if body:
                if body.startswith("#") or (first and not body.endswith(_END_PUNCT) and len(body) < 300):
                    out.append((pos, end))
                first = False
            pos = end + 1
        return out

    rng = random.Random(6)
    alphabet = [*"ab .!\n\n\t\r\u00a0\u2028\u3000”", "Head", "line."]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert headlines(text) == reference(text), repr(text)
    assert headlines("x" * 400) == reference("x" * 400) == []


def test_may_flag_passes_every_pair_that_string_evidence_gives_a_verdict_for():
    """may_flag lets related skip a pair only when string_strength scores it 0 or "skeleton"."""
    import random
    from itertools import combinations

    from copycheck.names.evidence import may_flag
    from copycheck.names.spelling import string_strength

    rng = random.Random(11)
    passed = 0
    for _ in range(300):
        base = "".join(rng.choice("aeiklmnrsthé") for _ in range(rng.randint(1, 12)))
        forms = {base.capitalize()}
        for _ in range(rng.randint(1, 8)):
            w = list(base)
            for _ in range(rng.randint(0, 3)):
                op, k = rng.randint(0, 4), rng.randrange(len(w) + 1)
                if op == 0:
                    w.insert(k, rng.choice("aehkl'-"))
                elif op == 1 and k < len(w):
                    del w[k]
                elif op == 2 and k < len(w):
                    w[k] = rng.choice("aehklK")
                elif op == 3 and k + 1 < len(w):
                    w[k], w[k + 1] = w[k + 1], w[k]
                elif op == 4:
                    w[:0] = rng.choice(["al-", "Al-", "Al ", "el-"])
            if w:
                forms.add("".join(w).capitalize() if rng.random() < 0.8 else "".join(w).upper())
        for a, b in combinations(sorted(forms), 2):
            strength, kind = string_strength(a, b)
            if strength == 3 or strength > 0 and kind != "skeleton":
                assert may_flag(a, b) and may_flag(b, a), (a, b, strength, kind)
                passed += 1
    assert passed > 500


def _names_file(path, uses):
    """A FileNames from (form, count, context keys) triples."""
    from copycheck.names.context import FileNames, SpellingCounts

    return FileNames(path, tuple(SpellingCounts(f, n, 0, 0, tuple((k, 1) for k in ks)) for f, n, ks in sorted(uses)))


def test_verdicts_equal_the_verdicts_weighed_in_pair_order():
    """verdicts weighs only the pairs that may flag, in no order: the same verdicts as every pair
    in shared_key_pairs' order, also where two majorities used equally often both outvote a minority."""
    import random

    from copycheck.names import repo

    # "Kaddafi" beside "Muammar", as "Kadafi" and "Kaddaffi" are in five files each: a tie.
    for majors in (("Kadafi", "Kaddaffi"), ("Kaddaffi", "Kadafi"), ("Kadaffi", "Kadafi")):
        files = [_names_file(f"m{i}.txt", [(majors[i % 2], 2, ["<Muammar"])]) for i in range(10)]
        files.append(_names_file("odd.txt", [("Kaddafi", 1, ["<Muammar"])]))
        t = repo.tally(files)
        assert repo.verdicts(t) == repo._verdicts_in_order(t) and "Kaddafi" in repo.verdicts(t)
    rng = random.Random(3)
    for _ in range(30):
        bases = ["".join(rng.choice("aeiklmnrst") for _ in range(rng.randint(3, 10))).capitalize() for _ in range(12)]
        forms = []
        for base in bases:
            forms.append(base)
            for _ in range(rng.randint(0, 4)):
                k = rng.randrange(1, len(base))
                forms.append(rng.choice([base[:k] + base[k + 1:], base[:k] + "e" + base[k:], base[:k] + base[k:].upper(),
                                         base[:k] + base[k - 1] + base[k:]]))
        given = ["<Ivan", "<Anna", ">Inc", "l:said", "t:mr"]
        files = []
        for i in range(40):
            uses = {}
            for f in rng.sample(forms, rng.randint(1, 8)):
                uses[f] = (f, rng.randint(1, 3), rng.sample(given, rng.randint(0, 2)))
            for f in forms[: rng.randint(0, 6)]:  # the first spellings are in most files: majorities
                uses[f] = (f, 2, [given[len(f) % 2]])
            files.append(_names_file(f"f{i}.txt", uses.values()))
        t = repo.tally(files)
        assert repo.verdicts(t) == repo._verdicts_in_order(t)


def test_run_tally_by_chunks_equals_the_tally_of_all_files(monkeypatch):
    """RunTally tallies results CHUNK at a time: read at any point, it is the tally of every result so far."""
    from copycheck.names import repo
    from copycheck.runner import FileResult

    monkeypatch.setattr(repo.RunTally, "CHUNK", 3)
    texts = [f"Ivan Markov scored on day {i}. Markov smiled beside Anna Lee." for i in range(8)] + ["Ivan Makrov left."]
    files = [repo.collect(Document.from_text(t, f"f{i}.txt")) for i, t in enumerate(texts)]
    run = repo.RunTally()
    for i, f in enumerate(files):
        run.add(FileResult(f.path, names=f))
        run.add(FileResult(f.path))  # no name summary: skipped
        assert run.files == i + 1
        if i in (1, 7):  # mid-chunk, after two flushes of a full chunk each
            assert run.tally == repo.tally(files[:i + 1])
    assert run.tally == repo.tally(files) and set(repo.verdicts(run.tally, run.spread())) == {"Makrov"}


def test_run_tally_spread_equals_the_spread_of_its_tally(monkeypatch):
    """RunTally counts the spellings beside each context key as it tallies: evidence.spread's counts."""
    import random

    from copycheck.names import repo
    from copycheck.names.evidence import spread
    from copycheck.runner import FileResult

    monkeypatch.setattr(repo.RunTally, "CHUNK", 4)
    rng = random.Random(2)
    keys = ["<Mevlüt", "<Mevlut", "<MEVLUT", ">Inc", ">inc", "l:said", "t:mr", "p:de Gaulle", "p:de GAULLE", "<Anna"]
    files = [_names_file(f"f{i}.txt", {f: (f, 1, rng.sample(keys, rng.randint(0, 4)))
                                       for f in rng.sample([f"Name{j}" for j in range(30)], 5)}.values())
             for i in range(40)]
    run = repo.RunTally()
    for f in files[:30]:
        run.add(FileResult(f.path, names=f))
    t = run.add_files(files[30:])  # as the index's other files are added
    assert t == repo.tally(files) and run.spread() == spread(t)
    assert run.spread()["<mevlut"] == sum(1 for u in t.values() for k in u.context if k in keys[:3]) > 0
