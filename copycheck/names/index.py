"""The committed name index (`.copycheck-names.json`): found at the repository root, read, written.

pre-commit passes only the changed files; the index holds every file's spellings (counts and
context, no positions), so NM003 still compares them with the whole repository.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .context import SpellingCounts

INDEX_FILE = ".copycheck-names.json"
# Version 2 keeps each spelling's context; version 1 (counts only) is still read.
INDEX_VERSION = 2
READABLE_VERSIONS = (1, 2)


def norm(path: str) -> str:
    """One key per file however it was named: the absolute, normalised path."""
    return os.path.normcase(os.path.abspath(path))


def norms(paths: Iterable[str]) -> list[str]:
    """norm() of each path, asking the working folder once (abspath asks it for every relative path)."""
    if os.name != "posix":
        return [norm(p) for p in paths]
    cwd = os.getcwd()
    join, normpath, isabs = os.path.join, os.path.normpath, os.path.isabs
    return [normpath(p if isabs(p) else join(cwd, p)) for p in paths]  # normcase does nothing on POSIX


def find_index(folders: Iterable[str]) -> list[str]:
    """The index nearest each folder, walking up to the repository root (a `.git`), as configuration is found."""
    found: dict[str, None] = {}
    seen: dict[str, str | None] = {}
    for start in folders:
        folder = os.path.abspath(start)
        trail = []
        got: str | None = None
        while True:
            if folder in seen:
                got = seen[folder]
                break
            trail.append(folder)
            candidate = os.path.join(folder, INDEX_FILE)
            if os.path.isfile(candidate):
                got = candidate
                break
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")) or parent == folder:
                break
            folder = parent
        for f in trail:
            seen[f] = got
        if got is not None:
            found[got] = None
    return list(found)


def load_index(path: str = INDEX_FILE):
    """Read an index: a list of FileNames with absolute paths; [] if there is none.

    Raises ValueError naming the file when it cannot be used (a merge conflict, another format).
    """
    import json  # only runs with an index pay for it

    from .repo import FileNames

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        conflict = ""
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                conflict = " (it holds git merge conflict markers)" if "\n<<<<<<< " in "\n" + fh.read() else ""
        except OSError:
            pass
        raise ValueError(f"cannot read name index {path}{conflict}: {exc}") from None
    if not isinstance(data, dict) or data.get("version") not in READABLE_VERSIONS or not isinstance(data.get("files"), dict):
        raise ValueError(f"name index {path} has an unknown format; rewrite it with `copycheck names --write-index`")
    base = os.path.dirname(os.path.abspath(path))
    out = []
    try:
        for p, forms in data["files"].items():
            rows = []
            for form, value in forms.items():
                if isinstance(value, int):  # version 1: a count
                    rows.append(SpellingCounts(form, value, 0, 0, ()))
                else:
                    count, initial, foreign, context = value
                    rows.append(SpellingCounts(form, int(count), int(initial), int(foreign),
                                               tuple((str(k), int(n)) for k, n in context.items())))
            out.append(FileNames(os.path.join(base, p), tuple(rows)))
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"name index {path} is damaged ({exc}); rewrite it with `copycheck names --write-index`") from None
    return out


def write_index(files: Sequence, path: str = INDEX_FILE) -> None:
    """Write the index: per file (relative to the index's folder), each spelling's counts and context."""
    import json

    base = os.path.dirname(os.path.abspath(path))

    def rel(p: str) -> str:
        try:
            return os.path.relpath(os.path.abspath(p), base).replace(os.sep, "/")
        except ValueError:  # another drive on Windows
            return os.path.abspath(p)

    data = {"version": INDEX_VERSION, "files": {
        rel(f.path): {s.form: [s.count, s.initial, s.foreign, dict(s.context)] for s in f.forms}
        for f in sorted(files, key=lambda f: rel(f.path))}}
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)
