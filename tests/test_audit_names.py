"""The audit's name bridge gives the names package's answers from partition tallies, in any merge order."""
from __future__ import annotations

import random

from archive_gen import generate

from copycheck.audit import names_bridge
from copycheck.document import Document
from copycheck.names import repo


def _docs(tmp_path, n=240):
    paths = generate(tmp_path, files=n, seed=5)
    return {str(p): Document.from_text(p.read_text(encoding="utf-8"), str(p)) for p in paths}


def _found(summary, docs):
    """The NM003 variants the audit's path gives: verdicts on the tally, narrow pass per planned file."""
    best = names_bridge.flagged(summary)
    plan = names_bridge.files_to_revisit(best, list(docs))
    return [(v.path, v.form, v.spans, v.majority, v.verdict.message())
            for path, forms in plan.items() for v in repo.attribute({f: best[f] for f in forms}, [path], docs)]


def test_tallies_find_what_the_cli_finds_in_any_merge_order(tmp_path):
    docs = _docs(tmp_path)
    files = [repo.collect(d) for d in docs.values()]
    expected = [(v.path, v.form, v.spans, v.majority, v.verdict.message()) for v in repo.find(files, docs)]
    assert expected  # the invented archive has minority spellings
    whole = names_bridge.summarize(files)
    # The same files in partitions of 7, combined in shuffled orders and in uneven groups.
    parts = [names_bridge.summarize(files[p * 7:(p + 1) * 7]) for p in range((len(files) + 6) // 7)]
    rng = random.Random(1)
    for _ in range(3):
        rng.shuffle(parts)
        cut = rng.randrange(1, len(parts))
        merged = names_bridge.merge([names_bridge.merge(parts[cut:]), names_bridge.merge(parts[:cut])])
        assert merged.files == whole.files == len(files)
        assert _found(merged, docs) == expected
    assert _found(whole, docs) == expected


def test_small_runs_flag_nothing(tmp_path):
    docs = _docs(tmp_path, n=3)
    assert names_bridge.flagged(names_bridge.summarize([repo.collect(d) for d in docs.values()])) == {}
