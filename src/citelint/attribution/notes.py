"""Numbered notes: a marker on a figure ("41%¹", "41%<sup>1</sup>", "41%^1^") that
points at a note at the end of the draft ("¹ Hugging Face, Spring 2026 report", or
"1. Hugging Face, Spring 2026 report" under a Notes, Sources or References heading),
read as a footnote reference is (SPEC §2, step 1)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from .. import regexes

if TYPE_CHECKING:
    from ..document import Block, Document

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
# A marker: superscript digits, a Pandoc superscript ("^1^"), or an HTML one (its tags
# stand in the text as U+FFFC).
_MARK = r"(?:(?P<sup>[⁰¹²³⁴-⁹]{1,3})|\^(?P<caret>\d{1,3})\^|\ufffc(?P<html>\d{1,3})\ufffc)"
# On a figure it stands right after what it marks, never after a space.
_MARKER = regexes.compile(r"(?<=[^\s\ufffc])" + _MARK)
_MARKER_CHARACTER = regexes.compile(r"[⁰¹²³⁴-⁹^\ufffc]")
# Where a note starts in a paragraph of notes: its opening marker, first or after a space
# ("¹ Hugging Face, Spring 2026 report ² Similarweb, January 2026").
_NOTE_START = regexes.compile(r"(?:^|(?<=\s))" + _MARK)
# The heading of a section of notes, whose numbered items are notes ("1. Hugging Face …").
_NOTES_HEADING = regexes.compile(
    r"\W*(?:(?:end|foot)?notes?|sources?|references?|citations?|works\s+cited)"
    r"(?:\s+(?:and|&)\s+(?:notes?|sources?|references?))?\W*",
    re.IGNORECASE,
)
_NUMBERED_ITEM = regexes.compile(r"[ \t>]*(\d{1,3})[.)][ \t]")


class Notes:
    """The numbered notes of one document, found when a marker is first read."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._notes: dict[str, list[tuple[Block, int, int]]] | None = None

    def markers(self, block: Block, start: int, end: int) -> list[str]:
        """The note numbers marked in `block.text[start:end]`."""
        if _MARKER_CHARACTER.search(block.text, start, end) is None:
            return []  # most sentences: no character a marker is made of
        if block.footnote is not None or self._starts_note(block):
            return []  # a note's own text
        found = []
        for m in _MARKER.finditer(block.text, start, end):
            if m["html"] is not None and not self._is_sup(block, m.start()):
                continue
            if m["sup"] in ("²", "³") and block.text[m.start() - 1] == "m":
                continue  # "km²", "m³": a unit, not a note
            found.append(_number(m))
        return found

    def notes(self, number: str) -> list[tuple[Block, int, int]]:
        """Where the text of note `number` stands, (block, start, end), for every note so
        numbered."""
        if self._notes is None:
            self._notes = self._read()
        return self._notes.get(number, [])

    def _read(self) -> dict[str, list[tuple[Block, int, int]]]:
        notes: dict[str, list[tuple[Block, int, int]]] = defaultdict(list)
        in_notes = False
        text = self.doc.text
        for block in self.doc.blocks:
            if block.kind == "heading":
                in_notes = _NOTES_HEADING.fullmatch(block.text) is not None
                continue
            if block.kind != "paragraph" or block.row is not None or not block.text:
                continue
            if self._starts_note(block):
                starts = list(_NOTE_START.finditer(block.text))
                for m, after in zip(starts, [*starts[1:], None], strict=True):
                    if m["html"] is not None and not self._is_sup(block, m.start()):
                        continue
                    note_end = after.start() if after else len(block.text)
                    notes[_number(m)].append((block, m.end(), note_end))
            elif in_notes:
                first = block.offsets[0]
                item = _NUMBERED_ITEM.match(text, text.rfind("\n", 0, first) + 1)
                if item is not None and item.end() <= first:
                    notes[item.group(1).lstrip("0") or "0"].append((block, 0, len(block.text)))
        return notes

    def _starts_note(self, block: Block) -> bool:
        m = _NOTE_START.match(block.text)
        return m is not None and (m["html"] is None or self._is_sup(block, 0))

    def _is_sup(self, block: Block, at: int) -> bool:
        """Whether the U+FFFC at `at` in `block.text` stands for a `<sup>` tag."""
        source = block.offsets[at]
        return self.doc.text[source : source + 4].lower() == "<sup"


def _number(m: re.Match[str]) -> str:
    digits = m["sup"].translate(_DIGITS) if m["sup"] else m["caret"] or m["html"]
    return digits.lstrip("0") or "0"
