"""Latency and throughput of `copycheck serve`, measured as a CMS plugin would see them.

    python scripts/serve_bench.py CORPUS [--clients 8] [--limit N] [--format txt]

Starts a real `copycheck serve` process on a free loopback port, waits for it, then
  1. sends every article one by one over one keep-alive connection and reports the median
     (and p90/p99) round-trip latency per article, wall clock on the client side;
  2. sends every article again from --clients concurrent clients (one connection each) and
     reports requests per second and the median latency under that load.
Article text goes over loopback only and is never printed.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import load  # noqa: E402


def _start(root: Path) -> tuple[subprocess.Popen, int]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "copycheck", "serve", "--port", "0", "--quiet"],
                            cwd=root, env=env, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    if "listening on" not in line:
        proc.kill()
        raise SystemExit(f"server did not start: {line}")
    return proc, int(line.split("listening on http://127.0.0.1:")[1].split()[0])


def _post(conn: http.client.HTTPConnection, body: bytes) -> tuple[float, int]:
    t0 = time.perf_counter()
    conn.request("POST", "/check", body, {"Content-Type": "application/json"})
    resp = conn.getresponse()
    data = resp.read()
    elapsed = time.perf_counter() - t0
    if resp.status != 200:
        raise SystemExit(f"HTTP {resp.status}: {data[:200]!r}")
    return elapsed, len(json.loads(data)["findings"])


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(p * len(s)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--format", default="txt", choices=("txt", "md"))
    ap.add_argument("--in-process", action="store_true",
                    help="also time the same checks in this process without HTTP (labelled warm figure)")
    args = ap.parse_args()
    bodies = [json.dumps({"text": text, "format": args.format}).encode("utf-8")
              for _, text in load(args.corpus)]
    if args.limit:
        bodies = bodies[: args.limit]
    if not bodies:
        raise SystemExit("no articles found")
    if args.in_process:
        sys.path.insert(0, str(HERE.parent))
        from copycheck.service import Checker

        checker = Checker()
        texts = [json.loads(b)["text"] for b in bodies]
        checker.check(texts[0], args.format)
        warm = []
        for t in texts:
            t0 = time.perf_counter()
            checker.check(t, args.format)
            warm.append(time.perf_counter() - t0)
        print(f"in-process (warm, no HTTP; for comparison only): median {statistics.median(warm) * 1000:.2f} ms "
              f"per article")
    proc, port = _start(HERE.parent)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for body in bodies[:20]:  # warm the connection and any lazy tables
            _post(conn, body)
        lat, findings = [], 0
        for body in bodies:
            t, n = _post(conn, body)
            lat.append(t)
            findings += n
        conn.close()
        print(f"sequential: {len(bodies)} articles, {findings} findings; latency per article "
              f"median {statistics.median(lat) * 1000:.2f} ms, p90 {_pct(lat, .9) * 1000:.2f} ms, "
              f"p99 {_pct(lat, .99) * 1000:.2f} ms, max {max(lat) * 1000:.2f} ms")

        loaded: list[float] = []
        lock = threading.Lock()
        chunks = [bodies[i::args.clients] for i in range(args.clients)]

        def client(chunk: list[bytes]) -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            mine = [_post(c, b)[0] for b in chunk]
            c.close()
            with lock:
                loaded.extend(mine)

        threads = [threading.Thread(target=client, args=(ch,)) for ch in chunks]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        print(f"concurrent: {args.clients} clients, {len(bodies)} articles in {wall:.2f} s = "
              f"{len(bodies) / wall:.0f} articles/s; latency under load median "
              f"{statistics.median(loaded) * 1000:.2f} ms, p90 {_pct(loaded, .9) * 1000:.2f} ms")
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
