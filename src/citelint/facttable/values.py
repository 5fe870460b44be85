"""Values, units, qualifiers and dates as a fact table writes them."""

from __future__ import annotations

import math

from .. import regexes

#: Units that are not currencies.
PLAIN_UNITS = ("percent", "pp", "count", "score", "ratio", "points", "times")

#: ISO 4217 codes of the currencies a fact table may use.
CURRENCIES = frozenset(
    "USD EUR GBP JPY CNY HKD TWD KRW INR SGD AUD CAD CHF NZD SEK NOK DKK PLN CZK HUF RON RUB "
    "UAH TRY ILS SAR AED QAR EGP ZAR NGN KES BRL MXN ARS CLP COP PEN IDR MYR THB PHP VND PKR "
    "BDT".split()
)

#: Every canonical unit: what `Fact.unit` holds.
UNITS = frozenset(PLAIN_UNITS) | CURRENCIES

_SYNONYMS = {
    "%": "percent", "per cent": "percent", "percentage": "percent", "pct": "percent",
    "percentage points": "pp", "percentage point": "pp", "p.p.": "pp",
    "number": "count", "point": "points", "pts": "points",
    "x": "times", "×": "times", "fold": "times",
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD",
    "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "¥": "CNY",
    "€": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "yen": "JPY", "won": "KRW", "₹": "INR", "rupee": "INR", "rupees": "INR",
    "hk$": "HKD", "hong kong dollars": "HKD",
}  # fmt: skip
_UNIT_LOOKUP = {unit.lower(): unit for unit in UNITS} | _SYNONYMS

#: Qualifiers a fact may carry, in lower case with single spaces.
QUALIFIERS = frozenset(
    {
        "more than", "over", "above", "at least", "less than", "under", "below", "up to",
        "about", "around", "roughly", "approximately", "nearly", "almost", "exactly",
        "=", "~", ">", "<", ">=", "<=",
    }
)  # fmt: skip

_MAGNITUDES = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "mln": 6, "m": 6,
    "billion": 9, "bn": 9, "b": 9, "trillion": 12, "tn": 12, "trn": 12, "t": 12,
}  # fmt: skip
_PERCENT = frozenset({"%", "percent", "per cent"})
_NUMBER = regexes.compile(
    r"\s*([+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?"
    r"\s*([^\d\s](?:.*\S)?)?\s*"
)
_DATE = regexes.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:[Tt ]\S.*)?)?)?")
_VALUE_HINT = "write e.g. 17.1, 6,200, 10 billion, 619m or 17.1%"


def normalise_unit(text: str) -> str | None:
    """The canonical unit for `text` (`%` -> percent, `yuan` -> CNY), or None if unknown."""
    return _UNIT_LOOKUP.get(" ".join(text.split()).lower())


def parse_value(raw: object) -> float:
    """A fact's value as a float: a number, or a string such as "10 billion", "619m", "17.1%".

    Raises ValueError, with a message fit for a user, when `raw` is not a finite number.
    """
    if isinstance(raw, bool):
        raise ValueError("must be a number, not a boolean")
    if isinstance(raw, int | float):
        try:
            value = float(raw)
        except OverflowError:
            value = math.inf
    elif isinstance(raw, str):
        try:
            value = float(raw)  # the common case: a plain number
        except ValueError:
            value = _parse_text(raw)
    else:
        raise ValueError(f"must be a number, not a {kind(raw)}")
    if not math.isfinite(value):
        raise ValueError(f"must be a finite number, not {raw!r}")
    return value


def _parse_text(raw: str) -> float:
    match = _NUMBER.fullmatch(raw)
    if match is None:
        raise ValueError(f"not a number: {raw!r} ({_VALUE_HINT})")
    number, exponent, suffix = match.groups()
    power = int(exponent or 0)
    if suffix is not None:
        word = " ".join(suffix.split()).lower()
        if word in _MAGNITUDES:
            power += _MAGNITUDES[word]
        elif word not in _PERCENT:
            raise ValueError(f"not a number: {raw!r} ({_VALUE_HINT})")
    return float(f"{number.replace(',', '')}e{power}")


def is_percent_text(raw: object) -> bool:
    """Whether a value is written as a percentage ("17.1%", "41 percent")."""
    if not isinstance(raw, str) or ("%" not in raw and "cent" not in raw.lower()):
        return False
    match = _NUMBER.fullmatch(raw)
    return bool(match and match[3] and " ".join(match[3].split()).lower() in _PERCENT)


def is_qualifier(text: str) -> bool:
    """Whether `text` is one of the QUALIFIERS, ignoring case and extra spaces."""
    return " ".join(text.split()).lower() in QUALIFIERS


def is_date(text: str) -> bool:
    """Whether `text` is a date as a table writes one: 2025, 2026-01, 2026-04-28[T...]."""
    return _DATE.fullmatch(text) is not None


def kind(value: object) -> str:
    """How messages name the type of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__
