#!/usr/bin/env python3
"""Hostile-input stress test: time and peak memory of the whole CLI on crafted worst cases.

Usage: python scripts/stress.py [--sizes 100K,1M,10M] [--cases caps,oneline,...] [--timeout S]
                                [--keep DIR] [-- EXTRA CLI ARGS, e.g. --ignore NM --pack ap]

Each case is generated at each size, written to a temporary file and checked by
`python -m copycheck --format json FILE` in a fresh process; the table shows wall time and the
child's peak RSS (from wait4), and the ratio to the smallest size, so growth is easy to read:
linear means time and memory grow about tenfold per tenfold size (memory has a floor of the
interpreter and rules, about 60 MB).
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"100K": 100_000, "1M": 1_000_000, "10M": 10_000_000}
WORDS = ("the", "minister", "said", "on", "Tuesday", "that", "shares", "in", "company", "rose",
         "its", "it's", "bid", "for", "Deutsche", "Boerse", "was", "and", "a", "of")
CAPS = ("Alpha", "Beta", "Gamma", "Delta", "Smith", "Jones", "Brown", "Gaddafi", "Libya", "Khadafy",
        "Qaddafi", "Deutsche", "Boerse", "London", "Stock", "Exchange", "New", "York", "Mr", "Ms")


def _fill(unit, size: int) -> str:
    """Repeat unit() until the text reaches size characters."""
    parts, n = [], 0
    while n < size:
        s = unit()
        parts.append(s)
        n += len(s)
    return "".join(parts)[:size]


def generate(case: str, size: int, rng: random.Random) -> tuple[str, str]:
    """The text of one worst case, at most size bytes in UTF-8, and its file suffix."""
    text, suffix = _generate(case, size, rng)
    while len(text.encode("utf-8")) > size:  # curly marks take 3 bytes: stay under the size limit
        text = text[:len(text) * size // len(text.encode("utf-8"))]
    return text, suffix


def _generate(case: str, size: int, rng: random.Random) -> tuple[str, str]:
    if case == "caps":  # one endless run of capitalised words: the name rules' worst case
        return _fill(lambda: rng.choice(CAPS) + " ", size), ".txt"
    if case == "oneline":  # a whole archive on one line: prose with errors, no line break
        return _fill(lambda: " ".join(rng.choice(WORDS) for _ in range(12)) + rng.choice((
            " the the. ", " Deutsche Boerse (DB) bid. ", " the chief – said  twice ", " – ran ", "  ")), size), ".txt"
    if case == "quotes":  # quotation marks everywhere, straight and curly, mostly unbalanced
        return _fill(lambda: rng.choice(('"', "“", "”", "‘", "’", "'")) + rng.choice(("a", "", " ", "b ")), size), ".txt"
    if case == "brackets":  # brackets everywhere, unbalanced
        return _fill(lambda: rng.choice("([{)]}") + rng.choice(("x", "", " ")), size), ".txt"
    if case == "nesting":  # deep nesting: brackets and quotations inside each other, then closed
        depth = size // 8
        return ("(“‘[" * depth + "x" + "]’”)" * depth)[:size], ".txt"
    if case == "mdnest":  # Markdown: blockquotes and lists nested hundreds deep, per line
        return _fill(lambda: "> " * 50 + "- " * 50 + "The the word.\n", size), ".md"
    if case == "backticks":  # Markdown: stray backticks in runs of every length
        return _fill(lambda: "`" * rng.randint(1, 6) + rng.choice(("Libya", " s ", "", "\n\n")), size), ".md"
    if case == "nospaces":  # no whitespace at all
        alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ.,;:'’\"-—()"
        return "".join(rng.choice(alphabet) for _ in range(size)), ".txt"
    if case == "abbrevs":  # thousands of distinct abbreviations, each defined and used: AB's worst case
        def unit() -> str:
            letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(2, 5)))
            words = " ".join(c + "".join(rng.choice("aeioulnrst") for _ in range(5)) for c in letters)
            return f"The {words} ({letters}) said the {letters} would act. "
        return _fill(unit, size), ".txt"
    raise ValueError(case)


CASES = ("caps", "oneline", "quotes", "brackets", "nesting", "mdnest", "backticks", "nospaces", "abbrevs")


_CHILD = """
import sys
sys.argv[0] = "copycheck"
try:
    from copycheck.cli import main
    code = main()
finally:
    with open("/proc/self/status") as fh:
        sys.stderr.write("".join(line for line in fh if line.startswith("VmHWM:")))
sys.exit(code)
"""


def run_one(path: str, extra: list[str], timeout: float, mem_limit_mb: int = 0) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB and outcome of one CLI run in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    # The child reports its own high-water mark (VmHWM): ru_maxrss from wait4 would include the
    # pages this parent shared with it between fork and exec.
    cmd = [sys.executable, "-c", _CHILD, "--format", "json", "--no-progress", *extra, path]
    t0 = time.perf_counter()
    def limit() -> None:  # a runaway case fails with MemoryError instead of taking the machine
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (mem_limit_mb << 20, mem_limit_mb << 20))

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            preexec_fn=limit if mem_limit_mb else None)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            return time.perf_counter() - t0, usage.ru_maxrss // 1024, "TIMEOUT"
        time.sleep(0.02)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    err = proc.stderr.read().decode(errors="replace")
    hwm = [line for line in err.splitlines() if line.startswith("VmHWM:")]
    peak_mb = int(hwm[-1].split()[1]) // 1024 if hwm else usage.ru_maxrss // 1024
    outcome = f"exit {code}" + (" CRASH" if "crashed" in err or "internal error" in err or code < 0 else "")
    outcome += " MemoryError" if "MemoryError" in err else ""
    outcome += " (capped)" if "findings; the rest are not reported" in err else ""
    return elapsed, peak_mb, outcome


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="100K,1M,10M")
    p.add_argument("--cases", default=",".join(CASES))
    p.add_argument("--timeout", type=float, default=600, help="seconds before a run counts as a hang")
    p.add_argument("--mem-limit", type=int, default=4096, metavar="MB",
                   help="address-space limit per run (0: none), so a runaway case cannot exhaust the machine")
    p.add_argument("--keep", metavar="DIR", help="write the generated files here and keep them")
    p.add_argument("extra", nargs=argparse.REMAINDER, help="after --: more copycheck arguments")
    args = p.parse_args()
    extra = args.extra[1:] if args.extra[:1] == ["--"] else args.extra
    sizes = [s.strip() for s in args.sizes.split(",")]
    folder = args.keep or tempfile.mkdtemp(prefix="copycheck-stress-")
    os.makedirs(folder, exist_ok=True)
    print(f"copycheck stress; extra args: {' '.join(extra) or '(none)'}")
    print(f"{'case':<10} {'size':>5} {'seconds':>8} {'x':>6} {'peak MB':>8} {'x':>6}  outcome")
    for case in args.cases.split(","):
        base = None
        for size_name in sizes:
            text, suffix = generate(case, SIZES[size_name], random.Random(14))
            path = os.path.join(folder, f"{case}-{size_name}{suffix}")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            del text
            secs, mb, outcome = run_one(path, extra, args.timeout, args.mem_limit)
            base = base or (secs, mb)
            print(f"{case:<10} {size_name:>5} {secs:>8.2f} {secs / base[0]:>6.1f} {mb:>8} {mb / base[1]:>6.1f}  "
                  f"{outcome}", flush=True)
            if not args.keep:
                os.unlink(path)
    if not args.keep:
        os.rmdir(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
