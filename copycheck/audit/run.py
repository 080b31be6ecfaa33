"""The audit on the client: partitions out, map on workers, tree-reduce names, narrow pass, ordered output.

Memory stays bounded on the client: each partition's findings go to a spill file as they
arrive and come back one partition at a time for the output; only counts, examples and the
per-spelling name tally are kept, and those grow with the rules and the vocabulary, not
with the archive.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass, field, replace
from collections.abc import Callable, Iterator, Sequence

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
    """Combines name tallies on the cluster as they arrive, REDUCE_FANOUT at a time, in a tree of
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

    def result(self) -> names_bridge.NameTally:
        rest = [f for level in self.levels for f in level]
        self.levels = []
        if not rest:
            return names_bridge.NameTally()
        if len(rest) == 1:
            return rest[0].result()
        return self.client.submit(merge_names, *rest, pure=False).result()


@dataclass
class AuditResult:
    """The merged statistics, the flagged names, and access to every file's findings in order."""

    stats: AuditStats
    names: names_bridge.NameTally
    best: dict
    nm003: dict[str, tuple] = field(default_factory=dict)
    nm003_snippets: dict[str, dict[int, str]] = field(default_factory=dict)
    spill: str | None = None
    offsets: list[tuple[int, int]] = field(default_factory=list)
    partitions: int = 0
    # Whether the names phase ran (some file runs NM003): it settles NM001 ties, as the CLI does.
    settle: bool = False
    # Notes of the names phase (a name index that cannot be read), given with the first file.
    notes: list = field(default_factory=list)

    def results(self) -> Iterator:
        """Every FileResult in input order, the names phase applied, one partition in memory at a time."""
        if self.spill is None:
            return
        first = True
        for p in range(len(self.offsets)):
            for r in self.partition(p):
                if first and self.notes:
                    r = replace(r, problems=(*r.problems, *self.notes))
                first = False
                yield r

    def partition(self, p: int) -> list:
        """One partition's FileResults as the CLI reports them: NM001 ties settled, NM003 findings added."""
        start, length = self.offsets[p]
        with open(self.spill, "rb") as fh:  # type: ignore[arg-type]
            fh.seek(start)
            results = pickle.loads(fh.read(length))
        if self.settle:
            results = names_bridge.settle(results, self.names)
        out = []
        for r in results:
            extra = self.nm003.get(r.path)
            if extra:
                findings = sorted((*r.findings, *extra), key=lambda f: (f.start, f.end, f.code))
                r = replace(r, findings=tuple(findings),
                            snippets=names_bridge.with_lines(r.snippets, self.nm003_snippets[r.path]))
            out.append(r)
        return out

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

    pending: dict[int, list[tuple]] = {}
    try:
        queue = as_completed([submit(i) for i in range(min(window, len(parts)))], with_results=True)
        following = min(window, len(parts))
        with os.fdopen(fd, "wb") as fh:
            for fut, out in queue:
                out: PartitionOut
                # Reduce on the cluster: the tally is taken where the map result lies and combined in a tree.
                reducer.add(client.submit(partition_names, fut, retries=2, pure=False))
                if following < len(parts):
                    queue.add(submit(following))
                    following += 1
                start = fh.tell()
                fh.write(out.results)
                offsets[out.index] = (start, len(out.results))
                stats.merge(out.stats)
                unnamed.extend(out.unnamed)
                if out.pending:
                    pending[out.index] = list(out.pending)
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
    try:
        if nm003 is not None:
            _names_phase(client, result, items, cfg, max_bytes, nm003, index_path, set(unnamed))
        _count_late(result, items, partition_files, pending)
    except BaseException:
        result.close()
        raise
    return result


def _names_phase(client, result: AuditResult, items: Sequence[Item], cfg: LinterConfig, max_bytes: int,
                 nm003: tuple[str, str, object], index_path: str | None, unnamed: set[str]) -> None:
    """As the CLI's add_findings: the index's other files, the verdicts, the narrow pass; ties settle on output."""
    named = [it.display for it in items if it.display not in unnamed]
    result.names, result.notes = names_bridge.with_index(result.names, named, index_path)
    result.settle = True
    result.best = names_bridge.flagged(result.names)
    plan = names_bridge.files_to_revisit(result.best, named)
    if not plan:
        return
    by_display = {it.display: it for it in items if it.display in plan}
    todo = [(by_display[d], forms) for d, forms in plan.items()]
    narrow = [client.submit(narrow_pass, todo[i:i + NARROW_FILES],
                            {f: result.best[f] for _, fs in todo[i:i + NARROW_FILES] for f in fs},
                            cfg, max_bytes, nm003, retries=2, pure=False)
              for i in range(0, len(todo), NARROW_FILES)]
    for out in client.gather(narrow):
        result.nm003.update(out.findings)
        result.nm003_snippets.update(out.snippets)
        result.stats.failed = result.stats.failed or out.failed


def _count_late(result: AuditResult, items: Sequence[Item], partition_files: int,
                pending: dict[int, list[tuple]]) -> None:
    """Count what the names phase decided: files whose NM001 ties waited for the repository, in full,
    and the narrow pass's NM003 findings; only the partitions they touch are read back."""
    where = {it.display: (i // partition_files, i % partition_files, it.folder)
             for i, it in enumerate(items) if it.display in result.nm003}
    wanted = sorted({p for p, _, _ in where.values()} | set(pending))
    for p in wanted:
        late = {display: (pos, folder, read_ok, fail_on) for pos, display, folder, read_ok, fail_on in pending.get(p, ())}
        for r in result.partition(p):
            if r.path in late:
                pos, folder, read_ok, fail_on = late.pop(r.path)
                result.stats.add_file((p, pos), folder, r.findings, r.snippets, checked=read_ok)
                result.stats.failed = result.stats.failed or any(f.severity >= fail_on for f in r.findings)
                where.pop(r.path, None)
                continue
            extra = result.nm003.get(r.path)
            if extra and r.path in where:
                part, pos, folder = where.pop(r.path)
                # r already holds its NM003 findings; the file is new to the counts if it had none before.
                result.stats.add_findings((part, pos), folder, extra, r.snippets, new_file=len(r.findings) == len(extra))


def connect(scheduler: str | None, workers: int):
    """A client: to a running scheduler when given an address, else to a new LocalCluster of worker processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    import logging

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster
