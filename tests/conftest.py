"""Shared helpers for the test suite: running the real CLI in-process and as a subprocess."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class Run:
    """The outcome of one copycheck invocation."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None) -> Run:
    """Run `python -m copycheck` as a real subprocess, the way users and hooks do."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "copycheck", *args], input=data, capture_output=True, cwd=cwd or ROOT, env=env
    )
    return Run(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def main_inprocess(*args: str) -> Run:
    """Run copycheck.cli.main in this process (fast; for argument handling)."""
    from copycheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli
