"""Code points <-> LSP positions in each encoding, and LSP's three line breaks."""

from __future__ import annotations

import pytest
from lsprotocol.types import Position, PositionEncodingKind

from citelint.lsp import LineIndex
from citelint.lsp.actions import _disable_line_edit

UTF8, UTF16, UTF32 = (
    PositionEncodingKind.Utf8,
    PositionEncodingKind.Utf16,
    PositionEncodingKind.Utf32,
)
TEXT = "# Tïtle\r\n🚀 中文 41%\rplain 17.1%\nlast 😀😀 6,200"


@pytest.mark.parametrize(
    ("needle", "encoding", "expected"),
    [
        ("41%", UTF16, Position(line=1, character=6)),  # 🚀 is two UTF-16 units
        ("41%", UTF32, Position(line=1, character=5)),
        ("41%", UTF8, Position(line=1, character=12)),  # 4 + 1 + 6 + 1 bytes
        ("17.1%", UTF16, Position(line=2, character=6)),  # a lone \r ends a line
        ("6,200", UTF16, Position(line=3, character=10)),
        ("6,200", UTF8, Position(line=3, character=14)),
    ],
)
def test_offsets_convert_to_client_units_and_back(needle, encoding, expected):
    index = LineIndex(TEXT)
    offset = TEXT.index(needle)
    assert index.position(offset, encoding) == expected
    assert index.offset(expected, encoding) == offset


def test_positions_past_the_end_are_clamped():
    index = LineIndex(TEXT)
    assert index.offset(Position(line=0, character=99), UTF16) == TEXT.index("\r\n")
    assert index.offset(Position(line=99, character=0), UTF16) == len(TEXT)
    assert index.position(len(TEXT) + 10, UTF16) == index.position(len(TEXT), UTF16)
    # A position inside a surrogate pair lands after the character.
    inside = Position(line=1, character=1)
    assert index.offset(inside, UTF16) == TEXT.index("🚀") + 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Gemini holds 21%.", "Gemini holds 21%. <!-- citelint-disable-line CL102 -->"),
        ("Gemini holds 21%.  ", "Gemini holds 21%. <!-- citelint-disable-line CL102 -->  "),
        ("Gemini holds 21%.\\", "Gemini holds 21%. <!-- citelint-disable-line CL102 -->\\"),
        (
            "Gemini 21%. <!-- citelint-disable-line CL101 -->",
            "Gemini 21%. <!-- citelint-disable-line CL101 CL102 -->",
        ),
        (
            "Gemini 21%. <!-- citelint-disable-line CL101, CL103 -->",
            "Gemini 21%. <!-- citelint-disable-line CL101 CL103 CL102 -->",
        ),
    ],
)
def test_disable_line_comment(line, expected):
    index = LineIndex(f"intro\n{line}\nnext\n")
    start, end, new = _disable_line_edit(index, 1, "CL102")
    text = index.text[:start] + new + index.text[end:]
    assert text == f"intro\n{expected}\nnext\n"
