"""Finding the files to check and reading them safely into Documents."""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from collections.abc import Iterator, Sequence

from .document import Document
from .engine import Problem
from .lazyre import lazy

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Bigger than any article by far; a larger file is probably a data dump, and checking it would stall a hook.
MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"
_UTF8_SEQUENCE = lazy(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Source:
    """A file to check: where to read it and the name to report."""

    path: str
    display: str


def discover(paths: Sequence[str], stdin_name: str = "<stdin>") -> Iterator[Source | Problem]:
    """Expand paths into files: directories are walked for .txt, .md and .html, hidden ones skipped."""
    seen: set[str] = set()
    for item in _expand(paths, stdin_name):
        if type(item) is tuple:  # (source, key) from a walk, whose real path is known without resolving each file (a Problem is a named tuple)
            item, key = item
        elif isinstance(item, Source) and item.path != STDIN:
            key = os.path.normcase(os.path.realpath(item.path))
        else:
            yield item
            continue
        if key in seen:  # the same file named twice (or via a folder and by name) is checked once
            continue
        seen.add(key)
        yield item


def _expand(paths: Sequence[str], stdin_name: str) -> Iterator[Source | tuple[Source, str] | Problem]:
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN, stdin_name)
            continue
        if os.path.isdir(raw):
            yield from _walk(_as_path(raw))
        elif os.path.exists(raw):
            yield Source(raw, raw)
        else:
            yield Problem(raw, "no such file or directory")


def _as_path(raw: str) -> str:
    """str(pathlib.Path(raw)): a path as reported ("./news/" as "news"); pathlib (~3 ms to
    import) only for a path that needs tidying."""
    if os.sep == "/" and raw != "." and "//" not in raw and not raw.startswith("./") \
            and not raw.endswith(("/", "/.")) and "/./" not in raw:
        return raw
    from pathlib import Path

    return str(Path(raw))


def _walk(top: str) -> Iterator[tuple[Source, str] | Problem]:
    """A folder's article files in sorted order, each with its real path for de-duplication.

    One scandir per folder: the entry's type comes from the directory listing, so no file is
    stat'ed or resolved unless it is a symbolic link."""
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield _unreadable(exc)
        return
    real = os.path.normcase(os.path.realpath(top))
    folders = []
    for e in entries:
        if e.name.startswith("."):
            continue
        try:
            if e.is_dir(follow_symlinks=False):  # as os.walk: no loop through a linked folder
                folders.append(e.path)
            # Only regular files: a FIFO named *.txt would block the run forever.
            elif e.name.endswith(SUFFIXES) and e.is_file():
                key = os.path.normcase(os.path.realpath(e.path)) if e.is_symlink() else os.path.join(real, e.name)
                yield Source(e.path, e.path), key
        except OSError:
            continue  # gone or unreadable between the listing and now: not an article to check
    for folder in folders:  # files of a folder before its subfolders, as os.walk gives them
        yield from _walk(folder)


def _unreadable(exc: OSError) -> Problem:
    """A folder the walk could not list, reported as an unreadable file is."""
    why = "permission denied" if isinstance(exc, PermissionError) else f"cannot read: {exc.strerror or exc}"
    return Problem(exc.filename or "?", f"folder {why}; its files were not checked")


def decode(data: bytes, display: str) -> Document | Problem:
    """Decode bytes as UTF-8 (with or without BOM) into a Document, or say why not."""
    if not data:
        return Document.from_text("", display)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(display, "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 to check it")
    if b"\x00" in data:
        return Problem(display, "binary file (contains NUL bytes); skipped")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(display, _not_utf8(body, exc, 3 if bom else 0))
    return Document.from_text(text, display, bom=bom)


def _not_utf8(data: bytes, exc: UnicodeDecodeError, skipped: int) -> str:
    """Where the first invalid byte is (line and code-point column), and the likely encoding."""
    from .document import LineIndex

    before = data[:exc.start].decode("utf-8")
    line, col = LineIndex.build(before).position(len(before))
    hint = ""
    # Single high bytes that decode as Windows-1252, and no valid UTF-8 sequence anywhere:
    # a file saved in the old Windows or Latin-1 encoding, not UTF-8 cut short.
    if not _UTF8_SEQUENCE.search(data):
        try:
            data.decode("cp1252")
            hint = "; it looks like Windows-1252/Latin-1: save it as UTF-8"
        except UnicodeDecodeError:
            pass
    return (f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {col} "
            f"(byte offset {exc.start + skipped}; {exc.reason}){hint}; skipped")


# os.open and os.read, not open(): the file object costs Python-level set-up and three more
# system calls (fstat, ioctl, lseek) per file, a tenth of a run's reading on a corpus of articles.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_file(path: str, size: int) -> bytes:
    """The whole file, as open(path, "rb").read() gives it: `size` (from the stat) is a hint, and
    reading goes on to the end of the file, should it have grown since."""
    fd = os.open(path, _READ_FLAGS)
    try:
        data = os.read(fd, size + 1)
        if data:  # one more read to see the end, as a file object's read() does
            more = os.read(fd, 65536)
            if more:
                parts = [data, more]
                while more:
                    more = os.read(fd, 65536)
                    parts.append(more)
                data = b"".join(parts)
    finally:
        os.close(fd)
    return data


def read(source: Source, max_bytes: int = MAX_BYTES) -> Document | Problem:
    """Read one source; every failure becomes a Problem naming the file."""
    try:
        if source.path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            st = os.stat(source.path)
            if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
                # A FIFO or device could block the run forever or never end.
                return Problem(source.display, "not a regular file (a pipe, socket or device); skipped")
            size = st.st_size
            if size > max_bytes:
                return Problem(source.display, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; skipped")
            data = _read_file(source.path, size)
    except IsADirectoryError:
        return Problem(source.display, "is a directory")
    except PermissionError:
        return Problem(source.display, "permission denied")
    except OSError as exc:
        return Problem(source.display, f"cannot read: {exc.strerror or exc}")
    return decode(data, source.display)
