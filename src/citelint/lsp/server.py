"""The citelint language server: diagnostics, hover, code actions and fix-all over LSP.

A thin shell over `engine.analyse`, run in-process (never by shelling out):

* Text sync is incremental. The server keeps each open document's text itself,
  with LSP's own idea of a line (`\\n`, `\\r\\n` or `\\r`) and the position encoding
  negotiated at `initialize` (UTF-16 unless the client offers UTF-8 or UTF-32).
  Engine positions are code points; `LineIndex` converts both ways.
* Linting runs on one worker thread, one analysis per document version, so
  the event loop keeps answering while a large draft is checked. Each document
  keeps an `incremental.Reanalyser`: an edit re-parses and re-checks only the
  parts of the draft it touched, with the same result as `engine.analyse`. A change
  made while the server is caught up is linted at once; changes arriving while a
  lint is scheduled or running are coalesced and linted once, `debounce`
  seconds (0.2) after the last of them. Saving lints at once.
* Configuration and fact tables are found as the CLI finds them: the nearest
  citelint.toml / .citelint.toml / pyproject.toml [tool.citelint] above the
  document, its `facts`, else the bundled pack. Files are re-read when their
  modification time changes, on `workspace/didChangeWatchedFiles` (the server
  registers watchers for the config names and the table files in use) and when
  one is saved in the editor.
* An invalid fact table (or configuration) is reported as a diagnostic on that
  file, and drafts get no findings until it is fixed.
* Settings come from `initializationOptions`; each `workspace/didChangeConfiguration`
  replaces them all (a setting it leaves out is back at its default).
* The lifecycle is LSP's: requests before `initialize` get ServerNotInitialized,
  requests after `shutdown` get InvalidRequest, and `exit` without `shutdown`
  ends the process with status 1.
* Every handler is guarded: a failure is logged (window/logMessage and stderr)
  and answered with an empty result; malformed requests get an InvalidParams
  error instead of silence.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import sys
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types as lsp
from pygls.capabilities import ServerCapabilitiesBuilder
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__, fixes, wording
from .. import config as configuration
from ..checks import RULES
from ..config import Config, ConfigError
from ..model import Applicability, Diagnostic, Fact, FactTable, FactTableError, Problem, Severity
from ..report.sarif import RULES_DOC_URI

if TYPE_CHECKING:
    from ..incremental import Reanalyser

logger = logging.getLogger("citelint.lsp")

SOURCE = "citelint"
FIX_ALL_KIND = "source.fixAll.citelint"
#: `codeDescription.href` of each rule (`{code}` and `{name}` are filled in): the
#: rule's page in the repository's docs/rules/, the same URL SARIF's helpUri uses.
RULES_URL = f"{RULES_DOC_URI}/{{code}}.md"
MARKDOWN_LANGUAGES = frozenset({"markdown", "mdx", "quarto", "rmd", "rmarkdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdx"})
CONFIG_GLOBS = ("**/citelint.toml", "**/.citelint.toml", "**/pyproject.toml")
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
_QUALIFIER = {"=": "as written", "~": "approximately", ">": "more than", ">=": "at least",
              "<": "less than", "<=": "at most"}  # fmt: skip
_HOW = {"footnote": "a footnote", "link": "a link", "citation": "a citation key",
        "cue": "an attribution in the sentence", "table": "the table's source column",
        "paragraph": "an earlier attribution in the paragraph",
        "previous": "an earlier attribution"}  # fmt: skip
_BREAK = re.compile(r"\r\n|\r|\n")
_DISABLE_LINE = re.compile(r"<!--\s*citelint-disable-line\b([^>]*?)\s*-->", re.IGNORECASE)

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


# -- positions ---------------------------------------------------------------------------


class LineIndex:
    """Where each line of a text starts, for converting code-point offsets to LSP
    positions in the negotiated encoding and back. Lines end at \\n, \\r\\n or \\r.

    A conversion costs a binary search, not a scan of its line: each line's wide
    characters (more than one unit in the encoding) are listed once, when the line is
    first converted in that encoding, so a long line with many findings is not
    re-read up to each one."""

    __slots__ = ("text", "starts", "_wide")

    def __init__(self, text: str):
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self._wide: dict[tuple[int, str], _Wide | None] = {}

    def line_end(self, line: int) -> int:
        """The offset where `line`'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - 2 if self.text.startswith("\r\n", end - 2) else end - 1

    def position(self, offset: int, encoding: str) -> lsp.Position:
        return lsp.Position(*self.line_character(offset, encoding))

    def line_character(self, offset: int, encoding: str) -> tuple[int, int]:
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line]
        wide = self.wide(line, encoding)
        if wide is None:
            return line, column
        return line, column + wide.extra[bisect_left(wide.at, column)]

    def offset(self, position: lsp.Position, encoding: str) -> int:
        """The code-point offset of a client position, clamped into the text as LSP
        says (a column past the line's end means the end of the line; one inside a
        character, the character's end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.line_end(position.line)
        wanted = position.character
        wide = self.wide(position.line, encoding)
        if wide is None:
            return start + min(wanted, end - start)
        k = bisect_left(wide.unit_at, wanted)  # the wide characters starting before it
        column = wanted - wide.extra[k]
        if k:
            column = max(column, wide.at[k - 1] + 1)
        return start + min(max(column, 0), end - start)

    def wide(self, line: int, encoding: str) -> _Wide | None:
        """The wide characters of `line` in `encoding`, None if it has none."""
        key = (line, encoding)
        if key not in self._wide:
            content = self.text[self.starts[line] : self.line_end(line)]
            self._wide[key] = _Wide.of(content, encoding)
        return self._wide[key]

    def range(self, start: int, end: int, encoding: str) -> lsp.Range:
        return lsp.Range(start=self.position(start, encoding), end=self.position(end, encoding))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class _Wide:
    """The characters of one line that take more than one unit in an encoding."""

    at: list[int]  # their columns, in code points
    unit_at: list[int]  # their columns, in units
    extra: list[int]  # extra[k]: the units past one per character of the first k of them

    @classmethod
    def of(cls, content: str, encoding: str) -> _Wide | None:
        if encoding == lsp.PositionEncodingKind.Utf32 or content.isascii():
            return None
        utf8 = encoding == lsp.PositionEncodingKind.Utf8
        at, unit_at, extra = [], [], [0]
        for m in (_NON_ASCII if utf8 else _ASTRAL).finditer(content):
            at.append(m.start())
            unit_at.append(m.start() + extra[-1])
            extra.append(extra[-1] + _char_units(m.group(), encoding) - 1)
        return cls(at, unit_at, extra) if at else None


def _char_units(char: str, encoding: str) -> int:
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(char.encode("utf-8", "surrogatepass"))
    return 2 if ord(char) > 0xFFFF else 1


# -- state -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    """What the client may set in `initializationOptions` or, under a `citelint`
    key, in `workspace/didChangeConfiguration`. Each message carries the client's
    whole configuration, so a setting it leaves out (or sets to null) is back at its
    default: removing `facts` in the editor returns to the configured table."""

    debounce: float = 0.2  # seconds
    rules_url: str | None = None  # template with {code} / {name}
    facts: tuple[str, ...] = ()  # fact tables that replace the configured ones
    max_size: int = 2_000_000  # characters; larger documents are not linted

    @classmethod
    def read(cls, options: object) -> tuple[Settings, list[str]]:
        """The settings `options` give, and a note for each value that is not valid
        (that setting keeps its default)."""
        if not isinstance(options, dict):
            return cls(), []
        if "citelint" in options:
            options = options["citelint"] if isinstance(options["citelint"], dict) else {}
        values: dict[str, Any] = {}
        invalid: list[str] = []
        for key, attr, convert in _SETTINGS:
            raw = options.get(key)
            if raw is None:
                continue
            value = convert(raw)
            if value is None:
                invalid.append(f"{key}: {raw!r} is not valid; using the default")
            else:
                values[attr] = value
        return cls(**values), invalid


def _debounce(raw: object) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
        return None
    return raw / 1000 if raw > 10 else float(raw)  # milliseconds, or seconds when ≤ 10


def _rules_url(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None  # "" is the default


def _facts(raw: object) -> tuple[str, ...] | None:
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list) and all(isinstance(f, str) and f for f in raw):
        return tuple(raw)
    return None


def _max_size(raw: object) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else None


#: (client key, Settings field, converter returning None for an invalid value)
_SETTINGS: tuple[tuple[str, str, Callable[[object], Any]], ...] = (
    ("debounce", "debounce", _debounce),
    ("rulesUrl", "rules_url", _rules_url),
    ("facts", "facts", _facts),
    ("maxDocumentSize", "max_size", _max_size),
)


@dataclass
class Result:
    """One analysed version of a document, or why it was not checked."""

    version: int
    index: LineIndex
    analysis: Any = None  # engine.Analysis
    table: FactTable | None = None
    blocked: str | None = None


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: int
    language_id: str = ""
    path: str | None = None
    last_change: float = 0.0
    linted_version: int | None = None  # the version whose diagnostics were published
    result: Result | None = None
    inflight: tuple[int, asyncio.Future] | None = None
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def index(self) -> LineIndex:
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def is_markdown(self) -> bool:
        if self.language_id.lower() in MARKDOWN_LANGUAGES:
            return True
        name = self.path or self.uri.split("?", 1)[0]
        return Path(name).suffix.lower() in MARKDOWN_SUFFIXES


@dataclass
class TableState:
    """A loaded fact table, or the problems that stop it loading."""

    table: FactTable | None
    problems: tuple[Problem, ...]
    stamps: tuple[tuple[str, int | None], ...]  # (file, mtime_ns) of what was read

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.stamps)


def _stamp(path: str) -> int | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return stat.st_mtime_ns ^ stat.st_size


class Resolver:
    """Configuration and fact tables for a document, found as the CLI finds them and
    re-read when a file's stamp changes. Used from the lint thread only."""

    def __init__(self) -> None:
        self._configs: dict[str, tuple[int | None, Config | ConfigError]] = {}
        self._tables: dict[tuple[str, ...], TableState] = {}

    def invalidate(self) -> None:
        """Forget everything: the next check re-reads configuration and tables."""
        self.rediscover()
        self._configs.clear()
        self._tables.clear()

    def rediscover(self) -> None:
        """Look for configuration files again (one may have been created or removed);
        loaded files stay cached and are re-read only when their stamp changes."""
        configuration.forget_locations()

    def config(self, start: Path | None) -> tuple[Config, Problem | None]:
        if start is None:
            return Config(), None
        try:
            found = configuration.find_config(start)
        except OSError:
            return Config(), None
        if found is None:
            return Config(), None
        key, stamp = str(found), _stamp(str(found))
        cached = self._configs.get(key)
        if cached is None or cached[0] != stamp:
            try:
                cached = (stamp, configuration.read_config(found))
            except ConfigError as err:
                cached = (stamp, err)
            self._configs[key] = cached
        value = cached[1]
        if isinstance(value, ConfigError):  # shown on the file, at the TOML error's line
            return Config(), Problem(str(found), value.line, "", value.detail)
        return value, None

    def table(self, specs: tuple[str, ...]) -> TableState:
        state = self._tables.get(specs)
        if state is not None and all(_stamp(p) == s for p, s in state.stamps):
            return state
        state = self._load(specs)
        self._tables[specs] = state
        return state

    def _load(self, specs: tuple[str, ...]) -> TableState:
        from ..facttable import load_facts
        from ..packs import bundled_facts

        if not specs:
            try:
                return TableState(bundled_facts(), (), ())
            except FactTableError as err:
                return TableState(None, err.problems, ())
        paths: list[str] = []
        try:
            for spec in specs:
                paths += _resolve(spec)
            stamps = tuple((p, _stamp(p)) for p in paths)
            return TableState(load_facts([Path(p) for p in paths]), (), stamps)
        except FactTableError as err:
            stamps = tuple((p, _stamp(p)) for p in paths or specs)
            return TableState(None, err.problems, stamps)
        except (ValueError, LookupError, OSError) as err:
            where = paths[-1] if paths else specs[0]
            message = getattr(err, "strerror", None) or str(err)
            if isinstance(err, FileNotFoundError):
                message = "no such file"
            stamps = tuple((p, _stamp(p)) for p in (*paths, *specs))
            return TableState(None, (Problem(where, 0, "", message),), stamps)


