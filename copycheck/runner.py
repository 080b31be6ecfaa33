"""Checks many files, in one process or spread over --jobs processes (the main one and forked workers)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator, Sequence

from .engine import Problem, RuleSet, check_document
from .files import Source, read
from .model import Finding

# Fixing can expose or shift further fixes; a few rounds settle every real case.
MAX_FIX_ROUNDS = 5
# Below this many files a worker pool costs more to start than it saves.
MIN_FILES_PER_JOB = 8
# With --jobs left to the CLI (0), each worker must have at least this much text: starting a
# worker and shipping results back costs about what checking 100 kB does on one core.
MIN_BYTES_PER_JOB = 256 * 1024


@dataclass(frozen=True)
class FileResult:
    """What checking one file produced: findings, problems and the source lines they cite."""

    path: str
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    snippets: dict[int, str] = field(default_factory=dict)
    fixed: int = 0
    # Name spellings for the cross-file report (names.repo.FileNames), or None when NM003 is off.
    names: object = None
    # Findings left out because a --baseline covers them.
    baselined: int = 0
    # With RunOptions(write=False): the fixed text, for --diff.
    fixed_text: str | None = None
    # What --fix applied: (code, name, count) per rule, for the "Fixed:" report.
    fixed_rules: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class RunOptions:
    """How files are checked: fixing, unsafe fixes, and the file size limit."""

    fix: bool = False
    unsafe_fixes: bool = False
    max_bytes: int = 10 * 1024 * 1024
    # False for --diff: fixes are computed and handed back in FileResult.fixed_text, never written.
    write: bool = True


RulesetFor = Callable[[str], RuleSet]


def check_source(source: Source, ruleset_for: RulesetFor, opts: RunOptions) -> FileResult:
    """Read, check and optionally fix one file; an unexpected error costs only this file."""
    try:
        return _check_source(source, ruleset_for, opts)
    except Exception as exc:  # noqa: BLE001 - reported, and the run goes on
        return FileResult(source.display, problems=(
            Problem(source.display, f"internal error while checking: {type(exc).__name__}: {exc} (please report this)"),))


def _check_source(source: Source, ruleset_for: RulesetFor, opts: RunOptions) -> FileResult:
    doc = read(source, opts.max_bytes)
    if isinstance(doc, Problem):
        return FileResult(source.display, problems=(doc,))
    ruleset = ruleset_for(source.path)
    findings, problems = check_document(doc, ruleset)
    fixed = 0
    by_rule: dict[tuple[str, str], int] = {}
    if opts.fix and source.path != "-":
        from .fix import ReadOnlyFile, apply_fixes, choose_fixes, write_atomic  # only --fix pays for tempfile

        unfixed = (doc, findings, problems)  # what to report if the fixes cannot be written
        text = doc.source
        for _ in range(MAX_FIX_ROUNDS):
            fixes = choose_fixes(findings, opts.unsafe_fixes)
            if not fixes:
                break
            text = apply_fixes(text, fixes)
            fixed += len(fixes)
            _count_by_rule(by_rule, findings, fixes)
            doc = type(doc).from_text(text, doc.path, doc.bom)
            findings, problems = check_document(doc, ruleset)
        if fixed and opts.write:
            try:
                write_atomic(source.path, text, doc.bom)
            except (OSError, ReadOnlyFile) as exc:
                why = (Problem(source.display, f"read-only; not fixed ({fixed} fixes not applied)", fatal=False)
                       if isinstance(exc, ReadOnlyFile) else
                       Problem(source.display, f"cannot write fixes; not fixed: {exc.strerror or exc}"))
                doc, findings, problems = unfixed
                problems, fixed = [*problems, why], 0
                by_rule.clear()
    elif opts.fix and any(f.fix and (f.fix.safe or opts.unsafe_fixes) for f in findings):
        problems = [*problems, Problem(source.display, "--fix cannot rewrite standard input; no fixes applied "
                                                       "(run it on the file)", fatal=False)]
    empty = () if doc.source.strip() else (Problem(source.display, "file is empty; nothing to check", fatal=False),)
    snippets = {}
    for f in findings:
        lines = range(f.line, f.end_line + 1)
        if f.fix_position:
            lines = range(min(f.line, f.fix_position[0]), max(f.end_line, f.fix_position[2]) + 1)
        for line in lines:
            if line not in snippets:
                a, b = doc.lines.line_span(line, doc.source)
                snippets[line] = doc.source[a:b]
    names = None
    if ruleset.cross_file:
        from .names.repo import collect, with_pair_keys  # names are the only cross-file family so far

        names = collect(doc, source.display)
        if _PARALLEL:
            names = with_pair_keys(names)  # computed here, beside the checks, not cold in the report phase
    fixed_text = text if fixed and not opts.write else None
    fixed_rules = tuple((c, n, k) for (c, n), k in sorted(by_rule.items()))
    return FileResult(source.display, tuple(findings), (*problems, *empty), snippets, fixed, names=names,
                      fixed_text=fixed_text, fixed_rules=fixed_rules)


def _count_by_rule(counts: dict[tuple[str, str], int], findings, fixes) -> None:
    """Add the applied fixes to the per-rule tally (one finding per fix, the first that made it)."""
    left = set(fixes)
    for f in findings:
        if f.fix in left:
            left.discard(f.fix)
            counts[f.code, f.name] = counts.get((f.code, f.name), 0) + 1


# Worker processes inherit these by fork, so rules built from packs never need pickling.
_WORKER_STATE: tuple[RulesetFor, RunOptions] | None = None


def _ignore_interrupt() -> None:
    """A worker's start: it leaves Ctrl-C to the main process, which stops the workers (no traceback
    per worker; a worker stopped mid-write finishes the write first: fix.signals_deferred)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# True while a process checks batches of a parallel run (the main one and its workers): its
