"""`copycheck audit` on a real Dask LocalCluster, against the plain CLI, on an invented archive."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from archive_gen import generate
from conftest import ROOT, run_cli

distributed = pytest.importorskip("distributed", reason="copycheck[dask] is not installed")

TRIAL_PACK = """
[[rule]]
code = "HS001"
name = "prefer-said"
kind = "existence"
tokens = ["announced"]
message = "House style: prefer “said” to “{match}”."
severity = "info"
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    generate(root, files=300)
    return root


@pytest.fixture(scope="module")
def cluster():
    """A real LocalCluster: two worker processes, one thread each."""
    import logging

    c = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                 silence_logs=logging.ERROR)
    yield c
    c.close()


@pytest.fixture(scope="module")
def cli_json(archive) -> str:
    run = run_cli("--format", "json", str(archive))
    assert run.code == 1, run.err
    return run.out


def _linter_builds(client) -> dict:
    """Per worker: how many Linters it has built and how many times it reused one."""
    from copycheck.api import linter_for

    return {w: (info.misses, info.hits) for w, info in client.run(linter_for.cache_info).items()}


def test_audit_json_is_exactly_the_cli_json(archive, cluster, cli_json):
    with distributed.Client(cluster) as client:
        before = _linter_builds(client)
    run = run_cli("audit", "--scheduler", cluster.scheduler_address, "--format", "json",
                  "--partition-files", "16", str(archive))
    assert run.code == 1, run.err
    assert run.out == cli_json
    codes = {f["code"] for f in json.loads(run.out)}
    assert "NM003" in codes and "TY001" in codes  # the archive exercises cross-file names too
    with distributed.Client(cluster) as client:
        after = _linter_builds(client)
    # Each worker built at most one Linter for this run and reused it for its other partitions.
    built = {w: after[w][0] - before.get(w, (0, 0))[0] for w in after}
    reused = sum(after[w][1] - before.get(w, (0, 0))[1] for w in after)
    assert all(n <= 1 for n in built.values()) and reused >= 300 // 16 - len(after)


def _pids_once_replaced(client, victim: int, timeout: float = 60) -> set[int]:
    """The worker pids after the nanny has started a new worker in place of the killed one."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            client.wait_for_workers(2, timeout=timeout)
            pids = set(client.run(os.getpid).values())
            if victim not in pids and len(pids) == 2:
                return pids
        except (OSError, distributed.comm.CommClosedError):
            if time.monotonic() > deadline:
                raise
        if time.monotonic() > deadline:
            return pids
        time.sleep(0.2)


def test_killed_worker_loses_and_duplicates_nothing(archive, cli_json):
    """Kill one worker process (SIGKILL) after the first partition arrives; Dask reruns its tasks."""
    import logging

    from copycheck.api import Linter, LinterConfig
    from copycheck.audit.cli import _items
    from copycheck.audit.output import write_json_findings
    from copycheck.audit.run import audit

    cfg = LinterConfig(isolated=False)
    items, problems, nm003, _ = _items([str(archive)], Linter.from_config(cfg))
    assert not problems and nm003 is not None
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as c, distributed.Client(c) as client:
        pids = client.run(os.getpid)
        killed = []

        def kill_one(done: int, total: int) -> None:
            if not killed:
                assert done < total
                victim = sorted(pids.values())[0]
                os.kill(victim, signal.SIGKILL)
                killed.append((victim, done, total))

        result = audit(client, items, cfg, max_bytes=10 * 1024 * 1024, nm003=nm003, partition_files=4,
                       on_partition=kill_one)
        try:
            import io

            out = io.StringIO()
            write_json_findings(result.results(), out)
        finally:
            result.close()
        after = _pids_once_replaced(client, killed[0][0])
    assert killed and killed[0][0] not in after  # the worker really died and the nanny replaced it
    assert out.getvalue() == cli_json
    assert result.stats.files == len(items)


def test_rule_trial_reports_only_the_pack(archive, cluster, tmp_path):
    pack = tmp_path / "house.toml"
    pack.write_text(TRIAL_PACK, encoding="utf-8")
    run = run_cli("audit", "--scheduler", cluster.scheduler_address, "--pack", str(pack), "--trial",
                  "--format", "json", str(archive))
    assert run.code == 0, run.err
    trial = run.json()
    assert [r["code"] for r in trial["rules"]] == ["HS001"]
    (rule,) = trial["rules"]
    plain = run_cli("--format", "json", "--pack", str(pack), "--select", "HS001", str(archive)).json()
    assert rule["hits"] == len(plain) > 20
    assert rule["files"] == len({f["path"] for f in plain})
    assert len(rule["examples"]) == 20
    assert all(e["match"] == "announced" for e in rule["examples"])
    first = plain[0]
    assert (rule["examples"][0]["path"], rule["examples"][0]["line"]) == (first["path"], first["line"])
    text = run_cli("audit", "--scheduler", cluster.scheduler_address, "--pack", str(pack), "--trial",
                   str(archive)).out
    assert text.startswith("Rule trial on 300 files:") and f"HS001 prefer-said: {rule['hits']} hits" in text


def test_text_summary_and_self_contained_report(archive, cluster, cli_json, tmp_path):
    report = tmp_path / "audit.html"
    # Without --scheduler: audit starts (and stops) its own LocalCluster.
    run = run_cli("audit", "--workers", "2", "--report", str(report), str(archive))
    assert run.code == 1, run.err
    # The counts are the CLI's findings, NM001 ties as the archive settled them included.
    found = json.loads(cli_json)
    assert any(f["code"] == "NM001" and "the repository writes" in f["message"] for f in found)
    hit = len({f["path"] for f in found})
    assert run.out.startswith(f"Checked 300 files: {len(found)} findings in {hit} files ")
    nm001 = sum(f["code"] == "NM001" for f in found)
    assert f"NM001   {'name-variant':<32} {nm001:>8}" in run.out, run.out
    assert "Names spelled two ways across the archive:" in run.out
    html = report.read_text(encoding="utf-8")
    for section in ("Issues by rule", "Issues by desk", "Names spelled more than one way", "Noisiest rules",
                    "Examples", "<svg", "Halvorsen", "business"):
        assert section in html, section
    # Self-contained: no scripts, no external styles, fonts or images; nothing fetched.
    lowered = html.lower()
    assert "<script" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "url(" not in lowered and "src=" not in lowered
    assert "http" not in lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="no Chromium installed (Debian: apt-get install chromium)")
def test_report_renders_in_headless_chromium(archive, cluster, tmp_path):
    report = tmp_path / "audit.html"
    assert run_cli("audit", "--scheduler", cluster.scheduler_address, "--report", str(report), str(archive)).code == 1
    shot = tmp_path / "audit.png"
    profile = tempfile.mkdtemp(prefix="copycheck-chromium-")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}"]
    try:
        subprocess.run([_chromium(), *flags, f"--screenshot={shot}", "--window-size=1000,1200", report.as_uri()],
                       capture_output=True, timeout=120, check=False)
        dom = subprocess.run([_chromium(), *flags, "--dump-dom", report.as_uri()],
                             capture_output=True, timeout=120, check=False).stdout.decode()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert "Issues by desk" in dom and "Halvorsen" in dom
    width, height, ink = _png_ink(shot.read_bytes())
    assert (width, height) == (1000, 1200)
    assert ink > 0.02  # text, tables and bars, not a blank page


def _png_ink(data: bytes) -> tuple[int, int, float]:
    """Width, height and the share of pixels clearly darker than the page background, from a PNG."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    dark = 0
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif ftype == 4:
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        dark += sum(1 for x in range(0, stride, bpp) if line[x] + line[x + 1] + line[x + 2] < 450)
        prev = line
    return width, height, dark / (width * height)


