"""The value matches a fact for the same metric, but in another unit.

## What it does
Flags a figure whose number equals what the source says for the same metric,
written in a different unit: `$1.2 trillion` where the source says 1.2 trillion
yuan, or `17.1 percentage points` where the source says 17.1 percent.

## Why is this bad?
A unit slip changes the figure by a factor: 1.2 trillion yuan is about $165
billion, not $1.2 trillion. Readers cannot see the slip because the digits
look right.

## Example
```markdown
China's core AI industry was worth more than $1.2 trillion in 2025, according to CGTN.
```
Use instead:
```markdown
China's core AI industry was worth more than 1.2 trillion yuan in 2025, according to CGTN.
```

## Fix safety
The fix rewrites the figure in the source's unit. It is unsafe (applied only
with `--unsafe-fixes`): the sentence around it may need rewording.
"""

from __future__ import annotations

from .. import wording
from ..matching import Evidence
from ..matching.context import _measures_change
from ..model import Applicability, Edit, FactTable, Fix, Severity
from .base import Finding

CODE = "CL104"
NAME = "unit-mismatch"
SEVERITY = Severity.ERROR


def check(ev: Evidence, table: FactTable) -> Finding | None:
    credited = bool(ev.attribution.sources)
    if ev.credited(ev.fits) if credited else ev.fits:
        return None
    candidates = (ev.credited(ev.other_unit) if credited else ()) or ev.other_unit
    if not candidates:
        return None
    fact = candidates[0].fact
    claim = ev.claim
    source = table.source(fact.source)
    # The source's figure in the claim's unit for the same thing: the same subject, and a
    # change only for a change (a level in percent is no rise in percentage points).
    same_unit = next(
        (
            s.fact
            for s in ev.related
            if s.fact.source == fact.source
            and s.fact.unit == claim.unit
            and s.fact.subject == fact.subject
            and _measures_change(s.fact.metric) == _measures_change(fact.metric)
        ),
        None,
    )
    given = wording.fact_value(fact)
    unit = wording.unit_name(fact.unit)
    # (Not "1.2 percentage points in percentage points": only a unit the figure hides.)
    shown = any(word in given.split() for word in unit.split() if word.isalpha())
    message = (
        f"{wording.stated(claim)} is written in {wording.unit_name(claim.unit)}, but "
        f"{wording.source_ref(source)} gives {given}{'' if shown else f' in {unit}'} "
        f"for {fact.metric}"
    )
    if same_unit is not None:
        message += f"; in {wording.unit_name(claim.unit)} it gives {wording.fact_value(same_unit)}"
    new = wording.value(fact.value, fact.unit)
    fix = Fix(
        f"Write the figure in {wording.unit_name(fact.unit)}: {new}",
        (Edit(claim.span.start, claim.span.end, new),),
        Applicability.UNSAFE,
    )
    return Finding(message, fact.id, fact.source, fix)
