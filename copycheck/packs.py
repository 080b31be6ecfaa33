"""Declarative rule packs: TOML files compiled into the same Rule type as the Python checks."""
from __future__ import annotations

import bisect
import os
import re
import string
from functools import lru_cache
from collections.abc import Callable, Iterator, Mapping, Sequence

from .document import Document, ascii_lowered
from .engine import RuleFailure
from .config import HOUSE_LIST_PACK
from .model import Docs, Examples, Fix, Hit, Rule, Severity
from .lazyre import ascii_words, lazy, spaced_bytes

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

KINDS = ("existence", "substitution", "consistency", "occurrence", "conditional", "pattern")
COMMON_FIELDS = frozenset({
    "code", "name", "kind", "message", "severity", "ignore-case", "exceptions", "in-quotes", "link",
    "examples", "summary", "description", "why",
})
KIND_FIELDS: dict[str, frozenset[str]] = {
    "existence": frozenset({"tokens", "before", "after", "not-before", "not-after"}),
    "substitution": frozenset({"swap", "safe", "before", "after", "not-before", "not-after"}),
    "consistency": frozenset({"either", "safe"}),
    "occurrence": frozenset({"scope", "max", "tokens"}),
    "conditional": frozenset({"if", "then"}),
    "pattern": frozenset({"pattern", "replacement", "case", "safe"}),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "existence": ("tokens",), "substitution": ("swap",), "consistency": ("either",),
    "occurrence": ("scope", "max"), "conditional": ("if", "then"), "pattern": ("pattern",),
}
# Placeholders each kind can fill in its message template.
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "existence": frozenset({"match"}),
    "substitution": frozenset({"match", "replacement"}),
    "consistency": frozenset({"match", "replacement"}),
    "occurrence": frozenset({"match", "count", "max"}),
    "conditional": frozenset({"match"}),
    "pattern": frozenset({"match", "replacement"}),
}
EXAMPLE_FIELDS = frozenset({"pass", "fail", "fix"})
SCOPES = ("sentence", "paragraph", "document")
CASES = {"lower": str.lower, "upper": str.upper, "title": str.title}
# Seconds a user-written pattern may spend on one document before the rule is stopped.
PATTERN_TIMEOUT = 2.0

_CODE = lazy(r"[A-Z]{2,3}\d{3}")
_NAME = lazy(r"[a-z]+(?:-[a-z0-9]+)*")
_WORDCHAR = lazy(r"\w")
_SPACES = lazy(r"\s+")
_APOSTROPHES = "'’"
_PARAGRAPH_BREAK = lazy(r"(?:\r\n|\r|\n)[ \t\ufffc]*(?:\r\n|\r|\n)\s*")
# A sentence ends at . ! or ? (with closing quotes or brackets) followed by space and a capital,
# digit or opening quote; "Mr. Smith" splits too, which only makes sentences shorter.
_SENTENCE_END = lazy(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


class PackError(ValueError):
    """An invalid pack: the message names the file, the rule and the reason."""


# --- finding packs -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def builtin_folder() -> str:
    """The folder of built-in packs and data: the installed copycheck/rules, else the source tree's rules/."""
    # A wheel installs rules/ as the package copycheck.rules, beside this module. A plain path
    # check finds it without importing importlib.resources (~9 ms of a cold start), and plain
    # os.path keeps pathlib (~3 ms) off a one-article run.
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "rules")
    if os.path.isfile(os.path.join(installed, "ap.toml")):
        return installed
    # Running from a checkout (tests use pythonpath="."), where copycheck.rules is not a package.
    return os.path.join(os.path.dirname(here), "rules")


def builtin_dir() -> Path:
    """builtin_folder() as a Path, for callers that list or read its files."""
    from pathlib import Path

    return Path(builtin_folder())


# Built-in data files in rules/ that are not rule packs.
NOT_RULE_PACKS = frozenset({HOUSE_LIST_PACK})


def available_packs() -> list[str]:
    """Names of the built-in rule packs, sorted."""
    return sorted(p.stem for p in builtin_dir().glob("*.toml") if p.stem not in NOT_RULE_PACKS)


def is_pack_path(name_or_path: str) -> bool:
    """A pack given as a file (ends in .toml or has a folder) rather than a built-in name."""
    return name_or_path.endswith(".toml") or "/" in name_or_path or "\\" in name_or_path


