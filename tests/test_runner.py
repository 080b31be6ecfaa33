"""The runner: automatic --jobs, and results streamed in input order."""
from __future__ import annotations

import pytest

from copycheck.config import Resolver
from copycheck.files import Source
from copycheck.runner import MIN_BYTES_PER_JOB, RunOptions, Streamed, auto_jobs, iter_run, run


def _files(tmp_path, n, size):
    out = []
    for i in range(n):
        p = tmp_path / f"{i:03d}.txt"
        p.write_text(("The the plan Villarreal agreed. " * (size // 32 + 1))[:size], encoding="utf-8")
        out.append(Source(str(p), str(p)))
    return out


def test_auto_jobs_follows_the_amount_of_text(tmp_path):
    assert auto_jobs([], cpus=2) == 1
    (tmp_path / "small").mkdir()
    (tmp_path / "big").mkdir()
    assert auto_jobs(_files(tmp_path / "small", 3, 1000), cpus=2) == 1
    assert auto_jobs(_files(tmp_path / "big", 9, MIN_BYTES_PER_JOB // 4), cpus=2) == 2
    assert auto_jobs([Source("-", "<stdin>")], cpus=4) == 1


def test_parallel_results_stream_in_input_order_and_match_one_process(tmp_path):
    sources = _files(tmp_path, 20, 400)
    ruleset = Resolver(isolated=True).ruleset_for(str(tmp_path))
    one = run(sources, lambda _p: ruleset, RunOptions(), 1)
    two = list(iter_run(sources, lambda _p: ruleset, RunOptions(), 2))
    assert [r.path for r in two] == [s.display for s in sources]
    assert [r.findings for r in two] == [r.findings for r in one]
    assert any(r.findings for r in one)


def test_streamed_replays_slim_results_after_the_first_pass(tmp_path):
    sources = _files(tmp_path, 3, 100)
    ruleset = Resolver(isolated=True).ruleset_for(str(tmp_path))
    streamed = Streamed(iter_run(sources, lambda _p: ruleset, RunOptions(), 1))
    first = list(streamed)
    assert first[0].snippets  # the formatter sees the context lines
    again = list(streamed)
    assert len(streamed) == 3
    assert [r.findings for r in again] == [r.findings for r in first]
    assert all(r.snippets == {} for r in again)


def test_batches_cover_the_run_in_order_and_shrink_towards_the_end():
    from copycheck.runner import MAX_CHUNK, MIN_CHUNK, _chunks

    for n in (0, 1, 7, 64, 100, 2225, 10_000):
        sources = list(range(n))
        for jobs in (2, 3, 8):
            batches = _chunks(sources, jobs)
            assert [s for b in batches for s in b] == sources
            sizes = [len(b) for b in batches]
            assert all(MIN_CHUNK <= k <= MAX_CHUNK for k in sizes[:-1]) and sizes == sorted(sizes, reverse=True)
            assert not sizes or sizes[-1] <= MIN_CHUNK or n <= MIN_CHUNK * jobs * 4


def _dies_in_a_worker(ruleset):
    """A ruleset lookup that ends any process but this one at once, as a killed worker ends."""
    import os

    main = os.getpid()

    def ruleset_for(_path):
        if os.getpid() != main:
            os._exit(9)  # no result, no exception: the worker is simply gone
        return ruleset

    return ruleset_for


def test_a_worker_that_dies_loses_no_file(tmp_path):
    """The main process checks what a dead worker took: every result, in order, as in one process."""
    sources = _files(tmp_path, 40, 400)
    ruleset = Resolver(isolated=True).ruleset_for(str(tmp_path))
    one = run(sources, lambda _p: ruleset, RunOptions(), 1)
    two = run(sources, _dies_in_a_worker(ruleset), RunOptions(), 2)
    assert [r.path for r in two] == [s.display for s in sources]
    assert [r.findings for r in two] == [r.findings for r in one]


def _left(pids) -> list[int]:
    """The given child processes that are still there, running or unreaped (a finished run reaps its workers)."""
    import os

    out = []
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)  # (0, 0) while it runs; (pid, status) reaps one left unreaped
        except ChildProcessError:
            continue  # gone, and reaped by the run
        out.append(pid)
    return out


def test_the_main_process_checks_files_too_and_leaves_no_worker(tmp_path):
    """With --jobs 2 one worker is forked and the main process takes batches as well; when the
    run ends, or its caller stops reading early, no worker is left running."""
    import os

    sources = _files(tmp_path, 64, 400)
    ruleset = Resolver(isolated=True).ruleset_for(str(tmp_path))
    main = os.getpid()
    checked_by: set[int] = set()
    log = tmp_path / "workers"  # each worker writes its pid here: its own memory is not ours

    def ruleset_for(_path):
        pid = os.getpid()
        if pid == main:
            checked_by.add(main)
        else:
            with open(log, "a") as f:
                f.write(f"{pid}\n")
        return ruleset

    def workers() -> set[int]:
        return {int(p) for p in log.read_text().split()} if log.exists() else set()

    results = run(sources, ruleset_for, RunOptions(), 2)
    assert len(results) == 64 and checked_by == {main}
    # Every process's name summaries carry their pair keys, the main process's too.
    # (each process sends a spelling's keys once, with the first result that has it)
    sent = {form for r in results for form, _ in r.names.pair_keys}
    assert sent == {s.form for r in results for s in r.names.forms} and sent
    again = run(sources, ruleset_for, RunOptions(), 2)  # a second run in this process sends them anew
    assert {form for r in again for form, _ in r.names.pair_keys} == sent
    assert workers() and _left(workers()) == []
    log.unlink()
    stream = iter_run(sources, ruleset_for, RunOptions(), 2)
    next(stream)  # the first batch is the main process's: the worker has begun by now
    while not workers():
        next(stream)
    stream.close()  # as a formatter that fails, or Ctrl-C, leaves the generator
    assert _left(workers()) == []


def test_worker_pipes_hold_several_batches_where_linux_allows():
    """A worker's pipe is widened, so it never waits for the main process between batches."""
    import os
    import sys

    from copycheck.runner import PIPE_BYTES, _receive, _send, _widen

    if not sys.platform.startswith("linux"):
        pytest.skip("pipe buffer sizes are set on Linux only")
    import fcntl

    reader, writer = os.pipe()
    try:
        _widen(writer)
        assert fcntl.fcntl(writer, fcntl.F_GETPIPE_SZ) == PIPE_BYTES
        os.set_blocking(writer, False)  # a pipe too small fails here (BlockingIOError) instead of hanging
        _send(writer, b"x" * (PIPE_BYTES // 2))  # more than the default 64 kB, without a reader
        assert _receive(reader) == b"x" * (PIPE_BYTES // 2)
        os.close(writer)
        writer = None
        assert _receive(reader) is None  # the writer gone: end of file, as a finished worker's
    finally:
        os.close(reader)
        if writer is not None:
            os.close(writer)
