"""The package ships everything it needs: every subpackage is listed, and rule data is installed."""
from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_subpackage_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "copycheck").rglob("__init__.py")}
    assert found <= listed, f"subpackages missing from pyproject: {sorted(found - listed)}"


def _installed_files():
    # Look outside the source tree: an in-tree build (pip install .) leaves copycheck.egg-info
    # there, and the tests put the tree first on sys.path.
    elsewhere = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    dist = next(iter(metadata.distributions(name="copycheck", path=elsewhere)), None)
    if dist is None:
        return None
    files = dist.files or []
    # An editable install lists no package files; only a real install can be checked.
    return {str(f) for f in files} if any(str(f).startswith("copycheck/") for f in files) else None


@pytest.mark.skipif(_installed_files() is None, reason="copycheck is not installed as a wheel (pip install .)")
def test_installed_wheel_has_modules_and_rule_data():
    files = _installed_files()
    for module in (p.relative_to(ROOT).as_posix() for p in (ROOT / "copycheck").rglob("*.py")):
        assert module in files, module
    for data in (p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").glob("*.toml")):
        assert "copycheck/" + data in files, data
    assert "copycheck/rules/lexicon.txt" in files  # the word-class data TY001 and TY004 read
    assert "copycheck/rules/count_nouns.txt" in files  # the count-only nouns TY004 reads
    assert "copycheck/rules/bare_complements.txt" in files  # the nouns "it is" takes bare, which TY004 reads
    assert "copycheck/rules/packs.json" in files  # the packs parsed ahead of time, for cold starts
