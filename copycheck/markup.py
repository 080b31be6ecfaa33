"""Masking: blank out what is not prose (code, URLs, comments, front matter) at equal length."""
from __future__ import annotations

import bisect
import re
from .lazyre import lazy

# U+FFFC stands for "an object was here": not a letter, not a space and not punctuation, so
# masked text neither joins the words around it nor reads as a double space.
MASK = "\ufffc"

_URL = lazy(r"(?:https?://|ftp://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]’']")
_EMAIL = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_COMMENT = lazy(r"<!--.*?-->", re.S)
_FRONT_MATTER = lazy(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\+\+\+)[ \t]*(?:\r?\n|\Z)", re.S)
_LONE_CR = lazy(r"\r(?!\n)")
_TICKS = lazy(r"`+")
_NEWLINE = lazy(r"\r\n?|\n")
_LINK_DEST = lazy(r"(?<=\])\((?:<[^>\n]*>|[^()\s]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)")
_LINK_DEF = lazy(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = lazy(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")


def _blank(chars: list[str], start: int, end: int) -> None:
    """Mask chars[start:end], keeping line breaks so line numbers never move."""
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = MASK


def mask(text: str, markdown: bool = False) -> str:
    """Return text of identical length with non-prose regions masked."""
    spans: list[tuple[int, int]] = []
    if markdown:
        spans.extend(_markdown_spans(text))
    # Cheap substring tests first: most articles hold no URL, address or comment at all.
    if "<!--" in text:
        spans.extend(m.span() for m in _COMMENT.finditer(text))
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text:
        spans.extend(m.span() for m in _EMAIL.finditer(text))
    if "\r" in text:
        # Rules read lines and paragraphs from \n; a lone \r (old Mac files) is the same break,
        # so it becomes \n at the same offset and every rule sees the LF structure. CRLF keeps
        # its \n already.
        text = _LONE_CR.sub("\n", text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        _blank(chars, start, end)
    return "".join(chars)


def _markdown_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Markdown that is not prose: front matter, code, HTML blocks, link targets."""
    from markdown_it import MarkdownIt

    from .document import LineIndex

    spans: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    body_from = 0
    if front:
        spans.append(front.span())
        body_from = front.end()
    lines = LineIndex.build(text)
    # Parse the body only; markdown-it maps tokens to 0-based line ranges of what it was given.
    first_line = lines.position(body_from)[0] - 1
    tokens = MarkdownIt("commonmark").enable("table").parse(text[body_from:])
    for tok in tokens:
        if tok.type in ("fence", "code_block", "html_block") and tok.map:
            a, b = tok.map[0] + first_line, tok.map[1] + first_line
            start = lines.starts[a]
            end = lines.starts[b] if b < len(lines.starts) else len(text)
            spans.append((start, end))
    spans.extend(_code_span_spans(text, tokens, lines, first_line))
    for pattern in (_LINK_DEST, _LINK_DEF, _AUTOLINK):
        spans.extend(m.span() for m in pattern.finditer(text, body_from))
    return spans


def _code_span_spans(text: str, tokens, lines, first_line: int) -> list[tuple[int, int]]:
    """Spans of exactly the code spans markdown-it parsed: a stray backtick (`Libya`s`) hides nothing.

    markdown-it gives inline tokens no offsets, so each inline block's source lines are scanned
    for code spans by CommonMark's rule, and only those whose content matches a parsed code span
    (in order) are kept; a code span never leaves its block, so never crosses a blank line."""
    blocks: dict[tuple[int, int], list] = {}
    for tok in tokens:
        if tok.type == "inline" and tok.map and tok.children and "`" in tok.content:
            codes = [c for c in tok.children if c.type == "code_inline"]
            if codes:  # table cells of one row share their map; scan the row once
                blocks.setdefault(tuple(tok.map), []).extend(codes)
    spans: list[tuple[int, int]] = []
    for (a, b), codes in blocks.items():
        a, b = a + first_line, b + first_line
        start = lines.starts[a]
        end = lines.starts[b] if b < len(lines.starts) else len(text)
        found = _scan_code_spans(text, start, end)
        k = 0
        for code in codes:
            want = " ".join(code.content.split())
            while k < len(found) and found[k][2] != want:
                k += 1
            if k == len(found):
                break
            spans.append(found[k][:2])
            k += 1
    return spans


def _scan_code_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Code spans in text[start:end] by CommonMark's backtick rule, with whitespace-collapsed content.

    An opening run pairs with the next run of exactly its length; runs are indexed by length, so
    100k stray backticks cost n log n, not n squared."""
    runs = [m.span() for m in _TICKS.finditer(text, start, end)]
    by_len: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        by_len.setdefault(b - a, []).append(i)
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(runs):
        a, b = runs[i]
        slashes = 0
        while a - slashes - 1 >= start and text[a - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:  # an escaped backtick opens nothing; the rest of its run may
            a += 1
        same = by_len.get(b - a, ())
        j = bisect.bisect_right(same, i)
        if a == b or j == len(same):
            i += 1
            continue
        close = runs[same[j]]
        found.append((a, close[1], " ".join(text[b:close[0]].split())))
        i = same[j] + 1
    return found
