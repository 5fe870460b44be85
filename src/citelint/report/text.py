"""`--format text`: `path:line:col: CODE [severity] message`, the line with the claim
underlined, and a summary — what a person reads in a terminal."""

from __future__ import annotations

from typing import TextIO

from ..wording import counted
from . import FileResult


def render(
    results: list[FileResult],
    stream: TextIO,
    quiet: bool = False,
    color: bool = False,
    successful: bool = True,
    **_: object,
) -> None:
    counts = {"error": 0, "warning": 0, "info": 0}
    files_with = 0
    for result in results:
        lines = result.text.splitlines()
        if result.diagnostics:
            files_with += 1
        for d in result.diagnostics:
            counts[d.severity.value] += 1
            code = _paint(d.code, "1;31" if d.severity.value == "error" else "1;33", color)
            stream.write(f"{d.path}:{d.line}:{d.column}: {code} [{d.severity.value}] {d.message}\n")
            if quiet or not 0 < d.line <= len(lines):
                continue
            source_line = lines[d.line - 1]
            gutter = " " * len(str(d.line))
            end = d.end_column if d.end_line == d.line else len(source_line)
            pad = _blanked(source_line[: d.column - 1])
            marks = "^" * max(1, end - d.column + 1)
            stream.write(f"{gutter} |\n{d.line} | {source_line}\n{gutter} | {pad}{marks}\n")
            if d.fix is not None and d.fix.applicability.value != "display-only":
                label = "fix" if d.fix.applicability.value == "safe" else "unsafe fix"
                stream.write(f"{gutter} = {label}: {d.fix.message}\n")
            elif d.fix is not None:
                stream.write(f"{gutter} = help: {d.fix.message}\n")
            stream.write("\n")
    if quiet:
        return
    stream.write(summary(results, counts, files_with, successful) + "\n")


def summary(
    results: list[FileResult], counts: dict[str, int], files_with: int, successful: bool
) -> str:
    """The last line: what `--fix` fixed, then what remains (ruff's "N fixed, M remaining")."""
    total = sum(counts.values())
    files = counted(len(results), "file")
    claims = counted(sum(r.claims for r in results), "claim")
    fixed = sum(r.fixed for r in results)
    if total:
        parts = ", ".join(counted(n, kind) for kind, n in counts.items() if n)
        if fixed:
            remain = "remains" if total == 1 else "remain"
            found = f"{counted(total, 'problem')} {remain} ({parts})"
        else:
            found = f"Found {counted(total, 'problem')} ({parts})"
        line = f"{found} in {files_with} of {files}; {claims} checked."
    elif successful:
        line = f"All checks passed: {files}, {claims} checked."
    else:
        none = "no problems remain" if fixed else "No problems found"
        line = f"{none} in {files} ({claims} checked), but some input could not be checked."
    if not fixed:
        return line
    fixed_files = counted(sum(1 for r in results if r.fixed), "file")
    return f"Fixed {counted(fixed, 'finding')} in {fixed_files}; {line[0].lower()}{line[1:]}"


def _blanked(text: str) -> str:
    """`text` with every character but tabs made a space, so the marks line up under it."""
    return "\t".join([" " * len(part) for part in text.split("\t")])


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text
