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

import re

from ..matching import Evidence
from ..model import FactTable, Severity
from ..terms import terms
from .base import Finding

_DIGITS = re.compile(r"[\d.,%$€£¥]+")
SAME_STATEMENT = 0.6  # share of content words two statements must have in common

CODE = "CL401"
NAME = "inconsistent-statistic"
SEVERITY = Severity.WARNING


def check_document(evidence: list[Evidence], table: FactTable) -> list[tuple[Evidence, Finding]]:
    seen: dict[str, Evidence] = {}
    unjudged: list[Evidence] = []
    out = []
    for ev in evidence:
        judged = ev.fits or ev.other_unit or ev.metric
        if not judged:
            # No fact says what it measures: compare what the sentences say instead.
            first = next((u for u in unjudged if _same_statement(u, ev)), None)
            unjudged.append(ev)
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


def _same_statement(a: Evidence, b: Evidence) -> bool:
    """Same unit, and nearly the same content words from just before the number to the
    end of its clause ("… that 35% of developers use Qwen" / "… that 42% of developers
    use Qwen"), at least three of them shared."""
    if a.claim.unit != b.claim.unit:
        return False
    words_a, words_b = _statement(a), _statement(b)
    shared = words_a & words_b
    return len(shared) >= 3 and len(shared) / len(words_a | words_b) >= SAME_STATEMENT


def _statement(ev: Evidence) -> frozenset[str]:
    claim = ev.claim
    before, _, after = claim.context.partition(claim.text)
    return terms(" ".join(before.split()[-2:]) + " " + _DIGITS.sub(" ", after))


def _overlap(a: Evidence, b: Evidence) -> bool:
    lo = max(x for x in (a.claim.low, b.claim.low, float("-inf")) if x is not None)
    hi = min(x for x in (a.claim.high, b.claim.high, float("inf")) if x is not None)
    return lo <= hi