def _resolve(spec: str) -> list[str]:
    """The files a fact-table spec names (a path, or pack:NAME)."""
    try:
        from ..packs import resolve
    except ImportError:  # pragma: no cover - an older packs module
        return [spec]
    return [str(p) for p in resolve(spec)]


# -- the server ----------------------------------------------------------------------------


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


class CitelintServer(LanguageServer):
    protocol: CitelintProtocol

    def __init__(self) -> None:
        super().__init__(
            "citelint",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=CitelintProtocol,
        )
        self.settings = Settings()
        self.documents: dict[str, OpenDocument] = {}
        self.encoding: str = lsp.PositionEncodingKind.Utf16
        self.folders: list[Path] = []
        self.resolver = Resolver()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citelint-lint")
        self._reanalysers: dict[str, Reanalyser] = {}  # used on the lint thread only
        self._published: dict[str, dict[tuple, dict[str, Any]]] = {}  # see to_lsp
        self._tasks: dict[str, asyncio.Task] = {}
        self._running: set[str] = set()
        self._table_diagnostics: dict[str, list[lsp.Diagnostic]] = {}
        self._known_tables: frozenset[str] = frozenset()  # fact-table files in use
        self._watch_registration: str | None = None
        self._can_watch = False
        self._relative_patterns = False
        self._document_changes = False
        self._warned: set[str] = set()
        self._generation = 0  # bumped by reload(): older results are stale

    # -- plumbing --------------------------------------------------------------------

    def guarded(self, handler: Callable[..., Any], *args: Any) -> Any:
        try:
            return handler(*args)
        except Exception as err:  # noqa: BLE001 - the server must keep serving
            self.log_error(f"{getattr(handler, '__name__', 'handler')} failed", err)
            return None

    def log_error(self, what: str, err: BaseException | None = None) -> None:
        logger.error("%s", what, exc_info=err)
        detail = f": {type(err).__name__}: {err}" if err is not None else ""
        self.log(f"{what}{detail}", lsp.MessageType.Error)

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=f"citelint: {message}"))
        except Exception:  # noqa: BLE001 - no transport (tests, shutdown)
            logger.debug("cannot send log message: %s", message)

    def report_server_error(self, error: Exception, source) -> None:
        """Log protocol-level errors instead of popping up a message in the editor."""
        logger.error("server error (%s): %s", getattr(source, "__name__", source), error)
        self.log(f"error handling a message: {error}", lsp.MessageType.Error)

    def publish(self, uri: str, diagnostics: list[dict[str, Any]], version: int | None) -> None:
        """Send diagnostics in their JSON form (`to_lsp`): pygls's converter spent ~25 ms
        on a long draft's 800 findings at every publish, reused ones included."""
        params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.protocol.notify_json(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    # -- lifecycle ---------------------------------------------------------------------

    def initialize(self, params: lsp.InitializeParams) -> None:
        self.apply_settings(params.initialization_options)
        self.encoding = ServerCapabilitiesBuilder.choose_position_encoding(params.capabilities)
        folders = [f.uri for f in params.workspace_folders or []]
        if not folders and params.root_uri:
            folders = [params.root_uri]
        if not folders and params.root_path:
            folders = [from_fs_path(params.root_path) or ""]
        self.folders = [Path(p) for p in (to_fs_path(u) for u in folders if u) if p]
        caps = params.capabilities
        watched = caps.workspace.did_change_watched_files if caps.workspace else None
        self._can_watch = bool(watched and watched.dynamic_registration)
        self._relative_patterns = bool(watched and watched.relative_pattern_support)
        edit = caps.workspace.workspace_edit if caps.workspace else None
        self._document_changes = bool(edit and edit.document_changes)

    def folders_changed(self, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        removed = {to_fs_path(f.uri) for f in params.event.removed or []}
        self.folders = [f for f in self.folders if str(f) not in removed]
        self.folders += [Path(p) for p in (to_fs_path(f.uri) for f in params.event.added) if p]

    async def register_watchers(self, tables: Iterable[str] = ()) -> None:
        """Ask the client to tell us when a configuration or fact-table file changes."""
        if not self._can_watch:
            return
        tables = tuple(sorted(set(tables)))
        watchers: list[lsp.FileSystemWatcher] = [
            lsp.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS
        ]
        for path in tables:
            file = Path(path)
            if self._relative_patterns:
                pattern: Any = lsp.RelativePattern(
                    base_uri=from_fs_path(str(file.parent)) or "", pattern=file.name
                )
            else:
                pattern = f"**/{file.name}"
            watchers.append(lsp.FileSystemWatcher(glob_pattern=pattern))
        old, new = self._watch_registration, f"citelint-watch-{len(tables)}-{time.monotonic_ns()}"
        self._watch_registration = new
        try:
            await self.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id=new,
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )
            if old is not None:
                await self.client_unregister_capability_async(
                    lsp.UnregistrationParams(
                        unregisterations=[
                            lsp.Unregistration(
                                id=old, method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
                            )
                        ]
                    )
                )
        except Exception as err:  # noqa: BLE001 - a client that refuses is still served
            logger.info("file watchers not registered: %s", err)

    # -- documents ---------------------------------------------------------------------

    def did_open(self, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        doc = OpenDocument(
            uri=item.uri,
            text=item.text,
            version=item.version,
            language_id=item.language_id or "",
            path=_fs_path(item.uri),
        )
        self.documents[item.uri] = doc
        if doc.is_markdown:
            self._pool.submit(self.resolver.rediscover)  # a config may have appeared
            self.schedule(doc.uri, 0.0)
        elif item.uri in self._table_diagnostics:
            self.publish(item.uri, self._table_json(item.uri), None)

    def did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            logger.info("change to a document that is not open: %s", params.text_document.uri)
            return
        caught_up = doc.linted_version == doc.version and doc.uri not in self._tasks
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                index = doc.index
                start = index.offset(change.range.start, self.encoding)
                end = index.offset(change.range.end, self.encoding)
                if end < start:
                    start, end = end, start
                doc.text = doc.text[:start] + change.text + doc.text[end:]
            else:
                doc.text = change.text
        if params.text_document.version is not None:
            doc.version = params.text_document.version
        else:
            doc.version += 1
        now = time.monotonic()
        quiet = caught_up or now - doc.last_change >= self.settings.debounce
        doc.last_change = now
        if doc.is_markdown:
            self.schedule(doc.uri, 0.0 if quiet else self.settings.debounce)

    def did_close(self, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = self.documents.pop(uri, None)
        self._pool.submit(self._reanalysers.pop, uri, None)
        self._published.pop(uri, None)
        task = self._tasks.pop(uri, None)
        if task is not None and uri not in self._running:
            task.cancel()
        if doc is not None and doc.is_markdown and uri not in self._table_diagnostics:
            self.publish(uri, [], None)

    def did_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = self.documents.get(uri)
        path = _fs_path(uri)
        if path is not None and self._is_config_or_table(path):
            self.reload()
            return
        if doc is not None and doc.is_markdown:
            if params.text is not None and params.text != doc.text:
                doc.text = params.text
                doc.version += 1
            self._pool.submit(self.resolver.rediscover)
            doc.result = None
            self.schedule(uri, 0.0)

    def _is_config_or_table(self, path: str) -> bool:
        if Path(path).name in configuration.CONFIG_NAMES:
            return True
        return any(_same_file(path, p) for p in self._known_tables)

    def watched_files_changed(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        if params.changes:
            self.reload()

    def configuration_changed(self, params: lsp.DidChangeConfigurationParams) -> None:
        if params.settings is None:  # a client of the pull model: nothing to apply
            return
        self.apply_settings(params.settings)
        self.reload()

    def apply_settings(self, options: object) -> None:
        self.settings, invalid = Settings.read(options)
        for note in invalid:
            self.log(f"setting {note}", lsp.MessageType.Warning)

    def reload(self) -> None:
        """Forget every configuration and table, then re-check every open draft. What
        was computed before is stale: results in flight are not kept."""
        self._generation += 1
        self._published.clear()  # settings may change how findings are shown
        self._pool.submit(self.resolver.invalidate)
        # Find the tables now in use, so problems shown on tables no longer in use
        # (a `facts` setting that was removed) are cleared. With no draft open, only
        # the problems already showing are looked at again.
        if self._table_diagnostics or any(d.is_markdown for d in self.documents.values()):
            self.schedule_table_check()
        for doc in self.documents.values():
            doc.result = None
            doc.inflight = None
            if doc.is_markdown:
                self.schedule(doc.uri, 0.0)

    def schedule_table_check(self) -> None:
        starts = {self._start(d.path) for d in self.documents.values() if d.is_markdown}
        generation = self._generation

        async def check() -> None:
            states = await asyncio.get_running_loop().run_in_executor(
                self._pool, self._current_states, starts or {self._start(None)}
            )
            if generation == self._generation:
                self._publish_table_problems(states, complete=True)

        asyncio.ensure_future(check())

    def _current_states(self, starts: set[Path | None]) -> list[TableState]:
        """Runs on the lint thread: the state of every table and configuration in use."""
        return [state for start in starts for state in self._states_at(start)[1]]

    # -- linting -----------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        task = self._tasks.get(uri)
        if task is not None and not task.done():
            if uri in self._running:
                return  # the running lint sees the new version and lints again
            task.cancel()
        self._tasks[uri] = asyncio.ensure_future(self._lint_after(uri, delay))

    async def _lint_after(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            while True:
                doc = self.documents.get(uri)
                if doc is None:
                    return
                version, generation = doc.version, self._generation
                self._running.add(uri)
                try:
                    result = await self.result_for(doc)
                finally:
                    self._running.discard(uri)
                doc = self.documents.get(uri)
                if doc is None or doc.is_markdown is False:
                    return
                if generation != self._generation:  # reloaded meanwhile: check again
                    continue
                if doc.version != version:  # edited meanwhile: wait for it to settle
                    wait = doc.last_change + self.settings.debounce - time.monotonic()
                    await asyncio.sleep(max(wait, 0.0))
                    continue
                self.publish(uri, self.to_lsp(result, uri), version)
                doc.linted_version = version
                return
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001
            self.log_error(f"linting {uri} failed", err)
        finally:
            if self._tasks.get(uri) is asyncio.current_task():
                del self._tasks[uri]

    async def result_for(self, doc: OpenDocument) -> Result:
        """The analysis of the document's current version (one `analyse` per version)."""
        if doc.result is not None and doc.result.version == doc.version:
            return doc.result
        if doc.inflight is not None and doc.inflight[0] == doc.version:
            return await asyncio.shield(doc.inflight[1])
        loop = asyncio.get_running_loop()
        version, text, generation = doc.version, doc.text, self._generation
        index = doc.index
        future = loop.run_in_executor(self._pool, self._analyse, doc.uri, doc.path, text, version)
        doc.inflight = (version, future)
        try:
            result, states = await future
        finally:
            if doc.inflight is not None and doc.inflight[1] is future:
                doc.inflight = None
        result.index = index if index.text is text else LineIndex(text)
        if generation != self._generation:  # computed before a reload: not kept
            return result
        self._publish_table_problems(states)
        if doc.version == version:
            doc.result = result
        return result

    def _analyse(
        self, uri: str, path: str | None, text: str, version: int
    ) -> tuple[Result, list[TableState]]:
        """Runs on the lint thread: resolve configuration and table, then analyse."""
        from ..incremental import Reanalyser

        index = _EMPTY_INDEX  # the caller sets the index of the analysed text
        start = self._start(path)
        config, states = self._states_at(start)
        if config is None:
            blocked = f"invalid configuration {states[0].paths[0]}"
            return Result(version, index, blocked=blocked), states
        state = states[0]
        if state.table is None:
            return Result(version, index, blocked="the fact table is invalid"), states
        if path is not None and config.excluded(path):
            return Result(version, index, table=state.table, blocked="excluded"), states
        if len(text) > self.settings.max_size:
            return Result(version, index, table=state.table, blocked="too large"), states
        reanalyser = self._reanalysers.setdefault(uri, Reanalyser())
        analysis = reanalyser.analyse(text, state.table, config, path or "<string>")
        return Result(version, index, analysis, state.table), states

    def _start(self, path: str | None) -> Path | None:
        """Where the configuration search for a document starts."""
        return Path(path).parent if path else (self.folders[0] if self.folders else None)

    def _states_at(self, start: Path | None) -> tuple[Config | None, list[TableState]]:
        """The configuration for drafts under `start` (None when it is invalid) and the
        state of what it reads: the fact table first, then the configuration file."""
        config, problem = self.resolver.config(start)
        if problem is not None:
            path = problem.path
            return None, [TableState(None, (problem,), ((path, _stamp(path)),))]
        state = self.resolver.table(self._specs(config, start))
        # A configuration that reads fine clears any problem shown on it before.
        read = [TableState(None, (), ((config.path, 0),))] if config.path else []
        return config, [state, *read]

    def _specs(self, config: Config, start: Path | None) -> tuple[str, ...]:
        if not self.settings.facts:
            return tuple(config.facts)
        base = self.folders[0] if self.folders else (start or Path.cwd())
        return tuple(
            s if s.startswith("pack:") or Path(s).is_absolute() else str((base / s).resolve())
            for s in self.settings.facts
        )

    def _publish_table_problems(self, states: list[TableState], complete: bool = False) -> None:
        """Show each invalid table's problems on the table itself; clear fixed ones.
        `complete` says `states` are all the tables in use: problems shown on any other
        file are cleared too, and only these tables are watched."""
        problems: dict[str, list[Problem]] = {}
        clean: set[str] = set()
        tables: set[str] = set() if complete else set(self._known_tables)
        for state in states:
            tables.update(p for p in state.paths if Path(p).name not in configuration.CONFIG_NAMES)
            uris = {from_fs_path(p) or p for p in state.paths}
            for problem in state.problems:
                problems.setdefault(from_fs_path(problem.path) or problem.path, []).append(problem)
            clean |= uris - set(problems)
        if complete:
            clean |= set(self._table_diagnostics)
        for uri, found in problems.items():
            items = [self._problem_diagnostic(problem) for problem in found]
            if self._table_diagnostics.get(uri) != items:
                self._table_diagnostics[uri] = items
                self.publish(uri, self._table_json(uri), None)
                if uri not in self._warned:
                    self._warned.add(uri)
                    self.window_show_message(
                        lsp.ShowMessageParams(
                            type=lsp.MessageType.Error,
                            message=f"citelint: {self._summary(found)} — drafts are not "
                            "checked until it is fixed",
                        )
                    )
        for uri in clean:
            if uri in self._table_diagnostics and uri not in problems:
                del self._table_diagnostics[uri]
                self._warned.discard(uri)
                self.publish(uri, [], None)
        if tables != self._known_tables:
            self._known_tables = frozenset(tables)
            if self._can_watch:
                asyncio.ensure_future(self.register_watchers(tables))

    def _summary(self, problems: list[Problem]) -> str:
        """The first of a file's problems with its file and line, and how many more
        there are (the diagnostics on the file list them all)."""
        first = problems[0]
        where = self._display_path(first.path) + (f":{first.line}" if first.line > 0 else "")
        what = f"{first.field}: {first.message}" if first.field else first.message
        text = f"{where}: {what}"
        if len(problems) > 1:
            more = len(problems) - 1
            text += (
                f" (and {more} more problem{'s' if more > 1 else ''}; "
                f"see the diagnostics on {Path(first.path).name})"
            )
        return text

    def _display_path(self, path: str) -> str:
        """`path` relative to the workspace folder that holds it, else as it is."""
        for folder in self.folders:
            try:
                return str(Path(path).relative_to(folder))
            except ValueError:
                continue
        return path

    def _table_json(self, uri: str) -> list[dict[str, Any]]:
        return [self.protocol.to_json(d) for d in self._table_diagnostics[uri]]

    def _problem_diagnostic(self, problem: Problem) -> lsp.Diagnostic:
        line = max(problem.line - 1, 0)
        uri = from_fs_path(problem.path) or problem.path
        text = self.documents[uri].text if uri in self.documents else _read(problem.path)
        index = LineIndex(text)
        if line >= len(index.starts):
            line = len(index.starts) - 1
        start = index.starts[line]
        table_problem = not problem.path.endswith(configuration.CONFIG_NAMES)
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        link = lsp.CodeDescription(href=self.rule_href("CL901")) if table_problem else None
        return lsp.Diagnostic(
            range=index.range(start, index.line_end(line), self.encoding),
            message=message,
            severity=lsp.DiagnosticSeverity.Error,
            code="CL901" if table_problem else None,
            code_description=link,
            source=SOURCE,
        )

    # -- converting findings -----------------------------------------------------------

    def rule_href(self, code: str) -> str:
        rule = RULES.get(code)
        name = rule.name if rule else code.lower()
        template = self.settings.rules_url or RULES_URL
        try:
            return template.format(code=code, name=name)
        except (KeyError, IndexError, ValueError):
            return RULES_URL.format(code=code)

    def to_lsp(self, result: Result, uri: str = "") -> list[dict[str, Any]]:
        """A result's findings as publishDiagnostics sends them (the JSON form of
        `diagnostic`). An edit moves most findings in the text but not on screen,
        so those published last time for `uri` are reused."""
        if result.analysis is None:
            return []
        index, encoding = result.index, self.encoding
        before = self._published.get(uri, {})
        now: dict[tuple, dict[str, Any]] = {}
        out = []
        for d in result.analysis.diagnostics:
            start = index.line_character(d.start, encoding)
            end = index.line_character(d.end, encoding)
            fix = d.fix.applicability.value if d.fix else None
            key = (start, end, d.code, d.message, d.severity, d.fact, d.source, d.rule, fix)
            converted = now.get(key) or before.get(key) or self._json(d, start, end, fix)
            now[key] = converted
            out.append(converted)
        if uri:
            self._published[uri] = now
        return out

    def diagnostic(self, d: Diagnostic, index: LineIndex) -> lsp.Diagnostic:
        start = index.line_character(d.start, self.encoding)
        end = index.line_character(d.end, self.encoding)
        data = self._json(d, start, end, d.fix.applicability.value if d.fix else None)
        return self.protocol.from_json(data, lsp.Diagnostic)

    def _json(
        self, d: Diagnostic, start: tuple[int, int], end: tuple[int, int], fix: str | None
    ) -> dict[str, Any]:
        """What pygls's converter makes of the lsp.Diagnostic for a finding, built
        directly: converting hundreds of attrs objects would delay the publish."""
        return {
            "range": {
                "start": {"line": start[0], "character": start[1]},
                "end": {"line": end[0], "character": end[1]},
            },
            "message": d.message,
            "severity": _SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning).value,
            "code": d.code,
            "codeDescription": {"href": self.rule_href(d.code)},
            "source": SOURCE,
            "data": {"fact": d.fact, "source": d.source, "rule": d.rule, "fix": fix},
        }

    # -- hover ---------------------------------------------------------------------------

    async def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None or not doc.is_markdown:
            return None
        result = await self.result_for(doc)
        if result.analysis is None:
            if result.blocked == "the fact table is invalid":
                return _hover("citelint: the fact table is invalid; fix it to check this draft.")
            return None
        offset = result.index.offset(params.position, self.encoding)
        ev = _evidence_at(result.analysis.evidence, offset)
        if ev is None:
            return None
        findings = [d for d in result.analysis.diagnostics if d.claim == ev.claim]
        text = describe(ev, result.table or FactTable(), findings)
        span = ev.claim.span
        start = span.start if ev.claim.qualifier_span is None else ev.claim.qualifier_span.start
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
            range=result.index.range(start, span.end, self.encoding),
        )

    # -- code actions --------------------------------------------------------------------

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None or not doc.is_markdown:
            return None
        version = doc.version
        result = await self.result_for(doc)
        if result.analysis is None or doc.version != version:
            return None
        index = result.index
        only = params.context.only if params.context else None
        low = index.offset(params.range.start, self.encoding)
        high = index.offset(params.range.end, self.encoding)
        low, high = min(low, high), max(low, high)
        actions: list[lsp.CodeAction] = []
        findings = result.analysis.diagnostics
        here = [d for d in findings if d.start <= high and d.end >= low]
        if _wanted(lsp.CodeActionKind.QuickFix, only):
            for d in here:
                fix = d.fix
                if fix is None or fix.applicability == Applicability.DISPLAY_ONLY or not fix.edits:
                    continue
                safe = fix.applicability == Applicability.SAFE
                actions.append(
                    lsp.CodeAction(
                        title=f"{fix.message} ({d.code})" + ("" if safe else " (unsafe)"),
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[self.diagnostic(d, index)],
                        is_preferred=safe,
                        edit=self._edit(
                            doc, index, [(e.start, e.end, e.replacement) for e in fix.edits]
                        ),
                    )
                )
            seen: set[tuple[int, str]] = set()
            for d in here:
                if (d.line, d.code) in seen:
                    continue
                seen.add((d.line, d.code))
                edit = _disable_line_edit(index, d.line - 1, d.code)
                if edit is None:
                    continue
                related = [
                    self.diagnostic(x, index) for x in here if x.line == d.line and x.code == d.code
                ]
                actions.append(
                    lsp.CodeAction(
                        title=f"Disable {d.code} for this line",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=related,
                        edit=self._edit(doc, index, [edit]),
                    )
                )
        if _wanted(FIX_ALL_KIND, only):
            edits = fixes.applicable(list(findings), unsafe=False)
            if edits:
                actions.append(
                    lsp.CodeAction(
                        title="citelint: apply all safe fixes",
                        kind=FIX_ALL_KIND,
                        edit=self._edit(
                            doc, index, [(e.start, e.end, e.replacement) for e in edits]
                        ),
                    )
                )
        return actions

    def _edit(
        self, doc: OpenDocument, index: LineIndex, edits: list[tuple[int, int, str]]
    ) -> lsp.WorkspaceEdit:
        text_edits = [
            lsp.TextEdit(range=index.range(start, end, self.encoding), new_text=new)
            for start, end, new in edits
        ]
        if self._document_changes:
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(
                        text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                            uri=doc.uri, version=doc.version
                        ),
                        edits=text_edits,
                    )
                ]
            )
        return lsp.WorkspaceEdit(changes={doc.uri: text_edits})

    def cancel_lints(self) -> None:
        for task in self._tasks.values():
            task.cancel()


