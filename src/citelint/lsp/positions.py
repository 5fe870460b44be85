"""Positions: the engine counts code points, LSP counts units of the encoding negotiated at
`initialize` (UTF-16, UTF-8 or UTF-32) on lines that end at `\\n`, `\\r\\n` or `\\r`.
`LineIndex` converts a text's offsets to client positions and back."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from lsprotocol import types as lsp

_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Where each line of a text starts, for converting code-point offsets to LSP
    positions in the negotiated encoding and back. Lines end at \\n, \\r\\n or \\r.

    A conversion costs a binary search, not a scan of its line: each line's wide
    characters (more than one unit in the encoding) are listed once, when the line is
    first converted in that encoding, so a long line with many findings is not
    re-read up to each one."""

    __slots__ = ("text", "starts", "_wide")

    def __init__(self, text: str):
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self._wide: dict[tuple[int, str], _Wide | None] = {}

    def line_end(self, line: int) -> int:
        """The offset where `line`'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - 2 if self.text.startswith("\r\n", end - 2) else end - 1

    def position(self, offset: int, encoding: str) -> lsp.Position:
        return lsp.Position(*self.line_character(offset, encoding))

    def line_character(self, offset: int, encoding: str) -> tuple[int, int]:
        offset = min(max(offset, 0), len(self.text))
        line = bisect_right(self.starts, offset) - 1
        column = offset - self.starts[line]
        wide = self.wide(line, encoding)
        if wide is None:
            return line, column
        return line, column + wide.extra[bisect_left(wide.at, column)]

    def offset(self, position: lsp.Position, encoding: str) -> int:
        """The code-point offset of a client position, clamped into the text as LSP
        says (a column past the line's end means the end of the line; one inside a
        character, the character's end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.line_end(position.line)
        wanted = position.character
        wide = self.wide(position.line, encoding)
        if wide is None:
            return start + min(wanted, end - start)
        k = bisect_left(wide.unit_at, wanted)  # the wide characters starting before it
        column = wanted - wide.extra[k]
        if k:
            column = max(column, wide.at[k - 1] + 1)
        return start + min(max(column, 0), end - start)

    def wide(self, line: int, encoding: str) -> _Wide | None:
        """The wide characters of `line` in `encoding`, None if it has none."""
        key = (line, encoding)
        if key not in self._wide:
            content = self.text[self.starts[line] : self.line_end(line)]
            self._wide[key] = _Wide.of(content, encoding)
        return self._wide[key]

    def range(self, start: int, end: int, encoding: str) -> lsp.Range:
        return lsp.Range(start=self.position(start, encoding), end=self.position(end, encoding))


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class _Wide:
    """The characters of one line that take more than one unit in an encoding."""

    at: list[int]  # their columns, in code points
    unit_at: list[int]  # their columns, in units
    extra: list[int]  # extra[k]: the units past one per character of the first k of them

    @classmethod
    def of(cls, content: str, encoding: str) -> _Wide | None:
        if encoding == lsp.PositionEncodingKind.Utf32 or content.isascii():
            return None
        utf8 = encoding == lsp.PositionEncodingKind.Utf8
        at, unit_at, extra = [], [], [0]
        for m in (_NON_ASCII if utf8 else _ASTRAL).finditer(content):
            at.append(m.start())
            unit_at.append(m.start() + extra[-1])
            extra.append(extra[-1] + _char_units(m.group(), encoding) - 1)
        return cls(at, unit_at, extra) if at else None


def _char_units(char: str, encoding: str) -> int:
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(char.encode("utf-8", "surrogatepass"))
    return 2 if ord(char) > 0xFFFF else 1
