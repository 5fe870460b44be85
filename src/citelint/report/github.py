"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=draft.md,line=3,col=70,endLine=3,endColumn=72,title=CL103 misattribution::41% is …

errors become `::error`, warnings `::warning`, info `::notice`. Columns count code
points, 1-based, and `endColumn` is the last character of the claim (inclusive), as
in every other citelint format; GitHub only honours columns on a one-line range, so
a finding that spans lines gets `line`/`endLine` only. Paths are relative to
`$GITHUB_WORKSPACE` when the file is inside it (annotations are placed relative to
the repository root), else to the current directory. Message and properties are
escaped as the Actions toolkit does: `%`, CR and LF everywhere, and `:` and `,` in
properties too. A last plain line sums up. An invalid fact table stops the check
before any draft is read: its CL901 problems are `::error` annotations on the table
(with `line` when known), and nothing else is printed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from ..model import Diagnostic, Severity
from . import FileResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(results: list[FileResult], stream: TextIO, successful: bool = True, **_: object) -> None:
    root = workspace()
    counts = {"error": 0, "warning": 0, "info": 0}
    files_with = 0
    # Resolving a path touches the file system: once a file, not once a finding.
    paths: dict[str, str] = {}
    for result in results:
        if result.diagnostics:
            files_with += 1
        for d in result.diagnostics:
            counts[d.severity.value] += 1
            if d.path not in paths:
                paths[d.path] = relative_path(d.path, root)
            stream.write(command(d, paths[d.path]) + "\n")
    stream.write(summary(results, counts, files_with, successful) + "\n")


def command(d: Diagnostic, path: str) -> str:
    """One workflow command for a finding at `path`."""
    if d.line < 1:  # about a whole file (a fact table that cannot be read)
        position: list[tuple[str, int]] = []
    elif d.end_line == d.line:
        position = [
            ("line", d.line),
            ("col", d.column),
            ("endLine", d.end_line),
            ("endColumn", max(d.end_column, d.column)),
        ]
    else:
        position = [("line", d.line), ("endLine", max(d.end_line, d.line))]
    props = [("file", path), *((k, str(v)) for k, v in position), ("title", f"{d.code} {d.rule}")]
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(d.message)}"


def summary(
    results: list[FileResult], counts: dict[str, int], files_with: int, successful: bool = True
) -> str:
    """The last line, as the text format's: what `--fix` fixed, then what remains."""
    from .text import summary as text_summary

    line = text_summary(results, counts, files_with, successful)
    return f"citelint: {line[0].lower()}{line[1:]}"


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded (GitHub's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: escape_data plus `:` and `,` (GitHub's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative_path(path: str, root: Path) -> str:
    """`path` relative to `root` with forward slashes; unchanged when outside it."""
    if path in ("-", ""):
        return path
    full = Path(path)
    full = (full if full.is_absolute() else Path.cwd() / full).resolve()
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def workspace() -> Path:
    """The folder annotation paths are relative to."""
    cwd = Path.cwd().resolve()
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        base = Path(workspace).resolve()
        if cwd == base or base in cwd.parents:
            return base
    return cwd
