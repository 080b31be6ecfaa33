#!/usr/bin/env python3
"""Measure the name rules on the corpus (which stays outside the repository).

    python scripts/eval_names.py labels ../shared/corpus/labels/dev-bbc-name-variants.tsv ../shared/corpus/bbc
    python scripts/eval_names.py rate ../shared/corpus/bbc [--duplicates ../shared/corpus/bbc-duplicates.tsv]
    python scripts/eval_names.py rate ../shared/corpus/reuters.jsonl [--show N]
    python scripts/eval_names.py speed ../shared/corpus/bbc

`labels` prints recall on ERROR pairs and the share of OK pairs flagged; `rate` prints
name findings (NM001) per 10k words, and with --show N prints N findings to read by hand.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from copycheck.document import Document  # noqa: E402
from corpus import load  # noqa: E402
from copycheck.engine import RuleSet, check_document  # noqa: E402
from copycheck.registry import builtin_rules  # noqa: E402


def _rule(code: str = "NM001"):
    return next(r for r in builtin_rules() if r.code == code)


def name_findings(text: str, path: str = "x.txt", code: str = "NM001"):
    """NM001 findings for one text."""
    return check_document(Document.from_text(text, path), RuleSet((_rule(code),)))[0]


def evaluate_name_labels(tsv_path: str, corpus_path: str) -> dict:
    """Recall on ERROR pairs and OK pairs flagged, for a name-variant labels TSV."""
    rows = list(csv.DictReader(open(tsv_path, encoding="utf-8"), delimiter="\t"))
    cache: dict[str, list] = {}
    result = {"error": 0, "error_found": 0, "ok": 0, "ok_flagged": 0, "unsure": 0, "unsure_flagged": 0,
              "missed": [], "false_alarms": []}
    for row in rows:
        file = row["file"]
        if file not in cache:
            text = (Path(corpus_path) / file).read_text(encoding="utf-8", errors="replace")
            cache[file] = [(text[f.start:f.end], f.message) for f in name_findings(text, file)]
        a, b = row["variant_a"], row["variant_b"]
        flagged = any(
            (a in span and f"“{b}" in msg) or (b in span and f"“{a}" in msg) or
            (a in span and b in msg) or (b in span and a in msg)
            for span, msg in cache[file]
        )
        label = row["label"].upper()
        key = {"ERROR": "error", "OK": "ok", "UNSURE": "unsure"}.get(label)
        if key is None:
            continue
        result[key] += 1
        if flagged:
            result[{"error": "error_found", "ok": "ok_flagged", "unsure": "unsure_flagged"}[key]] += 1
        if key == "error" and not flagged:
            result["missed"].append(f"{file} {a}/{b}")
        if key == "ok" and flagged:
            result["false_alarms"].append(f"{file} {a}/{b}")
    result["recall"] = result["error_found"] / result["error"] if result["error"] else 0.0
    result["ok_flagged_share"] = result["ok_flagged"] / result["ok"] if result["ok"] else 0.0
    return result


def rate(corpus: str, duplicates: str | None = None, show: int = 0, code: str = "NM001") -> dict:
    """Name findings per 10k words over a corpus, and a random sample to read."""
    words = 0
    found = []
    for name, text in load(corpus, duplicates=duplicates):
        words += len(text.split())
        for f in name_findings(text, name, code):
            a, b = text.rfind("\n", 0, f.start) + 1, text.find("\n", f.end)
            line = text[a:b if b >= 0 else len(text)]
            lo = max(0, f.start - a - 60)
            found.append((name, f.line, f.column, f.message, line[lo:f.end - a + 40]))
    out = {"words": words, "findings": len(found), "per_10k": 10000 * len(found) / max(1, words)}
    if show:
        random.Random(4).shuffle(found)
        out["sample"] = found[:show]
    return out


def speed(corpus: str, repeat: int = 3) -> dict:
    """CPU seconds (best of `repeat`) for the non-name rules and for the name rules, in process.

    Documents are decoded and masked outside the timing, and rebuilt for every round so that
    no per-document cache carries over; the name figure includes the cross-file phase.
    """
    import time

    from copycheck.names import repo
    from copycheck.selection import select_rules

    rules = select_rules(builtin_rules(), (), ())
    others = RuleSet(tuple(r for r in rules if not r.code.startswith("NM")))
    names = RuleSet(tuple(r for r in rules if r.code.startswith("NM")))
    texts = list(load(corpus, duplicates=None))
    best = {"others": float("inf"), "names": float("inf")}
    for _ in range(repeat):
        for key, rs in (("others", others), ("names", names)):
            docs = [Document.from_text(t, n) for n, t in texts]
            t0 = time.process_time()
            stats = []
            for d in docs:
                check_document(d, rs)
                if key == "names":
                    stats.append(repo.collect(d))
            if key == "names":
                repo.find(stats)
            best[key] = min(best[key], time.process_time() - t0)
    return {"files": len(texts), **best}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    lab = sub.add_parser("labels")
    lab.add_argument("tsv")
    lab.add_argument("corpus")
    r = sub.add_parser("rate")
    r.add_argument("corpus")
    r.add_argument("--duplicates")
    r.add_argument("--show", type=int, default=0)
    r.add_argument("--code", default="NM001")
    sp = sub.add_parser("speed")
    sp.add_argument("corpus")
    args = p.parse_args()
    if args.mode == "labels":
        res = evaluate_name_labels(args.tsv, args.corpus)
        print(f"ERROR pairs found: {res['error_found']}/{res['error']} (recall {res['recall']:.1%})")
        print(f"OK pairs flagged:  {res['ok_flagged']}/{res['ok']} ({res['ok_flagged_share']:.1%})")
        print(f"UNSURE flagged:    {res['unsure_flagged']}/{res['unsure']}")
        for m in res["missed"]:
            print("  missed:", m)
        for m in res["false_alarms"]:
            print("  false alarm:", m)
    elif args.mode == "speed":
        res = speed(args.corpus)
        print(f"{res['files']} files: other rules {res['others']:.2f} s CPU, name rules {res['names']:.2f} s CPU "
              f"(best of 3, decoding and masking excluded)")
    else:
        res = rate(args.corpus, args.duplicates, args.show, args.code)
        print(f"{res['findings']} findings in {res['words']:,} words: {res['per_10k']:.2f} per 10k words")
        for name, line, col, msg, ctx in res.get("sample", []):
            print(f"- {name}:{line}:{col}: {msg}\n    {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
