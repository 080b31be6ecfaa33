"""Runs selected rules over a Document and turns their hits into positioned findings."""
from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice
from collections.abc import Mapping, Sequence

from .document import Document
from .model import Finding, Rule, Severity
from .lazyre import lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# "[sic]" right after a word (allowing closing punctuation) marks the word as the speaker's.
# More findings of one rule in one file than anyone reads: the sign of hostile or broken input.
MAX_HITS_PER_RULE = 10_000
_SIC = lazy(r"[\"'”’.,;:!?)]*\s*\[sic\]", re.I)


class Problem(namedtuple("Problem", "path message fatal", defaults=(True,))):
    """A file or rule that could not be checked (path, message); reported on stderr, and fatal
    ones exit 2, while a notice (fatal=False: an empty file) is no failure to read.

    A named tuple, not a frozen dataclass, which would cost about 1 ms of a one-article run to
    create (see model.Examples).
    """

    __slots__ = ()


class RuleFailure(Exception):
    """Raised by a check that cannot finish (a runaway pattern); the engine reports it."""


@dataclass(frozen=True)
class RuleSet:
    """The rules chosen for a run, with per-rule options and severity overrides."""

    rules: tuple[Rule, ...]
    options: Mapping[str, Mapping[str, Any]] = None  # type: ignore[assignment]
    severities: Mapping[str, Severity] = None  # type: ignore[assignment]

    def options_for(self, rule: Rule) -> Mapping[str, Any]:
        """The rule's defaults overlaid with the user's [rules.NAME] options."""
        user = (self.options or {}).get(rule.name, {})
        return {**rule.default_options, **user} if user else rule.default_options

    @cached_property
    def cross_file(self) -> bool:
        """True when a rule needs every file's statistics, reported after the whole run (asked per
        file, and most files share a rule set: worked out once)."""
        return any(r.cross_file for r in self.rules)

    def severity_for(self, rule: Rule) -> Severity:
        """The configured severity of a rule, or its default."""
        sev = self.severities or {}
        return sev.get(rule.code, sev.get(rule.name, rule.severity))

    @cached_property
    def plan(self) -> tuple[tuple[Rule, Mapping[str, Any], Severity], ...]:
        """Each rule with its options and severity, worked out once per rule set, not per document."""
        return tuple((rule, self.options_for(rule), self.severity_for(rule)) for rule in self.rules)


def _followed_by_sic(text: str, end: int) -> bool:
    return _SIC.match(text, end, min(len(text), end + 16)) is not None


def check_document(doc: Document, ruleset: RuleSet) -> tuple[list[Finding], list[Problem]]:
    """Run every rule in the set over one document; return sorted findings and problems."""
    findings: list[Finding] = []
    problems: list[Problem] = []
    for rule, options, severity in ruleset.plan:
        try:
            # A hostile file (a million unbalanced brackets) could yield a finding per character;
            # past a number no one reads, stop the rule so memory and output stay bounded.
            hits = list(islice(rule.check(doc, options), MAX_HITS_PER_RULE + 1))
        except RuleFailure as exc:
            problems.append(Problem(doc.path, f"rule {rule.code} [{rule.name}] stopped: {exc}"))
            continue
        except Exception as exc:  # a bug in one rule must not cost the other rules or files
            problems.append(Problem(doc.path, f"rule {rule.code} [{rule.name}] crashed: "
                                              f"{type(exc).__name__}: {exc} (please report this)"))
            continue
        if len(hits) > MAX_HITS_PER_RULE:
            del hits[MAX_HITS_PER_RULE:]
            problems.append(Problem(doc.path, f"rule {rule.code} [{rule.name}] stopped after "
                                              f"{MAX_HITS_PER_RULE:,} findings; the rest are not reported",
                                    fatal=False))
        if hits:
            position = doc.lines.position  # the line index is built only for a file with hits
        for hit in hits:
            if not rule.in_quotes and doc.quotes.contains(hit.start, hit.end):
                continue
            if _followed_by_sic(doc.text, hit.end):
                continue
            if hit.fix is not None and doc.tables and doc.tables.changes_layout(doc.text, hit.fix):
                hit = replace(hit, fix=None)  # a table row's cells and gaps are never moved by a fix
            start, end, fix = (hit.start, hit.end, hit.fix) if doc.offsets is None else doc.offsets.place(hit)
            line, col = position(start)
            end_line, end_col = position(end)
            fix_pos = (*position(fix.start), *position(fix.end)) if fix else None
            findings.append(
                Finding(doc.path, rule.code, rule.name, severity, hit.message,
                        start, end, line, col, end_line, end_col, fix, fix_pos)
            )
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    if any(f.code == "LT001" for f in findings):  # LanguageTool repeating one of our findings
        from .grammar.overlap import drop_duplicates

        findings = drop_duplicates(findings)
    if "copycheck" in doc.source:  # cheap test; directives are rare
        from .suppress import apply

        findings = apply(doc, ruleset, findings)
    return _once_per_span(findings), problems


def _once_per_span(findings: list[Finding]) -> list[Finding]:
    """One finding per span: when two rules flag the same word (AP006 and CS001 on "advisor"),
    keep the more severe, then the one with a fix, then the first by code."""
    out = findings[:1]
    for f in findings[1:]:
        last = out[-1]
        if f.start == last.start and f.end == last.end and f.start < f.end:
            if (f.severity, f.fix is not None) > (last.severity, last.fix is not None):
                out[-1] = f
            continue
        out.append(f)
    return out


def lint_text(text: str, rules: Sequence[Rule] | None = None, path: str = "<text>") -> list[Finding]:
    """Check a string with the given rules (default: the default rule selection)."""
    if rules is None:
        from .registry import load_rules
        from .selection import select_rules

        rules = select_rules(load_rules(()), (), ())
    findings, problems = check_document(Document.from_text(text, path), RuleSet(tuple(rules)))
    if problems:
        raise RuleFailure("; ".join(p.message for p in problems))
    return findings

