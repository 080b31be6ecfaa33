"""Measure rule packs on a corpus: speed against core only, and findings per 10k words.

    python scripts/bench_packs.py ../shared/corpus/bbc --duplicates ../shared/corpus/bbc-duplicates.tsv
    python scripts/bench_packs.py ../shared/corpus/bbc --sample 10   # also print hits to read by hand

The corpus is read, never copied; the synthetic 5,000-entry pack is generated at run time
from random letters into a temporary file.
"""
from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copycheck.document import Document  # noqa: E402
from corpus import load  # noqa: E402
from copycheck.engine import RuleSet, check_document  # noqa: E402
from copycheck.packs import load_pack_file, load_packs  # noqa: E402
from copycheck.registry import load_rules  # noqa: E402
from copycheck.selection import select_rules  # noqa: E402


def synthetic_pack(n: int, seed: int = 7) -> str:
    """A substitution pack of n random-letter forms (a few multi-word), as TOML text."""
    rng = random.Random(seed)
    seen: set[str] = set()
    lines = ['[[rule]]', 'code = "SY001"', 'name = "synthetic-swap"', 'kind = "substitution"',
             'message = "Write {replacement}, not {match}."', "ignore-case = true", "[rule.swap]"]
    while len(seen) < n:
        words = [''.join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 11)))
                 for _ in range(1 if rng.random() < 0.8 else 2)]
        form = " ".join(words)
        if form in seen:
            continue
        seen.add(form)
        lines.append(f'"{form}" = "{form}x"')
    return "\n".join(lines) + "\n"


def fresh(texts: list[tuple[str, str]]) -> list[Document]:
    return [Document.from_text(text, rel) for rel, text in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--duplicates", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sample", type=int, default=0, help="print this many random hits per pack rule")
    ap.add_argument("--packs", default="ap,wordiness")
    ap.add_argument("--cli", action="store_true",
                    help="also time the real command line (--jobs 1, json to /dev/null) for each setup")
    args = ap.parse_args()
    texts = list(load(args.corpus, duplicates=args.duplicates))
    words = sum(len(t.split()) for _, t in texts)
    print(f"corpus: {len(texts)} files, {words} words")

    core = RuleSet(tuple(select_rules(load_rules(()), (), ())))
    tmp = tempfile.TemporaryDirectory()
    synth_path = os.path.join(tmp.name, "synthetic.toml")
    Path(synth_path).write_text(synthetic_pack(5000), encoding="utf-8")
    t = time.perf_counter()
    synth = load_pack_file(synth_path)
    synth_load = time.perf_counter() - t
    setups = {"core": core}
    for pack in args.packs.split(","):
        setups[f"core+{pack}"] = RuleSet(core.rules + tuple(load_packs([pack])))
    setups["core+synthetic5000"] = RuleSet(core.rules + tuple(synth))
    print(f"synthetic 5,000-entry pack compiled in {synth_load * 1000:.0f} ms")

    # Per-document facts (line index, quotations) are cached on the Document, so each timing
    # gets fresh documents and pays the same per-document costs as a real run. Setups are
    # interleaved and the best of `repeat` rounds kept, so a busy machine skews them alike.
    best = {label: float("inf") for label in setups}
    for _ in range(args.repeat):
        for label, ruleset in setups.items():
            docs = fresh(texts)
            # CPU time of this process: other work on a shared machine does not count.
            t = time.process_time()
            for doc in docs:
                check_document(doc, ruleset)
            best[label] = min(best[label], time.process_time() - t)
    for label, secs in best.items():
        print(f"{label:<22} {secs:7.3f} s CPU   {secs / best['core']:5.2f}x core")

    # The whole-run ratios above move by ±20% on a busy machine. The added cost of each pack is
    # steadier measured alone: its rules on documents whose shared facts are already computed.
    docs = fresh(texts)
    core_warm = float("inf")
    for _ in range(args.repeat):
        t = time.process_time()
        for doc in docs:
            check_document(doc, core)
        core_warm = min(core_warm, time.process_time() - t)
    print(f"\nadded CPU per pack (its rules alone, documents warm), against core {best['core']:.3f} s cold:")
    for label, ruleset in setups.items():
        if label == "core":
            continue
        extra = RuleSet(ruleset.rules[len(core.rules):])
        added = float("inf")
        for _ in range(args.repeat):
            t = time.process_time()
            for doc in docs:
                check_document(doc, extra)
            added = min(added, time.process_time() - t)
        print(f"{label:<22} +{added:6.3f} s   {(best['core'] + added) / best['core']:5.2f}x core")

    if args.cli:
        cli_setups = {"core": []}
        for pack in args.packs.split(","):
            cli_setups[f"core+{pack}"] = ["--pack", pack]
        cli_setups["core+synthetic5000"] = ["--pack", synth_path]
        cli_best = {label: float("inf") for label in cli_setups}
        root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": root}
        for _ in range(args.repeat):
            for label, extra in cli_setups.items():
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "copycheck", str(args.corpus), "--isolated", "--jobs", "1",
                                "--format", "json", *extra], stdout=subprocess.DEVNULL, env=env, check=False)
                cli_best[label] = min(cli_best[label], time.perf_counter() - t)
        print("\ncommand line, whole corpus (duplicates included), --jobs 1:")
        for label, secs in cli_best.items():
            print(f"{label:<22} {secs:7.3f} s   {secs / cli_best['core']:5.2f}x core")
    tmp.cleanup()

    rng = random.Random(1)
    for pack in args.packs.split(","):
        rules = load_packs([pack])
        per_rule: Counter[str] = Counter()
        hits: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
        ruleset = RuleSet(tuple(rules))
        for doc in fresh(texts):
            for f in check_document(doc, ruleset)[0]:
                per_rule[f"{f.code} {f.name}"] += 1
                a = doc.source.rfind("\n", 0, f.start) + 1
                lo, hi = max(a, f.start - 60), min(len(doc.source), f.end + 60)
                ctx = doc.source[lo:f.start] + "[[" + doc.source[f.start:f.end] + "]]" + doc.source[f.end:hi]
                hits[f"{f.code} {f.name}"].append((doc.path, f.line, ctx.replace("\n", " "), f.message))
        total = sum(per_rule.values())
        print(f"\npack {pack}: {total} findings, {total * 10000 / words:.2f} per 10k words")
        for rule in rules:
            key = f"{rule.code} {rule.name}"
            print(f"  {key:<32} {per_rule[key]:6d}  {per_rule[key] * 10000 / words:6.2f} per 10k words")
            if args.sample and hits[key]:
                for path, line, ctx, _ in rng.sample(hits[key], min(args.sample, len(hits[key]))):
                    print(f"      {path}:{line}: {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
