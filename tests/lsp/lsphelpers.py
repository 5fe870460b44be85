"""Helpers for the language-server tests: a pytest-lsp client driving `citelint server`
over stdio, waiting for diagnostics, and applying the edits the server proposes."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

FIXTURES = Path(__file__).parent / "fixtures"
SERVER = [sys.executable, "-m", "citelint", "server"]
FLAGSHIP = (
    "According to a study by MIT and Hugging Face, Chinese open models now account for "
    "41% of global downloads."
)
TIMEOUT = 20.0


@dataclass
class Recorder:
    """Every publishDiagnostics and registration the server sends."""

    published: list[lsp.PublishDiagnosticsParams] = field(default_factory=list)
    registrations: list[lsp.Registration] = field(default_factory=list)
    event: asyncio.Event = field(default_factory=asyncio.Event)


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    recorder = Recorder()
    client.recorder = recorder  # type: ignore[attr-defined]
    for method, handler in DEFAULT_CLIENT_FEATURES.items():
        if method != lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            client.feature(method)(handler)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _publish(ls: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        recorder.published.append(params)
        recorder.event.set()

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def _register(ls: LanguageClient, params: lsp.RegistrationParams) -> None:
        recorder.registrations.extend(params.registrations)
        recorder.event.set()

    @client.feature(lsp.CLIENT_UNREGISTER_CAPABILITY)
    def _unregister(ls: LanguageClient, params: lsp.UnregistrationParams) -> None:
        return None

    return client


def recorder(client: LanguageClient) -> Recorder:
    return client.recorder  # type: ignore[attr-defined]


async def wait_until(client: LanguageClient, predicate, timeout: float = TIMEOUT):
    """Wait for something the server sends; returns the predicate's first true value."""
    rec = recorder(client)
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise AssertionError(f"timed out; published so far: {rec.published!r}")
        rec.event.clear()
        try:
            await asyncio.wait_for(rec.event.wait(), remaining)
        except TimeoutError:
            pass


async def diagnostics(
    client: LanguageClient, uri: str, version: int | None = None, after: int = 0
) -> list[lsp.Diagnostic]:
    """The first diagnostics published for `uri` (at `version`) after the `after`-th
    publication."""

    def find():
        for params in recorder(client).published[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return params
        return None

    found = await wait_until(client, find)
    return list(found.diagnostics)


def mark(client: LanguageClient) -> int:
    """How many publications have arrived so far (for `diagnostics(after=...)`)."""
    return len(recorder(client).published)


def open_doc(client: LanguageClient, uri: str, text: str, language: str = "markdown") -> None:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )


def change(client: LanguageClient, uri: str, version: int, *changes) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=list(changes),
        )
    )


def send_raw(client: LanguageClient, body: bytes) -> None:
    """Write one message to the server exactly as given (malformed on purpose)."""
    client.protocol.writer.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)


def raw_request(client: LanguageClient, msg_id: int, method: str, params) -> asyncio.Future:
    """Send a request whose params the client would refuse to serialise; the future
    resolves with the server's answer (an exception for an error response)."""
    future: asyncio.Future = asyncio.get_running_loop().create_future()
    client.protocol._request_futures[msg_id] = future
    payload = {"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}
    send_raw(client, json.dumps(payload).encode())
    return future


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, occurrence: int = 0) -> lsp.Position:
    """The UTF-16 position of `needle` in `text`."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return lsp.Position(line=line, character=utf16(text[start:at]))


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply UTF-16 text edits the way an editor does (last first)."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for i, char in enumerate(line):
            if units >= pos.character:
                return before + i
            units += 2 if ord(char) > 0xFFFF else 1
        return before + len(line)

    spans = sorted((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits)
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: lsp.CodeAction, uri: str) -> list[lsp.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        return [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]
    return list((edit.changes or {}).get(uri, []))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder with citelint.toml pointing at the small test fact table."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(FIXTURES / "facts.yaml", root / "facts.yaml")
    shutil.copy(FIXTURES / "citelint.toml", root / "citelint.toml")
    return root


def uri_of(path: Path) -> str:
    return from_fs_path(str(path)) or ""


async def start(
    client: LanguageClient,
    root: Path,
    options: dict | None = None,
    capabilities: lsp.ClientCapabilities | None = None,
) -> None:
    client.init_result = await client.initialize_session(  # type: ignore[attr-defined]
        lsp.InitializeParams(
            capabilities=capabilities or client_capabilities("visual-studio-code"),
            root_uri=uri_of(root),
            workspace_folders=[lsp.WorkspaceFolder(uri=uri_of(root), name=root.name)],
            initialization_options=options,
        )
    )


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, workspace: Path):
    await start(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def bare_client(lsp_client: LanguageClient, workspace: Path):
    """A client that has not initialized the server yet: the test calls `start`."""
    yield
    if lsp_client.capabilities is None:  # never initialized: `exit` is all it accepts
        send_raw(lsp_client, json.dumps({"jsonrpc": "2.0", "method": lsp.EXIT}).encode())
        await lsp_client._server.wait()
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def utf8_client(lsp_client: LanguageClient, workspace: Path):
    """A client that prefers UTF-8 positions (as Neovim may offer)."""
    caps = client_capabilities("neovim")
    caps.general = lsp.GeneralClientCapabilities(
        position_encodings=[lsp.PositionEncodingKind.Utf8, lsp.PositionEncodingKind.Utf16]
    )
    await start(lsp_client, workspace, capabilities=caps)
    yield
    await lsp_client.shutdown_session()
