"""A killed worker costs no finding: `copycheck audit` on a cluster where one worker is SIGKILLed mid-run.

    python scripts/audit_kill.py PATH [--workers 2] [--after 2.0]

Starts a LocalCluster (worker processes under nannies), runs `copycheck audit --scheduler ADDRESS
--format json PATH` as its own process, kills one worker process with SIGKILL once map tasks are
running (--after seconds after the first one started), lets Dask rerun the lost tasks, and
compares the findings byte for byte with a plain `copycheck --format json PATH` run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _map_states(dask_scheduler) -> dict:
    prefix = dask_scheduler.task_prefixes.get("check_partition")
    return dict(prefix.states) if prefix is not None else {}


def _pids_after(client, workers: int, victim: int, timeout: float = 60) -> dict:
    """Worker pids once the nanny has replaced the killed worker."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.wait_for_workers(workers, timeout=timeout)
            pids = client.run(os.getpid)
            if victim not in pids.values() and len(pids) == workers:
                return pids
        except Exception:  # noqa: BLE001 - a worker still restarting
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("path")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--after", type=float, default=2.0, help="seconds after the first map task to kill a worker")
    args = p.parse_args()
    import distributed

    sys.path.insert(0, str(ROOT))  # the workers import copycheck from this checkout (spawn copies sys.path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    plain = subprocess.run([sys.executable, "-m", "copycheck", "--format", "json", "--no-progress", args.path],
                           capture_output=True, env=env, cwd=ROOT)
    with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        before = client.run(os.getpid)
        started = time.perf_counter()
        audit = subprocess.Popen([sys.executable, "-m", "copycheck", "audit", "--scheduler", cluster.scheduler_address,
                                  "--format", "json", args.path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env=env, cwd=ROOT)
        while not client.run_on_scheduler(_map_states) and audit.poll() is None:
            time.sleep(0.05)
        time.sleep(args.after)
        states = client.run_on_scheduler(_map_states)
        running = audit.poll() is None
        victim_addr, victim = sorted(before.items())[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.perf_counter() - started
        out, err = audit.communicate()
        seconds = time.perf_counter() - started
        after = _pids_after(client, args.workers, victim)
    if not out.strip():
        print(f"audit printed nothing (exit {audit.returncode}):", err.decode()[-3000:])
        return 1
    findings = json.loads(out)
    same = out == plain.stdout
    print(f"workers before: {sorted(before.values())}; killed pid {victim} ({victim_addr}) with SIGKILL "
          f"{killed_at:.1f} s into the audit, audit still running: {running}")
    print(f"map tasks by state at the kill: {states}")
    print(f"workers after: {sorted(after.values())}")
    print(f"audit exit {audit.returncode} in {seconds:.1f} s; {len(findings)} findings; plain run {len(json.loads(plain.stdout))} findings")
    print(f"sha256 audit {hashlib.sha256(out).hexdigest()[:16]}, plain {hashlib.sha256(plain.stdout).hexdigest()[:16]}: "
          f"{'identical' if same else 'DIFFERENT'}")
    if err.strip():
        print("audit stderr (last lines):", *err.decode().strip().splitlines()[-3:], sep="\n  ")
    return 0 if same and running else 1


if __name__ == "__main__":
    sys.exit(main())
