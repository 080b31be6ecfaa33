"""A loopback LanguageTool server: a faithful, minimal implementation of the documented /v2/check
protocol (form-encoded POST; JSON matches with offsets and lengths in UTF-16 code units, as the
Java server counts them), plus GET /v2/languages and /v2/healthcheck, which language-tool-python
asks for when it starts a server. It knows a few toy rules; it exists because no real server runs
here. `python loopback_languagetool.py -p PORT` runs it in the foreground (the stand-in `java`
of test_languagetool.py starts it so)."""
from __future__ import annotations

import json
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RULES = [
    (re.compile(r"\ba (?=[aeiou])", re.I), "EN_A_VS_AN", "Use “an” instead of “a” before a vowel sound.", ["an "]),
    (re.compile(r"\bteh\b"), "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.", ["the", "tea", "ten"]),
    # Two rules that repeat copycheck's own (TY001 doubled-word, SP001 double-space).
    (re.compile(r"\b(\w+) \1\b", re.I), "ENGLISH_WORD_REPEAT_RULE", "Possible typo: you repeated a word.", []),
    (re.compile(r"(?<=\S)  (?=\S)"), "WHITESPACE_RULE", "Possible typo: you repeated a whitespace.", [" "]),
]
LANGUAGES = [{"name": "English (US)", "code": "en", "longCode": "en-US"},
             {"name": "English (GB)", "code": "en", "longCode": "en-GB"}]


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class Handler(BaseHTTPRequestHandler):
    """Answers POST /v2/check; records every request so tests can see what was sent."""

    requests: list[dict] = []
    # Seconds each /v2/check takes (a real server's latency), and the most requests seen at once.
    delay = 0.0
    in_flight = 0
    max_in_flight = 0
    _lock = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path.startswith("/v2/healthcheck"):
            self._send(b"OK", "text/plain")
        elif self.path.startswith("/v2/languages"):
            self._send(json.dumps(LANGUAGES).encode("utf-8"))
        else:
            self.send_error(404)

    def _send(self, payload: bytes, content_type: str = "application/json") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path != "/v2/check":
            self.send_error(404)
            return
        cls = type(self)
        with cls._lock:
            cls.in_flight += 1
            cls.max_in_flight = max(cls.max_in_flight, cls.in_flight)
        try:
            time.sleep(cls.delay)
        finally:
            # Counted before the answer goes out, so the client's next request never overlaps it here.
            with cls._lock:
                cls.in_flight -= 1
        self._check()

    def _check(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}
        self.requests.append(form)
        if form.get("text") is None or not form.get("language"):
            self.send_error(400, "missing text or language")
            return
        text, disabled = form["text"], set(filter(None, form.get("disabledRules", "").split(",")))
        matches = []
        for pattern, rule_id, message, reps in RULES:
            if rule_id in disabled:
                continue
            for m in pattern.finditer(text):
                matches.append({
                    "message": message, "shortMessage": "",
                    "replacements": [{"value": r} for r in reps],
                    "offset": _utf16_len(text[: m.start()]), "length": _utf16_len(m.group()),
                    "context": {"text": text[max(0, m.start() - 20): m.end() + 20], "offset": 0, "length": 0},
                    "rule": {"id": rule_id, "description": message, "issueType": "grammar",
                             "category": {"id": "GRAMMAR", "name": "Grammar"}},
                })
        matches.sort(key=lambda x: x["offset"])
        payload = json.dumps({"software": {"name": "LanguageTool", "version": "loopback", "apiVersion": 1},
                              "language": {"name": "English (US)", "code": form["language"]},
                              "matches": matches}).encode("utf-8")
        self._send(payload)

    def log_message(self, *args) -> None:
        pass


def start(port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start the server on a loopback port (0: a free one); return it and its base URL."""
    Handler.requests = []
    Handler.delay, Handler.in_flight, Handler.max_in_flight = 0.0, 0, 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


if __name__ == "__main__":  # as LanguageTool's HTTPServer is started: ... -p PORT
    args = sys.argv[1:]
    srv = ThreadingHTTPServer(("127.0.0.1", int(args[args.index("-p") + 1]) if "-p" in args else 8081), Handler)
    srv.serve_forever()
