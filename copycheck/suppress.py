"""Inline suppression: `<!-- copycheck: ignore|disable|enable|disable-file CODES -->` directives."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Finding, Fix
from .lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from .document import Document
    from .engine import RuleSet

UNUSED, INVALID = "CC100", "CC101"
# Any HTML comment that starts with "copycheck" is meant as a directive, so a typo in it
# ("copycheck ignore", "copycheck: ignroe") is reported rather than silently ignored.
_DIRECTIVE = compile_re(r"<!--[ \t]*copycheck\b(?P<colon>[ \t]*:)?(?P<body>.*?)-->", re.S)
_VERBS = ("ignore", "disable", "enable", "disable-file")
# A code (TY001), a prefix (TY, AP0) or a rule name (doubled-word); ALL matches every rule.
# Codes in any case, as configuration takes them (`ty001` is TY001).
_CODE = compile_re(r"[A-Za-z]{1,3}\d{0,3}|[a-z]+(?:-[a-z0-9]+)*|ALL")


@dataclass
class Directive:
    """One parsed directive: what it does, to which codes, and which of them were used."""

    verb: str
    codes: tuple[str, ...]
    start: int
    end: int
    line: int
    used: set[str] = field(default_factory=set)
    # Codes that match no known rule (a typo such as TY01): reported as such, never as unused.
    unknown: tuple[str, ...] = ()
    # For disable: the offset of the matching enable (end of file if none).
    until: int = -1


def _matches(token: str, finding: Finding) -> bool:
    """True when a directive code (code, prefix, name or ALL) covers a finding."""
    return token == "ALL" or token == finding.name or finding.code.startswith(token.upper())


def _known(token: str, rules) -> bool:
    """True when a directive code names or prefixes some rule (the test configuration uses)."""
    return token == "ALL" or any(token == r.name or r.code.startswith(token.upper()) for r in rules)


@lru_cache(maxsize=1)
def _every_rule() -> tuple:
    """Every built-in rule, packs included, whether or not this run selects it."""
    from .packs import available_packs
    from .registry import load_rules

    return tuple(load_rules(available_packs()))


def parse(doc: Document, rules=()) -> tuple[list[Directive], list[tuple[int, int, str]]]:
    """Directives in source order, and the (start, end, reason) of each malformed one."""
    directives: list[Directive] = []
    invalid: list[tuple[int, int, str]] = []
    open_disables: dict[str, Directive] = {}
    for m in _DIRECTIVE.finditer(doc.source):
        start, end = m.span()
        body = m.group("body").strip()
        if not m.group("colon"):
            invalid.append((start, end, "a directive needs a colon: <!-- copycheck: ignore CODE -->"))
            continue
        verb, _, rest = body.partition(" ")
        verb = verb.lower()
        codes = tuple(c for c in re.split(r"[\s,]+", rest.strip()) if c)
        if verb not in _VERBS:
            invalid.append((start, end, f"unknown directive {verb or '(none)'!r}; use ignore, disable, enable "
                                        "or disable-file"))
            continue
        if verb == "disable-file":
            if codes:
                invalid.append((start, end, "disable-file takes no codes; use disable CODE for some rules"))
                continue
        elif not codes:
            invalid.append((start, end, f"{verb} needs at least one rule code, prefix or name"))
            continue
        bad = [c for c in codes if not _CODE.fullmatch(c)]
        if bad:
            invalid.append((start, end, f"{bad[0]!r} is not a rule code, prefix or name"))
            continue
        unknown = tuple(c for c in codes if not _known(c, rules) and not _known(c, _every_rule()))
        for code in unknown:
            invalid.append((start, end, f"{code!r} matches no rule (see `copycheck rules`)"))
        codes = tuple(c for c in codes if c not in unknown)
        if unknown and not codes:
            continue
        line = doc.lines.position(start)[0]
        if verb == "enable":
            for code in codes:
                opened = open_disables.pop(code.upper(), None)
                if opened is None:
                    invalid.append((start, end, f"enable {code} without an earlier disable {code}"))
                else:
                    opened.until = start
            continue
        d = Directive(verb, codes, start, end, line, unknown=unknown)
        if verb == "disable":
            d.until = len(doc.source)
            for code in codes:
                open_disables[code.upper()] = d
        directives.append(d)
    return directives, invalid


def apply(doc: Document, ruleset: RuleSet, findings: list[Finding]) -> list[Finding]:
    """Drop suppressed findings; add CC100 for unused and CC101 for malformed directives."""
    directives, invalid = parse(doc, ruleset.rules)
    if not directives and not invalid:
        return findings
    kept: list[Finding] = []
    for f in findings:
        suppressed = False
        for d in directives:
            if d.verb == "disable-file":
                d.used.add("")
                suppressed = True
                continue
            if d.verb == "ignore" and f.line not in (d.line, d.line + 1):
                continue
            if d.verb == "disable" and not (d.start <= f.start < d.until):
                continue
            for code in d.codes:
                if _matches(code, f):
                    d.used.add(code)
                    suppressed = True
        if not suppressed:
            kept.append(f)
    rules = {r.code: r for r in ruleset.rules}
    extra: list[Finding] = []
    if UNUSED in rules:
        for d in directives:
            unused = [c for c in d.codes if c not in d.used] if d.codes else ([] if d.used else [""])
            if not unused:
                continue
            if (len(unused) == len(d.codes) or not d.codes) and not d.unknown:
                what = f"`{d.verb}{' ' + ','.join(d.codes) if d.codes else ''}`"
                msg = f"Unused suppression: {what} suppresses no finding here; remove it."
                fix = _removal(doc.source, d.start, d.end)
            else:
                msg = f"Unused suppression: {', '.join(unused)} in this `{d.verb}` suppresses no finding here."
                fix = None
            extra.append(_finding(doc, ruleset, rules[UNUSED], d.start, d.end, msg, fix))
    if INVALID in rules:
        for start, end, reason in invalid:
            extra.append(_finding(doc, ruleset, rules[INVALID], start, end, f"Malformed directive: {reason}.", None))
    if not extra:
        return kept
    kept.extend(extra)
    kept.sort(key=lambda f: (f.start, f.end, f.code))
    return kept


def _removal(source: str, start: int, end: int) -> Fix:
    """Remove a directive; when it is alone on its line, remove the line too."""
    line_start = source.rfind("\n", 0, start) + 1
    after = end
    while after < len(source) and source[after] in " \t":
        after += 1
    if not source[line_start:start].strip() and (after == len(source) or source[after] in "\r\n"):
        if source.startswith("\r\n", after):
            after += 2
        elif after < len(source):
            after += 1
        return Fix(line_start, after, "", safe=True)
    return Fix(start, end, "", safe=True)


def _finding(doc: Document, ruleset: RuleSet, rule, start: int, end: int, message: str,
             fix: Fix | None) -> Finding:
    """A CC100/CC101 finding at a directive, with the configured severity."""
    line, col = doc.lines.position(start)
    end_line, end_col = doc.lines.position(end)
    return Finding(doc.path, rule.code, rule.name, ruleset.severity_for(rule), message, start, end,
                   line, col, end_line, end_col, fix)

