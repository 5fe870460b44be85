"""One document gives two different values for the same metric and subject.

## What it does
Groups the document's claims by the fact each is judged against (the fact it
fits, else the fact for its metric) and flags a claim, in the same unit,
whose interval cannot agree with an earlier claim's. Claims no fact speaks
to are compared by their clauses: nearly the same words around different
numbers say two different things about the same metric.

## Why is this bad?
Even when one of the two is right, a reader cannot tell which; usually one
of them was edited and the other was not.

## Example
```markdown
Chinese models hold 17.1% of global downloads. ... Chinese models hold 19.2% of global downloads.
```

## Fix safety
There is no fix: which value is right is for the rules on each claim to say.
"""

from __future__ import annotations

import math

from .. import regexes
from ..matching import Evidence
from ..model import FactTable, Severity
from ..terms import terms
from .base import Finding

_DIGITS = regexes.compile(r"[\d.,%$€£¥]+")
SAME_STATEMENT = 0.6  # share of content words two statements must have in common
_AFTER = 240  # characters of a clause read on each side of its number

CODE = "CL401"
NAME = "inconsistent-statistic"
SEVERITY = Severity.WARNING


def check_document(evidence: list[Evidence], table: FactTable) -> list[tuple[Evidence, Finding]]:
    seen: dict[str, Evidence] = {}
    statements = _Statements(evidence)
    out = []
    for ev in evidence:
        judged = ev.fits or ev.other_unit or ev.metric
        if not judged:
            # No fact says what it measures: compare what the sentences say instead.
            first = statements.first_same(ev)
            statements.add(ev)
            if first is not None and not _overlap(first, ev):
                message = (
                    f"{ev.claim.text} contradicts {first.claim.text} on line "
                    f"{first.claim.span.line}, which says the same about the same thing"
                )
                out.append((ev, Finding(message)))
            continue
        anchor = judged[0].fact
        first = seen.setdefault(anchor.id, ev)
        if first is ev or first.claim.unit != ev.claim.unit or _overlap(first, ev):
            continue
        message = (
            f"{ev.claim.text} contradicts {first.claim.text} on line {first.claim.span.line} "
            f"for the same metric ({anchor.metric})"
        )
        out.append((ev, Finding(message, anchor.id, anchor.source)))
    return out


class _Statements:
    """The statements of the claims seen so far, to find the first that says the same
    as a new one without comparing it to every earlier claim.

    Two statements can only be the same (`_same`) when they share a word among the
    first few of each in one global order, rarest word first (prefix filtering for
    a Jaccard threshold), so each statement is indexed under those words only, and
    identical statements once: a document with thousands of numbers stays fast.
    """

    def __init__(self, evidence: list[Evidence]):
        self.words = statements(evidence)
        frequency: dict[str, int] = {}
        for words in set(self.words.values()):
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        self.rank = {word: (count, word) for word, count in frequency.items()}
        self.firsts: dict[tuple[str, frozenset[str]], int] = {}  # key -> order of its first
        self.evidence: list[Evidence] = []
        self.postings: dict[str, list[int]] = {}

    def _prefix(self, words: frozenset[str]) -> list[str]:
        size = len(words) - math.ceil(SAME_STATEMENT * len(words) - 1e-9) + 1
        return sorted(words, key=self.rank.__getitem__)[:size]

    def first_same(self, ev: Evidence) -> Evidence | None:
        words = self.words[id(ev)]
        if len(words) < 3:
            return None
        unit = ev.claim.unit
        best: int | None = None
        for word in self._prefix(words):
            for order in self.postings.get(word, ()):
                if best is not None and order >= best:
                    break  # postings are in order: the rest come later
                other = self.evidence[order]
                if other.claim.unit == unit and _same(self.words[id(other)], words):
                    best = order
                    break
        return None if best is None else self.evidence[best]

    def add(self, ev: Evidence) -> None:
        words = self.words[id(ev)]
        key = (ev.claim.unit, words)
        if len(words) < 3 or key in self.firsts:
            return
        order = self.firsts[key] = len(self.evidence)
        self.evidence.append(ev)
        for word in self._prefix(words):
            self.postings.setdefault(word, []).append(order)


def _same_statement(a: Evidence, b: Evidence) -> bool:
    """Same unit, and nearly the same content words from just before the number to the
    end of its clause ("… that 35% of developers use Qwen" / "… that 42% of developers
    use Qwen"), at least three of them shared."""
    if a.claim.unit != b.claim.unit:
        return False
    return _same(_statement(a), _statement(b))


def _same(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    shared = words_a & words_b
    return len(shared) >= 3 and len(shared) / len(words_a | words_b) >= SAME_STATEMENT


def statements(evidence: list[Evidence]) -> dict[int, frozenset[str]]:
    """`_statement` of each claim (by `id` of its evidence), finding each number in its
    clause after the previous number of that clause: one scan per clause, however many
    numbers it holds."""
    out: dict[int, frozenset[str]] = {}
    clause: tuple | None = None
    cursor = 0
    for ev in evidence:
        claim = ev.claim
        key = (claim.block, claim.sentence_range, claim.context)
        if key != clause:
            clause, cursor = key, 0
        at = claim.context.find(claim.text, cursor)
        if at >= 0:
            cursor = at + len(claim.text)
        out[id(ev)] = _statement(ev, at)
    return out


def _statement(ev: Evidence, at: int | None = None) -> frozenset[str]:
    """The content words of the claim's statement: the two words before the number and
    the rest of its clause (at most `_AFTER` characters of it, digits left out). `at` is
    where the number is in the clause when known (-1: not found)."""
    claim = ev.claim
    context = claim.context
    if at is None:
        at = context.find(claim.text)
    if at < 0:
        before, after = context[-_AFTER:], ""
    else:
        end = at + len(claim.text)
        before, after = context[max(0, at - _AFTER) : at], context[end : end + _AFTER]
    return terms(" ".join(before.split()[-2:]) + " " + _DIGITS.sub(" ", after))


def _overlap(a: Evidence, b: Evidence) -> bool:
    lo = max(x for x in (a.claim.low, b.claim.low, float("-inf")) if x is not None)
    hi = min(x for x in (a.claim.high, b.claim.high, float("inf")) if x is not None)
    return lo <= hi
