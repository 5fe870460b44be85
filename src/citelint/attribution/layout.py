"""Where a block stands: a list item or table cell that goes on with the lead-in
paragraph before it ("According to Similarweb, the shares stand at:"), a list, table or
paragraph with a "Source: …" line right under it, a quotation whose sign-off follows on
a paragraph of its own ("> — Similarweb"), a table cell's row and its Source column."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from .. import regexes

if TYPE_CHECKING:
    from ..document import Block, Document

# A table column that credits its row: "Source", also "Data source", "Source(s)",
# "Source (date)", "Source / date", "Attribution".
_SOURCE_HEADER = regexes.compile(
    r"^\s*(?:(?:data|primary|main|original)\s+)?"
    r"(?:sources?|source\s*\(s\)|cited|citations?|references?|refs?\.?|according to|via|"
    r"reported by|attribution|credit)"
    r"(?:\s*\([^()]*\)|\s*[,/&]\s*[\w ]+|\s+and\s+[\w ]+)?\s*$",
    re.IGNORECASE,
)
# A source line: "Source: Similarweb, January 2026", "*Sources:* HKEX; CGTN", "Data: MIT".
# Only the "Source" forms may name a source the table lacks ("Source: Gartner"): a line
# that opens "Data:" may go on as prose, so it is one only when it names a known source.
CAPTION = regexes.compile(r"\W*(?:(?:data\s+)?sources?|(?P<data>data))\W*:", re.IGNORECASE)
# What may stand between a list, table or paragraph and the source line right under it:
# the rest of its last line (closing markup or pipes, a comment), blank lines, quote
# markers, markup opening the line ("*Source: …*").
_TO_LINE_UNDER = regexes.compile(r"[^\n]*\n[\s>]*[^\w\s]*")
_OPENING_MARKUP = regexes.compile(r"[^\w\s]*")
# The first line of a list item: quote markers, then a bullet or a number ("- ", "2. ").
_ITEM_LINE = regexes.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")
_MARKER = regexes.compile(r"(?P<indent>[ \t>]*)(?P<kind>[-*+]|\d{1,9}[.)])[ \t]")
_INDENT = regexes.compile(r"[ \t]*")
# How a lead-in ends: "… stand at:", "From Similarweb's tally —", "… break down as
# follows.", "… show the following shares."
_LEADS_ON = regexes.compile(
    r"(?::|—|–|--|\bas\s+follows\s*\.|\bthe\s+following\b[^.!?:]*\.)\s*$", re.IGNORECASE
)
# What may stand between a lead-in and its list's first item.
_BEFORE_ITEM = regexes.compile(r"[\s>]*(?:[-*+]|\d{1,9}[.)])[ \t]+[^\w\s]*")
# A quotation's credit on a paragraph of its own ("> — Similarweb, January 2026"), what
# may stand between it and the quotation, and how a quotation's line starts.
_SIGN_OFF = regexes.compile(r"\s*(?:—|–|--|―)\s*\w")
_BETWEEN_QUOTE_AND_SIGN_OFF = regexes.compile(r"[\s>]*")
_QUOTED = regexes.compile(r"[ \t]*>|[ \t]*[\"“‘']")
# What may stand between a lead-in and its table's first header cell with text: blank
# lines, the row's opening pipe (and any empty cells), markup opening the cell.
_BEFORE_TABLE = regexes.compile(r"[\s>]*(?:\|[ \t]*)*[^\w\s|]*")


class Layout:
    """Where the blocks of one document stand, each block's lead-in found once."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.rows: dict[int, list[Block]] = defaultdict(list)  # a table row's cells, by row
        for block in doc.blocks:
            if block.row is not None:
                self.rows[block.row].append(block)
        self._row_texts: dict[int, str] = {}
        self._leads: dict[int, int | None] = {}
        self._unders: dict[int, tuple[int, int] | None] = {}

    def lead_in(self, index: int) -> int | None:
        """The lead-in paragraph (ending with a colon, a dash, "as follows.") that block
        `index` continues as an item of the list right after it ("According to
        Similarweb, the shares stand at:" over "- ChatGPT: 68%"), or as a cell of the
        table right after it, if any. Remembered per block, and found for a list's items
        (or a table's cells) in turn: each one's answer is its previous one's."""
        leads = self._leads
        if index in leads:  # every claim of the block asks
            return leads[index]
        blocks = self.doc.blocks
        if blocks[index].kind == "table_cell":
            return self._table_lead_in(index)
        items: list[int] = []
        found: int | None = None
        at = index
        own = self._marker(blocks[index])
        while True:
            if at in leads:
                found = leads[at]
                break
            if own is None or not self._is_item(blocks[at]):
                break
            items.append(at)
            before = at - 1
            while before >= 0 and self._deeper(blocks[before], own[0]):
                before -= 1  # the previous item's own nested list or paragraphs
            if before < 0:
                break
            marker = self._marker(blocks[before])
            if marker is not None and marker[0] == own[0]:
                if marker[1] != own[1]:
                    break  # the last item of another list right before this one
                at = before
                continue
            if marker is not None and marker[0] < own[0]:
                # A nested list goes on with its parent item ("Download shares, per the
                # MIT study:" over "  - Chinese models: 17.1%"), or else with what the
                # parent's list goes on with.
                parent = blocks[before]
                found = before if self._leads_into(parent, blocks[at]) else self.lead_in(before)
            elif before == at - 1 and self._leads_into(blocks[before], blocks[at]):
                found = before
            break
        for item in items:
            leads[item] = found
        leads.setdefault(index, found)
        return found

    def _marker(self, block: Block) -> tuple[int, str] | None:
        """Where a list item's bullet or number stands on its line, and its kind ("-",
        "*", "+", or "." / ")" after a number); None for a block that opens no item."""
        if not self._is_item(block):
            return None
        text = self.doc.text
        start = text.rfind("\n", 0, block.offsets[0]) + 1
        m = _MARKER.match(text, start)
        return (m.end("indent") - start, m.group("kind")[-1]) if m else None

    def _deeper(self, block: Block, indent: int) -> bool:
        """Whether `block` is a paragraph indented past a list item marker at `indent`:
        part of an item above (a nested item, a continuation)."""
        if block.kind != "paragraph" or block.row is not None or block.footnote is not None:
            return False
        if not block.text:
            return False
        text = self.doc.text
        first = block.offsets[0]
        line = text.rfind("\n", 0, first) + 1
        marker = self._marker(block)
        if marker is not None:
            return marker[0] > indent
        lead = _INDENT.match(text, line)
        return lead is not None and lead.end() - line > indent

    def line_under(self, index: int) -> tuple[int, int] | None:
        """Where the source line right under block `index`'s list, table or paragraph
        starts, as (block, offset in its text): a "Source: …" paragraph under the table
        or under the list's last item (or its last continuation paragraph), or one right
        under a paragraph; or a source line written flush left onto the list's last
        item ("- Gemini: 18%" then "Source: Similarweb" on the next line). A source line
        indented into the last item is that item's alone. Remembered per block, and
        found for a list's or table's blocks at once."""
        unders = self._unders
        if index in unders:
            return unders[index]
        blocks = self.doc.blocks
        block = blocks[index]
        if block.kind == "table_cell":
            last = index
            while last + 1 < len(blocks) and blocks[last + 1].kind == "table_cell":
                cell, after = blocks[last], blocks[last + 1]
                if after.header is None and after.row != cell.row:
                    break  # the header row of the next table
                last += 1
            end = last
            while end > index and not blocks[end].text:
                end -= 1  # an empty last cell has no position of its own
            found = self._paragraph_under(end)
        elif block.kind != "paragraph" or block.footnote is not None:
            found, last = None, index
        elif self._in_list(block):
            last = index
            while last + 1 < len(blocks) and self._in_list(blocks[last + 1]):
                if CAPTION.match(blocks[last + 1].text):
                    break  # "  Source: …" indented into the last item: found below
                last += 1
            found = self._lazy_line(blocks[last]) or self._paragraph_under(last)
            if found is not None and last != index and self._indented(blocks[found[0]]):
                found = None  # the last item's own source line
                last = index
        else:
            last = index
            found = self._paragraph_under(index)
        for at in range(index, last + 1):
            unders[at] = found
        return found

    def _paragraph_under(self, index: int) -> tuple[int, int] | None:
        """The "Source: …" paragraph right under block `index`, with nothing but the rest
        of its last line, blank lines and markup between."""
        blocks = self.doc.blocks
        last = blocks[index]
        at = index + 1
        if at == len(blocks) or not last.text:
            return None
        under = blocks[at]
        if (
            under.kind != "paragraph"
            or under.row is not None
            or under.footnote is not None
            or not CAPTION.match(under.text)
        ):
            return None
        end = last.offsets.end(len(last.text) - 1)
        if _TO_LINE_UNDER.fullmatch(self.doc.text, end, under.offsets[0]) is None:
            return None
        return at, 0

    def _lazy_line(self, item: Block) -> tuple[int, int] | None:
        """The source line closing list item `item` when it stands flush left on a line
        of its own: written under the list, not in the item."""
        if len(item.sentences) < 2:
            return None
        start = item.sentences[-1][0]
        if not CAPTION.match(item.text, start):
            return None
        text = self.doc.text
        at = item.offsets[start]
        line = text.rfind("\n", 0, at) + 1
        return (item.index, start) if _OPENING_MARKUP.fullmatch(text, line, at) else None

    def _in_list(self, block: Block) -> bool:
        """Whether `block` is a list item's paragraph: its first, or one indented under it."""
        return self._is_item(block) or (
            block.kind == "paragraph"
            and block.row is None
            and block.footnote is None
            and self._indented(block)
        )

    def _indented(self, block: Block) -> bool:
        if not block.text:
            return False
        text = self.doc.text
        first = block.offsets[0]
        return text[text.rfind("\n", 0, first) + 1 : first][:1] in (" ", "\t")

    def sign_off(self, block: Block) -> Block | None:
        """The paragraph right after a quotation when it is only the quotation's sign-off
        ("> "DeepSeek holds 89% …"" then ">" then "> — Similarweb"): the credit that
        closes a quote, written on a line of its own. A quotation is a block quote's
        paragraph or one that opens with a quotation mark."""
        blocks, text = self.doc.blocks, self.doc.text
        after = block.index + 1
        if (
            block.kind == "paragraph"
            and block.row is None
            and block.text
            and after < len(blocks)
            and blocks[after].kind == "paragraph"
            and blocks[after].row is None
            and _SIGN_OFF.match(blocks[after].text)
            and _QUOTED.match(text, text.rfind("\n", 0, block.offsets[0]) + 1)
        ):
            end = block.offsets.end(len(block.text) - 1)
            start = blocks[after].offsets[0]
            if _BETWEEN_QUOTE_AND_SIGN_OFF.fullmatch(text, end, start):
                return blocks[after]
        return None

    def _table_lead_in(self, index: int) -> int | None:
        """`lead_in` for table cell `index`: the paragraph right before its table's
        header row, when it ends as a lead-in does."""
        leads = self._leads
        blocks = self.doc.blocks
        cells: list[int] = []
        found: int | None = None
        at = index
        while at not in leads:
            cells.append(at)
            if at == 0:
                break
            cell, before = blocks[at], blocks[at - 1]
            # Back over the body rows (a cell under a header) and the header row itself;
            # a header-row cell after another row's cell starts its table.
            if before.kind == "table_cell" and (cell.header is not None or before.row == cell.row):
                at -= 1
                continue
            if (
                _ends_leading_on(before) or _captions(before) or self._bold_title(before)
            ) and self._table_follows(before, at):
                found = at - 1
            break
        else:
            found = leads[at]
        for cell in cells:
            leads[cell] = found
        return found

    def _table_follows(self, lead: Block, first: int) -> bool:
        """Whether nothing but blank lines stands between paragraph `lead` and the table
        whose first cell is block `first`."""
        blocks = self.doc.blocks
        row = blocks[first].row
        at = first
        while at < len(blocks) and blocks[at].row == row and not blocks[at].text:
            at += 1  # an empty header cell ("|  | Share |") has no position of its own
        if at == len(blocks) or blocks[at].row != row:
            return False
        end, start = lead.offsets.end(len(lead.text) - 1), blocks[at].offsets[0]
        return _BEFORE_TABLE.fullmatch(self.doc.text, end, start) is not None

    def _is_item(self, block: Block) -> bool:
        """Whether the block is a paragraph that opens a list item."""
        if block.kind != "paragraph" or block.row is not None or block.footnote is not None:
            return False
        if not block.text:
            return False
        first = block.offsets[0]
        text = self.doc.text
        match = _ITEM_LINE.match(text, text.rfind("\n", 0, first) + 1)
        return match is not None and match.end() <= first

    def _leads_into(self, lead: Block, item: Block) -> bool:
        """Whether `lead` is a paragraph ending as a lead-in does (a colon, a dash, "as
        follows.") right before list `item`."""
        if not (_ends_leading_on(lead) or self._bold_title(lead)):
            return False
        text = self.doc.text
        end, first = lead.offsets.end(len(lead.text) - 1), item.offsets[0]
        if text[end : end + 2] in ("**", "__"):
            end += 2  # past a bold title's closing delimiter
        return _BEFORE_ITEM.fullmatch(text, end, first) is not None

    def _bold_title(self, block: Block) -> bool:
        """Whether paragraph `block` is all in bold, a title over what follows ("**Key
        numbers, per Similarweb**")."""
        if block.kind != "paragraph" or block.row is not None or not block.text:
            return False
        text = self.doc.text
        first, end = block.offsets[0], block.offsets.end(len(block.text) - 1)
        opening = text[first - 2 : first] if first >= 2 else ""
        return opening in ("**", "__") and text[end : end + 2] == opening

    def row_text(self, block: Block) -> str | None:
        """A table row's prose, without its Source column, after the header of the cell's
        own column ("IPO proceeds" over "$528 million"): the context of a cell's claim."""
        if block.row is None:
            return None
        text = self._row_texts.get(block.row)
        if text is None:
            cells = [b for b in self.rows[block.row] if not _is_source_cell(b)]
            text = self._row_texts[block.row] = " ".join(b.text for b in cells)
        header = block.header.strip() if block.header else ""
        if not header or _is_source_cell(block):  # "Source" says nothing of the metric
            return text
        return f"{header} {text}"


