"""The text format on a file or pipe: plain lines, no rich import, markers under the span."""
from __future__ import annotations

import io
import subprocess
import sys

from conftest import ROOT

from copycheck.formatters import text
from copycheck.model import Finding, Fix, Severity
from copycheck.runner import FileResult


def _result(path: str, message: str, line: str, col: int, end: int) -> FileResult:
    f = Finding(path, "TY001", "doubled-word", Severity.WARNING, message, col - 1, end - 1, 1, col, 1, end,
                Fix(col - 1, end - 1, "", True), (1, col, 1, end))
    return FileResult(path, (f,), (), {1: line})


def test_piped_text_output_does_not_import_rich(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The the cat sat.\n", encoding="utf-8")
    code = ("import sys; from copycheck.cli import main\n"
            "main(['--no-progress', sys.argv[1]])\n"
            "print('RICH' if any(m == 'rich' or m.startswith('rich.') for m in sys.modules) else 'NO-RICH')")
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1"}).stdout
    assert "TY001" in out and out.rstrip().endswith("NO-RICH")


def test_narrow_ranges_are_one_cell_each_in_richs_table():
    from rich.cells import cell_len

    wide = [hex(c) for a, b in text.NARROW_RANGES for c in range(a, b + 1) if cell_len(chr(c)) != 1]
    assert wide == []


def test_curly_quotes_and_dashes_need_no_rich_import():
    code = ("import io, sys; from copycheck.formatters import text\n"
            "assert text._cells('Libya ‘s capital — €5, café') == 27\n"
            "print('RICH' if 'rich' in sys.modules else 'NO-RICH')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "NO-RICH", out.stderr


def test_marker_counts_terminal_cells_for_wide_characters():
    from rich.cells import cell_len

    line = "漢字 the the 🙂 end"
    col = line.index("the") + 1
    buf = io.StringIO()
    text.render([_result("w.txt", "Wide.", line, col, col + 7)], buf)
    shown, marker = [ln for ln in buf.getvalue().splitlines() if ln.startswith("    │")][:2]
    assert marker.index("^") - len("    │ ") == cell_len(line[: col - 1])
    assert marker.count("^") == 7
