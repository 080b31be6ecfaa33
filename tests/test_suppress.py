"""Inline suppression directives in .txt and .md, and the CC100/CC101 reports about them."""
from __future__ import annotations

import pytest

from conftest import run_cli
from copycheck.document import Document
from copycheck.engine import RuleSet, check_document
from copycheck.registry import load_rules
from copycheck.selection import select_rules

RULES = select_rules(load_rules(()), (), ())


def lint(text: str, path: str = "a.txt", rules=RULES):
    findings, problems = check_document(Document.from_text(text, path), RuleSet(tuple(rules)))
    assert not problems
    return [(f.line, f.code) for f in findings]


@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_ignore_on_the_same_line_or_the_line_above(path):
    text = ("Say the the word. <!-- copycheck: ignore TY001 -->\n"
            "<!-- copycheck: ignore doubled-word -->\n"
            "Then the the end.\n"
            "And the the rest.\n")
    assert lint(text, path) == [(4, "TY001")]


def test_ignore_takes_several_codes_prefixes_and_names():
    text = "<!-- copycheck: ignore TY001, its-its -->\nIt has it's own the the.\n"
    assert lint(text) == []
    assert lint("<!-- copycheck: ignore TY -->\nIt has it's own the the.\n") == []


def test_disable_and_enable_a_region():
    text = ("<!-- copycheck: disable TY001 -->\n"
            "One the the.\n"
            "Two the the.\n"
            "<!-- copycheck: enable TY001 -->\n"
            "Three the the.\n")
    assert lint(text) == [(5, "TY001")]


def test_disable_without_enable_runs_to_the_end():
    assert lint("<!-- copycheck: disable doubled-word -->\nOne the the.\n\nTwo the the.\n") == []


def test_disable_file():
    assert lint("One the the.\n<!-- copycheck: disable-file -->\nIt has it's own.\n") == []


def test_unused_directive_is_reported_with_a_fix_that_removes_it():
    text = "<!-- copycheck: ignore TY004 -->\nA clean line.\n"
    findings, _ = check_document(Document.from_text(text, "a.md"), RuleSet(tuple(RULES)))
    (f,) = findings
    assert (f.code, f.name, f.line, f.column) == ("CC100", "unused-suppression", 1, 1)
    assert "suppresses no finding" in f.message
    assert text[:f.fix.start] + f.fix.replacement + text[f.fix.end:] == "A clean line.\n"


def test_partly_used_directive_names_the_unused_code():
    text = "<!-- copycheck: ignore TY001,TY004 -->\nSay the the word.\n"
    findings, _ = check_document(Document.from_text(text, "a.txt"), RuleSet(tuple(RULES)))
    (f,) = findings
    assert f.code == "CC100" and "TY004" in f.message and f.fix is None


@pytest.mark.parametrize("directive, reason", [
    ("<!-- copycheck ignore TY001 -->", "needs a colon"),
    ("<!-- copycheck: ignroe TY001 -->", "unknown directive 'ignroe'"),
    ("<!-- copycheck: ignore -->", "needs at least one rule code"),
    ("<!-- copycheck: ignore TY00$ -->", "is not a rule code"),
    ("<!-- copycheck: enable TY001 -->", "without an earlier disable"),
    ("<!-- copycheck: disable-file TY001 -->", "takes no codes"),
])
def test_malformed_directive_is_reported(directive, reason):
    text = f"{directive}\nA clean line.\n"
    findings, _ = check_document(Document.from_text(text, "a.txt"), RuleSet(tuple(RULES)))
    assert [f.code for f in findings] == ["CC101"]
    assert reason in findings[0].message


def test_directive_reports_follow_selection():
    text = "<!-- copycheck: ignore TY004 -->\n<!-- copycheck: oops -->\nA clean line.\n"
    only_typos = [r for r in RULES if r.code.startswith("TY")]
    assert lint(text, rules=only_typos) == []


def test_plain_comments_are_not_directives():
    assert lint("<!-- editor: check the the quote -->\nA clean line.\n") == []


def test_cli_suppression_and_fix_removes_unused(tmp_path):
    p = tmp_path / "story.md"
    p.write_text("Say the the word. <!-- copycheck: ignore TY001 -->\n<!-- copycheck: ignore TY002 -->\nFine.\n",
                 encoding="utf-8")
    run = run_cli(str(p), "--format", "concise")
    assert run.out.count("CC100") == 1 and "TY001" not in run.out.replace("ignore TY001", "")
    run_cli(str(p), "--fix")
    assert p.read_text(encoding="utf-8") == "Say the the word. <!-- copycheck: ignore TY001 -->\nFine.\n"


def test_suppression_rules_are_listed_and_documented():
    run = run_cli("rules")
    assert "CC100   unused-suppression" in run.out and "CC101   invalid-suppression" in run.out
    assert "## What it does" in run_cli("rule", "CC101").out
