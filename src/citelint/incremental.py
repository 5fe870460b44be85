"""Re-analysis of an edited draft that redoes only the parts that changed.

The language server calls `Reanalyser.analyse` for every version of a document;
its result equals `engine.analyse` of the whole text (tests/test_incremental.py).

* The text is cut into parts at blank lines where Markdown starts afresh: the
  next line is at column 0 and cannot continue a list, quote or table. A cut
  is kept only if mistune's block parse of the part before it ends with those
  blank lines (nothing left open: no fence, HTML block, list or definition
  runs on); otherwise the two parts are parsed as one. At such a cut the
  whole document's parse is in the same state as at the start of a text.
* Each part is parsed and its claims extracted alone, cached by its text and
  the document-wide definitions fed into it (link references, footnote keys).
* Evidence and claim findings are cached per part, with what they read
  outside it: the text of the block before the part, the footnotes its blocks
  cite, and, when a sentence said "the same report", the attribution carried
  into the part. Moved parts are shifted, not redone.
* The document rules (CL401), suppressions and the final sort run on the whole
  document every time. Anything unexpected falls back to `engine.analyse`.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from . import document, engine
from .attribution import Attributor
from .checks.base import Finding, Rule
from .claims import extract
from .config import Config
from .matching import Evidence, FactIndex
from .model import Attribution, Claim, Edit, FactTable, Fix, Span
from .suppressions import Suppressions

logger = logging.getLogger("citelint.incremental")

__all__ = ["Reanalyser"]

# A blank line, then a line at column 0 (the lookahead is where a part may start).
_CUT = re.compile(r"(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)(?=[^ \t\r\n\v\f])")
# Lines that may continue a list, quote or table after a blank line.
_CONTINUES = re.compile(r"[-+*>|]|\d{1,9}[.)](?:[ \t\r\n]|$)")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# Consecutive parts that do not end between blocks before the rest is one part
# (an unclosed fence would otherwise be outlined once per following cut).
_MAX_OPEN = 8

Findings = tuple[tuple[Rule, Finding], ...]


@dataclass(frozen=True, slots=True)
class _Parsed:
    """One part parsed alone: positions relative to the part, block 0 its first."""

    document: document.Document
    claims: tuple[Claim, ...]
    rows: int
    cited: tuple[str, ...]  # footnote keys its blocks cite, lower case, sorted


@dataclass(frozen=True, slots=True)
class _Place:
    offset: int
    line: int  # 0-based
    block: int
    row: int


@dataclass(frozen=True, slots=True)
class _Judged:
    """A part's evidence and claim findings at `place`, and what they read outside it."""

    part: _Parsed
    place: _Place
    context: tuple  # see _context
    carried: Attribution | None | bool  # False: nothing carried over into the part
    evidence: tuple[Evidence, ...]
    findings: tuple[Findings, ...]


