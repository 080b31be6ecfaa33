#!/usr/bin/env python3
"""Recall of NM003 across files: respell a well-used name in one file and see whether it is caught.

    python scripts/inject_names.py CORPUS [--names 20] [--min-files 15] [--seed 1] [--keep DIR]

Picks names used in at least --min-files files of a folder corpus, and for each one file that
uses it; in that file every use is respelled by a transposition of two inner letters or a
doubled letter (alternately), into a spelling the corpus never uses. The changed corpus is
written to a temporary folder outside the repository and checked once with the whole CLI
(`--select NM003`). Prints each injection, whether it was flagged, and any flag on a majority
spelling (which must never happen).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import load  # noqa: E402


def respell(name: str, kind: str, rng: random.Random) -> str | None:
    """The name with two inner letters swapped, or an inner consonant doubled; None if impossible."""
    inner = [i for i in range(1, len(name) - 1) if name[i].isalpha() and name[i].islower()]
    rng.shuffle(inner)
    for i in inner:
        if kind == "transpose" and i + 1 < len(name) and name[i + 1].isalpha() and name[i + 1] != name[i]:
            return name[:i] + name[i + 1] + name[i] + name[i + 2:]
        if kind == "double" and name[i] not in "aeiouy" and name[i - 1] != name[i] and name[i + 1] != name[i]:
            return name[:i] + name[i] + name[i:]
    return None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("corpus")
    p.add_argument("--names", type=int, default=20)
    p.add_argument("--min-files", type=int, default=15)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", help="write the changed corpus here (default: a temporary folder, removed after)")
    args = p.parse_args()
    from copycheck.document import Document

    texts = dict(load(args.corpus, duplicates=None))
    from copycheck.names.context import file_spellings

    files_of: dict[str, list[str]] = defaultdict(list)
    every: set[str] = set()
    free: dict[str, int] = defaultdict(int)
    uses: dict[str, int] = defaultdict(int)
    for name, text in texts.items():
        for s in file_spellings(Document.from_text(text, name).names):
            every.add(s.form)
            files_of[s.form].append(name)
            free[s.form] += s.count - s.initial - s.foreign
            uses[s.form] += s.count
    rng = random.Random(args.seed)
    # Names: capitalised mid-sentence in most uses (not "Critics", which only opens sentences).
    pool = sorted(f for f, fs in files_of.items()
                  if len(fs) >= args.min_files and f.isalpha() and len(f) >= 5 and free[f] * 2 > uses[f])
    rng.shuffle(pool)
    injections = []  # (file, majority, minority, kind)
    used_files: set[str] = set()
    for form in pool:
        if len(injections) == args.names:
            break
        kind = ("transpose", "double")[len(injections) % 2]
        wrong = respell(form, kind, rng)
        if wrong is None or wrong in every or wrong.lower() in (w.lower() for w in every if len(w) == len(wrong)):
            continue
        choices = [f for f in files_of[form] if f not in used_files]
        if not choices:
            continue
        target = rng.choice(choices)
        used_files.add(target)
        injections.append((target, form, wrong, kind))
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="copycheck-inject-"))
    try:
        for name, text in texts.items():
            path = out / name
            path.parent.mkdir(parents=True, exist_ok=True)
            for target, form, wrong, _ in injections:
                if target == name:
                    text = re.sub(rf"(?<![\w'’-]){re.escape(form)}(?![\w-])", wrong, text)
            path.write_text(text, encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "copycheck", str(out), "--select", "NM003", "--format", "json",
                              "--isolated"], cwd=ROOT, capture_output=True, text=True)
        findings = json.loads(run.stdout or "[]")
        flagged = defaultdict(set)
        for f in findings:
            rel = Path(f["path"]).resolve().relative_to(out.resolve()).as_posix()
            text = (out / rel).read_text(encoding="utf-8")
            lines = text.split("\n")
            line = lines[f["line"] - 1]
            flagged[rel].add(line[f["column"] - 1:f["end_column"] - 1])
        found = 0
        majority_flags = 0
        for target, form, wrong, kind in injections:
            hit = wrong in flagged.get(target, set())
            found += hit
            print(f"{'FOUND ' if hit else 'missed'} {kind:9} {form} -> {wrong} in {target} ({len(files_of[form])} files)")
        majors = {form for _, form, _, _ in injections}
        for rel, spans in flagged.items():
            for s in spans & majors:
                majority_flags += 1
                print(f"FLAG ON MAJORITY: {s} in {rel}")
        print(f"detected {found}/{len(injections)}; flags on a majority spelling: {majority_flags}; "
              f"NM003 findings in the run: {len(findings)}")
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
