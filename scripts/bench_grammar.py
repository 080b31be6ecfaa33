#!/usr/bin/env python3
"""Grammar throughput: articles/s of `copycheck --grammar` against the loopback LanguageTool server,
whole CLI in a fresh process, for several `concurrency` settings and simulated server latencies.

Usage: python scripts/bench_grammar.py CORPUS_DIR [--files N] [--runs R] [--latency MS ...] [--concurrency C ...]
The loopback server (tests/loopback_languagetool.py) answers at once plus the given latency per
request; it stands in for a real LanguageTool server, which cannot run here.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import loopback_languagetool as lt  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--latency", type=float, nargs="+", default=[0.0, 20.0], metavar="MS")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 8])
    args = ap.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.txt"))[: args.files]
    server, url = lt.start()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    print(f"{len(files)} articles from {args.corpus}; median of {args.runs} runs; loopback server {url}")
    with tempfile.TemporaryDirectory() as tmp:
        for latency in args.latency:
            lt.Handler.delay = latency / 1000
            for conc in args.concurrency:
                cfg = Path(tmp, f"c{conc}.toml")
                cfg.write_text(f'grammar = true\n[rules.languagetool]\nurl = "{url}"\nconcurrency = {conc}\n',
                               encoding="utf-8")
                times = []
                for _ in range(args.runs):
                    lt.Handler.requests = []
                    t0 = time.perf_counter()
                    proc = subprocess.run([sys.executable, "-m", "copycheck", "--config", str(cfg), "--format",
                                           "concise", "--no-progress", *files], env=env, capture_output=True)
                    times.append(time.perf_counter() - t0)
                    if proc.returncode == 2:
                        print(proc.stderr.decode()[-500:], file=sys.stderr)
                        return 2
                med = statistics.median(times)
                print(f"latency {latency:5.1f} ms  concurrency {conc:2d}: {len(files) / med:7.1f} articles/s "
                      f"({med:.2f} s; {len(lt.Handler.requests)} requests; max in flight {lt.Handler.max_in_flight})")
                lt.Handler.max_in_flight = 0
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
