"""The immutable records every stage of citelint passes along.

Sources and facts come from a fact table; claims come from a draft;
diagnostics are what the rules say about claims. All are frozen so that a
stage can never change what an earlier stage produced.

The records users hold (Source, Fact, Claim, Attribution, Fix, Diagnostic) are
frozen dataclasses, defined with `records.record` so that their generated methods are
not compiled again by every run. Smaller and internal records, here and elsewhere, are
NamedTuples: a frozen dataclass costs three times as long to instantiate.

Annotations here are evaluated (no `from __future__ import annotations`): typing
compiles each string annotation of a NamedTuple field, 3M instructions of the start-up
of a one-file check.
"""

from dataclasses import field
from enum import StrEnum
from typing import NamedTuple

from .records import record


class Location(NamedTuple):
    """Where a record was written: a file and a 1-based line (0 when unknown)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@record(frozen=True, slots=True)
class Source:
    """A publication that facts come from, and the names a draft may credit it by."""

    id: str
    name: str
    publisher: str | None = None
    aliases: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    url: str | None = None
    published: str | None = None
    notes: str | None = None
    origin: Location | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        """How messages name the source: publisher and title."""
        if self.publisher and self.publisher not in self.name:
            return f"{self.publisher} ({self.name})"
        return self.name


@record(frozen=True, slots=True)
class Fact:
    """One figure a source states, with what it measures and where it came from."""

    id: str
    source: str
    value: float
    unit: str
    metric: str
    qualifier: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = ()
    as_of: str | None = None
    superseded_by: str | None = None
    # Provenance: the sentence the figure was taken from, the documents that
    # quote it, the primary publication, and how far it was verified.
    quote: str | None = None
    quoted_in: tuple[str, ...] = ()
    primary_url: str | None = None
    status: str | None = None
    notes: str | None = None
    origin: Location | None = field(default=None, compare=False)
    # Who the source itself credits for the figure ("according to X"): a name or a
    # source id. Set by `citelint facts extract` on figures a document relays.
    quoted_from: str | None = None


class Omission(NamedTuple):
    """A statistic a pack deliberately leaves out, and why."""

    statistic: str
    reason: str
    quoted_in: tuple[str, ...] = ()


@record(frozen=True, slots=True)
class FactTable:
    """Sources and facts loaded from one or more fact-table files."""

    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    omitted: tuple[Omission, ...] = ()
    paths: tuple[str, ...] = ()
    _source_by_id: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _fact_by_id: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._source_by_id.update((s.id, s) for s in self.sources)
        self._fact_by_id.update((f.id, f) for f in self.facts)

    def source(self, source_id: str) -> Source | None:
        return self._source_by_id.get(source_id)

    def fact(self, fact_id: str) -> Fact | None:
        return self._fact_by_id.get(fact_id)

    def merged(self, other: "FactTable") -> "FactTable":
        return FactTable(
            sources=self.sources + other.sources,
            facts=self.facts + other.facts,
            omitted=self.omitted + other.omitted,
            paths=self.paths + other.paths,
        )


class Problem(NamedTuple):
    """One reason a fact table cannot be used: file, line and field."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class FactTableError(Exception):
    """Raised when a fact table cannot be read or fails the schema."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class Span(NamedTuple):
    """A range of the original text: 0-based code-point offsets, end exclusive,
    and the 1-based line/column of the first and last character."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@record(frozen=True, slots=True)
class Claim:
    """One statistic in prose: the number as written, normalised, with its interval."""

    text: str
    value: float
    unit: str
    qualifier: str  # one of = ~ > < >= <=
    low: float | None
    high: float | None
    span: Span
    sentence: str = ""
    context: str = ""  # the clause around the number
    block: int = 0  # index of the prose block the claim is in
    qualifier_span: Span | None = None  # where the qualifier words are, when any
    # Ranges inside the block's prose text: the number, and its sentence.
    text_range: tuple[int, int] = (0, 0)
    sentence_range: tuple[int, int] = (0, 0)
    tolerance: float = 0.0  # half the step of the written precision
    qualifier_words: str = ""  # the qualifier as the prose writes it ("surpassed"), when any

    @property
    def interval(self) -> tuple[float | None, float | None]:
        return (self.low, self.high)

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@record(frozen=True, slots=True)
class Attribution:
    """Who the text credits for a claim, and how it says so."""

    sources: frozenset[str] = frozenset()
    how: str = "none"  # footnote | link | citation | cue | table | paragraph | previous | none
    names: tuple[str, ...] = ()  # credited names that match no source (e.g. "Gartner")
    link_sources: frozenset[str] = frozenset()  # sources that cited links' URLs belong to
    link_spans: tuple[Span, ...] = ()
    written: tuple[str, ...] = ()  # the credited names as the draft writes them

    @property
    def explicit(self) -> bool:
        """Credited in the claim's own sentence or row, not carried over."""
        return self.how in {"footnote", "link", "citation", "cue", "table"}

    @property
    def cited(self) -> bool:
        return bool(self.sources or self.names)


class Applicability(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Edit(NamedTuple):
    """Replace the original text between two code-point offsets."""

    start: int
    end: int
    replacement: str


@record(frozen=True, slots=True)
class Fix:
    """A change that resolves a finding, and how safe it is to apply unasked."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    @property
    def replacement(self) -> str | None:
        return self.edits[0].replacement if len(self.edits) == 1 else None


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@record(frozen=True, slots=True)
class Diagnostic:
    """One finding: where, which rule, what is wrong, and how to fix it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    claim: Claim | None = None
    fact: str | None = None
    source: str | None = None
    fix: Fix | None = None
    start: int = 0  # code-point offsets of the span, for fixes and editors
    end: int = 0
