"""Time and peak memory of `copycheck audit` (LocalCluster) against `copycheck --jobs N`, at several sizes.

    python scripts/audit_scale.py CORPUS [--multiples 1 4 16] [--workers 2] [--work /tmp/copycheck-scale]

CORPUS is a folder of articles (copied N times under distinct names, as hard links where possible)
or a Reuters-style .jsonl: its non-tabular stories (as scripts/corpus.py reads them) are written
out as files first. Everything is written under --work (never in the repository). For each size the
script runs, in fresh processes, the plain CLI with --jobs and the audit with --workers, both
with --format json; it samples the resident memory of every process of each run (client and
workers separately) and checks that the two outputs are byte for byte the same.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_prose(jsonl: Path, out: Path) -> Path:
    """Write each non-tabular story (scripts/corpus.load) as a file under out/prose."""
    from corpus import load

    dest = out / "prose"
    if dest.exists():
        return dest
    tmp = out / "prose.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, text in load(jsonl):
        stem = name[:-4] if name.endswith(".txt") else name
        (tmp / f"{stem}.txt").write_text(text, encoding="utf-8")
    tmp.rename(dest)
    return dest


def replicate(src: Path, out: Path, times: int) -> Path:
    """out/xN/copyKK/...: N copies of the corpus under distinct names (hard links when possible)."""
    dest = out / f"x{times}"
    if dest.exists():
        return dest
    tmp = out / f"x{times}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    for k in range(times):
        for path in sorted(src.rglob("*")):
            if not path.is_file():
                continue
            target = tmp / f"copy{k:02d}" / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
    tmp.rename(dest)
    return dest


def measure(cmd: list[str]) -> dict:
    """Run cmd; return seconds, exit code, sha256 and size of stdout, CPU seconds of all its processes
    (as last sampled), and peak RSS of the main process and of each child (workers), sampled every 50 ms."""
    import psutil

    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    digest, size = hashlib.sha256(), 0

    def drain() -> None:
        nonlocal size
        for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    main = psutil.Process(proc.pid)
    peak_main, peak_child, peak_total, cpu = 0, {}, 0, {}
    while proc.poll() is None:
        try:
            t = main.cpu_times()
            cpu[proc.pid] = t.user + t.system
            rss_main = main.memory_info().rss
            total = rss_main
            peak_main = max(peak_main, rss_main)
            for child in main.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                    t = child.cpu_times()
                    cpu[child.pid] = t.user + t.system
                except psutil.Error:
                    continue
                total += rss
                peak_child[child.pid] = max(peak_child.get(child.pid, 0), rss)
            peak_total = max(peak_total, total)
        except psutil.Error:
            pass
        time.sleep(0.05)
    reader.join()
    seconds = time.perf_counter() - start
    workers = sorted(peak_child.values(), reverse=True)
    return {"seconds": seconds, "code": proc.returncode, "sha256": digest.hexdigest(), "bytes": size,
            "peak_main_mb": peak_main / 2**20, "peak_child_mb": [w / 2**20 for w in workers[:4]],
            "peak_total_mb": peak_total / 2**20, "cpu_seconds": sum(cpu.values())}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("--multiples", type=int, nargs="+", default=[1, 4, 16])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--work", type=Path, default=Path("/tmp/copycheck-scale"))
    p.add_argument("--no-plain", action="store_true", help="only the audit (skip the --jobs comparison)")
    args = p.parse_args()
    name = args.corpus.stem if args.corpus.suffix == ".jsonl" else args.corpus.name
    work = args.work / name
    work.mkdir(parents=True, exist_ok=True)
    src = write_prose(args.corpus, work) if args.corpus.suffix == ".jsonl" else args.corpus
    nfiles = sum(1 for q in src.rglob("*") if q.suffix in (".txt", ".md"))
    print(f"corpus {args.corpus}: {nfiles} files; {args.workers} workers/jobs; python {sys.version.split()[0]}")
    print(f"{'size':>5} {'files':>7} {'run':<7} {'seconds':>8} {'CPU s':>7} {'client MB':>10} {'worker MB (each)':>18} "
          f"{'all MB':>8}  same")
    base = [sys.executable, "-m", "copycheck"]
    for times in args.multiples:
        path = str(replicate(src, work, times) if times > 1 else src)
        runs = []
        if not args.no_plain:
            runs.append(("plain", measure([*base, "--format", "json", "--no-progress", "--jobs", str(args.workers), path])))
        runs.append(("audit", measure([*base, "audit", "--format", "json", "--workers", str(args.workers), path])))
        same = "" if len(runs) == 1 else ("yes" if runs[0][1]["sha256"] == runs[1][1]["sha256"] else "NO")
        for label, r in runs:
            workers = " ".join(f"{w:.0f}" for w in r["peak_child_mb"][: args.workers]) or "-"
            print(f"{times:>4}x {nfiles * times:>7} {label:<7} {r['seconds']:>8.1f} {r['cpu_seconds']:>7.1f} "
                  f"{r['peak_main_mb']:>10.0f} "
                  f"{workers:>18} {r['peak_total_mb']:>8.0f}  {same if label == 'audit' else ''}"
                  f"  (exit {r['code']}, {r['bytes']:,} bytes of JSON)")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
