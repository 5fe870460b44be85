"""The configuration and fact-table files in use: which of them have problems to show as
diagnostics on the file (and to tell the user about once), which to stop showing once
fixed, and the file watchers that make the client report changes to them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.uris import from_fs_path

from .. import config as configuration
from ..model import Problem
from .tables import TableState

CONFIG_GLOBS = ("**/citelint.toml", "**/.citelint.toml", "**/pyproject.toml")


@dataclass(frozen=True, slots=True)
class Changes:
    """What an update changed, in the order the client is to be told."""

    #: (uri, its problems when the user is to be told about them now, else None):
    #: files whose diagnostics changed, to publish again
    shown: list[tuple[str, list[Problem] | None]]
    cleared: list[str]  # files whose problems are fixed: publish no diagnostics
    tables: frozenset[str] | None  # the table files now in use, when they changed


class TableProblems:
    """The diagnostics showing on configuration and fact-table files, the files the
    user was told about, and the fact-table files in use."""

    def __init__(self) -> None:
        self.diagnostics: dict[str, list[lsp.Diagnostic]] = {}  # by file URI
        self.known_tables: frozenset[str] = frozenset()
        self._warned: set[str] = set()

    def update(
        self,
        states: list[TableState],
        complete: bool,
        diagnostic: Callable[[Problem], lsp.Diagnostic],
    ) -> Changes:
        """Show each invalid table's problems on the table itself; clear fixed ones.
        `complete` says `states` are all the tables in use: problems shown on any other
        file are cleared too, and only these tables are watched."""
        problems: dict[str, list[Problem]] = {}
        clean: set[str] = set()
        tables: set[str] = set() if complete else set(self.known_tables)
        for state in states:
            tables.update(p for p in state.paths if Path(p).name not in configuration.CONFIG_NAMES)
            uris = {from_fs_path(p) or p for p in state.paths}
            for problem in state.problems:
                problems.setdefault(from_fs_path(problem.path) or problem.path, []).append(problem)
            clean |= uris - set(problems)
        if complete:
            clean |= set(self.diagnostics)
        shown: list[tuple[str, list[Problem] | None]] = []
        for uri, found in problems.items():
            items = [diagnostic(problem) for problem in found]
            if self.diagnostics.get(uri) != items:
                self.diagnostics[uri] = items
                tell = uri not in self._warned
                self._warned.add(uri)
                shown.append((uri, found if tell else None))
        cleared = []
        for uri in clean:
            if uri in self.diagnostics and uri not in problems:
                del self.diagnostics[uri]
                self._warned.discard(uri)
                cleared.append(uri)
        changed = None
        if tables != self.known_tables:
            changed = self.known_tables = frozenset(tables)
        return Changes(shown, cleared, changed)

    def is_config_or_table(self, path: str) -> bool:
        if Path(path).name in configuration.CONFIG_NAMES:
            return True
        return any(_same_file(path, p) for p in self.known_tables)


def summary(problems: list[Problem], folders: list[Path]) -> str:
    """The first of a file's problems with its file and line, and how many more
    there are (the diagnostics on the file list them all)."""
    first = problems[0]
    where = _display_path(first.path, folders) + (f":{first.line}" if first.line > 0 else "")
    what = f"{first.field}: {first.message}" if first.field else first.message
    text = f"{where}: {what}"
    if len(problems) > 1:
        more = len(problems) - 1
        text += (
            f" (and {more} more problem{'s' if more > 1 else ''}; "
            f"see the diagnostics on {Path(first.path).name})"
        )
    return text


def watchers(tables: Iterable[str], relative_patterns: bool) -> list[lsp.FileSystemWatcher]:
    """Watchers for every configuration name and for each table file: by folder and
    name when the client takes relative patterns, else by name anywhere."""
    found: list[lsp.FileSystemWatcher] = [
        lsp.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_GLOBS
    ]
    for path in tables:
        file = Path(path)
        if relative_patterns:
            pattern: Any = lsp.RelativePattern(
                base_uri=from_fs_path(str(file.parent)) or "", pattern=file.name
            )
        else:
            pattern = f"**/{file.name}"
        found.append(lsp.FileSystemWatcher(glob_pattern=pattern))
    return found


def _display_path(path: str, folders: list[Path]) -> str:
    """`path` relative to the workspace folder that holds it, else as it is."""
    for folder in folders:
        try:
            return str(Path(path).relative_to(folder))
        except ValueError:
            continue
    return path


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b
