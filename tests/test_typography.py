"""Quotation spans, quote-awareness, [sic], and the issue-5 findings on the seed article."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_cli
from copycheck.document import Document
from copycheck.engine import RuleSet, check_document
from copycheck.quotes import APOSTROPHE, CLOSE, OPEN, find_quotations
from copycheck.registry import find_rule, load_rules

RULES = load_rules(())


def quoted(text: str) -> list[str]:
    """The text of each merged outer quotation span."""
    return [text[a:b] for a, b in find_quotations(text).spans]


def roles(text: str) -> list[tuple[str, str]]:
    return [(m.char, m.role) for m in find_quotations(text).marks]


def test_nested_curly_quotes_make_one_outer_span():
    text = "She said “it is ‘fine’ now” and left."
    q = find_quotations(text)
    assert quoted(text) == ["“it is ‘fine’ now”"]
    assert sorted((x.depth, x.kind) for x in q.quotations) == [(0, "double"), (1, "single")]
    assert q.unbalanced == ()


def test_straight_quotes_nest_and_pair():
    text = "He said \"we want 'fair' terms\" and 'no' more."
    assert quoted(text) == ["\"we want 'fair' terms\"", "'no'"]


@pytest.mark.parametrize(
    "text",
    [
        "The ’90s and the '80s.",
        "Rock ’n’ roll and rock 'n' roll.",
        "Libya ‘s capital.",
        "Don’t go; it’s five o’clock.",
        "The Jones’ house and the players' union.",
        "Give ’em a chance.",
    ],
)
def test_apostrophes_are_never_quotes(text):
    q = find_quotations(text)
    assert q.spans == () and q.unbalanced == ()
    assert all(role == APOSTROPHE for _, role in roles(text))


def test_apostrophe_inside_a_single_quotation():
    text = "She said: 'I won't go' and left."
    assert quoted(text) == ["'I won't go'"]
    assert roles(text) == [("'", OPEN), ("'", CLOSE)]  # an apostrophe inside a word is not listed


def test_multi_paragraph_quotation_continues_without_unbalanced_marks():
    text = "“The first part runs on.\n\n“The second part ends it,” she said.\n\nThen nothing."
    q = find_quotations(text)
    assert quoted(text) == ["“The first part runs on.", "“The second part ends it,”"]
    assert q.unbalanced == ()
    assert any(x.continued for x in q.quotations)


def test_multi_paragraph_convention_with_one_paragraph_per_line():
    long_line = "\"" + "word " * 30 + "ends here."
    text = long_line + "\n\"And it goes on,\" he said.\nAfter."
    assert find_quotations(text).unbalanced == ()


def test_quote_left_open_at_paragraph_end_is_unbalanced():
    text = "“We will not stop, he said.\n\nThe talks went on."
    q = find_quotations(text)
    assert [m.offset for m in q.unbalanced] == [0]
    assert quoted(text) == ["“We will not stop, he said."]


def test_wrapped_lines_keep_a_quotation_open():
    text = "He said \"this is a quote that\nwraps onto a second line\" today."
    assert quoted(text) == ["\"this is a quote that\nwraps onto a second line\""]


def test_contains_uses_spans():
    text = "He said “the the thing” and the the end."
    q = find_quotations(text)
    inside = text.index("the the")
    outside = text.rindex("the the")
    assert q.contains(inside, inside + 7)
    assert not q.contains(outside, outside + 7)
    assert not q.contains(inside, outside)


def test_quotes_computed_once_per_document():
    doc = Document.from_text("He said “yes”.")
    assert doc.quotes is doc.quotes


def _codes(text: str, *keys: str, options=None) -> list[tuple[str, int, int]]:
    rules = tuple(find_rule(RULES, k) for k in keys)
    doc = Document.from_text(text, "t.txt")
    findings, problems = check_document(doc, RuleSet(rules, options or {}))
    assert problems == []
    return [(f.code, f.line, f.column) for f in findings]


def test_style_rule_is_silent_inside_quotations():
    text = "The Northern Rail Board (NRB) met. “The Northern Rail Board is ours,” he said. The NRB agreed."
    assert _codes(text, "AB004") == []
    assert _codes(text.replace("“", "").replace("”", ""), "AB004") == [("AB004", 1, 40)]


def test_sic_silences_a_finding():
    assert _codes("He said the the [sic] words.", "TY001") == []
    assert _codes("He said the the words.", "TY001") == [("TY001", 1, 9)]
    assert _codes("The Northern Rail Board (NRB) [sic] met.", "AB001") == []
    assert _codes("Prices rose,, [sic] he wrote.", "SP003") == []


def test_known_abbreviations_extend_from_options():
    text = "The NRB met. The Northern Rail Board (NRB) agreed."
    assert _codes(text, "AB002") == [("AB002", 1, 5)]
    assert _codes(text, "AB002", options={"abbreviation-before-definition": {"known": ["NRB"]}}) == []


def test_dash_in_dateline_and_correct_dashes_not_flagged():
    text = "GENEVA (WIRE) – Talks resumed.\nThe council has said it will talk – but not yet."
    assert _codes(text, "DA001", "DA002", "DA003") == []


def test_seed_typography_positions():
    """The issue-5 findings on the seed, at their exact line:col, and nothing else."""
    run = run_cli("seeds/000_f1c6ae6c2e3769bb.txt", "--format", "json")
    found = [f for f in run.json() if f["code"][:2] in ("QT", "DA", "AB", "SP")]
    got = {(f["line"], f["column"], f["code"]) for f in found}
    assert got == {
        (4, 79, "QT001"),  # ‘zone of competition’; the message cites “defensive battle” at 12:72
        (10, 111, "DA003"),  # the lone dash before "announced"
        (7, 264, "AB001"),  # (LNA)
        (16, 218, "AB001"),  # (UAE)
        (10, 81, "AB004"),  # Government of National Accord, after (GNA) at 7:94
    }
    messages = {f["code"]: f["message"] for f in found}
    assert "12:72" in messages["QT001"] and "7:94" in messages["AB004"]


def test_rule_rates_script_runs_on_any_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nThe Northern Rail Board (NRB) met.  Prices rose,, he said.\n")
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rule_rates.py"), str(tmp_path), "--select", "ALL"],
        capture_output=True, text=True, check=True,
    ).stdout
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:2].isalpha() and line[2:5].isdigit()}
    assert rows["AB001"][2] == "1" and rows["SP003"][2] == "1" and rows["TY001"][2] == "0"


_ALPHABET = st.sampled_from(
    list("aZ ’‘'\"“”()[]{}–—-.,;:!?\n\r\t") + ["NRB", "Northern Rail Board", "the", " (NRB)", "\n\n"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_new_rules_never_crash_and_stay_in_bounds(text):
    doc = Document.from_text(text, "t.txt")
    q = doc.quotes
    assert all(0 <= a < b <= len(text) for a, b in q.spans)
    assert list(q.spans) == sorted(q.spans)
    for rule in RULES:
        if rule.code[:2] not in ("QT", "DA", "AB", "SP"):
            continue
        for hit in rule.check(doc, rule.default_options):
            assert 0 <= hit.start < hit.end <= len(text), (rule.code, hit)
            if hit.fix:
                assert 0 <= hit.fix.start <= hit.fix.end <= len(text), (rule.code, hit)


def test_crlf_paragraphs_follow_the_convention():
    text = "“The first part runs on.\r\n\r\n“The second part ends it,” she said.\r\n"
    q = find_quotations(text)
    assert q.unbalanced == () and len(q.spans) == 2


def test_unsafe_abbreviation_fixes_never_leave_letters_undefined():
    from copycheck.fix import apply_fixes, choose_fixes

    text = "The Northern Rail Board (NRB) met. Then the Northern Rail Board left."
    rules = tuple(find_rule(RULES, c) for c in ("AB001", "AB004"))
    for _ in range(5):
        findings = check_document(Document.from_text(text, "t.txt"), RuleSet(rules))[0]
        fixes = choose_fixes(findings, unsafe=True)
        if not fixes:
            break
        text = apply_fixes(text, fixes)
    assert text == "The Northern Rail Board (NRB) met. Then the NRB left."
