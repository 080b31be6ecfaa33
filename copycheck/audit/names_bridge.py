"""The one place where `audit` touches name logic; everything else in audit calls only this module.

Today it sits on namerepo (FileResult.names from namerepo.collect, the NM003 rule of
namerepo.find/add_findings). When the names code moves, re-point these few functions and
audit follows. The split is what an archive needs:

- `summarize` (map): a partition's files -> a per-spelling summary (files, count, the first
  file as context, and the run files of rare spellings), never every span;
- `merge` (reduce): summaries add up; the first file in archive order stays the example;
- `flagged`: the merged summary -> {minority spelling: majority Spelling}, namerepo.find's test;
- `findings_for` (narrow pass): re-read one file and place NM003 findings for flagged spellings,
  exactly as namerepo.add_findings does.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from .. import namerepo
from ..namerepo import MAJORITY_RATIO, MAX_MINORITY_FILES, MIN_MAJORITY_FILES, RepoVariant, Spelling

CODE = namerepo.CODE
INDEX_FILE = namerepo.INDEX_FILE

# An order key: (partition, position in it) for run files; index files come after every run file.
Order = tuple[int, int]
INDEX_ORDER = 1 << 60


@dataclass
class Form:
    """One spelling across the files summarised so far."""

    files: int = 0
    count: int = 0
    example: tuple[Order, str] | None = None
    # Run files using it (order, path), kept only while it is rare enough to be a minority.
    where: list[tuple[Order, str]] | None = field(default_factory=list)


@dataclass
class NameSummary:
    """Per-spelling statistics of a set of files; its size follows the vocabulary, not the archive."""

    files: int = 0
    forms: dict[str, Form] = field(default_factory=dict)

    def add(self, order: Order, path: str, names: object, run: bool = True) -> None:
        """Count one file's FileNames (today: namerepo.FileNames)."""
        self.files += 1
        item = (order, path)
        for form, count, _spans in names.forms:  # type: ignore[attr-defined]
            f = self.forms.get(form)
            if f is None:
                f = self.forms[form] = Form()
            f.files += 1
            f.count += count
            if f.example is None or item < f.example:
                f.example = item
            if f.where is not None:
                if f.files > MAX_MINORITY_FILES:
                    f.where = None  # too common to be a minority spelling: no need to know where
                elif run:
                    f.where.append(item)


def file_names(result: object) -> object | None:
    """A checked file's name statistics (FileResult.names), or None when NM003 is off or unread."""
    return getattr(result, "names", None)


def summarize(items: Iterable[tuple[Order, str, object]]) -> NameSummary:
    """Map step: the summary of (order, path, FileNames) items."""
    s = NameSummary()
    for order, path, names in items:
        if names is not None:
            s.add(order, path, names)
    return s


def merge(parts: Sequence[NameSummary]) -> NameSummary:
    """Reduce step: one summary of many; associative and commutative, so any tree order works."""
    out = NameSummary()
    for p in parts:
        out.files += p.files
        for form, g in p.forms.items():
            f = out.forms.get(form)
            if f is None:
                out.forms[form] = Form(g.files, g.count, g.example, None if g.where is None else list(g.where))
                continue
            f.files += g.files
            f.count += g.count
            if g.example is not None and (f.example is None or g.example < f.example):
                f.example = g.example
            if f.where is not None and g.where is not None and f.files <= MAX_MINORITY_FILES:
                f.where = sorted(f.where + g.where)
            else:
                f.where = None
    return out


def index_summary(run_paths: Iterable[str], path: str = INDEX_FILE) -> NameSummary:
    """The repository name index (if any) for files not in the run, as namerepo.merge takes it."""
    s = NameSummary()
    if not os.path.exists(path):
        return s
    seen = {namerepo._norm(p) for p in run_paths}
    for i, f in enumerate(namerepo.load_index(path)):
        if namerepo._norm(f.path) not in seen:
            s.add((INDEX_ORDER, i), f.path, f, run=False)
    return s


def flagged(summary: NameSummary) -> dict[str, Spelling]:
    """Minority spellings with the majority each should follow (namerepo.find's test, on the summary)."""
    if summary.files <= MIN_MAJORITY_FILES:
        return {}
    spell = {k: Spelling(k, f.files, f.count, f.example[1] if f.example else "") for k, f in summary.forms.items()}
    best: dict[str, Spelling] = {}
    for a, b in namerepo.strong_pairs(sorted(spell)):
        x, y = spell[a], spell[b]
        if (y.files, y.count) > (x.files, x.count):
            x, y = y, x
        if x.files < MIN_MAJORITY_FILES or y.files > MAX_MINORITY_FILES or x.files < MAJORITY_RATIO * y.files:
            continue
        if y.form not in best or (x.files, x.count) > (best[y.form].files, best[y.form].count):
            best[y.form] = x
    return best


def files_to_revisit(summary: NameSummary, best: Mapping[str, Spelling]) -> dict[str, list[str]]:
    """Narrow pass plan: run file -> the flagged spellings it uses, in archive order."""
    out: dict[tuple[Order, str], list[str]] = {}
    for form in best:
        for item in summary.forms[form].where or ():
            out.setdefault(item, []).append(form)
    return {path: sorted(forms) for (_order, path), forms in sorted(out.items())}


def findings_for(doc, display: str, best: Mapping[str, Spelling], code: str, name: str, severity) -> tuple[list, dict[int, str]]:
    """Narrow pass for one re-read document: its NM003 findings and the source lines they cite."""
    from ..model import Finding, Fix

    names = namerepo.collect(doc, display)
    forms = {form for form, _, _ in names.forms}
    findings, snippets = [], {}
    for form, _, spans in names.forms:
        major = best.get(form)
        if major is None or major.form in forms or not spans:
            continue  # within one file, NM001 decides
        v = RepoVariant(display, form, spans, major.form, major.files, major.count, major.example)
        for start, end in v.spans:
            if doc.source[start:end] != v.form:
                continue
            line, col = doc.lines.position(start)
            end_line, end_col = doc.lines.position(end)
            findings.append(Finding(display, code, name, severity, namerepo.message(v), start, end,
                                    line, col, end_line, end_col, Fix(start, end, v.majority, safe=False)))
            if line not in snippets:
                a, b = doc.lines.line_span(line, doc.source)
                snippets[line] = doc.source[a:b]
    return findings, snippets


def variant_table(summary: NameSummary, best: Mapping[str, Spelling], limit: int = 200) -> list[dict]:
    """The report's name-variant table: each majority name with the minority spellings flagged."""
    groups: dict[str, list[str]] = {}
    for minority, major in best.items():
        groups.setdefault(major.form, []).append(minority)
    rows = []
    for major, minors in groups.items():
        m = summary.forms[major]
        rows.append({
            "name": major, "files": m.files, "count": m.count, "example": m.example[1] if m.example else "",
            "variants": [{"form": v, "files": summary.forms[v].files, "count": summary.forms[v].count,
                          "examples": [p for _o, p in (summary.forms[v].where or ())][:3]}
                         for v in sorted(minors, key=lambda v: (-summary.forms[v].files, v))],
        })
    rows.sort(key=lambda r: (-r["files"], r["name"]))
    return rows[:limit]
