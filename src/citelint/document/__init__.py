"""The document layer: Markdown prose with exact source positions."""

from .blocks import (
    MASK,
    Block,
    Document,
    FootnoteRef,
    Link,
    Offsets,
    Outline,
    assemble,
    front_matter_end,
    outline,
    parse,
    parse_part,
)

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
