"""CSV fact tables: one fact per row, sources described by `source_*` columns.

The header row names the columns. `keywords`, `quoted_in`, `source_aliases`
and `source_keys` hold `;`-separated lists; empty cells are absent fields. The
first row that describes a source (any `source_*` cell) defines it; a source
that no row describes is defined by its id alone (`name` = id), and a
definition in another file given with the CSV replaces it. The version is 1.
Messages name the CSV column (`unit`, `source_url`) at the row's line.
"""

from __future__ import annotations

import csv
import io

from .document import Document, ReadError, Where
from .schema import FACT_FIELDS, REQUIRED_FACT_FIELDS, VERSION

SOURCE_COLUMNS = {
    "source_name": "name",
    "source_publisher": "publisher",
    "source_url": "url",
    "source_aliases": "aliases",
    "source_keys": "keys",
    "source_published": "published",
    "source_notes": "notes",
}
LIST_COLUMNS = frozenset({"keywords", "quoted_in", "source_aliases", "source_keys"})
_COLUMNS = FACT_FIELDS | frozenset(SOURCE_COLUMNS)
_SOURCE_FIELD_COLUMNS = {field: column for column, field in SOURCE_COLUMNS.items()} | {
    "id": "source"
}


class _Rows:
    """The line each fact row and each source definition starts on."""

    def __init__(self) -> None:
        self.facts: list[int] = []
        self.sources: list[int] = []

    def line(self, where: Where) -> int:
        lines = {"facts": self.facts, "sources": self.sources}.get(where[0]) if where else None
        if lines is None or len(where) < 2 or not isinstance(where[1], int):
            return 1
        return lines[where[1]] if where[1] < len(lines) else 1


def column_name(where: Where) -> str:
    """The CSV column a problem is about: `unit`, `source`, `source_url`; "" for a row."""
    if len(where) < 3 or not isinstance(where[2], str):
        return ""
    return where[2] if where[0] != "sources" else _SOURCE_FIELD_COLUMNS.get(where[2], where[2])


def parse(path: str, text: str) -> Document:
    """Parse CSV text into a Document; raise ReadError for a bad header or bad CSV."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = _Rows()
    try:
        header = [cell.strip() for cell in next(reader, [])]
        _check_header(header)
        facts: list[dict[str, object]] = []
        sources: list[dict[str, object]] = []
        defined: dict[str, int] = {}  # source id -> index in sources
        implicit: set[int] = set()
        notes: list[tuple[Where, str]] = []
        last = reader.line_num
        for row in reader:
            line, last = last + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                message = f"row has {len(row)} cells but the header has {len(header)} columns"
                notes.append((("facts", len(facts)), message))
            fact: dict[str, object] = {}
            source: dict[str, object] = {}
            for column, cell in zip(header, row, strict=False):
                cell = cell.strip()
                if not cell or column.startswith("x-"):
                    continue
                value = (
                    [p.strip() for p in cell.split(";") if p.strip()]
                    if column in LIST_COLUMNS
                    else cell
                )
                if column in SOURCE_COLUMNS:
                    source[SOURCE_COLUMNS[column]] = value
                else:
                    fact[column] = value
            rows.facts.append(line)
            facts.append(fact)
            source_id = fact.get("source")
            if not isinstance(source_id, str):
                continue
            at = defined.get(source_id)
            if at is None:
                defined[source_id] = len(sources)
                if not source:
                    implicit.add(len(sources))
                sources.append({"id": source_id, "name": source_id} | source)
                rows.sources.append(line)
            elif source and at in implicit:
                sources[at] = {"id": source_id, "name": source_id} | source
                rows.sources[at] = line
                implicit.discard(at)
    except csv.Error as error:
        raise ReadError(reader.line_num, f"invalid CSV: {error}") from None
    data = {"version": VERSION, "sources": sources, "facts": facts}
    document = Document(path, data, rows.line, column_name, frozenset(implicit))
    document.problems.extend(document.problem(where, message) for where, message in notes)
    return document


def _check_header(header: list[str]) -> None:
    if not any(header):
        raise ReadError(1, "the file is empty (expected a header row naming the columns)")
    problems = []
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append((1, column, "duplicate column"))
        elif column not in _COLUMNS and not column.startswith("x-"):
            problems.append((1, column, "unknown column (custom columns must start with 'x-')"))
        seen.add(column)
    problems += [
        (1, c, "required column is missing") for c in REQUIRED_FACT_FIELDS if c not in seen
    ]
    if problems:
        line, column, message = problems[0]
        error = ReadError(line, message, column)
        error.problems = problems
        raise error