def resolve_pack(name_or_path: str, base_dir: str | None = None) -> str:
    """A built-in pack's file for a bare name; otherwise a path, relative to base_dir (made absolute)."""
    if not is_pack_path(name_or_path):
        path = os.path.join(builtin_folder(), f"{name_or_path}.toml")
        if os.path.isfile(path):
            return path
        raise PackError(f"unknown pack {name_or_path!r} (built-in packs: {', '.join(available_packs())}; "
                        "a pack file's path must end in .toml)")
    path = name_or_path
    if not os.path.isabs(path) and base_dir is not None:
        path = os.path.join(base_dir, path)
    if not os.path.isfile(path):
        raise PackError(f"{name_or_path}: pack file not found")
    return os.path.realpath(path)


def load_packs(names_or_paths: Sequence[str], base_dir: str | None = None) -> list[Rule]:
    """Compile the named or given packs into rules; each file is loaded once."""
    rules: list[Rule] = []
    seen: set[str] = set()
    names: dict[str, str] = {}
    for item in names_or_paths:
        if item == HOUSE_LIST_PACK:
            continue  # no rules of its own: it switches the house name list on (see config)
        path = resolve_pack(item, base_dir)
        if path in seen:
            continue
        seen.add(path)
        for rule in _compiled_pack(path):
            if rule.name in names:
                raise PackError(f"{path}: rule {rule.code}: duplicate rule name {rule.name!r} "
                                f"(also in {names[rule.name]})")
            names[rule.name] = str(path)
            rules.append(rule)
    return rules


# Compiled packs by (file, size, mtime): rules are immutable, so one process that builds several
# configurations (tests, an editor server, the API) compiles each pack file once.
_COMPILED: dict[tuple[str, int, int], tuple[Rule, ...]] = {}


def _compiled_pack(path: str) -> tuple[Rule, ...]:
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    rules = _COMPILED.get(key)
    if rules is None:
        rules = _COMPILED[key] = tuple(load_pack_file(path))
    return rules


def load_pack_file(path: Path | str) -> list[Rule]:
    """Parse and validate one pack file, compiling each of its rules."""
    from .tomlfile import load_toml

    path = os.fspath(path)
    data = load_toml(path, "pack", PackError)
    unknown = set(data) - {"rule", "description"}
    if unknown:
        raise PackError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))} "
                        "(a pack holds [[rule]] tables and an optional description)")
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PackError(f"{path}: 'rule' must be an array of tables ([[rule]])")
    rules: list[Rule] = []
    codes: set[str] = set()
    names: set[str] = set()
    for i, entry in enumerate(entries, 1):
        label = f"rule {entry.get('code') or f'#{i}'}"
        try:
            rule = compile_rule(entry, str(path))
        except (ValueError, TypeError, re.error) as exc:
            raise PackError(f"{path}: {label}: {exc}") from None
        if rule.code in codes:
            raise PackError(f"{path}: {label}: duplicate code {rule.code}")
        if rule.name in names:
            raise PackError(f"{path}: {label}: duplicate name {rule.name!r}")
        codes.add(rule.code)
        names.add(rule.name)
        rules.append(rule)
    return rules


# --- validation helpers --------------------------------------------------------------------


