"""Document: decoded text, a line index for positions, and per-document facts computed once.

Shared facts, for rule authors
------------------------------
A rule that needs something derived from the text (its words, its quotations, its own parse)
asks the document for it instead of computing or caching it itself:

* `doc.words`: one tokenisation (see `Words`): every word with its offsets, the runs of
  capitalised words, and the sentence starts. Build prefilters and lookups on it rather than
  running another word regex over the text.
* `doc.lowered` / `doc.lower_runs`: lowercase text at the same offsets, and its runs of
  word characters, for cheap case-insensitive prefilters.
* `doc.quotes`: direct-quotation spans; a document with no quote mark gets an empty answer
  without a scan.
* `doc.fact(build)`: a rule family's own per-document data, built once by `build(doc)` and
  kept on the document. It lives exactly as long as the document, so nothing per-document
  outlives it (no module-level cache keyed by documents). `build` must not keep a reference
  to the document in what it returns (that would make a reference cycle, freed only by the
  garbage collector): keep the text, or offsets, instead.

Each fact is computed on first use, so a rule that bails out on a cheap test (no "(" in the
text, no dash) never pays for it. Cheapest test first, then the shared fact, then the precise
pattern.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from collections.abc import Callable

from .lazyre import ascii_words, lazy

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TypeVar

    from .htmltext import OffsetMap

    T = TypeVar("T")

# A line ends at \r\n, \n or a lone \r; CRLF is one break, so it never adds a line.
_LINE_BREAK = lazy(r"\r\n|\r|\n")
_HAS_QUOTE_MARK = lazy("[\"“”'‘’]")
_WORD_RUN = lazy(r"\w+")


def ascii_lowered(doc: "Document") -> bool:
    """Whether the lowercased text has only ASCII word characters (lazyre.ascii_words): a
    document fact (doc.fact(ascii_lowered)), shared by the rules whose ASCII-class patterns need it."""
    return ascii_words(doc.lowered)


def find_all(text: str, needles: str | tuple[str, ...]) -> list[int]:
    """Sorted offsets where any of the needles (strings, or the characters of one string) starts."""
    # str.find runs at memchr speed, where a regex that opens with a character class pays a test
    # at every character: more than many rules' own work. Overlapping hits ("--" in "---") all count.
    out: list[int] = []
    find = text.find
    for needle in needles:
        at = find(needle)
        while at >= 0:
            out.append(at)
            at = find(needle, at + 1)
    out.sort()
    return out


@dataclass(frozen=True)
class LineIndex:
    """Maps code-point offsets to 1-based (line, column) by bisecting line starts."""

    starts: tuple[int, ...]

    @classmethod
    def build(cls, text: str) -> "LineIndex":
        """Index the start offset of every line, once per document."""
        return cls((0, *(m.end() for m in _LINE_BREAK.finditer(text))))

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and code-point column of an offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of position(): the offset of a 1-based line and column."""
        return self.starts[line - 1] + column - 1

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offsets of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass(frozen=True)
class Document:
    """One article: its source text, the masked text rules read, and shared derived facts.

    `text` has the same length as `source`; markup, code and URLs are masked out of it, so
    every offset into `text` is an offset into `source` too. HTML is the one exception: its
    `text` is the decoded visible prose and `offsets` maps it back to the source (htmltext).
    """

    path: str
    source: str
    text: str
    bom: bool = False
    offsets: "OffsetMap | None" = None

    @classmethod
    def from_text(cls, source: str, path: str = "<text>", bom: bool = False) -> "Document":
        """Build a document, masking by the file's kind (Markdown or plain text)."""
        from .markup import mask

        if path.lower().endswith((".html", ".htm")):
            from .htmltext import decode

            text, offsets = decode(source)
            return cls(path=path, source=source, text=mask(text), bom=bom, offsets=offsets)
        return cls(path=path, source=source, text=mask(source, markdown=path.endswith((".md", ".markdown"))), bom=bom)

    @cached_property
    def lines(self) -> LineIndex:
        """The line index, built on first use and kept."""
        return LineIndex.build(self.source)

    def position(self, offset: int) -> tuple[int, int]:
        """The source line and column of an offset into `text` (rules' "first at L:C" messages)."""
        return self.lines.position(offset if self.offsets is None else self.offsets.start(offset))

    def fact(self, build: "Callable[[Document], T]") -> T:
        """A per-document fact, built once by build(self) and freed with the document.

        The function itself is the key, so each rule family's module-level builder has its own
        slot. What it returns must not refer back to the document (see the module docstring)."""
        facts = self.__dict__.get("_facts")
        if facts is None:
            facts = self.__dict__["_facts"] = {}
        try:
            return facts[build]
        except KeyError:
            value = facts[build] = build(self)
            return value

    @cached_property
    def quotes(self):
        """Spans of direct quotations, computed once per document for every rule."""
        from .quotes import QuoteSpans, find_quotations, paragraph_ends

        if not _HAS_QUOTE_MARK.search(self.text):
            # Prefilter: no quote mark, no quotation (the same answer find_quotations gives).
            return QuoteSpans((), paragraphs=tuple(paragraph_ends(self.text)))
        return find_quotations(self.text)

    @cached_property
    def words(self) -> "Words":
        """The document's one tokenisation: words with offsets, capitalised runs, sentence starts."""
        return Words.build(self.text)

    @cached_property
    def lowered(self) -> str:
        """`text` in lowercase at the same offsets, for ignore-case word lists (once per document)."""
        low = self.text.lower()
        if len(low) != len(self.text):
            # A few characters lowercase to two ("İ"); keep those as they are so offsets hold.
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
        return low

    @cached_property
    def lower_runs(self) -> list[str]:
        """The maximal runs of word characters in `lowered`, in order ("non-bank" gives "non",
        "bank"): one C-speed pass that rules share as a prefilter before a precise pattern."""
        return _WORD_RUN.findall(self.lowered)

    @cached_property
    def names(self):
        """Capitalised name candidates, extracted once for the name rules (names.candidates)."""
        from .names.candidates import extract

        return extract(self.text)

    @cached_property
    def tables(self):
        """Table rows (column-aligned text, Markdown pipe tables), found once for every rule."""
        from .tables import find_tables

        return find_tables(self)


