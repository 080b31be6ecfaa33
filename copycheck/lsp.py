"""`copycheck lsp`: a language server over stdio (pygls 2 + lsprotocol, the `lsp` extra).

Diagnostics for Markdown, plain-text and HTML documents on open, change (debounced) and save;
quick fixes and an "ignore on this line" action; configuration found per document folder as the
CLI finds it, reloaded when a configuration file changes. Checks run on a worker thread, so a
large document never stalls the protocol, and an edit made meanwhile supersedes the check.
Only this module imports pygls, and only `copycheck lsp` imports this module.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Sequence

from . import __version__

LANGUAGES = {"markdown": "md", "plaintext": "txt", "text": "txt", "html": "html"}
DEBOUNCE_SECONDS = 0.3
MAX_CHARS = 10 * 1024 * 1024  # as the CLI's file size limit
WATCHED = "**/{copycheck.toml,.copycheck.toml,pyproject.toml,.copycheck-names.json}"


def units(text: str, encoding: str) -> int:
    """The length of text in the negotiated position encoding's code units."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def from_units(line_text: str, count: int, encoding: str) -> int:
    """The code-point column of `count` code units into a line (clamped to the line)."""
    if encoding == "utf-32":
        return min(count, len(line_text))
    seen = 0
    for i, ch in enumerate(line_text):
        if seen >= count:
            return i
        o = ord(ch)
        seen += (1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4) if encoding == "utf-8" \
            else (2 if o > 0xFFFF else 1)
    return len(line_text)