def _get(entry: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """A field of the expected type (a bool is never taken for a number), or the default."""
    value = entry.get(key, default)
    if value is not None and (not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ValueError(f"field {key!r} must be {names}, not {type(value).__name__}")
    return value


def _strings(entry: Mapping[str, Any], key: str) -> list[str]:
    """A field that must be a list of non-empty strings."""
    value = _get(entry, key, list, [])
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"field {key!r} must be a list of non-empty strings")
    return value


def _check_template(template: str, kind: str) -> None:
    """Reject placeholders the kind cannot fill, at load time rather than mid-run."""
    allowed = PLACEHOLDERS[kind]
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
    except ValueError as exc:
        raise ValueError(f"bad message template: {exc}") from None
    bad = fields - allowed
    if bad:
        raise ValueError(f"message uses {{{sorted(bad)[0]}}}, but a {kind} rule fills only "
                         f"{', '.join('{' + a + '}' for a in sorted(allowed))}")


def _user_regex(source: str, field: str, flags: int):
    """Compile a pack author's regex with the regex module (run later under a timeout)."""
    import regex

    try:
        return regex.compile(source, flags | regex.VERSION0)
    except regex.error as exc:
        raise ValueError(f"field {field!r}: regex does not compile: {exc}") from None


def _norm(phrase: str, ignore_case: bool) -> str:
    """The lookup key of a phrase: spaces collapsed, one apostrophe, case folded if asked."""
    key = _SPACES.sub(" ", phrase.strip()).replace("’", "'")
    return key.lower() if ignore_case else key


# --- one-pass word lists -------------------------------------------------------------------


# Every character that is \s to a Unicode pattern, spelt out for an ASCII pattern (whose \s leaves
# out U+001C-U+001F, U+0085, U+00A0 and the Unicode spaces); a test holds it to re's \s.
UNICODE_SPACE = "[\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def _unit_re(unit: str, space: str = r"\s+") -> str:
    """The regex for one trie unit: a space matches any run of whitespace, an apostrophe both glyphs."""
    if unit == " ":
        return space
    if unit == "'":
        return "['’]"
    return re.escape(unit)


def _emit(node: dict, last: str, space: str = r"\s+") -> str:
    """Regex for a trie node: children in one alternation; longer matches tried first."""
    alts = [_unit_re(u, space) + _emit(child, u, space) for u, child in sorted(node.items()) if u]
    tail = r"(?!\w)" if _WORDCHAR.match(last) else ""
    if not alts:
        return tail
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if "" in node:
        return f"(?:{body}|{tail})"
    return body


def phrase_alternation(phrases: Sequence[str], ignore_case: bool, start_boundary: bool = True,
                       space: str = r"\s+") -> str:
    """One trie-shaped alternation matching any phrase as whole words (never a regex per word).

    With start_boundary=False the caller checks that a match does not start inside a word.
    `space` is the regex for the whitespace between a phrase's words.
    """
    tries: dict[bool, dict] = {True: {}, False: {}}
    for phrase in phrases:
        key = _norm(phrase, ignore_case)
        node = tries[bool(_WORDCHAR.match(key[0]))]
        for unit in key:
            node = node.setdefault(unit, {})
        node[""] = {}
    parts = []
    if tries[True]:
        parts.append((r"(?<!\w)" if start_boundary else "") + _emit(tries[True], "", space))
    if tries[False]:
        parts.append(_emit(tries[False], "", space))
    return "|".join(f"(?:{p})" for p in parts)


# Each context field is a zero-width lookaround, tried at the start or the end of a listed form.
_CONTEXT = {"before": ("(?<={0})", 0), "not-before": ("(?<!{0})", 0), "after": ("(?={0})", 1),
            "not-after": ("(?!{0})", 1)}
# Up to this many phrases, the start-of-word test runs in Python on each raw match: a pattern
# that starts with a lookbehind cannot use re's fast literal-prefix search, and costs more on
# every document than the few rejected in-word matches of a short list. Long lists match inside
# words often, so they keep the lookbehind in the pattern.
SHORT_LIST = 300


def _is_word(char: str) -> bool:
    """The same test as re's \\w for one character."""
    return char.isalnum() or char == "_"


class PhraseMatcher:
    """Finds any of a list of phrases in one regex pass, with optional context before/after.

    The list is one `re` alternation (fast, and safe: we build it). An ignore-case list is
    matched in lowercase against the document's lowercased text (same offsets), which is much
    faster than re.IGNORECASE. Context fragments are the pack author's, so they are compiled
    with the `regex` module (variable-width lookbehind) and tried under a timeout only where a
    listed form was found, on the original text.
    """

    def __init__(self, phrases: Sequence[str], ignore_case: bool,
                 context: Mapping[str, str | None] | None = None) -> None:
        self.ignore_case = ignore_case
        self.check_start = len(phrases) <= SHORT_LIST
        # Compiled on first use: a rule whose prefilter never lets a document through (and a
        # one-article run that never needs it) never pays for compiling a long alternation.
        self._source = phrase_alternation(phrases, ignore_case, start_boundary=not self.check_start)
        self._regex: re.Pattern[str] | None = None
        # A short list whose phrases all open with a word character is searched as "a non-word
        # character, then a phrase" (see _after_gap), in an ASCII-class variant where the text allows.
        self.after_gap = bool(phrases) and self.check_start and all(_WORDCHAR.match(_norm(p, ignore_case)[0]) for p in phrases)
        self._gap_regexes: dict[bool, re.Pattern[str]] = {}
        self._phrases = tuple(phrases) if self.after_gap else ()
        self._space_regex: re.Pattern[bytes] | None = None
        self.context: list[tuple[Any, int]] = []
        for name, fragment in (context or {}).items():
            if fragment:
                _user_regex(fragment, name, 0)
                fmt, at_end = _CONTEXT[name]
                self.context.append((_user_regex(fmt.format(fragment), name, _ignore_flag(ignore_case)), at_end))
        self._user = bool(self.context)

    @property
    def regex(self) -> re.Pattern[str]:
        """The one alternation of every phrase, compiled once (per process) when first needed."""
        if self._regex is None:
            self._regex = re.compile(self._source)
        return self._regex

    def spans(self, doc: Document, rule: str, timeout: float = PATTERN_TIMEOUT, pos: int = 0,
              endpos: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of each listed phrase in the document's text, context checked.

        A context pattern that runs too long raises RuleFailure naming the rule.
        """
        text = doc.text
        endpos = len(text) if endpos is None else endpos
        if self.after_gap:
            target = doc.lowered if self.ignore_case else text
            ascii_only = doc.fact(ascii_lowered if self.ignore_case else _ascii_text)
            raw = self._after_gap(target, pos, endpos, ascii_only)
        else:
            raw = self._raw(doc.lowered if self.ignore_case else text, pos, endpos)
        if not self.context:
            yield from raw
            return
        try:
            for start, end in raw:
                if all(ctx.match(text, end if at_end else start, timeout=timeout) for ctx, at_end in self.context):
                    yield start, end
        except TimeoutError:
            raise RuleFailure(_timeout_message(rule, timeout)) from None

    def _raw(self, text: str, pos: int, endpos: int) -> Iterator[tuple[int, int]]:
        if not self.check_start:
            for m in self.regex.finditer(text, pos, endpos):
                yield m.span()
            return
        search = self.regex.search
        while True:
            m = search(text, pos, endpos)
            if m is None:
                return
            start, end = m.span()
            if start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
                pos = start + 1  # began inside a word; look again from the next character
                continue
            yield start, end
            pos = end if end > start else start + 1

    def _gap_regex(self, ascii_only: bool) -> re.Pattern[str]:
        """A non-word character, then any phrase (group 1); with ASCII classes if asked. Compiled
        once per process when first needed."""
        rx = self._gap_regexes.get(ascii_only)
        if rx is None:
            source = (phrase_alternation(self._phrases, self.ignore_case, False, UNICODE_SPACE + "+") if ascii_only
                      else self._source)
            rx = self._gap_regexes[ascii_only] = re.compile(r"\W(" + source + ")", re.ASCII if ascii_only else 0)
        return rx

    def _space_led(self) -> re.Pattern[bytes] | None:
        """For lazyre.spaced_bytes: a space with any phrase after it, each non-word character of the
        phrase a space too (a run of them for a space between words); None when a phrase has a
        character outside ASCII. Zero-width past the space, so finditer stops at every one."""
        if self._space_regex is None:
            keys = [_norm(phrase, self.ignore_case) for phrase in self._phrases]
            if not all(key.isascii() for key in keys):
                return None
            # Trie-shaped, as the text pattern is: a flat alternation would test every phrase at every space.
            spaced = ["".join(c if c.isalnum() or c == "_" else " " for c in key) for key in keys]
            trie = phrase_alternation(spaced, False, start_boundary=False, space=" +")
            self._space_regex = re.compile(b" (?=" + trie.encode("ascii") + b")")
        return self._space_regex

    def _after_gap(self, text: str, pos: int, endpos: int, ascii_only: bool) -> Iterator[tuple[int, int]]:
        """What _raw yields, for a list whose phrases all open with a word character.

        _raw keeps a match unless it starts inside a word, that is (its first character being a
        word character) unless a word character comes before it. So the matches it keeps are
        the leftmost ones at the text's start or after a non-word character: what a search for
        that character and then a phrase finds, started one character early so that the
        character may lie just before `pos`. re tries that pattern only at the non-word
        characters, not at every letter that may open a phrase; on a text whose word characters
        are all ASCII (`ascii_only`, lazyre.ascii_words) its ASCII variant, which has the same
        matches there, tests them by table look-up.
        """
        rx = self._gap_regex(ascii_only)
        if pos == 0 and endpos > 0:
            # A phrase at the very start has nothing before it: matched behind a line break.
            m = rx.match("\n" + text, 0, endpos + 1)
            if m is not None:
                start, end = m.start(1) - 1, m.end(1) - 1
                yield start, end
                pos = end if end > start else start + 1
        spaced = spaced_bytes(text) if ascii_only else None
        led = self._space_led() if spaced is not None else None
        if led is not None:
            # Every place the pattern can match has a space there in `spaced`, with the phrase, its
            # non-word characters made spaces, after it: tried only at those, leftmost first from
            # where a search would start, which gives what the search gives.
            match = rx.match
            for c in led.finditer(spaced, pos - 1 if pos else 0, endpos):
                at = c.start()
                if at < pos - 1:
                    continue  # inside the last match
                m = match(text, at, endpos)
                if m is not None:
                    start, end = m.span(1)
                    yield start, end
                    pos = end if end > start else start + 1
            return
        search = rx.search
        while True:
            m = search(text, pos - 1 if pos else 0, endpos)
            if m is None:
                return
            start, end = m.span(1)
            yield start, end
            pos = end if end > start else start + 1

    def key(self, matched: str) -> str:
        """The normalised phrase a match stands for."""
        return _norm(matched, self.ignore_case)


def _ascii_text(doc: Document) -> bool:
    """Whether the document's text has only ASCII word characters (lazyre.ascii_words)."""
    return ascii_words(doc.text)


def _ignore_flag(ignore_case: bool) -> int:
    """The regex module flag for ignore-case context patterns."""
    import regex

    return regex.IGNORECASE if ignore_case else 0


def _timeout_message(rule: str, timeout: float) -> str:
    """What a stopped rule says, naming it and the limit."""
    return (f"pattern of rule {rule} ran longer than {timeout:g} s and was stopped; "
            "simplify the pattern (nested repeats backtrack catastrophically)")


def _timed(pattern: Any, text: str, rule: str, timeout: float) -> Iterator[Any]:
    """finditer under the regex module timeout; a timeout becomes RuleFailure naming the rule."""
    try:
        yield from pattern.finditer(text, timeout=timeout)
    except TimeoutError:
        raise RuleFailure(_timeout_message(rule, timeout)) from None


class _Exceptions:
    """Spans of exception phrases, found once per document, to drop hits inside them."""

    def __init__(self, phrases: Sequence[str], ignore_case: bool) -> None:
        self.matcher = PhraseMatcher(phrases, ignore_case) if phrases else None

    def filter(self, doc: Document, hits: list[Hit]) -> list[Hit]:
        if self.matcher is None or not hits:
            return hits
        spans = list(self.matcher.spans(doc, ""))
        if not spans:
            return hits
        starts = [s for s, _ in spans]
        kept = []
        for hit in hits:
            i = bisect.bisect_right(starts, hit.start) - 1
            # Exception spans never nest (one regex pass), so the nearest start is enough.
            if i >= 0 and spans[i][0] <= hit.start and hit.end <= spans[i][1]:
                continue
            kept.append(hit)
        return kept


def match_case(replacement: str, matched: str) -> str:
    """Carry a capital first letter (or all capitals) from the matched text to the replacement."""
    if not replacement:
        return replacement
    if len(matched) > 1 and matched.isupper() and not replacement.isupper() and replacement.islower():
        return replacement.upper()
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


# --- compiling one rule --------------------------------------------------------------------


def compile_rule(entry: Mapping[str, Any], origin: str) -> Rule:
    """Validate one [[rule]] table and build its Rule; raises ValueError with the reason."""
    kind = _get(entry, "kind", str)
    if kind not in KINDS:
        raise ValueError(f"field 'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = set(entry) - COMMON_FIELDS - KIND_FIELDS[kind]
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))} for a {kind} rule "
                         f"(allowed: {', '.join(sorted(COMMON_FIELDS | KIND_FIELDS[kind]))})")
    for field in ("code", "name", "message", *REQUIRED[kind]):
        if field not in entry:
            raise ValueError(f"missing required field {field!r}")
    code = _get(entry, "code", str)
    name = _get(entry, "name", str)
    if not _CODE.fullmatch(code):
        raise ValueError(f"code {code!r} must be 2-3 capital letters and 3 digits, like AP001")
    if not _NAME.fullmatch(name):
        raise ValueError(f"name {name!r} must be kebab-case, like month-with-date")
    message = _get(entry, "message", str)
    _check_template(message, kind)
    severity = Severity.parse(_get(entry, "severity", str, "warning"))
    ignore_case = _get(entry, "ignore-case", bool, False)
    in_quotes = _get(entry, "in-quotes", bool, False)
    link = _get(entry, "link", str, "")
    exceptions = _Exceptions(_strings(entry, "exceptions"), ignore_case)
    examples = _examples(entry)
    check, options = _BUILDERS[kind](entry, code, message, ignore_case)

    def run(doc: Document, opts: Mapping[str, Any]) -> list[Hit]:
        return exceptions.filter(doc, list(check(doc, opts)))

    summary = _get(entry, "summary", str) or _SPACES.sub(" ", re.sub(r"\{\w+\}", "…", message))
    what = _get(entry, "description", str) or summary
    why = _get(entry, "why", str) or (f"The house stylebook asks for this; see {link}." if link
                                      else "The pack's authors ask for this.")
    if examples.fixes:
        example = f"{examples.fixes[0][0]}  ->  {examples.fixes[0][1]}"
    elif examples.failing:
        example = f"Flagged: {examples.failing[0]}"
    else:
        example = "(no example)"
    return Rule(code=code, name=name, summary=summary, severity=severity, check=run,
                docs=Docs(what=what, why=why, example=example), examples=examples, in_quotes=in_quotes,
                enabled_by_default=True, origin=origin, link=link, default_options=options)


