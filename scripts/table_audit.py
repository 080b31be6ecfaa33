#!/usr/bin/env python3
"""Tables on real copy: findings on table layout, and table rows that safe --fix would change.

Usage: python scripts/table_audit.py REUTERS.jsonl [--show N]
Reads the stories marked `tabular: true`, checks each with the default rules, and counts
(1) findings on a detected table row whose span covers a column gap (two or more spaces or a tab),
(2) findings of SP001 (double space) or TY001 (doubled word) on a table row, and
(3) table rows whose text differs after applying every safe fix (as plain --fix would).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_GAP = re.compile(r"(?<=\S)(?: {2,}|\t)(?=\S)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()

    from copycheck.document import Document
    from copycheck.engine import RuleSet, check_document
    from copycheck.fix import apply_fixes, choose_fixes
    from copycheck.registry import load_rules
    from copycheck.selection import select_rules

    ruleset = RuleSet(tuple(select_rules(load_rules(()), (), ())))
    stories = rows = layout = spacing = changed = prose_gap = 0
    shown = []
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec.get("tabular"):
                continue
            stories += 1
            doc = Document.from_text(rec["text"], f"{rec['id']}.txt")
            tables = doc.tables
            rows += len(tables.rows)
            findings, _ = check_document(doc, ruleset)
            for f in findings:
                row = tables.row_at(f.start)
                if row is None:
                    if _GAP.search(doc.text, f.start, f.end):
                        prose_gap += 1
                    continue
                if f.code in ("SP001", "TY001"):
                    spacing += 1
                if _GAP.search(doc.text, f.start, f.end) or (f.fix and _GAP.search(doc.text, f.fix.start, f.fix.end)):
                    layout += 1
                    shown.append(f"{rec['id']} {f.code}: {doc.text[row[0]:row[1]]!r}")
            fixed = apply_fixes(doc.text, choose_fixes(findings))
            if fixed != doc.text:
                after = Document.from_text(fixed, doc.path)
                old_rows = [doc.text[a:b] for a, b in tables.rows]
                new_lines = set(fixed.splitlines())
                for r in old_rows:
                    if r not in new_lines:
                        changed += 1
                        shown.append(f"{rec['id']} row changed by --fix: {r!r}")
                del after
    print(f"tabular stories: {stories}, table rows detected: {rows}")
    print(f"findings on table layout (span or fix covers a column gap): {layout}")
    print(f"SP001/TY001 findings on table rows: {spacing}")
    print(f"table rows changed by safe --fix: {changed}")
    print(f"findings covering a 2+ space gap outside detected rows: {prose_gap}")
    for s in shown[:args.show]:
        print("  ", s)


if __name__ == "__main__":
    main()
