"""Loading a measurement corpus: a folder of .txt/.md files or a .jsonl file with a "text" field.

The one corpus reader every measurement script shares, so they all count the same articles.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator

# The default for `duplicates`: use a sibling <folder>-duplicates.tsv if there is one.
AUTO = "auto"
SUFFIXES = (".txt", ".md", ".markdown")


def load(path: str | Path, duplicates: str | Path | None = AUTO,
         include_tabular: bool = False) -> Iterator[tuple[str, str]]:
    """Yield (name, text) pairs; names are paths relative to a folder, or a JSONL record's id.

    duplicates: a TSV of (kept, copy) rows whose copies are skipped; AUTO finds the sibling
    list, None keeps every file. README files describe a dataset and are never articles.
    """
    p = Path(path)
    if p.is_file() and p.suffix == ".jsonl":
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("tabular") and not include_tabular:
                    continue
                yield str(rec.get("id", "")), rec["text"]
        return
    dups = duplicate_copies(p, duplicates)
    for root, dirs, files in os.walk(p):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(SUFFIXES) and not name.startswith(".") and "README" not in name:
                rel = Path(root, name).relative_to(p).as_posix()
                if rel not in dups:
                    yield rel, Path(root, name).read_text(encoding="utf-8", errors="replace")


def duplicate_copies(folder: Path, duplicates: str | Path | None = AUTO) -> set[str]:
    """The copies listed in a duplicates TSV (header, then kept<TAB>copy rows), to count once."""
    if duplicates is None:
        return set()
    tsv = folder.parent / f"{folder.name}-duplicates.tsv" if duplicates == AUTO else Path(duplicates)
    if not tsv.is_file():
        return set()
    out = set()
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        # Columns: the kept file, then the copies of it to drop.
        out.update(c.strip() for c in line.split("\t")[1:] if c.strip())
    return out
