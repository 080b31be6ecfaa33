"""A LanguageTool server on this machine, started through language-tool-python from its own
download folder (`[rules.languagetool] local = true`). copycheck never downloads: when Java or
the LanguageTool files are missing it says what is missing and the command that gets it."""
from __future__ import annotations

import json
import os
import shutil
import threading
import time

from ..engine import RuleFailure

# language-tool-python downloads LanguageTool the first time it starts a server; run once, by hand.
GET_FILES = "python -c \"import language_tool_python; language_tool_python.LanguageTool('en-US').close()\""
GET_JAVA = "sudo apt-get install default-jre-headless  (or any Java 17 or later)"
GET_PACKAGE = "pip install 'copycheck[languagetool]'"

# A server left running by `keep-running = true`, for later runs (hooks) to reuse.
RECORD = "copycheck-server.json"
START_TIMEOUT = 90.0

_LOCK = threading.Lock()
_TOOL = None
_URL: str | None = None


class LocalServerError(RuleFailure):
    """The local server cannot start: the message names what is missing and how to get it."""


def installed():
    """language-tool-python's newest LanguageTool in its download folder; never downloads."""
    try:
        from language_tool_python.download_lt import LocalLanguageTool
        from language_tool_python.utils import get_language_tool_download_path
    except ImportError:
        raise LocalServerError(f"local = true needs language-tool-python, which is not installed; "
                               f"get it with: {GET_PACKAGE}") from None
    if shutil.which("java") is None:
        raise LocalServerError(f"local = true needs Java, and there is no `java` on PATH; get it with: {GET_JAVA}")
    folder = get_language_tool_download_path()
    found = LocalLanguageTool.get_latest_installed_version()
    if found is None:
        raise LocalServerError(f"local = true needs the LanguageTool files, and there are none in "
                               f"{folder} (language-tool-python's download folder; LTP_PATH moves it); "
                               f"copycheck never downloads them itself; get them with: {GET_FILES}")
    try:
        found.get_jar_path()
    except FileNotFoundError as exc:
        raise LocalServerError(f"{exc} (an incomplete download?); get the files again with: {GET_FILES}") from None
    return found


def url(language: str = "en-US", keep_running: bool = False) -> str:
    """The base URL of the local server: one left running by an earlier run if it still answers,
    else one started now and reused for the rest of the run (and by later runs with keep_running)."""
    global _TOOL, _URL
    with _LOCK:
        if _URL is not None:
            return _URL
        found = installed()
        from language_tool_python.utils import get_language_tool_download_path

        record = os.path.join(get_language_tool_download_path(), RECORD)
        _URL = _running(record) or (_start_detached(found, record) if keep_running else _start(found, language))
        return _URL


def _answers(base: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(base + "v2/healthcheck", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _running(record: str) -> str | None:
    """The URL of the server an earlier run left running, if it still answers."""
    try:
        with open(record, encoding="utf-8") as fh:
            base = json.load(fh)["url"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return base if isinstance(base, str) and _answers(base) else None


def _start(found, language: str) -> str:
    """Start a server through language-tool-python's LanguageTool; it stops at close()."""
    global _TOOL
    import language_tool_python

    try:
        # The installed version, so that language-tool-python finds it and downloads nothing.
        tool = language_tool_python.LanguageTool(language, language_tool_download_version=found.version_name)
    except Exception as exc:  # noqa: BLE001 - its errors vary by version; all mean "did not start"
        raise LocalServerError(f"the local LanguageTool server ({found.get_jar_path()}) did not start: "
                               f"{type(exc).__name__}: {exc}") from None
    _TOOL = tool
    base = tool.url
    return base[: -len("v2/")] if base.endswith("/v2/") else base


def _start_detached(found, record: str) -> str:
    """Start the server language-tool-python's command line names, in its own session so that it
    outlives this run, and record it for the next run."""
    import socket
    import subprocess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = found.get_server_cmd(port)
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(base):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise LocalServerError(f"the local LanguageTool server ({found.get_jar_path()}) did not start "
                                   f"(exit code {proc.poll()})")
        time.sleep(0.2)
    tmp = f"{record}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"url": base, "pid": proc.pid, "version": found.version_name}, fh)
    os.replace(tmp, record)
    return base


def close() -> None:
    """Stop the server this process started."""
    global _TOOL, _URL
    with _LOCK:
        if _TOOL is not None:
            _TOOL.close()
        _TOOL, _URL = None, None
