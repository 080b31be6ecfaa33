#!/usr/bin/env python3
"""Time and peak memory of the name rules on crafted worst cases, each size in a fresh process.

    python scripts/stress_names.py [--sizes 100000,1000000,10000000] [--out DIR]

Cases: one long run of distinct capitalised words (no punctuation), one run of a few words
repeated, two close spellings used thousands of times each, and many distinct names in
ordinary sentences. Prints seconds and peak RSS (MiB) per case and size: both must grow
linearly. Runs the whole CLI (`--select NM --isolated`) with NM003 on, as a user would.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))).capitalize()


def make(case: str, size: int, rng: random.Random) -> str:
    parts: list[str] = []
    n = 0
    while n < size:
        if case == "capital-run":  # one run of distinct capitalised words
            w = _word(rng)
        elif case == "repeated-run":  # a few capitalised words, over and over, in one run
            w = rng.choice(("Villarreal", "Villareal", "Libyan", "National", "Army", "Al", "Sarraj"))
        elif case == "close-spellings":  # two spellings of one name, thousands of uses each
            w = rng.choice(("Villarreal won.", "Villareal drew.", "Mr Villarreal said so,", "and Villareal"))
        else:  # "many-names": distinct names in sentences
            w = f"{_word(rng)} {_word(rng)} said the minister met {_word(rng)} today."
        parts.append(w)
        n += len(w) + 1
    return " ".join(parts)[:size] + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100000,1000000,10000000")
    p.add_argument("--cases", default="capital-run,repeated-run,close-spellings,many-names")
    p.add_argument("--out", default=None, help="folder for the crafted files (default: a temporary folder)")
    args = p.parse_args()
    import tempfile

    out = Path(args.out or tempfile.mkdtemp(prefix="copycheck-stress-"))
    out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'case':16} {'bytes':>10} {'seconds':>8} {'peak MiB':>9} {'s/MB':>6}")
    for case in args.cases.split(","):
        for size in sizes:
            f = out / f"{case}-{size}.txt"
            f.write_text(make(case, size, random.Random(size)), encoding="utf-8")
            # One process per measurement, so each peak is its own (ru_maxrss of children is a maximum).
            code = ("import resource,subprocess,sys,time;t=time.perf_counter();"
                    f"subprocess.run({[sys.executable, '-m', 'copycheck', str(f), '--select', 'NM', '--isolated', '--format', 'concise', '--max-file-size', str(64 * 1024 * 1024)]!r},"
                    "stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
                    "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)")
            res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
            secs, peak = map(float, res.stdout.split())
            print(f"{case:16} {size:>10,} {secs:>8.2f} {peak:>9.0f} {secs / (size / 1e6):>6.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
