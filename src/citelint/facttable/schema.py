"""The fact-table schema (version 1): check one parsed file and build its records.

Every problem is collected, none stops the check. References between files
(sources named by facts, `superseded_by`, duplicate ids) are checked later,
in `merge`, once every file is read.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from typing import TypeVar

from .. import regexes
from ..model import Fact, Location, Omission, Source
from .document import Document, LazyItems, Where
from .values import (
    PLAIN_UNITS,
    is_date,
    is_percent_text,
    is_qualifier,
    kind,
    normalise_unit,
    parse_value,
)

VERSION = 1
TOP_FIELDS = frozenset({"version", "sources", "facts", "omitted", "name", "description", "notes"})
SOURCE_FIELDS = frozenset(
    {"id", "name", "publisher", "aliases", "keys", "url", "published", "notes"}
)
FACT_FIELDS = frozenset(
    {
        "id", "source", "value", "unit", "metric", "qualifier", "subject", "keywords", "as_of",
        "superseded_by", "quote", "quoted_in", "primary_url", "status", "notes", "quoted_from",
    }
)  # fmt: skip
OMISSION_FIELDS = frozenset({"statistic", "reason", "quoted_in"})
REQUIRED_FACT_FIELDS = ("id", "source", "value", "unit", "metric")
_FACT_TEXTS = (
    "subject", "superseded_by", "quote", "primary_url", "status", "notes", "quoted_from",
)  # fmt: skip

T = TypeVar("T")
_ID = regexes.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
_MISSING = object()

_UNIT_HINT = f"(expected {', '.join(PLAIN_UNITS)} or an ISO currency code such as USD)"
_QUALIFIER_HINT = (
    "(expected more than, over, above, at least, less than, under, below, up to, about, "
    "around, roughly, approximately, nearly, almost, exactly, =, ~, >, <, >= or <=)"
)


class Checked:
    """One file's records, each with its index in its section, and the file's problems."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.sources: list[tuple[int, Source]] = []
        self.facts: list[tuple[int, Fact]] = []
        self.omitted: list[Omission] = []

    def report(self, where: Where, message: str) -> None:
        self.doc.problems.append(self.doc.problem(where, message))


def check(doc: Document) -> Checked:
    """Check a parsed file against the schema; problems go to `doc.problems`."""
    checked = Checked(doc)
    _Checker(checked).run()
    return checked


