"""Citations: what a sentence's footnotes, links and Pandoc keys credit (SPEC §2, step
1), and what a reference credits: a footnote's text, a table row's Source cells, a
source line ("Source: Similarweb, January 2026") closing a paragraph or right under a
table, list or paragraph."""

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, NamedTuple, TypeVar

from .. import pandoc, regexes
from ..document import Block, Document, Link
from ..model import Attribution, Span
from ..names import NameIndex
from ..sentences import clause_around
from .layout import CAPTION, _is_source_cell
from .notes import Notes
from .parts import _combine, _reference, _union, _written

T = TypeVar("T")

_EMPTY_PARENTHESES = regexes.compile(r"\s*\(\s*\)")
_RUN_ON = regexes.compile(r"\)\s+(?=[A-Z])")
# A Source cell that names nothing: empty, a dash, "n/a", "none", "TBD", "?".
_PLACEHOLDER = regexes.compile(
    r"[\W_]*(?:n/?a|none|nil|null|unknown|unsourced|tb[cd]|todo|missing|pending)?[\W_]*",
    re.IGNORECASE,
)
_YEAR_GLUED = regexes.compile(r"(?<=[A-Za-z])(?=(?:19|20)\d\d\b)")


class Citations:
    """Reads the citations and references of one document, each sentence's once."""

    def __init__(self, doc: Document, names: NameIndex, rows: dict[int, list[Block]]):
        self.doc = doc
        self.names = names
        self._rows = rows  # a table row's cells, by row
        self._footnotes: dict[str, list[Block]] = defaultdict(list)
        for block in doc.blocks:
            if block.footnote is not None:
                self._footnotes[block.footnote.lower()].append(block)
        self._sentence_citations: dict[tuple[int, tuple[int, int]], _SentenceCitations] = {}
        self._positions: dict[int, tuple[_Positions, _Positions]] = {}
        self._notes = Notes(doc)

    def citation(
        self, block: Block, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        """What the citations attached to `sentence` credit: those of a link around the
        claim's number when there is one, or else all of them."""
        key = (block.index, sentence)
        part = self._sentence_citations.get(key)
        if part is None:
            part = self._sentence_citations[key] = self._read_citations(block, sentence)
        if claim_range is not None and part.links:
            # A link around the number itself is the claim's citation.
            around = part.around(claim_range)
            if around:
                return part.compose(around)
        if claim_range is not None and len({frozenset(n[1]) for n in part.notes}) > 1:
            # Footnotes crediting different sources, each after its own figure ("17.1%
            # of downloads[^mit], and ChatGPT 68% of the market[^sw]"): the claim's
            # clause's own footnotes are its citation.
            own = part.clause_notes(block.text, sentence, claim_range)
            if own is not None:
                return own
        return part.whole

    def _read_citations(self, block: Block, sentence: tuple[int, int]) -> "_SentenceCitations":
        """The footnote references, links and citation keys of one sentence, read once."""
        start, end = sentence
        part = _SentenceCitations()
        refs, links = self._block_positions(block)
        # (a note's reference after the last full stop and a space is the last sentence's:
        # "… behind China. [^spring]")
        last = end if block.text[end:].strip() else len(block.text)
        for ref in refs.between(start, last):
            found, by_url, cited_names = self._footnote_sources(ref.key)
            part.sources |= found
            part.footnote_urls |= by_url
            part.names += cited_names
            part.footnote = True
            part.notes.append((ref.at, found, by_url, cited_names))
        for number in self._notes.markers(block, start, end):
            # A note marker ("41%¹") credits as a footnote reference does, when its note
            # names a source: a note that names none is a remark ("¹ Cumulative").
            found, by_url = self._note_sources(number)
            if found:
                part.sources |= found
                part.footnote_urls |= by_url
                part.footnote = True
        for link in links.between(start, end - 1):
            by_url = self.names.sources_for_url(link.url)
            link_text = block.text[link.start : link.end]
            in_text = self.names.mentions(link_text)
            by_text = _combine(link_text, in_text)  # ("Hugging Face's spring report")
            if by_url or by_text:
                span = self.doc.block_span(block, link.start, link.end)
                written = tuple(_written(link_text, in_text))
                part.links.append(_CitedLink(link, by_url | by_text, by_url, span, written))
            else:
                part.links.append(_CitedLink(link))
        for m in pandoc.CITATION.finditer(block.text, start, end):
            for key in pandoc.KEY.findall(m.group()):
                key = key.rstrip(".,;:")
                source_id = self.names.source_for_key(key)
                # A key no source lists may still be a source's name: "[@similarweb]",
                # "[@similarweb2026]" (a name and a year, as BibTeX keys go), or a
                # handle, "h/t @Similarweb".
                named = (
                    {source_id}
                    if source_id
                    else _union(self.names.mentions(_YEAR_GLUED.sub(" ", key)))
                )
                if named:
                    part.key_sources |= named
                    part.keys = True
                # A key that names no source is a broken reference, not a credit: the
                # figure is still to be cited (CL201 names the source).
        part.whole = part.compose(part.links)
        part.index_links()
        return part

    def _block_positions(self, block: Block) -> "tuple[_Positions, _Positions]":
        found = self._positions.get(block.index)
        if found is None:
            found = self._positions[block.index] = (
                _Positions(block.footnote_refs, [r.at for r in block.footnote_refs]),
                _Positions(block.links, [k.start for k in block.links]),
            )
        return found

    def _footnote_sources(self, key: str) -> tuple[set[str], set[str], list[str]]:
        """What footnote `key` credits: every source, those its links' URLs belong to,
        and its text when it names no known source."""
        sources: set[str] = set()
        by_url: set[str] = set()
        texts = []
        for block in self._footnotes.get(key.lower(), ()):
            sources |= _reference(block.text, self.names.mentions(block.text))
            for link in block.links:
                by_url |= self.names.sources_for_url(link.url)
            texts.append(block.text.strip())
        sources |= by_url
        return sources, by_url, ([] if sources else [" ".join(texts) or f"[^{key}]"])

    def _note_sources(self, number: str) -> tuple[set[str], set[str]]:
        """What numbered note `number` credits: every source it names or links to, and
        those its links' URLs belong to."""
        sources: set[str] = set()
        by_url: set[str] = set()
        for block, start, end in self._notes.notes(number):
            text = block.text[start:end]
            sources |= _reference(text, self.names.mentions(text))
            for link in block.links:
                if start <= link.start < end:
                    by_url |= self.names.sources_for_url(link.url)
        return sources | by_url, by_url

    def row(self, block: Block) -> Attribution | None:
        """What the Source cells of table cell `block`'s row credit: the names they hold,
        and their citations (links, footnote references and keys) as a sentence's are
        read."""
        return self._credited_by([cell for cell in self._rows[block.row] if _is_source_cell(cell)])

    def _credited_by(self, cells: list[Block]) -> Attribution | None:
        """What source cells credit."""
        sources: set[str] = set()
        names: list[str] = []
        link_sources: set[str] = set()
        spans: list[Span] = []
        for cell in cells:
            cell_sources = set(_reference(cell.text, self.names.mentions(cell.text)))
            cited = self.citation(cell, (0, len(cell.text)), None)
            if cited is not None:
                cell_sources |= cited.sources
                link_sources |= cited.link_sources
                spans += cited.link_spans
            sources |= cell_sources
            if cell_sources:
                continue
            if cited is not None and cited.names:
                names += cited.names  # a footnote that names no known source
            elif not _PLACEHOLDER.fullmatch(cell.text.strip("\ufffc \t")):
                names.append(cell.text.strip("\ufffc \t"))
        if not (sources or names):
            return None
        return Attribution(
            frozenset(sources), "table", tuple(names), frozenset(link_sources), tuple(spans)
        )

    def source_line(self, block: Block) -> Attribution | None:
        """What `block`'s last sentence credits when it is a "Source: …" line."""
        if not block.sentences:
            return None
        return self.line(block, block.sentences[-1][0], "paragraph", closing=True)

    def line(self, block: Block, start: int, how: str, closing: bool = False) -> Attribution | None:
        """What the "Source: …" line at `start` in `block`'s text credits, to the end of
        its sentence: the sources it names or cites; or else the name it gives, when it
        opens "Source" ("Source: Gartner"). Under a table, list or paragraph (not
        `closing` one), a line that runs on into prose is a dateline opening what comes
        next ("📌 Source: GogoAI News (www.gogoai.xin) Hespress's …"), not a caption."""
        line = CAPTION.match(block.text, start)
        if line is None:
            return None
        end = next((e for s, e in block.sentences if s <= start < e), len(block.text))
        # "Source: GogoAI News (www.gogoai.xin) Within days, …": prose after the source
        # that no full stop set apart is not part of it.
        run_on = _RUN_ON.search(block.text, line.end(), end)
        if run_on is not None:
            if not closing:
                return None
            end = run_on.start() + 1
        text = block.text[start:end]
        sources = set(_reference(text, self.names.mentions(text)))
        cited = self.citation(block, (start, end), None)
        if cited is not None:
            sources |= cited.sources
        if sources:
            return Attribution(
                frozenset(sources),
                how,
                link_sources=cited.link_sources if cited else frozenset(),
                link_spans=cited.link_spans if cited else (),
            )
        if line["data"]:
            return None  # "Data: …" may be prose; only a known source makes it a credit
        # A link's text stands in the block as U+FFFC: "GogoAI News (www.gogoai.xin)".
        name = _EMPTY_PARENTHESES.sub("", block.text[line.end() : end].replace("\ufffc", ""))
        name = name.strip(" .;")
        return Attribution(frozenset(), how, (name,)) if name else None


class _CitedLink(NamedTuple):
    """A link in a sentence and what it credits (nothing when `sources` is empty)."""

    link: Link
    sources: frozenset[str] = frozenset()
    by_url: frozenset[str] = frozenset()
    span: Span | None = None
    written: tuple[str, ...] = ()


class _SentenceCitations:
    """The citations attached to one sentence (SPEC §2, step 1), gathered as the
    sentence's footnotes, links and keys are read. (A plain class: this module is
    loaded by every check, and a dataclass costs milliseconds to define.)"""

    __slots__ = (
        "sources", "names", "footnote", "footnote_urls", "links", "key_sources",
        "keys", "whole", "_spans", "_starts", "notes",
    )  # fmt: skip

    def __init__(self) -> None:
        self.sources: set[str] = set()  # from footnotes
        self.names: list[str] = []  # footnotes that name no known source
        self.footnote = False
        self.footnote_urls: set[str] = set()  # sources the footnotes' links' URLs belong to
        self.links: list[_CitedLink] = []  # in document order
        self.key_sources: set[str] = set()
        self.keys = False
        self.whole: Attribution | None = None  # with every link of the sentence
        self._spans: list[_CitedLink] | None = None  # links with text, when they do not overlap
        self._starts: list[int] = []
        # Each footnote reference: where, its sources, its links' sources, its texts
        # naming no known source.
        self.notes: list[tuple[int, set[str], set[str], list[str]]] = []

    def clause_notes(
        self, text: str, sentence: tuple[int, int], claim_range: tuple[int, int]
    ) -> Attribution | None:
        """What the footnotes after the claim in its own clause credit, with the
        sentence's links and keys; None when its clause has none."""
        start, end = sentence
        _, high = clause_around(text[start:end], claim_range[0] - start, claim_range[1] - start)
        own = [n for n in self.notes if claim_range[1] <= n[0] <= start + high]
        if not own:
            return None
        narrowed = _SentenceCitations()
        narrowed.footnote, narrowed.keys, narrowed.key_sources = True, self.keys, self.key_sources
        for _, found, by_url, cited_names in own:
            narrowed.sources |= found
            narrowed.footnote_urls |= by_url
            narrowed.names += cited_names
        return narrowed.compose(self.links)

    def index_links(self) -> None:
        spans = [c for c in self.links if c.link.end > c.link.start]
        if all(a.link.end <= b.link.start for a, b in zip(spans, spans[1:], strict=False)):
            self._spans = spans
            self._starts = [c.link.start for c in spans]

    def around(self, claim_range: tuple[int, int]) -> list[_CitedLink]:
        """The links whose text holds the claim's number."""
        low, high = claim_range
        if self._spans is None:
            return [c for c in self.links if c.link.start <= low and high <= c.link.end]
        # Links do not overlap: only the last one starting at or before the number can.
        at = bisect_right(self._starts, low) - 1
        if at >= 0 and high <= self._spans[at].link.end:
            return [self._spans[at]]
        return []

    def compose(self, links: list[_CitedLink]) -> Attribution | None:
        cited = [c for c in links if c.sources]
        how = (
            "footnote" if self.footnote else "link" if cited else "citation" if self.keys else None
        )
        if how is None:
            return None
        sources = set(self.sources)
        link_sources = set(self.footnote_urls)  # a footnote's link is cited for the claim too
        for c in cited:
            sources |= c.sources
            link_sources |= c.by_url
        return Attribution(
            frozenset(sources | self.key_sources),
            how,
            tuple(self.names),
            frozenset(link_sources),
            tuple(c.span for c in cited if c.span is not None),
            tuple(w for c in cited for w in c.written),
        )


class _Positions(Generic[T]):
    """Items of a block (links, footnote references) found by their position."""

    __slots__ = ("items", "positions", "ordered")

    def __init__(self, items: Sequence[T], positions: list[int]):
        self.items = items
        self.positions = positions
        self.ordered = all(a <= b for a, b in zip(positions, positions[1:], strict=False))

    def between(self, low: int, high: int) -> list[T]:
        """The items whose position is in [low, high], in order."""
        if self.ordered:
            lo = bisect_left(self.positions, low)
            return list(self.items[lo : bisect_right(self.positions, high, lo)])
        return [
            item for item, at in zip(self.items, self.positions, strict=True) if low <= at <= high
        ]
