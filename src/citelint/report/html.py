"""`--format html`: one self-contained page that shows every draft as it will be
published, with every statistical claim highlighted by its verdict.

* The draft is rendered with mistune. Before rendering, each claim's source
  range is wrapped in two private-use code points (one per claim and edge);
  after rendering they become ``<mark>`` elements, split around any tag that
  falls inside the claim so the markup stays well nested.
* Raw HTML in a draft is shown escaped (comments are dropped), images become a
  text placeholder, and every string from a draft or a fact table goes through
  ``html.escape``: nothing in a draft can inject markup or load a resource.
* CSS and JavaScript are inlined from ``report/assets``; a Content-Security-Policy
  forbids any network access. The page works without JavaScript (highlights,
  the summary and the per-file claim tables are static HTML); with it, claims
  open a detail card on hover, click, Enter or Space, and a filter can hide
  everything but problems.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib.resources import files
from typing import TYPE_CHECKING, TextIO

import mistune
from mistune.renderers.html import HTMLRenderer

from .. import regexes, wording
from ..model import Claim, Diagnostic, Fact, Source
from . import FileResult

if TYPE_CHECKING:
    from ..matching import Evidence

__all__ = ["render", "render_page"]

# Verdict -> (icon, label). Icons and labels go with every colour (WCAG 1.4.1).
VERDICTS: dict[str, tuple[str, str]] = {
    "error": ("\u2716", "Error"),
    "warning": ("\u25b2", "Warning"),
    "info": ("\u2139", "Note"),
    "verified": ("\u2714", "Verified"),
    "unverified": ("\u25cb", "Not verified"),
}
PROBLEMS = ("error", "warning", "info")

_PLUGINS = ["table", "footnotes", "strikethrough", "url"]
# One private-use code point opens claim i, another closes it.
_OPEN = 0xF0000
_CLOSE = 0x100000
_MAX_MARKED = 0xFFFD
_MARKERS = regexes.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_TAG = regexes.compile(r"(<[^>]*>)")
_BLOCK_END = regexes.compile(r"</(?:p|li|h[1-6]|td|th|blockquote|section|ol|ul|table|pre|div)>")
_FOOTNOTE_ID = regexes.compile(r'(id="|href="#)(fn-|fnref-)')
_COMMENT = regexes.compile(r"\s*(?:<!--[\s\S]*?-->\s*)+")
_FRONT_MATTER = regexes.compile(r"\A(---|\+\+\+)[ \t]*\r?\n")

_HOW = {
    "footnote": "a footnote",
    "link": "a link",
    "citation": "a citation key",
    "cue": "an attribution in the sentence",
    "table": "the table's source column",
    "paragraph": "an earlier sentence in the paragraph",
    "previous": "an earlier attribution in the document",
}
_FIX_LABEL = {
    "safe": "Fix (safe: applied by --fix)",
    "unsafe": "Fix (unsafe: applied with --fix --unsafe-fixes)",
    "display-only": "Suggestion",
}
# How the card names the fact a finding points at.
_FACT_ROLE = {
    "CL102": "The source's figure",
    "CL103": "The figure this value belongs to",
    "CL104": "The same figure in its own unit",
    "CL201": "Matched fact: cite its source",
    "CL202": "Matched fact",
    "CL301": "Matched fact (superseded)",
    "CL401": "Fact for this metric",
}


@dataclass(slots=True)
class _Entry:
    """One claim of a file, with its findings and verdict."""

    key: str
    claim: Claim
    evidence: Evidence | None
    findings: list[Diagnostic] = field(default_factory=list)
    verdict: str = "unverified"

    @property
    def codes(self) -> list[str]:
        """The rule codes of the claim's findings, escaped for HTML."""
        return list(dict.fromkeys(escape(d.code) for d in self.findings))


@dataclass(slots=True)
class _File:
    index: int
    result: FileResult
    entries: list[_Entry]
    loose: list[Diagnostic]  # findings not tied to a claim


# -- entry point ------------------------------------------------------------------------


def render(results: list[FileResult], stream: TextIO, **options: object) -> None:
    """Write the report for `results` to `stream` as one HTML document."""
    stream.write(render_page(results, title=str(options.get("title") or "citelint report")))


