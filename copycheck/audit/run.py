"""The audit on the client: partitions out, map on workers, tree-reduce names, narrow pass, ordered output.

Memory stays bounded on the client: each partition's findings go to a spill file as they
arrive and come back one partition at a time for the output; only counts, examples and the
per-spelling name summary are kept, and those grow with the rules and the vocabulary, not
with the archive.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, Sequence

from ..api import LinterConfig
from . import names_bridge
from .stats import AuditStats
from .tasks import Item, PartitionOut, check_partition, merge_names, narrow_pass, partition_names

# Files per map task: big enough to amortise scheduling, small enough to keep workers' memory low.
PARTITION_FILES = 100
# Name summaries merged per reduce task.
REDUCE_FANOUT = 8
# Files per narrow-pass task.
NARROW_FILES = 50
# Map tasks in flight: this many per worker, and at least MIN_WINDOW.
WINDOW_PER_WORKER = 4
MIN_WINDOW = 8


class _TreeReduce:
    """Merges name summaries on the cluster as they arrive, REDUCE_FANOUT at a time, in a tree of
    logarithmic depth (a binary counter of levels); merging is commutative, so arrival order is fine."""

    def __init__(self, client) -> None:
        self.client = client
        self.levels: list[list] = []

    def add(self, future, level: int = 0) -> None:
        while len(self.levels) <= level:
            self.levels.append([])
        pending = self.levels[level]
        pending.append(future)
        if len(pending) >= REDUCE_FANOUT:
            self.levels[level] = []
            self.add(self.client.submit(merge_names, *pending, retries=2, pure=False), level + 1)

    def result(self) -> names_bridge.NameSummary:
        rest = [f for level in self.levels for f in level]
        self.levels = []
        if not rest:
            return names_bridge.NameSummary()
        if len(rest) == 1:
            return rest[0].result()
        return self.client.submit(merge_names, *rest, pure=False).result()


@dataclass
class AuditResult:
    """The merged statistics, the flagged names, and access to every file's findings in order."""

    stats: AuditStats
    names: names_bridge.NameSummary
    best: dict
    nm003: dict[str, tuple] = field(default_factory=dict)
    nm003_snippets: dict[str, dict[int, str]] = field(default_factory=dict)
    spill: str | None = None
    offsets: list[tuple[int, int]] = field(default_factory=list)
    partitions: int = 0

    def results(self) -> Iterator:
        """Every FileResult in input order, NM003 findings merged in, one partition in memory at a time."""
        if self.spill is None:
            return
        with open(self.spill, "rb") as fh:
            for start, length in self.offsets:
                fh.seek(start)
                for r in pickle.loads(fh.read(length)):
                    extra = self.nm003.get(r.path)
                    if extra:
                        findings = sorted((*r.findings, *extra), key=lambda f: (f.start, f.end, f.code))
                        r = replace(r, findings=tuple(findings), snippets={**r.snippets, **self.nm003_snippets[r.path]})
                    yield r

    def close(self) -> None:
        """Remove the spill file."""
        if self.spill and os.path.exists(self.spill):
            os.unlink(self.spill)
        self.spill = None


def partitions(items: Sequence[Item], size: int = PARTITION_FILES) -> list[list[Item]]:
    """Consecutive slices of the input, so output order is partition order."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def audit(client, items: Sequence[Item], cfg: LinterConfig, *, max_bytes: int, nm003: tuple[str, str, object] | None,
          index_path: str | None = names_bridge.INDEX_FILE, partition_files: int = PARTITION_FILES,
          on_partition: Callable[[int, int], None] | None = None) -> AuditResult:
    """Check items on the cluster behind `client`; nm003 is (code, name, severity) when names run."""
    from distributed import as_completed

    parts = partitions(items, partition_files)
    # A window of partitions in flight keeps the scheduler's and workers' backlog bounded.
    window = max(MIN_WINDOW, WINDOW_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
    reducer = _TreeReduce(client)
    fd, spill = tempfile.mkstemp(prefix="copycheck-audit-", suffix=".spill")
    offsets: list[tuple[int, int] | None] = [None] * len(parts)
    stats = AuditStats()
    unnamed: list[str] = []
    done = 0

    def submit(i: int):
        return client.submit(check_partition, i, parts[i], cfg, max_bytes, retries=2, pure=False)

    try:
        queue = as_completed([submit(i) for i in range(min(window, len(parts)))], with_results=True)
        following = min(window, len(parts))
        with os.fdopen(fd, "wb") as fh:
            for fut, out in queue:
                out: PartitionOut
                # Reduce on the cluster: the summary is taken where the map result lies and merged in a tree.
                reducer.add(client.submit(partition_names, fut, retries=2, pure=False))
                if following < len(parts):
                    queue.add(submit(following))
                    following += 1
                start = fh.tell()
                fh.write(out.results)
                offsets[out.index] = (start, len(out.results))
                stats.merge(out.stats)
                unnamed.extend(out.unnamed)
                fut.release()
                done += 1
                if on_partition is not None:
                    on_partition(done, len(parts))
        summary = reducer.result()
    except BaseException:
        os.unlink(spill)
        raise
    result = AuditResult(stats, summary, {}, spill=spill, offsets=[o for o in offsets if o is not None],
                         partitions=len(parts))
    if nm003 is None or summary.files == 0:
        return result
    if index_path and os.path.exists(index_path):
        skip = set(unnamed)
        run_paths = [it.display for it in items if it.display not in skip]
        summary = names_bridge.merge([summary, names_bridge.index_summary(run_paths, index_path)])
        result.names = summary
    result.best = names_bridge.flagged(summary)
    plan = names_bridge.files_to_revisit(summary, result.best)
    if not plan:
        return result
    by_display = {it.display: it for it in items if it.display in plan}
    todo = [(by_display[d], forms) for d, forms in plan.items()]
    narrow = [client.submit(narrow_pass, todo[i:i + NARROW_FILES], {f: result.best[f] for _, fs in todo[i:i + NARROW_FILES] for f in fs},
                            cfg, max_bytes, nm003, retries=2, pure=False)
              for i in range(0, len(todo), NARROW_FILES)]
    for out in client.gather(narrow):
        result.nm003.update(out.findings)
        result.nm003_snippets.update(out.snippets)
        stats.failed = stats.failed or out.failed
    _count_nm003(result, items, partition_files)
    return result


def _count_nm003(result: AuditResult, items: Sequence[Item], partition_files: int) -> None:
    """Add the narrow pass's findings to the statistics, reading back only the partitions they touch."""
    where = {it.display: (i // partition_files, i % partition_files, it.folder)
             for i, it in enumerate(items) if it.display in result.nm003}
    wanted = sorted({p for p, _, _ in where.values()})
    with open(result.spill, "rb") as fh:  # type: ignore[arg-type]
        for p in wanted:
            start, length = result.offsets[p]
            fh.seek(start)
            for r in pickle.loads(fh.read(length)):
                extra = result.nm003.get(r.path)
                if extra and r.path in where:
                    part, pos, folder = where.pop(r.path)
                    result.stats.add_findings((part, pos), folder, extra,
                                              {**r.snippets, **result.nm003_snippets[r.path]}, new_file=not r.findings)


def connect(scheduler: str | None, workers: int):
    """A client: to a running scheduler when given an address, else to a new LocalCluster of worker processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    import logging

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster
