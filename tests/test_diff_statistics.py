"""--diff applied with real `git apply` and `patch`, and --statistics, on temporary git repositories."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run_cli

TEXTS = {
    "a.txt": "He said the the word.\nIt is  here.\n",
    "crlf.txt": "Two  spaces.\r\nAnd and more.\r\n",
    "bom.md": "\ufeffThe the start.\n",
    "tail.txt": "No newline at the the end",
    "clean.txt": "A clean sentence.\n",
    "its.txt": "The company said it's profits rose.\n",
}


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name, text in TEXTS.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    return tmp_path


def snapshot(root):
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()}


def fixed_copy(original, tmp_path_factory, *flags):
    """The bytes --fix writes, in a second copy of the original files."""
    other = tmp_path_factory.mktemp("fixed")
    for name in TEXTS:
        shutil.copy(original / name, other / name)
    assert run_cli("--isolated", "--fix", *flags, ".", cwd=other).code in (0, 1)
    return snapshot(other)


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)])
def test_diff_writes_nothing_and_git_apply_gives_the_bytes_of_fix(repo, tmp_path_factory, flags):
    before = snapshot(repo)
    run = run_cli("--isolated", "--diff", *flags, ".", cwd=repo)
    assert run.code == 1, run.err
    assert snapshot(repo) == before
    assert "--- a/a.txt\n+++ b/a.txt\n" in run.out and "clean.txt" not in run.out
    assert ("its.txt" in run.out) == bool(flags)  # its/it's fixes are unsafe
    subprocess.run(["git", "apply", "--check", "-"], input=run.out.encode(), cwd=repo, check=True)
    subprocess.run(["git", "apply", "-"], input=run.out.encode(), cwd=repo, check=True)
    assert snapshot(repo) == fixed_copy(repo_copy_source(before, tmp_path_factory), tmp_path_factory, *flags)


def repo_copy_source(files, tmp_path_factory):
    src = tmp_path_factory.mktemp("orig")
    for name, data in files.items():
        (src / name).write_bytes(data)
    return src


def test_diff_applies_with_patch(repo, tmp_path_factory):
    before = snapshot(repo)
    run = run_cli("--isolated", "--diff", ".", cwd=repo)
    subprocess.run(["patch", "-p1", "--quiet", "--binary"], input=run.out.encode(), cwd=repo, check=True)
    assert snapshot(repo) == fixed_copy(repo_copy_source(before, tmp_path_factory), tmp_path_factory)


def test_fix_diff_is_the_same_as_diff(repo):
    assert run_cli("--isolated", "--fix", "--diff", ".", cwd=repo).out == run_cli("--isolated", "--diff", ".", cwd=repo).out


def test_diff_with_nothing_to_change_exits_zero(repo):
    run = run_cli("--isolated", "--diff", "clean.txt", cwd=repo)
    assert run.code == 0 and run.out == ""


def test_diff_refuses_stdin():
    run = run_cli("--diff", "-", stdin="the the\n")
    assert run.code == 2 and "--diff needs files" in run.err


def test_statistics_one_line_per_rule_sorted_by_count(repo):
    run = run_cli("--isolated", "--statistics", ".", cwd=repo)
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[-1] == "[*] fixable with `copycheck --fix`"
    rows = [line.split() for line in lines[:-1]]
    assert [(r[0], r[1], r[2]) for r in rows] == [("4", "TY001", "doubled-word"), ("2", "SP001", "double-space"),
                                                  ("1", "TY004", "its-its")]
    assert rows[0][3] == "[*]" and rows[0][4] == "./a.txt:1:9"
    assert rows[2][3] == "./its.txt:1:18"  # unsafe fix only: not fixable with --fix


def test_statistics_json(repo):
    run = run_cli("--isolated", "--statistics", "--format", "json", ".", cwd=repo)
    data = run.json()
    assert [d["code"] for d in data] == ["TY001", "SP001", "TY004"]
    assert data[0] == {"code": "TY001", "name": "doubled-word", "count": 4, "fixable": True, "fixable_count": 4,
                       "example": "./a.txt:1:9"}
    assert data[2]["fixable"] is False


def test_statistics_after_baseline_counts_new_findings_only(repo):
    assert run_cli("--isolated", "--write-baseline", "b.json", ".", cwd=repo).code == 0
    (repo / "clean.txt").write_text("Now now a repeat.\n", encoding="utf-8")
    run = run_cli("--isolated", "--baseline", "b.json", "--statistics", ".", cwd=repo)
    assert run.out.splitlines()[0].split()[:3] == ["1", "TY001", "doubled-word"]
