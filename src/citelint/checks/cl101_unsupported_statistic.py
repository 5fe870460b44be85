"""A statistic that no fact in the table supports.

## What it does
Flags a figure that fits no fact at all when no fact measures its metric
either, so nothing in the table can confirm or correct it.

## Why is this bad?
Either the figure comes from a source the table does not hold yet (add it),
or it has no source (find one or drop the figure).

## Example
```markdown
Chinese models now power 23% of enterprise AI deployments, according to Gartner.
```
Add the Gartner report and its figure to the fact table, or remove the claim.

## Fix safety
There is no fix: only the writer knows where the figure came from.
"""

from __future__ import annotations

from .. import wording
from ..matching import Evidence
from ..model import FactTable, Severity
from .base import Finding

CODE = "CL101"
NAME = "unsupported-statistic"
SEVERITY = Severity.WARNING


def check(ev: Evidence, table: FactTable) -> Finding | None:
    if ev.fits or ev.metric or ev.elsewhere or ev.other_unit:
        return None
    claim = ev.claim
    message = f"{wording.stated(claim)} matches no fact in the table, and no fact measures this"
    if ev.attribution.names:
        message += (
            f"; it is credited to {wording.credited_names(ev.attribution.names)}, which is not "
            "in the table"
        )
    elif ev.attribution.sources:
        message += "; the credited source has no such figure"
    return Finding(message + ": add its source to the fact table or remove the figure")