class Reanalyser:
    """Analyses successive versions of one document, reusing unchanged parts."""

    def __init__(self) -> None:
        self._setup: tuple[FactTable, Config] | None = None
        self._outlines: dict[tuple[str, bool], document.Outline] = {}
        self._parsed: dict[tuple, _Parsed] = {}
        self._judged: dict[tuple[int, int], _Judged] = {}

    @property
    def parts(self) -> int:
        """How many parts the last version was cut into (1: analysed whole)."""
        return len(self._judged)

    def analyse(
        self, text: str, facts: FactTable, config: Config, path: str = "<string>"
    ) -> engine.Analysis:
        """Exactly `engine.analyse(text, facts, config, path)`."""
        try:
            return self._analyse(text, facts, config, path)
        except Exception:  # noqa: BLE001 - the whole-document lint is the reference
            logger.exception("incremental analysis failed; analysing the whole document")
            self.__init__()
            return engine.analyse(text, facts, config, path)

    def _analyse(self, text: str, facts: FactTable, config: Config, path: str) -> engine.Analysis:
        if self._setup is None or self._setup[0] is not facts or self._setup[1] != config:
            self.__init__()
            self._setup = (facts, config)
        fact_index, name_index = engine.indexes(facts)
        pieces = self._place(text, fact_index, config)
        doc = _assemble(text, pieces)
        attributor = Attributor(doc, name_index)
        notes = _footnote_contents(doc)
        evidence: list[Evidence] = []
        findings: list[Findings] = []
        judged: dict[tuple[int, int], _Judged] = {}
        occurrences: dict[int, int] = {}
        for part, place in pieces:
            # The same part may occur twice; its n-th occurrence keeps its record.
            n = occurrences[id(part)] = occurrences.get(id(part), -1) + 1
            done = self._judged.get((id(part), n))
            context = _context(doc, part, place, notes)
            if (
                done is None
                or done.part is not part
                or done.context != context
                or (
                    done.carried is not False
                    and _relative(attributor.carried(place.block), place) != done.carried
                )
            ):
                done = _judge(doc, part, place, context, attributor, fact_index, facts, config)
            elif done.place != place:
                done = _moved(done, place)
            judged[id(part), n] = done
            evidence.extend(done.evidence)
            findings.extend(done.findings)
        self._judged = judged
        suppressions = Suppressions.from_document(doc)
        diagnostics = engine.judge(evidence, findings, facts, config, path, suppressions)
        return engine.Analysis(path, doc, tuple(evidence), tuple(diagnostics))

    # -- parts ---------------------------------------------------------------------------

    def _place(
        self, text: str, fact_index: FactIndex, config: Config
    ) -> list[tuple[_Parsed, _Place]]:
        """Every part parsed (or taken from the cache) and where it goes."""
        parts = self._parts(text)
        links: dict[str, tuple] = {}
        for _, _, outline in parts:
            for key, value in outline.links:
                links.setdefault(key, value)
        link_defs = tuple(links.items())
        every_key = frozenset(key for _, _, outline in parts for key in outline.footnotes)
        line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        parsed: dict[tuple, _Parsed] = {}
        pieces: list[tuple[_Parsed, _Place]] = []
        seen: set[str] = set()
        block = row = 0
        for offset, piece, outline in parts:
            # A footnote is parsed by the part holding its first definition.
            foreign = every_key - (frozenset(outline.footnotes) - seen)
            seen.update(outline.footnotes)
            key = (piece, offset == 0, link_defs, foreign)
            part = parsed.get(key) or self._parsed.get(key)
            if part is None:
                doc = document.parse_part(piece, offset == 0, link_defs, foreign)
                claims = tuple(extract(doc, fact_index, config.tolerances))
                part = _Parsed(doc, claims, _rows(doc), _cited(doc))
            parsed[key] = part
            pieces.append((part, _Place(offset, bisect_right(line_starts, offset) - 1, block, row)))
            block += len(part.document.blocks)
            row += part.rows
        self._parsed = parsed
        return pieces

    def _parts(self, text: str) -> list[tuple[int, str, document.Outline]]:
        """``(offset, text, outline)`` of each part, cut only where nothing is open."""
        front = document.front_matter_end(text)
        cuts = [m.end() for m in _CUT.finditer(text, max(front - 1, 0))]
        cuts = [at for at in cuts if at >= front and not _CONTINUES.match(text, at)]
        outlines: dict[tuple[str, bool], document.Outline] = {}
        parts: list[tuple[int, str, document.Outline]] = []
        start, still_open = 0, 0
        for end in [*cuts, len(text)]:
            if end == len(text) or still_open >= _MAX_OPEN:
                end = len(text)
            piece = text[start:end]
            key = (piece, start == 0)
            outline = outlines.get(key) or self._outlines.get(key)
            if outline is None:
                outline = document.outline(piece, start == 0)
            outlines[key] = outline
            if outline.closed or end == len(text):
                parts.append((start, piece, outline))
                start, still_open = end, 0
                if end == len(text):
                    break
            else:
                still_open += 1
        self._outlines = outlines
        return parts


def _judge(
    doc: document.Document,
    part: _Parsed,
    place: _Place,
    context: tuple,
    attributor: Attributor,
    fact_index: FactIndex,
    facts: FactTable,
    config: Config,
) -> _Judged:
    claims = [_claim_moved(c, place.offset, place.line, place.block) for c in part.claims]
    lookups = attributor.carried_lookups
    evidence = engine.gather_evidence(doc, claims, attributor, fact_index, config)
    carries = attributor.carried_lookups > lookups
    carried = carries and _relative(attributor.carried(place.block), place)
    findings = tuple(engine.claim_findings(ev, facts) for ev in evidence)
    return _Judged(part, place, context, carried, tuple(evidence), findings)


