"""`copycheck audit PATHS`: a whole archive on Dask (a LocalCluster, or a running scheduler)."""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from collections.abc import Sequence

from ..cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, _add_selection, _names_arg

INSTALL_HINT = "copycheck audit needs Dask; install it with: pip install 'copycheck[dask]'"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `copycheck audit`."""
    p = argparse.ArgumentParser(
        prog="copycheck audit",
        description="Audit a whole archive on Dask: every finding (--format json gives exactly the findings of "
        "`copycheck --format json`), names spelled two ways across the archive, per-rule and per-folder counts, "
        "an HTML report for the desk, and rule trials for a new pack.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (walked for .txt, .md and .html)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler (e.g. tcp://10.0.0.5:8786); its workers must see the same paths. "
                   "Default: start a local cluster")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="worker processes of the local cluster (default: the CPU count)")
    p.add_argument("--format", choices=("json", "text"), default="text",
                   help="json: every finding, as `copycheck --format json`; text: a summary (default)")
    p.add_argument("--report", metavar="FILE.html", help="also write a self-contained HTML report for the desk")
    p.add_argument("--trial", action="store_true",
                   help="with --pack FILE: run only that pack's rules and report hits, files hit and examples")
    p.add_argument("--fail-on", choices=("info", "warning", "error"), default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--max-file-size", type=int, default=10 * 1024 * 1024, metavar="BYTES")
    p.add_argument("--names", metavar="FILE", help="check names against a house name list (TOML, or `default`)")
    p.add_argument("--partition-files", type=int, default=0, metavar="N", help="files per map task (default: 100)")
    _add_selection(p)
    return p


def cmd_audit(argv: Sequence[str]) -> int:
    """Run the audit; exit 0 clean, 1 findings at --fail-on, 2 errors (as `copycheck check`)."""
    args = build_parser().parse_args(argv)
    try:
        import distributed  # noqa: F401  (the optional extra)
    except ImportError:
        print(f"copycheck: error: {INSTALL_HINT}", file=sys.stderr)
        return EXIT_ERROR
    if "-" in args.paths:
        raise UsageError("audit reads files, not standard input")
    if args.trial and not args.pack:
        raise UsageError("--trial needs --pack FILE (the pack whose rules to try)")
    from ..api import Linter, LinterConfig
    from ..config import ConfigError, resolve_cli_packs
    from ..model import Severity
    from . import names_bridge
    from .run import PARTITION_FILES, audit, connect

    try:
        packs = resolve_cli_packs(args.pack or ())
        cfg = LinterConfig(
            select=tuple(args.select) if args.select else None, extend_select=tuple(args.extend_select or ()),
            ignore=tuple(args.ignore or ()), packs=packs, names=_names_arg(args.names),
            fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
            config_file=os.path.abspath(args.config) if args.config else None, isolated=args.isolated)
        trial_rules = _trial_rules(packs) if args.trial else ()
        if args.trial:
            cfg = replace(cfg, select=tuple(r.code for r in trial_rules), extend_select=())
        linter = Linter.from_config(cfg)
        items, problems, nm003, summaries = _items(args.paths, linter)
    except (ConfigError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    started = time.perf_counter()
    client, cluster = connect(args.scheduler, args.workers or _cpus())
    try:
        result = audit(client, items, cfg, max_bytes=args.max_file_size, nm003=nm003,
                       partition_files=args.partition_files or PARTITION_FILES)
    except ValueError as exc:  # bad input found by the run (a name index that cannot be read is only a note)
        raise UsageError(str(exc)) from None
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    try:
        return _report(args, result, problems, summaries, trial_rules, time.perf_counter() - started, names_bridge)
    finally:
        result.close()


def _report(args, result, problems, summaries, trial_rules, seconds, names_bridge) -> int:
    from .output import trial_rows, write_json_findings, write_text_summary, write_trial

    read_problems = []

    def results():
        for r in result.results():
            read_problems.extend(r.problems)
            yield r

    if args.format == "json" and not args.trial:
        write_json_findings(results(), sys.stdout)
    else:
        for _ in results():
            pass
    rows = names_bridge.variant_table(result.best)
    if args.trial:
        write_trial(trial_rows(result.stats, trial_rules), result.stats.files, args.format, sys.stdout)
    elif args.format == "text":
        write_text_summary(result.stats, rows, summaries, sys.stdout)
    if args.report:
        from .report import render_html

        html = render_html(result.stats, rows, summaries, paths=args.paths, seconds=seconds,
                           trial=[r.code for r in trial_rules] if args.trial else None)
        tmp = f"{args.report}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(html)
        os.replace(tmp, args.report)
    sys.stdout.flush()
    all_problems = [*problems, *read_problems]
    for p in all_problems:
        print(f"copycheck: {'error' if p.fatal else 'note'}: {p.path}: {p.message}", file=sys.stderr)
    if args.report:
        print(f"copycheck: report written to {args.report}", file=sys.stderr)
    if any(p.fatal for p in all_problems):
        return EXIT_ERROR
    if args.trial:
        return EXIT_CLEAN
    return EXIT_FINDINGS if result.stats.failed else EXIT_CLEAN


def _cpus() -> int:
    from ..runner import default_jobs

    return default_jobs()


def _trial_rules(packs: Sequence[str]):
    """The rules of the --pack files under trial, in pack order."""
    from ..packs import load_packs

    rules = load_packs(packs)
    if not rules:
        raise UsageError("--trial: the given packs hold no rules")
    return tuple(rules)


def _items(paths: Sequence[str], linter):
    """Files to check (as `copycheck check` finds them) with their folders; problems; the NM003 rule
    (code, name, severity) if any file runs it; and the summary of every rule that may run."""
    from ..engine import Problem
    from ..files import discover
    from .tasks import Item

    items, problems, nm003, summaries, seen = [], [], None, {}, set()
    for raw in paths:
        for s in discover([raw]):
            if isinstance(s, Problem):
                problems.append(s)
                continue
            if linter.resolver.is_excluded(s.path):
                continue
            config_path = os.path.abspath(s.path)
            rs = linter.ruleset_for(config_path)  # a bad configuration stops the run here, with exit 2
            if id(rs) not in seen:
                seen.add(id(rs))
                summaries.update((r.code, r.summary) for r in rs.rules)
            if nm003 is None and rs.cross_file:
                rule = next(r for r in rs.rules if r.cross_file)
                nm003 = (rule.code, rule.name, rs.severity_for(rule))
            items.append(Item(os.path.abspath(s.path), s.display, config_path, _folder(raw, s.path)))
    return items, problems, nm003, summaries


def _folder(raw: str, path: str) -> str:
    """The folder (desk) a file belongs to, relative to the path it was found under."""
    if os.path.isdir(raw):
        rel = os.path.relpath(os.path.dirname(path), raw)
        return "(top level)" if rel == "." else rel.replace(os.sep, "/")
    return os.path.dirname(raw) or "."
