"""Hover text: for the claim under the cursor, what the draft says (value, unit,
qualifier, interval), whom it credits and how that was found, the fact it matched with
its provenance or why no fact fits, and the findings on it, as Markdown."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from .. import wording
from ..model import Diagnostic, Fact, FactTable
from .documents import INVALID_TABLE, Result

_QUALIFIER = {"=": "as written", "~": "approximately", ">": "more than", ">=": "at least",
              "<": "less than", "<=": "at most"}  # fmt: skip
_HOW = {"footnote": "a footnote", "link": "a link", "citation": "a citation key",
        "cue": "an attribution in the sentence", "table": "the table's source column",
        "paragraph": "an earlier attribution in the paragraph",
        "previous": "an earlier attribution"}  # fmt: skip
_ESCAPE = re.compile(r"([\\`*_\[\]<>|#])")


def hover(result: Result, position: lsp.Position, encoding: str) -> lsp.Hover | None:
    """The hover for `position` in a draft's result: the claim there, if any; a note
    when the fact table is invalid."""
    if result.analysis is None:
        if result.blocked == INVALID_TABLE:
            return _hover("citelint: the fact table is invalid; fix it to check this draft.")
        return None
    offset = result.index.offset(position, encoding)
    ev = _evidence_at(result.analysis.evidence, offset)
    if ev is None:
        return None
    findings = [d for d in result.analysis.diagnostics if d.claim == ev.claim]
    text = describe(ev, result.table or FactTable(), findings)
    span = ev.claim.span
    start = span.start if ev.claim.qualifier_span is None else ev.claim.qualifier_span.start
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=result.index.range(start, span.end, encoding),
    )


def _evidence_at(evidence, offset: int):
    best = None
    for ev in evidence:
        span = ev.claim.span
        start = span.start if ev.claim.qualifier_span is None else ev.claim.qualifier_span.start
        if start <= offset < span.end:
            return ev
        if offset == span.end and best is None:
            best = ev
    return best


def _md(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _interval(claim) -> str:
    low, high = claim.low, claim.high
    if low is not None and high is not None:
        if low == high:
            return wording.number(low)
        return f"{wording.number(low)} – {wording.number(high)}"
    if low is not None:
        return f"≥ {wording.number(low)}"
    if high is not None:
        return f"≤ {wording.number(high)}"
    return "any value"


def describe(ev, table: FactTable, findings: list[Diagnostic]) -> str:
    """Markdown for a claim's hover: what the draft says, the fact it matched and its
    provenance, or why no fact fits."""
    claim = ev.claim
    qualifier = _QUALIFIER.get(claim.qualifier, claim.qualifier)
    lines = [
        f"**{_md(claim.text)}** — value {wording.number(claim.value)}, unit `{claim.unit}` "
        f"({_md(wording.unit_name(claim.unit))}), {qualifier}; interval {_interval(claim)}",
        "",
    ]
    attribution = ev.attribution
    credited = [table.source(s) for s in sorted(attribution.sources)]
    names = [s.label for s in credited if s is not None] + list(attribution.names)
    if names:
        how = _HOW.get(attribution.how, attribution.how)
        lines.append(f"Credited to: {_md('; '.join(names))} — found by {how}.")
    else:
        lines.append("No source is credited for this figure.")
    lines.append("")
    shown: set[str] = set()
    own = ev.credited(ev.fits)
    if own or (ev.fits and not attribution.sources):
        fact = (own or ev.fits)[0].fact
        lines.append("**Matched fact**")
        lines += _fact_lines(fact, table)
        shown.add(fact.id)
    elif ev.fits:
        fact = ev.fits[0].fact
        lines.append("**The value fits a fact of a source the text does not credit**")
        lines += _fact_lines(fact, table)
        shown.add(fact.id)
        figure = ev.credited(ev.metric)
        if figure:
            lines += ["", "**The credited source's figure for this metric**"]
            lines += _fact_lines(figure[0].fact, table)
            shown.add(figure[0].fact.id)
    else:
        reason, fact = _why_nothing_fits(ev, table)
        lines.append(f"**No fact fits this claim:** {reason}")
        if fact is not None:
            lines += ["", *_fact_lines(fact, table)]
            shown.add(fact.id)
    for d in findings:
        lines += ["", f"**{d.code}** {d.rule}: {_md(d.message)}"]
        if d.fix is not None:
            kind = {"safe": "safe fix", "unsafe": "unsafe fix", "display-only": "suggestion"}
            lines.append(f"_{kind.get(d.fix.applicability.value, 'fix')}:_ {_md(d.fix.message)}")
        fact = table.fact(d.fact) if d.fact else None
        if fact is not None and fact.id not in shown:
            lines += ["", "The figure this finding refers to:", *_fact_lines(fact, table)]
            shown.add(fact.id)
    return "\n".join(lines).strip() + "\n"


def _why_nothing_fits(ev, table: FactTable) -> tuple[str, Fact | None]:
    metric = ev.credited(ev.metric) or ev.metric
    if metric:
        fact = metric[0].fact
        return (
            f"the nearest fact for this metric is `{fact.id}`, {_md(wording.fact_value(fact))}.",
            fact,
        )
    if ev.other_unit:
        fact = ev.other_unit[0].fact
        unit, claimed = wording.unit_name(fact.unit), wording.unit_name(ev.claim.unit)
        return f"`{fact.id}` has this value in {_md(unit)}, not {_md(claimed)}.", fact
    if ev.elsewhere:
        fact = ev.elsewhere[0].fact
        return f"only a source the text does not credit has this value: `{fact.id}`.", fact
    return f"no fact for this metric (the table has {len(table.facts)} facts).", None


def _fact_lines(fact: Fact, table: FactTable) -> list[str]:
    lines = [f"- `{fact.id}`: **{_md(wording.fact_value(fact))}** — {_md(fact.metric)}"]
    if fact.subject:
        lines.append(f"- subject: {_md(fact.subject)}")
    source = table.source(fact.source)
    if source is not None:
        lines.append(f"- source: {_md(source.name)}")
        if source.publisher:
            lines.append(f"- publisher: {_md(source.publisher)}")
        if source.url:
            lines.append(f"- URL: <{source.url}>")
    else:
        lines.append(f"- source: `{fact.source}`")
    if fact.as_of:
        lines.append(f"- as of: {_md(fact.as_of)}")
    if fact.superseded_by:
        lines.append(f"- superseded by `{fact.superseded_by}`")
    if fact.primary_url:
        lines.append(f"- primary: <{fact.primary_url}>")
    if fact.quote:
        lines += ["", *(f"> {_md(q)}" for q in fact.quote.strip().splitlines())]
    return lines


def _hover(text: str) -> lsp.Hover:
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))
