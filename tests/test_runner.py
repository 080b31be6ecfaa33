"""The runner: automatic --jobs, and results streamed in input order."""
from __future__ import annotations

from copycheck.config import Resolver
from copycheck.files import Source
from copycheck.runner import MIN_BYTES_PER_JOB, RunOptions, Streamed, auto_jobs, iter_run, run


def _files(tmp_path, n, size):
    out = []
    for i in range(n):
        p = tmp_path / f"{i:03d}.txt"
        p.write_text(("The the plan was agreed. " * (size // 25 + 1))[:size], encoding="utf-8")
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


def test_pool_hands_back_every_result_and_closes_when_done():
    """The pool's handler thread, no longer woken by results, still lets a run end (close, join)."""
    import threading

    from copycheck.runner import _pool

    pool = _pool(2)
    try:
        assert pool._outqueue._reader not in pool._get_sentinels()
        assert list(pool.imap(abs, range(-400, 0), chunksize=3)) == list(range(400, 0, -1))
        pool.close()
        closing = threading.Thread(target=pool.join, daemon=True)
        closing.start()
        closing.join(timeout=60)
        assert not closing.is_alive()
    finally:
        pool.terminate()
