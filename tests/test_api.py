"""The Python API: a Linter compiles its rules once and is reused; lint_text uses a cached one."""
from __future__ import annotations

import pytest

import copycheck
from copycheck.api import LinterConfig, default_linter, linter_for
from copycheck.engine import lint_text as engine_lint_text

from conftest import SEEDS

PACK = """
[[rule]]
code = "HS001"
name = "prefer-said"
kind = "existence"
tokens = ["announced"]
message = "Prefer “said” to “{match}”."
"""


def test_lint_text_matches_the_engine_and_reuses_one_linter():
    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    assert copycheck.lint_text(text) == engine_lint_text(text)
    assert default_linter() is default_linter()
    assert linter_for(LinterConfig(select=("TY",))) is linter_for(LinterConfig(select=("TY",)))


def test_linter_selects_like_the_cli():
    linter = copycheck.Linter(select=["TY001"])
    found = linter.lint_text("It's shares fell. Say the the word.")
    assert [f.code for f in found] == ["TY001"]
    assert [f.code for f in copycheck.Linter(ignore=["TY001"]).lint_text("Say the the word.")] == []


def test_pack_is_compiled_once_not_reread(tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text(PACK, encoding="utf-8")
    linter = copycheck.Linter(packs=[str(pack)], select=["HS001"])
    pack.unlink()  # a Linter that reread its packs per call would fail from here on
    for _ in range(3):
        (f,) = linter.lint_text("The mayor announced a plan.")
        assert (f.code, f.column, f.end_column) == ("HS001", 11, 20)


def test_bad_selection_fails_when_the_linter_is_built():
    with pytest.raises(ValueError, match="ZZ999"):
        copycheck.Linter(select=["ZZ999"])


def test_markdown_path_masks_code():
    linter = copycheck.Linter(select=["TY001"])
    assert linter.lint_text("Use `the the` here.\n", path="a.md") == []
    assert len(linter.lint_text("Use `the the` here.\n", path="a.txt")) == 1
