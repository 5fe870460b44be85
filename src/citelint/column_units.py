"""The unit a table's column header gives the bare numbers of its cells.

"| Share (%) |" over "| 21 |" says 21%; "| Proceeds (US$ million) |" over "| 585 |" says
US$585 million; "| Downloads (millions) |" over "| 600+ |", more than 600 million. The
unit is what the header writes at its end, in brackets or after a comma or "in" ("Share,
%", "Value in RMB bn"), or a "%" standing alone anywhere ("% of downloads"): a percent or
percentage-point sign or word, a currency (maybe with a magnitude), or a magnitude word
alone ("millions"). A lone letter ("Params (B)") is no magnitude without a currency: it
names a model's size as often as billions. A cell's amount with a magnitude of its own
("more than 1.2 trillion") takes the currency of a header without one ("Value (CNY)").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from . import regexes
from .numbers import MAGNITUDES, PREFIX_CURRENCIES, SUFFIX_UNITS, NumberMention


class ColumnUnit(NamedTuple):
    unit: str  # percent | pp | count | an ISO currency code
    scale: float  # the magnitude the header gives: 1e6 for "(US$ million)"


_AT_END = regexes.compile(
    r"(?:\(\s*([^()]{1,30}?)\s*\)|\[\s*([^\[\]]{1,30}?)\s*\]|,\s*([^,()]{1,30}?)|"
    r"\s+in\s+([^,()]{1,30}?))\s*$",
    re.IGNORECASE,
)
_PERCENT_ALONE = regexes.compile(r"(?:^|\s)%(?:\s|$)")
_WORD_MAGNITUDES = {m: v for m, v in MAGNITUDES.items() if len(m) > 1}
_MARKER = regexes.compile(
    rf"(?P<prefix>{regexes.alternation(PREFIX_CURRENCIES)})?\s*"
    rf"(?:(?P<mag>{regexes.alternation(MAGNITUDES)})s?)?\s*"
    rf"(?P<suffix>{regexes.alternation(SUFFIX_UNITS)})?",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def column_unit(header: str) -> ColumnUnit | None:
    """The unit `header` gives its column's bare numbers, if it gives one."""
    m = _AT_END.search(header)
    marker = next((g for g in m.groups() if g), None) if m else None
    if marker is None:
        return ColumnUnit("percent", 1.0) if _PERCENT_ALONE.search(header) else None
    parts = _MARKER.fullmatch(marker)
    if parts is None or not any(parts.groups()):
        return None
    prefix, mag, suffix = (parts.group(g) for g in ("prefix", "mag", "suffix"))
    unit = None
    if prefix:
        unit = PREFIX_CURRENCIES[prefix.lower()]
    if suffix:
        said = SUFFIX_UNITS[suffix.lower()]
        if said not in {"percent", "pp"} and (len(said) != 3 or not said.isupper()):
            return None  # "times", "basis points": no unit a table's facts are in
        if unit is not None and said != unit:
            return None
        unit = said
    if mag:
        scale = MAGNITUDES[mag.lower()]
        if unit in {"percent", "pp"}:
            return None
        if unit is None and mag.lower() not in _WORD_MAGNITUDES:
            return None  # "(B)", "(m)": billions, or a model's size, or metres
        return ColumnUnit(unit or "count", scale)
    return ColumnUnit(unit, 1.0) if unit else None


def in_column_unit(mention: NumberMention, unit: ColumnUnit) -> NumberMention:
    """A cell's bare number as if written with its column's unit."""
    return mention._replace(
        value=float(f"{mention.value * unit.scale:.12g}"),
        tolerance=mention.tolerance * unit.scale,
        unit=unit.unit,
        has_magnitude=unit.scale != 1.0,
    )
