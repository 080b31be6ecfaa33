#!/usr/bin/env python3
"""Audit safe fixes: run `--fix` (safe fixes only) on a temporary copy of a corpus, print every change.

Usage: python scripts/fix_audit.py CORPUS [--limit N] [--seed S] [--rule CODE]
CORPUS is a folder of .txt/.md files (BBC) or a .jsonl file (Reuters; prose stories only, as
tabular ones are skipped). The articles are written to a temporary folder, `python -m copycheck
--fix` runs on it as a user would, and each changed article is compared with its original: every
change is printed with its rule, the text before and after, and some context, for reading by hand.
"""
from __future__ import annotations

import argparse
import difflib
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

from corpus import load  # noqa: E402

CONTEXT = 40


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, default=0, help="print at most N changes (0: all)")
    ap.add_argument("--seed", type=int, default=0, help="shuffle the changes with this seed before --limit")
    ap.add_argument("--rule", default="", help="only changes made by this rule code")
    ap.add_argument("--articles", type=int, default=0, help="check a random sample of N articles (0: all)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="fix-audit-") as tmp:
        originals = {}
        articles = list(load(args.corpus))
        if args.articles:
            articles = random.Random(args.seed).sample(articles, min(args.articles, len(articles)))
        for name, text in articles:
            rel = name if name.endswith((".txt", ".md")) else f"{name}.txt"
            path = Path(tmp, rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            originals[rel] = text
        # Which rule made each fix: the findings before fixing, by fix span.
        report = subprocess.run([sys.executable, "-m", "copycheck", tmp, "--format", "json"],
                                cwd=ROOT, capture_output=True, text=True)
        by_fix = {}
        for f in json.loads(report.stdout or "[]"):
            if f.get("fix") and f["fix"]["safe"]:
                rel = Path(f["path"]).resolve().relative_to(Path(tmp).resolve()).as_posix()
                by_fix.setdefault(rel, []).append(f)
        subprocess.run([sys.executable, "-m", "copycheck", tmp, "--fix", "--format", "concise"],
                       cwd=ROOT, capture_output=True, text=True)
        changes = []
        for rel, before in originals.items():
            after = Path(tmp, rel).read_text(encoding="utf-8")
            if after == before:
                continue
            matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
            for op, a1, a2, b1, b2 in matcher.get_opcodes():
                if op == "equal":
                    continue
                rules = sorted({f["code"] for f in by_fix.get(rel, [])
                                if f["fix"]["start"] <= a2 and f["fix"]["end"] >= a1}) or ["?"]
                ctx_before = before[max(0, a1 - CONTEXT):a1]
                ctx_after = before[a2:a2 + CONTEXT]
                changes.append((rel, ",".join(rules), ctx_before, before[a1:a2], after[b1:b2], ctx_after))
    if args.rule:
        changes = [c for c in changes if args.rule in c[1].split(",")]
    if args.seed:
        random.Random(args.seed).shuffle(changes)
    shown = changes[:args.limit] if args.limit else changes
    for rel, rules, pre, old, new, post in shown:
        flat = lambda s: s.replace("\n", "⏎")  # noqa: E731
        print(f"{rel} [{rules}] …{flat(pre)}[{flat(old)}→{flat(new)}]{flat(post)}…")
    print(f"{len(changes)} changes in total; {len(shown)} printed", file=sys.stderr)


if __name__ == "__main__":
    main()
