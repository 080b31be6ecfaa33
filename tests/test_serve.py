"""`copycheck serve`: a real server process answering a real HTTP client (urllib), in parallel too."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT

SECRET = "Zwoglemorph"  # an invented word that must never reach the log


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    (work / ".git").mkdir()
    (work / "quiet").mkdir()
    (work / "quiet" / "copycheck.toml").write_text('ignore = ["TY001"]\n', encoding="utf-8")
    (work / "broken").mkdir()
    (work / "broken" / "copycheck.toml").write_text('select = "TY"\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "copycheck", "serve", "--port", "0"], cwd=work, env=env,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    assert "listening on http://127.0.0.1:" in line, line
    url = line.split("listening on ")[1].split()[0]
    before = sorted(p.name for p in work.rglob("*"))
    yield url, work, proc
    proc.terminate()
    err = proc.stderr.read()
    proc.wait(10)
    assert SECRET not in err  # the log names requests, never their text
    assert sorted(p.name for p in work.rglob("*")) == before  # no copy written to disk


def _post(url: str, body: bytes | dict, path: str = "/check") -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def _get(url: str, path: str) -> tuple[int, dict]:
    with urllib.request.urlopen(url + path, timeout=30) as resp:
        return resp.status, json.load(resp)


def test_health_and_rules(server):
    url, _, _ = server
    assert _get(url, "/health") == (200, {"status": "ok", "version": "0.1.0"})
    status, body = _get(url, "/rules")
    codes = {r["code"] for r in body["rules"]}
    assert status == 200 and {"TY001", "NM003"} <= codes
    assert all(r["docs"]["what"] for r in body["rules"])


def test_check_returns_json_format_keys_plus_utf16_offsets(server):
    url, _, _ = server
    status, body = _post(url, {"text": f"😀 {SECRET} said the the word.", "format": "txt"})
    assert status == 200
    (f,) = [f for f in body["findings"] if f["code"] == "TY001"]
    assert {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column",
            "start", "end", "fix"} <= set(f)
    # The emoji is one code point but two UTF-16 units, as a JavaScript string counts it.
    assert (f["start"], f["end"], f["start_utf16"], f["end_utf16"]) == (19, 26, 20, 27)
    assert f["fix"]["start_utf16"] == f["fix"]["start"] + 1


def test_check_html_reports_source_positions(server):
    url, _, _ = server
    text = "<p>Caf&eacute; owners said the the deal.</p>"
    _, body = _post(url, {"text": text, "format": "html"})
    (f,) = [f for f in body["findings"] if f["code"] == "TY001"]
    assert text[f["start"]:f["end"]] == "the the"


def test_path_picks_the_configuration(server):
    url, work, _ = server
    text = {"text": "They said the the word.", "format": "md"}
    _, plain = _post(url, {**text, "path": str(work / "story.md")})
    _, quiet = _post(url, {**text, "path": str(work / "quiet" / "story.md")})
    assert [f["code"] for f in plain["findings"]] == ["TY001"]
    assert quiet["findings"] == []
    status, broken = _post(url, {**text, "path": str(work / "broken" / "story.md")})
    assert status == 422 and "broken" in broken["error"] and "copycheck.toml" in broken["error"]


@pytest.mark.parametrize("body, status, words", [
    (b"{not json", 400, "bad JSON"),
    (b"[1, 2]", 400, "JSON object"),
    (b'{"text": "a", "format": "docx"}', 400, "unknown format"),
    (b'{"text": 5}', 400, "text"),
    (b'{"text": "' + b"a" * (3 * 1024 * 1024) + b'"}', 413, "limit"),
])
def test_bad_requests_get_a_4xx_json_error_and_the_service_keeps_running(server, body, status, words):
    url, _, _ = server
    got, err = _post(url, body)
    assert got == status and words in err["error"]
    assert _get(url, "/health")[0] == 200


def test_unknown_endpoint_is_404_json(server):
    url, _, _ = server
    assert _post(url, {"text": "x"}, "/nope")[0] == 404


def test_many_parallel_requests_get_their_own_answers(server):
    url, _, _ = server

    def one(i: int):
        pad = "Padding text here. " * (i % 7)
        text = f"Article {i}: {pad}they said the the end." if i % 2 else f"Article {i}: {pad}is clean."
        status, body = _post(url, {"text": text, "format": "txt"})
        return i, text, status, body

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(96)))
    for i, text, status, body in results:
        assert status == 200
        doubled = [text[f["start"]:f["end"]] for f in body["findings"] if f["code"] == "TY001"]
        assert doubled == (["the the"] if i % 2 else []), (i, body)


def test_non_loopback_bind_needs_an_explicit_choice():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "copycheck", "serve", "--host", "0.0.0.0", "--port", "0"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2 and "--allow-remote" in r.stderr