def render_page(results: Iterable[FileResult], title: str = "citelint report") -> str:
    files_ = [_File(i, r, *_entries(r, f"f{i}")) for i, r in enumerate(results)]
    sources: dict[str, Source] = {}
    for f in files_:
        sources.update((s.id, s) for s in f.result.sources)
    counts = Counter(e.verdict for f in files_ for e in f.entries)
    problems = sum(counts[v] for v in PROBLEMS)
    claims = wording.counted(sum(counts.values()), "claim")
    head_title = f"{title}: {claims}, {wording.counted(problems, 'problem')}"
    body = [
        '<a class="skip" href="#main">Skip to the report</a>',
        '<header class="page-head">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{wording.counted(len(files_), "file")} checked by citelint '
        f"{_version()}</p>",
        "</header>",
        _toolbar(files_),
        '<main id="main">',
        _summary(files_, counts),
        *(_file_section(f, sources) for f in files_),
        "</main>",
        '<div id="claim-card" class="card" role="dialog" aria-modal="false" tabindex="-1" hidden>',
        '<button type="button" class="card-close" aria-label="Close details">\u00d7</button>',
        '<div class="card-body"></div>',
        "</div>",
    ]
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'\">\n",
            f'<meta name="generator" content="citelint {_version()}">\n',
            f"<title>{escape(head_title)}</title>\n",
            f"<style>\n{_asset('report.css')}</style>\n",
            "</head>\n<body>\n",
            "\n".join(body),
            f"\n<script>\n{_asset('report.js')}</script>\n",
            "</body>\n</html>\n",
        ]
    )


# -- claims and verdicts -----------------------------------------------------------------


def _entries(result: FileResult, prefix: str) -> tuple[list[_Entry], list[Diagnostic]]:
    by_span: dict[tuple[int, int], list[Diagnostic]] = defaultdict(list)
    loose: list[Diagnostic] = []
    for d in result.diagnostics:
        if d.claim is not None:
            by_span[(d.claim.span.start, d.claim.span.end)].append(d)
        else:
            loose.append(d)
    claims: dict[tuple[int, int], tuple[Claim, Evidence | None]] = {}
    for ev in result.evidence:
        claims[(ev.claim.span.start, ev.claim.span.end)] = (ev.claim, ev)
    for span, found in by_span.items():
        if span not in claims and found[0].claim is not None:
            claims[span] = (found[0].claim, None)  # a result without evidence
    entries = []
    for i, span in enumerate(sorted(claims)):
        claim, ev = claims[span]
        entry = _Entry(f"{prefix}-c{i}", claim, ev, by_span.get(span, []))
        entry.verdict = _verdict(entry)
        entries.append(entry)
    return entries, loose


def _verdict(entry: _Entry) -> str:
    severities = {d.severity.value for d in entry.findings}
    for verdict in PROBLEMS:
        if verdict in severities:
            return verdict
    ev = entry.evidence
    return "verified" if ev is not None and ev.credited(ev.fits) else "unverified"


# -- page parts ---------------------------------------------------------------------------


def _toolbar(files_: list[_File]) -> str:
    codes = sorted({c for f in files_ for e in f.entries for c in e.codes})
    options = "".join(f'<option value="{c}">{c}</option>' for c in codes)
    legend = "".join(
        f'<li><span class="swatch v-{v}" aria-hidden="true">{VERDICTS[v][0]}</span>'
        f"{VERDICTS[v][1]}</li>"
        for v in ("error", "warning", "verified", "unverified")
    )
    return (
        '<nav class="toolbar" aria-label="Filter and navigate claims">'
        '<label class="only"><input type="checkbox" id="only-problems"> Show only problems</label>'
        '<label class="rule">Rule <select id="rule-filter"><option value="">all</option>'
        f"{options}</select></label>"
        '<button type="button" id="prev-problem">\u25c0 Previous problem</button>'
        '<button type="button" id="next-problem">Next problem \u25b6</button>'
        '<span id="filter-status" class="status" role="status" aria-live="polite"></span>'
        f'<ul class="legend" aria-label="Legend">{legend}</ul>'
        "</nav>"
    )