# name summaries carry their spellings' pair keys, computed beside the checks. The report
# phase then finds every spelling's keys ready (RunTally.pair_keys); none is left to compute
# in the serial tail, as a spelling only the main process met would be.
_PARALLEL = False


# The most files a process claims at once, and the fewest (but the run's last files).
MAX_CHUNK = 64
MIN_CHUNK = 4


def _chunks(sources: Sequence[Source], jobs: int) -> list[Sequence[Source]]:
    """The run cut into batches for the processes, large first and smaller towards the end.

    A batch is a quarter of each process's share of what is left (MIN_CHUNK to MAX_CHUNK
    files), so few messages go back and forth while most files remain, and the last
    batches are small: a process given a large batch last would leave the other idle while
    it finishes (64 files is about a tenth of a second of checking).
    """
    out = []
    i, n = 0, len(sources)
    while i < n:
        size = max(MIN_CHUNK, min(MAX_CHUNK, (n - i) // (jobs * 4)))
        out.append(sources[i:i + size])
        i += size
    return out


class _Claims:
    """The next batch to check, shared by the main process and its forked workers.

    A counter in an anonymous shared mapping, which forked processes see as one, guarded by a
    one-byte token in a pipe: whoever reads the byte holds the lock. Built from os and mmap
    because multiprocessing's shared value and lock cost ~3 ms to make and, with the rest of
    multiprocessing, ~13-16 ms of imports before the first worker starts (BBC --jobs 2: ~1.5%
    of the run, all of it serial).
    """

    def __init__(self, total: int) -> None:
        import mmap

        self._next = mmap.mmap(-1, 8)  # MAP_SHARED | MAP_ANONYMOUS: one counter across fork
        self._token_r, self._token_w = os.pipe()
        os.write(self._token_w, b"x")
        self.total = total

    def take(self) -> int | None:
        """The number of a batch no process has taken yet, or None when all are taken."""
        os.read(self._token_r, 1)  # waits while another process holds the token
        try:
            i = int.from_bytes(self._next[:8], "little")
            if i >= self.total:
                return None
            self._next[:8] = (i + 1).to_bytes(8, "little")
        finally:
            os.write(self._token_w, b"x")
        return i

    def close(self) -> None:
        os.close(self._token_r)
        os.close(self._token_w)
        self._next.close()


# A message's length, before its pickled (batch number, results).
_HEADER = 8


def _send(fd: int, obj: object) -> None:
    """Write one message: its length, then obj pickled (a pipe write may take it in pieces)."""
    import pickle

    data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_HEADER, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int) -> bytes | None:
    """n bytes from fd, or None at end of file (a worker that is done, or died mid-message)."""
    parts = []
    while n:
        got = os.read(fd, min(n, PIPE_BYTES))
        if not got:
            return None
        parts.append(got)
        n -= len(got)
    return b"".join(parts)


def _receive(fd: int) -> object | None:
    """One message from a worker's pipe, or None once the worker has closed it."""
    import pickle

    head = _read_exactly(fd, _HEADER)
    if head is None:
        return None
    data = _read_exactly(fd, int.from_bytes(head, "little"))
    return None if data is None else pickle.loads(data)


def _readable(fds: list[int], timeout: float | None) -> list[int]:
    """The pipes with a message or an end of file waiting, within timeout seconds (None: until one has)."""
    import select

    if not hasattr(select, "poll"):  # poll has no limit on descriptor numbers; select has
        return select.select(fds, [], [], timeout)[0]
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)  # a closed pipe is reported too (POLLHUP)
    return [fd for fd, _ in poller.poll(None if timeout is None else timeout * 1000)]


