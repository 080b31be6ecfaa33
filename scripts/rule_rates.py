"""Print each rule's findings per 10k words on a corpus (a directory of .txt/.md files or a .jsonl file).

Usage: python scripts/rule_rates.py CORPUS_PATH [--select ALL] [--show CODE] [--limit N] [--skip-list TSV]

JSON lines need a "text" field; lines with "tabular": true are skipped. --skip-list names a TSV whose
second column lists files to leave out (relative to CORPUS_PATH), such as the BBC duplicates list.
--show CODE prints that rule's findings with their context, for reading by hand.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copycheck.document import Document  # noqa: E402
from corpus import load  # noqa: E402
from copycheck.engine import RuleSet, check_document  # noqa: E402
from copycheck.registry import load_rules  # noqa: E402
from copycheck.selection import select_rules  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--select", action="append", default=[], help="rule selectors (default: the default rules)")
    ap.add_argument("--show", action="append", default=[], help="print this rule's findings with context")
    ap.add_argument("--limit", type=int, default=50, help="findings to print per --show rule")
    ap.add_argument("--skip-list", type=Path, help="TSV whose second column names files to skip")
    args = ap.parse_args()
    rules = select_rules(load_rules(()), args.select, ())
    ruleset = RuleSet(tuple(rules))
    counts: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    words = docs = 0
    began = time.perf_counter()
    for name, text in load(args.corpus, duplicates=args.skip_list):
        doc = Document.from_text(text, name)
        findings, _ = check_document(doc, ruleset)
        words += len(text.split())
        docs += 1
        for f in findings:
            counts[f.code] += 1
            if (f.code in args.show or f.name in args.show) and shown[f.code] < args.limit:
                shown[f.code] += 1
                a, b = max(0, f.start - 60), min(len(text), f.end + 60)
                ctx = (text[a:f.start] + "[[" + text[f.start:f.end] + "]]" + text[f.end:b]).replace("\n", "⏎")
                print(f"{f.code} {name}:{f.line}:{f.column}: {f.message}\n    {ctx}")
    took = time.perf_counter() - began
    print(f"{docs} documents, {words} words, {took:.2f} s ({words / took / 1e6:.2f}M words/s)")
    print(f"{'code':6} {'name':34} {'findings':>8} {'per 10k words':>14}")
    for rule in rules:
        n = counts[rule.code]
        print(f"{rule.code:6} {rule.name:34} {n:8d} {n * 1e4 / max(words, 1):14.2f}")
    total = sum(counts.values())
    print(f"{'all':41} {total:8d} {total * 1e4 / max(words, 1):14.2f}")


if __name__ == "__main__":
    main()
