"""`copycheck names PATHS`: the repository's names with their variants, and the name index."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ..cli import EXIT_CLEAN, EXIT_ERROR, UsageError


def cmd_names(argv: Sequence[str]) -> int:
    """List names with spelling variants and counts (rich table or JSON); optionally write the index."""
    from ..engine import Problem, RuleSet
    from ..files import discover
    from ..registry import builtin_rules
    from ..runner import RunOptions, default_jobs, run
    from .index import INDEX_FILE, write_index
    from .report import table

    p = argparse.ArgumentParser(
        prog="copycheck names",
        description="List the names used in PATHS with their spelling variants, file counts and counts: "
        "the starting point of a house name list.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--all", action="store_true", help="list every name, not only names with variants")
    p.add_argument("--min-files", type=int, default=1, metavar="N", help="only names used in at least N files")
    p.add_argument("--write-index", nargs="?", const=INDEX_FILE, metavar="FILE",
                   help=f"also write the name index that checks compare against (default: {INDEX_FILE})")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N")
    args = p.parse_args(argv)

    nm003 = tuple(r for r in builtin_rules() if r.code == "NM003")
    sources, problems = [], []
    for item in discover(args.paths):
        (problems if isinstance(item, Problem) else sources).append(item)
    if not sources and not problems:
        raise UsageError("no files to read")
    jobs = args.jobs if args.jobs > 0 else default_jobs()
    results = run(sources, lambda _p: RuleSet(nm003), RunOptions(), jobs)
    problems.extend(pr for r in results for pr in r.problems if pr.fatal)
    files = [r.names for r in results if r.names is not None]
    if args.write_index:
        write_index(files, args.write_index)
    rows = [r for r in table(files, args.min_files) if args.all or r["variants"]]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(rows, len(files))
    for pr in problems:
        print(f"copycheck: error: {pr.path}: {pr.message}", file=sys.stderr)
    return EXIT_ERROR if problems else EXIT_CLEAN


def _print_table(rows: list[dict], nfiles: int) -> None:
    if not rows:
        # An empty table says nothing; say what was looked for.
        print(f"No name is spelled more than one way in {nfiles} file{'s' if nfiles != 1 else ''}.")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True, emoji=False)
    t = Table(title=f"Names in {nfiles} file{'s' if nfiles != 1 else ''}",
              caption="? = a house-style question: forms each used in several files")
    t.add_column("name")
    t.add_column("files", justify="right")
    t.add_column("count", justify="right")
    t.add_column("variants (files, count, example)")
    for r in rows:
        variants = "; ".join(f"{v['form']}{'?' if v.get('question') else ''} ({v['files']}, {v['count']}, {v['example']})"
                             for v in r["variants"])
        t.add_row(r["name"], str(r["files"]), str(r["count"]), variants)
    console.print(t)
