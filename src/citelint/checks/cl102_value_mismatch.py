"""The figure differs from what the source says for the same metric.

## What it does
Flags a figure when the fact table has a fact for the claim's metric and
subject — from the credited source, or from any source when none is credited —
and the claim's interval does not contain that fact's value. A figure credited
to a source that gives none for its metric is not flagged: the table cannot say
what that source wrote (`Microsoft estimates Chinese models hold 22% of global
downloads` when only MIT / Hugging Face measured them). Written precision and
qualifiers count: `17%` fits 17.1, `17.0%` does not, `more than 20%` does not
fit 17.1. A source credited in the
claim's sentence or row, whose figures for the subject the claim's clause (or row)
names all measure one metric, is quoted for that metric however little of it the
sentence says: `Similarweb puts ChatGPT's share at 72%`; so is, with no source
credited, the one metric of a subject's figures that a bare figure names nothing
else of (`Gemini has 25%.`), and a credited source's one figure, with no
subject, for what the number counts (`its dataset covers 22 billion downloads`).
A figure whose own words say it measures something the table never speaks of
(`MiniMax revenue of US$185m`, `priced at HK$116.20 apiece`) has no fact for its
metric, whatever its subject's other figures. A figure that has the fact's very
value (at its written precision) is never flagged, though its words say too little of
the metric for it to fit (`the US at 15.8%`): no fix could change it. Of a figure and the newer
one that superseded it, the message and fix give the newer, unless the claim's
clause names its time (`in the third quarter`, `in 2025`): then the one its words
fit best, which was true of that time.

## Why is this bad?
Numbers drift as they are copied: a rounded value becomes a different value,
a digit is mistyped, a figure is inflated in a headline.

## Example
```markdown
According to Similarweb, ChatGPT commands 72% of the global chatbot market.
```
Use instead:
```markdown
According to Similarweb, ChatGPT commands 68% of the global chatbot market.
```

## Fix safety
The fix writes the source's value, with the source's qualifier in place of
the claim's (`over 7,000` becomes `more than 6,200`). It is safe (applied by
`--fix`) when the text credits the source explicitly in the claim's own
sentence or row and exactly one of that source's facts measures the metric;
otherwise it is unsafe. A qualifier that is the sentence's verb (`surpassed`,
`topped`, `passed`) is kept and only the number replaced; the fix is then
unsafe unless the source's qualifier says the same (`more than`). A fraction
in words is written as the fraction the source's figure is (`roughly one-third`
becomes `roughly one-seventh`, not `roughly 14.29%`).
"""

from __future__ import annotations

from .. import wording
from ..matching import Evidence, Scored
from ..model import Applicability, Fact, FactTable, Severity
from .base import Finding, timed, value_fix

CODE = "CL102"
NAME = "value-mismatch"
SEVERITY = Severity.ERROR


def check(ev: Evidence, table: FactTable) -> Finding | None:
    attribution = ev.attribution
    if attribution.sources:
        if ev.credited(ev.fits):
            return None
        # Only the credited source's own figures (SPEC §3): what another source gives
        # for the metric does not say the credited one was misquoted.
        own = candidates = ev.credited(ev.metric)
    else:
        if ev.fits:
            return None
        own = ()
        candidates = ev.metric
    if not candidates:
        return None
    # The newest figure of its line, unless the claim's clause names its time ("in the
    # third quarter", "in 2025"): then the figure its words fit best, true of that time.
    claim = ev.claim
    fact = candidates[0].fact if timed(claim) else _current(candidates[0].fact, candidates)
    if claim.contains(fact.value) and abs(claim.value - fact.value) <= claim.tolerance:
        return None  # the very number, though its words say too little of it to fit
    source = table.source(fact.source)
    message = (
        f"{wording.stated(claim)} does not match {wording.source_ref(source)}, which gives "
        f"{wording.fact_value(fact)} for {fact.metric}{wording.as_of(fact)}"
    )
    safe = attribution.explicit and len(own) == 1
    fix = value_fix(claim, fact, Applicability.SAFE if safe else Applicability.UNSAFE)
    return Finding(message, fact.id, fact.source, fix)


def _current(fact: Fact, candidates: tuple[Scored, ...]) -> Fact:
    """The newest figure of `fact`'s line among the candidates: a draft's wrong Qwen
    count is offered the 700 million that superseded 600 million, not the stale one."""
    by_id = {s.fact.id: s.fact for s in candidates}
    seen = {fact.id}
    while fact.superseded_by in by_id and fact.superseded_by not in seen:
        fact = by_id[fact.superseded_by]
        seen.add(fact.id)
    return fact
