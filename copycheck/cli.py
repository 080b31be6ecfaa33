"""Command line: parses arguments, wires discovery, engine and formatters, sets the exit code."""
from __future__ import annotations

import argparse
import gc
import os
import sys
from dataclasses import replace
from collections.abc import Sequence

from . import __version__
from .formatters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130
SUBCOMMANDS = ("check", "rules", "rule", "config", "names")


class UsageError(Exception):
    """A bad argument or configuration: reported on stderr, exit 2."""


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _positive(value: str) -> int:
    """A whole number above zero (argparse reports anything else as a usage error)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def _safe_output(fmt: str) -> None:
    """Make stdout and stderr unable to crash on a character: machine formats are UTF-8 whatever
    the console says (a Windows pipe is cp1252), human ones replace what the encoding cannot show."""
    for stream, kwargs in ((sys.stdout, {"encoding": "utf-8", "errors": "backslashreplace"}
                            if fmt in ("json", "sarif", "rdjsonl", "github") else {"errors": "replace"}),
                           (sys.stderr, {"errors": "backslashreplace"})):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(**kwargs)


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
        "Other commands: `copycheck rules`, `copycheck rule CODE`, `copycheck config [PATH]`, "
        "`copycheck names` (how names are spelt across files).",
        # add_argument builds a formatter per argument to check its metavar, and a formatter with
        # no width asks shutil for the terminal's (4 ms of a 60 ms cold start, for a width unused).
        formatter_class=lambda prog: argparse.HelpFormatter(prog, width=80),
    )
    p.add_argument("paths", nargs="*", default=None, metavar="PATH",
                   help="files or directories (walked for .txt, .md and .html; default: .); - reads standard input")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="output format (sarif and rdjsonl convert columns to UTF-16 units and UTF-8 bytes)")
    p.add_argument("--fail-on", choices=("info", "warning", "error"), default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix, apply unsafe fixes too")
    p.add_argument("--stdin-filename", default="<stdin>", metavar="NAME", help="name shown for standard input")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes (default: the CPU count for large runs)")
    p.add_argument("--max-file-size", type=_positive, default=10 * 1024 * 1024, metavar="BYTES",
                   help="skip larger files with an error (default: 10 MiB)")
    p.add_argument("--names", metavar="FILE",
                   help="check names against a house name list (a TOML file, or `default` for the shipped example)")
    p.add_argument("--no-progress", action="store_true",
                   help="no progress bar (it shows only on a terminal, for runs of 200 files or more)")
    p.add_argument("--version", action="version", version=f"copycheck {__version__}")
    _add_selection(p)
    _add_ci(p)
    p.formatter_class = argparse.HelpFormatter  # --help and usage errors fit the terminal
    return p


def _add_ci(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("CI: baselines, diffs, statistics, grammar")
    g.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline file")
    g.add_argument("--write-baseline", metavar="FILE", help="record the current findings in this baseline file")
    g.add_argument("--diff", action="store_true",
                   help="print the fixes --fix would apply as a unified diff; write nothing (exit 1 if any)")
    g.add_argument("--statistics", action="store_true",
                   help="one line per rule: count, code, name, fixable, an example (JSON with --format json)")
    g.add_argument("--grammar", action="store_true", help="switch on LanguageTool grammar checks (LT001)")


# Set by console(), which ends the process with os._exit: what a check built is kept here
# rather than freed object by object when _run_check returns (BBC: ~20 ms of a run's tail).
_KEPT_FOR_EXIT: list | None = None


def console() -> None:
    """The `copycheck` command (and `python -m copycheck`): main(), then exit with its code."""
    global _KEPT_FOR_EXIT
    _KEPT_FOR_EXIT = []
    code = main()
    if sys.argv[1:2] and sys.argv[1] in ("lsp", "serve", "audit"):
        sys.exit(code)  # long-running front ends shut their servers and workers down the usual way
    _exit_now(code)


def _exit_now(code: int) -> None:
    """Exit once output is flushed and exit handlers have run, without freeing every object.

    At exit CPython tears down each module and object in turn: for a one-article run that is
    about 7 ms, a tenth of its time, spent returning memory the system takes back anyway.
    """
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)  # another thread is still running: let the interpreter wait for it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`copycheck … | head`): nothing more can be written
        pass
    import atexit

    atexit._run_exitfuncs()  # what handlers were registered still run
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (argv defaults to sys.argv[1:]); returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in ("lsp", "serve"):  # long-running front ends, each in its own module
            from importlib import import_module

            return import_module(f".{argv[0]}", __package__).main(argv[1:])
        if argv and argv[0] == "audit":  # whole-archive audits on Dask, in their own package
            from .audit.cli import cmd_audit

            return cmd_audit(argv[1:])
        if argv and argv[0] in SUBCOMMANDS[1:]:
            from . import commands

            _safe_output("json" if "json" in argv else "text")
            return getattr(commands, f"cmd_{argv[0]}")(argv[1:])
        if argv and argv[0] == "check":
            argv = argv[1:]
        return run_check(build_parser().parse_args(argv))
    except UsageError as exc:
        print(f"copycheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # `copycheck … | head` is fine
        return EXIT_FINDINGS
    except Exception as exc:  # noqa: BLE001 - a bug must not pass for "findings" (exit 1)
        print(f"copycheck: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback, the shell's code for SIGINT
        print("copycheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def make_resolver(args: argparse.Namespace):
    """Configuration per file: files found by walking up (or --config / --isolated), CLI on top."""
    from .config import ConfigError, Overrides, Resolver, resolve_cli_packs
    from .model import Severity

    try:
        overrides = Overrides(
            select=tuple(args.select) if args.select else None,
            extend_select=(*(args.extend_select or ()), *(("LT001",) if getattr(args, "grammar", False) else ())),
            ignore=tuple(args.ignore or ()),
            packs=resolve_cli_packs(args.pack or ()),
            fail_on=Severity.parse(args.fail_on) if args.fail_on else None,
            names=_names_arg(args.names),
        )
        return Resolver(overrides, args.config, args.isolated)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _names_arg(value: str | None) -> str | None:
    """--names: `default`, or a path made absolute against the working directory."""
    return value if value in (None, "default") else os.path.abspath(value)


def _add_cross_file_findings(results, rulesets, tallied=None):
    """The report phase after every worker: names spelled one way in most files (NM003).

    tallied: a names.repo.RunTally fed each result as it arrived, or None."""
    ruleset = next((rs for rs in rulesets.values() if rs.cross_file), None)
    if ruleset is None:
        return results
    from .names.repo import add_findings

    # run_check has collections off for this phase too (see there).
    try:
        results = add_findings(results, ruleset, tallied=tallied)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    # A file whose own configuration leaves NM003 out keeps none of its findings.
    keep = {path for path, rs in rulesets.items() if rs.cross_file}
    return [r if r.path in keep else replace(r, findings=tuple(f for f in r.findings if f.code != "NM003"))
            for r in results]


def _run_tally(rulesets):
    """A names.repo.RunTally when a cross-file rule runs: the names are tallied as results arrive."""
    if not any(rs.cross_file for rs in rulesets.values()):
        return None
    from .names.repo import RunTally

    return RunTally()


def _both(first, second):
    """One callback that calls two, in turn."""
    def call(result) -> None:
        first(result)
        second(result)

    return call


def _config_path(path: str, stdin_filename: str) -> str:
    """The path whose configuration applies: standard input takes that of --stdin-filename's
    folder, else of the working directory."""
    if path != "-":
        return path
    return stdin_filename if stdin_filename != "<stdin>" else os.path.join(os.getcwd(), "-")


def run_check(args: argparse.Namespace) -> int:
    """Check the given paths and print findings; the exit code follows --fail-on."""
    # No collections from here to the end of the run. Start-up (imports, rules, configuration)
    # builds what lives for the whole run, and documents and their facts are freed by reference
    # counting (a run leaves no cycles behind), while the results a run keeps would be rescanned
    # by every collection: on BBC about 4% of a run spent finding nothing, and a fifth of the
    # cross-file phase; on one article, 20 collections and about 7 ms of start-up.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_check(args)
    finally:
        # What the run built joins the oldest generation, so the next collection (once they are
        # enabled again) does not scan it all; main() may be called again in one process (tests, the API).
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def _run_check(args: argparse.Namespace) -> int:
    """run_check, with collections off."""
    from .engine import Problem
    from .files import Source, discover
    from .formatters import get
    from .runner import RunOptions, Streamed, iter_run, run

    _safe_output(args.format)
    args.paths = args.paths or ["."]  # as ruff does: no path checks the working folder
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix or --diff")
    from . import ci

    baseline = ci.check_options(args, UsageError)
    resolver = make_resolver(args)
    sources: list[Source] = []
    problems: list[Problem] = []
    for item in discover(args.paths, args.stdin_filename):
        (problems if isinstance(item, Problem) else sources).append(item)
    lookup = {s.path: _config_path(s.path, args.stdin_filename) for s in sources}
    try:
        resolver.add_files(s.path for s in sources if s.path != "-")
        sources = [s for s in sources if s.path == "-" or not resolver.is_excluded(s.path)]
        # Built here, before any worker starts, so a configuration error stops the run with exit 2.
        rulesets = {s.path: resolver.ruleset_for(lookup[s.path]) for s in sources}
        fail_on = {s.display: resolver.settings_for(lookup[s.path]).fail_on for s in sources}
        if not sources:
            resolver.ruleset_for(os.getcwd())  # still report a bad --select or configuration
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not sources and not problems:
        # Nothing to check is worth saying: a wrong path or an exclude that swallows everything.
        print("copycheck: warning: no files to check (none found, or every one excluded)", file=sys.stderr)
        return EXIT_CLEAN
    opts = RunOptions(fix=args.fix or args.diff, unsafe_fixes=args.unsafe_fixes, max_bytes=args.max_file_size,
                      write=not args.diff)
    from .progress import progress, shown

    code = None
    with ci.grammar_session(rulesets.values(), UsageError) as threads:
        # Nothing waits for every file (no cross-file rule, no bar, no baseline, diff or
        # statistics, no grammar threads): format results as they come.
        streams = (not threads and not shown(len(sources), not args.no_progress)
                   and not any(rs.cross_file for rs in rulesets.values())
                   and baseline is None and not (args.write_baseline or args.diff or args.statistics))
        if streams:
            results = Streamed(iter_run(sources, rulesets.__getitem__, opts, args.jobs))
            render = None
        else:
            tallied = _run_tally(rulesets)
            with progress(len(sources), enabled=not args.no_progress) as bar:
                advance = bar if tallied is None else _both(bar, tallied.add)
                results = ci.run_threaded(sources, rulesets.__getitem__, opts, threads, advance) if threads \
                    else run(sources, rulesets.__getitem__, opts, args.jobs, advance)  # --jobs 0: auto
            results = _add_cross_file_findings(results, rulesets, tallied)
            results, render, code = ci.report(args, results, rulesets, sources, baseline, problems)
        (render or get(args.format))(results, sys.stdout)
        sys.stdout.flush()
    problems.extend(p for r in results for p in r.problems)
    if _KEPT_FOR_EXIT is not None:
        _KEPT_FOR_EXIT.append(locals())  # the results, tally and sources: see _KEPT_FOR_EXIT
    for p in problems:
        label = "error" if p.fatal else "note"
        print(f"copycheck: {label}: {p.path}: {p.message}", file=sys.stderr)
    if any(p.fatal for p in problems):
        return EXIT_ERROR
    if code is not None:  # --diff and --write-baseline set their own
        return code
    failed = any(f.severity >= fail_on[r.path] for r in results for f in r.findings)
    return EXIT_FINDINGS if failed else EXIT_CLEAN
