"""--diff: the fixes --fix would apply, as a unified diff that `git apply` or `patch -p1` takes."""
from __future__ import annotations

import difflib
import os
from collections.abc import Sequence

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO

NO_NEWLINE = "\\ No newline at end of file\n"


def _patch_path(path: str) -> str:
    """The path as a patch names it: relative to the working directory, forward slashes."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        path = rel if not rel.startswith("..") else path
    return os.path.normpath(path).replace(os.sep, "/")


def _original(path: str) -> tuple[str, bool] | None:
    """The file's text as checked (BOM split off, line endings kept)."""
    from .files import Source, read

    doc = read(Source(path, path))
    return (doc.source, doc.bom) if hasattr(doc, "source") else None


def unified(path: str, before: str, after: str) -> str:
    """One file's unified diff; a last line without a line break is marked as patch expects."""
    name = _patch_path(path)
    out = []
    for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                     f"a/{name}", f"b/{name}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


def render(results: Sequence, stream: TextIO) -> int:
    """Write the diff of every fixed file; return how many files would change."""
    changed = 0
    for r in results:
        if r.fixed_text is None:
            continue
        got = _original(r.path)
        if got is None:
            continue
        before, bom = got
        after = r.fixed_text
        if after == before:
            continue
        if bom:  # the byte-order mark stays, so the first line's context matches the file
            before, after = "\ufeff" + before, "\ufeff" + after
        stream.write(unified(r.path, before, after))
        changed += 1
    return changed