def _summary(files_: list[_File], counts: Counter[str]) -> str:
    total = sum(counts.values())
    tiles = [
        f'<div class="tile"><span class="n">{total}</span> {_noun(total, "claim")} found</div>'
    ]
    for verdict, label in (
        ("verified", "verified"),
        ("error", "with errors"),
        ("warning", "with warnings"),
        ("info", "with notes"),
        ("unverified", "not verified"),
    ):
        if counts[verdict] or verdict in ("verified", "error", "warning"):
            icon = VERDICTS[verdict][0]
            tiles.append(
                f'<div class="tile v-{verdict}"><span class="n">{counts[verdict]}</span> '
                f'<span aria-hidden="true">{icon}</span> {label}</div>'
            )
    parts = [
        '<section class="summary" aria-labelledby="summary-h">',
        '<h2 id="summary-h">Summary</h2>',
        f'<div class="tiles">{"".join(tiles)}</div>',
        _bar(counts, "All claims"),
        '<div class="summary-tables">',
        _rule_table(files_),
        _file_table(files_),
        "</div></section>",
    ]
    return "".join(parts)


def _bar(counts: Counter[str], what: str) -> str:
    total = sum(counts.values())
    if not total:
        return ""
    order = ("error", "warning", "info", "unverified", "verified")
    label = ", ".join(_count(v, counts[v]) for v in order if counts[v])
    segments = "".join(
        f'<span class="seg v-{v}" style="width:{100 * counts[v] / total:.3f}%"'
        f' title="{_count(v, counts[v])}"></span>'
        for v in order
        if counts[v]
    )
    return f'<div class="bar" role="img" aria-label="{escape(what)}: {label}">{segments}</div>'


