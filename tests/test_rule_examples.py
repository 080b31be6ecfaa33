"""Every rule's pass/fail/fix cases, kept as data beside the rule, run by one parametrised test."""
from __future__ import annotations

import re

import pytest

from copycheck.document import Document
from copycheck.engine import RuleSet, check_document
from copycheck.fix import apply_fixes, choose_fixes
from copycheck.packs import available_packs
from copycheck.registry import load_rules

# Every built-in Python rule and every rule of every built-in pack.
RULES = load_rules(available_packs())
CASES = [
    pytest.param(rule, kind, case, id=f"{rule.code}-{kind}-{i}")
    for rule in RULES
    for kind, cases in (("pass", rule.examples.passing), ("fail", rule.examples.failing), ("fix", rule.examples.fixes))
    for i, case in enumerate(cases)
]


def _findings(rule, text):
    corpus_check = getattr(rule.check, "corpus_check", None)
    if corpus_check is not None:  # a cross-file rule: the example is articles split by form feeds
        return [f for per_file in corpus_check(text) for f in per_file]
    return check_document(Document.from_text(text, "example.txt"), RuleSet((rule,)))[0]


@pytest.mark.parametrize("rule,kind,case", CASES)
def test_rule_example(rule, kind, case):
    if kind == "pass":
        assert _findings(rule, case) == [], f"{rule.code} fired on a passing example: {case!r}"
    elif kind == "fail":
        found = _findings(rule, case)
        assert found, f"{rule.code} missed a failing example: {case!r}"
        assert all(f.code == rule.code and f.end > f.start for f in found)
    else:
        before, after = case
        text = before
        for _ in range(5):  # fixes settle in a few rounds, as with --fix
            fixes = choose_fixes(_findings(rule, text), unsafe=True)
            if not fixes:
                break
            text = apply_fixes(text, fixes)
        assert text == after


def test_every_rule_has_docs_and_examples():
    from copycheck.registry import BACKEND_MODULES

    # Server-backed rules are tested against a loopback server instead (test_languagetool.py).
    backend = {r.code for m in BACKEND_MODULES for r in __import__(f"copycheck.{m}", fromlist=["RULES"]).RULES}
    for rule in RULES:
        if rule.code in backend:
            assert rule.docs.what and rule.docs.why and rule.docs.example
            continue
        assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
        assert rule.docs.what and rule.docs.why and rule.docs.example, rule.code
        assert rule.examples.passing and rule.examples.failing, rule.code
        assert "\n" not in rule.summary


def test_codes_and_names_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
