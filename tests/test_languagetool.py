"""LT001 against a loopback LanguageTool server, and against a real one when its URL is configured."""
from __future__ import annotations

import os

import pytest

import loopback_languagetool as lt
from conftest import run_cli


@pytest.fixture
def server():
    srv, url = lt.start()
    yield url
    srv.shutdown()


def test_utf16_offsets_become_code_point_columns(server, monkeypatch):
    from copycheck.document import Document
    from copycheck.engine import RuleSet, check_document
    from copycheck.grammar.languagetool import RULES

    # Two emoji before the error: the server says UTF-16 offset 8, the column is 7.
    doc = Document.from_text("😀😀 Eat a apple and teh pie.\n", "a.txt")
    findings, problems = check_document(doc, RuleSet(RULES, {"languagetool": {"url": server}}))
    assert problems == []
    got = [(f.column, f.end_column, doc.source[f.start:f.end]) for f in findings]
    assert got == [(8, 10, "a "), (20, 23, "teh")]
    assert "LanguageTool EN_A_VS_AN" in findings[0].message
    assert findings[0].fix.replacement == "an " and not findings[0].fix.safe
    assert findings[1].fix is None  # several suggestions: no certain fix


def test_sends_masked_prose_and_language(server):
    from copycheck.document import Document
    from copycheck.engine import RuleSet, check_document
    from copycheck.grammar.languagetool import RULES

    doc = Document.from_text("See http://example.com/a-apple now.\n", "a.md")
    opts = {"languagetool": {"url": server, "language": "en-GB", "disabled-rules": ["X1"]}}
    assert check_document(doc, RuleSet(RULES, opts))[0] == []
    (sent,) = lt.Handler.requests
    assert "example.com" not in sent["text"] and len(sent["text"]) == len(doc.source)
    assert sent["language"] == "en-GB" and sent["disabledRules"] == "X1"


def test_off_by_default_and_nothing_sent_without_a_url(tmp_path, server):
    p = tmp_path / "a.txt"
    p.write_text("Eat a apple.\n", encoding="utf-8")
    assert run_cli(str(p), "--format", "json").json() == []
    assert lt.Handler.requests == []
    run = run_cli(str(p), "--select", "LT001", "--isolated")
    assert run.code == 2 and "no LanguageTool server configured" in run.err
    assert lt.Handler.requests == []


