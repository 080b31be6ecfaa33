"""The CI options of `copycheck check`: --baseline, --write-baseline, --diff, --statistics, and the
grammar session (a local LanguageTool server, and a thread pool that keeps requests in flight)."""
from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Sequence

LT_CODE = "LT001"
# Requests to LanguageTool in flight at once (files checked side by side in threads).
DEFAULT_CONCURRENCY = 4


def check_options(args, error: type[Exception]):
    """Reject option mixes that mean nothing; load --baseline now, so a bad file stops the run (exit 2)."""
    if args.write_baseline and (args.baseline or args.fix or args.diff):
        raise error("--write-baseline records findings; it does not go with --baseline, --fix or --diff")
    if args.diff and "-" in args.paths:
        raise error("--diff needs files, not standard input")
    if args.diff and args.statistics:
        raise error("--diff and --statistics are two different reports; choose one")
    if not args.baseline:
        return None
    from .baseline import BaselineError, load

    try:
        return load(args.baseline)
    except BaselineError as exc:
        raise error(str(exc)) from None


def _note(message: str) -> None:
    print(f"copycheck: note: {message}", file=sys.stderr)


def report(args, results: list, rulesets: dict, sources: Sequence, entries, problems: list):
    """Apply the CI options to the run's results.

    Returns (results, render, code): render replaces the output format when not None, and code,
    when not None, is the exit code (unless a file could not be read)."""
    if args.write_baseline:
        from .baseline import write

        n = write(results, args.write_baseline)
        files = sum(1 for r in results if r.findings)
        text = (f"Wrote {n} finding{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''} "
                f"to the baseline {args.write_baseline}.\n")
        return results, lambda _r, stream: stream.write(text), 0
    # --diff reports fixes, not findings; its results are after fixes that were never written,
    # so they must not shrink the baseline.
    if entries is not None and not args.diff:
        results = _apply_baseline(args, results, rulesets, sources, entries)
    if args.diff:
        from .diff import render as render_diff

        buf = io.StringIO()
        changed = render_diff(results, buf)
        return results, lambda _r, stream: stream.write(buf.getvalue()), 1 if changed else 0
    if args.statistics:
        from .statistics import render as render_stats

        return results, lambda r, stream: render_stats(r, stream, args.format == "json"), None
    return results, None, None


def _apply_baseline(args, results, rulesets, sources, entries):
    from dataclasses import replace

    from .baseline import apply, dump

    codes = {s.display: {r.code for r in rulesets[s.path].rules} for s in sources}
    out = apply(results, entries, args.baseline, lambda p: codes.get(p, set()))
    by_path = {}
    for before, after in zip(results, out.results):
        by_path[after.path] = len(before.findings) - len(after.findings)
    results = [replace(r, baselined=by_path.get(r.path, 0)) if by_path.get(r.path) else r for r in out.results]
    old = sorted((e.key, e.count) for e in entries)
    new = sorted((e.key, e.count) for e in out.remaining)
    if old != new:
        # The baseline only shrinks: fixed findings leave it (so writing them again is new),
        # and a renamed file's entries follow it. Commit the updated file with the change.
        dump(out.remaining, args.baseline)
        if out.dropped:
            _note(f"{args.baseline}: {out.dropped} fixed finding{'s' if out.dropped != 1 else ''} "
                  "removed from the baseline; commit the updated file")
        else:
            _note(f"{args.baseline}: updated for renamed files; commit the updated file")
    if args.format != "text" and out.baselined:
        _note(f"{out.baselined} baselined finding{'s' if out.baselined != 1 else ''} not shown ({args.baseline})")
    return results


def _lt_options(rulesets: Iterable) -> list[dict]:
    """LT001's options in each distinct rule set, in order of first use."""
    out = []
    seen: set[int] = set()
    for rs in rulesets:
        # Files that share a configuration share one rule set: its rules are looked at once,
        # not once per file (BBC: 2,225 files, one rule set).
        if id(rs) in seen:
            continue
        seen.add(id(rs))
        for rule in rs.rules:
            if rule.code == LT_CODE:
                out.append(rs.options_for(rule))
    return out


@contextmanager
def grammar_session(rulesets: Iterable, error: type[Exception]) -> Iterator[int]:
    """With LT001 selected: start the local server first if asked (a missing Java or LanguageTool
    is one clear error, exit 2), and yield the number of files to check side by side; else 0."""
    options = _lt_options(rulesets)
    if not options:
        yield 0
        return
    threads = max(int(o.get("concurrency", DEFAULT_CONCURRENCY)) for o in options)
    local_opts = [o for o in options if o.get("local") and not o.get("url")]
    if not local_opts:
        yield max(1, threads)
        return
    from .grammar import local

    try:
        local.url(str(local_opts[0].get("language", "en-US")), bool(local_opts[0].get("keep-running")))
    except local.LocalServerError as exc:
        raise error(str(exc)) from None
    try:
        yield max(1, threads)
    finally:
        local.close()


def run_threaded(sources: Sequence, ruleset_for: Callable, opts, threads: int,
                 on_done: Callable | None = None) -> list:
    """Check files in a thread pool: the time spent waiting on LanguageTool overlaps, and at
    most `threads` requests are in flight across all files."""
    from concurrent.futures import ThreadPoolExecutor

    from .runner import check_source

    done = on_done or (lambda _r: None)
    results = []
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for r in pool.map(lambda s: check_source(s, ruleset_for, opts), sources):
            results.append(r)
            done(r)
    return results
