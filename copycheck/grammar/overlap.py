"""No double reports: a LanguageTool match is dropped when a copycheck rule flags the same span
for the same reason (a repeated word, spacing, its/it's, an apostrophe); copycheck's is kept."""
from __future__ import annotations

import re
from collections.abc import Sequence

LT_CODE = "LT001"
# The LanguageTool rule id, as languagetool.py ends each message.
_RULE_ID = re.compile(r"\(LanguageTool ([A-Za-z0-9_]+)\)$")

# (pattern on LanguageTool's rule id, the copycheck codes that report the same reason)
SAME_REASON: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    # ENGLISH_WORD_REPEAT_RULE and friends; not ENGLISH_WORD_REPEAT_BEGINNING_RULE (a style hint).
    (re.compile(r"WORD_REPEAT(?!_BEGINNING)"), frozenset({"TY001"})),
    (re.compile(r"WHITESPACE|SPACE|DOUBLE_PUNCTUATION|PUNCTUATION_PARAGRAPH"),
     frozenset({"SP001", "SP002", "SP003", "SP004", "TY002"})),
    (re.compile(r"(?:^|_)IT_?S(?:_|$)|IT_IS|ITS_"), frozenset({"TY004"})),
    (re.compile(r"APOS"), frozenset({"TY002", "TY003"})),
)


def lt_rule(message: str) -> str | None:
    """The LanguageTool rule id of an LT001 finding's message."""
    m = _RULE_ID.search(message)
    return m.group(1) if m else None


def _codes_for(rule_id: str) -> frozenset[str]:
    out: set[str] = set()
    for pattern, codes in SAME_REASON:
        if pattern.search(rule_id):
            out |= codes
    return frozenset(out)


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end or a.start == a.end == b.start


def drop_duplicates(findings: Sequence) -> list:
    """The findings without LT001 matches that repeat a copycheck finding on an overlapping span."""
    ours = [f for f in findings if f.code != LT_CODE]
    out = []
    for f in findings:
        if f.code == LT_CODE:
            codes = _codes_for(lt_rule(f.message) or "")
            if codes and any(o.code in codes and _overlap(f, o) for o in ours):
                continue
        out.append(f)
    return out
