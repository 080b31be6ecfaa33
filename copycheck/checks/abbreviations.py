"""Abbreviations defined in parentheses: unused, used too early, defined twice, or spelt out again."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from collections.abc import Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from .quotes import headline_spans
from ..lazyre import lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

# Abbreviations that news copy uses without spelling them out (they read as words, or the full
# form is less familiar than the letters). Extend per project with `[rules.<name>] known = [...]`.
KNOWN = frozenset(
    """
    UN US USA UK EU NATO BBC CNN ITV AIDS HIV DNA TV PC CEO MP MPs MEP MEPs FBI CIA KGB NASA OPEC
    IMF WTO WHO G7 G8 G20 GDP GMT BST AM PM FM AD BC DVD CD CDs PhD IT ID OK USB SMS UFO IQ VIP
    UNESCO UNICEF FIFA UEFA IOC NFL NBA MLB NHS RAF GCSE UCAS ATM PIN VAT CCTV AGM PR HQ PLC
    GATT OECD ASEAN NAFTA
    """.split()
)
_MINOR = frozenset("of and the for on in de du des la le to at by with & a an".split())
# "(GNA)", "(DfES)", "(UAE)": two or more capitals, optionally with lowercase letters between.
_DEFINITION = lazy(r"\((?:the[ \t]+)?([A-Z][A-Za-z&]{0,3}[A-Z][A-Za-z&]{0,6})\)")
# "HSDPA (High Speed Downlink Packet Access)": the letters first, the full form in brackets.
_GLOSS = lazy(r"\(([^()\n]{3,150})\)")
_LETTERS_BEFORE = lazy(r"(?<![\w&(])([A-Z][A-Za-z&]{0,3}[A-Z][A-Za-z&]{0,6})[ \t]+$")
_TOKEN = lazy(r"[^\W_][\w'’&\-]*|&")


@dataclass(frozen=True)
class Definition:
    """An abbreviation defined in parentheses after its full form."""

    abbr: str
    full: str
    full_start: int  # where the definition starts: its full form, or the letters of "ABBR (Full Form)"
    paren_start: int  # the span reported: "(ABBR)", or the letters of "ABBR (Full Form)"
    paren_end: int
    span_end: int = -1  # where the definition ends
    reverse: bool = False

    @property
    def end(self) -> int:
        return self.span_end if self.span_end >= 0 else self.paren_end


def _initials(token: str) -> str:
    """The capital letters a word contributes: "Anglo-Dutch" -> "AD", "TimeWarner" -> "TW"."""
    parts = [p for p in token.split("-") if p]
    caps = "".join(p[0].upper() + "".join(c for c in p[1:] if c.isupper()) for p in parts)
    return caps


def _match_full_form(text: str, paren_start: int, abbr: str) -> int:
    """The start of the words before `paren_start` whose initials spell `abbr`, or -1."""
    letters = "".join(c for c in abbr if c.isupper())
    line_start = text.rfind("\n", max(0, paren_start - 200), paren_start) + 1  # bounded: one-line files
    window = text[max(line_start, paren_start - 200):paren_start]
    if not window.endswith((" ", "\t")):
        return -1
    tokens = list(_TOKEN.finditer(window))
    need = len(letters)
    first = True
    for m in reversed(tokens):
        word = m.group()
        if word.lower() in _MINOR and not first:
            continue
        first = False
        init = _initials(word)
        if letters[:need].endswith(init) and init:
            need -= len(init)
        elif letters[need - 1] == word[0].upper():
            need -= 1
        else:
            return -1
        if need == 0:
            return paren_start - len(window) + m.start()
    return -1


def _is_word(c: str) -> bool:
    """The same test as re's \\w for one character."""
    return c.isalnum() or c == "_"


# Up to this many stems or phrases, each is found by str.find; more are looked up where a word starts.
FIND_STEMS = 8
_CAPITAL = lazy(r"[A-Z]")
_ALNUM_RUN = lazy(r"[^\W_]+")


