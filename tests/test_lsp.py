"""`copycheck lsp`: a real LSP client (pytest-lsp) speaking JSON-RPC over stdio to the real server process."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="the lsp extra is not installed")
from lsprotocol import types as T  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from conftest import ROOT  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "copycheck", "lsp", "--debounce-ms", "50"],
                            server_env=ENV)
EMOJI_TEXT = "# Markets\n\nTraders 😀 said the the index rose.\n"


def _capabilities(encodings: list[str] | None = None) -> T.ClientCapabilities:
    return T.ClientCapabilities(
        general=T.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=T.WorkspaceClientCapabilities(
            did_change_watched_files=T.DidChangeWatchedFilesClientCapabilities(dynamic_registration=False)),
        text_document=T.TextDocumentClientCapabilities(code_action=T.CodeActionClientCapabilities(
            code_action_literal_support=T.ClientCodeActionLiteralOptions(
                code_action_kind=T.ClientCodeActionKindOptions(value_set=[T.CodeActionKind.QuickFix])))),
    )


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(T.InitializeParams(capabilities=_capabilities()))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, params=["utf-8", "utf-32"])
async def enc_client(lsp_client: LanguageClient, request):
    result = await lsp_client.initialize_session(T.InitializeParams(capabilities=_capabilities([request.param])))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


async def _open(client: LanguageClient, path: Path, text: str, language: str = "markdown"):
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, language, 1, text)))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def _apply(text: str, edits: list[T.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) the way an editor does, last first."""
    lines = text.splitlines(keepends=True)

    def offset(pos: T.Position) -> int:
        line = lines[pos.line]
        units = line.encode("utf-16-le")[: pos.character * 2].decode("utf-16-le")
        return sum(len(x) for x in lines[: pos.line]) + len(units)

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end):]
    return text


@pytest.mark.asyncio
async def test_initialize_advertises_utf16_sync_and_code_actions(client: LanguageClient):
    caps = client.init_result.capabilities
    assert client.init_result.server_info.name == "copycheck"
    assert caps.position_encoding == T.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == T.TextDocumentSyncKind.Full
    assert list(caps.code_action_provider.code_action_kinds) == [T.CodeActionKind.QuickFix]


@pytest.mark.asyncio
async def test_emoji_before_a_doubled_word_gives_a_utf16_range(client: LanguageClient, repo: Path):
    uri = await _open(client, repo / "story.md", EMOJI_TEXT)
    (d,) = client.diagnostics[uri]
    # "Traders 😀 said " is 15 code points but 16 UTF-16 units: the emoji is a surrogate pair.
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (2, 16, 23)
    assert d.code == "TY001" and d.source == "copycheck" and d.severity == T.DiagnosticSeverity.Error
    assert "doubled-word" in d.message


@pytest.mark.asyncio
async def test_negotiated_utf8_and_utf32_positions(enc_client: LanguageClient, repo: Path):
    enc = enc_client.init_result.capabilities.position_encoding
    uri = await _open(enc_client, repo / "story.md", EMOJI_TEXT)
    (d,) = enc_client.diagnostics[uri]
    expected = {"utf-8": (18, 25), "utf-32": (15, 22)}[enc]  # the emoji is 4 bytes, or 1 code point
    assert (d.range.start.character, d.range.end.character) == expected


@pytest.mark.asyncio
async def test_edit_updates_diagnostics(client: LanguageClient, repo: Path):
    uri = await _open(client, repo / "story.txt", "They said the the word.\n", "plaintext")
    assert [d.code for d in client.diagnostics[uri]] == ["TY001"]
    for version, text in ((2, "They said the word.\n"), (3, "They  said the word.\n")):
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version), [T.TextDocumentContentChangeWholeDocument(text)]))
        await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if version == 2:
            assert list(client.diagnostics[uri]) == []
    assert [(d.code, d.range.start.character) for d in client.diagnostics[uri]] == [("SP001", 4)]


@pytest.mark.asyncio
async def test_code_actions_fix_and_ignore_apply_cleanly(client: LanguageClient, repo: Path):
    uri = await _open(client, repo / "story.md", EMOJI_TEXT)
    (d,) = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), d.range, T.CodeActionContext([d])))
    titles = [a.title for a in actions]
    assert titles == ["TY001: delete “ the”", "TY001: ignore doubled-word on this line"]
    fixed = _apply(EMOJI_TEXT, actions[0].edit.changes[uri])
    assert fixed == "# Markets\n\nTraders 😀 said the index rose.\n"
    ignored = _apply(EMOJI_TEXT, actions[1].edit.changes[uri])
    assert ignored == "# Markets\n\nTraders 😀 said the the index rose. <!-- copycheck: ignore TY001 -->\n"
    for version, text in ((2, fixed), (3, ignored)):
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version), [T.TextDocumentContentChangeWholeDocument(text)]))
        await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_unsafe_fix_is_labelled_for_a_human_eye(client: LanguageClient, repo: Path):
    text = "Ambassador Jonathon Smith met the press. Later, Jonathan Smith and Jonathan Smith spoke.\n"
    uri = await _open(client, repo / "names.txt", text, "plaintext")
    nm = [d for d in client.diagnostics[uri] if d.code == "NM001"]
    assert nm, client.diagnostics[uri]
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), nm[0].range, T.CodeActionContext(nm)))
    fixes = [a for a in actions if "ignore" not in a.title]
    assert fixes and all("unsafe fix: needs a human eye" in a.title and not a.is_preferred for a in fixes)


