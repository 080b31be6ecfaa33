"""The command line, run for real: formats, exit codes, stdin, bad input, --fix."""
from __future__ import annotations

import os
import stat

import pytest

from conftest import ROOT, main_inprocess, run_cli

SEED = "seeds/000_f1c6ae6c2e3769bb.txt"
JSON_KEYS = {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column",
             "start", "end", "fix"}


def test_concise_format_lines():
    run = run_cli(SEED, "--format", "concise", "--select", "TY001")
    assert run.code == 1
    assert run.out == (f"{SEED}:7:51: TY001 [doubled-word] Doubled word in a compound: “UN-UN”; remove the repeat.\n")


def test_json_schema_is_stable():
    run = run_cli(SEED, "--format", "json", "--select", "TY001")
    (item,) = run.json()
    assert set(item) == JSON_KEYS
    assert item["fix"] == {"replacement": "", "start": item["fix"]["start"], "end": item["end"], "safe": True}
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (7, 51, 7, 56)


def test_text_format_shows_line_and_marker_without_colour():
    run = run_cli(SEED, "--select", "TY001")
    lines = run.out.splitlines()
    assert lines[0] == SEED
    assert "7:51  error TY001 [doubled-word]" in lines[1]  # severity as a word, not colour only
    src, marker = lines[2], lines[3]
    assert "UN-UN-backed" in src
    assert marker.index("^") == src.index("UN-UN") and marker.count("^") == 5
    assert "\x1b[" not in run.out
    assert lines[-1].startswith("Found 1 finding (1 error) in 1 of 1 file.")


def test_clean_text_exits_zero(tmp_path):
    (tmp_path / "ok.txt").write_text("A clean sentence.\n", encoding="utf-8")
    run = run_cli(str(tmp_path))
    assert run.code == 0 and "No findings in 1 file." in run.out


def test_fail_on_error_ignores_warnings(tmp_path):
    p = tmp_path / "w.txt"
    p.write_text("It’s Tom's and Ann’s.\n", encoding="utf-8")  # one warning: mixed apostrophes
    assert run_cli(str(p), "--format", "json").code == 1
    assert run_cli(str(p), "--fail-on", "error").code == 0


def test_stdin_with_filename():
    run = run_cli("-", "--stdin-filename", "draft.md", "--format", "concise", stdin="See the the note.\n")
    assert run.out.startswith("draft.md:1:5: TY001")
    assert run.code == 1


