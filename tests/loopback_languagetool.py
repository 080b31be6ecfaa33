"""A loopback LanguageTool server: a faithful, minimal implementation of the documented /v2/check
protocol (form-encoded POST; JSON matches with offsets and lengths in UTF-16 code units, as the
Java server counts them). It knows two toy rules; it exists because no real server runs here."""
from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RULES = [
    (re.compile(r"\ba (?=[aeiou])", re.I), "EN_A_VS_AN", "Use “an” instead of “a” before a vowel sound.", ["an "]),
    (re.compile(r"\bteh\b"), "MORFOLOGIK_RULE_EN_US", "Possible spelling mistake found.", ["the", "tea", "ten"]),
]


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


class Handler(BaseHTTPRequestHandler):
    """Answers POST /v2/check; records every request so tests can see what was sent."""

    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path != "/v2/check":
            self.send_error(404)
            return
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
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


def start() -> tuple[ThreadingHTTPServer, str]:
    """Start the server on a free loopback port; return it and its base URL."""
    Handler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
