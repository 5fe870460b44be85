"""Findings of files checked before, so that an unchanged file is not checked again.

As ruff does, `citelint check` keeps what it found in each file that holds a claim, in
`$XDG_CACHE_HOME/citelint/results` (default `~/.cache/citelint/results`), and reuses it
while nothing it depends on has changed: the file's path and text, its configuration,
the bytes of the fact tables (or source documents) it is checked against, and
citelint's own code and version. Any difference is a miss and the file is checked.

The entries are grouped by everything but the file (one folder per group: a new table,
configuration or citelint version starts a new one, and the least recently written
groups beyond `_GROUPS` are removed). Each file's entry is written whole and atomically;
a missing, unreadable or damaged entry reads as a miss, an unwritable folder only costs
time. `--no-cache` or `CITELINT_NO_CACHE=1` turns the cache off. A file without claims
is not kept: checking it again costs its parsing only, about what reading an entry
would.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# The built-in modules: hashlib's import loads OpenSSL (5 ms of a one-file check), and
# pickle.py's costs another 1%.
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b
try:
    from _pickle import dumps, loads
except ImportError:  # pragma: no cover
    from pickle import dumps, loads

from .cachefile import cache_folder, package_stamp

if TYPE_CHECKING:
    from .config import Config
    from .report import FileResult
    from .runner import Job

_GROUPS = 16  # groups kept: a few projects, tables and configurations at a time


def enabled(requested: bool) -> bool:
    """Whether to use the cache: asked for (not `--no-cache`) and not turned off by
    `CITELINT_NO_CACHE` (any value but empty, 0, false or no)."""
    off = os.environ.get("CITELINT_NO_CACHE", "").strip().lower()
    return requested and off in {"", "0", "false", "no"}


class ResultCache:
    """Looks up and stores the findings of files, per group of table and configuration."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or cache_folder() / "results"
        # Per configuration object (files under one configuration share it; the entry
        # holds it, so its id is not reused), and per configuration as written.
        self._by_config: dict[tuple[tuple[str, ...], int], tuple[Config, str | None]] = {}
        self._groups: dict[tuple[tuple[str, ...], str], str | None] = {}
        self._listed: dict[str, frozenset[str]] = {}  # each group's entries, read once
        self._code: str | None = None

    def get(self, job: Job) -> FileResult | None:
        """The findings kept for the job's file and text, or None."""
        where = self._entry(job)
        if where is None:
            return None
        group, name = where
        listed = self._listed.get(group)
        if listed is None:
            try:  # one listing rather than a failed open per file never kept
                listed = frozenset(os.listdir(self.folder / group))
            except OSError:
                listed = frozenset()
            self._listed[group] = listed
        if name not in listed:
            return None
        try:
            path, digest, result = loads((self.folder / group / name).read_bytes())
        except Exception:  # noqa: BLE001 - unreadable, damaged or of another build
            return None
        if path != job.source.path or digest != _digest(job.source.text):
            return None
        return result._replace(text=job.source.text)

    def put(self, job: Job, result: FileResult) -> None:
        """Keep `result` (the findings of a check of `job`) for the next run."""
        if not result.claims or result.evidence:
            return
        where = self._entry(job)
        if where is None:
            return
        folder, name = self.folder / where[0], where[1]
        temporary = folder / f"{name}.{os.getpid()}.tmp"
        try:
            fresh = not folder.is_dir()
            folder.mkdir(parents=True, exist_ok=True)
            data = (job.source.path, _digest(job.source.text), result._replace(text=""))
            temporary.write_bytes(dumps(data, protocol=5))
            os.replace(temporary, folder / name)
            if fresh:
                self._prune(keep=folder)
        except Exception:  # noqa: BLE001 - an unwritable folder or a full disk only costs time
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)

    def _entry(self, job: Job) -> tuple[str, str] | None:
        """The group and the name of the entry holding the job's file's findings; None
        when they are not kept (stdin, HTML reports, which need every claim's evidence,
        or a table that cannot be read)."""
        if job.stdin or job.evidence:
            return None
        key = (job.specs, id(job.config))
        found = self._by_config.get(key)
        if found is None:
            found = self._by_config[key] = (job.config, self._group(job.specs, job.config))
        if found[1] is None:
            return None
        return found[1], f"{_digest(os.path.abspath(job.source.path))}.pickle"

    def _group(self, specs: tuple[str, ...], config: Config) -> str | None:
        # Its repr, not the configuration itself: that holds dicts (severity, per-file ignores).
        key = (specs, repr(config))
        if key not in self._groups:
            try:
                tables = _table_bytes(specs)
            except Exception:  # noqa: BLE001 - reported when the table is loaded
                tables = None  # nothing is kept for a table that cannot be read
            if tables is None:
                self._groups[key] = None
            else:
                if self._code is None:
                    from . import __version__

                    self._code = f"{__version__}|{sys.version}|{package_stamp()}"
                self._groups[key] = _digest(self._code, key[1], *tables)
        return self._groups[key]

    def _prune(self, keep: Path) -> None:
        """Remove the least recently written groups beyond `_GROUPS`."""
        import shutil

        groups = [p for p in self.folder.iterdir() if p.is_dir() and p != keep]
        groups.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in groups[_GROUPS - 1 :]:
            shutil.rmtree(stale, ignore_errors=True)


def _table_bytes(specs: tuple[str, ...]) -> list[str]:
    """The names and checksums of every file the fact tables of `specs` are read from:
    the bundled pack, table files (a folder's tables, a pack's), source documents."""
    from .packs import ai_industry, resolve

    files: list[str] = []
    if not specs:
        files.append(str(ai_industry()))
    folders = [s.split(":", 1)[1] for s in specs if s.startswith("sources:")]
    for spec in specs:
        if not spec.startswith("sources:"):
            files += map(str, resolve(spec))
    if folders:
        from .sourcedocs import discover

        files += discover(folders)
    return [f"{path}\0{_digest(Path(path).read_bytes())}" for path in files]


def _digest(*parts: str | bytes) -> str:
    hashed = blake2b(digest_size=16)
    for part in parts:
        hashed.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()