def _serve(claims: _Claims, batches: Sequence[Sequence[Source]], fd: int) -> None:
    """A worker: check the batches it claims and send each back with its number."""
    _ignore_interrupt()
    assert _WORKER_STATE is not None
    ruleset_for, opts = _WORKER_STATE
    try:
        while (i := claims.take()) is not None:
            _send(fd, (i, [check_source(source, ruleset_for, opts) for source in batches[i]]))
    finally:
        os.close(fd)


def _fork_worker(claims: _Claims, batches: Sequence[Sequence[Source]]) -> tuple[int, int]:
    """Fork a worker serving claims; return its pid and the reading end of its results pipe."""
    reader, writer = os.pipe()
    _widen(writer)
    pid = os.fork()
    if pid == 0:  # the worker: it never returns into the caller's code
        code = 0
        try:
            os.close(reader)
            _serve(claims, batches, writer)
        except BrokenPipeError:
            code = 1  # the main process stopped reading (it has ended): nothing to report
        except BaseException:  # noqa: BLE001 - reported; the main process checks the batch instead
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            # No atexit handlers, no flush of buffers copied from the main process.
            os._exit(code)
    os.close(writer)  # the worker holds the only writing end: its exit shows as end of file
    return pid, reader


# A pipe's buffer for a worker's results: several batches (BBC: ~100 kB each, pickled), so
# a worker never waits for the main process to finish its own batch and read (with Linux's
# default 64 kB it waited at nearly every batch, idle for a third of the run).
PIPE_BYTES = 1 << 20


