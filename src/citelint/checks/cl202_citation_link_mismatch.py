"""A link cited for a figure points to a different source than the figure's.

## What it does
Flags a figure whose citing link's URL belongs to one source while the fact
the figure fits belongs to another. A citing link is one in the figure's
sentence (inline, reference-style or autolink), in its table row's Source cell,
or in a footnote that sentence or cell cites. Reported in addition to the
claim's own finding.

## Why is this bad?
Readers follow the link to check the number and do not find it there.

## Example
```markdown
Chinese models hold [17.1% of global downloads](https://news.cgtn.com/news/2026-04-28/x).
```
Link to the MIT / Hugging Face analysis instead. The same holds for a
footnote's link:
```markdown
Chinese models hold 17.1% of global downloads.[^1]

[^1]: <https://news.cgtn.com/news/2026-04-28/x>
```

## Fix safety
There is no fix: the right URL is the writer's call.
"""

from __future__ import annotations

from .. import wording
from ..matching import Evidence
from ..model import FactTable, Severity
from .base import Finding

CODE = "CL202"
NAME = "citation-link-mismatch"
SEVERITY = Severity.WARNING


def check(ev: Evidence, table: FactTable) -> Finding | None:
    links = ev.attribution.link_sources
    if not links or not ev.fits:
        return None
    fact = (ev.credited(ev.fits) or ev.fits)[0].fact
    if fact.source in links:
        return None
    linked = " / ".join(wording.source_ref(table.source(s)) for s in sorted(links))
    message = (
        f"the link cited for {ev.claim.text} points to {linked}, but the figure comes from "
        f"{wording.source_ref(table.source(fact.source))}"
    )
    return Finding(message, fact.id, fact.source)
