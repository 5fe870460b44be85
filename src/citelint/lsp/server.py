"""The language server itself: the state of a session (open documents, settings,
workspace folders, the lint thread and its scheduling, what was published) and the
wiring from LSP messages to the feature modules. `build()` makes a server with every
handler registered; `serve()` runs one on stdin/stdout."""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types as lsp
from pygls.capabilities import ServerCapabilitiesBuilder
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..config import Config
from ..model import Problem
from . import actions, describe
from .convert import Converter
from .documents import OpenDocument, Result, analyse, fs_path
from .positions import LineIndex
from .problems import TableProblems, summary, watchers
from .protocol import CitelintProtocol
from .settings import Settings
from .tables import Resolver, TableState, search_start

if TYPE_CHECKING:
    from ..incremental import Reanalyser

# The package's name, as before it was split: log filters name it.
logger = logging.getLogger("citelint.lsp")

F = TypeVar("F", bound=Callable[..., Any])


class CitelintServer(LanguageServer):
    """One session's state, and handlers that hand each request to its feature module."""

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
        self._published: dict[str, dict[tuple, dict[str, Any]]] = {}  # see Converter
        self._tasks: dict[str, asyncio.Task] = {}
        self._running: set[str] = set()
        self._table_problems = TableProblems()
        self._watch_registration: str | None = None
        self._can_watch = False
        self._relative_patterns = False
        self._document_changes = False
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
        """Send diagnostics in their JSON form (`Converter.published`): pygls's converter
        spent ~25 ms on a long draft's 800 findings at every publish, reused ones included."""
        params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.protocol.notify_json(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    @property
    def converter(self) -> Converter:
        return Converter(self.encoding, self.settings.rules_url, self.protocol.from_json)

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
        found = watchers(tables, self._relative_patterns)
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
                                watchers=found
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
            path=fs_path(item.uri),
        )
        self.documents[item.uri] = doc
        if doc.is_markdown:
            self._pool.submit(self.resolver.rediscover)  # a config may have appeared
            self.schedule(doc.uri, 0.0)
        elif item.uri in self._table_problems.diagnostics:
            self.publish(item.uri, self._table_json(item.uri), None)

    def did_change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            logger.info("change to a document that is not open: %s", params.text_document.uri)
            return
        caught_up = doc.linted_version == doc.version and doc.uri not in self._tasks
        doc.edit(params.content_changes, params.text_document.version, self.encoding)
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
        if doc is not None and doc.is_markdown and uri not in self._table_problems.diagnostics:
            self.publish(uri, [], None)

    def did_save(self, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = self.documents.get(uri)
        path = fs_path(uri)
        if path is not None and self._table_problems.is_config_or_table(path):
            self.reload()
            return
        if doc is not None and doc.is_markdown:
            if params.text is not None and params.text != doc.text:
                doc.text = params.text
                doc.version += 1
            self._pool.submit(self.resolver.rediscover)
            doc.result = None
            self.schedule(uri, 0.0)

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
        if self._table_problems.diagnostics or any(d.is_markdown for d in self.documents.values()):
            self.schedule_table_check()
        for doc in self.documents.values():
            doc.result = None
            doc.inflight = None
            if doc.is_markdown:
                self.schedule(doc.uri, 0.0)

    def schedule_table_check(self) -> None:
        starts = {
            search_start(d.path, self.folders) for d in self.documents.values() if d.is_markdown
        }
        generation = self._generation

        async def check() -> None:
            states = await asyncio.get_running_loop().run_in_executor(
                self._pool, self._current_states, starts or {search_start(None, self.folders)}
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
                self.publish(uri, self._diagnostics_json(result, uri), version)
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

        config, states = self._states_at(search_start(path, self.folders))
        result = analyse(
            text,
            version,
            path,
            config,
            states,
            self.settings.max_size,
            lambda: self._reanalysers.setdefault(uri, Reanalyser()),
        )
        return result, states

    def _states_at(self, start: Path | None) -> tuple[Config | None, list[TableState]]:
        """Runs on the lint thread, with the settings and folders of the moment."""
        return self.resolver.states_at(start, self.settings.facts, self.folders)

    def _diagnostics_json(self, result: Result, uri: str) -> list[dict[str, Any]]:
        if result.analysis is None:
            return []
        out, self._published[uri] = self.converter.published(
            result.analysis.diagnostics, result.index, self._published.get(uri, {})
        )
        return out

    def _publish_table_problems(self, states: list[TableState], complete: bool = False) -> None:
        """Publish what `TableProblems.update` changed, tell the user about new
        problems once, and watch the table files now in use."""
        changes = self._table_problems.update(states, complete, self._problem_diagnostic)
        for uri, found in changes.shown:
            self.publish(uri, self._table_json(uri), None)
            if found is not None:
                self.window_show_message(
                    lsp.ShowMessageParams(
                        type=lsp.MessageType.Error,
                        message=f"citelint: {summary(found, self.folders)} — drafts are not "
                        "checked until it is fixed",
                    )
                )
        for uri in changes.cleared:
            self.publish(uri, [], None)
        if changes.tables is not None and self._can_watch:
            asyncio.ensure_future(self.register_watchers(changes.tables))

    def _table_json(self, uri: str) -> list[dict[str, Any]]:
        return [self.protocol.to_json(d) for d in self._table_problems.diagnostics[uri]]

    def _problem_diagnostic(self, problem: Problem) -> lsp.Diagnostic:
        uri = from_fs_path(problem.path) or problem.path
        text = self.documents[uri].text if uri in self.documents else _read(problem.path)
        return self.converter.problem(problem, text)

    # -- features ------------------------------------------------------------------------

    async def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None or not doc.is_markdown:
            return None
        result = await self.result_for(doc)
        return describe.hover(result, params.position, self.encoding)

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None or not doc.is_markdown:
            return None
        version = doc.version
        result = await self.result_for(doc)
        if result.analysis is None or doc.version != version:
            return None
        return actions.code_actions(
            doc.uri, version, result, params, self.converter, self._document_changes
        )

    def cancel_lints(self) -> None:
        for task in self._tasks.values():
            task.cancel()


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


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


def _guarded_notification(name: str) -> Callable[[CitelintServer, Any], None]:
    """A handler that runs the server's method `name` on the notification's params."""

    def handle(ls: CitelintServer, params: Any) -> None:  # pygls passes `ls` by its name
        ls.guarded(getattr(ls, name), params)

    return handle


def build() -> CitelintServer:
    server = CitelintServer()

    # Notifications, each a CitelintServer method run by `guarded`: a failure is
    # logged and the server keeps serving.
    notifications: tuple[tuple[str, Any, str], ...] = (
        (lsp.INITIALIZE, None, "initialize"),
        (lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False), "did_save"),
        (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, "watched_files_changed"),
        (lsp.WORKSPACE_DID_CHANGE_CONFIGURATION, None, "configuration_changed"),
        (lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, None, "folders_changed"),
    )
    for method, options, name in notifications:
        server.feature(method, options)(_guarded_notification(name))

    @server.feature(lsp.INITIALIZED)
    async def _initialized(ls: CitelintServer, params: lsp.InitializedParams) -> None:
        await ls.register_watchers()

    @server.feature(lsp.SHUTDOWN)
    def _shutdown(ls: CitelintServer, params: None) -> None:
        ls.guarded(ls.cancel_lints)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    @_guard_request()
    async def _hover_handler(ls: CitelintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return await ls.hover(params)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
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
