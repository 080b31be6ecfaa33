"""Baselines: record today's findings, then report only new ones (--write-baseline, --baseline).

A finding is identified without line numbers: by its file (relative to the baseline file),
its rule code and a fingerprint of the flagged text with its immediate surroundings on the
same line. Lines added or removed above it leave it baselined; a renamed file falls back to
matching by content; each entry carries a count, so a second identical finding is new.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from collections.abc import Iterable, Sequence

VERSION = 1
# Characters either side of the flagged text that go into the fingerprint, within its line.
CONTEXT = 20
# The flagged text kept in the file for reviewers (matching uses the fingerprint only).
SHOWN = 40


class BaselineError(ValueError):
    """A baseline file that is missing or cannot be read; the message names the file."""


@dataclass(frozen=True)
class Entry:
    """One baselined finding (or `count` identical ones) in one file."""

    path: str
    code: str
    fingerprint: str
    count: int = 1
    text: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.path, self.code, self.fingerprint)


def _flagged(finding, snippets: dict[int, str]) -> tuple[str, str, str]:
    """The text before the span (on its line), the span, and the text after it (on its line)."""
    first = snippets.get(finding.line, "")
    last = snippets.get(finding.end_line, "")
    before = first[: finding.column - 1][-CONTEXT:]
    after = last[finding.end_column - 1:][:CONTEXT]
    if finding.line == finding.end_line:
        text = first[finding.column - 1: finding.end_column - 1]
    else:
        middle = [snippets.get(n, "") for n in range(finding.line + 1, finding.end_line)]
        text = "\n".join([first[finding.column - 1:], *middle, last[: finding.end_column - 1]])
    return before, text, after


def fingerprint(finding, snippets: dict[int, str]) -> str:
    """A short hash of the rule code, the flagged text and its immediate surroundings."""
    before, text, after = _flagged(finding, snippets)
    data = "\0".join((finding.code, before, text, after)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def relative(path: str, baseline_file: str) -> str:
    """A file's path relative to the baseline file's folder, with forward slashes."""
    if path.startswith("<"):  # standard input without --stdin-filename
        return path
    folder = os.path.dirname(os.path.abspath(baseline_file))
    rel = os.path.relpath(os.path.abspath(path), folder)
    return rel.replace(os.sep, "/")


def entries_for(results: Sequence, baseline_file: str) -> list[Entry]:
    """The entries that record every finding of the results."""
    counts: Counter = Counter()
    shown: dict[tuple[str, str, str], str] = {}
    for r in results:
        path = relative(r.path, baseline_file)
        for f in r.findings:
            key = (path, f.code, fingerprint(f, r.snippets))
            counts[key] += 1
            shown.setdefault(key, _flagged(f, r.snippets)[1][:SHOWN])
    return [Entry(*key, count=n, text=shown[key]) for key, n in sorted(counts.items())]


def load(path: str) -> list[Entry]:
    """Read a baseline file; a missing or malformed one raises BaselineError naming it."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"baseline file {path} not found (write one with --write-baseline {path})") from None
    except OSError as exc:
        raise BaselineError(f"cannot read baseline file {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"baseline file {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"baseline file {path} is not a copycheck baseline (version {VERSION}); "
                            f"rewrite it with --write-baseline {path}")
    out = []
    for i, item in enumerate(data["findings"]):
        try:
            entry = Entry(item["path"], item["code"], item["fingerprint"], int(item.get("count", 1)),
                          item.get("text", ""))
        except (TypeError, KeyError, ValueError):
            raise BaselineError(f"baseline file {path}: entry {i + 1} needs path, code, fingerprint "
                                f"and a count") from None
        if not all(isinstance(v, str) for v in entry.key) or entry.count < 1:
            raise BaselineError(f"baseline file {path}: entry {i + 1} is malformed")
        out.append(entry)
    return out


def dump(entries: Iterable[Entry], path: str) -> None:
    """Write a baseline atomically: sorted, one entry per line, so a review diff shows each change."""
    rows = sorted(entries, key=lambda e: e.key)
    lines = [json.dumps({"path": e.path, "code": e.code, "fingerprint": e.fingerprint, "count": e.count,
                         "text": e.text}, ensure_ascii=False) for e in rows]
    body = ",\n".join(lines)
    text = f'{{"version": {VERSION}, "findings": [\n{body}\n]}}\n' if lines else \
        f'{{"version": {VERSION}, "findings": [\n]}}\n'
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)