def _examples(entry: Mapping[str, Any]) -> Examples:
    """The examples table as an Examples value."""
    ex = _get(entry, "examples", dict, {})
    unknown = set(ex) - EXAMPLE_FIELDS
    if unknown:
        raise ValueError(f"unknown field(s) in examples: {', '.join(sorted(unknown))} (use pass, fail, fix)")
    passing = _strings(ex, "pass")
    failing = _strings(ex, "fail")
    fixes = _get(ex, "fix", list, [])
    if not all(isinstance(f, list) and len(f) == 2 and all(isinstance(s, str) for s in f) for f in fixes):
        raise ValueError("examples.fix must be a list of [before, after] pairs")
    return Examples(tuple(passing), tuple(failing), tuple((a, b) for a, b in fixes))


if TYPE_CHECKING:
    CheckBuilder = Callable[[Mapping[str, Any], str, str, bool], tuple[Callable, Mapping[str, Any]]]


def _phrase_matcher(entry: Mapping[str, Any], phrases: Sequence[str], ignore_case: bool) -> PhraseMatcher:
    """A PhraseMatcher with the entry's before/after context fields."""
    return PhraseMatcher(phrases, ignore_case, {f: _get(entry, f, str) for f in _CONTEXT})


def _build_existence(entry, code, message, ignore_case):
    """Flag any listed word or phrase."""
    tokens = _strings(entry, "tokens")
    if not tokens:
        raise ValueError("field 'tokens' must list at least one word or phrase")
    matcher = _phrase_matcher(entry, tokens, ignore_case)

    def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
        for start, end in matcher.spans(doc, code, opts.get("timeout", PATTERN_TIMEOUT)):
            yield Hit(start, end, message.format(match=doc.text[start:end]))

    return check, _timeout_option(matcher)


