"""Audit output: the findings as the CLI's JSON (streamed), a text summary, and the rule trial."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from .stats import AuditStats, RuleCount

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import TextIO

# Rules and folders listed in the text summary.
TOP = 30


def write_json_findings(results: Iterable, stream: TextIO) -> None:
    """The same bytes as `copycheck --format json` (one JSON array, indent 2), one file at a time."""
    first = True
    for r in results:
        for f in r.findings:
            body = json.dumps(f.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            stream.write(("[\n  " if first else ",\n  ") + body)
            first = False
    stream.write("[]\n" if first else "\n]\n")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


def write_text_summary(stats: AuditStats, name_rows: Sequence[dict], summaries: dict[str, str], stream: TextIO) -> None:
    """A plain summary for a terminal: totals, rules, folders and name variants."""
    w = stream.write
    w(f"Checked {stats.files} files: {stats.findings} findings in {stats.files_hit} files "
      f"({_pct(stats.files_hit, stats.files)} of files)")
    w(f"; {stats.problems} could not be read.\n" if stats.problems else ".\n")
    if stats.severities:
        w("By severity: " + ", ".join(f"{stats.severities.get(s, 0)} {s}" for s in ("error", "warning", "info")) + "\n")
    rules = sorted(stats.rules.values(), key=lambda r: (-r.findings, r.code))
    if rules:
        w("\nFindings per rule (files hit):\n")
        for r in rules[:TOP]:
            w(f"  {r.code:<7} {r.name:<32} {r.findings:>8}  ({r.files} files)  {summaries.get(r.code, '')}\n")
    folders = sorted(stats.folders.items(), key=lambda kv: (-kv[1].findings, kv[0]))
    if folders:
        w("\nFindings per folder (files with findings / files):\n")
        for name, fc in folders[:TOP]:
            w(f"  {name:<40} {fc.findings:>8}  ({fc.files_hit}/{fc.files})\n")
    if name_rows:
        w("\nNames spelled two ways across the archive:\n")
        for row in name_rows[:TOP]:
            variants = "; ".join(f"{v['form']} ({v['files']} files, e.g. {', '.join(v['examples'])})"
                                 for v in row["variants"])
            w(f"  {row['name']} ({row['files']} files)  <-  {variants}\n")


def trial_rows(stats: AuditStats, rules: Sequence) -> list[dict]:
    """One row per trial rule, fired or not: hits, files hit, first examples with context."""
    rows = []
    for rule in rules:
        rc = stats.rules.get(rule.code) or RuleCount(rule.code, rule.name)
        rows.append({
            "code": rule.code, "name": rule.name, "summary": rule.summary, "hits": rc.findings, "files": rc.files,
            "examples": [{"path": e.path, "line": e.line, "column": e.column, "before": e.before, "match": e.match,
                          "after": e.after, "message": e.message} for e in rc.examples],
        })
    return rows


def write_trial(rows: Sequence[dict], files: int, fmt: str, stream: TextIO) -> None:
    """The rule trial: how often each rule of the pack would fire on the archive, with examples."""
    if fmt == "json":
        json.dump({"files": files, "rules": list(rows)}, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    w = stream.write
    w(f"Rule trial on {files} files:\n")
    for row in rows:
        w(f"\n{row['code']} {row['name']}: {row['hits']} hits in {row['files']} files "
          f"({_pct(row['files'], files)} of files)\n")
        if row["summary"]:
            w(f"  {row['summary']}\n")
        for e in row["examples"]:
            w(f"  {e['path']}:{e['line']}:{e['column']}: {e['before']}[{e['match']}]{e['after']}\n")
