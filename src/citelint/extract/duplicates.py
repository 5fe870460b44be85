"""Merging duplicates: the same figure stated several times in one document for the
same thing is one candidate, listing every line it is stated on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..terms import terms
from .figures import Candidate
from .suggest import _SHARE


def merge_duplicates(found: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per figure: the same value and unit stated again for the same
    thing (subjects agree, metrics share a content word) is merged into the first
    statement, preferring a qualified one ("surpassed 10 billion" over "10 billion")."""
    merged: list[Candidate] = []
    for candidate in found:
        for index, kept in enumerate(merged):
            if _same_figure(kept, candidate):
                merged[index] = _merge(kept, candidate)
                break
        else:
            merged.append(candidate)
    return merged


def _metric_terms(candidate: Candidate) -> frozenset[str]:
    found = terms(candidate.metric) - terms(candidate.subject or "") - _SHARE
    return frozenset(t for t in found if not t.replace(".", "").isdigit())


def _same_figure(a: Candidate, b: Candidate) -> bool:
    if a.unit != b.unit or abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value)):
        return False
    if a.subject and b.subject and terms(a.subject).isdisjoint(terms(b.subject)):
        return False
    ta, tb = _metric_terms(a), _metric_terms(b)
    return not ta or not tb or bool(ta & tb)


def _merge(kept: Candidate, other: Candidate) -> Candidate:
    lines = tuple(sorted(set(kept.lines + other.lines)))
    best = kept
    if kept.qualifier is None and other.qualifier is not None:
        best = other
    return replace(
        best,
        subject=best.subject or kept.subject or other.subject,
        quoted_from=best.quoted_from or kept.quoted_from or other.quoted_from,
        as_of=best.as_of or kept.as_of or other.as_of,
        lines=lines,
    )
