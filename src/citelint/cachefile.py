"""Values computed once per Python installation, kept in a file of the user's cache folder.

CPython keeps nothing it compiles from one process to the next: citelint's regular
expressions (`regexes`) and the methods its frozen dataclasses generate (`records`)
would be compiled again by every run. Each kind keeps its compiled values in one
marshal file, read on first use and written back, whole and atomically, at exit when
the process added to it. A missing, unreadable or damaged file reads as empty; an
unwritable folder only costs time.

Each installation's file is named after its code as well (`code_file`): what an
edited checkout or an upgrade no longer compiles does not stay in the file, read by
every later start-up, and the file it replaces is removed when the new one is written.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

_package_stamp: str | None = None
_read_folders: dict[Path, list[str]] = {}


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/citelint, else ~/.cache/citelint (platformdirs is not a dependency)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citelint"


def code_stamp(folders: Iterable[Path]) -> str:
    """Sizes and modification times of the modules in `folders`: what a cache of their
    results must be keyed on in a development checkout, where the version stays the same.
    Each folder is read once per process (the pack's cache and the package's stamp share
    three)."""
    return ",".join(chain.from_iterable(map(_folder_stamps, folders)))


def _folder_stamps(folder: Path) -> list[str]:
    stamps = _read_folders.get(folder)
    if stamps is None:
        stamps = _read_folders[folder] = [
            f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns}"
            for entry in sorted(os.scandir(folder), key=lambda e: e.name)
            if entry.name.endswith(".py") and (info := entry.stat())
        ]
    return stamps


def package_folders() -> Iterator[Path]:
    """The folders of citelint's modules."""
    here = Path(__file__).parent
    for folder, dirs, _ in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        yield Path(folder)


def package_stamp() -> str:
    """`code_stamp` of all of citelint's modules, read once per process: the caches of
    compiled code and the results cache are all keyed on it."""
    global _package_stamp
    if _package_stamp is None:
        _package_stamp = code_stamp(package_folders())
    return _package_stamp


def code_file(kind: str, build: str) -> tuple[Path, str]:
    """The cache file of `kind` for this Python build (`build`), this installation and
    its code; and the name pattern of the files it replaces: the same installation's for
    other code. Installations sharing the cache folder (a project's venv, pre-commit's)
    keep their own."""
    install = f"{kind}-{_crc(build)}-{_crc(str(Path(__file__).parent))}-"
    return cache_folder() / f"{install}{_crc(package_stamp())}.marshal", f"{install}*.marshal"


def _crc(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"


class CacheFile:
    """A dict of marshal-able keys and values, read from and written back to one file."""

    def __init__(self, path: Path, limit: int, replaces: str | None = None):
        self.path = path
        # Files of the same kind that this one supersedes: removed once it is written.
        self._replaces = replaces
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
            return
        if self._replaces:
            with contextlib.suppress(OSError):
                for stale in self.path.parent.glob(self._replaces):
                    if stale != self.path:
                        stale.unlink(missing_ok=True)

    def _read(self) -> dict:
        if self._values is None:
            try:
                # loads, not load: marshal.load reads a file object in many small calls.
                values = marshal.loads(self.path.read_bytes())
            except Exception:  # noqa: BLE001 - missing, unreadable or damaged
                values = None
            self._values = values if isinstance(values, dict) else {}
        return self._values
