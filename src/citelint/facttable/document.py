"""A parsed fact-table file: its data and a way back to the lines it came from.

Every format parses to the same shape (a mapping with `version`, `sources`,
`facts`, `omitted`), so the schema is checked once. What differs is how a
place in the data — a path such as `("facts", 3, "unit")` — maps to a line and
to the field name a message shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Problem

Where = tuple[str | int, ...]


class ReadError(Exception):
    """A file that cannot be parsed at all; `problems` holds (line, field, message) triples."""

    def __init__(self, line: int, message: str, field: str = ""):
        super().__init__(message)
        self.problems = [(line, field, message)]


def field_name(where: Where) -> str:
    """`("facts", 3, "unit")` -> `facts[3].unit`."""
    parts: list[str] = []
    for part in where:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(f".{part}" if parts else part)
    return "".join(parts)


class LazyItems(Sequence):
    """The items of a section, each made by `make(start)` when read and not kept: a
    large table's items are checked one at a time instead of being held all at once."""

    __slots__ = ("_make", "_starts")

    def __init__(self, make: Callable[[int], object], starts: list[int]):
        self._make = make
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, index: int) -> object:  # type: ignore[override]
        return self._make(self._starts[index])


class Document:
    """The data of one file, with its path, locator and any problems found while parsing."""

    __slots__ = ("path", "data", "problems", "implicit_sources", "_line", "_name")

    def __init__(
        self,
        path: str,
        data: object,
        line: Callable[[Where], int],
        name: Callable[[Where], str] = field_name,
        implicit_sources: frozenset[int] = frozenset(),
    ):
        self.path = path
        self.data = data
        self.problems: list[Problem] = []
        #: Indexes of sources a CSV only names: another file's definition replaces them.
        self.implicit_sources = implicit_sources
        self._line = line
        self._name = name

    def line(self, where: Where) -> int:
        """The 1-based line of the item or field at `where`."""
        return self._line(where)

    def problem(self, where: Where, message: str) -> Problem:
        """A Problem at `where`, located and named the way this format writes it."""
        return Problem(self.path, self._line(where), self._name(where), message)
