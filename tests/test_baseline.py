"""--baseline and --write-baseline on real files in temporary git repositories."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import run_cli

OLD = "He said the the word.\nIt was a quiet day in the town.\n"


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("A clean sentence.\n", encoding="utf-8")
    return tmp_path


def concise(repo, *args):
    return run_cli("--format", "concise", "--isolated", *args, cwd=repo)


def write(repo, name="baseline.json"):
    run = concise(repo, "--write-baseline", name, ".")
    assert run.code == 0, run.err
    return run


def test_written_baseline_is_sorted_one_entry_per_line(repo):
    (repo / "b.txt").write_text("Two  spaces and a a repeat.\n", encoding="utf-8")
    run = write(repo)
    assert run.out == "Wrote 3 findings in 2 files to the baseline baseline.json.\n"
    lines = (repo / "baseline.json").read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"version": 1, "findings": [' and lines[-1] == "]}"
    rows = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert [(r["path"], r["code"], r["count"]) for r in rows] == [
        ("a.txt", "TY001", 1), ("b.txt", "SP001", 1), ("b.txt", "TY001", 1)]
    assert rows == sorted(rows, key=lambda r: (r["path"], r["code"], r["fingerprint"]))
    assert "line" not in rows[0] and rows[0]["text"] == "the the"
    json.loads((repo / "baseline.json").read_text(encoding="utf-8"))  # and it is one JSON document


def test_baselined_findings_are_not_reported_and_summary_counts_them(repo):
    write(repo)
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert run.code == 0 and run.out == ""
    text = run_cli("--isolated", "--baseline", "baseline.json", ".", cwd=repo)
    assert text.code == 0
    assert text.out.strip() == "No findings in 2 files. 1 baselined finding not shown."


def test_moved_lines_stay_baselined_and_a_new_finding_is_reported(repo):
    write(repo)
    (repo / "a.txt").write_text("A new first line.\n\nIt was a quiet day in the town.\nHe said the the word.\n"
                                "Then she wrote it it again.\n", encoding="utf-8")
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert run.code == 1
    assert run.out.splitlines() == ["./a.txt:5:16: TY001 [doubled-word] Doubled word: “it” is repeated; "
                                    "remove the second “it”."]


def test_renamed_file_falls_back_to_content(repo):
    write(repo)
    subprocess.run(["git", "add", "a.txt", "b.txt"], cwd=repo, check=True)
    subprocess.run(["git", "mv", "a.txt", "story.txt"], cwd=repo, check=True)
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert run.code == 0 and run.out == "", run.out
    # The entry follows the file, so the next run matches it by path.
    paths = {r["path"] for r in json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"]}
    assert paths == {"story.txt"}
    assert concise(repo, "--baseline", "baseline.json", "story.txt").out == ""


def test_same_text_in_another_existing_file_is_new(repo):
    write(repo)
    (repo / "b.txt").write_text(OLD, encoding="utf-8")  # a.txt still exists: no content fallback
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert run.code == 1 and run.out.startswith("./b.txt:1:9: TY001")


def test_duplicates_are_counted(repo):
    write(repo)
    (repo / "a.txt").write_text(OLD + OLD, encoding="utf-8")
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert run.code == 1
    assert [line.split(": ")[0] for line in run.out.splitlines()] == ["./a.txt:3:9"]


def test_fixed_then_reintroduced_is_new(repo):
    write(repo)
    (repo / "a.txt").write_text("He said the word.\n", encoding="utf-8")
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert run.code == 0 and "1 fixed finding removed from the baseline" in run.err
    assert json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"] == []
    (repo / "a.txt").write_text(OLD, encoding="utf-8")
    assert concise(repo, "--baseline", "baseline.json", ".").code == 1


def test_rules_not_run_keep_their_entries(repo):
    write(repo)
    before = (repo / "baseline.json").read_text(encoding="utf-8")
    assert concise(repo, "--baseline", "baseline.json", "--select", "SP", ".").code == 0
    assert (repo / "baseline.json").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("content, why", [
    ("{not json", "is not valid JSON"),
    ('{"version": 99, "findings": []}', "is not a copycheck baseline"),
    ('{"version": 1, "findings": [{"path": "a.txt"}]}', "entry 1 needs path, code, fingerprint"),
    ('[1, 2]', "is not a copycheck baseline"),
])
def test_corrupt_baseline_is_an_error_naming_the_file(repo, content, why):
    (repo / "bad.json").write_text(content, encoding="utf-8")
    run = concise(repo, "--baseline", "bad.json", ".")
    assert run.code == 2 and "bad.json" in run.err and why in run.err
    assert run.out == ""


def test_missing_baseline_is_an_error(repo):
    run = concise(repo, "--baseline", "nope.json", ".")
    assert run.code == 2 and "baseline file nope.json not found" in run.err


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "rdjsonl", "concise", "text"])
def test_every_format_reports_only_new_findings(repo, fmt):
    write(repo)
    (repo / "b.txt").write_text("Say it it now.\n", encoding="utf-8")
    run = run_cli("--isolated", "--format", fmt, "--baseline", "baseline.json", ".", cwd=repo)
    assert run.code == 1
    assert "b.txt" in run.out and "a.txt" not in run.out


def test_with_fix(repo):
    write(repo)
    (repo / "b.txt").write_text("Say it it now.\n", encoding="utf-8")
    run = concise(repo, "--baseline", "baseline.json", "--fix", ".")
    assert run.code == 0 and run.out == ""
    assert (repo / "b.txt").read_text(encoding="utf-8") == "Say it now.\n"
    assert (repo / "a.txt").read_text(encoding="utf-8") == OLD.replace("the the", "the")
    # Both files are clean now, so the baseline is empty.
    assert json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"] == []


def test_pre_commit_style_run_on_one_changed_file_keeps_other_entries(repo):
    (repo / "b.txt").write_text("Two  spaces.\n", encoding="utf-8")
    write(repo)
    (repo / "a.txt").write_text("Fresh: a a new error.\n" + OLD, encoding="utf-8")
    # The hook's entry: copycheck --format concise, with the changed files only.
    run = run_cli("--format", "concise", "--isolated", "--baseline", "baseline.json", "a.txt", cwd=repo)
    assert run.code == 1 and run.out.startswith("a.txt:1:8: TY001")
    codes = [r["path"] for r in json.loads((repo / "baseline.json").read_text(encoding="utf-8"))["findings"]]
    assert codes == ["a.txt", "b.txt"]


def test_cross_file_name_findings_are_baselined(repo):
    for i in range(4):
        (repo / f"n{i}.txt").write_text("Minister Çavuşoğlu spoke.\n", encoding="utf-8")
    (repo / "odd.txt").write_text("Minister Cavusoglu spoke.\n", encoding="utf-8")
    first = concise(repo, ".")
    assert "odd.txt:1:10: NM003" in first.out
    write(repo)
    (repo / "odd.txt").write_text("A new line.\nMinister Cavusoglu spoke.\n", encoding="utf-8")
    run = concise(repo, "--baseline", "baseline.json", ".")
    assert "NM003" not in run.out and run.code == 0, run.out


def test_write_baseline_refuses_fix(repo):
    run = concise(repo, "--write-baseline", "x.json", "--fix", ".")
    assert run.code == 2 and "--write-baseline" in run.err


def test_diff_leaves_the_baseline_alone(repo):
    write(repo)
    before = (repo / "baseline.json").read_text(encoding="utf-8")
    run = concise(repo, "--baseline", "baseline.json", "--diff", ".")
    assert run.code == 1 and "-He said the the word." in run.out
    assert (repo / "baseline.json").read_text(encoding="utf-8") == before
    assert (repo / "a.txt").read_text(encoding="utf-8") == OLD


def test_standard_input_with_a_name_is_baselined(repo):
    run = run_cli("--isolated", "--stdin-filename", "draft.txt", "--write-baseline", "b.json", "-",
                  stdin="Say the the word.\n", cwd=repo)
    assert run.code == 0
    again = run_cli("--isolated", "--format", "concise", "--stdin-filename", "draft.txt", "--baseline", "b.json", "-",
                    stdin="A new line.\nSay the the word.\nAnd and.\n", cwd=repo)
    assert again.code == 1 and again.out == "draft.txt:3:1: TY001 [doubled-word] Doubled word: “And” is repeated; " \
        "remove the second “and”.\n"
    assert [e["path"] for e in json.loads((repo / "b.json").read_text(encoding="utf-8"))["findings"]] == ["draft.txt"]
