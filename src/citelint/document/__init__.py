"""The document layer: Markdown prose with exact source positions.

mistune gives an AST without positions, so this package maps every piece of
prose back to the original text in two steps:

* Block level. A subclass of mistune's block state tags every block token with
  the parser's cursor, and every child state (block quote, list item, footnote)
  with the line of its parent where its first line comes from. mistune builds
  child sources line by line (stripping container prefixes and expanding only
  *leading* tabs), so line ``j`` of a child is line ``line0 + j`` of its parent,
  and each prose line is a suffix of its source line.
* Inline level. Each prose block's inline tokens are aligned against the exact
  string mistune parsed, with a monotone cursor: ``str.startswith`` and
  ``str.find`` first, a tolerant walk over backslash escapes otherwise, and
  mistune's own link helpers to step over destinations and titles.

Only prose is kept (SPEC §1). Code spans, inline HTML, autolinks, images and
math become one U+FFFC each, line breaks one space, so that sentences keep
their shape but no number can be read from what is not prose.

Each module has one job: `nodes` holds what a parse yields (`Document`, `Block`,
`Offsets`, `Link`, `FootnoteRef`); `markdown` sets mistune up to record positions;
`blocks` walks the block tree into blocks, for a whole document or for parts parsed
apart; `inline` builds a block's text and offsets from its inline tokens; `math` masks
TeX math.
"""

from .blocks import Outline, assemble, front_matter_end, outline, parse, parse_part
from .nodes import MASK, Block, Document, FootnoteRef, Link, Offsets

__all__ = [
    "MASK",
    "Block",
    "Document",
    "FootnoteRef",
    "Link",
    "Offsets",
    "Outline",
    "assemble",
    "front_matter_end",
    "outline",
    "parse",
    "parse_part",
]
