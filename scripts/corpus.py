"""Loading a measurement corpus: a folder of .txt/.md files or a .jsonl file with a "text" field."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator


def load(path: str, include_tabular: bool = False) -> Iterator[tuple[str, str]]:
    """Yield (name, text) pairs; names are paths relative to a folder, or a JSONL record's id."""
    p = Path(path)
    if p.is_file() and p.suffix == ".jsonl":
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("tabular") and not include_tabular:
                    continue
                yield str(rec.get("id", "")), rec["text"]
        return
    dups = _duplicates(p)
    for root, dirs, files in os.walk(p):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".txt", ".md")) and not name.startswith(".") and name != "README.original.txt":
                rel = os.path.relpath(os.path.join(root, name), p)
                if rel not in dups:
                    yield rel, Path(root, name).read_text(encoding="utf-8", errors="replace")


def _duplicates(folder: Path) -> set[str]:
    """Files listed as exact copies in a sibling <name>-duplicates.tsv, so they count once."""
    tsv = folder.parent / f"{folder.name}-duplicates.tsv"
    if not tsv.exists():
        return set()
    out = set()
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        # Columns: the kept file, then the copies of it to drop.
        out.update(c for c in line.split("\t")[1:] if c)
    return out
