#!/usr/bin/env python3
"""Speed benchmark: words/s, files/s and peak RSS on a corpus, for one process and for --jobs N.

Usage: python scripts/benchmark.py CORPUS [--jobs N] [--select CODES] [--pack NAME] [--cold FILE]
CORPUS is a folder of .txt/.md files or a .jsonl file with a "text" field.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import load  # noqa: E402

_RULESET = None


def _ruleset(select, ignore, packs):
    from copycheck.config import Settings, build_ruleset
    from copycheck.registry import load_rules

    s = Settings(select=tuple(select), ignore=tuple(ignore), packs=tuple(packs))
    return build_ruleset(s, load_rules(s.packs))


def _check(text: str) -> int:
    from copycheck.document import Document
    from copycheck.engine import check_document

    return len(check_document(Document.from_text(text, "bench.txt"), _RULESET)[0])


def _peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def measure(texts: list[str], jobs: int) -> tuple[float, int]:
    """Check every text; return wall seconds and the number of findings."""
    t0 = time.perf_counter()
    if jobs == 1:
        n = sum(_check(t) for t in texts)
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            n = sum(pool.map(_check, texts, chunksize=max(1, len(texts) // (jobs * 16))))
    return time.perf_counter() - t0, n


def cold(path: str, runs: int) -> list[float]:
    """Wall time of `python -m copycheck FILE` in a fresh process, several times.

    One untimed run first writes bytecode caches, as `pip install` does for an installed copy,
    even where PYTHONDONTWRITEBYTECODE is set; a user never pays for compiling the source."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-m", "copycheck", path, "--format", "concise"]
    root = Path(__file__).resolve().parent.parent
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root, env=env)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root, env=env)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    global _RULESET
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--select", default="")
    ap.add_argument("--ignore", default="")
    ap.add_argument("--pack", action="append", default=[])
    ap.add_argument("--repeat", type=int, default=3, help="take the best of this many single-process runs")
    ap.add_argument("--cold", metavar="FILE", help="also time one cold run of the CLI on this file")
    args = ap.parse_args()

    texts = [t for _, t in load(args.corpus)]
    words = sum(len(t.split()) for t in texts)
    split = lambda s: [x for x in s.split(",") if x]  # noqa: E731
    _RULESET = _ruleset(split(args.select), split(args.ignore), args.pack)
    print(f"corpus: {args.corpus}: {len(texts):,} files, {words:,} words; {len(_RULESET.rules)} rules")
    _check("Warm up the the imports.")
    best, n = min(measure(texts, 1) for _ in range(args.repeat))
    print(f"jobs=1: {best:.3f} s  {words / best:,.0f} words/s  {len(texts) / best:,.0f} files/s  "
          f"{n:,} findings  peak RSS {_peak_rss_mb():.0f} MB")
    if args.jobs > 1:
        wall, n = measure(texts, args.jobs)
        print(f"jobs={args.jobs}: {wall:.3f} s  {words / wall:,.0f} words/s  {len(texts) / wall:,.0f} files/s  "
              f"{n:,} findings  peak RSS per worker {_peak_rss_mb(children=True):.0f} MB")
    if args.cold:
        times = cold(args.cold, 7)
        print(f"cold CLI run on {args.cold}: min {min(times):.3f} s, median {statistics.median(times):.3f} s "
              f"(python startup included)")


if __name__ == "__main__":
    main()