def test_missing_dask_says_how_to_install(tmp_path):
    """With Dask not importable, `audit` names the extra to install and exits 2."""
    (tmp_path / "a.txt").write_text("A plain sentence.\n", encoding="utf-8")
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text("import sys\n"
                       "class _NoDask:\n"
                       "    def find_spec(self, name, path=None, target=None):\n"
                       "        if name.split('.')[0] in ('dask', 'distributed'):\n"
                       "            raise ImportError('no ' + name)\n"
                       "sys.meta_path.insert(0, _NoDask())\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    proc = subprocess.run([sys.executable, "-m", "copycheck", "audit", str(tmp_path)], capture_output=True,
                          env=env, cwd=ROOT)
    assert proc.returncode == 2
    assert "pip install 'copycheck[dask]'" in proc.stderr.decode()


def test_plain_run_never_imports_dask(tmp_path):
    (tmp_path / "a.txt").write_text("Say the the word.\n", encoding="utf-8")
    code = ("import sys\nfrom copycheck.cli import main\nrc = main(['--format', 'json', sys.argv[1]])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'copycheck.audit')))")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.decode().strip().splitlines()[-1] == "[]"


def test_audit_uses_the_name_index_as_the_cli_does(archive, cluster, cli_json, tmp_path):
    """With a `.copycheck-names.json` at the repository's root, a run over the few files with a minority
    spelling compares their names with the whole archive's, in audit as in the plain CLI; a damaged
    index is a note in both, and both go on without it."""
    repo = tmp_path / "repo"
    shutil.copytree(archive, repo)
    (repo / ".git").mkdir()  # the index is found from the files' folders, up to the repository root
    index = repo / ".copycheck-names.json"
    assert run_cli("names", "--write-index", str(index), str(repo), cwd=tmp_path).code == 0
    few = sorted({f["path"] for f in json.loads(cli_json) if f["code"] == "NM003"})[:3]
    few = [str(repo / os.path.relpath(p, archive)) for p in few]
    plain = run_cli("--format", "json", *few, cwd=tmp_path)
    audited = run_cli("audit", "--scheduler", cluster.scheduler_address, "--format", "json", *few, cwd=tmp_path)
    assert audited.out == plain.out
    assert "NM003" in {f["code"] for f in plain.json()}
    index.write_text("<<<<<<< HEAD\n{}\n", encoding="utf-8")
    plain = run_cli("--format", "json", *few, cwd=tmp_path)
    audited = run_cli("audit", "--scheduler", cluster.scheduler_address, "--format", "json", *few, cwd=tmp_path)
    assert audited.out == plain.out and audited.code == plain.code == 1
    assert "NM003" not in {f["code"] for f in plain.json()}  # the index is what found them
    note = "copycheck: note: repo/.copycheck-names.json: cannot read name index (it holds git merge conflict markers)"
    assert note in plain.err and note in audited.err, (plain.err, audited.err)