def test_directory_walk_skips_hidden_and_other_suffixes(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("the the", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("the the", encoding="utf-8")
    (tmp_path / "b.rst").write_text("the the", encoding="utf-8")
    run = run_cli(str(tmp_path), "--format", "json")
    assert [os.path.basename(f["path"]) for f in run.json()] == ["a.md"]


def test_bad_files_are_reported_and_the_rest_checked(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 the the")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01the the")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("the the", encoding="utf-8")
    run = run_cli(str(tmp_path), str(tmp_path / "missing.txt"), "--format", "concise")
    assert run.code == 2
    assert run.out.count("TY001") == 1 and "good.txt" in run.out
    assert "bad.txt: not valid UTF-8: byte 0xe9 at line 1, column 4 (byte offset 3;" in run.err
    assert "bin.txt: binary file" in run.err
    assert "missing.txt: no such file or directory" in run.err
    assert "note:" in run.err and "empty.txt: file is empty" in run.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file, so permissions cannot be tested")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("the the", encoding="utf-8")
    p.chmod(0)
    run = run_cli(str(p))
    assert run.code == 2 and "permission denied" in run.err


def test_huge_file_is_skipped_with_a_message(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text("word " * 1000, encoding="utf-8")
    run = run_cli(str(p), "--max-file-size", "100")
    assert run.code == 2 and "over the 100-byte limit" in run.err


def test_usage_errors_exit_two():
    assert run_cli(SEED, "--select", "ZZ9").code == 2
    assert run_cli(SEED, "--format", "yaml").code == 2


def test_fix_keeps_crlf_bom_and_mode(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffSay the the word.\r\nLibya 's capital.\r\n".encode("utf-8"))
    p.chmod(0o640)
    run = run_cli(str(p), "--fix")
    assert p.read_bytes() == "\ufeffSay the word.\r\nLibya's capital.\r\n".encode("utf-8")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert run.code == 0
    assert not [x for x in os.listdir(tmp_path) if x.startswith(".copycheck-")]


def test_unsafe_fix_needs_flag(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The firm has it's own bank.\n", encoding="utf-8")
    run_cli(str(p), "--fix")
    assert "it's own" in p.read_text(encoding="utf-8")
    run_cli(str(p), "--fix", "--unsafe-fixes")
    assert p.read_text(encoding="utf-8") == "The firm has its own bank.\n"


def test_rules_and_rule_docs():
    run = run_cli("rules")
    assert run.code == 0 and "TY001   doubled-word" in run.out
    doc = run_cli("rule", "doubled-word")
    for section in ("## What it does", "## Why is this bad", "## Example"):
        assert section in doc.out
    assert run_cli("rule", "TY002").out.startswith("TY002 space-before-apostrophe")
    assert run_cli("rule", "nope").code == 2


def test_jobs_give_the_same_findings(tmp_path):
    for i in range(40):
        (tmp_path / f"{i:02}.txt").write_text(f"Story {i} has the the typo.\n", encoding="utf-8")
    one = run_cli(str(tmp_path), "--format", "json", "--jobs", "1").json()
    many = run_cli(str(tmp_path), "--format", "json", "--jobs", "2").json()
    assert one == many and len(one) == 40


def test_python_api():
    from copycheck import lint_text

    (f,) = lint_text("Say the the word.")
    assert (f.code, f.line, f.column, f.end_column) == ("TY001", 1, 5, 12)


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, copycheck; print(sorted(m for m in ('rich', 'regex', 'markdown_it') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_default_run_on_one_article_parses_no_toml(tmp_path):
    # The built-in packs come pre-parsed (rules/packs.json), and a pyproject.toml that never
    # names copycheck is not parsed: tomllib is never imported on a one-article hook run.
    import subprocess
    import sys

    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "desk"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Say the the word.\n", encoding="utf-8")
    code = ("import sys; from copycheck.cli import main\n"
            "try:\n    main([sys.argv[1], '--format', 'concise'])\nexcept SystemExit:\n    pass\n"
            "print('TOMLLIB' if 'tomllib' in sys.modules or 'tomli' in sys.modules else 'NO-TOML')")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a.txt")], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert "TY001" in out and out.strip().endswith("NO-TOML")


def test_a_crashing_rule_is_reported_and_the_rest_still_run():
    from copycheck.document import Document
    from copycheck.engine import RuleSet, check_document
    from copycheck.model import Docs, Rule, Severity
    from copycheck.registry import builtin_rules

    def broken(doc, options):
        raise KeyError("boom")

    bad = Rule("ZZ999", "broken-rule", "Always crashes.", Severity.ERROR, broken, Docs("w", "y", "e"))
    doubled = next(r for r in builtin_rules() if r.code == "TY001")
    findings, problems = check_document(Document.from_text("Say the the word.", "a.txt"), RuleSet((bad, doubled)))
    assert [f.code for f in findings] == ["TY001"]
    (p,) = problems
    assert p.path == "a.txt" and "rule ZZ999 [broken-rule] crashed: KeyError" in p.message and p.fatal


def test_an_internal_error_costs_only_that_file(tmp_path):
    from copycheck.engine import RuleSet
    from copycheck.files import Source
    from copycheck.registry import builtin_rules
    from copycheck.runner import RunOptions, run

    good = RuleSet(tuple(r for r in builtin_rules() if r.code == "TY001"))

    def ruleset_for(path):
        if path.endswith("bad.txt"):
            raise RuntimeError("configuration vanished")
        return good

    for name in ("bad.txt", "good.txt"):
        (tmp_path / name).write_text("the the\n", encoding="utf-8")
    bad, ok = run([Source(str(tmp_path / n), n) for n in ("bad.txt", "good.txt")], ruleset_for, RunOptions())
    assert bad.findings == () and "internal error while checking: RuntimeError" in bad.problems[0].message
    assert [f.code for f in ok.findings] == ["TY001"]


def test_text_summary_counts_each_severity():
    run = run_cli(SEED)
    assert run.out.splitlines()[-1] == ("Found 11 findings (4 errors, 4 warnings, 3 info) in 1 of 1 file. "
                                        "5 fixable with --fix. 4 more with --fix --unsafe-fixes.")


def test_the_command_flushes_all_output_and_keeps_the_exit_code(tmp_path):
    # `copycheck` exits without tearing the interpreter down; every byte must still be written.
    import json
    import subprocess
    import sys

    for i in range(300):
        (tmp_path / f"{i:03d}.txt").write_text("Say the the word, said the the man.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "copycheck", str(tmp_path), "--format", "json", "--jobs", "2"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and len(json.loads(proc.stdout)) == 600
    clean = tmp_path / "000.txt"
    clean.write_text("A clean line.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "copycheck", str(clean)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_a_check_leaves_collections_as_it_found_them(tmp_path, enabled):
    # run_check turns collections off for start-up and the run, and back on after: also when
    # the configuration stops the run (exit 2), since main() may be called again (tests, the API).
    import gc

    (tmp_path / "a.txt").write_text("Say the the word.\n", encoding="utf-8")
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert main_inprocess(str(tmp_path / "a.txt"), "--format", "concise").code == 1
        assert gc.isenabled() is enabled
        assert main_inprocess(str(tmp_path / "a.txt"), "--select", "XX999").code == 2
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_entry_point_runs_the_cli_with_collections_back_on_for_servers():
    # The console script (copycheck.__main__:console) imports the CLI with collections off;
    # a command that runs on (the language server, the check service) must find them on.
    import subprocess
    import sys

    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('GC', gc.isenabled()))\n"  # run once the command is done
            "sys.argv = ['copycheck', 'rules']\nfrom copycheck.__main__ import console\nconsole()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "TY001" in proc.stdout
    assert (proc.returncode, proc.stdout.strip().splitlines()[-1]) == (0, "GC True")
