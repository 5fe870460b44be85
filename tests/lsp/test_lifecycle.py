"""The LSP lifecycle around `initialize`, `shutdown` and `exit`, over stdio."""

from __future__ import annotations

import asyncio
import itertools
import json

import pytest
from lsphelpers import FLAGSHIP, diagnostics, open_doc, raw_request, send_raw, start, uri_of
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio

_IDS = itertools.count(9100)


def hover_params(uri: str) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}


async def refused(client: LanguageClient, method: str, params) -> int:
    """The error code the server answers a request with. The request is sent as
    written: the test client itself will not send one before `initialize`."""
    with pytest.raises(JsonRpcException) as err:
        await asyncio.wait_for(raw_request(client, next(_IDS), method, params), 10)
    return err.value.code


async def test_requests_after_shutdown_are_answered_invalid_request(client, workspace):
    uri = uri_of(workspace / "draft.md")
    open_doc(client, uri, f"{FLAGSHIP}\n")
    await diagnostics(client, uri, version=1)
    assert await client.shutdown_async(None) is None
    try:
        assert await refused(client, lsp.TEXT_DOCUMENT_HOVER, hover_params(uri)) == -32600
        assert await refused(client, "citelint/noSuchMethod", {}) == -32600
        assert await refused(client, lsp.SHUTDOWN, None) == -32600
    finally:
        client.exit(None)
        client.capabilities = None  # the fixture must not shut it down again
    assert await asyncio.wait_for(client._server.wait(), 10) == 0


async def test_exit_without_shutdown_exits_with_status_1(client, workspace):
    client.exit(None)
    assert await asyncio.wait_for(client._server.wait(), 10) == 1
    client.capabilities = None


async def test_requests_before_initialize_are_answered_server_not_initialized(
    bare_client, workspace
):
    client = bare_client
    uri = uri_of(workspace / "draft.md")
    assert await refused(client, lsp.TEXT_DOCUMENT_HOVER, hover_params(uri)) == -32002
    assert await refused(client, "citelint/noSuchMethod", {}) == -32002
    # A notification before initialize is dropped.
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": f"{FLAGSHIP}\n"}
    body = {"jsonrpc": "2.0", "method": lsp.TEXT_DOCUMENT_DID_OPEN,
            "params": {"textDocument": item}}  # fmt: skip
    send_raw(client, json.dumps(body).encode())
    await start(client, workspace)
    hover = lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 82)
    )
    assert await client.text_document_hover_async(hover) is None  # the draft is not open
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert [d.code for d in await diagnostics(client, uri, version=1)] == ["CL103"]
    assert (await client.text_document_hover_async(hover)) is not None
