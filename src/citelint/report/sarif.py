"""`--format sarif`: one SARIF 2.1.0 log, for GitHub code scanning and SARIF viewers.

One run; the driver lists every rule of the registry (id, name, descriptions, help,
default level); each finding is a result with its rule, level, message, one
location and, for safe and unsafe fixes, a `fixes` entry a viewer can apply. An
invalid fact table stops the check before any draft is read: the log then holds its
CL901 problems as results located in the table, and the invocation is not
`executionSuccessful`.

Positions: SARIF lines and columns are 1-based like citelint's, but a region's
`endColumn` is one past its last character (citelint's `end_column` is the last
character itself), and columns count UTF-16 code units unless the run says
otherwise. citelint counts code points, so the run sets
`columnKind: "unicodeCodePoints"`. Paths are URIs relative to the current
directory under the `%SRCROOT%` base id, which is what code scanning expects.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..checks import RULES
from ..model import Applicability, Diagnostic, Fix, Severity
from . import FileResult

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/citelint/citelint"
RULES_DOC_URI = f"{INFORMATION_URI}/blob/main/docs/rules"
SRCROOT = "%SRCROOT%"

_NEWLINE = re.compile("\n")
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(results: list[FileResult], stream: TextIO, successful: bool = True, **_: object) -> None:
    log = sarif_log(results, successful=successful)
    stream.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")  # one write


def sarif_log(results: list[FileResult], cwd: str | None = None, successful: bool = True) -> dict:
    """The SARIF log for `results`, with paths relative to `cwd` (default: the current
    directory); not `successful` when the run stopped early (an invalid fact table)."""
    root = Path(cwd or os.getcwd()).resolve()
    index = {code: i for i, code in enumerate(RULES)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver()},
                "invocations": [{"executionSuccessful": successful}],
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": _results(results, root, index),
            }
        ],
    }


def _driver() -> dict:
    rules = []
    for rule in RULES.values():
        help_uri = f"{RULES_DOC_URI}/{rule.code}.md"
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc or rule.summary, "markdown": rule.doc},
                "helpUri": help_uri,
                "help": {
                    "text": f"{rule.summary} Run `citelint rule {rule.code}` for details.",
                    "markdown": f"# {rule.code} {rule.name}\n\n{rule.doc}",
                },
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": [rule.name]},
            }
        )
    return {
        "name": "citelint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def _results(results: list[FileResult], root: Path, index: dict[str, int]) -> list[dict]:
    # Per file, not per finding: its line starts, and its path resolved (system calls).
    artifacts: dict[str, dict] = {}
    out = []
    for result in results:
        lines = _Lines(result.text)
        for d in result.diagnostics:
            artifact = artifacts.get(d.path)
            if artifact is None:
                artifact = artifacts[d.path] = _artifact(d.path, root)
            out.append(_result(d, lines, artifact, index))
    return out


def _result(d: Diagnostic, lines: _Lines, artifact: dict, index: dict[str, int]) -> dict:
    result: dict = {
        "ruleId": d.code,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": max(1, d.line),
                        "startColumn": max(1, d.column),
                        "endLine": max(1, d.end_line, d.line),
                        "endColumn": max(1, d.end_column + 1),
                    },
                }
            }
        ],
    }
    if d.code in index:
        result["ruleIndex"] = index[d.code]
    properties: dict = {"rule": d.rule, "fact": d.fact, "source": d.source}
    if d.claim is not None:
        properties["claim"] = d.claim.text
    if d.fix is not None:
        properties["fixApplicability"] = d.fix.applicability.value
        if d.fix.applicability is Applicability.DISPLAY_ONLY:
            properties["suggestion"] = d.fix.message
        elif d.fix.edits:
            result["fixes"] = [_fix(d.fix, lines, artifact)]
    result["properties"] = properties
    return result


def _fix(fix: Fix, lines: _Lines, artifact: dict) -> dict:
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {
                        "deletedRegion": _offset_region(lines, e.start, e.end),
                        "insertedContent": {"text": e.replacement},
                    }
                    for e in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _offset_region(lines: _Lines, start: int, end: int) -> dict:
    """The region of code-point offsets [start, end) as lines and columns (end exclusive).
    Only lines and columns: SARIF ties `columnKind` to columns, and a consumer could read
    `charOffset` as UTF-16 code units."""
    line, column = lines.position(start)
    end_line, end_column = lines.position(end)
    return {
        "startLine": line,
        "startColumn": column,
        "endLine": end_line,
        "endColumn": end_column,
    }


class _Lines:
    """Where the lines of a file's text start, found on the first position asked for:
    counting the line breaks before each fix's offset made a file with a fix on each
    of its thousands of lines quadratic."""

    __slots__ = ("text", "_starts")

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a code-point offset."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1


def _artifact(path: str, root: Path) -> dict:
    """`uri` relative to `root` under %SRCROOT%, or an absolute file URI for a file
    outside it."""
    if path in ("-", ""):
        return {"uri": "stdin"}
    full = Path(path)
    full = (full if full.is_absolute() else root / full).resolve()
    try:
        relative = full.relative_to(root)
    except ValueError:
        return {"uri": full.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}
