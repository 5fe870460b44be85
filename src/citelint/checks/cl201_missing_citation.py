"""A known figure is stated without crediting any source.

## What it does
Flags a figure that fits a fact in the table when nothing in its sentence,
table row or paragraph credits a source of the table, and names the source to
cite. A credit to a name the table does not hold (`Reuters reported`, an outlet
that repeated the figure) credits none of its sources: the message names both.
A bare figure for a subject (`Gemini has 18%.`, no other metric named) fits the
subject's fact with that value.

## Why is this bad?
An uncredited statistic cannot be checked by a reader, and it is the first
kind to drift when the draft is edited or quoted.

## Example
```markdown
DeepSeek holds just 4% of the global chatbot market.
```
Use instead:
```markdown
DeepSeek holds just 4% of the global chatbot market, according to Similarweb.
```

## Fix safety
The fix shows the citation to add; it is display-only (never applied): where
and how to cite is the writer's call.
"""

from __future__ import annotations

from .. import wording
from ..matching import Evidence
from ..model import Applicability, Edit, FactTable, Fix, Severity
from .base import Finding

CODE = "CL201"
NAME = "missing-citation"
SEVERITY = Severity.WARNING


def check(ev: Evidence, table: FactTable) -> Finding | None:
    if ev.attribution.sources or not ev.fits:
        return None
    fact = ev.fits[0].fact
    source = table.source(fact.source)
    ref = wording.source_ref(source)
    claim = ev.claim
    names = ev.attribution.names
    said = (
        f"is credited to {wording.credited_names(names)}, which is not in the table"
        if names
        else "has no citation"
    )
    message = (
        f"{wording.stated(claim)} {said}; it matches {ref} "
        f"({fact.metric}{wording.as_of(fact)}): cite that source"
    )
    citation = f" ([{source.name}]({source.url}))" if source and source.url else f" ({ref})"
    fix = Fix(
        f"Cite {ref}",
        (Edit(claim.span.end, claim.span.end, citation),),
        Applicability.DISPLAY_ONLY,
    )
    return Finding(message, fact.id, fact.source, fix)
