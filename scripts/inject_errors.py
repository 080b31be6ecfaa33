#!/usr/bin/env python3
"""Recall on errors injected into real articles: its/it's both ways, and doubled words.

Usage: python scripts/inject_errors.py CORPUS [--per-class N] [--seed S] [--show K] [--only CLASS] [--skip-flagged]
CORPUS is a folder of .txt/.md files (BBC) or a .jsonl file (Reuters prose; tabular stories skipped).
For each class, N sites are drawn at random from correct text; one error is made at each, the
article is checked, and the error counts as caught when the class's rule flags the changed span.
--skip-flagged leaves out sites where the rule already flags the unchanged article: there the
article itself has the error (an "its" that should be "it's"), so the "injected" change corrects
it. Read the rule's findings on the corpus by hand before trusting that count.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import load  # noqa: E402

_CONTRACTED = re.compile(r"(?<![\w'’])([Ii]t)(['’])s\b")
_POSSESSIVE = re.compile(r"(?<![\w'’])([Ii])ts\b(?=[ \t])")
_WORD = re.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")


def sites(name: str, text: str):
    """Yield (class, start, end, changed text) for every place an error could be made."""
    for m in _CONTRACTED.finditer(text):
        yield "its_contraction_written_its", m.start(), m.start() + 3, text[:m.start()] + m.group(1) + "s" + text[m.end():]
    for m in _POSSESSIVE.finditer(text):
        mark = "’" if "’" in text else "'"
        yield "its_possessive_written_its", m.start(), m.start() + 4, text[:m.start()] + m.group(1) + "t" + mark + "s" + text[m.end():]
    for m in _WORD.finditer(text):
        yield "repeated_word", m.start(), m.end() * 2 - m.start() + 1, text[:m.end()] + " " + m.group() + text[m.end():]


RULE = {"its_contraction_written_its": "TY004", "its_possessive_written_its": "TY004", "repeated_word": "TY001"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--per-class", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=10, help="misses to print per class (-1: all)")
    ap.add_argument("--only", default="", help="run only the classes whose name contains this")
    ap.add_argument("--skip-flagged", action="store_true",
                    help="leave out sites the rule already flags in the unchanged article (errors in the original)")
    args = ap.parse_args()

    from copycheck.document import Document
    from copycheck.engine import RuleSet, check_document
    from copycheck.registry import load_rules
    from copycheck.selection import select_rules

    rules = select_rules(load_rules(()), (), ())
    by_code = {code: RuleSet(tuple(r for r in rules if r.code == code)) for code in set(RULE.values())}
    pool: dict[str, list] = {}
    rng = random.Random(args.seed)
    articles = list(load(args.corpus))
    rng.shuffle(articles)
    for name, text in articles:
        for cls, start, end, changed in sites(name, text):
            bucket = pool.setdefault(cls, [])
            # Reservoir-free thinning: keep a few sites per article so many articles are sampled.
            if len(bucket) < args.per_class * 4 and rng.random() < (0.5 if cls != "repeated_word" else 0.01):
                bucket.append((name, start, end, changed))
    suffix = ".txt" if not args.corpus.endswith(".jsonl") else ".txt"
    originals = dict(articles) if args.skip_flagged else {}
    flagged_cache: dict[tuple[str, str], list] = {}
    # The script reads only findings, so a rule that crashes would look like a miss: count the
    # problems the engine reports and print the first, so a measurement cannot hide a crash.
    crashes: list[str] = []

    def check(text: str, code: str) -> list:
        """The rule's findings on one text; a problem the engine reports is counted as a crash."""
        found, problems = check_document(Document.from_text(text, "x" + suffix), by_code[code])
        crashes.extend(p.message for p in problems)
        return found

    def flagged_in_original(name: str, code: str, start: int, end: int) -> bool:
        key = (name, code)
        if key not in flagged_cache:
            flagged_cache[key] = check(originals[name], code)
        # The site's span in the original: the change is at most one character longer or shorter.
        return any(f.start < end and f.end > start - 1 for f in flagged_cache[key])

    for cls in sorted(c for c in pool if args.only in c):
        sample = rng.sample(pool[cls], min(args.per_class, len(pool[cls])))
        if args.skip_flagged:
            kept = [s for s in sample if not flagged_in_original(s[0], RULE[cls], s[1], s[2])]
            print(f"{cls}: {len(sample) - len(kept)} sites left out, flagged in the original")
            sample = kept
        caught, misses = 0, []
        before = len(crashes)
        for name, start, end, changed in sample:
            found = check(changed, RULE[cls])
            if any(f.start < end and f.end > start for f in found):
                caught += 1
            else:
                # The injected span is shown in [brackets] so the evidence around it is easy to read.
                ctx = changed[max(0, start - 50):start] + "[" + changed[start:end] + "]" + changed[end:end + 50]
                misses.append(ctx.replace("\n", " "))
        print(f"{cls}: {caught}/{len(sample)} caught ({caught / max(1, len(sample)):.1%})")
        if len(crashes) > before:
            print(f"   RULE PROBLEMS: {len(crashes) - before} (first: {crashes[before]})")
        for ctx in misses if args.show < 0 else misses[:args.show]:
            print("   miss:", ctx)
    if crashes:
        print(f"RULE PROBLEMS in all: {len(crashes)}; first: {crashes[0]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