class _Checker:
    """Walks one file's data, building records and reporting what is wrong."""

    def __init__(self, checked: Checked):
        self.out = checked
        self.report = checked.report
        self.path = checked.doc.path
        self.line = checked.doc.line
        # Facts repeat sources, subjects, keywords and dates: each distinct value is kept
        # once (a parser makes a new string for every occurrence).
        self.share = _sharing()

    def run(self) -> None:
        data = self.out.doc.data
        if not isinstance(data, dict):
            if data is None:
                self.report(
                    (), "the file is empty (expected a mapping with version, sources and facts)"
                )
            else:
                self.report(
                    (), f"expected a mapping with version, sources and facts, not a {kind(data)}"
                )
            return
        self.unknown(data, TOP_FIELDS, ())
        self.version(data.get("version", _MISSING))
        for field in ("name", "description", "notes"):
            self.text(data, field, ())
        for section, required, item in (
            ("sources", True, self.source),
            ("facts", True, self.fact),
            ("omitted", False, self.omission),
        ):
            items = data.get(section, _MISSING)
            if items is _MISSING or items is None:
                if required:
                    self.report((section,), "required field is missing")
                continue
            if not isinstance(items, list | LazyItems):
                self.report((section,), f"must be a list of mappings, not a {kind(items)}")
                continue
            for index, value in enumerate(items):
                if isinstance(value, dict):
                    item(value, index)
                else:
                    self.report((section, index), f"must be a mapping, not a {kind(value)}")

    def version(self, value: object) -> None:
        if value is _MISSING:
            self.report(("version",), "required field is missing")
        elif not (value == VERSION and type(value) is int) and value != str(VERSION):
            self.report(("version",), f"unsupported version {value} (expected {VERSION})")

    def source(self, item: dict, index: int) -> None:
        where = ("sources", index)
        self.unknown(item, SOURCE_FIELDS, where)
        source = Source(
            id=self.id(item, where),
            name=self.text(item, "name", where, required=True) or "",
            publisher=self.text(item, "publisher", where),
            aliases=self.texts(item, "aliases", where),
            keys=self.texts(item, "keys", where),
            url=self.text(item, "url", where),
            published=self.date(item, "published", where),
            notes=self.text(item, "notes", where),
            origin=Location(self.path, self.line(where)),
        )
        self.out.sources.append((index, source))

    def fact(self, item: dict, index: int) -> None:
        where = ("facts", index)
        self.unknown(item, FACT_FIELDS, where)
        fact_id = self.id(item, where)
        source = self.text(item, "source", where, required=True) or ""
        value = self.value(item, where)
        unit = self.unit(item, where)
        if unit and unit != "percent" and is_percent_text(item.get("value")):
            self.report(
                where + ("value",), f"{item['value']!r} is a percentage but the unit is {unit!r}"
            )
        metric = self.text(item, "metric", where, required=True) or ""
        subject, superseded_by, quote, primary_url, status, notes, quoted_from = self.texts_of(
            item, _FACT_TEXTS, where
        )
        share = self.share
        fact = Fact(
            id=fact_id,
            source=share(source),
            value=value,
            unit=unit,
            metric=metric,
            qualifier=share(self.qualifier(item, where)),
            subject=share(subject),
            keywords=share(tuple(map(share, self.texts(item, "keywords", where)))),
            as_of=share(self.date(item, "as_of", where)),
            superseded_by=superseded_by,
            quote=quote,
            quoted_in=share(tuple(map(share, self.texts(item, "quoted_in", where)))),
            primary_url=primary_url,
            status=share(status),
            notes=notes,
            origin=Location(self.path, self.line(where)),
            quoted_from=quoted_from,
        )
        self.out.facts.append((index, fact))

    def omission(self, item: dict, index: int) -> None:
        where = ("omitted", index)
        self.unknown(item, OMISSION_FIELDS, where)
        omission = Omission(
            statistic=self.text(item, "statistic", where, required=True) or "",
            reason=self.text(item, "reason", where, required=True) or "",
            quoted_in=self.texts(item, "quoted_in", where),
        )
        self.out.omitted.append(omission)

    def unknown(self, item: dict, allowed: frozenset[str], where: Where) -> None:
        extra = item.keys() - allowed
        if extra:
            for field in item:  # in the order written
                if field in extra and not field.startswith("x-"):
                    self.report(where + (field,), _unknown_field(field, allowed))

    def text(self, item: dict, field: str, where: Where, required: bool = False) -> str | None:
        """A string field; a number is taken as written (`keywords: [2025]`)."""
        value = item.get(field)
        if type(value) is str:
            if required and not value.strip():
                self.report(where + (field,), "must not be empty")
                return None
            return value
        if value is None:
            if required:
                missing = field not in item
                self.report(
                    where + (field,),
                    "required field is missing" if missing else "must not be empty",
                )
            return None
        if type(value) is int or type(value) is float:
            return str(value)
        self.report(where + (field,), f"must be a string, not a {kind(value)}")
        return None

    def texts_of(self, item: dict, fields: tuple[str, ...], where: Where) -> list[str | None]:
        """Several optional string fields at once (the common case costs one pass)."""
        values = list(map(item.get, fields))
        for index, value in enumerate(values):
            if value is not None and type(value) is not str:
                values[index] = self.text(item, fields[index], where)
        return values

    def texts(self, item: dict, field: str, where: Where) -> tuple[str, ...]:
        values = item.get(field)
        if values is None:
            return ()
        if not isinstance(values, list):
            self.report(where + (field,), f"must be a list of strings, not a {kind(values)}")
            return ()
        out = []
        for index, value in enumerate(values):
            if type(value) is str:
                out.append(value)
            elif type(value) is int or type(value) is float:
                out.append(str(value))
            else:
                self.report(where + (field, index), f"must be a string, not a {kind(value)}")
        return tuple(out)

    def id(self, item: dict, where: Where) -> str:
        value = self.text(item, "id", where, required=True)
        if value is None:
            return ""
        if _ID.fullmatch(value) is None:
            self.report(
                where + ("id",),
                f"invalid id {value!r} (use letters, digits, '.', '_', ':' and '-', "
                "starting with a letter or digit)",
            )
        return value

    def value(self, item: dict, where: Where) -> float:
        raw = item.get("value", _MISSING)
        if raw is _MISSING or raw is None:
            message = "required field is missing" if raw is _MISSING else "must not be empty"
            self.report(where + ("value",), message)
            return math.nan
        try:
            return parse_value(raw)
        except ValueError as error:
            self.report(where + ("value",), str(error))
            return math.nan

    def unit(self, item: dict, where: Where) -> str:
        raw = self.text(item, "unit", where, required=True)
        if raw is None:
            return ""
        unit = normalise_unit(raw)
        if unit is None:
            self.report(where + ("unit",), f"unknown unit {raw!r} {_UNIT_HINT}")
            return ""
        return unit

    def qualifier(self, item: dict, where: Where) -> str | None:
        raw = self.text(item, "qualifier", where)
        if raw is not None and not is_qualifier(raw):
            self.report(where + ("qualifier",), f"unknown qualifier {raw!r} {_QUALIFIER_HINT}")
        return raw

    def date(self, item: dict, field: str, where: Where) -> str | None:
        """A date as written: 2025, 2026-01 or 2026-04-28 (TOML dates become that text)."""
        value = item.get(field)
        if value is None:
            return None
        if isinstance(value, datetime.date):  # TOML dates and date-times
            return value.isoformat()
        if type(value) is int:
            value = str(value)
        if type(value) is not str:
            self.report(where + (field,), f"must be a date such as 2026-01, not a {kind(value)}")
            return None
        if not is_date(value):
            self.report(
                where + (field,),
                f"expected a date such as 2025, 2026-01 or 2026-04-28, not {value!r}",
            )
        return value


def _sharing() -> Callable[[T], T]:
    """A function that returns the first value it was given equal to its argument."""
    seen: dict = {}
    return lambda value: seen.setdefault(value, value)


def _unknown_field(field: str, allowed: frozenset[str]) -> str:
    import difflib

    close = difflib.get_close_matches(field, sorted(allowed), n=1, cutoff=0.7)
    if close:
        return f"unknown field (did you mean {close[0]!r}?)"
    return "unknown field (custom fields must start with 'x-')"
