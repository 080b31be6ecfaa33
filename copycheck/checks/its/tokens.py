"""The words around an its/it's: anchored patterns read them, so no scan tries every letter."""
from __future__ import annotations

import re

from ...lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

_WORD = r"[^\W\d_][\w\-]*"
# The scan looks for "it's" alone; the words around it are read with anchored patterns, so
# the regex engine never tries a match at every letter of the article.
# Each match starts at the letters (a leading look-behind would be tried at every character), and
# is tried only where a scan of the lowercased text meets "its"/"it's" (_its_matches);
# _word_start tests that no word character or apostrophe comes before.
_ITS_CONTRACTED = compile_re(r"([Ii]t)(['’])s\b")
_ITS_BARE = compile_re(r"([Ii])ts[ \t]+")


# Where either pattern can match, in the lowercased text: "it's"/"it’s" or "its" and a space or tab.
# One regex pass, whose literal prefix "it" re seeks in C: cheaper than a str.find pass per needle
# ("its", "it'", "it’") and an `in` test each to skip an article without one.
_ITS_NEEDLE = compile_re(r"it(?:['’]s|s[ \t])")


def _its_matches(text: str, low: str) -> tuple[list[re.Match], list[re.Match]]:
    """The matches _ITS_CONTRACTED.finditer(text) and _ITS_BARE.finditer(text) would give, from one
    pass over `low` (the text lowercased at the same offsets)."""
    contracted: list[re.Match] = []
    bare: list[re.Match] = []
    for found in _ITS_NEEDLE.finditer(low):
        at = found.start()
        if low[at + 2] == "s":
            m = _ITS_BARE.match(text, at)
            if m is not None:
                bare.append(m)
        else:
            m = _ITS_CONTRACTED.match(text, at)
            if m is not None:
                contracted.append(m)
    return contracted, bare


def _word_start(text: str, at: int) -> bool:
    """True when nothing of a word (a word character or an apostrophe) comes just before `at`."""
    if not at:
        return True
    c = text[at - 1]
    return not (c.isalnum() or c in "_'’")
_WORD_RE = compile_re(_WORD)


def _words_before(text: str, start: int) -> tuple[str | None, str | None]:
    """The two words just before an offset, each separated only by spaces; None where there is none."""
    lo = max(0, start - 40)
    seg = text[lo:start]
    if not seg or seg[-1] not in " \t":
        return None, None
    toks = seg.split()
    if not toks or "\n" in seg[seg.rfind(toks[-1]):]:
        return None, None
    if toks[-1][0] in "\"“‘(" and _WORD_RE.fullmatch(toks[-1][1:]):
        return None, toks[-1][1:]  # a quotation opens with the word: "\"If its"
    if not _WORD_RE.fullmatch(toks[-1]):
        return None, None
    before = toks[-1]
    # The word before that counts only when it is whole (not cut by the window) and on the same line.
    if len(toks) >= 2 and _WORD_RE.fullmatch(toks[-2]) and (len(toks) > 2 or lo == 0 or text[lo - 1].isspace()):
        between = seg[seg.rfind(toks[-2]) + len(toks[-2]):seg.rfind(before)]
        if between.strip(" \t") == "":
            return toks[-2], before
    return None, before


# Quotation marks around a word do not end the noun phrase: it's "supersized" meals.
_Q_OPEN, _Q_CLOSE = r"[\"“‘<']?", r"[\"”>]?"
_WORDS_AFTER = compile_re(r"[ \t]+" + _Q_OPEN + r"(" + _WORD + r"|\d+(?:st|nd|rd|th)|[£$€]?\d[\d.,]*\w*)" + _Q_CLOSE
                          + r"(?:[ \t]+" + _Q_OPEN + r"(" + _WORD + r")" + _Q_CLOSE + r")?(?:[ \t]+" + _Q_OPEN + r"(" + _WORD + r"))?")
_WORDS_AT = compile_re(r"(" + _WORD + r")(?:[ \t]+(" + _WORD + r"|[£$€]?\d[\d.,]*\w*))?(?:[ \t]+(" + _WORD + r"))?")
def _next_mark(text: str, pos: int) -> str:
    """The punctuation that ends a word: a comma, a full stop, a spaced dash or a closing quotation mark."""
    m = _NEXT_TOKEN.match(text, pos)
    return m.group(1) if m.group(1) is not None else m.group(0)


