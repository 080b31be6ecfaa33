"""Names across a run: per-file statistics from workers, then one report phase (NM003).

Workers return a small FileNames per file with their FileResult; after the run, the report
phase compares spellings across files, optionally together with a cached index of the
whole repository (`.copycheck-names.json`) so that pre-commit, which passes only the
changed files, still sees the repository's majority spellings.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .namestats import candidate_pairs, string_strength

CODE = "NM003"
INDEX_FILE = ".copycheck-names.json"
INDEX_VERSION = 1
# A majority needs this many files, and this many times the minority's files.
MIN_MAJORITY_FILES = 3
MAJORITY_RATIO = 4
MAX_MINORITY_FILES = 3


@dataclass(frozen=True)
class FileNames:
    """One file's name spellings: (form, count, spans) for every non-ordinary capitalised word."""

    path: str
    forms: tuple[tuple[str, int, tuple[tuple[int, int], ...]], ...] = ()


@dataclass(frozen=True)
class RepoVariant:
    """A spelling used in a few files where most files write the name another way."""

    path: str
    form: str
    spans: tuple[tuple[int, int], ...]
    majority: str
    majority_files: int
    majority_count: int
    example: str


def collect(doc, path: str | None = None) -> FileNames:
    """The name statistics of one document."""
    forms = doc.names.forms
    return FileNames(path or doc.path, tuple((f, count, spans) for f, (count, spans) in sorted(forms.items())))


def _norm(path: str) -> str:
    """One key per file however it was named: relative to the current directory when possible."""
    try:
        return os.path.relpath(os.path.abspath(path))
    except ValueError:  # another drive on Windows
        return os.path.normpath(path)


