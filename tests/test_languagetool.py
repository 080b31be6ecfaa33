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
