"""What Dask workers run: the map step over a partition of files, and the narrow names pass.

Plain functions of picklable arguments; nothing here imports Dask, and every worker builds its
Linter once per configuration (api.linter_for) and reuses it for every partition it is given.
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass, replace
from collections.abc import Mapping, Sequence

from ..api import LinterConfig, linter_for
from . import names_bridge
from .stats import AuditStats


@dataclass(frozen=True)
class Item:
    """A file to check: path to read (absolute), name to report, path whose configuration applies, folder."""

    path: str
    display: str
    config_path: str
    folder: str


@dataclass(frozen=True)
class PartitionOut:
    """The map step's result: pickled FileResults (spilled by the client), statistics, name tally."""

    index: int
    results: bytes
    stats: AuditStats
    names: names_bridge.NameTally
    # Files read whose name statistics were not taken (unreadable, or NM003 off): for the name index.
    unnamed: tuple[str, ...] = ()
    # Files whose findings the repository may still change (an NM001 tie it settles), counted in
    # the statistics only once settled: (position, display, folder, read, fail-on severity).
    pending: tuple[tuple[int, str, str, bool, object], ...] = ()


def check_partition(index: int, items: Sequence[Item], cfg: LinterConfig, max_bytes: int) -> PartitionOut:
    """Map: check each file of a partition with this worker's cached Linter."""
    from ..runner import RunOptions

    linter = linter_for(cfg)
    opts = RunOptions(max_bytes=max_bytes)
    stats = AuditStats()
    results, named, unnamed, pending = [], [], [], []
    for pos, item in enumerate(items):
        r = linter.check_file(item.path, item.display, opts, item.config_path)
        names = names_bridge.file_names(r)
        if names is None:
            unnamed.append(item.display)
        else:
            named.append(names)
        read_ok = not any(p.fatal for p in r.problems)
        stats.problems += sum(1 for p in r.problems if p.fatal)
        fail_on = linter.settings_for(item.config_path).fail_on
        if names_bridge.may_settle(r.findings):
            pending.append((pos, item.display, item.folder, read_ok, fail_on))
        else:
            stats.add_file((index, pos), item.folder, r.findings, r.snippets, checked=read_ok)
            stats.failed = stats.failed or any(f.severity >= fail_on for f in r.findings)
        results.append(replace(r, names=None))  # the tally carries the names; spans stay here
    blob = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
    return PartitionOut(index, blob, stats, names_bridge.summarize(named), tuple(unnamed), tuple(pending))


def partition_names(out: PartitionOut) -> names_bridge.NameTally:
    """The name tally of a map result (runs where the result is, so only the tally travels)."""
    return out.names


def merge_names(*parts: names_bridge.NameTally) -> names_bridge.NameTally:
    """Reduce: combine name tallies."""
    return names_bridge.merge(parts)


@dataclass(frozen=True)
class NarrowOut:
    """The narrow pass for some files: NM003 findings, cited lines, and whether any reaches fail-on."""

    findings: dict[str, tuple]
    snippets: dict[str, dict[int, str]]
    failed: bool


def narrow_pass(items: Sequence[tuple[Item, Sequence[str]]], best: Mapping, cfg: LinterConfig, max_bytes: int,
                rule: tuple[str, str, object]) -> NarrowOut:
    """Re-read files that use a flagged spelling and place exact NM003 findings for those spellings only."""
    from ..files import Source, read

    linter = linter_for(cfg)
    findings, snippets, failed = {}, {}, False
    for item, forms in items:
        doc = read(Source(item.path, item.display), max_bytes)
        if not hasattr(doc, "lines"):
            continue  # unreadable now: the map step has reported it
        found, lines = names_bridge.findings_for(doc, item.display, {f: best[f] for f in forms}, rule)
        if found:
            findings[item.display] = tuple(found)
            snippets[item.display] = lines
            fail_on = linter.settings_for(item.config_path).fail_on
            failed = failed or any(f.severity >= fail_on for f in found)
    return NarrowOut(findings, snippets, failed)
