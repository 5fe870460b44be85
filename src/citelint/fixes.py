"""Applying fixes: only the claim's characters change, and a file is replaced
whole (temp file + rename) or not at all."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from .files import InputError, SourceFile, encode
from .model import Applicability, Diagnostic, Edit


def applicable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Edit]:
    """Edits to apply, in order, skipping any that overlap an earlier one."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    edits: list[Edit] = []
    for d in diagnostics:
        if d.fix is None or d.fix.applicability not in allowed:
            continue
        for edit in d.fix.edits:
            if all(edit.end <= e.start or edit.start >= e.end for e in edits):
                edits.append(edit)
    return sorted(edits, key=lambda e: e.start)


def apply(text: str, edits: list[Edit]) -> str:
    out, last = [], 0
    for edit in edits:
        out.append(text[last : edit.start])
        out.append(edit.replacement)
        last = edit.end
    out.append(text[last:])
    return "".join(out)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def write_atomically(source: SourceFile, text: str) -> None:
    """Replace the file with `text` in its original encoding, BOM and mode; refuse when
    the file changed on disk since it was read."""
    path = Path(os.path.realpath(source.path))  # replace a link's target, not the link
    try:
        if path.read_bytes() != source.raw:
            raise InputError(f"{source.path}: changed on disk since it was read; not fixed")
        mode = path.stat().st_mode
    except OSError as err:
        raise InputError(f"{source.path}: cannot fix: {err.strerror or err}") from None
    data = encode(source, text)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".citelint", dir=path.parent)
    except OSError as err:  # a read-only folder, no space left
        raise InputError(f"{source.path}: cannot fix: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):  # the file is left as it was
            raise InputError(f"{source.path}: cannot fix: {err.strerror or err}") from None
        raise