def test_env_url_selected_from_cli(tmp_path, server, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("Eat a apple.\n", encoding="utf-8")
    monkeypatch.setenv("COPYCHECK_LANGUAGETOOL_URL", server)
    run = run_cli(str(p), "--select", "LT001", "--format", "concise")
    assert run.out.startswith(f"{p}:1:5: LT001 [languagetool]")


def test_unreachable_server_is_a_clear_problem(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("Eat a apple.\n", encoding="utf-8")
    monkeypatch.setenv("COPYCHECK_LANGUAGETOOL_URL", "http://127.0.0.1:9")
    run = run_cli(str(p), "--select", "LT001,TY", "--format", "concise")
    assert run.code == 2 and "cannot reach LanguageTool server http://127.0.0.1:9" in run.err
    assert str(p) in run.err


REAL = os.environ.get("COPYCHECK_TEST_LANGUAGETOOL_URL")


@pytest.mark.skipif(not REAL, reason="set COPYCHECK_TEST_LANGUAGETOOL_URL to a real LanguageTool server to run")
def test_real_languagetool_server(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("😀 He ate a apple.\n", encoding="utf-8")
    monkeypatch.setenv("COPYCHECK_LANGUAGETOOL_URL", REAL)
    (f, *_) = run_cli(str(p), "--select", "LT001", "--format", "json").json()
    assert p.read_text(encoding="utf-8")[f["start"]:f["end"]].startswith("a")


def test_url_from_configuration_file(tmp_path, server):
    (tmp_path / "copycheck.toml").write_text(
        f'extend-select = ["LT001"]\n[rules.languagetool]\nurl = "{server}"\ntimeout = 5\n', encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("Eat a apple.\n", encoding="utf-8")
    run = run_cli(str(p), "--format", "concise")
    assert run.out.startswith(f"{p}:1:5: LT001 [languagetool]"), run.err
    assert lt.Handler.requests[0]["text"] == "Eat a apple.\n"


def article(tmp_path, name="a.txt", text="Eat a apple.\n"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_grammar_flag_switches_on_lt001(tmp_path, server, monkeypatch):
    p = article(tmp_path)
    monkeypatch.setenv("COPYCHECK_LANGUAGETOOL_URL", server)
    assert run_cli(str(p), "--isolated", "--format", "concise").out == ""
    run = run_cli(str(p), "--isolated", "--grammar", "--format", "concise")
    assert run.out.startswith(f"{p}:1:5: LT001 [languagetool]"), run.err


def test_grammar_true_in_configuration(tmp_path, server):
    (tmp_path / "copycheck.toml").write_text(f'grammar = true\n[rules.languagetool]\nurl = "{server}"\n',
                                             encoding="utf-8")
    p = article(tmp_path)
    run = run_cli(str(p), "--format", "concise")
    assert run.out.startswith(f"{p}:1:5: LT001 [languagetool]"), run.err
    (tmp_path / "copycheck.toml").write_text('grammar = "yes"\n', encoding="utf-8")
    bad = run_cli(str(p))
    assert bad.code == 2 and "key 'grammar': expected true or false" in bad.err


def test_no_double_reports_for_what_copycheck_already_flags(tmp_path, server, monkeypatch):
    # The loopback server also flags the repeated word and the double space, as LanguageTool does.
    p = article(tmp_path, text="He said the the word, and  then he ate a apple.\n")
    monkeypatch.setenv("COPYCHECK_LANGUAGETOOL_URL", server)
    got = [(f["code"], f["column"]) for f in run_cli(str(p), "--isolated", "--grammar", "--format", "json").json()]
    assert got == [("TY001", 9), ("SP001", 26), ("LT001", 40)]
    # With copycheck's own rules off, LanguageTool's matches are reported.
    only_lt = run_cli(str(p), "--isolated", "--select", "LT001", "--format", "json").json()
    assert [f["message"].rsplit("(", 1)[1] for f in only_lt] == [
        "LanguageTool ENGLISH_WORD_REPEAT_RULE)", "LanguageTool WHITESPACE_RULE)", "LanguageTool EN_A_VS_AN)"]


def test_requests_in_flight_are_bounded_across_files(tmp_path, server):
    lt.Handler.delay = 0.3  # a server's latency: files should wait side by side, not in a queue
    (tmp_path / "copycheck.toml").write_text(
        f'grammar = true\n[rules.languagetool]\nurl = "{server}"\nconcurrency = 3\n', encoding="utf-8")
    for i in range(9):
        article(tmp_path, f"s{i}.txt")
    run = run_cli(str(tmp_path), "--format", "concise")
    assert run.out.count("LT001") == 9, run.err
    assert len(lt.Handler.requests) == 9
    assert 1 < lt.Handler.max_in_flight <= 3


STAND_IN_JAVA = """#!{python}
# A stand-in for `java`, so that language-tool-python's start-up path runs for real here:
# `java -version` answers as Java 17 does, and `java -cp languagetool-server.jar
# org.languagetool.server.HTTPServer -p PORT` serves the loopback LanguageTool protocol.
import os, runpy, sys
if "-version" in sys.argv:
    sys.stderr.write('openjdk version "17.0.1" 2021-10-19\\n')
    sys.exit(0)
assert sys.argv[sys.argv.index("-cp") + 1].endswith("languagetool-server.jar"), sys.argv
assert "org.languagetool.server.HTTPServer" in sys.argv, sys.argv
with open({log!r}, "a") as fh:
    fh.write(f"{{os.getpid()}}\\n")
sys.argv = ["loopback_languagetool.py", *sys.argv[sys.argv.index("org.languagetool.server.HTTPServer") + 1:]]
runpy.run_path({loopback!r}, run_name="__main__")
"""


@pytest.fixture
def stand_in(tmp_path, monkeypatch):
    """language-tool-python's download folder with a LanguageTool-6.8 folder holding a stand-in
    server jar, and a stand-in `java` first on PATH (no real LanguageTool can be downloaded here)."""
    import sys

    bin_dir, lt_dir = tmp_path / "bin", tmp_path / "ltp"
    (lt_dir / "LanguageTool-6.8").mkdir(parents=True)
    (lt_dir / "LanguageTool-6.8" / "languagetool-server.jar").write_bytes(b"stand-in")
    bin_dir.mkdir()
    log = tmp_path / "servers.log"
    java = bin_dir / "java"
    java.write_text(STAND_IN_JAVA.format(python=sys.executable, log=str(log),
                                         loopback=lt.__file__), encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("LTP_PATH", str(lt_dir))
    monkeypatch.delenv("COPYCHECK_LANGUAGETOOL_URL", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    (work / "copycheck.toml").write_text("grammar = true\n[rules.languagetool]\nlocal = true\n", encoding="utf-8")
    return work, log, lt_dir


def test_local_server_started_through_language_tool_python_with_stand_in_java_and_jar(stand_in):
    work, log, _ = stand_in
    article(work, "a.txt")
    article(work, "b.txt", "He ate a orange.\n")
    run = run_cli(str(work), "--format", "concise")
    assert run.code == 1, run.err
    assert run.out.splitlines() == [
        f"{work}/a.txt:1:5: LT001 [languagetool] Use “an” instead of “a” before a vowel sound. "
        "Suggestion: an . (LanguageTool EN_A_VS_AN)",
        f"{work}/b.txt:1:8: LT001 [languagetool] Use “an” instead of “a” before a vowel sound. "
        "Suggestion: an . (LanguageTool EN_A_VS_AN)"]
    (pid,) = log.read_text().split()  # one server for both files
    with pytest.raises(ProcessLookupError):  # and it is stopped when the run ends
        os.kill(int(pid), 0)


def test_local_server_missing_files_names_the_folder_and_the_command(stand_in):
    import shutil

    work, log, lt_dir = stand_in
    shutil.rmtree(lt_dir / "LanguageTool-6.8")
    run = run_cli(str(article(work)), "--format", "concise")
    assert run.code == 2
    assert f"there are none in {lt_dir}" in run.err and "copycheck never downloads them itself" in run.err
    assert "language_tool_python.LanguageTool('en-US').close()" in run.err
    assert list(lt_dir.iterdir()) == [] and not log.exists()  # nothing downloaded, nothing started


def test_local_server_missing_java_says_so(stand_in, tmp_path, monkeypatch):
    work, log, _ = stand_in
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    run = run_cli(str(article(work)), "--format", "concise")
    assert run.code == 2 and "no `java` on PATH" in run.err and "default-jre-headless" in run.err
    assert run.err.count("copycheck: error") == 1


@pytest.mark.parametrize("rule_id, ours, dropped", [
    ("ENGLISH_WORD_REPEAT_RULE", "TY001", True),
    ("ENGLISH_WORD_REPEAT_BEGINNING_RULE", "TY001", False),  # a style hint, not a doubled word
    ("WHITESPACE_RULE", "SP001", True),
    ("IT_IS", "TY004", True),
    ("IT_S_ITS", "TY004", True),
    ("APOS_TYP", "TY003", True),
    ("EN_A_VS_AN", "TY001", False),
    ("WHITESPACE_RULE", "TY004", False),  # same span, another reason
])
def test_same_span_same_reason_table(rule_id, ours, dropped):
    from copycheck.grammar.overlap import drop_duplicates
    from copycheck.model import Finding, Severity

    def finding(code, message, start=4, end=9):
        return Finding("a.txt", code, "x", Severity.WARNING, message, start, end, 1, start + 1, 1, end + 1)

    lt_finding = finding("LT001", f"Something. (LanguageTool {rule_id})", 5, 8)
    got = drop_duplicates([finding(ours, "ours"), lt_finding])
    assert (lt_finding not in got) == dropped


def test_local_server_kept_running_is_reused_by_the_next_run(stand_in):
    import json as _json
    import signal

    work, log, lt_dir = stand_in
    (work / "copycheck.toml").write_text("grammar = true\n[rules.languagetool]\nlocal = true\nkeep-running = true\n",
                                         encoding="utf-8")
    p = article(work)
    try:
        first = run_cli(str(p), "--format", "concise")
        assert first.code == 1 and "LT001" in first.out, first.err
        (pid,) = log.read_text().split()
        record = _json.loads((lt_dir / "copycheck-server.json").read_text(encoding="utf-8"))
        assert record["pid"] == int(pid) and record["version"] == "6.8"
        os.kill(int(pid), 0)  # still running after the run
        # A second run, with or without keep-running, uses that server and starts none.
        (work / "copycheck.toml").write_text("grammar = true\n[rules.languagetool]\nlocal = true\n", encoding="utf-8")
        second = run_cli(str(p), "--format", "concise")
        assert second.out == first.out
        assert log.read_text().split() == [pid]
        os.kill(int(pid), 0)
    finally:
        for started in log.read_text().split() if log.exists() else ():
            try:
                os.kill(int(started), signal.SIGTERM)  # the stand-in server this test started
            except ProcessLookupError:
                pass
