"""One document gives two different values for the same metric and subject.

## What it does
Groups the document's claims by the fact each is judged against (the fact it
fits, else the fact for its metric) and flags a claim, in the same unit,
whose interval cannot agree with an earlier claim's.

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

from ..matching import Evidence
from ..model import FactTable, Severity
from .base import Finding

CODE = "CL401"
NAME = "inconsistent-statistic"
SEVERITY = Severity.WARNING


def check_document(evidence: list[Evidence], table: FactTable) -> list[tuple[Evidence, Finding]]:
    seen: dict[str, Evidence] = {}
    out = []
    for ev in evidence:
        judged = ev.fits or ev.other_unit or ev.metric
        if not judged:
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


def _overlap(a: Evidence, b: Evidence) -> bool:
    lo = max(x for x in (a.claim.low, b.claim.low, float("-inf")) if x is not None)
    hi = min(x for x in (a.claim.high, b.claim.high, float("inf")) if x is not None)
    return lo <= hi