def _phrase_at(text: str, p: int, parts: list[str], floor: int = 0) -> int:
    """The end of `parts` (words joined by runs of whitespace) matched as whole words at p, or -1.

    The same answer as the pattern (?<![\\w\\-])w1\\s+w2…(?![\\w\\-]) tried at p, without compiling a
    pattern per document; `floor` is where the searched text begins (nothing before it is seen)."""
    if p > floor and (_is_word(text[p - 1]) or text[p - 1] == "-"):
        return -1
    if not text.startswith(parts[0], p):
        return -1
    at = p + len(parts[0])
    n = len(text)
    for part in parts[1:]:
        gap = at
        while at < n and text[at].isspace():
            at += 1
        if at == gap or not text.startswith(part, at):
            return -1
        at += len(part)
    if at < n and (_is_word(text[at]) or text[at] == "-"):
        return -1
    return at


def _find_phrases(text: str, phrases: list[str], pos: int = 0) -> Iterator[tuple[int, int, str]]:
    """Non-overlapping whole-word matches of phrases, leftmost first and, at one start, in the order
    given: what finditer of their alternation (?<![\\w\\-])(A|B…)(?![\\w\\-]) on text[pos:] finds."""
    split = [(ph, ph.split(" ")) for ph in phrases]
    by_first: dict[str, list[int]] = {}
    for i, (_, parts) in enumerate(split):
        by_first.setdefault(parts[0], []).append(i)
    starts: dict[int, list[int]] = {}  # offset -> the phrases whose first word is there
    found = by_first
    if len(by_first) > FIND_STEMS:
        # Many phrases (a hostile file defines thousands): one that opens with a letter or digit can
        # only start where a run of them does, so its first word is looked up there, by length:
        # linear in the text. The rest (none in practice) are found with str.find.
        runs = {f: w for f, w in by_first.items() if f and _is_word(f[0]) and f[0] != "_"}
        found = {f: w for f, w in by_first.items() if f not in runs}
        lengths = sorted({len(f) for f in runs})
        for m in _ALNUM_RUN.finditer(text, pos):
            p = m.start()
            for n in lengths:
                which = runs.get(text[p:p + n])
                if which:
                    starts.setdefault(p, []).extend(which)
    for first, which in found.items():
        at = text.find(first, pos)
        while at >= 0:
            starts.setdefault(at, []).extend(which)
            at = text.find(first, at + 1)
    last = pos
    for p in sorted(starts):
        if p < last:
            continue
        for i in sorted(starts[p]):
            ph, parts = split[i]
            end = _phrase_at(text, p, parts, pos)
            if end >= 0:
                yield p, end, ph
                last = end
                break


# After an abbreviation's letters: a plural "s", a possessive, or a word boundary.
_AFTER_LETTERS = lazy(r"s?\b|['’]s\b")




def _word_or_amp(char: str) -> bool:
    """The test of re's [\\w&] for one character: nothing of a word may come before a use."""
    return char == "&" or _is_word(char)