_EMPTY_INDEX = LineIndex("")


def _fs_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    try:
        return to_fs_path(uri)
    except Exception:  # noqa: BLE001 - a malformed URI is just not a file
        return None


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _wanted(kind: str, only: list[str] | None) -> bool:
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") for k in only)


def _evidence_at(evidence, offset: int):
    best = None
    for ev in evidence:
        span = ev.claim.span
        start = span.start if ev.claim.qualifier_span is None else ev.claim.qualifier_span.start
        if start <= offset < span.end:
            return ev
        if offset == span.end and best is None:
            best = ev
    return best


def _disable_line_edit(index: LineIndex, line: int, code: str) -> tuple[int, int, str] | None:
    """Add `code` to the line's `<!-- citelint-disable-line -->` comment, or append one
    at the end of the line (before a trailing hard break)."""
    if line < 0 or line >= len(index.starts):
        return None
    start, end = index.starts[line], index.line_end(line)
    content = index.text[start:end]
    existing = _DISABLE_LINE.search(content)
    if existing is not None:
        codes = [c for c in re.split(r"[\s,]+", existing.group(1)) if c]
        if not codes or code in codes:
            return None
        new = f"<!-- citelint-disable-line {' '.join([*codes, code])} -->"
        return (start + existing.start(), start + existing.end(), new)
    body = content.rstrip(" \t")
    if body.endswith("\\"):
        body = body[:-1]
    at = start + len(body)
    return (at, at, f" <!-- citelint-disable-line {code} -->")


