"""Quotation marks and brackets: mixed outer styles, unbalanced quotes, unbalanced brackets."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping

from ..document import Document
from ..model import Docs, Examples, Hit, Rule, Severity
from ..quotes import DOUBLE, OPEN, SINGLE
from ..lazyre import compile as compile_re  # re.compile, from kept code (lazyre)

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

_STYLE_NAMES = {(DOUBLE, False): "curly double (“…”)", (DOUBLE, True): "straight double (\"…\")",
                ("single", False): "curly single (‘…’)", ("single", True): "straight single ('…')"}


def _where(doc: Document, offset: int) -> str:
    line, col = doc.position(offset)
    return f"{line}:{col}"


# A Markdown heading, or a first line short enough to be a headline (unpunctuated, or in capitals
# as wire headlines are): headlines follow their own
# quotation style (British papers put them in single marks), so they are not compared.
_HEADING = compile_re(r"^#{1,6}[ \t].*", re.M)
HEADLINE_WIDTH = 100
# Quotations this long are speech; shorter ones may be terms, nicknames or titles ('A Question of
# Sport.', 'New Zealand Native Team,'), which many houses set in single marks.
SPEECH_WORDS = 5


def headline_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of lines that are headlines: Markdown headings and a short, unpunctuated first line."""
    text = doc.text
    spans = [m.span() for m in _HEADING.finditer(text)] if "#" in text else []
    first_end = text.find("\n")
    if first_end > 0:
        first = text[:first_end].rstrip()
        # A sentence ending inside its closing quotation mark (“…,” he said. / “We will win.”) is a
        # lead paragraph, not a headline.
        ended = first.rstrip("”’\"'").endswith((".", "!", "?")) and first[-1] in "”’\"'"
        if first and len(first) <= HEADLINE_WIDTH and (not first.endswith(".") or first.isupper()) and not ended:
            spans.append((0, first_end))
    return spans


# A speech verb earlier in the sentence makes a quotation speech whatever its length: the minister
# said the plan "has no legs"; labelled the deal "a coup".
SPEECH_VERBS = frozenset(
    "said says say saying told tells telling added adds asked replied insisted insists warned warns declared "
    "wrote argued argues claimed stated labelled labeled described dubbed branded announced announcing".split()
)
# Verbs that name rather than quote: after them a single-marked quotation is a term or nickname.
NAMING_VERBS = frozenset("labelled labeled described dubbed branded".split())
SPEECH_REACH = 100


def _is_long(text: str, q) -> bool:
    """A quotation of five words or more: a sentence, not a term or a name."""
    return len(text[q.start + 1:q.end - 1 if q.closed else q.end].split()) >= SPEECH_WORDS


def _is_speech(text: str, q, naming: bool = True) -> bool:
    """A sentence-like quotation of five words or more, or one a speech verb introduces.

    A speech verb introduces a quotation when it stands earlier in the same clause, with no reported
    "that" clause between ("said the plan “has no legs”"); for single marks (naming=False) only
    straight before it ("said 'no deal'"), and a naming verb ("dubbed 'the fixer'") gives a term.
    """
    if _is_long(text, q):
        return True
    before = text[max(0, q.start - SPEECH_REACH):q.start]
    # Only the clause the quotation stands in: cut at the last sentence mark, line break or quote.
    words = before[max(map(before.rfind, ".!?\n\"“”")) + 1:].lower().split()
    words = [w.strip(",:") for w in words]
    if not naming:
        # Single marks: only a verb straight before ("said 'no deal'"); a naming verb gives a term.
        if words and words[-1] == "that":
            words = words[:-1]
        return (bool(words) and words[-1] in SPEECH_VERBS and words[-1] not in NAMING_VERBS
                and len(text[q.start + 1:q.end].split()) >= 2)
    # Double marks: a speech verb in the clause whose object the quotation is ("said the plan would
    # be "seamless""). Through a reported "that" clause, the quotation is the speaker's words when it
    # completes the clause ("saying that the case "has no legs"."), and a term when the clause goes
    # on past it ('said that the "peace dividend" was spent').
    for i in range(len(words) - 1, -1, -1):
        if words[i] == "that":
            return q.closed and any(w in SPEECH_VERBS for w in words[:i]) and _ends_sentence(text, q)
        if words[i] in SPEECH_VERBS:
            return True
    return False