class _Facts:
    """Definitions and uses of abbreviations in one document, found in one pass each.

    Built by Document.fact and kept on the document; it holds the text, never the document."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text

    @property
    def doc(self) -> Document:
        """The document these facts describe."""
        return self._doc()  # type: ignore[return-value]

    @cached_property
    def definitions(self) -> list[Definition]:
        text = self.text
        found: list[Definition] = []
        if "(" not in text:
            return found  # cheapest test first: no bracket, no definition
        for m in _DEFINITION.finditer(text):
            abbr = m.group(1)
            start = _match_full_form(text, m.start(), abbr)
            if start < 0:
                continue
            full = " ".join(text[start:m.start()].split())
            found.append(Definition(abbr, full, start, m.start(), m.end()))
        # Glosses are found from their brackets: a pattern that begins with the letters would be
        # tried at every capital in the text.
        for m in _GLOSS.finditer(text):
            letters = _LETTERS_BEFORE.search(text, max(0, m.start() - 16), m.start())
            if not letters:
                continue
            abbr, inner = letters.group(1), " ".join(m.group(1).split())
            if _match_full_form(inner + " ", len(inner) + 1, abbr) == 0:
                found.append(Definition(abbr, inner, letters.start(1), letters.start(1), letters.end(1), m.end(), True))
        found.sort(key=lambda d: d.full_start)
        return found

    @cached_property
    def uses(self) -> dict[str, list[int]]:
        """Offsets where each defined abbreviation is used outside its definitions."""
        defs = self.definitions
        if not defs:
            return {}
        # A plural definition, "(SUVs)", is used in the singular too: match on the stem.
        stems = {d.abbr: d.abbr[:-1] if d.abbr.endswith("s") else d.abbr for d in defs}
        names = sorted(set(stems.values()), key=len, reverse=True)
        inside = _merged(sorted((d.paren_start, d.end) for d in defs))
        starts = [a for a, _ in inside]
        by_stem: dict[str, list[int]] = {n: [] for n in names}
        text = self.text
        # Every place a stem occurs where a use can start: a capital after no word character or
        # "&". There the longest stem followed by "s", "'s" or a word boundary is a use, and a use
        # hides any other that starts inside it. A few stems are found with str.find (in C); many
        # (a hostile file defines thousands) are looked up at each capital, by length, so the
        # work stays linear in the text. (Measured: trying each capital of a BBC article in a
        # regex with a leading look-behind cost a tenth of a BBC run's checks.)
        at: dict[int, str] = {}
        if len(names) <= FIND_STEMS:
            for name in names:  # longest first: at a shared start the longest that matches wins
                p = text.find(name)
                while p >= 0:
                    if (p not in at and (p == 0 or not _word_or_amp(text[p - 1]))
                            and _AFTER_LETTERS.match(text, p + len(name))):
                        at[p] = name
                    p = text.find(name, p + 1)
        else:
            known = set(names)
            lengths = sorted({len(n) for n in names}, reverse=True)
            for m in _CAPITAL.finditer(text):
                p = m.start()
                if p and _word_or_amp(text[p - 1]):
                    continue
                for n in lengths:
                    name = text[p:p + n]
                    if name in known and _AFTER_LETTERS.match(text, p + n):
                        at[p] = name
                        break
        last = 0
        for p in sorted(at):
            if p < last:
                continue
            name = at[p]
            last = p + len(name)
            i = bisect.bisect_right(starts, p) - 1  # a bisect, not a scan of every definition
            if i < 0 or p >= inside[i][1]:
                by_stem[name].append(p)
        return {abbr: by_stem[stem] for abbr, stem in stems.items()}


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps merged, so one bisect finds the span holding an offset."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@lru_cache(maxsize=64)
def _known(extra: tuple[str, ...]) -> frozenset[str]:
    return KNOWN | frozenset(extra) if extra else KNOWN


def _facts(doc: Document, options: Mapping[str, Any]) -> tuple[_Facts, frozenset[str]]:
    """The document's shared facts (built once, freed with it) and the letters needing no definition."""
    return doc.fact(_Facts), _known(tuple(options.get("known", ())))


def _where(doc: Document, offset: int) -> str:
    line, col = doc.position(offset)
    return f"{line}:{col}"


def _first_definitions(facts: _Facts) -> list[Definition]:
    seen: set[str] = set()
    firsts = []
    for d in facts.definitions:
        if d.abbr not in seen:
            seen.add(d.abbr)
            firsts.append(d)
    return firsts


