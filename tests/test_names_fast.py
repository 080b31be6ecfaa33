"""The cross-file names phase's fast paths give exactly what the plain code gives."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copycheck.names.candidates import extract
from copycheck.names.context import (
    _AFTER, _ENDS_BEFORE_SPACE, _PARTICLE_BEFORE, MAX_CONTEXT, PARTICLES, SpellingCounts, _in, _initial,
    file_spellings, headlines,
)
from copycheck.names.words import COMMON_WORDS, TITLES

# Names, titles, particles, lowercase words and the punctuation around them, so that runs of
# capitals open sentences, follow particles, share neighbours and repeat.
_PIECES = ["Piers", "Morgan", "Blair", "Mr", "Sheikh", "de", "la", "y", "und", "Gaulle", "Banco", "Nación",
           "laptop", "said", "and", "the", "ed", "Smith", "J.", "Mr.", "Inc", " ", " ", " ", "  ", "\n", "\n\n",
           ". ", ", ", "\"", "“", "(", "# ", "- ", "é", "Élodie", "O'Brien", "al-Sarraj", "Al Sarraj", "a"]
TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)
FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _plain_spellings(names) -> tuple[SpellingCounts, ...]:
    """file_spellings as a plain loop: every use in turn, every key in a dict, the patterns always run."""
    text, runs = names.text, names.runs
    heads = headlines(text)
    starts = [a for a, _ in heads]
    out = []
    for form in sorted(names.index):
        ctx: dict[str, int] = {}
        initial = foreign = 0
        occ = names.index[form]
        for ri, k in occ:
            start, end, forms = runs[ri]
            if k:
                tok = forms[k - 1]
                key = "t:" + tok.lower() if tok.lower() in TITLES else "<" + tok
                ctx[key] = ctx.get(key, 0) + 1
            if k + 1 < len(forms):
                tok = forms[k + 1]
                key = "t:" + tok.lower() if tok.lower() in TITLES else ">" + tok
                ctx[key] = ctx.get(key, 0) + 1
            elif len(ctx) < 64:
                m = _AFTER.match(text, end)
                if m is not None:
                    word, cap = m.groups()
                    if cap and word in PARTICLES:
                        key = "p:" + word + " " + cap
                        ctx[key] = ctx.get(key, 0) + 1
                        foreign += 1
                        continue
                    if not cap and len(word) > 2 and word not in COMMON_WORDS:
                        ctx["l:" + word] = ctx.get("l:" + word, 0) + 1
            if _in(heads, starts, start):
                initial += 1
            elif len(forms) == 1:
                b = _PARTICLE_BEFORE.search(text, max(0, start - 10), start)
                if b is not None and b.group(1) in PARTICLES:
                    foreign += 1
                elif _initial(text, start):
                    initial += 1
        context = tuple(sorted(ctx.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CONTEXT])
        out.append(SpellingCounts(form, len(occ), initial, foreign, context))
    return tuple(out)


@FAST
@given(TEXT)
@example("Piers Morgan said. Morgan and de Gaulle met Mr Smith Mr, y Banco de la Nación")
@example("# Blair\nBlair laptop. \"Blair (Blair")
@example("de Gaulle")
@example("Sheikh Blair Sheikh")
def test_file_spellings_is_the_plain_loop(text: str) -> None:
    names = extract(text)
    got = file_spellings(names)
    assert got == _plain_spellings(names)
    assert all(type(s) is SpellingCounts for s in got)


def test_lone_start_prefilter_rules_out_only_what_cannot_match() -> None:
    """The two characters before the space are all _lone_start looks at to rule a particle out."""
    from copycheck.names.context import _PARTICLE_ENDS

    for p in PARTICLES:
        for before in ("", "x", " ", "\n", "a "):
            text = before + p + " Gaulle"
            start = len(text) - len("Gaulle")
            if start >= 3 and text[start - 1] == " ":
                assert text[start - 3:start - 1] in _PARTICLE_ENDS or not (
                    text[max(0, start - 8):start - 1].rpartition(" ")[2] in PARTICLES), text
    assert all(c in _ENDS_BEFORE_SPACE for c in ".!?\n")


def _plain_tally(files) -> dict:
    """repo.tally as the plain loop: a Usage per spelling, every field added in turn."""
    from collections import Counter

    from copycheck.names.repo import MAX_PATHS, Usage

    out: dict = {}
    for f in files:
        for s in f.forms:
            u = out.setdefault(s.form, Usage(s.form))
            u.files += 1
            u.count += s.count
            u.initial += s.initial
            u.foreign += s.foreign
            for k, _ in s.context:
                u.context[k] += 1
            u.paths = tuple(sorted((*u.paths, f.path)))[:MAX_PATHS]
            assert isinstance(u.context, Counter)
    return out


_FORM = st.sampled_from(["Blair", "Blaire", "Morgan", "Piers", "Mevlüt", "Mevlut", "Stvee"])
_KEY = st.sampled_from(["<Piers", ">Morgan", "t:sheikh", "l:laptop", "p:de Gaulle", "<Mevlüt", "<Mevlut"])
_SPELLING = st.builds(lambda form, c, i, f, ctx: SpellingCounts(form, c, i, f, tuple(ctx)), _FORM,
                      st.integers(1, 5), st.integers(0, 2), st.integers(0, 2),
                      st.lists(st.tuples(_KEY, st.integers(1, 3)), max_size=4))
_FILES = st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]),
                            st.lists(_SPELLING, max_size=5)), max_size=12)


@FAST
@given(_FILES)
def test_tally_is_the_plain_loop(rows) -> None:
    from copycheck.names.context import FileNames
    from copycheck.names.evidence import spread
    from copycheck.names.repo import RunTally, tally

    files = [FileNames(p, tuple(forms)) for p, forms in rows]
    plain = _plain_tally(files)
    for got in (tally(files), RunTally().add_files(files)):
        assert list(got) == list(plain)
        for form, u in got.items():
            assert u == plain[form] and list(u.context.items()) == list(plain[form].context.items())
            assert type(u.context) is type(plain[form].context)
    run = RunTally()
    run.CHUNK = 3
    for f in files:
        run.add(type("Result", (), {"names": f})())
    assert run.tally == plain and run.spread() == spread(plain)


@FAST
@given(st.lists(st.lists(st.sampled_from(["a", "b", "/", "//", ".", "..", "x.txt", " "]), max_size=8).map("".join),
                max_size=10))
@example(["/", "//x", "a", "", "a//b/", "/a/b.txt"])
def test_folders_are_each_paths_dirname(paths) -> None:
    import os

    from copycheck.names.repo import _folders

    assert _folders(paths) == {os.path.dirname(p) for p in paths}


def test_worker_pair_keys_are_sent_once_and_change_no_verdict():
    """A worker's summaries carry each spelling's pair keys once; verdicts given them find the same."""
    import pickle

    from copycheck.names import repo
    from copycheck.names.context import FileNames
    from copycheck.names.pairs import _pair_keys

    spelled = ["Macleod"] * 12 + ["MacLeod", "Macloed", "Stvee", "Steve", "Steve", "Steve", "Steve"] * 2
    files = [FileNames(f"f{i:02}.txt", (SpellingCounts(form, 2, 0, 0, (("<Anna", 1),)),
                                         SpellingCounts("Wigley", 1, 0, 0, ())))
             for i, form in enumerate(spelled)]
    repo._SENT.clear()
    try:
        sent = [repo.with_pair_keys(f) for f in files]
    finally:
        repo._SENT.clear()
    shipped = [form for f in sent for form, _ in f.pair_keys]
    assert sorted(shipped) == sorted({s.form for f in files for s in f.forms})
    assert all(keys == _pair_keys(form) for f in sent for form, keys in f.pair_keys)
    back = pickle.loads(pickle.dumps(sent))
    assert back == files and [f.pair_keys for f in back] == [f.pair_keys for f in sent]
    t = repo.tally(files)
    plain = repo.verdicts(t)
    assert plain  # the check weighs something
    for known in (dict(p for f in back for p in f.pair_keys), {"Macleod": _pair_keys("Macleod")}):
        assert repo.verdicts(t, None, known) == plain
    run = repo.RunTally()
    for f in back:
        run.add(type("Result", (), {"names": f})())
    assert run.tally == t and set(run.pair_keys) == set(shipped)


@FAST
@given(st.text(alphabet="aablllmoé", max_size=12))
@example("")
@example("llll")
def test_deletion_keys_are_the_set_of_deletions(c) -> None:
    """_deletion_keys skips a repeated letter's deletions: still c and every one-letter deletion, each once."""
    from copycheck.names.pairs import _deletion_keys

    keys = _deletion_keys(c)
    assert len(keys) == len(set(keys)) and set(keys) == {c} | {c[:k] + c[k + 1:] for k in range(len(c))}


