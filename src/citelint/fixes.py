"""Applying fixes: only the claim's characters change, and a file is replaced
whole (temp file + rename) or not at all."""

from __future__ import annotations

import difflib
import os
import tempfile
from bisect import bisect_left, bisect_right, insort
from pathlib import Path

from .files import InputError, SourceFile, encode
from .model import Applicability, Diagnostic, Edit


def applicable(diagnostics: list[Diagnostic], unsafe: bool) -> list[Edit]:
    """Edits to apply, in order, skipping any that overlap an earlier one."""
    allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if unsafe else set())
    edits: list[Edit] = []
    taken = _Taken()
    for d in diagnostics:
        if d.fix is None or d.fix.applicability not in allowed:
            continue
        for edit in d.fix.edits:
            if not taken.overlaps(edit.start, edit.end):
                taken.add(edit.start, edit.end)
                edits.append(edit)
    return sorted(edits, key=lambda e: e.start)


class _Taken:
    """The ranges of the edits kept so far, found by bisection: comparing each edit with
    every kept one was quadratic in a file with a fix on each of thousands of claims.
    Two ranges overlap when each starts before the other ends; kept ranges do not
    overlap, so those with characters are in order of both start and end, and an
    insertion (an empty range) overlaps only a range around it."""

    def __init__(self) -> None:
        self.starts: list[int] = []  # of the kept ranges with characters, in order
        self.ends: list[int] = []
        self.points: list[int] = []  # the kept insertions, in order

    def overlaps(self, start: int, end: int) -> bool:
        last = bisect_left(self.starts, end) - 1  # the last kept range starting before `end`
        if last >= 0 and self.ends[last] > start:
            return True
        after = bisect_right(self.points, start)  # the first insertion after `start`
        return after < len(self.points) and self.points[after] < end

    def add(self, start: int, end: int) -> None:
        if end > start:
            at = bisect_left(self.starts, start)
            self.starts.insert(at, start)
            self.ends.insert(at, end)
        else:
            insort(self.points, start)


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
