"""The language server survives bad clients. Tested only through its protocol: raw
JSON-RPC frames written to `citelint server` in a subprocess. After every bad
message (malformed JSON, not JSON-RPC, unknown methods, a document closed twice,
edits and positions out of range, wrong parameter types) the server answers with
an error or ignores it, and a later valid request still gets its response."""

from __future__ import annotations

import importlib.util
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("citelint.lsp") is None or importlib.util.find_spec("pygls") is None,
    reason="the language server (citelint.lsp, pygls) is not installed",
)

TEXT = "# Draft\n\nMIT found that 41% of downloads came from China.\n"


class Server:
    """`citelint server` in a subprocess, spoken to in raw frames."""

    def __init__(self, cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "citelint", "server"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 1000
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            self.messages.put(json.loads(out.read(length)))

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for _ in iter(self.proc.stderr.readline, b""):
            pass

    def raw(self, body: bytes, header: bytes | None = None) -> None:
        assert self.proc.stdin is not None
        if header is None:
            header = b"Content-Length: %d\r\n\r\n" % len(body)
        self.proc.stdin.write(header + body)
        self.proc.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self.raw(json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8"))

    def request(self, method: str, params: Any = None) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"method": method, "params": params})

    def response(self, request_id: Any, timeout: float = 30) -> dict[str, Any]:
        """The response to `request_id` (other messages are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no response to {request_id!r} within {timeout}s")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if "method" not in message and message.get("id") == request_id:
                return message

    def alive(self, uri: str) -> None:
        """A valid request still gets a response."""
        answer = self.response(
            self.request(
                "textDocument/hover",
                {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 16}},
            )
        )
        assert "error" not in answer, answer

    def close(self) -> int:
        try:
            self.response(self.request("shutdown"), timeout=20)
            self.notify("exit")
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture()
def server(tmp_path: Path):
    (tmp_path / "draft.md").write_text(TEXT, encoding="utf-8")
    srv = Server(tmp_path)
    answer = srv.response(
        srv.request(
            "initialize",
            {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
        ),
        timeout=60,
    )
    assert "capabilities" in answer["result"]
    srv.notify("initialized", {})
    uri = (tmp_path / "draft.md").as_uri()
    srv.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": TEXT}},
    )
    srv.uri = uri  # type: ignore[attr-defined]
    yield srv
    if srv.proc.poll() is None:
        srv.proc.kill()
        srv.proc.wait()


def _change(uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str):
    return {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [
            {
                "range": {
                    "start": {"line": start[0], "character": start[1]},
                    "end": {"line": end[0], "character": end[1]},
                },
                "text": text,
            }
        ],
    }


def test_malformed_frames_and_messages(server: Server) -> None:
    uri = server.uri  # type: ignore[attr-defined]
    server.raw(b"{this is not json")
    server.alive(uri)
    server.raw(b"[]")
    server.alive(uri)
    server.raw(b'"just a string"')
    server.alive(uri)
    server.raw(b'{"jsonrpc": "2.0", "id": 77}')  # neither request nor response
    server.alive(uri)
    server.raw(b'{"jsonrpc": "2.0", "method": 42, "id": 78}')
    server.alive(uri)
    server.raw(b"\xff\xfe not utf-8 \xc3")
    server.alive(uri)
    server.raw(b'{"jsonrpc":"2.0","id":79,"method":"textDocument/hover","params":null}')
    answer = server.response(79)
    assert "error" in answer or answer.get("result") is None
    server.alive(uri)
    assert server.close() == 0


def test_unknown_methods(server: Server) -> None:
    uri = server.uri  # type: ignore[attr-defined]
    answer = server.response(server.request("citelint/noSuchMethod", {"x": 1}))
    assert answer["error"]["code"] == -32601  # MethodNotFound
    server.notify("citelint/noSuchNotification", {"x": 1})
    server.notify("$/noSuchProtocolNotification")
    server.alive(uri)
    assert server.close() == 0


def test_documents_closed_twice_or_never_opened(server: Server) -> None:
    uri = server.uri  # type: ignore[attr-defined]
    other = uri.replace("draft.md", "never-opened.md")
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.notify("textDocument/didClose", {"textDocument": {"uri": other}})
    server.notify("textDocument/didChange", _change(other, 2, (0, 0), (0, 0), "x"))
    answer = server.response(
        server.request(
            "textDocument/hover",
            {"textDocument": {"uri": other}, "position": {"line": 0, "character": 0}},
        )
    )
    assert "error" in answer or answer.get("result") is None
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 3, "text": TEXT}},
    )
    server.alive(uri)
    assert server.close() == 0


def test_edits_and_positions_out_of_range(server: Server) -> None:
    uri = server.uri  # type: ignore[attr-defined]
    bad_edits = [
        ((1000, 0), (1001, 0), "appended far away"),
        ((0, 5000), (0, 6000), "past the end of a line"),
        ((2, 10), (0, 0), "end before start"),
        ((-1, -5), (0, 0), "negative"),
        ((0, 0), (2**31, 2**31), ""),
    ]
    for version, (start, end, text) in enumerate(bad_edits, start=2):
        server.notify("textDocument/didChange", _change(uri, version, start, end, text))
        server.alive(uri)
    server.notify("textDocument/didChange", _change(uri, 1, (0, 0), (0, 0), "older version"))
    server.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 50}, "contentChanges": [{"text": TEXT}]},
    )
    for line, character in [(999, 0), (0, 999), (-1, 0), (2**31, 2**31)]:
        position = {"line": line, "character": character}
        answer = server.response(
            server.request(
                "textDocument/hover", {"textDocument": {"uri": uri}, "position": position}
            )
        )
        assert "error" in answer or "result" in answer
        answer = server.response(
            server.request(
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": {"start": position, "end": position},
                    "context": {"diagnostics": []},
                },
            )
        )
        assert "error" in answer or "result" in answer
    server.alive(uri)
    assert server.close() == 0


def test_wrong_parameter_types(server: Server) -> None:
    uri = server.uri  # type: ignore[attr-defined]
    for params in [None, [], "text", {"textDocument": None}, {"textDocument": {"uri": 5}}]:
        server.notify("textDocument/didOpen", params)
        server.notify("textDocument/didChange", params)
        answer = server.response(server.request("textDocument/hover", params))
        assert "error" in answer or answer.get("result") is None
    server.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 9}, "contentChanges": [{"range": "x"}]},
    )
    server.alive(uri)
    assert server.close() == 0


def test_bad_headers(server: Server) -> None:
    uri = server.uri  # type: ignore[attr-defined]
    server.raw(b"{}", header=b"Content-Type: application/json\r\n\r\n")  # no length
    server.raw(b"", header=b"X-Nonsense: 1\r\n\r\n")
    server.raw(b"{}", header=b"Content-Length: 2\r\nContent-Type: text/odd\r\n\r\n")
    server.alive(uri)
    assert server.close() == 0