def _rule_table(files_: list[_File]) -> str:
    findings = [d for f in files_ for e in f.entries for d in e.findings] + [
        d for f in files_ for d in f.loose
    ]
    by_code = Counter(escape(d.code) for d in findings)
    info = {escape(d.code): d for d in findings}
    rows = "".join(
        f'<tr><td><button type="button" class="rule-pick" data-rule="{code}" '
        f'title="Show only {code}">{code}</button></td>'
        f"<td>{escape(info[code].rule)}</td>"
        f"<td>{_severity_badge(info[code].severity.value)}</td>"
        f'<td class="num">{by_code[code]}</td></tr>'
        for code in sorted(by_code)
    )
    if not rows:
        rows = '<tr><td colspan="4">No findings.</td></tr>'
    return (
        '<table class="by-rule"><caption>Findings per rule</caption>'
        '<thead><tr><th scope="col">Code</th><th scope="col">Rule</th>'
        '<th scope="col">Severity</th><th scope="col" class="num">Findings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _file_table(files_: list[_File]) -> str:
    rows = []
    for f in files_:
        c = Counter(e.verdict for e in f.entries)
        rows.append(
            f'<tr><th scope="row"><a href="#file-{f.index}">{escape(f.result.path)}</a></th>'
            f'<td class="num">{len(f.entries)}</td><td class="num">{c["verified"]}</td>'
            f'<td class="num">{c["error"]}</td><td class="num">{c["warning"] + c["info"]}</td>'
            f'<td class="num">{len(f.result.diagnostics)}</td></tr>'
        )
    return (
        '<table class="by-file"><caption>Per file</caption>'
        '<thead><tr><th scope="col">File</th><th scope="col" class="num">Claims</th>'
        '<th scope="col" class="num">Verified</th><th scope="col" class="num">Errors</th>'
        '<th scope="col" class="num">Warnings</th><th scope="col" class="num">Findings</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _file_section(f: _File, sources: dict[str, Source]) -> str:
    result = f.result
    counts = Counter(e.verdict for e in f.entries)
    badges = " ".join(
        f'<span class="badge v-{v}"><span aria-hidden="true">{VERDICTS[v][0]}</span> '
        f"{_count(v, counts[v])}</span>"
        for v in ("error", "warning", "info", "verified", "unverified")
        if counts[v]
    )
    note = ""
    if result.claims and not result.evidence:
        note = (
            '<p class="note">Only claims with findings are shown: this result carries '
            "no evidence for the other claims.</p>"
        )
    body, front = _render_draft(result.text, f.entries, f"f{f.index}")
    front_html = ""
    if front:
        front_html = (
            '<details class="front-matter"><summary>Front matter</summary>'
            f"<pre>{escape(front)}</pre></details>"
        )
    loose = ""
    if f.loose:
        items = "".join(
            f"<li>{_severity_badge(d.severity.value)} <code>{escape(d.code)}</code> "
            f"line {d.line}: {escape(d.message)}</li>"
            for d in f.loose
        )
        loose = f'<ul class="loose">{items}</ul>'
    templates = "".join(_card(e, result, sources) for e in f.entries)
    return (
        f'<section class="file" id="file-{f.index}" aria-labelledby="file-{f.index}-h">'
        f'<h2 id="file-{f.index}-h"><span class="path">{escape(result.path)}</span> '
        f'<span class="badges">{badges or "no claims"}</span></h2>'
        f"{note}{_minimap(f)}{front_html}{loose}"
        f'<article class="draft" aria-label="{escape(result.path)} as published">{body}</article>'
        f"{_claims_table(f, sources)}{templates}</section>"
    )


def _minimap(f: _File) -> str:
    if not f.entries:
        return ""
    text = f.result.text
    size = max(1, len(text))
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    ticks = []
    for e in f.entries:
        left = 100 * min(e.claim.span.start, size) / size
        codes = " ".join(e.codes)
        what = f"line {e.claim.span.line}: {e.claim.text} \u2014 {VERDICTS[e.verdict][1].lower()}"
        if codes:
            what += f" ({codes})"
        ticks.append(
            f'<a class="tick v-{e.verdict}" href="#{e.key}" data-open="{e.key}" '
            f'data-verdict="{e.verdict}" data-codes="{codes}" tabindex="-1" '
            f'style="left:{left:.3f}%" title="{escape(what)}"></a>'
        )
    problems = sum(e.verdict in PROBLEMS for e in f.entries)
    label = (
        f"Claims along {f.result.path}: {wording.counted(len(f.entries), 'claim')}, "
        f"{problems} with problems, "
        "from the first line to the last"
    )
    return (
        f'<div class="minimap" role="img" aria-label="{escape(label)}">'
        f'<span class="ends"><span>line 1</span><span>line {lines}</span></span>'
        f'<div class="track">{"".join(ticks)}</div></div>'
    )


def _claims_table(f: _File, sources: dict[str, Source]) -> str:
    if not f.entries:
        return ""
    rows = []
    for n, e in enumerate(f.entries, 1):
        findings = (
            "".join(
                f"<p><code>{escape(d.code)}</code> {escape(d.rule)}: {escape(d.message)}</p>"
                for d in e.findings
            )
            or f"<p>{_verdict_text(e)}</p>"
        )
        fixes = "".join(f"<p>{escape(d.fix.message)}</p>" for d in e.findings if d.fix is not None)
        facts = "".join(
            f"<p>{escape(role)}: <strong>{escape(wording.fact_value(fact))}</strong> "
            f"\u2014 {escape(_source_name(sources.get(fact.source), fact))}</p>"
            for role, fact in _facts_for(e)
        )
        icon, label = VERDICTS[e.verdict]
        rows.append(
            f'<tr data-claim="{e.key}" data-verdict="{e.verdict}" data-codes="{" ".join(e.codes)}">'
            f'<td class="num">{n}</td><td class="num">{e.claim.span.line}</td>'
            f'<td><a href="#{e.key}" data-open="{e.key}">{escape(e.claim.text)}</a></td>'
            f'<td><span class="badge v-{e.verdict}"><span aria-hidden="true">{icon}</span> '
            f"{label}</span></td><td>{findings}</td><td>{facts}</td><td>{fixes}</td></tr>"
        )
    return (
        '<table class="claims"><caption>Claims in this file</caption><thead><tr>'
        '<th scope="col" class="num">#</th><th scope="col" class="num">Line</th>'
        '<th scope="col">Claim</th><th scope="col">Verdict</th><th scope="col">Finding</th>'
        '<th scope="col">Facts</th><th scope="col">Fix</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# -- the detail card ------------------------------------------------------------------------


def _card(e: _Entry, result: FileResult, sources: dict[str, Source]) -> str:
    claim = e.claim
    icon, label = VERDICTS[e.verdict]
    read = " ".join(
        part for part in (wording.qualifier_words(claim.qualifier), _claim_value(claim)) if part
    )
    parts = [
        f'<template id="card-{e.key}">',
        '<header class="card-head">',
        f'<span class="badge v-{e.verdict}"><span aria-hidden="true">{icon}</span> {label}</span> ',
        f'<h3 class="card-title">\u201c{escape(claim.text)}\u201d</h3>',
        f'<p class="where">{escape(result.path)}:{claim.span.line}:{claim.span.column}'
        f" \u00b7 read as {escape(read)}</p>",
        "</header>",
    ]
    if e.findings:
        for d in e.findings:
            parts.append(
                f'<section class="finding v-{d.severity.value}">'
                f'<p class="rule">{_severity_badge(d.severity.value)} '
                f"<code>{escape(d.code)}</code> {escape(d.rule)}</p>"
                f'<p class="message">{escape(d.message)}</p>'
            )
            if d.fix is not None:
                parts.append(_fix(d, result.text))
            parts.append("</section>")
    else:
        parts.append(f'<p class="finding-none">{_verdict_text(e)}</p>')
    parts.append(_credit(e, sources))
    for role, fact in _facts_for(e):
        parts.append(_fact(role, fact, sources.get(fact.source)))
    if e.findings:
        codes = ", ".join(f"<code>citelint rule {c}</code>" for c in e.codes)
        parts.append(f'<p class="more">More about the rule: {codes}</p>')
    parts.append("</template>")
    return "".join(parts)


def _fix(d: Diagnostic, text: str) -> str:
    """The fix as a change of the draft's text when it is one edit, else its message."""
    fix = d.fix
    assert fix is not None
    label = _FIX_LABEL.get(fix.applicability.value, "Fix")
    what = escape(fix.message)
    if len(fix.edits) == 1:
        edit = fix.edits[0]
        old = text[edit.start : edit.end]
        if old != edit.replacement:
            what = (
                f'<span class="change"><del>{escape(old)}</del> \u2192 '
                f"<ins>{escape(edit.replacement)}</ins></span>"
            )
    return f'<p class="fix"><span class="fix-label">{label}:</span> {what}</p>'


def _credit(e: _Entry, sources: dict[str, Source]) -> str:
    ev = e.evidence
    if ev is None:
        return ""
    a = ev.attribution
    names = [escape(_source_label(sources.get(s), s)) for s in sorted(a.sources)]
    names += [f"{escape(n)} (not in the fact table)" for n in a.names]
    if not names:
        return '<p class="credit"><strong>Credited to:</strong> nothing (no citation)</p>'
    how = _HOW.get(a.how)
    written = ""
    if a.written:
        written = f" \u2014 the draft says \u201c{escape(' / '.join(a.written))}\u201d"
    via = f", via {how}" if how else ""
    return f'<p class="credit"><strong>Credited to:</strong> {"; ".join(names)}{via}{written}</p>'


def _facts_for(e: _Entry) -> list[tuple[str, Fact]]:
    """The facts a card shows, with what each is to the claim: the one each finding
    points at, the credited source's own figure, or the fact a verified claim fits."""
    ev = e.evidence
    known: dict[str, Fact] = {}
    if ev is not None:
        for scored in (*ev.fits, *ev.metric, *ev.elsewhere, *ev.other_unit):
            known.setdefault(scored.fact.id, scored.fact)
    out: dict[str, tuple[str, Fact]] = {}
    for d in e.findings:
        if d.fact and d.fact in known and d.fact not in out:
            out[d.fact] = (_FACT_ROLE.get(d.code, "Matched fact"), known[d.fact])
    if ev is not None:
        credited = ev.credited(ev.fits)
        if not e.findings and (credited or ev.fits):
            fact = (credited or ev.fits)[0].fact
            role = "Verified against" if credited else "Fits"
            out.setdefault(fact.id, (role, fact))
        own = ev.credited(ev.metric)
        if e.findings and own:
            role = "The credited source's figure for this metric"
            out.setdefault(own[0].fact.id, (role, own[0].fact))
    return list(out.values())[:3]


def _fact(role: str, fact: Fact, source: Source | None) -> str:
    rows = [("Metric", escape(fact.metric))]
    if fact.subject:
        rows.append(("Subject", escape(fact.subject)))
    rows.append(("Source", escape(_source_name(source, fact))))
    if source is not None and source.publisher:
        rows.append(("Publisher", escape(source.publisher)))
    url = source.url if source is not None else None
    if url:
        rows.append(("URL", _link(url)))
    if fact.primary_url and fact.primary_url != url:
        rows.append(("Primary", _link(fact.primary_url)))
    if fact.as_of:
        rows.append(("As of", escape(fact.as_of)))
    elif source is not None and source.published:
        rows.append(("Published", escape(source.published)))
    if fact.superseded_by:
        rows.append(("Superseded by", f"<code>{escape(fact.superseded_by)}</code>"))
    if fact.status:
        rows.append(("Status", escape(fact.status)))
    rows.append(("Fact", f"<code>{escape(fact.id)}</code>"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    quote = f'<blockquote class="quote">{escape(fact.quote)}</blockquote>' if fact.quote else ""
    return (
        f'<section class="fact"><h4>{escape(role)}</h4>'
        f'<p class="fact-value">{escape(wording.fact_value(fact))}</p>'
        f"<dl>{dl}</dl>{quote}</section>"
    )


def _verdict_text(e: _Entry) -> str:
    ev = e.evidence
    if e.verdict == "verified":
        return "Verified: the figure fits a fact of the source the text credits."
    if ev is None:
        return "No finding."
    if ev.fits:
        return (
            "No finding, but not verified: the figure fits a fact whose source the text does "
            "not credit (the rule is disabled or suppressed here)."
        )
    return (
        "No finding, but not verified: no fact in the table fits this figure "
        "(the rule is disabled or suppressed here)."
    )


# -- rendering the draft ------------------------------------------------------------------------


class _Renderer(HTMLRenderer):
    """mistune's HTML renderer with raw HTML escaped, comments dropped and images
    shown as text, so that a report never loads anything."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def inline_html(self, html: str) -> str:
        if _COMMENT.fullmatch(html):
            return ""
        return f'<code class="raw-html">{escape(html)}</code>'

    def block_html(self, html: str) -> str:
        if _COMMENT.fullmatch(html):
            return ""
        return f'<pre class="raw-html"><code>{escape(html.strip())}</code></pre>\n'

    def image(self, text: str, url: str, title: str | None = None) -> str:
        alt = re.sub(r"<[^>]*>", "", text)
        return (
            f'<span class="image" title="{escape(url)}">'
            f'<span aria-hidden="true">\U0001f5bc </span>image: {alt or escape(url)}</span>'
        )

    def link(self, text: str, url: str, title: str | None = None) -> str:
        attrs = {"href": self.sanitize_url(url), "title": title, "rel": "noreferrer"}
        return "<a" + self.render_attrs(attrs) + ">" + text + "</a>"


@cache
def _markdown() -> mistune.Markdown:
    return mistune.create_markdown(renderer=_Renderer(), plugins=list(_PLUGINS))


def _render_draft(text: str, entries: list[_Entry], prefix: str) -> tuple[str, str]:
    """The draft as HTML with claims marked, and its front matter (not rendered)."""
    text = _MARKERS.sub("\ufffd", text)  # one code point for one: offsets stay valid
    pieces: list[str] = []
    last = 0
    for i, e in enumerate(entries[:_MAX_MARKED]):
        start, end = e.claim.span.start, e.claim.span.end
        if start < last or end <= start or end > len(text):
            continue  # overlapping or out of range: listed in the table, not marked
        pieces += [text[last:start], chr(_OPEN + i), text[start:end], chr(_CLOSE + i)]
        last = end
    pieces.append(text[last:])
    marked = "".join(pieces)
    cut = _front_matter_end(text)
    front, prose = marked[:cut], marked[cut:]
    try:
        rendered = _markdown()(prose)
    except Exception:  # a renderer bug must not lose the report: show the source
        rendered = f'<pre class="source">{escape(prose)}</pre>'
    assert isinstance(rendered, str)
    # Footnote ids are per draft; several drafts share one page.
    html = _FOOTNOTE_ID.sub(rf"\g<1>{prefix}-\g<2>", rendered)
    return _place_marks(html, entries), _MARKERS.sub("", front)


def _front_matter_end(text: str) -> int:
    """Where YAML (`---`) or TOML (`+++`) front matter ends; 0 when there is none."""
    opening = _FRONT_MATTER.match(text)
    if not opening:
        return 0
    fence = r"(?:---|\.\.\.)" if opening.group(1) == "---" else r"\+\+\+"
    found = regexes.compile(rf"^{fence}[ \t]*(?:\r?\n|\Z)", re.M).search(text, opening.end())
    return found.end() if found else 0


def _place_marks(html: str, entries: list[_Entry]) -> str:
    """Turn the marker code points into `<mark>` elements, closing and reopening a
    claim's mark around every tag inside it so the markup stays well nested."""
    out: list[str] = []
    claim: int | None = None  # the claim being marked
    is_open = False  # whether a <mark> is open in `out`
    started: set[int] = set()

    def text(segment: str) -> None:
        nonlocal is_open
        if not segment:
            return
        if claim is not None and not is_open:
            out.append(_mark_tag(entries[claim], first=claim not in started))
            started.add(claim)
            is_open = True
        out.append(segment)

    for token in _TAG.split(html):
        if not token:
            continue
        if token.startswith("<"):
            if is_open:
                out.append("</mark>")
                is_open = False
            if claim is not None and _BLOCK_END.match(token):
                claim = None
            out.append(_MARKERS.sub("", token))
            continue
        pos = 0
        for m in _MARKERS.finditer(token):
            text(token[pos : m.start()])
            pos = m.end()
            code = ord(m.group())
            if is_open:
                out.append("</mark>")
                is_open = False
            if code >= _CLOSE:
                if claim == code - _CLOSE:
                    claim = None
            else:
                claim = code - _OPEN
        text(token[pos:])
    if is_open:
        out.append("</mark>")
    return "".join(out)


def _mark_tag(e: _Entry, first: bool) -> str:
    codes = " ".join(e.codes)
    common = f'class="claim v-{e.verdict}{"" if first else " claim-part"}" data-claim="{e.key}" '
    common += f'data-verdict="{e.verdict}" data-codes="{codes}"'
    if not first:
        return f"<mark {common}>"
    label = f"{e.claim.text}: {VERDICTS[e.verdict][1].lower()}"
    if e.findings:
        label += ", " + ", ".join(f"{d.code} {d.rule}" for d in e.findings)
    return (
        f'<mark {common} id="{e.key}" tabindex="0" role="button" aria-haspopup="dialog" '
        f'aria-expanded="false" aria-controls="claim-card" aria-label="{escape(label)}">'
    )


# -- small helpers ------------------------------------------------------------------------


def _claim_value(claim: Claim) -> str:
    try:
        return wording.value(claim.value, claim.unit)
    except (TypeError, ValueError):
        return f"{claim.value} {claim.unit}"


def _source_name(source: Source | None, fact: Fact) -> str:
    return source.name if source is not None else fact.source


def _source_label(source: Source | None, source_id: str) -> str:
    return wording.source_ref(source, source_id)


def _severity_badge(severity: str) -> str:
    icon, label = VERDICTS.get(severity, ("", severity))
    return f'<span class="sev v-{severity}"><span aria-hidden="true">{icon}</span> {label}</span>'


def _link(url: str) -> str:
    if re.match(r"https?://", url, re.I):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def _count(verdict: str, n: int) -> str:
    """ "2 errors", "1 warning", "3 verified", "1 not verified"."""
    word = VERDICTS[verdict][1].lower()
    return f"{n} {word}{'s' if n != 1 and verdict in PROBLEMS else ''}"


def _noun(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


@cache
def _asset(name: str) -> str:
    return (files(__package__) / "assets" / name).read_text(encoding="utf-8")


@cache
def _version() -> str:
    from .. import __version__

    return escape(__version__)
