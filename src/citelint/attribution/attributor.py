"""The `Attributor`: who the text credits for each claim of a document, found in the
order SPEC §2 gives (see the package's docstring) and remembered per sentence, row and
block, so that a sentence, row or paragraph with thousands of claims is read once."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from .. import regexes
from ..model import Attribution, Claim
from .citations import Citations
from .cues import (
    _ANAPHORA,
    _POSSESSIVE,
    _PRONOUN_SAYS,
    _REPORT_AFTER,
    _REPORT_SAYS,
    _SAY_VERBS,
    is_credit,
)
from .layout import Layout
from .parts import _cue_attribution, _CuePart, _groups, _named_groups, _sentence_cues, _written

if TYPE_CHECKING:
    from ..document import Block, Document
    from ..names import Mention, NameIndex

# What may stand before a sentence's subject: an article, or a word that only joins it to
# the talk before, maybe with one ("Now CCID, the …, published two figures. It said …").
_ARTICLES = frozenset({"", "the", "a", "an"})
_JOINING = frozenset(
    {"now", "so", "then", "also", "and", "but", "meanwhile", "separately", "well", "still",
     "next", "later", "finally"}
)  # fmt: skip
# A transcript's timestamp and speaker before what is said: "[04:30] HOST: ", "GUEST: ".
_SPEAKER_LABEL = regexes.compile(
    r"\s*(?:\[\d{1,2}(?::\d\d){1,2}\]\s*)?(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?:\s+)?"
)
_JOINED = regexes.compile(r"\s*(?:,|and|&|/)?\s*")
# Where a clause with a subject of its own opens: after ", and", ", while", ", but", ";".
_CLAUSE_OPENING = regexes.compile(r"(?:,\s*(?:and|while|but|whereas)|;)\s+(?:the\s+)?$")
# A sentence that opens on one of two sources named before it: "The latter puts …".
_FORMER_LATTER = regexes.compile(r"\s*The\s+(former|latter)\b")
# A speaker's one-word name and their verb: "…, Li added.", "Li also said …".
_SHORT_NAME_SAYS = regexes.compile(
    rf"(?<![\w'’])([A-Z][a-z]+)[ \t]+(?:also[ \t]+)?(?:{_SAY_VERBS})\b"
)


class Attributor:
    """Attributes the claims of one document."""

    def __init__(self, doc: Document, names: NameIndex):
        self.doc = doc
        self.names = names
        layout = Layout(doc)
        citations = Citations(doc, names, layout.rows)
        self._rows = layout.rows
        # Its collaborators' methods, bound once: a claim costs no extra call. (Neither
        # holds the Attributor, so it makes no cycle.)
        self.lead_in = layout.lead_in
        self.row_text = layout.row_text
        self._line_under_of = layout.line_under
        self._sign_off_of = layout.sign_off
        self._citation = citations.citation
        self._row_credit = citations.row
        self._read_source_line = citations.source_line
        self._read_line = citations.line
        # A dict, not lru_cache over a bound method: that made each Attributor a cycle
        # (and all it holds garbage for the cyclic collector to find).
        self._explicit_found: dict[tuple, Attribution | None] = {}
        # Per-sentence, per-row and per-block results, so that a sentence, row or
        # paragraph with thousands of claims is read once, not once per claim.
        self._cues: dict[tuple[int, tuple[int, int]], tuple[_CuePart, ...]] = {}
        self._row_sources: dict[int, Attribution | None] = {}
        self._source_lines: dict[int, Attribution | None] = {}  # by block
        self._lines_under: dict[tuple[int, int] | None, Attribution | None] = {}
        self._header_cues: dict[str, Attribution | None] = {}
        self._row_cues: dict[int, Attribution | None] = {}
        self._nearest: dict[int, list[Attribution | None]] = {}
        self._ends: dict[int, list[int]] = {}
        self._previous_cache: dict[int, Attribution | None] = {}
        self._anaphoric: dict[tuple[int, tuple[int, int]], bool] = {}
        self._sign_offs: dict[int, Attribution | None] = {}
        self._lead_credits: dict[int, Attribution | None] = {}
        # How many claims were credited through `carried` so far: a caller that
        # re-attributes part of a document learns whether earlier blocks mattered.
        self.carried_lookups = 0

    def attribute(self, claim: Claim) -> Attribution:
        block = self.doc.blocks[claim.block]
        found = self._explicit(block.index, claim.sentence_range, claim.text_range)
        ends = self._ends.get(block.index)
        if ends is None:  # once per block, not per claim: a paragraph may hold thousands
            ends = self._ends[block.index] = [end for _, end in block.sentences]
        before = bisect_right(ends, claim.sentence_range[0])  # sentences ending before it
        if found is not None:
            if _short_name(found):
                resolved = _written_in_full(found, self._nearest_in_block(block, before - 1))
                if resolved is found:
                    resolved = self._named_before(block, claim.sentence_range[0], found)
                return resolved
            return found
        # Nearest attribution earlier in the same paragraph.
        if before and (which := _FORMER_LATTER.match(block.text, claim.sentence_range[0])):
            # "… Similarweb's traffic figures and Microsoft's report. The latter puts …"
            paired = self._paired(block, before - 1)
            if paired is not None:
                return paired[0 if which[1].lower() == "former" else 1]
        earlier = self._nearest_in_block(block, before - 1)
        if earlier is not None:
            return _retag(earlier, "paragraph")
        if before and (
            _PRONOUN_SAYS.match(block.text, claim.sentence_range[0])
            or _REPORT_SAYS.search(block.text, claim.sentence_range[0], claim.sentence_range[1])
        ):
            named = _named(block, block.sentences[before - 1], self.names)
            if named is not None:
                return named
        if before and (
            short := _SHORT_NAME_SAYS.search(
                block.text, claim.sentence_range[0], claim.sentence_range[1]
            )
        ):
            # "Li Lecheng spoke after the opening meeting. …, Li added.": the speaker the
            # sentence before has for its subject, by one word of the name.
            named = _named(block, block.sentences[before - 1], self.names)
            if named is not None and any(short[1] in w.split() for w in named.written):
                return named
        closing = self._source_line(block, before) or self._line_under(block)
        if closing is not None:
            return closing
        lead = self.lead_in(block.index)
        while lead is not None:  # the list item or table goes on with its lead-in's sentence
            earlier = self._lead_credit(self.doc.blocks[lead])
            if earlier is not None:
                return _retag(earlier, "paragraph")
            lead = self.lead_in(lead)  # a parent item's: what its own list goes on with
        signed = self._sign_off(block)
        if signed is not None:
            return signed
        key = (block.index, claim.sentence_range)
        anaphoric = self._anaphoric.get(key)
        if anaphoric is None:
            sentence_text = block.text[claim.sentence_range[0] : claim.sentence_range[1]]
            anaphoric = self._anaphoric[key] = _ANAPHORA.search(sentence_text) is not None
        if anaphoric and block.kind != "heading":  # a heading starts a new section
            self.carried_lookups += 1
            earlier = self.carried(block.index)
            if earlier is not None and earlier.how != "none":
                return _retag(earlier, "previous")
        return Attribution()

    def _source_line(self, block: Block, claim_sentence: int) -> Attribution | None:
        """What a "Source: …" sentence closing `block` credits for the figures before it:
        a paragraph's source line ("… of global downloads. Source: MIT study") does for
        them what a table's does for its rows."""
        if block.index not in self._source_lines:  # once per block, not once per claim
            self._source_lines[block.index] = self._read_source_line(block)
        last = len(block.sentences) - 1
        return self._source_lines[block.index] if claim_sentence < last else None

    def _line_under(self, block: Block) -> Attribution | None:
        """What the "Source: …" line right under `block`'s table, list or paragraph
        credits (`Layout.line_under`): a table's does for every row what a Source column
        does for its own, a list's for every item."""
        at = self._line_under_of(block.index)
        if at not in self._lines_under:  # once per table or list, not once per claim
            found = None
            if at is not None:
                how = "table" if block.kind == "table_cell" else "paragraph"
                found = self._read_line(self.doc.blocks[at[0]], at[1], how)
            self._lines_under[at] = found
        return self._lines_under[at]

    def _lead_credit(self, lead: Block) -> Attribution | None:
        """What lead-in paragraph `lead` credits for the list or table it leads into: its
        last attribution, or else the source whose possessive opens its last sentence
        ("Similarweb's January shares of the global chatbot market:"): the figures it
        announces are that source's."""
        if lead.index in self._lead_credits:  # every item or cell asks
            return self._lead_credits[lead.index]
        found = self._last_in_block(lead)
        if found is None:
            start, end = lead.sentences[-1]
            text = lead.text[start:end]
            names = _subject(text, self.names)
            if names and _after_name(text, names[-1])[:1] in "'’":
                found = _cue_attribution(text, names)
        self._lead_credits[lead.index] = found
        return found

    def _sign_off(self, block: Block) -> Attribution | None:
        """What the paragraph right after a quotation credits when it is only the
        quotation's sign-off (`Layout.sign_off`)."""
        if block.index in self._sign_offs:
            return self._sign_offs[block.index]
        found = None
        sign_off = self._sign_off_of(block)
        if sign_off is not None:
            found = self._explicit(sign_off.index, sign_off.sentences[0], None)
        self._sign_offs[block.index] = found
        return found

    def _paired(self, block: Block, last: int) -> tuple[Attribution, Attribution] | None:
        """The first and the last of the sources the nearest sentence up to sentence
        `last` of `block` credits, when it credits several by separate names: what "the
        former" and "the latter" refer to."""
        for sentence in reversed(block.sentences[: last + 1]):
            text = block.text[sentence[0] : sentence[1]]
            mentions = self.names.mentions(text)
            if self._explicit(block.index, sentence, None) is None:
                if len(mentions) < 2:
                    continue
                # (or names them without a credit: "Microsoft looked at chatbots, and so
                # did Similarweb. The latter found …")
                credits = mentions
            else:
                credits = [m for m in mentions if is_credit(text, m)]
            groups = _groups(text, credits)
            named = [(frozenset(_named_groups(text, g)[0]), g) for g in groups]
            if len({sources for sources, _ in named}) < 2:
                return None
            (first, first_names), (last, last_names) = named[0], named[-1]
            return (
                Attribution(first, "paragraph", written=tuple(_written(text, first_names))),
                Attribution(last, "paragraph", written=tuple(_written(text, last_names))),
            )
        return None

    def _named_before(self, block: Block, start: int, found: Attribution) -> Attribution:
        """`found` credited to the source whose name, written in full earlier in the
        paragraph though not as a credit, has `found`'s one-word name for a word ("Li
        Lecheng spoke after the opening meeting. … , Li added.")."""
        name = found.names[0]
        for mention in reversed(self.names.mentions(block.text[:start])):
            written = block.text[mention.start : mention.end]
            if name in written.split():
                return Attribution(mention.sources, found.how, written=(written,))
        return found

    def _nearest_in_block(self, block: Block, last: int) -> Attribution | None:
        """The attribution (not a table's) of the last sentence up to sentence `last` of
        `block` that has one; each sentence of the block is read once."""
        if last < 0:
            return None
        nearest = self._nearest.setdefault(block.index, [])
        sentences = block.sentences
        while len(nearest) <= last:
            sentence = sentences[len(nearest)]
            found = self._explicit(block.index, sentence, None)
            if found is None and not nearest and block.kind != "heading":
                # A paragraph that opens on "The same report …" goes on with what that
                # points back to, as its sentence does.
                if _ANAPHORA.search(block.text, sentence[0], sentence[1]):
                    self.carried_lookups += 1
                    earlier = self.carried(block.index)
                    if earlier is not None and earlier.how != "none":
                        found = _retag(earlier, "previous")
            if found is None or found.how == "table":
                found = nearest[-1] if nearest else None
            elif _short_name(found) and nearest:
                found = _written_in_full(found, nearest[-1])
            nearest.append(found)
        return nearest[last]

    def carried(self, before: int) -> Attribution | None:
        """The most recent explicit attribution before block `before`, in the same
        section: what "the same report" in that block is credited to. The search ends at
        the section's heading (read too: "## What the MIT study found"), never crossing it.
        """
        cache = self._previous_cache
        pending = []
        index = before - 1
        found: Attribution | None = None
        while index >= 0 and index not in cache:
            pending.append(index)
            block = self.doc.blocks[index]
            if block.footnote is None:
                found = self._last_in_block(block)
                if found is not None or block.kind == "heading":
                    break
            index -= 1
        else:
            found = cache.get(index) if index >= 0 else None
        # Every block passed on the way has the same answer for "before it and itself".
        for passed in pending:
            cache[passed] = found
        return found

    def _last_in_block(self, block: Block) -> Attribution | None:
        """The block's last explicit attribution, unless an earlier sentence of it credits
        other sources: "the same study" after a paragraph that cites MIT's study and then
        what CGTN reported may mean either (found, the block is still where the search
        ends, with no credit)."""
        last = None
        for sentence in reversed(block.sentences):
            found = self._explicit(block.index, sentence, None)
            if found is None:
                continue
            if last is None:
                last = found
            elif _credits(found) and _credits(last) and _credits(found) != _credits(last):
                return Attribution()  # (how "none": credits no one, and is not carried)
        return last

    def _explicit(
        self, block_index: int, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        key = (block_index, sentence, claim_range)
        if key in self._explicit_found:
            return self._explicit_found[key]
        block = self.doc.blocks[block_index]
        found = self._citation(block, sentence, claim_range)
        if found is None or not found.sources:
            # A footnote or key that names no known source does not hide the source the
            # sentence names: "Per Microsoft [@ms26], …" credits Microsoft.
            cue = self._cue(block, sentence, claim_range)
            if found is None or (cue is not None and cue.sources):
                found = cue
        self._explicit_found[key] = found
        return found

    def _cue(
        self, block: Block, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        """The sentence's cue; in a sentence whose parts (split at semicolons, ", while",
        ", whereas", ", but", and an "and" between a figure and a cue: `_part_breaks`)
        each have their own, that of the claim's part or the nearest
        before it (the last one when no claim is given: what a later sentence carries
        on); in a part whose names "respectively" pairs with its figures, the claim's own
        name."""
        if block.row is not None:
            if block.row not in self._row_sources:
                self._row_sources[block.row] = self._row_credit(block)
            row = self._row_sources[block.row]
            if row is not None:
                return row
        key = (block.index, sentence)
        parts = self._cues.get(key)
        if parts is None:
            parts = self._cues[key] = _sentence_cues(
                block.text[sentence[0] : sentence[1]], self.names
            )
        chosen = parts[0]
        at = (sentence[1] if claim_range is None else claim_range[0]) - sentence[0]
        if len(parts) > 1:
            for part in parts[1:]:  # a few at most
                if part.start > at:
                    break
                chosen = part
        if claim_range is not None and at in chosen.figures:
            return chosen.respective[chosen.figures.index(at)]  # "… respectively"
        if chosen.cue is None and block.row is not None:
            # A column's header may credit its cells: "| Share of the global chatbot
            # market (Similarweb) |", "| Market share, per Microsoft |"; and another cell
            # its row (SPEC §2: "in the same sentence or table row").
            header = self._header_cue(block.header) if block.header else None
            return header if header is not None else self._row_cue(block.row)
        return chosen.cue

    def _row_cue(self, row: int) -> Attribution | None:
        """The first cue a cell of table row `row` writes: "| DeepSeek's share, per
        Similarweb | 4% |", a Notes cell's "according to Similarweb"."""
        if row not in self._row_cues:  # read once per row, not once per cell
            cues = (_sentence_cues(cell.text, self.names)[-1].cue for cell in self._rows[row])
            self._row_cues[row] = next((cue for cue in cues if cue is not None), None)
        return self._row_cues[row]

    def _header_cue(self, header: str) -> Attribution | None:
        if header not in self._header_cues:  # read once per table, not once per cell
            self._header_cues[header] = _sentence_cues(header, self.names)[-1].cue
        return self._header_cues[header]


def _short_name(found: Attribution) -> bool:
    """Whether `found` credits only a name of one word that no source has ("Li told")."""
    return not found.sources and len(found.names) == 1 and " " not in found.names[0]


def _written_in_full(found: Attribution, earlier: Attribution | None) -> Attribution:
    """`earlier`, when its credit wrote `found`'s one-word name in full ("said Li Lecheng,
    …. Li told reporters that …"), as `found` credits it; else `found`."""
    if earlier is not None and any(found.names[0] in w.split() for w in earlier.written):
        return _retag(earlier, found.how)
    return found


def _named(block: Block, sentence: tuple[int, int], names: NameIndex) -> Attribution | None:
    """Whom `sentence` has for its subject: what "It found" in the next sentence
    refers to ("Microsoft also looked at chatbots."). Not a name that only qualifies
    another noun ("Alibaba's Qwen models", "its MIT licence")."""
    text = block.text[sentence[0] : sentence[1]]
    subject = _subject(text, names)
    if not subject:
        return None
    after = _after_name(text, subject[0])
    if after[:1] in "'’" and not _REPORT_AFTER.match(after):
        return None
    return _retag(_cue_attribution(text, subject), "paragraph")


def _subject(text: str, names: NameIndex) -> list[Mention]:
    """The names that open `text` as its subject, with the names joined to the first
    ("MIT and Hugging Face"); of a sentence of clauses that each open with a name, the
    last one's, the nearest to what comes next ("Microsoft studied usage, and Similarweb
    tracked traffic. Its data …" is Similarweb's)."""
    mentions = names.mentions(text)
    head = _SPEAKER_LABEL.sub("", text[: mentions[0].start], count=1) if mentions else ""
    opener = " ".join(head.replace(",", " ").split())
    if not mentions or not (opener.lower() in _ARTICLES or _joins(opener)):
        return []
    for at in range(len(mentions) - 1, 0, -1):
        if _CLAUSE_OPENING.search(text, 0, mentions[at].start):
            mentions = mentions[at:]
            break
    subject = [mentions[0]]
    for mention in mentions[1:]:
        if not _JOINED.fullmatch(text, subject[-1].end, mention.start):
            break
        subject.append(mention)
    return subject


def _joins(opener: str) -> bool:
    """Whether `opener` is a joining word opening the sentence, maybe with an article
    ("Now", "So the", "Now, the"; not "and" carried on from the line before)."""
    words = opener.lower().split()
    return (
        opener[:1].isupper()
        and 1 <= len(words) <= 2
        and words[0] in _JOINING
        and (len(words) == 1 or words[1] in _ARTICLES)
    )


def _after_name(text: str, name: Mention) -> str:
    """The text after a name, from its "'s" when the name was matched with it."""
    after = text[name.end : name.end + 60]
    return "'s" + after if _POSSESSIVE.search(text[name.start : name.end]) else after


def _credits(attribution: Attribution) -> tuple[frozenset[str], tuple[str, ...]]:
    """Whom an attribution credits: its sources and the names no source has."""
    return attribution.sources, attribution.names


def _retag(attribution: Attribution, how: str) -> Attribution:
    return Attribution(
        attribution.sources, how, attribution.names, frozenset(), (), attribution.written
    )