@pytest.mark.asyncio
async def test_html_document_positions_are_in_the_source(client: LanguageClient, repo: Path):
    text = "<p>Caf&eacute; &amp; bar: they said the <em>the</em> word.</p>\n"
    uri = await _open(client, repo / "page.html", text, "html")
    (d,) = client.diagnostics[uri]
    assert (d.range.start.character, d.range.end.character) == (text.index("the <em>"), text.index("</em>"))


@pytest.mark.asyncio
async def test_broken_configuration_is_one_diagnostic_then_reloads(client: LanguageClient, repo: Path):
    config = repo / "copycheck.toml"
    config.write_text('select = "TY"\n', encoding="utf-8")
    uri = await _open(client, repo / "story.md", "They said the the word.\n")
    (d,) = client.diagnostics[uri]
    assert d.code == "config" and str(config) in d.message and "select" in d.message
    assert [m.message for m in client.messages] == [d.message]  # one window message, naming the file
    # The server is alive: fixing the file (and saying so) brings the real diagnostics back.
    config.write_text('select = ["TY"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(T.DidChangeWatchedFilesParams(
        [T.FileEvent(config.as_uri(), T.FileChangeType.Changed)]))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[uri]] == ["TY001"]


@pytest.mark.asyncio
async def test_configuration_per_folder(client: LanguageClient, repo: Path):
    (repo / "quiet").mkdir()
    (repo / "quiet" / ".copycheck.toml").write_text('ignore = ["TY001"]\n', encoding="utf-8")
    loud = await _open(client, repo / "a.md", "They said the the word.\n")
    quiet = await _open(client, repo / "quiet" / "b.md", "They said the the word.\n")
    assert [d.code for d in client.diagnostics[loud]] == ["TY001"]
    assert list(client.diagnostics[quiet]) == []


@pytest.mark.asyncio
async def test_repository_names_come_from_the_committed_index(client: LanguageClient, repo: Path):
    index = {"version": 1, "files": {f"world/a{i}.txt": {"Çavuşoğlu": 2} for i in range(5)}}
    (repo / ".copycheck-names.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    (repo / "world").mkdir()
    uri = await _open(client, repo / "world" / "new.txt",
                      "Foreign Minister Mevlut Cavusoglu said talks would go on.\n", "plaintext")
    (d,) = [d for d in client.diagnostics[uri] if d.code == "NM003"]
    assert (d.range.start.character, d.range.end.character) == (24, 33) and "5 other files" in d.message


@pytest.mark.asyncio
async def test_the_documents_own_index_entry_gives_way_to_its_text(client: LanguageClient, repo: Path):
    """A version 2 index (paths relative to it) still lists the open file with the majority's spelling;
    the editor's text replaces that entry, so the majority has its five other files, not six."""
    entry = {"Çavuşoğlu": [2, 0, 0, {"<Mevlüt": 1}]}
    files = {f"world/a{i}.txt": entry for i in range(5)}
    files["world/new.txt"] = entry  # stale: the file as committed
    (repo / ".copycheck-names.json").write_text(json.dumps({"version": 2, "files": files}, ensure_ascii=False),
                                                encoding="utf-8")
    (repo / "world").mkdir()
    uri = await _open(client, repo / "world" / "new.txt",
                      "Foreign Minister Mevlut Cavusoglu said talks would go on.\n", "plaintext")
    (d,) = [d for d in client.diagnostics[uri] if d.code == "NM003"]
    assert (d.range.start.character, d.range.end.character) == (24, 33)
    assert "5 other files" in d.message and "6 other files" not in d.message


SLOW_PACK = """[[rule]]
code = "SL001"
name = "slow-pattern"
kind = "pattern"
summary = "An invented runaway pattern."
message = "never"
severity = "warning"
pattern = '''(?:x+x+)+y'''
"""


@pytest.mark.asyncio
async def test_a_failing_rule_costs_only_its_own_diagnostics(client: LanguageClient, repo: Path):
    (repo / "slow.toml").write_text(SLOW_PACK, encoding="utf-8")
    (repo / "copycheck.toml").write_text('packs = ["slow.toml"]\n', encoding="utf-8")
    uri = await _open(client, repo / "story.txt", "They said the the word. " + "x" * 5000 + "\n", "plaintext")
    assert [d.code for d in client.diagnostics[uri]] == ["TY001"]  # the other rules still report
    assert any("SL001" in m.message and "stopped" in m.message for m in client.log_messages)
    # And the server still serves.
    uri2 = await _open(client, repo / "b.txt", "A clean line.\n", "plaintext")
    assert list(client.diagnostics[uri2]) == []


@pytest.mark.asyncio
async def test_a_large_document_does_not_block_requests(client: LanguageClient, repo: Path):
    import asyncio

    big = "They said the word was out. Mr Smith, 45, agreed it’s fine. " * 30000  # 1.8 MB
    path = repo / "big.txt"
    path.write_text(big, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(uri, "plaintext", 1, big)))
    await asyncio.sleep(0.2)  # the check is under way on the worker thread
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), T.Range(T.Position(0, 0), T.Position(0, 1)), T.CodeActionContext([])))
    assert not actions and uri not in client.diagnostics  # answered before the check finished
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_rapid_edits_are_debounced_into_one_check_of_the_last_text(client: LanguageClient, repo: Path):
    import asyncio

    uri = await _open(client, repo / "story.txt", "Clean.\n", "plaintext")
    for version in range(2, 7):  # typing: every intermediate text has a doubled word, the last none
        text = "They said the the word.\n" if version < 6 else "They said the word.\n"
        client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [T.TextDocumentContentChangeWholeDocument(text)]))
    await client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []
    with pytest.raises(asyncio.TimeoutError):  # and no stale check is published after it
        await asyncio.wait_for(client.wait_for_notification(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 0.6)
