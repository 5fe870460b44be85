"""The fact and name indexes of a table, built once per table object.

The bundled pack's are built once per installation, not once per process: `packs`
keeps them in its cache file with the table and hands them over here with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .matching import FactIndex
    from .model import FactTable
    from .names import NameIndex

_BUILT: dict[int, tuple[FactTable, FactIndex, NameIndex]] = {}


def indexes(table: FactTable) -> tuple[FactIndex, NameIndex]:
    """The fact and name indexes of `table`."""
    built = _BUILT.get(id(table))
    if built is None or built[0] is not table:
        from .matching import FactIndex
        from .names import NameIndex

        built = remember(table, FactIndex(table), NameIndex(table))
    return built[1], built[2]


def remember(
    table: FactTable, fact_index: FactIndex, name_index: NameIndex
) -> tuple[FactTable, FactIndex, NameIndex]:
    """Take `fact_index` and `name_index` as the indexes of `table` (built with it)."""
    if len(_BUILT) > 8:
        _BUILT.clear()
    built = _BUILT[id(table)] = (table, fact_index, name_index)
    return built