def _ends_sentence(text: str, q) -> bool:
    """The quotation closes its sentence: a full stop, question or exclamation mark inside the
    closing mark or straight after it, or the end of the paragraph."""
    inside = text[q.start + 1:q.end - 1].rstrip()
    after = text[q.end:q.end + 2]
    return inside[-1:] in (".", "!", "?") or after[:1] in (".", "!", "?", ";") or after[:1] in ("", "\n")


# A straight single mark with nothing or a non-alphanumeric character before it: the only
# straight single mark that can open a quotation (quotes._single_role answers APOSTROPHE or CLOSE
# for one after a letter or digit). Lookbehind after the mark, so re seeks the literal in C.
_SINGLE_MAY_OPEN = compile_re(r"'(?<![^\W_]')")


def may_mix_styles(text: str) -> bool:
    """False when find_quotations(text) can give only double quotations in straight marks: no
    curly glyph, and no straight single mark that can open a quotation. Then no style is in the
    minority, and the quotation pass is not needed for this rule."""
    if "“" in text or "”" in text or "‘" in text or "’" in text:
        return True
    return _SINGLE_MAY_OPEN.search(text) is not None


def check_mixed_style(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag outer quotations whose marks differ from the article's majority style."""
    if not may_mix_styles(doc.text):
        # Prefilter before the quotation pass (most articles: straight marks, apostrophes only
        # inside or after words): every quotation is double and straight, so no style is a minority.
        return
    quotes = doc.quotes
    quotations = quotes.quotations
    if len(quotations) < 2:
        return
    text = doc.text
    # Opening marks both straight and curly need both kinds of glyph in the text.
    glyphs_mix = ("\"" in text or "'" in text) and ("“" in text or "”" in text or "‘" in text or "’" in text)
    first_kind = quotations[0].kind
    if not glyphs_mix and all(q.kind == first_kind for q in quotations):
        # Prefilter: one kind of quotation and one kind of glyph, so neither comparison below
        # can find a minority (the outer quotations are some of these).
        return
    heads = headline_spans(doc)
    # A paragraph with an unmatched mark is parsed unreliably (straight marks pair up wrongly
    # after a lost one), so its quotations are not compared.
    ends = quotes.paragraphs
    shaky = {bisect.bisect_left(ends, m.offset) for m in quotes.unbalanced}
    outer = [q for q in quotations
             if q.depth == 0 and not any(a <= q.start < b for a, b in heads)
             and bisect.bisect_left(ends, q.start) not in shaky]
    if len(outer) < 2:
        return
    kinds = {q.kind for q in outer}
    if len(kinds) > 1:
        # (With one kind the group below, some of the outer quotations, has no minority: the
        # speech tests would be wasted.)
        speech = [q for q in outer if _is_speech(text, q)]
        if kinds == {DOUBLE, SINGLE} and all(q in speech if q.kind == DOUBLE else not _is_speech(text, q, naming=False)
                                             for q in outer):
            # The house convention of double marks for speech and single marks for terms and
            # nicknames ('Anfield', 'put option', dubbed 'the fixer'): one consistent style, not a mix.
            speech = [q for q in outer if q.kind == DOUBLE]
        # Many houses quote speech in double marks and single out words and phrases in single ones
        # ('so-called' terms, nicknames). So speech is compared with speech; phrases are compared with
        # each other only in an article that quotes no speech, where no such convention can be seen.
        group = speech if speech else outer
        yield from _minority(doc, group, key=lambda q: q.kind, tie=lambda votes: DOUBLE, what="kind")
    if not glyphs_mix:
        return  # every opening mark is straight, or every one curly
    opening = [m for m in quotes.marks if m.role == OPEN and not any(a <= m.offset < b for a, b in heads)]
    if any(m.straight for m in opening) and not all(m.straight for m in opening):
        yield from _minority(doc, outer, key=lambda q: q.straight, tie=None, what="glyph")


# Above this many quotations in the minority style, one finding describes the mix.
MAX_MINORITY = 3


def _minority(doc: Document, outer: list, key, tie, what: str) -> Iterator[Hit]:
    """Yield one hit per quotation of the minority style, citing the majority's first use."""
    votes: dict[Any, list] = {}
    for q in outer:
        votes.setdefault(key(q), []).append(q)
    if len(votes) < 2:
        return
    ranked = sorted(votes.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
    (major, major_qs), (minor, minor_qs) = ranked[0], ranked[1]
    tied = len(major_qs) == len(minor_qs)
    if tied and tie is not None:
        # Double marks win a tie: they are the outer quotation marks of AP, Reuters and most
        # British news styles, which keep single marks for quotes inside quotes.
        major = tie(votes)
        minor = next(k for k in votes if k != major)
        major_qs, minor_qs = votes[major], votes[minor]
    first = major_qs[0]
    style = _STYLE_NAMES[(first.kind, first.straight)]
    if len(minor_qs) > MAX_MINORITY:
        # So many are no slip but a second style: one finding at the first says so.
        q = minor_qs[0]
        here = _STYLE_NAMES[(q.kind, q.straight)]
        yield Hit(q.start, q.start + 1,
                  f"Mixed quotation marks: {len(minor_qs)} quotations use {here} marks and {len(major_qs)} use "
                  f"{style} marks (first at {_where(doc, first.start)}); choose one style.")
        return
    for q in minor_qs:
        here = _STYLE_NAMES[(q.kind, q.straight)]
        if what == "kind":
            reason = (f"this article's other outer quotations use {style} marks ({len(major_qs)}, first at "
                      f"{_where(doc, first.start)})" if not tied else
                      f"the other one, at {_where(doc, first.start)}, uses {style} marks, the usual style for "
                      "outer quotations")
            msg = f"Mixed quotation marks: this quotation is in {here} marks, but {reason}."
        else:
            msg = (f"Mixed straight and curly quotation marks: this quotation uses {here} marks; the article "
                   f"mostly uses {'straight' if first.straight else 'curly'} ones ({len(major_qs)}, first at "
                   f"{_where(doc, first.start)}).")
        yield Hit(q.start, q.start + 1, msg)


def check_unbalanced_quotes(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag a paragraph with an odd number of double quotation marks, once, at the unmatched mark.

    An odd count is local, certain evidence; pairing straight marks across a lost one is not, so
    only such paragraphs are reported, and the multi-paragraph convention excuses an odd count
    when the next paragraph opens with a double mark.
    """
    quotes = doc.quotes
    doubles = [m for m in quotes.marks if m.kind == DOUBLE]
    if not doubles:
        return
    text = doc.text
    ends = quotes.paragraphs
    by_para: dict[int, list] = {}
    for m in doubles:
        by_para.setdefault(bisect.bisect_left(ends, m.offset), []).append(m)
    unmatched = {m.offset for m in quotes.unbalanced}
    for p, marks in by_para.items():
        if len(marks) % 2 == 0:
            continue
        after = ends[p]
        while after < len(text) and text[after].isspace():
            after += 1
        if text[after:after + 1] in ("\"", "“"):
            continue  # the quotation runs on into the next paragraph
        mark = next((m for m in marks if m.offset in unmatched), marks[-1])
        if mark.role == OPEN:
            msg = (f"Unbalanced quotation marks: this {mark.char} opens a quotation that is not closed in its "
                   "paragraph, and the next paragraph does not reopen it.")
        elif mark.offset in unmatched:
            msg = f"Unbalanced quotation marks: this {mark.char} closes a quotation that was never opened."
        else:
            msg = (f"Unbalanced quotation marks: this paragraph has an odd number of double quotation marks "
                   f"({len(marks)}); one is missing or one too many.")
        yield Hit(mark.offset, mark.offset + 1, msg)


_BRACKETS = compile_re(r"[()\[\]{}]")
_PAIRS = {")": "(", "]": "[", "}": "{"}
# "1)", "b)" and "iv)" at a line start number a list; ":)" and ";-)" are smileys.
_LIST_ITEM = compile_re(r"^[ \t]*(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)", re.M)
_SMILEY = compile_re(r"[:;=]-?[()\[\]]")
# Mid-sentence enumerators ("two facts: 1) if… 2) the…"); excused only when nothing is open.
_INLINE_ITEM = compile_re(r"(?<![^\s:;,])(?:\d{1,2}|[a-z]|[ivx]{1,4})\)(?=\s)")


def _counts_balanced(text: str) -> bool:
    """True when the text has as many of each opening bracket as of its closing one."""
    # A kind with neither bracket in the text has equal counts, and an `in` test is a memchr
    # where str.count walks every character: most articles count only round brackets.
    return all(text.count(a) == text.count(b) for b, a in _PAIRS.items() if a in text or b in text)


def check_unbalanced_brackets(doc: Document, options: Mapping[str, Any]) -> Iterator[Hit]:
    """Flag a bracket whose partner is missing from its paragraph."""
    text = doc.text
    if _counts_balanced(text):
        # Equal counts of each kind: nearly always balanced, and skipping the pairing keeps this
        # check cheap on the many articles with brackets; a ")" and "(" swapped between
        # paragraphs is missed.
        return
    found = list(_BRACKETS.finditer(text))
    skip = {m.end() - 1 for m in _LIST_ITEM.finditer(text)} | {m.end() - 1 for m in _SMILEY.finditer(text)}
    ends = doc.quotes.paragraphs
    pi = 0
    stack: list[tuple[int, str]] = []
    for m in found:
        i = m.start()
        if i in skip:
            continue
        while ends[pi] < i:
            yield from _unclosed(stack)
            stack.clear()
            pi += 1
        ch = m.group()
        if ch in "([{":
            stack.append((i, ch))
        elif stack and stack[-1][1] == _PAIRS[ch]:
            stack.pop()
        elif any(s[1] == _PAIRS[ch] for s in stack):
            while stack[-1][1] != _PAIRS[ch]:
                yield from _unclosed([stack.pop()])
            stack.pop()
        elif not (ch == ")" and _ends_inline_item(text, i)):
            yield Hit(i, i + 1, f"Unbalanced brackets: this “{ch}” closes a bracket that was never opened.")
    yield from _unclosed(stack)


def _ends_inline_item(text: str, i: int) -> bool:
    """True when the ")" at i closes an enumerator such as "1)" or "b)" inside a sentence."""
    return any(m.end() == i + 1 for m in _INLINE_ITEM.finditer(text, max(0, i - 4), i + 2))


def _unclosed(stack: list[tuple[int, str]]) -> Iterator[Hit]:
    closer = {v: k for k, v in _PAIRS.items()}
    for i, ch in stack:
        yield Hit(i, i + 1, f"Unbalanced brackets: this “{ch}” is never closed with “{closer[ch]}” in its paragraph.")


RULES = (
    Rule(
        code="QT001",
        name="mixed-quote-style",
        summary="An article that mixes outer quotation styles: ‘…’ and “…”, or straight and curly marks.",
        severity=Severity.WARNING,
        check=check_mixed_style,
        in_quotes=True,
        docs=Docs(
            what="Compares the outermost quotations of an article. When some use single marks and some double, "
            "or some straight and some curly, it flags each quotation of the minority style and cites the "
            "first quotation of the majority. On a single-versus-double tie, double marks win; on a "
            "straight-versus-curly tie, the style used first wins.",
            why="A house style uses one kind of mark for outer quotations (usually double, with single marks "
            "for a quote inside a quote). A mix shows copy pasted from several sources and looks careless.",
            example="He called it a ‘zone of competition’ … a “defensive battle”  ->  "
            "He called it a “zone of competition” … a “defensive battle”",
        ),
        examples=Examples(
            passing=(
                "He called it a “trade war”. She said “it is ‘fine’ now” and left.",
                "The ’90s were a “golden age” of rock ’n’ roll, she said.",
                "He said 'stop' and then 'go' again.",
                "“One,” she said. “Two.”",
                "Fans call the ground ‘the Den’. “We love it here and we always will,” one said.",
                "The bank called it a ‘put option’. Critics said the deal “has no legs” and “makes no sense”.",
            ),
            failing=(
                "“We will not give up on the plan,” she said. ‘We expect a result by Friday,’ he added.",
                "He said “yes” and “no”, then \"maybe\" too.",
                "She said 'the price war is over for now' and \"the trade war goes on and on\", and \"a mess\".",
                "'A b c d e' and 'B c d e f' and 'C d e f g' and 'D e f g h' and \"E f g h i\" and "
                "\"F g h i j\" and \"G h i j k\" and \"H i j k l\" and \"I j k l m\".",
            ),
        ),
    ),
    Rule(
        code="QT002",
        name="unbalanced-quotes",
        summary="A double quotation mark left unmatched within its paragraph.",
        severity=Severity.WARNING,
        check=check_unbalanced_quotes,
        in_quotes=True,
        # Off by default: on the BBC corpus it flags 702 paragraphs (8.6 per 10k words), real
        # imbalances in the text but nearly all lost in extraction, not typed by a writer.
        enabled_by_default=False,
        docs=Docs(
            what="Finds a double quotation mark that opens a quotation never closed in its paragraph, or "
            "closes one never opened. A quotation may run over several paragraphs without closing, as "
            "long as the next paragraph opens with a quotation mark (the newsroom convention). Single "
            "marks are not checked, because a lone one is too often an apostrophe.",
            why="A missing quotation mark leaves the reader unsure where the speaker's words end, and "
            "can put words in the wrong mouth.",
            example="“We will not stop, he said.  ->  “We will not stop,” he said.",
        ),
        examples=Examples(
            passing=(
                "“We will not stop,” he said.",
                "“The first paragraph of a long quote.\n\n“The second paragraph ends it,” she said.",
                "He said \"yes\" and she said \"no\".",
                "The players’ union and the Jones’ house.",
            ),
            failing=(
                "“We will not stop, he said.\n\nThe talks went on.",
                "He said \"we will not stop, and left.\n\nThe talks went on.",
                "We will not stop,” he said.",
            ),
        ),
    ),
    Rule(
        code="QT003",
        name="unbalanced-brackets",
        summary="A bracket whose partner is missing from its paragraph.",
        severity=Severity.WARNING,
        check=check_unbalanced_brackets,
        in_quotes=True,
        docs=Docs(
            what="Pairs round, square and curly brackets within each paragraph and flags one left open or "
            "closed without an opener. List markers such as “1)” or “b)” at a line start and smileys are "
            "ignored.",
            why="An unclosed bracket makes the rest of the sentence read as an aside; a stray closing "
            "bracket is a sign of a cut that went wrong.",
            example="The agency (which was set up in 2004 said  ->  The agency (which was set up in 2004) said",
        ),
        examples=Examples(
            passing=(
                "The agency (set up in 2004) said so.",
                "He said [sic] nothing (or [almost] nothing).",
                "Choose:\n1) tea\n2) coffee",
                "Great news :)",
                "Two facts matter: 1) the cost and 2) the delay.",
                "The plan (see note 2) was dropped.",
            ),
            failing=(
                "The agency (set up in 2004 said so.",
                "The plan (see note 2 was dropped.",
                "The agency set up in 2004) said so.",
                "The agency [set up in 2004) said so.",
            ),
        ),
    ),
)