# -- hover text --------------------------------------------------------------------------

_ESCAPE = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _interval(claim) -> str:
    low, high = claim.low, claim.high
    if low is not None and high is not None:
        if low == high:
            return wording.number(low)
        return f"{wording.number(low)} – {wording.number(high)}"
    if low is not None:
        return f"≥ {wording.number(low)}"
    if high is not None:
        return f"≤ {wording.number(high)}"
    return "any value"


def describe(ev, table: FactTable, findings: list[Diagnostic]) -> str:
    """Markdown for a claim's hover: what the draft says, the fact it matched and its
    provenance, or why no fact fits."""
    claim = ev.claim
    qualifier = _QUALIFIER.get(claim.qualifier, claim.qualifier)
    lines = [
        f"**{_md(claim.text)}** — value {wording.number(claim.value)}, unit `{claim.unit}` "
        f"({_md(wording.unit_name(claim.unit))}), {qualifier}; interval {_interval(claim)}",
        "",
    ]
    attribution = ev.attribution
    credited = [table.source(s) for s in sorted(attribution.sources)]
    names = [s.label for s in credited if s is not None] + list(attribution.names)
    if names:
        how = _HOW.get(attribution.how, attribution.how)
        lines.append(f"Credited to: {_md('; '.join(names))} — found by {how}.")
    else:
        lines.append("No source is credited for this figure.")
    lines.append("")
    shown: set[str] = set()
    own = ev.credited(ev.fits)
    if own or (ev.fits and not attribution.sources):
        fact = (own or ev.fits)[0].fact
        lines.append("**Matched fact**")
        lines += _fact_lines(fact, table)
        shown.add(fact.id)
    elif ev.fits:
        fact = ev.fits[0].fact
        lines.append("**The value fits a fact of a source the text does not credit**")
        lines += _fact_lines(fact, table)
        shown.add(fact.id)
        figure = ev.credited(ev.metric)
        if figure:
            lines += ["", "**The credited source's figure for this metric**"]
            lines += _fact_lines(figure[0].fact, table)
            shown.add(figure[0].fact.id)
    else:
        reason, fact = _why_nothing_fits(ev, table)
        lines.append(f"**No fact fits this claim:** {reason}")
        if fact is not None:
            lines += ["", *_fact_lines(fact, table)]
            shown.add(fact.id)
    for d in findings:
        lines += ["", f"**{d.code}** {d.rule}: {_md(d.message)}"]
        if d.fix is not None:
            kind = {"safe": "safe fix", "unsafe": "unsafe fix", "display-only": "suggestion"}
            lines.append(f"_{kind.get(d.fix.applicability.value, 'fix')}:_ {_md(d.fix.message)}")
        fact = table.fact(d.fact) if d.fact else None
        if fact is not None and fact.id not in shown:
            lines += ["", "The figure this finding refers to:", *_fact_lines(fact, table)]
            shown.add(fact.id)
    return "\n".join(lines).strip() + "\n"


