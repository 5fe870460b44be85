"""The text credits a source with a figure that another source published.

## What it does
Flags a figure credited to source S when no fact of S fits it but a fact of
another source T has exactly that value. The message names T, what T's figure
measures, and S's own figure for the metric when S has one. A bound ("more than
15%") credited to S, which gives no figure for its metric, is T's when T's figure
fits it: the message then gives T's figure. (When S has its own figure, a bound
it contradicts is CL102.)

## Why is this bad?
Misattribution is how numbers drift between reports: 41% (Hugging Face's
Spring 2026 share of downloads over the past year) gets quoted as the MIT /
Hugging Face analysis's share of global downloads, which is 17.1%. The figure
is real, but it measures something else and belongs to someone else.

## Example
```markdown
According to a study by MIT and Hugging Face, Chinese open models now account for
41% of global downloads.
```
Use instead:
```markdown
According to a study by MIT and Hugging Face, Chinese open models now account for
17.1% of global downloads.
```

## Fix safety
When the credited source has its own figure for the metric, the fix writes
that figure. It is unsafe (applied only with `--unsafe-fixes`): the writer may
rather change the citation than the number. A figure of the credited source
that the claim's words fit less well than the figure it comes from measures
something else, as does one for the whole world when the claim names, and the
world does not, the place the figure comes from ("89% of the chatbot market in
China", "the Chinese market"): the message says the source gives no figure for the
claim's metric and names the one it gives, which is not written in;
nor is a weakly matched figure ten times larger or smaller than the claim's.
"""

from __future__ import annotations

from .. import regexes, wording
from ..matching import Evidence
from ..matching.context import own_stretch
from ..model import Applicability, Claim, Fact, FactTable, Severity
from ..terms import terms
from .base import Finding, value_fix

CODE = "CL103"
NAME = "misattribution"
SEVERITY = Severity.ERROR
STRONG = 0.4


def check(ev: Evidence, table: FactTable) -> Finding | None:
    attribution = ev.attribution
    if not attribution.sources or ev.credited(ev.fits):
        return None
    claim = ev.claim
    bound = claim.low is None or claim.high is None
    # A bound has no exact value to compare: another source's figure that fits it is
    # where it comes from ("more than 15%" credited to S, when T gives 17.1%), unless S
    # has a figure for the metric of its own, which CL102 then compares.
    candidates = ev.elsewhere or (ev.fits if bound and not ev.credited(ev.metric) else ())
    if not candidates:
        return None
    actual = candidates[0].fact
    credited = sorted(attribution.sources)
    refs = " / ".join(wording.source_ref(table.source(s)) for s in credited)
    named = " / ".join(attribution.written)
    credited_to = f"{named} ({refs})" if named else refs
    own = ev.credited(ev.related)
    # S's figure measures something else when the claim's words fit the figure the
    # value comes from better: "DeepSeek's share of the global chatbot market" is
    # Similarweb's metric, not Microsoft's "market share within China".
    beaten = bool(own) and (
        own[0].score < candidates[0].score or _elsewhere(claim, own[0].fact, actual)
    )
    strong = bool(own) and own[0].score >= STRONG and not beaten
    if own and beaten:
        # Another metric: said to be one, and named, so the reader can judge it.
        theirs = (
            f"which gives no figure for this metric (its figure for {own[0].fact.metric} "
            f"is {wording.fact_value(own[0].fact)})"
        )
    elif own:
        # A weak metric match is named, so the reader can judge it.
        metric = "this metric" if strong else own[0].fact.metric
        theirs = f"whose figure for {metric} is {wording.fact_value(own[0].fact)}"
    else:
        theirs = "which gives no figure for this metric"
    origin = wording.source_ref(table.source(actual.source))
    if ev.elsewhere:
        found = f"{claim.text} comes from {origin} and measures {actual.metric}"
    else:
        bounded = f"{wording.qualifier_words(claim.qualifier)} {claim.text}".strip()
        found = (
            f"{origin} gives {wording.fact_value(actual)} for {actual.metric}, which is {bounded}"
        )
    message = (
        f"{wording.stated(claim)} is credited to {credited_to}, {theirs}; "
        f"{found}{wording.as_of(actual)}"
    )
    # Writing S's figure for another metric would make the sentence wrong another way; so
    # would one for a metric it may not mean (a weak match) that is no figure of the same
    # size ("180,000" Qwen derivatives against S's 2.061 billion Qwen downloads).
    fix = (
        value_fix(claim, own[0].fact, Applicability.UNSAFE)
        if own and not beaten and (strong or _same_size(claim.value, own[0].fact.value))
        else None
    )
    return Finding(message, actual.id, actual.source, fix)


def _elsewhere(claim: Claim, own: Fact, actual: Fact) -> bool:
    """Whether S's figure is for the whole world and the claim, which says nothing of the
    world, names where the figure it has comes from: "DeepSeek holds 89% of the chatbot
    market in China" is not about Similarweb's global chatbot share, however much of that
    metric it says; or the other way round: S's figure is for a place, and the claim and
    the figure it has are the world's ("it puts DeepSeek's share of the global chatbot
    market at 4%" is not about Microsoft's share within China)."""
    mine, theirs = _words(own), _words(actual)
    # (The claim's clause: another clause of its sentence may speak of the world, "…
    # global chatbot traffic fell to 3.3%, while Similarweb put its share within China
    # at 89%"; and its own stretch of it: the figure after it may too, "… 89% of the
    # market in China and ChatGPT holds 70% of the global chatbot market".)
    stretch = own_stretch(claim.context, claim.text)
    if not terms(stretch).isdisjoint(_WORLD):
        return mine.isdisjoint(_WORLD) and not theirs.isdisjoint(_WORLD)
    if (mine - theirs).isdisjoint(_WORLD):
        return False
    named = terms(" ".join(_NAME.findall(stretch)))  # where: a name ("China")
    # (its people's name too: "the Chinese market" is China's)
    return any(n[:4] == w[:4] for n in named if len(n) >= 4 for w in theirs - mine)


def _words(fact: Fact) -> frozenset[str]:
    return terms(" ".join((fact.metric, fact.subject or "", *fact.keywords)))


_WORLD = terms("global globally worldwide world international")
_NAME = regexes.compile(r"\b[A-Z][a-z]+\b")


def _same_size(a: float, b: float) -> bool:
    """Whether two figures are within a factor of ten of each other."""
    return a > 0 and b > 0 and max(a, b) <= 10 * min(a, b)