def write(results: Sequence, path: str) -> int:
    """--write-baseline: record the run's findings; entries of files not in this run are kept
    while the file exists. Returns the number of findings recorded."""
    fresh = entries_for(results, path)
    checked = {relative(r.path, path) for r in results}
    kept: list[Entry] = []
    if os.path.exists(path):
        try:
            old = load(path)
        except BaselineError:
            old = []  # rewriting a corrupt baseline is how one repairs it
        folder = os.path.dirname(os.path.abspath(path))
        kept = [e for e in old if e.path not in checked and os.path.exists(os.path.join(folder, e.path))]
    dump([*kept, *fresh], path)
    return sum(e.count for e in fresh)


@dataclass(frozen=True)
class Outcome:
    """What applying a baseline did: the filtered results, how many were baselined, and the
    entries left after dropping those of checked files that no longer occur."""

    results: list
    baselined: int
    remaining: list[Entry]
    dropped: int


def apply(results: Sequence, entries: Sequence[Entry], path: str, codes_for=None) -> Outcome:
    """Drop findings that the baseline covers, counting each entry's occurrences.

    codes_for(path) gives the rule codes that ran on a file; a baselined finding of a rule
    that ran but did not find it again has been fixed, and its entry is dropped, so that
    the same error written again later is new."""
    budget: Counter = Counter({e.key: e.count for e in entries})
    texts = {e.key: e.text for e in entries}
    folder = os.path.dirname(os.path.abspath(path))
    known_paths = {e.path for e in entries}
    # Entries whose file is gone may belong to a renamed file: matched by content instead.
    orphans: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    gone_keys = set()
    for e in entries:
        if not os.path.exists(os.path.join(folder, e.path)):
            gone_keys.add(e.key)
            orphans.setdefault((e.code, e.fingerprint), []).extend([e.key] * e.count)
    used: Counter = Counter()
    renamed: Counter = Counter()  # gone entries taken over by a renamed file
    moved: Counter = Counter()  # (new path, code, fingerprint) -> count taken from orphans
    baselined = 0
    out = []
    for r in results:
        rel = relative(r.path, path)
        keep = []
        for f in r.findings:
            fp = fingerprint(f, r.snippets)
            key = (rel, f.code, fp)
            if used[key] < budget[key]:
                used[key] += 1
                baselined += 1
                continue
            old = orphans.get((f.code, fp)) if rel not in known_paths else None
            if old:
                gone = old.pop()
                renamed[gone] += 1
                moved[key] += 1
                texts.setdefault(key, texts[gone])
                baselined += 1
                continue
            keep.append(f)
        out.append(replace(r, findings=tuple(keep)) if len(keep) != len(r.findings) else r)
    # What remains: entries still found, entries of files not checked, and renamed files'
    # entries under their new path; a checked file's entries that were not found are fixed.
    checked = {relative(r.path, path): r for r in results}
    remaining: list[Entry] = []
    dropped = 0
    for key, n in budget.items():
        r = checked.get(key[0])
        if r is not None and not any(p.fatal for p in r.problems) and (
                codes_for is None or key[1] in codes_for(r.path)):
            dropped += n - used[key]
            n = used[key]
        elif key in gone_keys:
            n -= renamed[key]  # taken over by the renamed file
        if n:
            remaining.append(Entry(*key, count=n, text=texts[key]))
    for key, n in moved.items():
        remaining.append(Entry(*key, count=n, text=texts[key]))
    return Outcome(out, baselined, remaining, dropped)