def load_index(path: str = INDEX_FILE) -> list[FileNames]:
    """Read a name index written by `copycheck names --write-index`; [] if there is none."""
    import json  # only runs with an index pay for it

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read name index {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        raise ValueError(f"name index {path} has an unknown format; rewrite it with `copycheck names --write-index`")
    return [FileNames(p, tuple((f, int(c), ()) for f, c in forms.items())) for p, forms in data["files"].items()]


def write_index(files: Iterable[FileNames], path: str = INDEX_FILE) -> None:
    """Write the name index: per file, each spelling and its count (sorted, so diffs stay small)."""
    import json

    data = {"version": INDEX_VERSION,
            "files": {_norm(f.path): {form: count for form, count, _ in f.forms} for f in sorted(files, key=lambda f: _norm(f.path))}}
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    os.replace(tmp, path)


def merge(run: Sequence[FileNames], index: Sequence[FileNames]) -> list[FileNames]:
    """The run's files plus the index's other files (a file in the run replaces its index entry)."""
    seen = {_norm(f.path) for f in run}
    return [*run, *(f for f in index if _norm(f.path) not in seen)]


@dataclass(frozen=True)
class Spelling:
    """A spelling across the repository: how many files use it, how often, and one example."""

    form: str
    files: int
    count: int
    example: str


def spellings(files: Sequence[FileNames]) -> dict[str, Spelling]:
    """Aggregate spellings over files."""
    nfiles: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    example: dict[str, str] = {}
    for f in files:
        for form, c, _ in f.forms:
            nfiles[form] += 1
            count[form] += c
            example.setdefault(form, f.path)
    return {k: Spelling(k, nfiles[k], count[k], example[k]) for k in nfiles}


def strong_pairs(forms: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Pairs of spellings that are one name on the spelling alone (no article context)."""
    for a, b in candidate_pairs(forms, deep=False):
        strength, kind = string_strength(a, b)
        short = min(len(a), len(b))
        # Without an article's context, a doubled letter or an h separates real names
        # (Jonatan/Jonathan, Riccardo/Ricardo); only long names or transpositions count.
        if strength == 3 or (strength == 2 and (kind == "transpose" and short >= 7 or kind in ("double", "h") and short >= 9)):
            yield a, b


def find(files: Sequence[FileNames]) -> list[RepoVariant]:
    """Minority spellings across files, each with the majority spelling it should follow."""
    if len(files) <= MIN_MAJORITY_FILES:
        return []  # a majority's files plus a file without it: no pair can count, so skip the pairing
    spell = spellings(files)
    best: dict[str, Spelling] = {}
    for a, b in strong_pairs(sorted(spell)):
        x, y = spell[a], spell[b]
        if (y.files, y.count) > (x.files, x.count):
            x, y = y, x
        if x.files < MIN_MAJORITY_FILES or y.files > MAX_MINORITY_FILES or x.files < MAJORITY_RATIO * y.files:
            continue
        if y.form not in best or (x.files, x.count) > (best[y.form].files, best[y.form].count):
            best[y.form] = x
    out = []
    for f in files:
        forms = {form for form, _, _ in f.forms}
        for form, _, spans in f.forms:
            major = best.get(form)
            if major is None or major.form in forms or not spans:
                continue  # within one file, NM001 decides
            out.append(RepoVariant(f.path, form, spans, major.form, major.files, major.count, major.example))
    return out


def message(v: RepoVariant) -> str:
    """The finding's text: the majority spelling, its number of files and an example file."""
    return (f"“{v.form}” is spelled “{v.majority}” in {v.majority_files} other files of this repository "
            f"(e.g. {v.example}); use one spelling.")


def add_findings(results: list, ruleset, index_path: str | None = INDEX_FILE) -> list:
    """The report phase: add NM003 findings to the FileResults of files with a minority spelling."""
    if not ruleset.cross_file:
        return results
    from .files import Source, read
    from .model import Finding, Fix

    rule = next(r for r in ruleset.rules if r.code == CODE)
    severity = ruleset.severity_for(rule)
    run_files = [r.names for r in results if getattr(r, "names", None) is not None]
    index = load_index(index_path) if index_path and os.path.exists(index_path) else []
    variants = find(merge(run_files, index))
    if not variants:
        return results
    by_path: dict[str, list[RepoVariant]] = defaultdict(list)
    for v in variants:
        by_path[v.path].append(v)
    out = []
    for r in results:
        vs = by_path.get(r.path)
        if not vs or r.path == "<stdin>":
            out.append(r)
            continue
        doc = read(Source(r.path, r.path))
        if not hasattr(doc, "lines"):
            out.append(r)
            continue
        findings = list(r.findings)
        snippets = dict(r.snippets)
        for v in vs:
            for start, end in v.spans:
                if doc.source[start:end] != v.form:
                    continue  # the file changed (a --fix run rewrote it)
                line, col = doc.lines.position(start)
                end_line, end_col = doc.lines.position(end)
                findings.append(Finding(r.path, rule.code, rule.name, severity, message(v), start, end,
                                        line, col, end_line, end_col, Fix(start, end, v.majority, safe=False)))
                if line not in snippets:
                    a, b = doc.lines.line_span(line, doc.source)
                    snippets[line] = doc.source[a:b]
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        out.append(replace(r, findings=tuple(findings), snippets=snippets))
    return out


def check_texts(texts: str | Sequence[str]) -> list[list]:
    """Check form-feed-separated articles (or a list of them) as one run; NM003 findings per text."""
    from .document import Document
    from .model import Finding, Fix
    from .registry import builtin_rules

    if isinstance(texts, str):
        texts = texts.split("\f")
    rule = next(r for r in builtin_rules() if r.code == CODE)
    docs = [Document.from_text(t, f"article{i}.txt") for i, t in enumerate(texts)]
    variants = find([collect(d) for d in docs])
    out: list[list] = [[] for _ in docs]
    for v in variants:
        i = int(v.path[7:-4])
        doc = docs[i]
        for start, end in v.spans:
            line, col = doc.lines.position(start)
            end_line, end_col = doc.lines.position(end)
            out[i].append(Finding(v.path, rule.code, rule.name, rule.severity, message(v), start, end,
                                  line, col, end_line, end_col, Fix(start, end, v.majority, safe=False)))
    return out


def table(files: Sequence[FileNames], min_files: int = 1) -> list[dict]:
    """`copycheck names`: every name with its spellings, files and counts, most used first."""
    spell = spellings(files)
    parent: dict[str, str] = {}

    def root(f: str) -> str:
        while parent.get(f, f) != f:
            f = parent[f]
        return f

    for a, b in strong_pairs(sorted(spell)):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list[Spelling]] = defaultdict(list)
    for form, s in spell.items():
        groups[root(form)].append(s)
    rows = []
    for members in groups.values():
        members.sort(key=lambda s: (-s.files, -s.count, s.form))
        total_files = sum(s.files for s in members)
        if total_files < min_files:
            continue
        rows.append({
            "name": members[0].form,
            "files": members[0].files,
            "count": members[0].count,
            "variants": [{"form": s.form, "files": s.files, "count": s.count, "example": s.example}
                         for s in members[1:]],
        })
    rows.sort(key=lambda r: (not r["variants"], -r["files"], -r["count"], r["name"]))
    return rows

