"""Applying fixes: non-overlapping, in one pass per round, written atomically."""
from __future__ import annotations

import os
import signal
import tempfile
from contextlib import contextmanager
from collections.abc import Iterable, Iterator

from .model import Finding, Fix

_BOM = b"\xef\xbb\xbf"
TEMP_PREFIX = ".copycheck-"


class ReadOnlyFile(Exception):
    """The user may not write this file (mode 0444, or no write permission); it is left alone."""


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


def writable(path: str, st: os.stat_result | None = None) -> bool:
    """True when the user may write the file: some write bit is set (so root too leaves a 0444
    file alone, as editors do) and the OS grants write access."""
    st = st or os.stat(path)
    return bool(st.st_mode & 0o222) and os.access(path, os.W_OK)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, so a write is never cut off halfway and
    never leaves its temporary file behind (the signal is delivered right after)."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # Windows: no signal masks; the cleanup in write_atomic still runs
        yield
        return
    old = mask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


def write_atomic(path: str, text: str, bom: bool = False) -> None:
    """Write fixed text to a file (a symlink's target), keeping mode, owner, group and hard links.

    The text goes to a temporary file beside the target first. When renaming it over the target
    keeps everything (one link, same owner and group), it is renamed: atomic. Otherwise (a file
    with hard links, or another owner we cannot give the new file) the complete, synced temporary
    copy proves the text is written and the disk has room, and the target is then rewritten in
    place, so its inode, links and ownership stay; the copy is removed after. Line endings are
    left as they are. Raises ReadOnlyFile for a file the user may not write."""
    real = os.path.realpath(path)
    st = os.stat(real)
    if not writable(real, st):
        raise ReadOnlyFile(path)
    data = (_BOM if bom else b"") + text.encode("utf-8")
    with signals_deferred():
        tmp, beside = _write_temp(os.path.dirname(real), data, st)
        try:
            if beside and st.st_nlink == 1 and _give_owner(tmp, st):
                os.replace(tmp, real)
                tmp = None
            else:
                try:
                    with open(real, "r+b") as fh:
                        fh.write(data)
                        fh.truncate()
                        fh.flush()
                        os.fsync(fh.fileno())
                except OSError as exc:
                    kept, tmp = tmp, None  # the only complete copy of the fixed text: keep it
                    raise OSError(exc.errno, f"{exc.strerror}; the fixed text is in {kept}") from None
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def _write_temp(directory: str, data: bytes, st: os.stat_result) -> tuple[str, bool]:
    """A synced temporary copy of data, beside the target when its folder is writable."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=directory)
        beside = True
    except PermissionError:  # a writable file in a read-only folder: copy elsewhere, write in place
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX)
        beside = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp, beside


def _give_owner(tmp: str, st: os.stat_result) -> bool:
    """Give the temporary file the target's owner and group; False when we may not."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return True
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except (PermissionError, AttributeError):
        return False
    # chown clears setuid/setgid bits; put the mode back.
    os.chmod(tmp, st.st_mode & 0o7777)
    return True
