"""The one place where `audit` touches name logic; everything else in audit calls only this module.

Every decision is the names package's (copycheck.names.repo), so the audit and the CLI share one
path; this module only splits it the way an archive needs:

- `summarize` (map): a partition's FileNames -> a NameTally (the file count and repo.tally's
  per-spelling totals and context counts), never a span;
- `merge` (reduce): repo.combine, associative and commutative, so any grouping works;
- `with_index`: the committed index's other files added, found and read as add_findings does;
- `flagged`: repo.verdicts on the merged tally, on the client;
- `files_to_revisit` and `findings_for` (narrow pass): repo.attribute and repo.file_findings on
  the few files that hold a flagged spelling;
- `settle`: repo.settle_ties, the NM001 ties the repository decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Iterable, Mapping, Sequence

from ..names import repo
from ..names.index import norm
from ..names.repo import INDEX_FILE, FileNames, Tally, Verdict

CODE = repo.CODE
__all__ = ["CODE", "INDEX_FILE", "NameTally", "file_names", "files_to_revisit", "findings_for", "flagged", "merge",
           "may_settle", "settle", "summarize", "variant_table", "with_index", "with_lines"]


@dataclass
class NameTally:
    """Name totals of a set of files: how many files, and repo.tally's per-spelling Usage."""

    files: int = 0
    tally: Tally = field(default_factory=dict)


def file_names(result: object) -> FileNames | None:
    """A checked file's name summary (FileResult.names), or None when NM003 is off or the file unread."""
    return getattr(result, "names", None)


def summarize(files: Sequence[FileNames]) -> NameTally:
    """Map step: the tally of a partition's file summaries."""
    return NameTally(len(files), repo.tally(files))


def merge(parts: Iterable[NameTally]) -> NameTally:
    """Reduce step: one tally of many (repo.combine), in any order and grouping."""
    out = NameTally()
    for p in parts:
        out = NameTally(out.files + p.files, repo.combine(out.tally, p.tally) if out.tally else p.tally)
    return out


def with_index(summary: NameTally, run_paths: Sequence[str], index_path: str | None = INDEX_FILE) -> tuple[NameTally, list]:
    """The run's tally plus the committed index's files not in the run (repo.merge), and notes on a bad index.

    run_paths: the run's files that have a name summary, as add_findings passes them to run_index.
    """
    index, notes = repo.run_index(run_paths, index_path)
    if not index:
        return summary, notes
    # repo.merge decides which index entries the run replaces; only its paths matter here.
    others = repo.merge([FileNames(p) for p in run_paths], index)[len(run_paths):]
    return merge([summary, summarize(others)]), notes


def flagged(summary: NameTally) -> dict[str, Verdict]:
    """Minority spellings with their verdicts (repo.verdicts), when the run has enough files for a majority."""
    if summary.files <= repo.MIN_MAJORITY_FILES:
        return {}
    return repo.verdicts(summary.tally)


def files_to_revisit(best: Mapping[str, Verdict], run_paths: Sequence[str]) -> dict[str, list[str]]:
    """Narrow pass plan: run file -> the flagged spellings it uses, in run order (as repo.attribute picks them)."""
    run = {norm(p): p for p in run_paths}
    plan: dict[str, list[str]] = {}
    for form, v in best.items():
        for p in v.minority.paths:
            if norm(p) in run:
                plan.setdefault(run[norm(p)], []).append(form)
    order = {p: i for i, p in enumerate(run.values())}
    return {p: sorted(plan[p]) for p in sorted(plan, key=order.__getitem__)}


def findings_for(doc, display: str, best: Mapping[str, Verdict], rule: tuple[str, str, object]) -> tuple[list, dict[int, str]]:
    """Narrow pass for one re-read document: its NM003 findings and the source lines they cite."""
    variants = repo.attribute(best, [display], {display: doc})
    return repo.file_findings(doc, display, variants, rule)


def with_lines(snippets: Mapping[int, str], lines: Mapping[int, str]) -> dict[int, str]:
    """A file's cited lines with the narrow pass's added, as add_findings merges them."""
    return repo.with_lines(snippets, lines)


def may_settle(findings) -> bool:
    """Whether settle may change a file's findings (an NM001 tie without a fix)."""
    return repo.may_settle(findings)


def settle(results: list, summary: NameTally) -> list:
    """NM001 ties the repository decides, exactly as add_findings settles them."""
    if summary.files <= repo.MIN_MAJORITY_FILES:
        return results
    return repo.settle_ties(results, summary.tally)


def variant_table(best: Mapping[str, Verdict], limit: int = 200) -> list[dict]:
    """The report's name-variant table: each majority name with the minority spellings flagged."""
    groups: dict[str, list[Verdict]] = {}
    majors = {}
    for v in best.values():
        groups.setdefault(v.majority.form, []).append(v)
        majors[v.majority.form] = v.majority
    rows = []
    for form, vs in groups.items():
        m = majors[form]
        rows.append({
            "name": form, "files": m.files, "count": m.count, "example": m.example,
            "variants": [{"form": v.minority.form, "files": v.minority.files, "count": v.minority.count,
                          "examples": list(v.minority.paths[:3])}
                         for v in sorted(vs, key=lambda v: (-v.minority.files, v.minority.form))],
        })
    rows.sort(key=lambda r: (-r["files"], r["name"]))
    return rows[:limit]