def check_unused(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag a definition whose abbreviation is never used anywhere else in the article."""
    facts, known = _facts(doc, options)
    if not facts.definitions:
        return  # most articles define nothing: no Counter to build
    defined = Counter(x.abbr for x in facts.definitions)
    for d in _first_definitions(facts):
        if d.abbr in known:
            continue  # "gross domestic product (GDP)": the letters need no definition, used or not
        if not facts.uses.get(d.abbr) and defined[d.abbr] == 1:
            if d.reverse:
                # "DSL (digital subscriber line)" glosses a term the reader will meet elsewhere;
                # the letters are the point, so there is no definition to waste.
                continue
            # When the full form comes back, AB004 offers the letters there instead; dropping the
            # definition as well would leave them undefined, so no fix is offered then.
            again = next(_find_phrases(doc.text, [d.full], d.end), None)
            yield Hit(
                d.paren_start, d.paren_end,
                f"“{d.abbr}” is defined here but never used again; drop “({d.abbr})”.",
                None if again else Fix(d.paren_start - 1 if doc.text[d.paren_start - 1] == " " else d.paren_start,
                                       d.paren_end, "", safe=False),
            )


def check_before_definition(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag uses of an abbreviation in the body before the sentence that defines it."""
    facts, known = _facts(doc, options)
    heads = headline_spans(doc) if facts.definitions else []
    for d in _first_definitions(facts):
        if d.abbr in known:
            continue
        for at in facts.uses.get(d.abbr, ()):
            if at >= d.full_start:
                break
            if any(a <= at < b for a, b in heads):
                continue  # headlines use abbreviations the story spells out
            yield Hit(
                at, at + len(d.abbr),
                f"“{d.abbr}” is used before it is defined, at {_where(doc, d.paren_start)}; define it at its "
                "first use.",
            )


def _same(full: str) -> str:
    """A full form's identity: case, hyphens and spacing do not make a second form."""
    return " ".join(full.lower().replace("-", " ").split())


def check_redefined(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag a second definition of an abbreviation, or a second abbreviation for one full form."""
    facts, known = _facts(doc, options)
    by_abbr: dict[str, Definition] = {}
    by_full: dict[str, Definition] = {}
    for d in facts.definitions:
        earlier = by_abbr.get(d.abbr)
        other = by_full.get(_same(d.full))
        if earlier is not None:
            if _same(earlier.full) == _same(d.full):
                msg = f"“{d.abbr}” is defined again; it was defined at {_where(doc, earlier.paren_start)}."
            else:
                msg = (f"“{d.abbr}” is defined two ways: as “{d.full}” here and as “{earlier.full}” at "
                       f"{_where(doc, earlier.paren_start)}.")
            yield Hit(d.paren_start, d.paren_end, msg)
        elif other is not None and other.abbr != d.abbr:
            yield Hit(
                d.paren_start, d.paren_end,
                f"“{d.full}” is abbreviated two ways: “{d.abbr}” here and “{other.abbr}” at "
                f"{_where(doc, other.paren_start)}.",
            )
        by_abbr.setdefault(d.abbr, d)
        by_full.setdefault(_same(d.full), d)


_NEXT_WORD = lazy(r"[ \t]+([^\W\d_][\w\-]*)")
_PREV_WORD = lazy(r"([^\W\d_][\w\-]*)[ \t]+$")


def _part_of_longer_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word runs on before or after the full form (a longer name)."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1)[0].isupper():
        return True
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    return bool(prev and prev.group(1)[0].isupper() and prev.group(1).lower() not in _MINOR
                and text[prev.start() - 2:prev.start()].strip() not in (".", "!", "?", ""))


def check_full_form_again(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag the full form spelt out again after its abbreviation was defined."""
    facts, known = _facts(doc, options)
    firsts = [d for d in _first_definitions(facts) if d.abbr not in known and len(d.full.split()) > 1]
    if not firsts:
        return
    text = doc.text
    by_full = {d.full: d for d in firsts}
    defined_at = {d.paren_start for d in facts.definitions}
    for start, end, full in _find_phrases(text, sorted(by_full, key=len, reverse=True)):
        d = by_full[full]
        if start < d.end:
            continue
        after = end + (1 if text[end:end + 1] == " " else 0)
        if after in defined_at:
            continue  # spelt out with its abbreviation again: AB003's business
        if _part_of_longer_name(text, start, end):
            continue  # "General Motors Europe" after "General Motors (GM)": another body
        yield Hit(
            start, end,
            f"“{d.full}” was abbreviated to “{d.abbr}” at {_where(doc, d.paren_start)}; use “{d.abbr}” here.",
            # A full form caught with its possessive ("Deutsche Boerse's (DB)") keeps it: "DB's bid".
            Fix(start, end, d.abbr + _possessive(full), safe=False),
        )


def _possessive(words: str) -> str:
    """The possessive ending of a phrase ('s, ’s, or a bare apostrophe), or ''."""
    return re.search(r"['’]s?$", words).group() if words.endswith(("'s", "’s", "'", "’")) else ""


_KNOWN_DOC = ", ".join(sorted(KNOWN))

RULES = (
    Rule(
        code="AB001",
        name="unused-abbreviation",
        summary="An abbreviation defined in parentheses but never used again.",
        severity=Severity.INFO,
        check=check_unused,
        docs=Docs(
            what="Finds “Full Form (FF)” where the letters match the initials of the words before the "
            "parenthesis and FF never appears again in the article. Abbreviations on the no-definition "
            "list (and the rule's `known` option) are skipped, and so is a gloss written the other way "
            "round, “FF (Full Form)”, where the letters are the term the reader needs.",
            why="A definition that is never used makes the reader store letters for nothing and clutters "
            "the sentence.",
            example="backed by the Northern Rail Board (NRB).  ->  backed by the Northern Rail Board.",
        ),
        examples=Examples(
            passing=(
                "The Northern Rail Board (NRB) met. The NRB agreed.",
                "The Northern Rail Board (NRB) met. NRB-backed plans won.",
                "He said (OK) nothing.",
                "Gross domestic product (GDP) rose.",
                "The NRB (Northern Rail Board) met.",
            ),
            failing=("The Northern Rail Board (NRB) met on Monday.",),
            fixes=(("The Northern Rail Board (NRB) met.", "The Northern Rail Board met."),),
        ),
    ),
    Rule(
        code="AB002",
        name="abbreviation-before-definition",
        summary="An abbreviation used before the sentence that defines it.",
        severity=Severity.WARNING,
        check=check_before_definition,
        docs=Docs(
            what="Finds a use of an abbreviation that comes before its definition, “Full Form (FF)” or "
            "“FF (Full Form)”. A headline may use it first; abbreviations on the no-definition list are "
            "skipped.",
            why="The definition must come at the first use, or the reader meets the letters unexplained.",
            example="The NRB met. The Northern Rail Board (NRB) agreed.  ->  The Northern Rail Board (NRB) "
            "met. The NRB agreed.",
        ),
        examples=Examples(
            passing=(
                "The Northern Rail Board (NRB) met. The NRB agreed.",
                "NRB deal agreed\n\nThe Northern Rail Board (NRB) met. The NRB agreed.",
                "The US said so. The United States (US) agreed.",
                "The NRB (Northern Rail Board) met. Later the Northern Rail Board (NRB) agreed, the NRB said.",
            ),
            failing=("The NRB met on Monday. The Northern Rail Board (NRB) agreed.",),
        ),
    ),
    Rule(
        code="AB003",
        name="abbreviation-redefined",
        summary="An abbreviation defined twice, or defined two ways.",
        severity=Severity.WARNING,
        check=check_redefined,
        docs=Docs(
            what="Finds a second definition of an abbreviation (the same or a different full form), and one "
            "full form given two abbreviations.",
            why="One definition is enough; two different ones confuse the reader about which body is meant.",
            example="the Northern Rail Board (NRB) … the Northern Rail Board (NRB)  ->  the Northern Rail "
            "Board (NRB) … the NRB",
        ),
        examples=Examples(
            passing=("The Northern Rail Board (NRB) met. The NRB agreed.",),
            failing=(
                "The Northern Rail Board (NRB) met. Later the Northern Rail Board (NRB) agreed.",
                "The Northern Rail Board (NRB) met. The National Road Bureau (NRB) agreed.",
                "The Northern Rail Board (NRB) met. The Northern Rail Board (NRBd) agreed, said the NRB.",
            ),
        ),
    ),
    Rule(
        code="AB004",
        name="full-form-after-abbreviation",
        summary="The full form spelt out again after its abbreviation was defined.",
        severity=Severity.INFO,
        check=check_full_form_again,
        docs=Docs(
            what="Finds the full form of a defined abbreviation used again after the definition, and offers "
            "the abbreviation. Abbreviations on the no-definition list are skipped, and quotations are "
            "left alone.",
            why="Once the letters are defined, spelling the name out again makes the reader wonder whether "
            "a different body is meant, and wastes space.",
            example="the Northern Rail Board (NRB) … the Northern Rail Board said  ->  the Northern Rail "
            "Board (NRB) … the NRB said",
        ),
        examples=Examples(
            passing=(
                "The Northern Rail Board (NRB) met. The NRB agreed.",
                "The Northern Rail Board (NRB) met. “The Northern Rail Board is ours,” he said. The NRB agreed.",
            ),
            failing=("The Northern Rail Board (NRB) met. The Northern Rail Board agreed, the NRB said.",),
            fixes=(
                ("The Northern Rail Board (NRB) met. The Northern Rail Board agreed, the NRB said.",
                 "The Northern Rail Board (NRB) met. The NRB agreed, the NRB said."),
            ),
        ),
    ),
)