def _build_substitution(entry, code, message, ignore_case):
    """Flag a listed form and offer its preferred form as a fix."""
    swap = _get(entry, "swap", dict)
    if not swap or not all(isinstance(v, str) for v in swap.values()):
        raise ValueError("field 'swap' must be a table of \"form\" = \"preferred form\" strings")
    table = {_norm(k, ignore_case): v for k, v in swap.items()}
    if len(table) != len(swap):
        raise ValueError("field 'swap' lists the same form twice")
    for form, preferred in swap.items():
        if _norm(form, ignore_case) == _norm(preferred, ignore_case):
            raise ValueError(f"swap maps {form!r} to itself")
    cycle = find_cycle({_norm(k, ignore_case): _norm(v, ignore_case) for k, v in swap.items()})
    if cycle:
        raise ValueError(f"swap has a cycle: {' -> '.join(cycle)}")
    safe = _get(entry, "safe", bool, False)
    matcher = _phrase_matcher(entry, list(swap), ignore_case)

    def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
        for start, end in matcher.spans(doc, code, opts.get("timeout", PATTERN_TIMEOUT)):
            found = doc.text[start:end]
            repl = table[matcher.key(found)]
            if ignore_case:
                repl = match_case(repl, found)
            yield Hit(start, end, message.format(match=found, replacement=repl), Fix(start, end, repl, safe))

    return check, _timeout_option(matcher)


