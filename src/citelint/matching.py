"""Which facts a claim fits, and which facts measure the same thing.

The index narrows candidates cheaply first — by unit and value (bisect over a
sorted list) or by the subject and keyword terms the claim's sentence shares
with facts (postings) — and only then scores context, so the cost per claim
does not grow with the size of the table.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .model import Attribution, Claim, Fact, FactTable
from .terms import terms

# Words too general to identify what a subject is ("Chinese models" is about China).
_GENERIC = terms(
    "model open source ai company system tool platform developer develop llm large language "
    "open-weight weight base firm lab"
)
FIT_MIN = 0.12  # context a fact needs when its value already fits
METRIC_MIN = 0.25  # context a fact needs to count as "the same metric"
RELATED_MIN = 0.15  # context for "the credited source's own figure" in messages
_FUZZY_MIN = 88


@dataclass(frozen=True, slots=True)
class Profile:
    """What a fact's text says, pre-digested for matching."""

    subject: frozenset[str]
    weights: tuple[tuple[str, float], ...]  # distinctive terms of metric and keywords
    total: float


@dataclass(frozen=True, slots=True)
class Scored:
    fact: Fact
    score: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the rules need to judge one claim."""

    claim: Claim
    attribution: Attribution
    fits: tuple[Scored, ...]  # facts the claim fits (value and context), best first
    related: tuple[Scored, ...]  # same-unit facts with the claim's subject and some metric words
    elsewhere: tuple[Scored, ...]  # facts of uncredited sources that have the claim's value
    other_unit: tuple[Scored, ...]  # facts of the same metric with the value in another unit

    @property
    def metric(self) -> tuple[Scored, ...]:
        """Same-unit facts for the claim's metric and subject, best first."""
        return tuple(s for s in self.related if s.score >= METRIC_MIN)

    @property
    def fit(self) -> Fact | None:
        return self.fits[0].fact if self.fits else None

    def credited(self, scored: tuple[Scored, ...]) -> tuple[Scored, ...]:
        return tuple(s for s in scored if s.fact.source in self.attribution.sources)


def subject_terms(subject: str | None) -> frozenset[str]:
    if not subject:
        return frozenset()
    found = terms(subject)
    core = found - _GENERIC
    return core or found


class FactIndex:
    """Facts bucketed by unit and sorted by value, plus term postings."""

    def __init__(self, table: FactTable):
        self.table = table
        by_unit: dict[str, list[Fact]] = defaultdict(list)
        for fact in table.facts:
            by_unit[fact.unit].append(fact)
        self._values: dict[str, list[float]] = {}
        self._facts: dict[str, list[Fact]] = {}
        for unit, facts in by_unit.items():
            facts.sort(key=lambda f: f.value)
            self._facts[unit] = facts
            self._values[unit] = [f.value for f in facts]
        raw = {f.id: (subject_terms(f.subject), _fact_terms(f)) for f in table.facts}
        keyword_terms = {f.id: _keyword_terms(f) for f in table.facts}
        df: dict[str, int] = defaultdict(int)
        for _, words in raw.values():
            for word in words:
                df[word] += 1
        n = max(1, len(table.facts))
        self._profiles: dict[str, Profile] = {}
        self._by_subject: dict[str, list[Fact]] = defaultdict(list)
        self._by_term: dict[str, list[Fact]] = defaultdict(list)
        for fact in table.facts:
            subject, words = raw[fact.id]
            # Keywords are what the table's author chose to match on: they count double.
            weights = tuple(
                (w, math.log(1 + n / df[w]) * (2.0 if w in keyword_terms[fact.id] else 1.0))
                for w in sorted(words - subject)
            )
            self._profiles[fact.id] = Profile(subject, weights, sum(w for _, w in weights) or 1.0)
            if subject:
                for word in subject:
                    self._by_subject[word].append(fact)
            else:
                for word in words:
                    self._by_term[word].append(fact)
        self.subject_vocabulary = frozenset(self._by_subject)
        self.units = tuple(self._facts)

    # -- candidates -------------------------------------------------------------

    def in_range(self, unit: str, low: float | None, high: float | None) -> list[Fact]:
        values = self._values.get(unit)
        if not values:
            return []
        lo = 0 if low is None else bisect_left(values, low - _eps(low))
        hi = len(values) if high is None else bisect_right(values, high + _eps(high))
        return self._facts[unit][lo:hi]

    def related(self, scope: frozenset[str], context: frozenset[str]) -> list[Fact]:
        """Facts whose subject is in scope, or subject-less facts sharing a term."""
        seen: dict[str, Fact] = {}
        for word in scope & self.subject_vocabulary:
            for fact in self._by_subject[word]:
                seen[fact.id] = fact
        for word in context:
            for fact in self._by_term.get(word, ()):
                seen[fact.id] = fact
        return list(seen.values())

    def statistic_unit(
        self, value: float, tolerance: float, sentence: frozenset[str]
    ) -> str | None:
        """The unit of a fact with this value whose subject or keywords the sentence names."""
        for unit in self.units:
            for fact in self.in_range(unit, value - tolerance, value + tolerance):
                profile = self._profiles[fact.id]
                if profile.subject & sentence or any(
                    terms(k) and terms(k) <= sentence for k in fact.keywords
                ):
                    return unit
        return None

    # -- scoring ----------------------------------------------------------------

    def subject_ok(self, fact: Fact, scope: frozenset[str]) -> bool:
        subject = self._profiles[fact.id].subject
        return not subject or bool(subject & scope) or _fuzzy_any(subject, scope)

    def score(self, fact: Fact, context: frozenset[str]) -> float:
        """IDF-weighted share of the fact's metric and keyword terms found in the context."""
        profile = self._profiles[fact.id]
        matched = 0.0
        for word, weight in profile.weights:
            if word in context or (len(word) >= 5 and _fuzzy_in(word, context)):
                matched += weight
        return matched / profile.total


