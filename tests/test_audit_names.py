"""The audit's name bridge gives namerepo's answers from per-spelling summaries, in any merge order."""
from __future__ import annotations

import random

from archive_gen import generate

from copycheck import namerepo
from copycheck.audit import names_bridge
from copycheck.document import Document


def _files(tmp_path, n=240):
    paths = generate(tmp_path, files=n, seed=5)
    return [namerepo.collect(Document.from_text(p.read_text(encoding="utf-8"), str(p))) for p in paths]


def _variants(summary, files):
    best = names_bridge.flagged(summary)
    plan = names_bridge.files_to_revisit(summary, best)
    return best, plan


def test_summary_finds_what_namerepo_finds_in_any_merge_order(tmp_path):
    files = _files(tmp_path)
    expected = namerepo.find(files)
    assert expected  # the invented archive has minority spellings
    whole = names_bridge.summarize(((0, i), f.path, f) for i, f in enumerate(files))
    # The same files in partitions of 7, merged in a shuffled order and in uneven groups.
    parts = [names_bridge.summarize(((p, i), f.path, f) for i, f in enumerate(files[p * 7:(p + 1) * 7]))
             for p in range((len(files) + 6) // 7)]
    random.Random(1).shuffle(parts)
    merged = names_bridge.merge([names_bridge.merge(parts[:5]), names_bridge.merge(parts[5:])])
    for summary in (whole, merged):
        best, plan = _variants(summary, files)
        got = {(path, form, best[form].form, best[form].files, best[form].example)
               for path, forms in plan.items() for form in forms
               if best[form].form not in {x for x, _, _ in next(f for f in files if f.path == path).forms}}
        assert got == {(v.path, v.form, v.majority, v.majority_files, v.example) for v in expected}


def test_small_runs_flag_nothing(tmp_path):
    files = _files(tmp_path, n=3)
    assert names_bridge.flagged(names_bridge.summarize(((0, i), f.path, f) for i, f in enumerate(files))) == {}