_ORDINAL = compile_re(r"\d+(?:st|nd|rd|th)\Z")
_NEXT_TOKEN = compile_re(r"(?:[\"”](?=[\s.,;:!?]|\Z)|[ \t]*([-–—](?=[ \t])|[,.;:!?)]?))")  # a spaced dash ends a phrase too


# A word may carry a possessive ("the company's", "consumers'"), which goes on the noun phrase.
_TOKEN_AFTER = compile_re(r"[ \t]+" + _Q_OPEN + r"((?:[A-Z]\.){2,}|" + _WORD + r"(?:['’]s\b|(?<=s)['’](?=[ \t]))?|[£$€]?\d[\d.,]*\w*%?)"
                          + _Q_CLOSE + r"((?:(?<!\.)[,.;:!?)])?)")


def _tokens_after(text: str, pos: int, limit: int = 6) -> list[tuple[str, str]]:
    """Up to `limit` words after an offset on the same line, each with the punctuation just after it."""
    out = []
    while len(out) < limit:
        m = _TOKEN_AFTER.match(text, pos)
        if m is None:
            break
        out.append((m.group(1), m.group(2)))
        pos = m.end()
        if m.group(2):
            break  # a phrase ends at punctuation
        acronym = _ACRONYM.match(text, pos)
        if acronym:
            pos = acronym.end()  # "its purchasing index (PMI) fell": the bracketed short form is passed over
    return out


_ACRONYM = compile_re(r"[ \t]+\([A-Z]{2,6}\)(?=[ \t])")


_RAW_TOKEN = compile_re(r"[ \t]+(\S+)")
_TOKEN_PARTS = compile_re(r"([\"“‘(\[]*)(.*?)([,.;:!?)\]\"”’…]*)\Z")


def _sentence_start(text: str, pos: int) -> bool:
    """True at a line's start or after a sentence's end (". ", "? ", a closing quotation mark)."""
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return j == 0 or text[j - 1] in "\n.?!\"”’:" or _after_quote(text, pos)


def _after_quote(text: str, pos: int) -> bool:
    """True just after an opening quotation mark: \"its, “Its."""
    return pos > 0 and text[pos - 1] in "\"“‘" and (pos == 1 or not text[pos - 2].isalnum())


# Up to this many raw tokens in one match: a run of them split in C, where a match per token
# costs a call and two lookups each. (Each raw token gives _clause_tokens one entry or more, so
# a limit of n never reads more than n of them.)
_RAW_RUNS: dict[int, re.Pattern] = {}
# _TOKEN_PARTS's marks, for str.lstrip/rstrip: a token's parts are its leading run of opening
# marks, then the longest run of closing marks at its end, and the word between.
_LEADING_MARKS = "\"“‘(["
_TRAILING_MARKS = ",.;:!?)]\"”’…"


def _token_parts(raw: str) -> tuple[str, str, str]:
    """_TOKEN_PARTS.match(raw).groups() for a raw token (no line break), with string methods."""
    rest = raw.lstrip(_LEADING_MARKS)
    word = rest.rstrip(_TRAILING_MARKS)
    return raw[:len(raw) - len(rest)], word, rest[len(word):]


def _clause_tokens(text: str, pos: int, limit: int = 12) -> list[tuple[str, str, str]]:
    """The tokens after an offset on the same line, each as (leading marks, word, trailing marks)."""
    run = _RAW_RUNS.get(limit)
    if run is None:
        run = _RAW_RUNS[limit] = compile_re(r"(?:[ \t]+\S+){0,%d}" % limit)
    out: list[tuple[str, str, str]] = []
    for raw in run.match(text, pos).group().split():
        if len(out) >= limit:
            break
        if "--" in raw or "..." in raw:  # "percent--I", "Congress...": the dash or the dots end the word
            head, sep, rest = re.split(r"(--+|\.\.\.+)", raw, maxsplit=1)
            if head:
                out.append(_token_parts(head))
            out.append(("", sep[0] if sep[0] == "-" else "…", ""))
            if rest:
                out.append(_token_parts(rest))  # "--I guarantee": the next clause's first word
            continue
        out.append(_token_parts(raw))
    return out
