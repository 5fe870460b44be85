"""Who the text credits for a claim (SPEC §2).

In order, first hit wins: a citation in the claim's sentence (footnote, link,
Pandoc key); an attribution cue in the sentence or table row ("according to
X", "X found", "X's report", a Source column); the nearest attribution earlier
in the same paragraph; and, for "the same report" and the like, the most
recent attribution in the document. A source named only as a place or
platform ("uploaded to Hugging Face") is not an attribution.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Attribution, Claim, Span
from .names import Mention, NameIndex
from .sentences import split_sentences

if TYPE_CHECKING:
    from .document import Block, Document

_REPORT_NOUNS = (
    r"report|reports|study|studies|analysis|analyses|survey|research|researchers|paper|data|"
    r"dataset|figures|figure|estimate|estimates|tally|count|numbers|statistics|stats|poll|"
    r"filings?|analysts?|officials?|economists?|team|authors?|blog|post|article|chart|tracker|"
    r"index|dashboard|review|release|statement|spokesperson|executives?|ceo|minister"
)
_SAY_VERBS = (
    r"said|says|say|found|finds|find|reported|reports|report|estimates|estimated|estimate|"
    r"shows|showed|show|shown|puts|put|notes|noted|note|counts|counted|calculates|calculated|"
    r"wrote|writes|claims|claimed|stated|states|revealed|reveals|concluded|concludes|"
    r"projects|projected|observed|observes|recorded|records|tallied|tallies|told|tells|"
    r"published|publishes|released|releases|announced|announces|disclosed|discloses|"
    r"confirmed|confirms|suggests|suggested|indicates|indicated|measured|measures|documented|"
    r"documents|highlighted|highlights|ranked|ranks|lists|listed|attributes|attributed|"
    r"credits|credited|points|pointed|according|noting|putting|showing|finding"
)
_CUE_BEFORE = re.compile(
    r"(?:\baccording\s+to\s+(?:[\w'’&/.-]+\s+){0,5}"
    r"|\bper\s+(?:the\s+|a\s+)?"
    r"|\bciting\s+(?:the\s+|a\s+)?"
    r"|\b(?:cited|reported|published|compiled|estimated|released|conducted|produced|"
    r"commissioned|written|authored|led|collected|tracked|measured|calculated|announced|"
    r"disclosed|issued|prepared|gathered|provided|analy[sz]ed)\s+by\s+(?:the\s+|a\s+)?"
    rf"|\b(?:{_REPORT_NOUNS})(?:\s+[\w'’-]+){{0,2}}\s+(?:by|from|of|at)\s+(?:the\s+|a\s+)?"
    r"|\btold\s+(?:the\s+)?"
    r"|\btitled\s+[\"“‘']?"
    r"|\bsources?:\s*"
    r"|(?:^|\s)(?:—|–|--|―)\s*"
    r"|\(\s*(?:see\s+)?"
    r")$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    rf"^(?:['’]s?)?\s*(?:(?:[\w-]+|[\"“”])\s+){{0,3}}?(?:{_REPORT_NOUNS}|{_SAY_VERBS})\b",
    re.IGNORECASE,
)
_PARENTHETICAL_YEAR = re.compile(r"^\s*,?\s*(?:19|20)\d\d\b")
_PLATFORM_BEFORE = re.compile(
    r"\b(?:on|onto|to|into|at|across|in|within|inside|throughout|via|from|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SOURCE_HEADER = re.compile(
    r"^\s*(?:sources?|cited|citations?|references?|refs?|according to|via|reported by)\s*$",
    re.IGNORECASE,
)
_PANDOC = re.compile(
    r"\[(?:[^\[\]]*?)@[\w][\w:.#$%&+?<>~/-]*[^\[\]]*\]|(?<![\w@])@[A-Za-z][\w:.-]*"
)
_PANDOC_KEY = re.compile(r"@([\w][\w:.#$%&+?<>~/-]*)")
_UNKNOWN_NAME = re.compile(
    r"\b(?i:according\s+to\s+(?:the\s+|a\s+|an\s+)?)(?P<name>(?:[A-Z][\w&.'’-]*\s*){1,5})"
)
_ANAPHORA = re.compile(
    r"\b(?:the\s+same|this|that|these|the)\s+(?:same\s+)?(?:new\s+|latest\s+)?"
    r"(?:report|study|analysis|survey|paper|data|research|figures|source|filings|tally)\b",
    re.IGNORECASE,
)


class Attributor:
    """Attributes the claims of one document."""

    def __init__(self, doc: Document, names: NameIndex):
        self.doc = doc
        self.names = names
        self._footnotes: dict[str, list[Block]] = defaultdict(list)
        self._rows: dict[int, list[Block]] = defaultdict(list)
        for block in doc.blocks:
            if block.footnote is not None:
                self._footnotes[block.footnote.lower()].append(block)
            if block.row is not None:
                self._rows[block.row].append(block)
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._explicit = lru_cache(maxsize=None)(self._explicit_uncached)

    def attribute(self, claim: Claim) -> Attribution:
        block = self.doc.blocks[claim.block]
        found = self._explicit(block.index, claim.sentence_range, claim.text_range)
        if found is not None:
            return found
        # Nearest attribution earlier in the same paragraph.
        for sentence in reversed(self._split(block)):
            if sentence[1] <= claim.sentence_range[0]:
                earlier = self._explicit(block.index, sentence, None)
                if earlier is not None and earlier.how != "table":
                    return _retag(earlier, "paragraph")
        sentence_text = block.text[claim.sentence_range[0] : claim.sentence_range[1]]
        if _ANAPHORA.search(sentence_text):
            earlier = self._previous(block.index)
            if earlier is not None:
                return _retag(earlier, "previous")
        return Attribution()

    def row_text(self, block: Block) -> str | None:
        """A table row's prose, without its Source column: the context of a cell's claim."""
        if block.row is None:
            return None
        cells = [b for b in self._rows[block.row] if not _is_source_cell(b)]
        return " ".join(b.text for b in cells)

    def _split(self, block: Block) -> list[tuple[int, int]]:
        if block.index not in self._sentences:
            self._sentences[block.index] = split_sentences(block.text)
        return self._sentences[block.index]

    def _previous(self, before: int) -> Attribution | None:
        """The most recent explicit attribution before block `before` (for "the same report")."""
        for index in range(before - 1, -1, -1):
            block = self.doc.blocks[index]
            if block.footnote is not None:
                continue
            for sentence in reversed(self._split(block)):
                found = self._explicit(index, sentence, None)
                if found is not None:
                    return found
        return None

    def _explicit_uncached(
        self, block_index: int, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        block = self.doc.blocks[block_index]
        return self._citation(block, sentence, claim_range) or self._cue(block, sentence)

    # -- 1. citations attached to the sentence ------------------------------------

    def _citation(
        self, block: Block, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        start, end = sentence
        links = [link for link in block.links if start <= link.start < end]
        if claim_range is not None:
            # A link around the number itself is the claim's citation.
            around = [k for k in links if k.start <= claim_range[0] and claim_range[1] <= k.end]
            links = around or links
        sources: set[str] = set()
        link_sources: set[str] = set()
        spans: list[Span] = []
        names: list[str] = []
        written: list[str] = []
        how = None
        for ref in block.footnote_refs:
            if start <= ref.at <= end:
                found, cited_names = self._footnote_sources(ref.key)
                sources |= found
                names += cited_names
                how = how or "footnote"
        for link in links:
            by_url = self.names.sources_for_url(link.url)
            link_text = block.text[link.start : link.end]
            in_text = self.names.mentions(link_text)
            by_text = _union(in_text)
            if by_url or by_text:
                written += _written(link_text, in_text)
                sources |= by_url | by_text
                link_sources |= by_url
                spans.append(self.doc.block_span(block, link.start, link.end))
                how = how or "link"
        for m in _PANDOC.finditer(block.text, start, end):
            for key in _PANDOC_KEY.findall(m.group()):
                key = key.rstrip(".,;:")
                source_id = self.names.source_for_key(key)
                if source_id:
                    sources.add(source_id)
                else:
                    names.append("@" + key)
                how = how or "citation"
        if how is None:
            return None
        return Attribution(
            frozenset(sources),
            how,
            tuple(names),
            frozenset(link_sources),
            tuple(spans),
            tuple(written),
        )

    def _footnote_sources(self, key: str) -> tuple[set[str], list[str]]:
        sources: set[str] = set()
        texts = []
        for block in self._footnotes.get(key.lower(), ()):
            sources |= _union(self.names.mentions(block.text))
            for link in block.links:
                sources |= self.names.sources_for_url(link.url)
            texts.append(block.text.strip())
        return sources, ([] if sources else [" ".join(texts) or f"[^{key}]"])

    # -- 2. cues in the sentence or table row --------------------------------------

    def _cue(self, block: Block, sentence: tuple[int, int]) -> Attribution | None:
        if block.row is not None:
            row = self._source_cells(block)
            if row is not None:
                return row
        text = block.text[sentence[0] : sentence[1]]
        cues = [m for m in self.names.mentions(text) if _is_cue(text, m)]
        if cues:
            written = tuple(dict.fromkeys(_written(text, cues)))
            return Attribution(_combine(text, cues), "cue", written=written)
        unknown = _UNKNOWN_NAME.search(text)
        if unknown:
            return Attribution(frozenset(), "cue", (unknown.group("name").strip(" .,;:'’"),))
        return None

    def _source_cells(self, block: Block) -> Attribution | None:
        sources: set[str] = set()
        names: list[str] = []
        found = False
        for cell in self._rows[block.row]:
            if not _is_source_cell(cell):
                continue
            found = True
            cell_sources = _union(self.names.mentions(cell.text))
            for link in cell.links:
                cell_sources |= self.names.sources_for_url(link.url)
            sources |= cell_sources
            if not cell_sources and cell.text.strip("\ufffc \t"):
                names.append(cell.text.strip("\ufffc \t"))
        if not found or not (sources or names):
            return None
        return Attribution(frozenset(sources), "table", tuple(names))


def _is_source_cell(block: Block) -> bool:
    return block.header is not None and bool(_SOURCE_HEADER.match(block.header))


def _is_cue(text: str, mention: Mention) -> bool:
    """Whether a name in a sentence credits its source rather than naming a place."""
    before = text[max(0, mention.start - 80) : mention.start]
    after = text[mention.end : mention.end + 60]
    if _CUE_BEFORE.search(before):
        if before.rstrip().endswith("(") and not _PARENTHETICAL_YEAR.match(after):
            return after.lstrip().startswith(")")
        return True
    if _PLATFORM_BEFORE.search(before):
        return False
    return mention.title or bool(_CUE_AFTER.match(after))


def _combine(text: str, mentions: list[Mention]) -> frozenset[str]:
    """Union over separate names, but adjacent names narrow each other:
    "Hugging Face's Spring 2026 report" is the report, not every HF source."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            gap = text[groups[-1][-1].end : m.start]
            if len(gap) <= 30 and not re.search(r"[,;:()]|\band\b", gap):
                groups[-1].append(m)
                continue
        groups.append([m])
    result: set[str] = set()
    for group in groups:
        common = frozenset.intersection(*(m.sources for m in group))
        result |= common or _union(group)
    return frozenset(result)


def _written(text: str, mentions: list[Mention]) -> list[str]:
    """Names as the draft writes them, possessives dropped."""
    return [re.sub(r"['’]s$", "", text[m.start : m.end]) for m in mentions]


def _union(mentions: list[Mention]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= m.sources
    return out


def _retag(attribution: Attribution, how: str) -> Attribution:
    return Attribution(
        attribution.sources, how, attribution.names, frozenset(), (), attribution.written
    )
