"""The JSON-RPC side of the server: LSP's lifecycle (requests before `initialize` or
after `shutdown` are answered with an error, `exit` sets the exit status), an error
answer instead of silence for a malformed request, and text sync handed to the server,
which keeps document text itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types as lsp
from pygls.protocol import LanguageServerProtocol, lsp_method

if TYPE_CHECKING:
    from .server import CitelintServer

T = TypeVar("T")


class CitelintProtocol(LanguageServerProtocol):
    """Keeps document text itself (LSP lines, negotiated encoding, clamped ranges),
    answers malformed requests with an error instead of silence, and keeps to LSP's
    lifecycle (see `_admit`)."""

    _server: CitelintServer
    #: "new" until `initialize`, "running", then "shut down" once `shutdown` arrives.
    phase: str = "new"
    #: The process's exit status once `exit` arrives: 1 when no `shutdown` came first.
    exit_status: int = 0

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        self._server.guarded(self._server.did_open, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        self._server.guarded(self._server.did_change, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        self._server.guarded(self._server.did_close, params)

    def structure_message(self, data: dict[str, Any]):
        if isinstance(data, dict) and "jsonrpc" in data and "method" in data:
            if not self._admit(data):
                return _Ignored()
        try:
            message = super().structure_message(data)
        except Exception:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(
                    data["id"],
                    error=lsp.ResponseError(
                        code=lsp.ErrorCodes.InvalidParams,
                        message=f"invalid params for {data.get('method')!r}",
                    ),
                )
            return _Ignored()
        if self.phase == "new" and isinstance(data, dict) and data.get("method") == lsp.INITIALIZE:
            self.phase = "running"  # only an initialize that could be read initializes
        return message

    def _admit(self, data: dict[str, Any]) -> bool:
        """Whether a request or notification is handled. Before `initialize` a request
        is answered ServerNotInitialized and a notification is dropped; after
        `shutdown` a request is answered InvalidRequest (pygls would drop it, leaving
        the client waiting). `exit` is always handled."""
        method, request = data["method"], "id" in data
        if method == lsp.EXIT:
            self.exit_status = 0 if self.phase == "shut down" else 1
            return True
        if self.phase == "running":
            if method == lsp.SHUTDOWN and request:
                self.phase = "shut down"
            return True
        if self.phase == "new" and method == lsp.INITIALIZE and request:
            return True
        if request:
            code, why = (
                (lsp.ErrorCodes.ServerNotInitialized, "the server is not initialized yet")
                if self.phase == "new"
                else (lsp.ErrorCodes.InvalidRequest, "the server is shutting down")
            )
            self._send_response(
                data["id"], error=lsp.ResponseError(code=code, message=f"{why} ({method!r})")
            )
        return False

    def handle_message(self, message) -> None:
        if isinstance(message, _Ignored):
            return
        super().handle_message(message)

    def notify_json(self, method: str, params: dict[str, Any]) -> None:
        """`notify` with params already in their JSON form: no converter pass."""
        self._send_data({"jsonrpc": self.VERSION, "method": method, "params": params})

    def to_json(self, value: Any) -> Any:
        return self._converter.unstructure(value)

    def from_json(self, data: Any, kind: type[T]) -> T:
        return self._converter.structure(data, kind)


class _Ignored:
    """A message that could not be read; already answered when it was a request."""