def _why_nothing_fits(ev, table: FactTable) -> tuple[str, Fact | None]:
    metric = ev.credited(ev.metric) or ev.metric
    if metric:
        fact = metric[0].fact
        return (
            f"the nearest fact for this metric is `{fact.id}`, {_md(wording.fact_value(fact))}.",
            fact,
        )
    if ev.other_unit:
        fact = ev.other_unit[0].fact
        unit, claimed = wording.unit_name(fact.unit), wording.unit_name(ev.claim.unit)
        return f"`{fact.id}` has this value in {_md(unit)}, not {_md(claimed)}.", fact
    if ev.elsewhere:
        fact = ev.elsewhere[0].fact
        return f"only a source the text does not credit has this value: `{fact.id}`.", fact
    return f"no fact for this metric (the table has {len(table.facts)} facts).", None


def _fact_lines(fact: Fact, table: FactTable) -> list[str]:
    lines = [f"- `{fact.id}`: **{_md(wording.fact_value(fact))}** — {_md(fact.metric)}"]
    if fact.subject:
        lines.append(f"- subject: {_md(fact.subject)}")
    source = table.source(fact.source)
    if source is not None:
        lines.append(f"- source: {_md(source.name)}")
        if source.publisher:
            lines.append(f"- publisher: {_md(source.publisher)}")
        if source.url:
            lines.append(f"- URL: <{source.url}>")
    else:
        lines.append(f"- source: `{fact.source}`")
    if fact.as_of:
        lines.append(f"- as of: {_md(fact.as_of)}")
    if fact.superseded_by:
        lines.append(f"- superseded by `{fact.superseded_by}`")
    if fact.primary_url:
        lines.append(f"- primary: <{fact.primary_url}>")
    if fact.quote:
        lines += ["", *(f"> {_md(q)}" for q in fact.quote.strip().splitlines())]
    return lines


