"""`copycheck serve`: a local HTTP JSON check service for a CMS (standard library only).

POST /check {"text", "format": "txt|md|html", "path"?} -> {"findings": [...]}; GET /rules; GET /health.
Copy stays in memory: nothing is written to disk, and the log names requests, never their text.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Sequence

from . import __version__

TYPE_CHECKING = False  # typing is for type checkers only: importing it costs a cold start (README, Layout)
if TYPE_CHECKING:
    from typing import Any

MAX_BODY = 2 * 1024 * 1024  # bytes; far above any article, small enough to refuse a dump
LOOPBACK = ("127.0.0.1", "::1", "localhost")


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class CheckServer(ThreadingHTTPServer):
    """One Checker (rules compiled at start) shared by every request thread."""

    daemon_threads = True
    # socketserver's default backlog of 5 resets connections when a newsroom's editors (or a
    # batch job) connect at once.
    request_queue_size = 128

    def __init__(self, address, checker, max_body: int = MAX_BODY, quiet: bool = False) -> None:
        super().__init__(address, Handler)
        self.checker = checker
        self.max_body = max_body
        self.quiet = quiet
        self.rules_json = _rules_json()


def _rules_json() -> bytes:
    from .registry import load_rules

    rules = [{"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary,
              "default": r.enabled_by_default, "in_quotes": r.in_quotes, "link": r.link or None,
              "docs": {"what": r.docs.what, "why": r.docs.why, "example": r.docs.example}}
             for r in load_rules(())]
    return json.dumps({"rules": rules}, ensure_ascii=False).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    """Answers /check, /rules and /health; every error is a JSON body with a 4xx/5xx status."""

    server: CheckServer
    server_version = f"copycheck/{__version__}"
    protocol_version = "HTTP/1.1"  # keep-alive, so a CMS plugin reuses its connection
    # Headers and body are two writes; without TCP_NODELAY, Nagle plus delayed ACK adds ~40 ms.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        # The request line and status only (no body, ever); silenced by --quiet.
        if not self.server.quiet:
            sys.stderr.write(f"copycheck serve: {self.address_string()} {format % args}\n")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, json.dumps({"error": message}).encode("utf-8"))

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/health":
            self._send(200, json.dumps({"status": "ok", "version": __version__}).encode())
        elif self.path == "/rules":
            self._send(200, self.server.rules_json)
        else:
            self._error(404, f"no such endpoint: GET {self.path} (try POST /check, GET /rules, GET /health)")

    def do_POST(self) -> None:  # noqa: N802
        if self.path != "/check":
            self._drain()
            self._error(404, f"no such endpoint: POST {self.path} (try POST /check)")
            return
        try:
            request = self._read_json()
            self._send(200, json.dumps(self._check(request), ensure_ascii=False).encode("utf-8"))
        except _Refused as exc:
            self._error(exc.status, str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad request must not stop the service
            self._error(500, f"internal error: {type(exc).__name__} (please report this)")

    def _drain(self) -> None:
        try:
            self._discard(int(self.headers.get("Content-Length") or 0))
        except ValueError:
            self.close_connection = True

    def _discard(self, length: int) -> None:
        """Read and drop a body in chunks (never kept), so the client can read our answer; a
        body far over the limit is not read at all and the connection is closed instead."""
        if length > 8 * self.server.max_body:
            self.close_connection = True
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 65536))
            if not chunk:
                break
            length -= len(chunk)

    def _read_json(self) -> dict:
        raw_length = self.headers.get("Content-Length")
        if raw_length is None:
            self.close_connection = True
            raise _Refused(411, "Content-Length is required")
        try:
            length = int(raw_length)
        except ValueError:
            self.close_connection = True
            raise _Refused(400, "bad Content-Length") from None
        if length > self.server.max_body:
            self._discard(length)
            raise _Refused(413, f"request body is {length:,} bytes, over the {self.server.max_body:,}-byte limit")
        body = self.rfile.read(length)
        try:
            request = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Refused(400, f"bad JSON: {exc.__class__.__name__}: {str(exc)[:80]}") from None
        if not isinstance(request, dict):
            raise _Refused(400, "the body must be a JSON object {\"text\": ..., \"format\": ...}")
        return request

    def _check(self, request: dict) -> dict:
        from .service import FORMAT_SUFFIX, Utf16Offsets, finding_json

        text = request.get("text")
        fmt = request.get("format", "txt")
        path = request.get("path")
        if not isinstance(text, str):
            raise _Refused(400, "\"text\" must be a string")
        if fmt not in FORMAT_SUFFIX:
            raise _Refused(400, f"unknown format {fmt!r}; use one of: {', '.join(FORMAT_SUFFIX)}")
        if path is not None and (not isinstance(path, str) or not path or "\x00" in path):
            raise _Refused(400, "\"path\" must be a non-empty string")
        try:
            result = self.server.checker.check(text, fmt, path)
        except ValueError as exc:  # a broken configuration file for this path
            raise _Refused(422, f"configuration error: {exc}") from None
        utf16 = Utf16Offsets(result.doc.source)
        out: dict[str, Any] = {"findings": [finding_json(f, utf16) for f in result.findings]}
        if result.problems:
            out["problems"] = [p.message for p in result.problems]
        return out


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    return host in LOOPBACK or host.startswith("127.")


def main(argv: Sequence[str]) -> int:
    """Parse arguments, compile the rules, and serve until interrupted."""
    from .config import ConfigError
    from .service import Checker

    p = argparse.ArgumentParser(prog="copycheck serve", description="Serve checks over local HTTP (JSON).")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument("--port", type=int, default=8765, help="port (default: 8765; 0 picks a free one)")
    p.add_argument("--config", metavar="FILE", help="one configuration file for every request")
    p.add_argument("--allow-remote", action="store_true",
                   help="needed to bind a non-loopback --host: other machines can then send copy here")
    p.add_argument("--max-body", type=int, default=MAX_BODY, metavar="BYTES", help="largest request body")
    p.add_argument("--quiet", action="store_true", help="no request log on stderr")
    args = p.parse_args(argv)
    if not is_loopback(args.host) and not args.allow_remote:
        print(f"copycheck: error: --host {args.host} is reachable from other machines, and anyone who can reach "
              "it can send copy to be checked and read the findings; add --allow-remote to mean it", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        checker = Checker(config_file=args.config)
        checker.ruleset_for(os.path.join(os.getcwd(), "<text>"))  # compile the rules now, not on the first request
        # A first check warms lazily built tables, so the first real request is as fast as the rest.
        checker.check("Warm up the the rules.", "txt")
    except (ConfigError, ValueError, OSError) as exc:
        print(f"copycheck: error: {exc}", file=sys.stderr)
        return 2
    server = CheckServer((args.host, args.port), checker, args.max_body, args.quiet)
    host, port = server.server_address[:2]
    print(f"copycheck serve: listening on http://{host}:{port} (rules ready in "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms); Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0

