"""Fact tables: load, check and merge the reference figures drafts are checked against.

A table is YAML, TOML, JSON or CSV (SPEC §4, docs/fact-table.md). Loading
collects every problem of every file — syntax, schema, references across
files — and raises one `FactTableError` listing them, each with its file,
line and field; nothing is returned from a bad table.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from .. import collection
from ..model import FactTable, FactTableError
from .merge import merge
from .readers import read
from .schema import check
from .values import CURRENCIES, PLAIN_UNITS, QUALIFIERS, UNITS, normalise_unit, parse_value

__all__ = [
    "CURRENCIES",
    "PLAIN_UNITS",
    "QUALIFIERS",
    "UNITS",
    "load_facts",
    "load_table",
    "normalise_unit",
    "parse_value",
]


def load_facts(paths: Iterable[str | os.PathLike[str]]) -> FactTable:
    """Load and merge fact-table files; raise FactTableError with every problem found."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    names = [os.fspath(path) for path in paths]
    problems = []
    parts = []
    with collection.paused():  # loading builds millions of objects and no cycles
        for name in names:
            doc, read_problems = read(name)
            problems += read_problems
            if doc is not None:
                parts.append(check(doc))
        table = merge(parts)
    for part in parts:
        problems += part.doc.problems
    if problems:
        order = {name: index for index, name in reversed(list(enumerate(names)))}
        problems.sort(key=lambda p: (order[p.path], p.line))
        raise FactTableError(problems)
    return table


def load_table(path: str | os.PathLike[str]) -> FactTable:
    """Load one fact-table file; raise FactTableError with every problem found."""
    return load_facts([path])
