"""Code actions: a quick fix for each finding with a fix, a quick fix that disables a
rule on a line (adding to the line's `citelint-disable-line` comment or appending one),
and `source.fixAll.citelint`, which applies every safe fix at once."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from .. import fixes
from ..model import Applicability
from .convert import Converter
from .documents import Result
from .positions import LineIndex

FIX_ALL_KIND = "source.fixAll.citelint"
_DISABLE_LINE = re.compile(r"<!--\s*citelint-disable-line\b([^>]*?)\s*-->", re.IGNORECASE)


def code_actions(
    uri: str,
    version: int,
    result: Result,
    params: lsp.CodeActionParams,
    converter: Converter,
    document_changes: bool,
) -> list[lsp.CodeAction]:
    """The actions for `params.range` of version `version` of a checked draft; edits
    are versioned when the client takes `documentChanges`."""
    index, encoding = result.index, converter.encoding

    def edit(edits: list[tuple[int, int, str]]) -> lsp.WorkspaceEdit:
        return _workspace_edit(uri, version, index, encoding, edits, document_changes)

    only = params.context.only if params.context else None
    low = index.offset(params.range.start, encoding)
    high = index.offset(params.range.end, encoding)
    low, high = min(low, high), max(low, high)
    actions: list[lsp.CodeAction] = []
    findings = result.analysis.diagnostics
    here = [d for d in findings if d.start <= high and d.end >= low]
    if _wanted(lsp.CodeActionKind.QuickFix, only):
        for d in here:
            fix = d.fix
            if fix is None or fix.applicability == Applicability.DISPLAY_ONLY or not fix.edits:
                continue
            safe = fix.applicability == Applicability.SAFE
            actions.append(
                lsp.CodeAction(
                    title=f"{fix.message} ({d.code})" + ("" if safe else " (unsafe)"),
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[converter.diagnostic(d, index)],
                    is_preferred=safe,
                    edit=edit([(e.start, e.end, e.replacement) for e in fix.edits]),
                )
            )
        seen: set[tuple[int, str]] = set()
        for d in here:
            if (d.line, d.code) in seen:
                continue
            seen.add((d.line, d.code))
            disable = _disable_line_edit(index, d.line - 1, d.code)
            if disable is None:
                continue
            related = [
                converter.diagnostic(x, index)
                for x in here
                if x.line == d.line and x.code == d.code
            ]
            actions.append(
                lsp.CodeAction(
                    title=f"Disable {d.code} for this line",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=related,
                    edit=edit([disable]),
                )
            )
    if _wanted(FIX_ALL_KIND, only):
        edits = fixes.applicable(list(findings), unsafe=False)
        if edits:
            actions.append(
                lsp.CodeAction(
                    title="citelint: apply all safe fixes",
                    kind=FIX_ALL_KIND,
                    edit=edit([(e.start, e.end, e.replacement) for e in edits]),
                )
            )
    return actions


def _workspace_edit(
    uri: str,
    version: int,
    index: LineIndex,
    encoding: str,
    edits: list[tuple[int, int, str]],
    document_changes: bool,
) -> lsp.WorkspaceEdit:
    text_edits = [
        lsp.TextEdit(range=index.range(start, end, encoding), new_text=new)
        for start, end, new in edits
    ]
    if document_changes:
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    edits=text_edits,
                )
            ]
        )
    return lsp.WorkspaceEdit(changes={uri: text_edits})


def _wanted(kind: str, only: list[str] | None) -> bool:
    if not only:
        return True
    return any(kind == k or kind.startswith(f"{k}.") for k in only)


def _disable_line_edit(index: LineIndex, line: int, code: str) -> tuple[int, int, str] | None:
    """Add `code` to the line's `<!-- citelint-disable-line -->` comment, or append one
    at the end of the line (before a trailing hard break)."""
    if line < 0 or line >= len(index.starts):
        return None
    start, end = index.starts[line], index.line_end(line)
    content = index.text[start:end]
    existing = _DISABLE_LINE.search(content)
    if existing is not None:
        codes = [c for c in re.split(r"[\s,]+", existing.group(1)) if c]
        if not codes or code in codes:
            return None
        new = f"<!-- citelint-disable-line {' '.join([*codes, code])} -->"
        return (start + existing.start(), start + existing.end(), new)
    body = content.rstrip(" \t")
    if body.endswith("\\"):
        body = body[:-1]
    at = start + len(body)
    return (at, at, f" <!-- citelint-disable-line {code} -->")