@FAST
@given(st.lists(st.sampled_from(["Macleod", "MacLeod", "Macloed", "MAcleod", "Stvee", "Steve", "Sporrts", "Sports",
                                 "Banking", "Baking", "Kadafi", "Kaddafi"]), min_size=2, max_size=2, unique=True),
       st.integers(1, 20), st.integers(1, 3), st.integers(0, 2))
def test_weigh_is_related_where_may_flag_passes(forms, files, minor_files, initial) -> None:
    """verdicts calls weigh after its own may_flag: the same verdict as related."""
    from collections import Counter

    from copycheck.names.evidence import Letters, may_flag, related, weigh
    from copycheck.names.repo import Usage

    a, b = forms
    x = Usage(a, files, files * 2, initial, 0, Counter({"<Anna": files}), ("a.txt",))
    y = Usage(b, minor_files, minor_files, 0, initial % 2, Counter({"<Anna": 1} if initial else {">Inc": 1}), ("b.txt",))
    letters = Letters([a, b, "Wigley"])
    if may_flag(a, b):
        assert weigh(x, y, None, letters) == related(x, y, None, letters)
    else:
        assert related(x, y, None, letters) is None


def test_attribute_finds_a_minoritys_file_however_the_run_names_it(tmp_path, monkeypatch):
    """attribute normalises only the run's paths that may be a minority's file: the same files are found."""
    from collections import Counter

    from copycheck.names import repo
    from copycheck.names.evidence import Verdict

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    for name in ("a.txt", "b.txt", "d/a.txt"):
        (tmp_path / name).write_text("Ivan Makrov left early.\n", encoding="utf-8")
    majority = repo.Usage("Markov", 9, 9, 0, 0, Counter(), ("m.txt",))
    for written in ("a.txt", "./a.txt", "d/../a.txt", str(tmp_path / "a.txt"), "d//a.txt", "d/a.txt"):
        minority = repo.Usage("Makrov", 1, 1, 0, 0, Counter(), (written,))
        found = {"Makrov": Verdict(majority, minority, True, "typo")}
        for run in (["b.txt", "a.txt", "d/a.txt"], ["./d/a.txt", "./a.txt"], [str(tmp_path / "a.txt")], ["b.txt"]):
            got = [v.path for v in repo.attribute(found, run)]
            want = [p for p in run if repo.norm(p) == repo.norm(written)][-1:]
            assert got == want, (written, run)


@FAST
@given(st.lists(st.sampled_from(["Stvee", "Steve", "Stevens", "Sporrts", "Sports", "Mevlüt", "Mevlut", "Élodie", "Al-Sarraj"]),
                unique=True), st.randoms())
def test_letters_from_folds_in_any_order_are_letters_from_forms(forms, rng) -> None:
    """verdicts builds Letters from the pair keys' folds, majorities first: the same answers."""
    from copycheck.names.evidence import Letters
    from copycheck.names.spelling import fold

    folds = [fold(f) for f in forms]
    rng.shuffle(folds)
    plain, given_folds = Letters(forms), Letters(forms, folds)
    for form in forms:
        for majority in ("Steve", "Sports", "Mevlut"):
            assert given_folds.odd(form, majority) == plain.odd(form, majority)