# A word: letters or digits, with single apostrophes or hyphens inside ("don't", "Anglo-Dutch",
# "NRB-backed", "1990s"). Edge punctuation, dashes and spaces separate words.
_WORD = lazy(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends at . ! or ? (with closing quotes or brackets) followed by space and a capital,
# digit or opening quote, or at a paragraph break; "Mr. Smith" splits too (sentences only get shorter).
_SENTENCE_END = lazy(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|(?:\r?\n|\r)\s*")


class Words:
    """One tokenisation of a document, shared by every rule that needs words.

    `starts[i]`, `ends[i]` and `texts[i]` describe word i (offsets into `Document.text`, in
    order). `capitalised_runs` and `sentence_starts` are derived on first use.
    """

    __slots__ = ("text", "starts", "ends", "texts", "_runs", "_sentences")

    def __init__(self, text: str, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends
        self.texts = texts
        self._runs: list[tuple[int, int]] | None = None
        self._sentences: list[int] | None = None

    @classmethod
    def build(cls, text: str) -> "Words":
        """Tokenise once: one regex pass, offsets kept."""
        starts: list[int] = []
        ends: list[int] = []
        texts: list[str] = []
        for m in _WORD.finditer(text):
            s, e = m.span()
            starts.append(s)
            ends.append(e)
            texts.append(m.group())
        return cls(text, starts, ends, texts)

    def __len__(self) -> int:
        return len(self.texts)

    def index_at(self, offset: int) -> int:
        """The index of the first word that ends after `offset` (len(self) when none does)."""
        return bisect.bisect_right(self.ends, offset)

    @property
    def capitalised_runs(self) -> list[tuple[int, int]]:
        """(first, last + 1) word indexes of each run of capitalised words joined by single spaces
        or tabs: "Northern Rail Board", "Tony Blair". A one-word run counts too."""
        if self._runs is None:
            runs: list[tuple[int, int]] = []
            text, starts, ends, texts = self.text, self.starts, self.ends, self.texts
            first = -1
            for i, w in enumerate(texts):
                if w[0].isupper():
                    if first >= 0 and starts[i] - ends[i - 1] == 1 and text[ends[i - 1]] in " \t":
                        continue
                    if first >= 0:
                        runs.append((first, i))
                    first = i
                elif first >= 0:
                    runs.append((first, i))
                    first = -1
            if first >= 0:
                runs.append((first, len(texts)))
            self._runs = runs
        return self._runs

    @property
    def sentence_starts(self) -> list[int]:
        """Offsets where sentences begin (the first at 0), sorted; bisect them to find a sentence."""
        if self._sentences is None:
            self._sentences = [0, *(m.end() for m in _SENTENCE_END.finditer(self.text))]
        return self._sentences