def _ends_leading_on(block: Block) -> bool:
    """Whether `block` is a paragraph ending as a lead-in does (a colon, a dash, "as
    follows.")."""
    if block.kind != "paragraph" or block.row is not None or block.footnote is not None:
        return False
    return _LEADS_ON.search(block.text[-300:]) is not None  # a paragraph may be long


def _captions(block: Block) -> bool:
    """Whether paragraph `block` is a table's caption: "Table 1. Share of the global
    chatbot market, January 2026. Source: Similarweb.", or one that names its source
    ("Share of the global chatbot market (Source: Similarweb)")."""
    if block.kind != "paragraph" or block.row is not None or block.footnote is not None:
        return False
    return bool(_TABLE_NUMBER.match(block.text) or _SOURCE_IN.search(block.text[-300:]))


# A caption's opening ("Table 1.", "Table 2:") and a source named in it.
_TABLE_NUMBER = regexes.compile(r"\W*(?:table|exhibit|chart)\s+\d+\s*[.:—–-]", re.IGNORECASE)
_SOURCE_IN = regexes.compile(r"\b(?:data\s+)?sources?\s*:", re.IGNORECASE)


def _is_source_cell(block: Block) -> bool:
    return block.header is not None and bool(_SOURCE_HEADER.match(block.header))
