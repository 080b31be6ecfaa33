"""A LanguageTool server on this machine, started through language-tool-python from its own
download folder (`[rules.languagetool] local = true`). copycheck never downloads: when Java or
the LanguageTool files are missing it says what is missing and the command that gets it."""
from __future__ import annotations

import shutil
import threading

from ..engine import RuleFailure

# language-tool-python downloads LanguageTool the first time it starts a server; run once, by hand.
GET_FILES = "python -c \"import language_tool_python; language_tool_python.LanguageTool('en-US').close()\""
GET_JAVA = "sudo apt-get install default-jre-headless  (or any Java 17 or later)"
GET_PACKAGE = "pip install 'copycheck[languagetool]'"

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


def url(language: str = "en-US") -> str:
    """The base URL of the local server, started on first use and reused for the rest of the run."""
    global _TOOL, _URL
    with _LOCK:
        if _URL is not None:
            return _URL
        found = installed()
        import language_tool_python

        try:
            # The installed version, so that language-tool-python finds it and downloads nothing.
            tool = language_tool_python.LanguageTool(language, language_tool_download_version=found.version_name)
        except Exception as exc:  # noqa: BLE001 - its errors vary by version; all mean "did not start"
            raise LocalServerError(f"the local LanguageTool server ({found.get_jar_path()}) did not start: "
                                   f"{type(exc).__name__}: {exc}") from None
        _TOOL = tool
        base = tool.url
        _URL = base[: -len("v2/")] if base.endswith("/v2/") else base
        return _URL


def close() -> None:
    """Stop the server this process started."""
    global _TOOL, _URL
    with _LOCK:
        if _TOOL is not None:
            _TOOL.close()
        _TOOL, _URL = None, None
