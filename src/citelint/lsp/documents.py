"""Open documents: the server's own copy of each draft's text as the client edits it
(incremental changes in the negotiated encoding), and the analysed versions of it. A
draft is checked only when its configuration and fact table are valid, it is not
excluded and it is not too large; otherwise its result says why not."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from ..config import Config
from ..model import FactTable
from .positions import LineIndex
from .tables import TableState

if TYPE_CHECKING:
    from ..incremental import Reanalyser

MARKDOWN_LANGUAGES = frozenset({"markdown", "mdx", "quarto", "rmd", "rmarkdown"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdx"})
#: Why a draft is not checked while its fact table is invalid (hover says so too).
INVALID_TABLE = "the fact table is invalid"


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
    """A document the client has open, as the server keeps it."""

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

    def edit(
        self,
        changes: Sequence[lsp.TextDocumentContentChangeEvent],
        version: int | None,
        encoding: str,
    ) -> None:
        """Apply a didChange's changes in order, each range read in the text as the
        changes before it left it; a client that sends no version still moves it on."""
        for change in changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                index = self.index
                start = index.offset(change.range.start, encoding)
                end = index.offset(change.range.end, encoding)
                if end < start:
                    start, end = end, start
                self.text = self.text[:start] + change.text + self.text[end:]
            else:
                self.text = change.text
        if version is not None:
            self.version = version
        else:
            self.version += 1


_EMPTY_INDEX = LineIndex("")


def analyse(
    text: str,
    version: int,
    path: str | None,
    config: Config | None,
    states: list[TableState],
    max_size: int,
    reanalyser: Callable[[], Reanalyser],
) -> Result:
    """The result for one version of a draft, given the configuration and table states
    `Resolver.states_at` found for it. `reanalyser` gives the document's `Reanalyser`,
    asked for only when the draft is checked."""
    index = _EMPTY_INDEX  # the caller sets the index of the analysed text
    if config is None:
        return Result(version, index, blocked=f"invalid configuration {states[0].paths[0]}")
    state = states[0]
    if state.table is None:
        return Result(version, index, blocked=INVALID_TABLE)
    if path is not None and config.excluded(path):
        return Result(version, index, table=state.table, blocked="excluded")
    if len(text) > max_size:
        return Result(version, index, table=state.table, blocked="too large")
    analysis = reanalyser().analyse(text, state.table, config, path or "<string>")
    return Result(version, index, analysis, state.table)


def fs_path(uri: str) -> str | None:
    """The file a `file:` URI names; None for any other URI or a malformed one."""
    if not uri.startswith("file:"):
        return None
    try:
        return to_fs_path(uri)
    except Exception:  # noqa: BLE001 - a malformed URI is just not a file
        return None