def build_server(debounce: float = DEBOUNCE_SECONDS):
    """The language server, with its features registered (imports pygls)."""
    from lsprotocol import types as T
    from pygls.lsp.server import LanguageServer
    from pygls.uris import to_fs_path

    from .config import CONFIG_FILES
    from .service import NAMES_INDEX, Checker, format_for

    SEVERITY = {1: T.DiagnosticSeverity.Information, 2: T.DiagnosticSeverity.Warning,
                3: T.DiagnosticSeverity.Error}

    class Server(LanguageServer):
        def __init__(self) -> None:
            super().__init__("copycheck", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Full)
            self.checker = Checker()
            # One worker: checks of one editor are few, and this keeps the protocol thread free.
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copycheck-check")
            self.generation: dict[str, int] = {}
            self.checked: dict[str, tuple[str, object]] = {}  # uri -> (text, service.Result)
            self.shown: set[str] = set()
            self._rules = None

        def rule(self, code: str):
            if self._rules is None:
                from .registry import load_rules

                self._rules = {r.code: r for r in load_rules(())}
            return self._rules.get(code)

        @property
        def encoding(self) -> str:
            return str(getattr(self.workspace.position_encoding, "value", self.workspace.position_encoding)
                       or "utf-16")

    server = Server()

    def path_of(uri: str) -> str | None:
        return to_fs_path(uri) if uri.startswith("file:") else None

    def kind_of(uri: str, language_id: str | None) -> str | None:
        path = path_of(uri) or uri
        by_suffix = format_for(path, "")
        return by_suffix or LANGUAGES.get(language_id or "")

    def position(source: str, doc, line: int, column: int, enc: str):
        a, b = doc.lines.line_span(line, source)
        return T.Position(line - 1, units(source[a:a + column - 1], enc))

    def span(source: str, doc, l1, c1, l2, c2, enc: str) -> T.Range:
        return T.Range(position(source, doc, l1, c1, enc), position(source, doc, l2, c2, enc))

    def diagnostic(f, doc, enc: str) -> T.Diagnostic:
        rule = server.rule(f.code)
        link = getattr(rule, "link", "") or ""
        message = f.message
        if rule is not None and not link:
            message = f"{f.message}\n{f.name}: {rule.summary} (`copycheck rule {f.code}` explains)"
        return T.Diagnostic(
            range=span(doc.source, doc, f.line, f.column, f.end_line, f.end_column, enc),
            message=message, severity=SEVERITY.get(int(f.severity), T.DiagnosticSeverity.Warning),
            code=f.code, code_description=T.CodeDescription(href=link) if link else None,
            source="copycheck", data={"name": f.name, "fixable": f.fix is not None},
        )

    def diagnose(uri: str, text: str, fmt: str, enc: str):
        """On the worker thread: check, and turn findings into diagnostics."""
        from .config import ConfigError

        path = path_of(uri)
        try:
            result = server.checker.check(text, fmt, path)
        except (ConfigError, ValueError, OSError) as exc:
            msg = f"copycheck: configuration error: {exc}"
            d = T.Diagnostic(range=T.Range(T.Position(0, 0), T.Position(0, 0)), message=msg,
                             severity=T.DiagnosticSeverity.Error, code="config", source="copycheck")
            return [d], [msg], None
        server.checked[uri] = (text, result)
        notes = [f"copycheck: {p.path}: {p.message}" for p in result.problems]
        return [diagnostic(f, result.doc, enc) for f in result.findings], notes, result

    async def refresh(uri: str, delay: float = 0.0) -> None:
        gen = server.generation[uri] = server.generation.get(uri, 0) + 1
        if delay:
            await asyncio.sleep(delay)
            if server.generation.get(uri) != gen:
                return  # typing went on; the later change will check
        try:
            doc = server.workspace.get_text_document(uri)
            text, version, language = doc.source, doc.version, doc.language_id
        except Exception:  # noqa: BLE001 - closed meanwhile
            return
        fmt = kind_of(uri, language)
        if fmt is None:
            return
        if len(text) > MAX_CHARS:
            note = f"copycheck: {uri} is over {MAX_CHARS:,} characters; not checked"
            if note not in server.shown:
                server.shown.add(note)
                server.window_show_message(T.ShowMessageParams(T.MessageType.Warning, note))
            return
        loop = asyncio.get_running_loop()
        try:
            diags, notes, _ = await loop.run_in_executor(server.pool, diagnose, uri, text, fmt, server.encoding)
        except Exception as exc:  # noqa: BLE001 - never let a check kill the server
            diags, notes = [], [f"copycheck: internal error checking {uri}: {type(exc).__name__}: {exc}"]
        if server.generation.get(uri) != gen:
            return  # a newer edit was made while this one was checked
        for note in notes:  # before the diagnostics, so a client sees the reason first
            if note.startswith("copycheck: configuration error"):
                if note not in server.shown:
                    server.shown.add(note)
                    server.window_show_message(T.ShowMessageParams(T.MessageType.Error, note))
            else:
                server.window_log_message(T.LogMessageParams(T.MessageType.Warning, note))
        server.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=diags,
                                                                            version=version))

    async def refresh_all() -> None:
        server.shown.clear()
        for uri in list(server.workspace.text_documents):
            await refresh(uri)

    @server.feature(T.INITIALIZED)
    def initialized(ls: Server, params: T.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if watched is not None and watched.dynamic_registration:
            ls.client_register_capability(T.RegistrationParams([T.Registration(
                id="copycheck-config", method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=T.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[T.FileSystemWatcher(glob_pattern=WATCHED)]))]))

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: Server, params: T.DidOpenTextDocumentParams) -> None:
        await refresh(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: Server, params: T.DidChangeTextDocumentParams) -> None:
        await refresh(params.text_document.uri, debounce)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: Server, params: T.DidSaveTextDocumentParams) -> None:
        name = os.path.basename(path_of(params.text_document.uri) or "")
        if name in (*CONFIG_FILES, NAMES_INDEX):
            await refresh_all()  # a configuration edited in the editor itself
        else:
            await refresh(params.text_document.uri)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: T.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.generation[uri] = ls.generation.get(uri, 0) + 1
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched_changed(ls: Server, params: T.DidChangeWatchedFilesParams) -> None:
        await refresh_all()

    @server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix]))
    def code_action(ls: Server, params: T.CodeActionParams):
        uri = params.text_document.uri
        stored = ls.checked.get(uri)
        try:
            current = ls.workspace.get_text_document(uri).source
        except Exception:  # noqa: BLE001
            return []
        if stored is None or stored[0] != current:
            return []  # not checked in this state yet; the client asks again after the next diagnostics
        _, result = stored
        doc = result.doc
        source, enc = doc.source, ls.encoding

        def offset(pos: T.Position) -> int:
            line = min(pos.line + 1, len(doc.lines.starts))
            a, b = doc.lines.line_span(line, source)
            return a + from_units(source[a:b], pos.character, enc)

        lo, hi = offset(params.range.start), offset(params.range.end)
        actions = []
        for f in result.findings:
            if f.end < lo or f.start > hi:
                continue
            diag = diagnostic(f, doc, enc)
            if f.fix is not None and f.fix_position is not None:
                old = source[f.fix.start:f.fix.end]
                new = f.fix.replacement
                what = (f"delete “{old}”" if not new else f"insert “{new}”" if not old
                        else f"replace “{old}” with “{new}”")
                title = f"{f.code}: {what}" + ("" if f.fix.safe else " (unsafe fix: needs a human eye)")
                actions.append(T.CodeAction(
                    title=title, kind=T.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=f.fix.safe,
                    edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(span(source, doc, *f.fix_position, enc), new)]})))
            a, b = doc.lines.line_span(f.line, source)
            end = T.Position(f.line - 1, units(source[a:b], enc))
            actions.append(T.CodeAction(
                title=f"{f.code}: ignore {f.name} on this line", kind=T.CodeActionKind.QuickFix, diagnostics=[diag],
                edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(T.Range(end, end),
                                                                f" <!-- copycheck: ignore {f.code} -->")]})))
        return actions

    return server


def main(argv: Sequence[str]) -> int:
    """`copycheck lsp`: serve the Language Server Protocol on stdin/stdout."""
    p = argparse.ArgumentParser(prog="copycheck lsp", description="Run the copycheck language server over stdio.")
    p.add_argument("--stdio", action="store_true", help="accepted for editors that pass it; stdio is the only transport")
    p.add_argument("--debounce-ms", type=int, default=int(DEBOUNCE_SECONDS * 1000), metavar="MS",
                   help="wait this long after typing stops before checking (default: 300)")
    args = p.parse_args(argv)
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print("copycheck: error: `copycheck lsp` needs the lsp extra: pip install 'copycheck[lsp]'", file=sys.stderr)
        return 2
    server = build_server(args.debounce_ms / 1000)
    server.start_io()
    return 0