def _context(
    doc: document.Document, part: _Parsed, place: _Place, notes: dict[str, tuple]
) -> tuple:
    """What a part's evidence reads outside the part, besides carried attributions:
    the block before it (claims' preceding text) and the footnotes it cites."""
    before = doc.blocks[place.block - 1].text if place.block else None
    return before, tuple(notes.get(key) for key in part.cited)


def _footnote_contents(doc: document.Document) -> dict[str, tuple]:
    notes: dict[str, list] = {}
    for block in doc.blocks:
        if block.footnote is not None:
            notes.setdefault(block.footnote.lower(), []).append((block.text, block.links))
    return {key: tuple(blocks) for key, blocks in notes.items()}


def _rows(doc: document.Document) -> int:
    return max((b.row for b in doc.blocks if b.row is not None), default=0)


def _cited(doc: document.Document) -> tuple[str, ...]:
    return tuple(sorted({ref.key.lower() for b in doc.blocks for ref in b.footnote_refs}))


def _assemble(text: str, pieces: list[tuple[_Parsed, _Place]]) -> document.Document:
    blocks: list[document.Block] = []
    prose: set[int] = set()
    comments: list[tuple[int, str]] = []
    for part, place in pieces:
        doc = part.document
        if place.offset or place.block or place.row:
            blocks.extend(b.moved(place.offset, place.block, place.row) for b in doc.blocks)
        else:
            blocks.extend(doc.blocks)
        prose.update(line + place.line for line in doc.prose_lines)
        comments.extend((line + place.line, comment) for line, comment in doc.comments)
    front = pieces[0][0].document.front_matter_end if pieces else 0
    return document.assemble(text, front, tuple(blocks), frozenset(prose), tuple(comments))


# -- moving a part's results -----------------------------------------------------------


def _moved(done: _Judged, place: _Place) -> _Judged:
    offset = place.offset - done.place.offset
    line = place.line - done.place.line
    block = place.block - done.place.block
    evidence = tuple(
        Evidence(
            _claim_moved(ev.claim, offset, line, block),
            _attribution_moved(ev.attribution, offset, line),
            ev.fits,
            ev.related,
            ev.elsewhere,
            ev.other_unit,
        )
        for ev in done.evidence
    )
    findings = tuple(
        tuple((rule, _finding_moved(finding, offset)) for rule, finding in found)
        for found in done.findings
    )
    return _Judged(done.part, place, done.context, done.carried, evidence, findings)


# Constructors, not dataclasses.replace: a moved part may hold hundreds of claims.


def _span_moved(span: Span, offset: int, line: int) -> Span:
    return Span(
        span.start + offset,
        span.end + offset,
        span.line + line,
        span.column,
        span.end_line + line,
        span.end_column,
    )


def _claim_moved(claim: Claim, offset: int, line: int, block: int) -> Claim:
    if not (offset or line or block):
        return claim
    qualifier = claim.qualifier_span
    return Claim(
        claim.text,
        claim.value,
        claim.unit,
        claim.qualifier,
        claim.low,
        claim.high,
        _span_moved(claim.span, offset, line),
        claim.sentence,
        claim.context,
        claim.block + block,
        qualifier and _span_moved(qualifier, offset, line),
        claim.text_range,
        claim.sentence_range,
        claim.tolerance,
        claim.qualifier_words,
    )


def _attribution_moved(attribution: Attribution, offset: int, line: int) -> Attribution:
    if not attribution.link_spans:
        return attribution
    spans = tuple(_span_moved(s, offset, line) for s in attribution.link_spans)
    return replace(attribution, link_spans=spans)


def _finding_moved(finding: Finding, offset: int) -> Finding:
    fix = finding.fix
    if fix is None or not offset:
        return finding
    edits = tuple(Edit(e.start + offset, e.end + offset, e.replacement) for e in fix.edits)
    moved = Fix(fix.message, edits, fix.applicability)
    return Finding(finding.message, finding.fact, finding.source, moved)


def _relative(attribution: Attribution | None, place: _Place) -> Attribution | None:
    """An attribution with its link positions taken relative to the part's start."""
    if attribution is None:
        return None
    return _attribution_moved(attribution, -place.offset, -place.line)
