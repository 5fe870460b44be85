"""Pipe tables read as GitHub reads them: a body row with fewer cells than the header
row gets empty ones and one with more has the rest ignored (GFM spec, "Tables"), where
mistune's table plugin (PHP Markdown Extra's rules) turns the whole table into a
paragraph, and its Source column with it; a body row that opens with a pipe is a row
whether or not it closes with one. The rows are otherwise split as mistune
splits them, with its helpers."""

from __future__ import annotations

import re
from typing import Any

from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.plugins.table import (
    _parse_invalid_pipe_table,
    _process_thead,
    _split_table_cells,
    _strip_pipe_table_row,
    _strip_table_line,
)

from .. import regexes


def parse_table(block: BlockParser, m: Any, state: BlockState) -> int | None:
    """A table whose rows open and close with a pipe."""
    return _parse(m, state, _strip_pipe_table_row, pipes=True)


def parse_nptable(block: BlockParser, m: Any, state: BlockState) -> int | None:
    """A table whose rows need not open or close with one."""
    return _parse(m, state, _strip_table_line, pipes=False)


_COMMENTS = regexes.compile(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)


def _open_row(line: str) -> str | None:
    """A body row that opens with a pipe but does not close with one ("| MiniMax | $619M |
    <!-- citelint-disable-line -->"): still a row, as GitHub reads it, its cells past the
    last pipe one more cell."""
    text = line.strip()
    return text[1:] if text.startswith("|") and len(text) > 1 else None


def _parse(m: Any, state: BlockState, strip: Any, pipes: bool) -> int | None:
    pos = m.end()
    header = strip(m.group(0))
    align = strip(state.get_line(pos)) if header is not None else None
    if align is None:
        return None
    thead, aligns = _process_thead(header, align)
    if not thead:
        if pipes:
            return _parse_invalid_pipe_table(state, pos + len(state.get_line(pos)))
        return None
    pos += len(state.get_line(pos))
    rows = []
    while pos < state.cursor_max:
        line = state.get_line(pos)
        text = strip(line)
        if text is None and pipes:
            text = _open_row(line)
        if text is None:
            break
        cells = _split_table_cells(text)
        # (Cells past the header's are ignored, but for comments, which may switch rules
        # off on the row's line: "… | HKEX | <!-- citelint-disable-line -->".)
        notes = [c for c in cells[len(aligns) :] if _COMMENTS.fullmatch(c)]
        cells = cells[: len(aligns)]
        cells += [""] * (len(aligns) - len(cells))
        if notes:
            cells[-1] = " ".join([cells[-1], *notes])
        rows.append(
            {
                "type": "table_row",
                "children": [
                    {"type": "table_cell", "text": cell, "attrs": {"align": a, "head": False}}
                    for cell, a in zip(cells, aligns, strict=True)
                ],
            }
        )
        pos += len(line)
    state.append_token(
        {"type": "table", "children": [thead, {"type": "table_body", "children": rows}]}
    )
    return pos
