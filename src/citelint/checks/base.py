"""What a rule is and what it returns."""

import re
from collections.abc import Callable
from types import ModuleType
from typing import NamedTuple

from .. import regexes, wording
from ..matching import Evidence, Scored
from ..model import Applicability, Claim, Edit, Fact, FactTable, Fix, Severity


class Finding(NamedTuple):
    """What a rule says about one claim, before it becomes a positioned Diagnostic."""

    message: str
    fact: str | None = None
    source: str | None = None
    fix: Fix | None = None


class Rule(NamedTuple):
    """A registered rule: stable code, kebab-case name, default severity, docs."""

    code: str
    name: str
    severity: Severity
    check: Callable[[Evidence, FactTable], Finding | None] | None
    doc: str

    @classmethod
    def from_module(cls, module: ModuleType) -> "Rule":
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            check=getattr(module, "check", None),
            doc=(module.__doc__ or "").strip(),
        )

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name


def value_fix(claim: Claim, fact: Fact, applicability: Applicability) -> Fix:
    """Write the fact's value, with the source's own qualifier, over the claim's number
    and its qualifier ("more than 7,000" -> "more than 6,200").

    A qualifier that is the sentence's verb ("surpassed 1.5 trillion yuan") is kept and
    the number alone replaced; the fix is then safe only if the source's qualifier says
    the same ("more than 1.2 trillion yuan"), as the verb still claims it."""
    text = wording.with_of(claim, wording.replacement(claim, fact.value, fact.unit))
    if wording.is_verb(claim.qualifier_words):
        if wording.qualifier_code(fact.qualifier) != claim.qualifier:
            applicability = Applicability.UNSAFE
        text = _cased_as(claim.text, text)
        edit = Edit(claim.span.start, claim.span.end, text)
        return Fix(f"Replace with {text}", (edit,), applicability)
    qualifier = wording.qualifier_words(fact.qualifier)
    if text.endswith("+") and claim.text.endswith("+"):
        # The claim's lower bound is its "+" ("600 million+"): kept when the source's
        # figure is a lower bound too, else dropped for the source's own qualifier.
        if wording.qualifier_code(fact.qualifier) in (">", ">="):
            qualifier = ""
        else:
            text = text[:-1]
    start = claim.span.start if claim.qualifier_span is None else claim.qualifier_span.start
    new = f"{qualifier} {text}" if qualifier else text
    new = _cased_as(claim.text if claim.qualifier_span is None else claim.qualifier_words, new)
    return Fix(f"Replace with {new}", (Edit(start, claim.span.end, new),), applicability)


def _cased_as(written: str, new: str) -> str:
    """`new` opening with a capital when what it replaces did: "More than half of the
    new models …" becomes "More than two-fifths of …", at a sentence's start."""
    capital = written[:1].isupper() and written[1:2].islower()  # (not "US$165 billion")
    return new[0].upper() + new[1:] if capital and new[:1].islower() else new


def best(scored: tuple[Scored, ...]) -> Scored | None:
    return scored[0] if scored else None


# Months, but "may", a verb as often.
_MONTHS = r"january|february|march|april|june|july|august|september|october|november|december"
# A sentence that dates its figure: a year, a month, a quarter, a time before now, or
# a change from it ("From 600 million to 700 million Qwen downloads").
_DATED = regexes.compile(
    rf"\b(?:(?:19|20)\d\d|{_MONTHS}|quarter|ago|earlier|previous|prior|"
    r"last\s+(?:year|month|week)|"
    r"from\s+(?:more\s+than\s+|over\s+|about\s+|around\s+)?(?:US|HK)?[$€£¥]?\d)",
    re.IGNORECASE,
)
# A time a clause names: a year, a month or a quarter.
_WHEN = regexes.compile(
    rf"\b(?:(?:19|20)\d\d|{_MONTHS}|(?:first|second|third|fourth|last)\s+quarter|q[1-4])\b",
    re.IGNORECASE,
)


def dated(claim: Claim) -> bool:
    """Whether the claim's sentence dates its figure: a past reading, true as written of
    its time, which no newer figure corrects."""
    return _DATED.search(claim.sentence) is not None


def timed(claim: Claim) -> bool:
    """Whether the claim's clause names its time ("in the third quarter", "in 2025")."""
    return _WHEN.search(claim.context) is not None
