#!/usr/bin/env python3
"""Accuracy on hand-labelled errors: recall on ERROR rows, flags on OK rows, findings per 10k words.

Usage: python scripts/accuracy.py LABELS.tsv CORPUS [--show N] [--select CODES] [--pack NAME]
LABELS is in the format of corpus/labels/dev-*.tsv (0-based character offsets); CORPUS is the
folder (BBC) or .jsonl file (Reuters) the labels point into.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import load  # noqa: E402

# Which rule should catch each labelled kind.
KIND_RULES = {
    "repeated_word": {"TY001"},
    "hyphen_duplicate": {"TY001"},
    "its_contraction_written_its": {"TY004"},
    "its_possessive_written_its": {"TY004"},
    "space_before_apostrophe_s": {"TY002"},
}


def make_checker(select: str, packs: list[str]):
    from copycheck.config import Settings, build_ruleset
    from copycheck.registry import load_rules
    from copycheck.document import Document
    from copycheck.engine import check_document

    sel = tuple(x for x in select.split(",") if x)
    s = Settings(select=sel, packs=tuple(packs))
    ruleset = build_ruleset(s, load_rules(s.packs))
    return lambda text, name: check_document(Document.from_text(text, name), ruleset)[0]


def evaluate_errors(labels: str, corpus: str, check, show: int) -> None:
    """Recall on ERROR rows and flags on OK rows, per kind."""
    # Labels point into every article, copies and tables included.
    texts = dict(load(corpus, duplicates=None, include_tabular=True))
    cache: dict[str, list] = {}
    stats: dict[tuple[str, str], Counter] = defaultdict(Counter)
    misses, ok_flags = [], []
    with open(labels, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            label, kind = row["label"], row["kind"]
            if label not in ("ERROR", "OK"):
                continue
            name, start = row["file"], int(row["offset"])
            end = start + len(row["match"])
            if name not in cache:
                cache[name] = check(texts[name], name)
            hit = any(f.code in KIND_RULES[kind] and f.start < end and start < f.end for f in cache[name])
            stats[(kind, label)]["rows"] += 1
            stats[(kind, label)]["flagged"] += hit
            if label == "ERROR" and not hit:
                misses.append(f"{name}@{start} {row['match']!r}")
            if label == "OK" and hit:
                ok_flags.append(f"{name}@{start} {row['match']!r}")
    print(f"labels: {labels}")
    tot = Counter()
    for (kind, label), c in sorted(stats.items()):
        what = "recall" if label == "ERROR" else "OK rows flagged"
        print(f"  {kind:<30} {label:<5} {what}: {c['flagged']}/{c['rows']}"
              + (f" = {100 * c['flagged'] / c['rows']:.1f}%" if label == "ERROR" else ""))
        tot[label, "rows"] += c["rows"]
        tot[label, "flagged"] += c["flagged"]
    if tot["ERROR", "rows"]:
        print(f"  ALL ERROR recall: {tot['ERROR', 'flagged']}/{tot['ERROR', 'rows']} = "
              f"{100 * tot['ERROR', 'flagged'] / tot['ERROR', 'rows']:.1f}%")
    print(f"  ALL OK rows flagged: {tot['OK', 'flagged']}/{tot['OK', 'rows']}")
    for m in misses[:show]:
        print(f"    missed: {m}")
    for m in ok_flags[:show]:
        print(f"    OK flagged: {m}")


def rates(corpus: str, check, show: int, seed: int = 1) -> None:
    """Findings per 10k words on the whole corpus, per rule, with a random sample to read."""
    per_rule: Counter = Counter()
    words = 0
    samples: dict[str, list[str]] = defaultdict(list)
    for name, text in load(corpus):
        words += len(text.split())
        for f in check(text, name):
            per_rule[f"{f.code} {f.name}"] += 1
            a, b = max(0, f.start - 40), min(len(text), f.end + 40)
            samples[f.code].append(f"{name}:{f.line}:{f.column} {text[a:b]!r}")
    total = sum(per_rule.values())
    print(f"corpus: {corpus}: {words:,} words; {total} findings = {10000 * total / max(words, 1):.2f} per 10k words")
    for rule, n in sorted(per_rule.items()):
        print(f"  {rule:<36} {n:>5}  {10000 * n / words:.3f} per 10k words")
    rnd = random.Random(seed)
    for code, items in sorted(samples.items()):
        for s in rnd.sample(items, min(show, len(items))):
            print(f"    sample {code}: {s}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labels", help="labels TSV, or - to print only per-10k-word rates")
    ap.add_argument("corpus")
    ap.add_argument("--show", type=int, default=5, help="misses, OK flags and samples to print")
    ap.add_argument("--select", default="")
    ap.add_argument("--pack", action="append", default=[])
    ap.add_argument("--no-rates", action="store_true", help="skip the whole-corpus rates")
    args = ap.parse_args()
    check = make_checker(args.select, args.pack)
    if args.labels != "-":
        header = Path(args.labels).read_text(encoding="utf-8").split("\n", 1)[0].split("\t")
        if "variant_a" in header:
            from eval_names import evaluate_name_labels  # the name-variant label format

            r = evaluate_name_labels(args.labels, args.corpus)
            print(f"labels: {args.labels}")
            print(f"  name variants  ERROR recall: {r['error_found']}/{r['error']} = "
                  f"{100 * r['error_found'] / max(r['error'], 1):.1f}%")
            print(f"  name variants  OK pairs flagged: {r['ok_flagged']}/{r['ok']} = "
                  f"{100 * r['ok_flagged'] / max(r['ok'], 1):.1f}%")
            print(f"  name variants  UNSURE flagged: {r['unsure_flagged']}/{r['unsure']}")
            for m in r["missed"][: args.show]:
                print(f"    missed: {m}")
            for m in r["false_alarms"][: args.show]:
                print(f"    OK flagged: {m}")
        else:
            evaluate_errors(args.labels, args.corpus, check, args.show)
    if not args.no_rates:
        rates(args.corpus, check, args.show)


if __name__ == "__main__":
    main()
