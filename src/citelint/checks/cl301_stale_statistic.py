"""The figure matches a fact that a newer fact has superseded.

## What it does
Flags a figure that fits a fact marked `superseded_by` a newer one, and says
what the newer figure is, from which source and as of when.

## Why is this bad?
Stale counts survive in drafts long after the source updated them: "over 600
million Qwen downloads" after the Qwen team reported more than 700 million.

## Example
```markdown
Qwen models have been downloaded more than 600 million times.
```
Use instead:
```markdown
Qwen models have been downloaded more than 700 million times.
```

## Fix safety
The fix writes the newer figure; it is unsafe (applied only with
`--unsafe-fixes`) because the sentence's date or tense may need changing too.
A figure its sentence dates ("a year ago", "in January 2025", "for the July to
September quarter", "up from … in the previous quarter", "from 600 million to
700 million") is a past reading, true as written of its time: no fix is offered,
only the message.
"""

from __future__ import annotations

from .. import wording
from ..matching import Evidence
from ..model import Applicability, FactTable, Severity
from .base import Finding, dated, value_fix

CODE = "CL301"
NAME = "stale-statistic"
SEVERITY = Severity.WARNING


def check(ev: Evidence, table: FactTable) -> Finding | None:
    pool = ev.credited(ev.fits) if ev.attribution.sources else ev.fits
    if not pool or not pool[0].fact.superseded_by:
        return None
    fact = pool[0].fact
    newer = table.fact(fact.superseded_by)
    if newer is None:
        return None
    claim = ev.claim
    message = (
        f"{wording.stated(claim)} is an older figure for {fact.metric}{wording.as_of(fact)}; "
        f"{wording.source_ref(table.source(newer.source))} now gives "
        f"{wording.fact_value(newer)}{wording.as_of(newer)}"
    )
    fix = None if dated(claim) else value_fix(claim, newer, Applicability.UNSAFE)
    return Finding(message, fact.id, fact.source, fix)
