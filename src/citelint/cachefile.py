"""Values computed once per Python installation, kept in a file of the user's cache folder.

CPython keeps nothing it compiles from one process to the next: citelint's regular
expressions (`regexes`) and the methods its frozen dataclasses generate (`records`)
would be compiled again by every run. Each kind keeps its compiled values in one
marshal file, read on first use and written back, whole and atomically, at exit when
the process added to it. A missing, unreadable or damaged file reads as empty; an
unwritable folder only costs time.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Iterable
from pathlib import Path


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/citelint, else ~/.cache/citelint (platformdirs is not a dependency)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citelint"


def code_stamp(folders: Iterable[Path]) -> str:
    """Sizes and modification times of the modules in `folders`: what a cache of their
    results must be keyed on in a development checkout, where the version stays the same."""
    stamps = []
    for folder in folders:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith(".py"):
                info = entry.stat()
                stamps.append(f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return ",".join(stamps)


class CacheFile:
    """A dict of marshal-able keys and values, read from and written back to one file."""

    def __init__(self, path: Path, limit: int):
        self.path = path
        # Values no longer asked for pile up in a development checkout; past this many,
        # a save keeps only the ones the saving process used.
        self._limit = limit
        self._values: dict | None = None  # read on first use
        self._used: set = set()
        self._added = False

    def get(self, key):
        value = self._read().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key, value) -> None:
        self._read()[key] = value
        self._used.add(key)
        self._added = True

    def discard(self, key) -> None:
        self._read().pop(key, None)

    def save(self) -> None:
        """Write the values back if this process added any."""
        if not self._added or self._values is None:
            return
        values = self._values
        if len(values) > self._limit:
            values = {key: values[key] for key in self._used if key in values}
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps(values))
            os.replace(temporary, self.path)
            self._added = False
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)  # a full disk leaves no half-written file

    def _read(self) -> dict:
        if self._values is None:
            try:
                # loads, not load: marshal.load reads a file object in many small calls.
                values = marshal.loads(self.path.read_bytes())
            except Exception:  # noqa: BLE001 - missing, unreadable or damaged
                values = None
            self._values = values if isinstance(values, dict) else {}
        return self._values