def _widen(fd: int) -> None:
    """Give a pipe PIPE_BYTES of buffer where the system allows (Linux); else leave it."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, or over the system's limit (/proc/sys/fs/pipe-max-size): the default


def _parallel(sources: Sequence[Source], ruleset_for: RulesetFor, opts: RunOptions, jobs: int,
              done: Callable[[FileResult], None]) -> Iterator[FileResult]:
    """iter_run over jobs processes: the main process and jobs - 1 forked workers.

    The main process checks batches too, rather than only waiting for workers: on a machine
    with as many cores as processes nothing else competes for them, its own results are never
    pickled, and what it does with each result (the progress bar, the cross-file tally, a
    streaming formatter) runs between its batches instead of beside two busy workers (BBC
    --jobs 2 on two cores: the main process spent ~0.9 s of CPU that way). Every process takes
    the next batch when it is free, so a slower main process simply takes fewer. A worker that
    dies leaves its batch unanswered; the main process checks it at the end.
    """
    import signal

    global _PARALLEL
    _PARALLEL = True  # the workers fork with it set too
    names = sys.modules.get("copycheck.names.repo")  # loaded only by runs with cross-file rules
    if names is not None:
        names.start_run()
    batches = _chunks(sources, jobs)
    claims = _Claims(len(batches))
    workers: list[int] = []
    fds: list[int] = []
    finished = False
    try:
        for _ in range(jobs - 1):
            pid, reader = _fork_worker(claims, batches)
            workers.append(pid)
            fds.append(reader)
        ready: dict[int, list[FileResult]] = {}
        emit = 0  # the next batch to hand on, in input order

        def receive(timeout: float | None) -> None:
            for fd in _readable(fds, timeout):
                got = _receive(fd)
                if got is None:  # the worker is done, or died
                    fds.remove(fd)
                    os.close(fd)
                    continue
                i, results = got
                ready[i] = results

        while emit < len(batches):
            if fds:
                receive(0)
            while emit in ready:
                for r in ready.pop(emit):
                    done(r)
                    yield r
                emit += 1
            if emit >= len(batches):
                break
            i = claims.take()
            if i is not None:
                ready[i] = [check_source(source, ruleset_for, opts) for source in batches[i]]
            elif fds:
                receive(None)
            else:
                # Every batch is taken and every worker gone: the one not handed back died
                # with its worker (killed, out of memory), so it is checked here.
                ready[emit] = [check_source(source, ruleset_for, opts) for source in batches[emit]]
        finished = True
    finally:
        for pid in workers:
            if not finished:
                try:
                    os.kill(pid, signal.SIGTERM)  # an interrupted run: the workers' work is no longer wanted
                except ProcessLookupError:
                    pass
        for pid in workers:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass  # already reaped
        for fd in fds:
            os.close(fd)
        claims.close()
        _PARALLEL = False


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Streamed:
    """Results handed to a formatter as they arrive, in order, and then replayed for totals.

    The first pass yields each file's full result; only a slim copy (findings and problems,
    without the source lines shown as context) is kept for later passes: the summary line,
    the exit code and the problem report."""

    def __init__(self, results: Iterator[FileResult]) -> None:
        self._source: Iterator[FileResult] | None = results
        self._kept: list[FileResult] = []

    def __iter__(self) -> Iterator[FileResult]:
        if self._source is None:
            yield from self._kept
            return
        source, self._source = self._source, None
        for r in source:
            self._kept.append(FileResult(r.path, r.findings, r.problems, {}, r.fixed) if r.snippets else r)
            yield r

    def __len__(self) -> int:
        """The number of files, once the first pass is over (summary lines come last)."""
        if self._source is not None:
            # Raised, not computed: list() asks for a length first and must not drain the stream.
            raise TypeError("the number of results is known only after the first pass")
        return len(self._kept)


def auto_jobs(sources: Sequence[Source], cpus: int | None = None) -> int:
    """Workers for a run left to us: one per MIN_BYTES_PER_JOB of input, up to the CPU count,
    so a hook on a few articles never pays for a pool and a large run uses every core."""
    cpus = cpus or default_jobs()
    total = 0
    for s in sources:
        if s.path == "-":
            return 1
        try:
            total += os.path.getsize(s.path)
        except OSError:
            pass  # reported when the file is read
        if total >= cpus * MIN_BYTES_PER_JOB:
            return cpus
    return max(1, min(cpus, total // MIN_BYTES_PER_JOB))


def run(sources: Sequence[Source], ruleset_for: RulesetFor, opts: RunOptions, jobs: int = 1,
        on_done: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Check every source, in order; with jobs > 1 and enough files, in forked worker processes.

    on_done, if given, is called with each result as it arrives (for a progress display)."""
    return list(iter_run(sources, ruleset_for, opts, jobs, on_done))


def iter_run(sources: Sequence[Source], ruleset_for: RulesetFor, opts: RunOptions, jobs: int = 1,
             on_done: Callable[[FileResult], None] | None = None) -> Iterator[FileResult]:
    """Yield each file's result in input order as soon as it and those before it are done.

    jobs <= 0 chooses by the amount of text (auto_jobs). Nothing is kept here, so a caller
    that formats results as they come holds one file's findings at a time."""
    done = on_done or (lambda _r: None)
    global _WORKER_STATE
    if jobs <= 0:
        jobs = auto_jobs(sources)
    jobs = min(jobs, max(1, len(sources) // MIN_FILES_PER_JOB))
    if jobs > 1 and not any(s.path == "-" for s in sources):
        if not hasattr(os, "fork"):  # Windows: one process
            jobs = 1
    else:
        jobs = 1
    if jobs == 1:
        for s in sources:
            result = check_source(s, ruleset_for, opts)
            done(result)
            yield result
        return
    _WORKER_STATE = (ruleset_for, opts)
    try:
        yield from _parallel(sources, ruleset_for, opts, jobs, done)
    finally:
        _WORKER_STATE = None
