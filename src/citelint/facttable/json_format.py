"""JSON fact tables: `json` parses, a thin pass over the top level finds the lines.

The top-level object is walked by hand so that each item of `sources`, `facts`
and `omitted` is decoded by `json`'s C scanner on its own, and its offset
recorded. The items are not kept: the walk only checks the syntax and looks for
duplicate keys, and the schema check decodes each item again when it reaches
it, so a large table is never held whole as Python objects (it would take
several times the file's size) next to the facts built from it. The line of a
field inside an item is only looked for when a problem needs it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial

from .. import regexes
from .document import Document, LazyItems, ReadError, Where

SECTIONS = frozenset({"sources", "facts", "omitted"})
_WS = regexes.compile(r"[ \t\n\r]*")


class _Fallback(Exception):
    """The text is not an object of the expected shape: let `json` itself say why."""


class _Layout:
    """Where the top-level keys and the items of each section are in the text."""

    def __init__(self, text: str):
        self.text = text
        self.key_lines: dict[str, int] = {}
        self.items: dict[str, list[tuple[int, int, int]]] = {}  # (start, end, line) per item

    def line(self, where: Where) -> int:
        if not where:
            return 1
        section = where[0]
        top = self.key_lines.get(section, 1) if isinstance(section, str) else 1
        items = self.items.get(section) if isinstance(section, str) else None
        if len(where) == 1 or not items or not isinstance(where[1], int) or where[1] >= len(items):
            return top
        start, end, line = items[where[1]]
        if len(where) == 2 or not isinstance(where[2], str):
            return line
        return self._key_line(start, end, line, where[2])

    def _key_line(self, start: int, end: int, line: int, key: str) -> int:
        """The line of `"key":` inside an item (the item's line when not found)."""
        text = self.text
        needle = json.dumps(key, ensure_ascii=False)
        at = text.find(needle, start, end)
        while at != -1:
            after = _WS.match(text, at + len(needle)).end()
            if text.startswith(":", after):
                return line + text.count("\n", start, at)
            at = text.find(needle, at + 1, end)
        return line


def parse(path: str, text: str) -> Document:
    """Parse JSON text into a Document; raise ReadError when it is not valid JSON."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        mapping = dict(items)
        if len(mapping) < len(items):
            seen: set[str] = set()
            duplicates.extend(k for k, _ in items if k in seen or seen.add(k))
        return mapping

    decoder = json.JSONDecoder(object_pairs_hook=pairs)
    layout = _Layout(text)
    notes: list[tuple[Where, str]] = []
    try:
        data = _walk(text, decoder.scan_once, layout, duplicates, notes)
    except (_Fallback, StopIteration, IndexError, json.JSONDecodeError):
        try:
            data = decoder.decode(text)
        except json.JSONDecodeError as error:
            raise ReadError(
                error.lineno, f"invalid JSON: {error.msg} (column {error.colno})"
            ) from None
        notes = [((), f"duplicate key {key!r}") for key in dict.fromkeys(duplicates)]
    document = Document(path, data, layout.line)
    document.problems.extend(document.problem(where, message) for where, message in notes)
    return document


def _walk(
    text: str,
    scan_once: Callable[[str, int], tuple[object, int]],
    layout: _Layout,
    duplicates: list[str],
    notes: list[tuple[Where, str]],
) -> dict[str, object]:
    """Decode a top-level object, recording the offset and line of every section item."""
    ws = _WS.match
    i = ws(text).end()
    if not text.startswith("{", i):
        raise _Fallback
    data: dict[str, object] = {}
    line, last = 1, 0
    i = ws(text, i + 1).end()
    while text[i] != "}":
        if text[i] != '"':
            raise _Fallback
        line += text.count("\n", last, i)
        last = i
        key, i = scan_once(text, i)
        if key in layout.key_lines:
            notes.append(((key,), "duplicate key"))
        layout.key_lines[key] = line
        i = ws(text, i).end()
        if text[i] != ":":
            raise _Fallback
        i = ws(text, i + 1).end()
        if key in SECTIONS and text[i] == "[":
            spans: list[tuple[int, int, int]] = []
            i = ws(text, i + 1).end()
            while text[i] != "]":
                line += text.count("\n", last, i)
                last = start = i
                _, i = scan_once(text, i)  # checked, not kept: decoded again when checked
                if duplicates:
                    notes.extend(((key, len(spans), k), "duplicate key") for k in duplicates)
                    duplicates.clear()
                spans.append((start, i, line))
                i = _next(text, ws(text, i).end(), "]")
            value: object = LazyItems(partial(_item_at, text), [s for s, _, _ in spans])
            layout.items[key] = spans
            i += 1
        else:
            value, i = scan_once(text, i)
            if duplicates:
                notes.extend(((key,), f"duplicate key {k!r}") for k in duplicates)
                duplicates.clear()
        data[key] = value
        i = _next(text, ws(text, i).end(), "}")
    if ws(text, i + 1).end() != len(text):
        raise _Fallback
    return data


_scan_item = json.JSONDecoder().scan_once  # as `parse`'s decoder, whose hook keeps the last key


def _item_at(text: str, start: int) -> object:
    """The item whose text starts at `start` (already checked by the walk)."""
    return _scan_item(text, start)[0]


def _next(text: str, i: int, close: str) -> int:
    """After a member: the start of the next one, or the position of `close`."""
    if text[i] == close:
        return i
    if text[i] != ",":
        raise _Fallback
    i = _WS.match(text, i + 1).end()
    if text[i] == close:  # a trailing comma
        raise _Fallback
    return i
