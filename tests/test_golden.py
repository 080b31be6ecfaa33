"""The seed articles' findings, compared with the golden files in seeds/."""
from __future__ import annotations

import json
import os

import pytest

from conftest import SEEDS, run_cli

# Each golden file is seeds/<article>.<variant>.json: the JSON output for that article with
# the variant's extra arguments. Regenerate with COPYCHECK_UPDATE_GOLDEN=1 after an intended change.
VARIANTS = {"default": [], "ap": ["--pack", "ap"], "names": ["--names", "default"]}
ARTICLES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("article", ARTICLES)
def test_golden(article, variant):
    golden = SEEDS / f"{article.rsplit('.', 1)[0]}.{variant}.json"
    run = run_cli(f"seeds/{article}", "--format", "json", *VARIANTS[variant])
    assert run.code in (0, 1), run.err
    if os.environ.get("COPYCHECK_UPDATE_GOLDEN"):
        golden.write_text(run.out, encoding="utf-8")
    assert json.loads(run.out) == json.loads(golden.read_text(encoding="utf-8"))


def test_seed_core_positions():
    """The defects the core issue names, at their exact line:col."""
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json", "--select", "TY")
    got = {(f["line"], f["column"], f["name"]) for f in run.json()}
    assert got == {
        (7, 51, "doubled-word"),
        (8, 152, "space-before-apostrophe"),
        (8, 153, "apostrophe-glyph"),
        (15, 6, "space-before-apostrophe"),
        (15, 7, "apostrophe-glyph"),
        (7, 25, "its-its"),
    }


def test_seed_ap_pack_adds_exactly_12_4_and_15_10():
    """With --pack ap the seed gains the month and the lone title, and nothing else."""
    seed = "seeds/000_f1c6ae6c2e3769bb.txt"
    base = {(f["line"], f["column"], f["code"]) for f in run_cli(seed, "--format", "json").json()}
    ap = {(f["line"], f["column"], f["code"]) for f in run_cli(seed, "--format", "json", "--pack", "ap").json()}
    assert ap - base == {(12, 4, "AP001"), (15, 10, "AP003")}
    assert base <= ap