def _keyword_terms(fact: Fact) -> frozenset[str]:
    words: set[str] = set()
    for keyword in fact.keywords:
        words |= terms(keyword)
    return frozenset(words)


def _fact_terms(fact: Fact) -> frozenset[str]:
    return terms(fact.metric) | _keyword_terms(fact)


def _eps(value: float | None) -> float:
    return 1e-9 * max(1.0, abs(value or 0.0))


def _fuzzy_in(word: str, context: frozenset[str]) -> bool:
    return process.extractOne(word, context, scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN) is not None


def _fuzzy_any(words: frozenset[str], context: frozenset[str]) -> bool:
    return any(len(w) >= 5 and _fuzzy_in(w, context) for w in words)


_ANAPHORA = re.compile(
    r"\b(?:the\s+same|the\s+country|the\s+nation|its|their|it|they|this|these|that)\b",
    re.IGNORECASE,
)
# Units a figure may have been written in by mistake for one another.
_UNIT_FAMILIES = (frozenset({"percent", "pp"}),)


def gather(
    index: FactIndex,
    claim: Claim,
    attribution: Attribution,
    sentence: str,
    clause: str,
    previous: str = "",
    metric_text: str | None = None,
    open_ended: float = 0.5,
) -> Evidence:
    """Find the facts a claim fits, those measuring its metric, and near misses.

    The subject is looked for in the clause, else the sentence, else (for "the same
    industry", "it") the text before; metric words in `metric_text` (the sentence
    without source names) and the clause."""
    sentence_terms = terms(sentence)
    clause_terms = terms(clause)
    vocabulary = index.subject_vocabulary
    # The subject may be anywhere in the sentence; when the claim's clause points back
    # ("these models", "the same industry") and names no subject, in the text before.
    scope = sentence_terms | clause_terms
    if (
        previous
        and not clause_terms & vocabulary
        and (
            _ANAPHORA.search(clause)
            or (not sentence_terms & vocabulary and _ANAPHORA.search(sentence))
        )
    ):
        scope |= terms(previous)
    context = terms(metric_text) if metric_text is not None else sentence_terms

    credited = attribution.sources
    low, high = _point(claim)

    def scored(facts, minimum: float, trust_credited: bool = False) -> list[Scored]:
        """Facts whose subject is in scope and whose metric the context matches well enough;
        with `trust_credited`, a credited source's fact with the very number written
        needs only its subject."""
        out = []
        for fact in facts:
            if not index.subject_ok(fact, scope):
                continue
            score = index.score(fact, context)
            trusted = trust_credited and fact.source in credited and low <= fact.value <= high
            if score >= minimum or trusted:
                out.append(Scored(fact, score))
        return out

    related = index.related(scope, context)
    fit_low, fit_high = _plausible(claim, open_ended)
    fits = scored(index.in_range(claim.unit, fit_low, fit_high), FIT_MIN, trust_credited=True)
    fits.sort(
        key=lambda s: (
            abs(s.fact.value - claim.value) / max(abs(claim.value), 1e-9),
            not index.subject_ok(s.fact, clause_terms),
            -s.score,
        )
    )

    metric = scored((f for f in related if f.unit == claim.unit), RELATED_MIN)
    # A subject named in the claim's own clause beats one named elsewhere in the sentence.
    metric.sort(key=lambda s: (not index.subject_ok(s.fact, clause_terms), -s.score))

    # "Has the value": the number as written, without the qualifier's open end.
    elsewhere = [
        s
        for s in scored(index.in_range(claim.unit, low, high), FIT_MIN)
        if s.fact.source not in attribution.sources
    ]
    elsewhere.sort(key=lambda s: -s.score)

    other_unit = []
    for unit in index.units:
        if unit == claim.unit or not _comparable(unit, claim.unit):
            continue
        other_unit += scored(index.in_range(unit, low, high), METRIC_MIN)
    other_unit.sort(key=lambda s: -s.score)
    return Evidence(
        claim, attribution, tuple(fits), tuple(metric), tuple(elsewhere), tuple(other_unit)
    )


def _plausible(claim: Claim, open_ended: float) -> tuple[float | None, float | None]:
    """The claim's interval with open ends closed at a plausible distance."""
    low, high = claim.low, claim.high
    if high is None and low is not None:
        high = low + abs(low) * open_ended + claim.tolerance
    if low is None and high is not None:
        low = high - abs(high) * open_ended / (1 + open_ended) - claim.tolerance
    return low, high


def _point(claim: Claim) -> tuple[float, float]:
    if claim.qualifier in {"=", "~"} and claim.low is not None and claim.high is not None:
        return claim.low, claim.high
    return claim.value - claim.tolerance, claim.value + claim.tolerance


def _comparable(a: str, b: str) -> bool:
    """Units one could confuse: two currencies, percent and points, a count and a currency."""
    if any(a in family and b in family for family in _UNIT_FAMILIES):
        return True
    money = {a.isupper(), b.isupper()}
    return money == {True} or (money == {True, False} and "count" in {a, b})
