"""Print a real JSON-RPC exchange with `copycheck lsp`: initialize, diagnostics, a code action.

    python scripts/lsp_transcript.py [--encoding utf-16|utf-8|utf-32]

Speaks the Language Server Protocol's framing (Content-Length headers) over the server's stdin
and stdout, as an editor does, with an invented document, and prints every message both ways.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Wire:
    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.next_id = 0

    def send(self, method: str, params, request: bool = True) -> int | None:
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        rid = None
        if request:
            self.next_id += 1
            rid = msg["id"] = self.next_id
        body = json.dumps(msg, ensure_ascii=False).encode("utf-8")
        print(f"--> {json.dumps(msg, ensure_ascii=False)}")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return rid

    def read(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit("server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        msg = json.loads(self.proc.stdout.read(length))
        return msg

    def until(self, pred, show=True) -> dict:
        while True:
            msg = self.read()
            if show:
                print(f"<-- {json.dumps(msg, ensure_ascii=False)}")
            if msg.get("method") == "client/registerCapability":
                self.proc.stdin.write(_frame({"jsonrpc": "2.0", "id": msg["id"], "result": None}))
                self.proc.stdin.flush()
            if pred(msg):
                return msg


def _frame(msg: dict) -> bytes:
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoding", default="utf-16")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="copycheck-lsp-"))
    (folder / ".git").mkdir()
    path = folder / "story.md"
    text = "# Markets\n\nTraders 😀 said the the index rose.\n"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "copycheck", "lsp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env, cwd=folder)
    w = Wire(proc)
    rid = w.send("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(),
                                "capabilities": {"general": {"positionEncodings": [args.encoding]},
                                                 "textDocument": {"codeAction": {"codeActionLiteralSupport": {
                                                     "codeActionKind": {"valueSet": ["quickfix"]}}}}}})
    w.until(lambda m: m.get("id") == rid)
    w.send("initialized", {}, request=False)
    w.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                     "text": text}}, request=False)
    diag = w.until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    d = diag["params"]["diagnostics"][0]
    rid = w.send("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": d["range"],
                                             "context": {"diagnostics": [d]}})
    w.until(lambda m: m.get("id") == rid)
    rid = w.send("shutdown", None)
    w.until(lambda m: m.get("id") == rid)
    w.send("exit", None, request=False)
    proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
