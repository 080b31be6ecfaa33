"""Applying fixes: non-overlapping, in one pass per round, written atomically."""
from __future__ import annotations

import os
import tempfile
from typing import Iterable

from .model import Finding, Fix


def choose_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """Pick applicable fixes in text order, dropping any that overlap one already chosen."""
    fixes = sorted(
        {f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)},
        key=lambda x: (x.start, x.end),
    )
    chosen: list[Fix] = []
    last_end = -1
    for fix in fixes:
        # Touching is fine; overlapping is not, and two insertions at one point conflict.
        if fix.start < last_end or (chosen and fix.start == chosen[-1].start == chosen[-1].end == fix.end):
            continue
        chosen.append(fix)
        last_end = fix.end
    return chosen


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """Return text with the (non-overlapping, sorted) fixes applied."""
    out: list[str] = []
    pos = 0
    for fix in fixes:
        out.append(text[pos:fix.start])
        out.append(fix.replacement)
        pos = fix.end
    out.append(text[pos:])
    return "".join(out)


def write_atomic(path: str, text: str, bom: bool = False) -> None:
    """Replace a file's contents atomically, keeping its mode; line endings are left as they are."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".copycheck-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