def find_cycle(graph: Mapping[str, str]) -> list[str] | None:
    """A cycle in a form -> preferred-form map (a -> b -> a), or None."""
    for start in graph:
        path, node = [start], graph[start]
        while node in graph:
            if node in path:
                return [*path[path.index(node):], node]
            path.append(node)
            node = graph[node]
    return None


def _build_consistency(entry, code, message, ignore_case):
    """Flag forms other than the first one an article uses from each group."""
    groups = _get(entry, "either", list)
    if not groups or not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(f, str) and f.strip()
                                                                           for f in g) for g in groups):
        raise ValueError("field 'either' must be a list of lists of two or more forms")
    where: dict[str, tuple[int, str]] = {}
    for gi, group in enumerate(groups):
        for form in group:
            key = _norm(form, ignore_case)
            if key in where:
                raise ValueError(f"form {form!r} appears twice in 'either'")
            where[key] = (gi, form)
    safe = _get(entry, "safe", bool, False)
    # A rule kept out of quotations also takes no evidence from them: a speaker's (or transcriber's)
    # spelling must not set the story's form, or its fix and a style rule's fix undo each other.
    in_quotes = _get(entry, "in-quotes", bool, False)
    matcher = PhraseMatcher([f for g in groups for f in g], ignore_case)
    def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
        # No substring prefilter here: 70 `in` tests cost twice the one trie-shaped regex pass.
        text = doc.text
        spans = [(start, end, matcher.key(text[start:end])) for start, end in matcher.spans(doc, code)]
        # A hit needs two forms of one group. Leaving out quotations only takes spans away, so an
        # article without two (most articles) needs no quotation pass.
        seen: dict[int, str] = {}
        if all(seen.setdefault(where[key][0], key) == key for _, _, key in spans):
            return
        first: dict[int, str] = {}
        quoted = None if in_quotes else doc.quotes.contains
        for start, end, key in spans:
            if quoted is not None and quoted(start, end):
                continue
            found = text[start:end]
            group, _ = where[key]
            if group not in first:
                first[group] = key
                continue
            if key == first[group]:
                continue
            # The winning form as the pack spells it, capitalised like the text it replaces.
            repl = where[first[group]][1]
            if found[:1].isupper() and not found.isupper() and repl[:1].islower():
                repl = repl[0].upper() + repl[1:]
            yield Hit(start, end, message.format(match=found, replacement=repl), Fix(start, end, repl, safe))

    return check, {}


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of blank-line-separated blocks, trimmed of surrounding space."""
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        yield from _trimmed(text, start, m.start())
        start = m.end()
    yield from _trimmed(text, start, len(text))


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of sentences, never crossing a paragraph break."""
    for a, b in paragraphs(text):
        start = a
        for m in _SENTENCE_END.finditer(text, a, b):
            yield from _trimmed(text, start, m.start())
            start = m.end()
        yield from _trimmed(text, start, b)


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """The span [a, b) without surrounding whitespace, if anything is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        yield a, b


def _build_occurrence(entry, code, message, ignore_case):
    """Flag sentences or paragraphs over a word limit, or token uses over a count."""
    scope = _get(entry, "scope", str)
    if scope not in SCOPES:
        raise ValueError(f"field 'scope' must be one of {', '.join(SCOPES)}, not {scope!r}")
    limit = _get(entry, "max", int)
    if limit < 1:
        raise ValueError("field 'max' must be a positive whole number")
    tokens = _strings(entry, "tokens")
    matcher = PhraseMatcher(tokens, ignore_case) if tokens else None
    units = {"sentence": sentences, "paragraph": paragraphs, "document": lambda t: _trimmed(t, 0, len(t))}[scope]

    def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
        most = int(opts.get("max", limit))
        text = doc.text
        for a, b in units(text):
            if matcher is None:
                # Counting words: flag the whole sentence or paragraph that runs long.
                count = len(text[a:b].split())
                if count > most:
                    yield Hit(a, b, message.format(match=text[a:b], count=count, max=most))
                continue
            found = list(matcher.spans(doc, code, pos=a, endpos=b))
            # Counting tokens: flag each use past the limit.
            for start, end in found[most:]:
                yield Hit(start, end, message.format(match=text[start:end], count=len(found), max=most))

    return check, {"max": limit}


def _build_conditional(entry, code, message, ignore_case):
    """Flag the first use of each `if` match that no `then` match defines."""
    import regex

    flags = regex.IGNORECASE if ignore_case else 0
    first = _user_regex(_get(entry, "if", str), "if", flags)
    second = _user_regex(_get(entry, "then", str), "then", flags)

    def key(m: Any) -> str:
        return _norm(m.group(1) if m.re.groups else m.group(), ignore_case)

    def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
        timeout = opts.get("timeout", PATTERN_TIMEOUT)
        defined = {key(m) for m in _timed(second, doc.text, code, timeout)}
        reported: set[str] = set()
        for m in _timed(first, doc.text, code, timeout):
            k = key(m)
            if k in defined or k in reported:
                continue
            reported.add(k)
            span = m.span(1) if m.re.groups else m.span()
            yield Hit(span[0], span[1], message.format(match=doc.text[span[0]:span[1]]))

    return check, {"timeout": PATTERN_TIMEOUT}


def _build_pattern(entry, code, message, ignore_case):
    """Flag matches of a raw regex, with an optional replacement."""
    import regex

    pattern = _user_regex(_get(entry, "pattern", str), "pattern", regex.IGNORECASE if ignore_case else 0)
    if pattern.search(""):
        raise ValueError("field 'pattern' matches the empty string, so it would flag every position")
    replacement = _get(entry, "replacement", str)
    safe = _get(entry, "safe", bool, False)
    case = _get(entry, "case", str)
    if case is not None and case not in CASES:
        raise ValueError(f"field 'case' must be one of {', '.join(CASES)}, not {case!r}")
    change_case = CASES.get(case or "")
    if replacement is not None:
        _check_expand(pattern, replacement)
    elif case is not None:
        replacement = r"\g<0>"  # the match itself, with its case changed
    elif "{replacement}" in message:
        raise ValueError("message uses {replacement}, but the rule has no 'replacement' or 'case'")

    def check(doc: Document, opts: Mapping[str, Any]) -> Iterator[Hit]:
        for m in _timed(pattern, doc.text, code, opts.get("timeout", PATTERN_TIMEOUT)):
            if m.end() == m.start():
                continue
            fix = None
            repl = ""
            if replacement is not None:
                repl = m.expand(replacement)
                if change_case is not None:
                    repl = change_case(repl)
                fix = Fix(m.start(), m.end(), repl, safe)
            yield Hit(m.start(), m.end(), message.format(match=m.group(), replacement=repl), fix)

    return check, {"timeout": PATTERN_TIMEOUT}


def _check_expand(pattern: Any, replacement: str) -> None:
    """Reject group references the pattern does not have, at load time rather than mid-run."""
    for ref in re.findall(r"\\(\d+)|\\g<(\w+)>", replacement):
        num, name = ref
        if num and int(num) > pattern.groups:
            raise ValueError(f"replacement refers to group {num}, but the pattern has {pattern.groups}")
        if name and not name.isdigit() and name not in pattern.groupindex:
            raise ValueError(f"replacement refers to group {name!r}, which the pattern does not define")


def _timeout_option(matcher: PhraseMatcher) -> Mapping[str, Any]:
    """Rules with author-written regexes take a `timeout` option."""
    return {"timeout": PATTERN_TIMEOUT} if matcher._user else {}


_BUILDERS: dict[str, CheckBuilder] = {
    "existence": _build_existence,
    "substitution": _build_substitution,
    "consistency": _build_consistency,
    "occurrence": _build_occurrence,
    "conditional": _build_conditional,
    "pattern": _build_pattern,
}
