"""Issue 14: hostile, broken or unusual input costs nothing but a clear message."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, main_inprocess, run_cli

from copycheck.document import Document
from copycheck.engine import lint_text


# Tests that need another user fork and drop root (POSIX only; CI runs them as root).
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _codes(text: str, path: str = "a.md") -> list[tuple[str, int]]:
    return [(f.code, f.start) for f in lint_text(text, path=path)]


# 1. Stray backticks in Markdown


def test_paired_stray_backticks_hide_nothing_across_paragraphs():
    text = "Libya`s leader spoke.\n\nThe the dog ran.\n\n## Heading\n\nGaddafi`s son left.\n"
    doc = Document.from_text(text, "a.md")
    assert doc.text == text  # nothing masked: no code span crosses a blank line
    assert ("TY001", text.index("The the")) in _codes(text)


def test_lone_stray_backticks_in_two_paragraphs_pair_with_nothing():
    text = "A lone ` here.\n\nThe the end, said Libya`s man.\n\nA pair: Libya`s and Gaddafi`s.\n"
    doc = Document.from_text(text, "a.md")
    assert doc.text[:text.index("A pair")] == text[:text.index("A pair")]
    assert ("TY001", text.index("The the")) in _codes(text)
    # Within one paragraph a pair is a code span, as CommonMark and markdown-it say.
    pair = text.index("`s and")
    assert set(doc.text[pair:text.index("s.\n", pair)]) == {"\ufffc"}


def test_real_code_spans_are_still_masked_exactly():
    text = "Run ``a ` b`` and \\`not` code `real` now.\n"
    doc = Document.from_text(text, "a.md")
    masked = [i for i, c in enumerate(doc.text) if c == "\ufffc"]
    a = text.index("``a")
    b = text.index("` code `")
    assert masked == [*range(a, a + len("``a ` b``")), *range(b, b + len("` code `"))]


# 2. --fix through links, keeping owner, group and hard links, leaving read-only files alone

FIXABLE, FIXED = "The the dog ran.\n", "The dog ran.\n"


def test_fix_through_a_symlink_writes_the_target(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(FIXABLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run = run_cli("--fix", str(link))
    assert run.code == 0, run.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_hard_links(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(FIXABLE, encoding="utf-8")
    b = tmp_path / "b.txt"
    os.link(a, b)
    inode = a.stat().st_ino
    assert run_cli("--fix", str(a)).code == 0
    assert a.stat().st_ino == inode and a.stat().st_nlink == 2
    assert b.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


@pytest.mark.skipif(not AS_ROOT, reason="only root can give a file to another owner")
def test_fix_keeps_owner_and_group(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FIXABLE, encoding="utf-8")
    os.chown(p, 65534, 65534)
    assert run_cli("--fix", str(p)).code == 0
    assert p.read_text(encoding="utf-8") == FIXED
    assert (p.stat().st_uid, p.stat().st_gid) == (65534, 65534)


def test_fix_leaves_a_read_only_file_alone_and_says_so(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(FIXABLE, encoding="utf-8")
    p.chmod(0o444)
    run = run_cli("--fix", "--format", "concise", str(p))
    assert p.read_text(encoding="utf-8") == FIXABLE
    assert "read-only; not fixed" in run.err
    assert "TY001" in run.out and run.code == 1  # the finding is still reported, as it still stands
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def _as_nobody(fn) -> int:
    """Run fn in a forked child that has dropped root for `nobody` (a real unprivileged process)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            os.setgroups([])
            os.setresgid(65534, 65534, 65534)
            os.setresuid(65534, 65534, 65534)
            code = fn()
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@pytest.mark.skipif(not AS_ROOT, reason="needs root to become another user")
def test_unprivileged_fix_of_someone_elses_file(tmp_path):
    import tempfile

    from copycheck.cli import main

    shared = tempfile.mkdtemp(prefix="cc-shared-")
    os.chmod(shared, 0o777)
    writable = os.path.join(shared, "writable.txt")   # root's, but anyone may write it
    locked = os.path.join(shared, "locked.txt")       # root's, 0644: nobody may not
    for path, mode in ((writable, 0o666), (locked, 0o644)):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(FIXABLE)
        os.chmod(path, mode)
    err = os.path.join(shared, "err")
    # The interpreter lives under /root, which nobody cannot read: load every lazy import first.
    warm = [tmp_path / "w1.txt", tmp_path / "w2.txt"]
    for w in warm:
        w.write_text(FIXABLE, encoding="utf-8")
    warm[1].chmod(0o444)
    main_inprocess("--fix", *map(str, warm))
    import pickle  # noqa: F401  (the child's lazy imports, loaded while we can still read them)

    def child() -> int:
        with open(err, "w") as fh, open(os.devnull, "w") as out:
            sys.stderr, sys.stdout = fh, out
            return main(["--fix", writable, locked])

    try:
        assert _as_nobody(child) == 1  # locked.txt still has its finding
        with open(writable, encoding="utf-8") as fh:
            assert fh.read() == FIXED
        assert os.stat(writable).st_uid == 0  # written in place: still root's, not nobody's
        with open(locked, encoding="utf-8") as fh:
            assert fh.read() == FIXABLE
        with open(err, encoding="utf-8") as fh:
            assert "locked.txt: read-only; not fixed" in fh.read()
        assert sorted(os.listdir(shared)) == ["err", "locked.txt", "writable.txt"]
    finally:
        import shutil

        shutil.rmtree(shared)


