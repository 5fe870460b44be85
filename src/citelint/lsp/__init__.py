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

Each module has one job: `server` keeps a session's state and wires LSP messages to
the features; `protocol` keeps to LSP's lifecycle; `documents` holds the open drafts
and their analyses; `tables` finds configuration and fact tables; `problems` shows
their problems and watches their files; `settings` reads the client's settings;
`positions` converts offsets; `convert` turns findings into diagnostics; `describe`
writes hover text; `actions` makes code actions.
"""

from .convert import RULES_URL
from .positions import LineIndex
from .server import serve
from .settings import Settings

__all__ = ["RULES_URL", "LineIndex", "Settings", "serve"]