def _hover(text: str) -> lsp.Hover:
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


# -- wiring --------------------------------------------------------------------------------


def _guard_request(fallback: Any = None) -> Callable[[F], F]:
    """An exception in a request handler is logged and answered with `fallback`."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        async def wrapper(server: CitelintServer, params: Any) -> Any:
            try:
                return await fn(server, params)
            except asyncio.CancelledError:
                raise
            except Exception as err:  # noqa: BLE001
                server.log_error(f"{fn.__name__} failed", err)
                return fallback

        return wrapper  # type: ignore[return-value]

    return decorate


def build() -> CitelintServer:
    server = CitelintServer()

    @server.feature(lsp.INITIALIZE)
    def _initialize(ls: CitelintServer, params: lsp.InitializeParams) -> None:
        ls.guarded(ls.initialize, params)

    @server.feature(lsp.INITIALIZED)
    async def _initialized(ls: CitelintServer, params: lsp.InitializedParams) -> None:
        await ls.register_watchers()

    @server.feature(lsp.SHUTDOWN)
    def _shutdown(ls: CitelintServer, params: None) -> None:
        ls.guarded(ls.cancel_lints)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def _did_save(ls: CitelintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.guarded(ls.did_save, params)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def _watched(ls: CitelintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.guarded(ls.watched_files_changed, params)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def _configuration(ls: CitelintServer, params: lsp.DidChangeConfigurationParams) -> None:
        ls.guarded(ls.configuration_changed, params)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def _folders(ls: CitelintServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        ls.guarded(ls.folders_changed, params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @_guard_request()
    async def _hover_handler(ls: CitelintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return await ls.hover(params)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND],
            resolve_provider=False,
        ),
    )
    @_guard_request()
    async def _code_action(
        ls: CitelintServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        return await ls.code_actions(params)

    return server


def serve() -> None:
    """Run the language server on stdin/stdout (what `citelint server` does)."""
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="citelint-lsp %(levelname)s: %(message)s"
    )
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    server = build()
    server.start_io(stdin, stdout)  # returns (swallowing pygls's sys.exit) after `exit`
    if server.protocol.exit_status:
        sys.exit(server.protocol.exit_status)