# 3. Ctrl-C during --fix --jobs N


def _interrupt_fix_run(folder, files: int) -> subprocess.CompletedProcess:
    """Start a real `--fix --jobs 2` run, Ctrl-C its process group once fixing has begun."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "copycheck", "--fix", "--jobs", "2", "--format", "concise",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    first = folder / "f0000.txt"
    size = first.stat().st_size
    deadline = time.monotonic() + 30
    while first.stat().st_size == size and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal does: to every process of the run
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out.decode(), err.decode())


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_ctrl_c_during_parallel_fix_leaves_no_temporary_file(tmp_path):
    body = "The the dog ran, and and the cat sat on on the mat.\n" * 400
    files = 300
    for i in range(files):
        (tmp_path / f"f{i:04d}.txt").write_text(body, encoding="utf-8")
    for _ in range(2):
        done = _interrupt_fix_run(tmp_path, files)
        assert done.returncode == 130, done.stderr
        assert done.stderr == "copycheck: interrupted\n"
        assert not [p.name for p in tmp_path.iterdir() if not p.name.endswith(".txt")]
        for p in tmp_path.iterdir():  # every file is either untouched or completely fixed
            text = p.read_text(encoding="utf-8")
            assert text in (body, body.replace("The the", "The").replace("and and", "and").replace("on on", "on"))
        for i in range(files):
            (tmp_path / f"f{i:04d}.txt").write_text(body, encoding="utf-8")


# 5. Output that is not UTF-8

ODD = "The café sold 😀 tea with λόγος λόγος in it.\n"


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github", "rdjsonl"])
def test_cp1252_stdout_never_crashes(tmp_path, fmt):
    p = tmp_path / "a.txt"
    p.write_text(ODD, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "cp1252"}
    proc = subprocess.run([sys.executable, "-m", "copycheck", "--format", fmt, str(p)], capture_output=True, env=env)
    assert proc.returncode == 1, proc.stderr.decode(errors="replace")
    assert b"Traceback" not in proc.stderr and b"TY001" in proc.stdout
    if fmt in ("json", "sarif", "rdjsonl", "github"):  # UTF-8 whatever the console says
        assert "λόγος".encode() in proc.stdout


def test_internal_error_exits_two_not_one(tmp_path, monkeypatch):
    import copycheck.formatters.concise as concise

    def broken(results, stream):
        raise RuntimeError("formatter bug")

    monkeypatch.setattr(concise, "render", broken)  # stands in for any bug outside the rules
    p = tmp_path / "a.txt"
    p.write_text("The the end.\n", encoding="utf-8")
    run = main_inprocess("--format", "concise", str(p))
    assert run.code == 2 and "internal error: RuntimeError: formatter bug" in run.err


# 6. A FIFO in a walked folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_a_folder_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("The the end.\n", encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "copycheck", "--format", "concise", str(tmp_path)],
                          capture_output=True, env=env, timeout=60)  # hung forever before
    assert proc.returncode == 1 and proc.stdout.count(b"TY001") == 1
    named = subprocess.run([sys.executable, "-m", "copycheck", str(tmp_path / "pipe.txt")],
                           capture_output=True, env=env, timeout=60)
    assert named.returncode == 2 and b"pipe.txt: not a regular file" in named.stderr


# 7. Text format on one long line


def test_text_format_cuts_a_long_line_before_cleaning_it():
    from copycheck.formatters.text import _excerpt

    line = "word " * 2_000_000 + "\x1b[2J"
    shown, a, b = _excerpt(line, 100, 103, 120)
    assert len(shown) <= 122 and shown[a - 1:b - 1] == line[99:102]


def test_text_format_on_a_long_line_shows_a_window(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("Some words here. " * 20_000 + "The the end.\n", encoding="utf-8")
    run = run_cli(str(p), "--select", "TY001")
    src, marker = run.out.splitlines()[2:4]
    assert len(src) < 130 and src[marker.index("^"):][:7] == "The the"


# 8. An unreadable folder


@pytest.mark.skipif(not AS_ROOT, reason="needs root to become another user")
def test_unreadable_folder_is_reported(tmp_path):
    import tempfile

    from copycheck.files import discover

    top = tempfile.mkdtemp(prefix="cc-walk-")
    try:
        os.chmod(top, 0o777)
        os.mkdir(os.path.join(top, "locked"), 0o700)
        with open(os.path.join(top, "locked", "a.txt"), "w") as fh:
            fh.write("x")
        with open(os.path.join(top, "ok.txt"), "w") as fh:
            fh.write("x")
        out = os.path.join(top, "out")

        def child() -> int:
            found = list(discover([top]))
            with open(out, "w") as fh:
                fh.write(repr([(type(x).__name__, getattr(x, "message", x.path)) for x in found]))
            return 0

        assert _as_nobody(child) == 0
        with open(out) as fh:
            found = fh.read()
        assert "('Problem', 'folder permission denied; its files were not checked')" in found
        assert "ok.txt" in found
    finally:
        import shutil

        shutil.rmtree(top)


# 9. UTF-16 and invalid UTF-8


def test_utf16_is_named_not_called_binary(tmp_path):
    p = tmp_path / "notepad.txt"
    p.write_bytes("The the end.\r\n".encode("utf-16"))
    run = run_cli(str(p))
    assert run.code == 2 and "UTF-16" in run.err and "save it as UTF-8" in run.err and "binary" not in run.err


def test_invalid_utf8_gives_line_column_and_the_likely_encoding(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Line one.\r\nThe café.\n".encode("cp1252"))
    run = run_cli(str(p))
    assert "not valid UTF-8: byte 0xe9 at line 2, column 8" in run.err
    assert "looks like Windows-1252/Latin-1" in run.err
    q = tmp_path / "cut.txt"
    q.write_bytes("Café ".encode() + b"\xe2\x80")  # UTF-8 cut short: no cp1252 guess
    assert "Windows-1252" not in run_cli(str(q)).err


# 10. Terminal escape injection


def test_control_characters_are_shown_not_obeyed(tmp_path):
    p = tmp_path / "evil.txt"
    p.write_text("The the \x1b]0;pwned\x07\x1b[2J end, \x9b6n.\n", encoding="utf-8")
    for fmt in ("text", "concise"):
        run = run_cli(str(p), "--select", "TY001", "--format", fmt)
        assert "\x1b" not in run.out and "\x07" not in run.out and "\x9b" not in run.out
    text = run_cli(str(p), "--select", "TY001").out
    assert "␛]0;pwned␇␛[2J" in text and "\\x9b6n" in text


# 12. Smaller items


def test_fix_on_stdin_says_it_cannot():
    run = run_cli("-", "--fix", "--format", "concise", stdin="The the end.\n")
    assert "--fix cannot rewrite standard input" in run.err and "TY001" in run.out


def test_the_same_path_twice_is_checked_once(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The the end.\n", encoding="utf-8")
    run = run_cli(str(p), str(p), str(tmp_path), "--format", "concise")
    assert run.out.count("TY001") == 1


def test_negative_pack_timeout_is_rejected(tmp_path):
    (tmp_path / "house.toml").write_text('[[rule]]\ncode = "HS010"\nname = "house-pattern"\nkind = "pattern"\n'
                                         'message = "x"\npattern = "zzq+"\n', encoding="utf-8")
    (tmp_path / "copycheck.toml").write_text('packs = ["house.toml"]\n[rules.house-pattern]\ntimeout = -1\n',
                                             encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    run = run_cli(str(tmp_path / "a.txt"), cwd=tmp_path)
    assert run.code == 2 and "timeout" in run.err and "positive" in run.err


def test_sarif_uris_are_percent_encoded(tmp_path):
    (tmp_path / "my #1 story.txt").write_text("The the end.\n", encoding="utf-8")
    run = run_cli("my #1 story.txt", "--format", "sarif", cwd=tmp_path)
    uri = run.json()["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20%231%20story.txt"
    absolute = run_cli(str(tmp_path / "my #1 story.txt"), "--format", "sarif")
    uri = absolute.json()["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/my%20%231%20story.txt")


class _Terminal:
    """A stand-in terminal for rich: a buffer that says it is a tty (the format's only question)."""

    def __init__(self) -> None:
        import io

        self.buffer = io.StringIO()
        self.write, self.flush = self.buffer.write, self.buffer.flush

    def isatty(self) -> bool:
        return True


def test_text_on_an_80_column_terminal_wraps_between_words(monkeypatch):
    from copycheck.formatters.text import render
    from copycheck.runner import FileResult

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    line = "A fairly long sentence that goes on and on about the the matter at hand for a while yet."
    findings = lint_text(line, path="a.txt")
    term = _Terminal()
    render([FileResult("a.txt", tuple(findings), snippets={1: line})], term)
    out = term.buffer.getvalue().splitlines()
    assert all(len(x) <= 80 for x in out)
    header = [x for x in out if "TY001" in x][0]
    assert "error TY001" in header
    words = set(" ".join(out).split())
    assert "“the”." in words or "“the”" in " ".join(out)  # no word cut in two
    for x in out:
        assert not x.endswith(("repea", "secon", "Doubl"))


def test_summary_does_not_count_skipped_files_as_checked(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    (tmp_path / "good.txt").write_text("Fine.\n", encoding="utf-8")
    run = run_cli(str(tmp_path))
    assert "No findings in 1 file; 1 skipped (see above)." in run.out


# 13. Command-line friction


def test_no_path_checks_the_working_folder(tmp_path):
    (tmp_path / "a.txt").write_text("The the end.\n", encoding="utf-8")
    run = run_cli("--format", "concise", cwd=tmp_path)
    assert run.code == 1 and "a.txt:1:1: TY001" in run.out


def test_rule_of_a_pack_is_found_and_its_pack_named():
    run = run_cli("rule", "AP003")
    assert run.code == 0 and run.out.startswith("AP003 ") and "--pack ap" in run.out


def test_help_mentions_names():
    assert "copycheck names" in run_cli("--help").out


def test_an_empty_run_says_so(tmp_path):
    run = run_cli(str(tmp_path))
    assert run.code == 0 and "no files to check" in run.err and "No findings in 0 files" not in run.out
    (tmp_path / "copycheck.toml").write_text('exclude = ["*.txt"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("The the.\n", encoding="utf-8")
    run = run_cli(str(tmp_path / "a.txt"), cwd=tmp_path)
    assert "no files to check" in run.err and run.out == ""


def test_fix_says_what_it_fixed_and_hints_at_unsafe_fixes(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The the end, and and more. Deutsche Boerse (DB) bid. Later Deutsche Boerse rose.\n",
                 encoding="utf-8")
    run = run_cli("--fix", str(p))
    assert "Fixed:" in run.out and f"  {p}" in run.out and "2 × TY001 [doubled-word]" in run.out
    assert "more with --fix --unsafe-fixes" in run.out


def test_mistyped_directive_code_matches_no_rule_and_survives_fix(tmp_path):
    p = tmp_path / "a.md"
    text = "<!-- copycheck: ignore TY01 -->\nThe the end.\n"
    p.write_text(text, encoding="utf-8")
    run = run_cli("--format", "concise", str(p))
    assert "CC101" in run.out and "'TY01' matches no rule" in run.out and "CC100" not in run.out
    run_cli("--fix", str(p))
    assert p.read_text(encoding="utf-8").startswith("<!-- copycheck: ignore TY01 -->")


def test_directive_codes_take_any_case_as_configuration_does():
    assert _codes("<!-- copycheck: ignore ty001 -->\nThe the end.\n", "a.txt") == []


def test_two_rules_on_the_same_word_report_it_once():
    from copycheck.config import Settings, build_ruleset
    from copycheck.engine import RuleSet, check_document
    from copycheck.registry import load_rules

    s = Settings(packs=("ap",))
    ruleset = build_ruleset(s, load_rules(s.packs))
    text = "The adviser spoke first. Later the advisor left.\n"
    findings, _ = check_document(Document.from_text(text, "a.txt"), ruleset)
    at = [f.code for f in findings if f.start == text.index("advisor")]
    assert len(at) == 1


def test_negative_max_file_size_is_rejected():
    run = run_cli("--max-file-size", "-1", "seeds")
    assert run.code == 2 and "--max-file-size" in run.err


# 14. Line endings


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_every_line_ending_gives_the_lf_structure(eol):
    text = "NRB deal agreed\n\nThe Northern Rail Board (NRB) met. The NRB agreed, and the the rest.\n"
    lf = [(f.code, f.line, f.column) for f in lint_text(text)]
    assert ("TY001", 3, 56) in lf and not [c for c in lf if c[0] == "AB002"]  # the headline is exempt
    assert [(f.code, f.line, f.column) for f in lint_text(text.replace("\n", eol))] == lf


def test_a_short_first_paragraph_ending_in_a_quotation_is_a_lead():
    text = "The NRB said: “We act.”\n\nThe Northern Rail Board (NRB) met. The NRB agreed.\n"
    assert [(f.code, f.line, f.column) for f in lint_text(text)] == [("AB002", 1, 5)]


# 15. The AB004 fix keeps the possessive


def test_ab004_fix_keeps_the_possessive():
    from copycheck.fix import apply_fixes

    text = "Deutsche Boerse's (DB) bid failed. Later Deutsche Boerse's bid rose.\n"
    (f,) = [f for f in lint_text(text) if f.code == "AB004"]
    assert apply_fixes(text, [f.fix]) == "Deutsche Boerse's (DB) bid failed. Later DB's bid rose.\n"


# 4. Bounded cost on hostile input (time and memory are measured by scripts/stress.py, not here)


def test_a_rule_stops_after_ten_thousand_findings_in_one_file():
    from copycheck.engine import MAX_HITS_PER_RULE, RuleSet, check_document
    from copycheck.registry import load_rules

    rule = next(r for r in load_rules(()) if r.code == "QT003")
    findings, problems = check_document(Document.from_text("(x " * 30_000, "a.txt"), RuleSet((rule,)))
    assert len(findings) == MAX_HITS_PER_RULE == 10_000
    assert [p.message for p in problems] == ["rule QT003 [unbalanced-brackets] stopped after 10,000 findings; "
                                             "the rest are not reported"]
    assert not problems[0].fatal


# Reading with os.read: the whole file whatever the size from the stat says


@pytest.mark.parametrize("length", [0, 1, 4095, 65536, 200_001])
@pytest.mark.parametrize("hint", [-1, 0, +1, -4000])
def test_a_file_is_read_whole_whatever_the_size_hint(tmp_path, length, hint):
    from copycheck.files import _read_file

    p = tmp_path / "story.txt"
    data = bytes(i % 251 for i in range(length))
    p.write_bytes(data)
    # A hint below the length is a file that grew since it was listed; above, one that shrank.
    assert _read_file(str(p), max(0, length + hint)) == data == p.read_bytes()


def test_a_directory_given_as_a_file_is_reported(tmp_path):
    from copycheck.files import Source, read

    problem = read(Source(str(tmp_path), "folder"))
    assert problem.message == "is a directory"
