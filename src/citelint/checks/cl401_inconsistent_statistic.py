"""One document gives two different values for the same metric and subject.

## What it does
Groups the document's claims by the fact each is judged against (the fact it
fits, else the one its value comes from, else the fact for its metric, the
credited source's when it has one, as CL103 and CL102 judge it) and flags a
claim, in the same unit, whose interval cannot agree with any earlier claim's
(about 30%, then 29%, then 31%: the 31% contradicts the 29%), naming the first
such claim. A
flagged claim is not compared with later: after 68%, 70% and 68% again, only
the 70% is flagged. Claims no fact speaks to are compared by their clauses:
nearly the same words around different numbers (at least four in common, and
60% of all) say two different things about the same metric.

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
from bisect import bisect_right
from operator import itemgetter

from .. import regexes, wording
from ..matching import Evidence
from ..model import FactTable, Severity
from ..terms import terms
from .base import Finding

_DIGITS = regexes.compile(r"[\d.,%$€£¥]+")
SAME_STATEMENT = 0.6  # share of content words two statements must have in common
# and how many at least: "(1 in 4 survey respondents" and "(1 in 9 survey respondents
# mentioned" share three words and answer different questions.
_SHARED_MIN = 4
_AFTER = 240  # characters of a clause read on each side of its number

CODE = "CL401"
NAME = "inconsistent-statistic"
SEVERITY = Severity.WARNING


def check_document(evidence: list[Evidence], table: FactTable) -> list[tuple[Evidence, Finding]]:
    by_fact: dict[tuple[str, str], _Claimed] = {}
    statements = _Statements(evidence)
    out = []
    for order, ev in enumerate(evidence):
        judged = ev.fits or ev.other_unit or ev.metric
        if not judged:
            # No fact says what it measures: compare what the sentences say instead.
            earlier = statements.first_disagreeing(ev, order)
            if earlier is not None:
                message = (
                    f"{wording.stated(ev.claim)} contradicts {wording.stated(earlier.claim)} "
                    f"on line {earlier.claim.span.line}, which says the same about the same thing"
                )
                out.append((ev, Finding(message)))
            continue
        # (The fact its value comes from when credited to another source, as CL103 says;
        # else of the facts for its metric the credited source's, as CL102 judges it by.)
        judged_by = ev.fits or ev.other_unit or ev.elsewhere or ev.credited(ev.metric) or judged
        anchor = judged_by[0].fact
        claimed = by_fact.setdefault((anchor.id, ev.claim.unit), _Claimed())
        found = claimed.first_disagreeing(ev)
        if found is None:
            # Only claims not flagged are compared with: after 68%, 70%, 68% the 70% is
            # the one that disagrees, and the second 68% agrees with the document.
            claimed.add(ev, order)
            continue
        earlier = found[1]
        message = (
            f"{wording.stated(ev.claim)} contradicts {wording.stated(earlier.claim)} on line "
            f"{earlier.claim.span.line} for the same metric ({anchor.metric})"
        )
        out.append((ev, Finding(message, anchor.id, anchor.source)))
    return out


class _Claimed:
    """Claims made about one thing, to find the first whose interval cannot agree with a
    new claim's without comparing it to each of them.

    Two claims disagree when one lies wholly below the other. The first claim wholly
    below a new one is among those that lowered the least upper bound seen so far:
    their bounds fall as their order rises, so it is found by bisection. Likewise
    above, with the greatest lower bound."""

    def __init__(self) -> None:
        self.falling_highs: list[float] = []  # negated, so ascending
        self.below: list[tuple[int, Evidence]] = []  # (order, claim) of each
        self.rising_lows: list[float] = []
        self.above: list[tuple[int, Evidence]] = []

    def first_disagreeing(self, ev: Evidence) -> tuple[int, Evidence] | None:
        """(order, claim) of the first claim `ev` cannot agree with, if any."""
        low, high = ev.claim.low, ev.claim.high
        below = above = None
        if low is not None and self.falling_highs and -self.falling_highs[-1] < low:
            below = self.below[bisect_right(self.falling_highs, -low)]
        if high is not None and self.rising_lows and self.rising_lows[-1] > high:
            above = self.above[bisect_right(self.rising_lows, high)]
        if below is None or above is None:
            return below or above
        return min(below, above, key=_ORDER)

    def add(self, ev: Evidence, order: int) -> None:
        low, high = ev.claim.low, ev.claim.high
        if high is not None and (not self.falling_highs or -high > self.falling_highs[-1]):
            self.falling_highs.append(-high)
            self.below.append((order, ev))
        if low is not None and (not self.rising_lows or low > self.rising_lows[-1]):
            self.rising_lows.append(low)
            self.above.append((order, ev))


_ORDER = itemgetter(0)


class _Statements:
    """The statements of the claims seen so far, to find the first claim that says the
    same as a new one but cannot agree with it, without comparing it to every earlier
    claim.

    Two statements can only be the same (`_same`) when they share a word among the
    first few of each in one global order, rarest word first (prefix filtering for
    a Jaccard threshold), so each statement is indexed under those words only, and
    identical statements once (their claims kept together, in a `_Claimed`): a
    document with thousands of numbers stays fast.
    """

    def __init__(self, evidence: list[Evidence]):
        self.words = statements(evidence)
        frequency: dict[str, int] = {}
        for words in set(self.words.values()):
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        self.rank = {word: (count, word) for word, count in frequency.items()}
        # Per statement, by the order of its first claim: its unit and words, its claims.
        self.firsts: dict[tuple[str, frozenset[str]], int] = {}
        self.keys: dict[int, tuple[str, frozenset[str]]] = {}
        self.claimed: dict[int, _Claimed] = {}
        self.postings: dict[str, list[int]] = {}

    def _prefix(self, words: frozenset[str]) -> list[str]:
        size = len(words) - math.ceil(SAME_STATEMENT * len(words) - 1e-9) + 1
        return sorted(words, key=self.rank.__getitem__)[:size]

    def first_disagreeing(self, ev: Evidence, order: int) -> Evidence | None:
        """The first earlier claim that says the same as `ev` (the `order`-th claim) and
        cannot agree with it; when there is none, `ev` is added."""
        words = self.words[id(ev)]
        if len(words) < _SHARED_MIN:
            return None
        unit = ev.claim.unit
        best: tuple[int, Evidence] | None = None
        prefix = self._prefix(words)
        for word in prefix:
            for first in self.postings.get(word, ()):
                if best is not None and first >= best[0]:
                    break  # postings are in order, and a statement's claims come after it
                other_unit, other_words = self.keys[first]
                if other_unit == unit and _same(other_words, words):
                    found = self.claimed[first].first_disagreeing(ev)
                    if found is not None and (best is None or found[0] < best[0]):
                        best = found
        if best is not None:
            return best[1]  # not compared with later: as for claims a fact speaks to
        key = (unit, words)
        first = self.firsts.setdefault(key, order)
        if first == order:
            self.keys[order] = key
            self.claimed[order] = _Claimed()
            for word in prefix:
                self.postings.setdefault(word, []).append(order)
        self.claimed[first].add(ev, order)
        return None


def _same(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    shared = words_a & words_b
    return len(shared) >= _SHARED_MIN and len(shared) / len(words_a | words_b) >= SAME_STATEMENT


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
