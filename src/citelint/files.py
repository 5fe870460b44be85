"""Finding Markdown files and reading them the way they are written on disk."""

import codecs
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A file that cannot be checked; the message starts with its path."""


class SourceFile(NamedTuple):
    """A decoded file and how to write it back exactly as it was encoded."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    raw: bytes = b""


def discover(paths: list[str], seen: set[str] | None = None) -> Iterator[tuple[str, bool]]:
    """(path, explicit) for each Markdown file under `paths`, each once, in a stable order.
    A missing path raises InputError after the others have been listed. `seen` (real
    paths already listed) lets several calls list each file once between them."""
    seen = set() if seen is None else seen
    folders: dict[str, str] = {}
    for given in paths:
        if given == "-":
            yield given, True
            continue
        path = Path(given)
        if path.is_dir():
            for found in _walk(path):
                key = _realpath(found, folders)
                if key not in seen:
                    seen.add(key)
                    yield found, False
        elif path.exists():
            key = os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield given, True
        else:
            raise InputError(f"{given}: no such file or directory")


def _realpath(path: str, folders: dict[str, str]) -> str:
    """`os.path.realpath(path)`, resolving each folder once: a file that is not a link
    resolves to its resolved folder plus its name (realpath is slow, folders are few)."""
    if os.path.islink(path):
        return os.path.realpath(path)
    folder, name = os.path.split(path)
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def _walk(root: Path) -> Iterator[str]:
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop
            dirs[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        # `check .` names files as ruff and markdownlint do: `a.md`, not `./a.md`.
        here = folder[2:] if folder.startswith("./") else "" if folder == "." else folder
        for name in sorted(files):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                yield os.path.join(here, name)


def decode(raw: bytes, path: str) -> SourceFile:
    """Text of a file: UTF-8, or UTF-16/32 with a BOM; anything else is an InputError."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return SourceFile(path, raw[len(bom) :].decode(encoding), encoding, bom, raw)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{path}: not valid {encoding.upper()} at byte {err.start + len(bom)}"
                ) from None
    nul = raw.find(b"\0")
    if nul >= 0:
        raise InputError(f"{path}: binary file (NUL byte at byte {nul}); not checked")
    try:
        return SourceFile(path, raw.decode("utf-8"), "utf-8", b"", raw)
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid UTF-8 at byte {err.start}") from None


def read(path: str) -> SourceFile:
    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    return decode(raw, path)


def encode(source: SourceFile, text: str) -> bytes:
    return source.bom + text.encode(source.encoding)
