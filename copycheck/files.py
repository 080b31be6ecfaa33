"""Finding the files to check and reading them safely into Documents."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .document import Document
from .engine import Problem

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Bigger than any article by far; a larger file is probably a data dump, and checking it would stall a hook.
MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """A file to check: where to read it and the name to report."""

    path: str
    display: str


def discover(paths: Sequence[str], stdin_name: str = "<stdin>") -> Iterator[Source | Problem]:
    """Expand paths into files: directories are walked for .txt and .md, hidden ones skipped."""
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN, stdin_name)
            continue
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(SUFFIXES) and not name.startswith("."):
                        full = os.path.join(root, name)
                        yield Source(full, full)
        elif p.exists():
            yield Source(raw, raw)
        else:
            yield Problem(raw, "no such file or directory")


def decode(data: bytes, display: str) -> Document | Problem:
    """Decode bytes as UTF-8 (with or without BOM) into a Document, or say why not."""
    if not data:
        return Document.from_text("", display)
    if b"\x00" in data:
        return Problem(display, "binary file (contains NUL bytes); skipped")
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Problem(
            display,
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} ({exc.reason}); skipped",
        )
    return Document.from_text(text, display, bom=bom)


def read(source: Source, max_bytes: int = MAX_BYTES) -> Document | Problem:
    """Read one source; every failure becomes a Problem naming the file."""
    try:
        if source.path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            size = os.path.getsize(source.path)
            if size > max_bytes:
                return Problem(source.display, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; skipped")
            with open(source.path, "rb") as fh:
                data = fh.read()
    except IsADirectoryError:
        return Problem(source.display, "is a directory")
    except PermissionError:
        return Problem(source.display, "permission denied")
    except OSError as exc:
        return Problem(source.display, f"cannot read: {exc.strerror or exc}")
    return decode(data, source.display)
