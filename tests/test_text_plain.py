"""The text format without rich (files and pipes) prints exactly what rich prints."""
from __future__ import annotations

import io

import pytest

from copycheck.formatters import text
from copycheck.model import Finding, Fix, Severity
from copycheck.runner import FileResult


class _Terminal(io.StringIO):
    """A stream that says it is a terminal, so render() takes the rich path."""

    def isatty(self) -> bool:
        return True


def _result(path: str, message: str, line: str, col: int = 5, end: int = 9) -> FileResult:
    f = Finding(path, "TY001", "doubled-word", Severity.WARNING, message, col - 1, end - 1, 1, col, 1, end,
                Fix(col - 1, end - 1, "", True), (1, col, 1, end))
    return FileResult(path, (f,), (), {1: line})


CASES = [
    ("a.txt", "Plain message.", "The the cat sat."),
    ("we[bold]ird.md", "A [bold] tag-like [/] text and \\[escaped].", "Quotes “like” these and—dashes."),
    ("x.txt", "Ends in a backslash \\", "line ends in \\"),
    ("y.txt", "Two backslashes \\\\", "snippet \\\\"),
    ("tab\tpath.txt", "A\ttab in the message.", "a\ttab in the line"),
    ("c.txt", "Control \x07 bell and \x0c feed.", "bell \x07 here and a CR \r too"),
    ("w.txt", "Wide 漢字 and emoji 🙂 :smile:", "漢字漢字 the the 🙂 end"),
    ("long.txt", "Long line.", "word " * 60),
]


@pytest.mark.parametrize("path,message,line", CASES)
def test_plain_text_matches_rich(monkeypatch, path, message, line):
    monkeypatch.setenv("NO_COLOR", "1")
    results = [_result(path, message, line), FileResult("clean.txt")]
    plain, rich_out = io.StringIO(), _Terminal()
    text.render(results, plain)
    text.render(results, rich_out)
    assert plain.getvalue() == rich_out.getvalue()
