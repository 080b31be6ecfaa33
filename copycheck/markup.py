"""Masking: blank out what is not prose (code, URLs, comments, front matter) at equal length."""
from __future__ import annotations

import re

# U+FFFC stands for "an object was here": not a letter, not a space and not punctuation, so
# masked text neither joins the words around it nor reads as a double space.
MASK = "\ufffc"

_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]’']")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\+\+\+)[ \t]*(?:\r?\n|\Z)", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_LINK_DEST = re.compile(r"(?<=\])\((?:<[^>\n]*>|[^()\s]*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")


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
    for pattern in (_INLINE_CODE, _LINK_DEST, _LINK_DEF, _AUTOLINK):
        spans.extend(m.span() for m in pattern.finditer(text, body_from))
    return spans
