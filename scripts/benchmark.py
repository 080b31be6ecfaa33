#!/usr/bin/env python3
"""Speed as a user sees it: the whole copycheck CLI in fresh processes, against proselint in the same run.

Usage:
    nice python scripts/benchmark.py CORPUS [--proselint PATH] [--previous REF] [--jobs 1,2]
                                            [--runs 5] [--cold FILE] [--warm]

CORPUS is a folder of .txt/.md files (given to both tools as it is) or a .jsonl file with "text"
and "tabular" fields, whose non-tabular stories are written as files to a temporary folder first.

The headline is the median wall time of the `copycheck CORPUS` command in a fresh process (start-up,
reading, every default rule and the cross-file names phase included), for each --jobs value. The
tools are run in turn, round after round, so a busy machine slows all of them alike: compare the
ratios in one run, not seconds across runs.

proselint runs from its own virtual environment, so its dependencies never touch ours:

    python -m venv /work/proselint-venv && /work/proselint-venv/bin/pip install proselint

--previous REF also times an earlier version of copycheck: `git archive REF` unpacked into a temporary
folder and run with PYTHONPATH pointing there (the working tree is not touched).

copycheck is started as its installed console script starts it (the entry point named in
pyproject.toml's [project.scripts]), with PYTHONPATH naming the tree under test; `python -m copycheck`
would add runpy's import, which a user's `copycheck` command never pays.

--cold FILE times one article, cold: the CLI on that file against `proselint check FILE`.
--warm adds a second, labelled line: `check_document` in this process, after one untimed pass.

With a --jobs value N above 1, each round also runs N copies of `copycheck --jobs 1` at once: the
machine's ceiling (N times the time of one alone, over the time of N together) is the most any
parallel run could gain here, on a machine whose cores slow each other down (shared caches,
memory bandwidth, a busy host), so --jobs N's speedup is read against it.

Run this with a Python in which copycheck is installed as a wheel, or not at all: an editable
install (`pip install -e`) adds an import hook that every start pays (~13 ms here), which a
user's `pip install .` does not.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROSELINT = "/work/proselint-venv/bin/proselint"
DEFAULT_COLD = ROOT / "seeds" / "000_f1c6ae6c2e3769bb.txt"


@dataclass
class Tool:
    """One command line to time, with the environment it runs in."""

    label: str
    argv: list[str]
    env: dict[str, str]
    group: str = ""  # rows of one group (one --jobs value) are compared with the previous version's
    times: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def run(self, cwd: str) -> None:
        """One timed run in a fresh process; wait4 gives its peak RSS (largest process of the tree)."""
        t0 = time.perf_counter()
        proc = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=self.env)
        _, status, usage = os.wait4(proc.pid, 0)
        self.times.append(time.perf_counter() - t0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        self.rss_mb.append(usage.ru_maxrss / 1024)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{self.label}: exit code {proc.returncode} from {' '.join(self.argv)}")

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Together(Tool):
    """N copies of one command started at once; the time is until the last one ends."""

    copies: int = 2

    def run(self, cwd: str) -> None:
        t0 = time.perf_counter()
        procs = [subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                                  env=self.env) for _ in range(self.copies)]
        peak = 0.0
        for proc in procs:
            _, status, usage = os.wait4(proc.pid, 0)
            peak = max(peak, usage.ru_maxrss / 1024)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                raise SystemExit(f"{self.label}: exit code {status} from {' '.join(self.argv)}")
        self.times.append(time.perf_counter() - t0)
        self.rss_mb.append(peak)


def _env(pythonpath: Path | None) -> dict[str, str]:
    # Bytecode caches are written (one untimed run first), as `pip install` does for an installed copy.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


# A tree's entry point, as pyproject.toml's [project.scripts] names it ("copycheck.__main__:console").
_ENTRY_POINT = re.compile(r'^copycheck\s*=\s*"([\w.]+):(\w+)"', re.M)


def console_script(source: Path) -> str:
    """What pip's generated `copycheck` script runs for the tree at `source`: its entry point,
    called and its result made the exit code (trees before pyproject.toml named one: cli.console)."""
    try:
        found = _ENTRY_POINT.search((source / "pyproject.toml").read_text(encoding="utf-8"))
    except OSError:
        found = None
    module, func = found.groups() if found else ("copycheck.cli", "console")
    return f"import sys\nfrom {module} import {func}\nsys.exit({func}())"


def copycheck_tool(label: str, source: Path, target: str, jobs: str | None, fmt: str) -> Tool:
    """The CLI of the copycheck tree at `source`, on target; jobs None or 'auto' lets it choose."""
    argv = [sys.executable, "-c", console_script(source), target, "--no-progress", "--format", fmt]
    if jobs not in (None, "auto"):
        argv += ["--jobs", jobs]
    return Tool(label, argv, _env(source), group=jobs or "")


def proselint_tool(path: str, target: str) -> Tool:
    return Tool("proselint", [path, "check", target, "--output-format", "compact"], _env(None))


def previous_tree(ref: str, into: Path) -> Path:
    """An earlier version's files, unpacked by git archive (no checkout, no change to the repository)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def materialise(corpus: Path, into: Path) -> Path:
    """A .jsonl corpus as one file per non-tabular story, so both CLIs read files as users' do."""
    if corpus.is_dir():
        return corpus
    folder = into / "stories"
    folder.mkdir()
    with open(corpus, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            if rec.get("tabular"):
                continue
            name = "".join(c if c.isalnum() else "_" for c in str(rec.get("id", i)))
            (folder / f"{i:05d}_{name}.txt").write_text(rec["text"], encoding="utf-8")
    return folder


def corpus_size(folder: Path) -> tuple[int, int]:
    """Files and whitespace-separated words that the CLI walks (.txt/.md, no hidden files)."""
    files = words = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.endswith((".txt", ".md", ".markdown")) and not name.startswith("."):
                files += 1
                words += len(Path(root, name).read_text(encoding="utf-8", errors="replace").split())
    return files, words


def race(tools: list[Tool], runs: int, cwd: str) -> None:
    """One untimed run of each (caches), then `runs` rounds, each tool once per round, in turn."""
    for t in tools:
        t.run(cwd)
        t.times.clear()
        t.rss_mb.clear()
    for i in range(runs):
        # Alternate the order too, so no tool always follows the same neighbour.
        for t in tools if i % 2 == 0 else reversed(tools):
            t.run(cwd)


def table(title: str, tools: list[Tool], words: int | None) -> None:
    """Median and min seconds, throughput, peak RSS, and ratios against proselint and the previous version."""
    print(f"\n{title}")
    base = next((t for t in tools if t.label == "proselint"), None)
    prev = {t.group: t for t in tools if t.label.startswith("previous")}
    width = max(len(t.label) for t in tools)
    head = f"  {'tool':<{width}}  {'median s':>9}  {'min s':>7}"
    head += f"  {'words/s':>10}" if words else ""
    one = {t.label.split(" --jobs ")[0]: t for t in tools if t.group == "1"}
    head += f"  {'RSS MB':>7}  {'vs proselint':>12}" + (f"  {'vs previous':>11}" if prev else "")
    head += f"  {'vs its --jobs 1':>15}" if one and len(tools) > len(one) + (base is not None) else ""
    print(head)
    for t in tools:
        if isinstance(t, Together):
            continue  # reported by ceiling()
        row = f"  {t.label:<{width}}  {t.median:>9.3f}  {min(t.times):>7.3f}"
        row += f"  {words / t.median:>10,.0f}" if words else ""
        row += f"  {max(t.rss_mb):>7.0f}"
        # A ratio above 1 means faster: the other tool's time over this one's.
        row += f"  {base.median / t.median:>11.2f}×" if base else f"  {'':>12}"
        if prev and t.group in prev:
            row += f"  {prev[t.group].median / t.median:>10.2f}×" if t.label.startswith("copycheck") else f"  {'':>11}"
        own = one.get(t.label.split(" --jobs ")[0])
        if own is not None and t.group not in ("", "1", "auto"):
            row += f"  {own.median / t.median:>14.2f}×"
        print(row)


def ceiling(tools: list[Tool]) -> None:
    """The machine's parallel ceiling: N runs of --jobs 1 alone against N at once."""
    alone = next((t for t in tools if t.label == "copycheck --jobs 1"), None)
    for t in tools:
        if isinstance(t, Together) and alone is not None:
            got = t.copies * alone.median / t.median
            print(f"\nmachine ceiling for {t.copies} processes: {got:.2f}× ({t.copies} runs of `copycheck --jobs 1` "
                  f"at once took {t.median:.3f} s (median), one alone {alone.median:.3f} s); "
                  f"--jobs {t.copies} is read against it")


def warm(folder: Path) -> None:
    """The engine alone, in this process, after a first untimed pass: not what a user waits for."""
    sys.path.insert(0, str(ROOT))
    from copycheck.config import Resolver
    from copycheck.document import Document
    from copycheck.engine import check_document

    paths = [p for p in sorted(folder.rglob("*")) if p.suffix in (".txt", ".md") and not p.name.startswith(".")]
    texts = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    ruleset = Resolver(isolated=True).ruleset_for(str(folder))
    words = sum(len(t.split()) for _, t in texts)
    times = []
    for _ in range(2):
        t0 = time.perf_counter()
        n = sum(len(check_document(Document.from_text(t, p), ruleset)[0]) for p, t in texts)
        times.append(time.perf_counter() - t0)
    print(f"\nwarm, in-process (check_document only, second pass; no start-up, reading or cross-file phase): "
          f"{times[-1]:.3f} s, {words / times[-1]:,.0f} words/s, {n:,} findings")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="a folder of .txt/.md files, or a .jsonl file of stories")
    ap.add_argument("--proselint", default=DEFAULT_PROSELINT, help=f"proselint executable (default {DEFAULT_PROSELINT})")
    ap.add_argument("--no-proselint", action="store_true", help="time copycheck only")
    ap.add_argument("--previous", metavar="REF", help="also time this git ref of copycheck (git archive)")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to time (default 1,2; "
                    "'auto' for the CLI's own choice)")
    ap.add_argument("--runs", type=int, default=5, help="timed rounds; the median is reported (default 5)")
    ap.add_argument("--format", default="text", help="copycheck output format (default: text, the default)")
    ap.add_argument("--cold", nargs="?", const=str(DEFAULT_COLD), metavar="FILE",
                    help=f"also time one article cold (default file {DEFAULT_COLD.relative_to(ROOT)})")
    ap.add_argument("--cold-runs", type=int, default=11)
    ap.add_argument("--warm", action="store_true", help="also print the warm, in-process figure")
    args = ap.parse_args()
    if args.runs < 5:
        print("note: fewer than 5 rounds; the median is noisy", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="copycheck-bench-") as tmp:
        tmp_path = Path(tmp)
        cwd = str(tmp_path)  # a neutral folder: no configuration file of ours applies
        folder = materialise(Path(args.corpus).resolve(), tmp_path)
        files, words = corpus_size(folder)
        prev_src = previous_tree(args.previous, Path(tempfile.mkdtemp(dir=tmp))) if args.previous else None
        tools = []
        for jobs in args.jobs.split(","):
            tools.append(copycheck_tool(f"copycheck --jobs {jobs}", ROOT, str(folder), jobs, args.format))
            if prev_src is not None:
                tools.append(copycheck_tool(f"previous ({args.previous}) --jobs {jobs}", prev_src, str(folder),
                                            jobs, args.format))
        most = max((int(j) for j in args.jobs.split(",") if j.isdigit()), default=1)
        if most > 1 and "1" in args.jobs.split(","):
            solo = copycheck_tool("copycheck --jobs 1", ROOT, str(folder), "1", args.format)
            tools.append(Together(f"{most} × copycheck --jobs 1 at once", solo.argv, solo.env, group="together",
                                  copies=most))
        if not args.no_proselint:
            tools.append(proselint_tool(args.proselint, str(folder)))
        if any(name.startswith("__editable__") for name in sys.modules):
            print("note: copycheck is installed editable in this Python: every start pays its import hook "
                  "(run this from a venv with `pip install .`, or none)", file=sys.stderr)
        print(f"corpus: {args.corpus}: {files:,} files, {words:,} words; median of {args.runs} fresh-process runs, "
              f"tools alternated; load average {os.getloadavg()[0]:.2f}")
        race(tools, args.runs, cwd)
        table("whole CLI, fresh process (start-up, reading, all default rules, cross-file names phase)", tools, words)
        ceiling(tools)
        if args.cold:
            cold_file = str(Path(args.cold).resolve())
            cold_tools = [copycheck_tool("copycheck", ROOT, cold_file, None, args.format)]
            if prev_src is not None:
                cold_tools.append(copycheck_tool(f"previous ({args.previous})", prev_src, cold_file, None, args.format))
            if not args.no_proselint:
                cold_tools.append(proselint_tool(args.proselint, cold_file))
            race(cold_tools, args.cold_runs, cwd)
            table(f"one article, cold: {args.cold} (median of {args.cold_runs}; a ratio above 1 is faster)",
                  cold_tools, None)
        if args.warm:
            warm(folder)
        if prev_src is not None:
            shutil.rmtree(prev_src, ignore_errors=True)


if __name__ == "__main__":
    main()
