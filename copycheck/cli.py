"""Command line: parses arguments, wires discovery, engine and formatters, sets the exit code."""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "rules", "rule", "config", "names")


class UsageError(Exception):
    """A bad argument or configuration: reported on stderr, exit 2."""


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _add_selection(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("rule selection")
    g.add_argument("--select", type=_csv, action="extend", metavar="CODES",
                   help="only these rules (codes, code prefixes or names; comma-separated)")
    g.add_argument("--extend-select", type=_csv, action="extend", metavar="CODES",
                   help="rules to add to the selection")
    g.add_argument("--ignore", type=_csv, action="extend", metavar="CODES", help="rules to leave out")
    g.add_argument("--pack", type=_csv, action="extend", metavar="PACKS",
                   help="rule packs to switch on (built-in names or paths to .toml files)")
    g.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    g.add_argument("--isolated", action="store_true", help="ignore every configuration file")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `copycheck [check] PATHS`."""
    p = argparse.ArgumentParser(
        prog="copycheck",
        description="Check news copy for the errors a tired desk misses. "
        "Other commands: `copycheck rules`, `copycheck rule CODE`, `copycheck config [PATH]`.",
    )
    p.add_argument("paths", nargs="*", default=None, metavar="PATH",
                   help="files or directories (walked for .txt and .md); - reads standard input")
    p.add_argument("--format", choices=("text", "concise", "json"), default="text", help="output format")
    p.add_argument("--fail-on", choices=("info", "warning", "error"), default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix, apply unsafe fixes too")
    p.add_argument("--stdin-filename", default="<stdin>", metavar="NAME", help="name shown for standard input")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes (default: the CPU count for large runs)")
    p.add_argument("--max-file-size", type=int, default=10 * 1024 * 1024, metavar="BYTES",
                   help="skip larger files with an error (default: 10 MiB)")
    p.add_argument("--names", metavar="FILE",
                   help="check names against a house name list (a TOML file, or `default` for the shipped example)")
    p.add_argument("--version", action="version", version=f"copycheck {__version__}")
    _add_selection(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS[1:]:
            from . import commands

            return getattr(commands, f"cmd_{argv[0]}")(argv[1:])
        if argv and argv[0] == "check":
            argv = argv[1:]
        return run_check(build_parser().parse_args(argv))
    except UsageError as exc:
        print(f"copycheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `copycheck … | head` is fine
        return EXIT_FINDINGS


def make_settings(args: argparse.Namespace):
    """Settings from the command line (configuration files are layered in config.py)."""
    from .config import Settings
    from .model import Severity

    kw = {}
    if args.select:
        kw["select"] = tuple(args.select)
    if args.extend_select:
        kw["extend_select"] = tuple(args.extend_select)
    if args.ignore:
        kw["ignore"] = tuple(args.ignore)
    if args.pack:
        kw["packs"] = tuple(args.pack)
    if args.fail_on:
        kw["fail_on"] = Severity.parse(args.fail_on)
    return Settings(**kw)


def build_ruleset(settings):
    """Load and select the rules a Settings asks for, checking selectors for typos."""
    from .engine import RuleSet
    from .registry import load_rules
    from .selection import select_rules, unknown_selectors

    try:
        rules = load_rules(settings.packs)
    except (ValueError, OSError) as exc:
        raise UsageError(str(exc)) from None
    bad = unknown_selectors(rules, [*settings.select, *settings.extend_select, *settings.ignore])
    if bad:
        raise UsageError(f"unknown rule code or name: {', '.join(bad)} (see `copycheck rules`)")
    chosen = select_rules(rules, settings.select, settings.ignore, settings.extend_select)
    return RuleSet(tuple(chosen), settings.rules, settings.severity)


def run_check(args: argparse.Namespace) -> int:
    """Check the given paths and print findings; the exit code follows --fail-on."""
    from .engine import Problem
    from .files import Source, discover
    from .formatters import get
    from .runner import RunOptions, default_jobs, run

    if not args.paths:
        raise UsageError("no paths given (use `-` for standard input)")
    if args.unsafe_fixes and not args.fix:
        raise UsageError("--unsafe-fixes needs --fix")
    from .houselist import with_house_list

    try:
        settings = with_house_list(make_settings(args), args.names)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    ruleset = build_ruleset(settings)
    sources: list[Source] = []
    problems: list[Problem] = []
    for item in discover(args.paths, args.stdin_filename):
        (problems if isinstance(item, Problem) else sources).append(item)
    opts = RunOptions(fix=args.fix, unsafe_fixes=args.unsafe_fixes, max_bytes=args.max_file_size)
    jobs = args.jobs if args.jobs > 0 else default_jobs()
    results = run(sources, lambda _path: ruleset, opts, jobs)
    from .namerepo import add_findings

    try:
        results = add_findings(results, ruleset)  # names across files (NM003), after every worker
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    problems.extend(p for r in results for p in r.problems)
    get(args.format)(results, sys.stdout)
    sys.stdout.flush()
    for p in problems:
        label = "error" if p.fatal else "note"
        print(f"copycheck: {label}: {p.path}: {p.message}", file=sys.stderr)
    if any(p.fatal for p in problems):
        return EXIT_ERROR
    worst = max((f.severity for r in results for f in r.findings), default=None)
    return EXIT_FINDINGS if worst is not None and worst >= settings.fail_on else EXIT_CLEAN
