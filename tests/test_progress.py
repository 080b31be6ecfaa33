"""The progress bar shows on a terminal for long runs and never in pipes, hooks or CI."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import ROOT


def _run(folder, *args, ci: bool = False) -> tuple[str, str]:
    """Run copycheck with stderr on a pseudo-terminal; return (stdout, what the terminal got)."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({"PYTHONPATH": str(ROOT), "TERM": "xterm", **({"CI": "true"} if ci else {})})
    proc = subprocess.Popen([sys.executable, "-m", "copycheck", str(folder), "--format", "concise", *args],
                            stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed when the process ended
            break
        if not data:
            break
        chunks.append(data)
    out = proc.communicate()[0].decode()
    os.close(master)
    return out, b"".join(chunks).decode(errors="replace")


def _folder(tmp_path, n):
    for i in range(n):
        (tmp_path / f"{i:03}.txt").write_text(f"Story {i} has the the typo.\n", encoding="utf-8")
    return tmp_path


def test_bar_on_a_terminal_for_a_long_run(tmp_path):
    out, term = _run(_folder(tmp_path, 220), "--jobs", "2")
    assert out.count("TY001") == 220
    assert "checking" in term and "220/220" in term


def test_no_bar_for_short_runs_ci_or_when_asked(tmp_path):
    folder = _folder(tmp_path, 220)
    assert "checking" not in _run(folder, ci=True)[1]
    assert "checking" not in _run(folder, "--no-progress")[1]
    for p in list(folder.iterdir())[20:]:
        p.unlink()
    assert "checking" not in _run(folder)[1]


def test_the_bar_starts_no_thread_that_a_forked_worker_could_inherit_mid_write(monkeypatch):
    # --jobs forks its workers while the bar is up; a refresh thread holding stderr's lock at the
    # fork would leave the worker hung on its exit flush. The bar is drawn from the callback.
    import threading

    from copycheck.progress import progress

    master, slave = pty.openpty()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    term = os.fdopen(slave, "w", encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", term)
    before = threading.active_count()
    try:
        with progress(300) as advance:
            assert threading.active_count() == before
            for _ in range(300):
                advance(None)
            assert threading.active_count() == before
        term.flush()
        got = _drain(master).decode(errors="replace")
    finally:
        term.close()
        os.close(master)
    assert "checking" in got and "300/300" in got


def _drain(fd: int) -> bytes:
    """Everything written to the terminal so far: a pty hands it over in pieces, so read until it is quiet."""
    import select

    chunks = []
    while select.select([fd], [], [], 0.5)[0]:
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)
