"""Abbreviations defined in parentheses: unused, used too early, defined twice, or spelt out again."""
from __future__ import annotations

import bisect
import re
import weakref
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Fix, Hit, Rule, Severity
from .quotes import headline_spans

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
_DEFINITION = re.compile(r"\((?:the[ \t]+)?([A-Z][A-Za-z&]{0,3}[A-Z][A-Za-z&]{0,6})\)")
# "HSDPA (High Speed Downlink Packet Access)": the letters first, the full form in brackets.
_GLOSS = re.compile(r"\(([^()\n]{3,150})\)")
_LETTERS_BEFORE = re.compile(r"(?<![\w&(])([A-Z][A-Za-z&]{0,3}[A-Z][A-Za-z&]{0,6})[ \t]+$")
_TOKEN = re.compile(r"[^\W_][\w'’&\-]*|&")


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


class _Facts:
    """Definitions and uses of abbreviations in one document, found in one pass each."""

    def __init__(self, doc: Document) -> None:
        # A weak reference: the cache below is keyed weakly by the document, and a strong one
        # here would keep every checked document (and its facts) alive for the whole run.
        self._doc = weakref.ref(doc)
        self.known: frozenset[str] = KNOWN

    @property
    def doc(self) -> Document:
        """The document these facts describe."""
        return self._doc()  # type: ignore[return-value]

    @cached_property
    def definitions(self) -> list[Definition]:
        text = self.doc.text
        found = []
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
        pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, names)) + r")(?=s?\b|['’]s\b)")
        inside = _merged(sorted((d.paren_start, d.end) for d in defs))
        starts = [a for a, _ in inside]
        by_stem: dict[str, list[int]] = {n: [] for n in names}
        for m in pattern.finditer(self.doc.text):
            i = bisect.bisect_right(starts, m.start()) - 1  # a bisect, not a scan of every definition
            if i < 0 or m.start() >= inside[i][1]:
                by_stem[m.group(1)].append(m.start())
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


# The four rules share one document's facts; the cache lets go of a document with it.
_CACHE: "weakref.WeakKeyDictionary[Document, _Facts]" = weakref.WeakKeyDictionary()


def _facts(doc: Document, options: Mapping[str, Any]) -> _Facts:
    facts = _CACHE.get(doc)
    if facts is None:
        facts = _CACHE[doc] = _Facts(doc)
    extra = options.get("known", ())
    facts.known = KNOWN | frozenset(extra) if extra else KNOWN
    return facts


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
    facts = _facts(doc, options)
    defined = Counter(x.abbr for x in facts.definitions)
    for d in _first_definitions(facts):
        if d.abbr in facts.known:
            continue  # "gross domestic product (GDP)": the letters need no definition, used or not
        if not facts.uses.get(d.abbr) and defined[d.abbr] == 1:
            if d.reverse:
                # "DSL (digital subscriber line)" glosses a term the reader will meet elsewhere;
                # the letters are the point, so there is no definition to waste.
                continue
            # When the full form comes back, AB004 offers the letters there instead; dropping the
            # definition as well would leave them undefined, so no fix is offered then.
            again = re.compile(r"(?<![\w\-])" + re.escape(d.full).replace(r"\ ", r"\s+") + r"(?![\w\-])"
                               ).search(doc.text, d.end)
            yield Hit(
                d.paren_start, d.paren_end,
                f"“{d.abbr}” is defined here but never used again; drop “({d.abbr})”.",
                None if again else Fix(d.paren_start - 1 if doc.text[d.paren_start - 1] == " " else d.paren_start,
                                       d.paren_end, "", safe=False),
            )


def check_before_definition(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag uses of an abbreviation in the body before the sentence that defines it."""
    facts = _facts(doc, options)
    heads = headline_spans(doc) if facts.definitions else []
    for d in _first_definitions(facts):
        if d.abbr in facts.known:
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
    facts = _facts(doc, options)
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


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w\-]*)")
_PREV_WORD = re.compile(r"([^\W\d_][\w\-]*)[ \t]+$")


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
    facts = _facts(doc, options)
    firsts = [d for d in _first_definitions(facts) if d.abbr not in facts.known and len(d.full.split()) > 1]
    if not firsts:
        return
    text = doc.text
    by_full = {d.full: d for d in firsts}
    pattern = re.compile(
        r"(?<![\w\-])(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(by_full, key=len, reverse=True))
        + r")(?![\w\-])"
    )
    defined_at = {d.paren_start for d in facts.definitions}
    for m in pattern.finditer(text):
        d = by_full[" ".join(m.group(1).split())]
        if m.start() < d.end:
            continue
        after = m.end() + (1 if text[m.end():m.end() + 1] == " " else 0)
        if after in defined_at:
            continue  # spelt out with its abbreviation again: AB003's business
        if _part_of_longer_name(text, m.start(), m.end()):
            continue  # "General Motors Europe" after "General Motors (GM)": another body
        yield Hit(
            m.start(), m.end(),
            f"“{d.full}” was abbreviated to “{d.abbr}” at {_where(doc, d.paren_start)}; use “{d.abbr}” here.",
            # A full form caught with its possessive ("Deutsche Boerse's (DB)") keeps it: "DB's bid".
            Fix(m.start(), m.end(), d.abbr + _possessive(m.group(1)), safe=False),
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
