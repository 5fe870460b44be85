"""What a parse yields: a `Document` of prose `Block`s (paragraphs, headings, table
cells), each with its text, the `Offsets` that map every character of it back to the
source, its `Link`s and its `FootnoteRef`s. `MASK` is the character that stands for what
is not prose."""

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from ..model import Span
from ..records import record
from ..sentences import split_sentences

if TYPE_CHECKING:
    from .inline import _Pending


MASK = "\ufffc"
"""Stands in for one non-prose inline part (code span, HTML, autolink, image, math)."""


class Offsets(Sequence[int]):
    """Original offset of every character of a block's text, stored as runs.

    Behaves like ``tuple[int, ...]`` (index, slice, iterate, compare) but keeps
    one entry per run of consecutive characters instead of one int per
    character, so a 50 MB file does not need gigabytes of offsets. A run is
    either verbatim (character ``i`` maps to ``origin + i - start``) or atomic
    (an escape, entity, line break or U+FFFC: every character maps to the start
    of what it replaces, and ``end`` tells where that ends in the source).
    """

    __slots__ = ("_starts", "_origins", "_ends", "_length")

    def __init__(
        self,
        starts: Sequence[int] = (),
        origins: Sequence[int] = (),
        ends: Sequence[int] = (),
        length: int = 0,
    ) -> None:
        self._starts = tuple(starts)
        self._origins = tuple(origins)
        self._ends = tuple(ends)  # -1 for a verbatim run
        self._length = length

    @classmethod
    def verbatim(cls, origin: int, length: int) -> "Offsets":
        """Offsets of ``length`` characters copied from ``origin`` on."""
        return cls((0,), (origin,), (-1,), length) if length else cls()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...

    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._length)))
        run, index = self._run(index)
        if self._ends[run] < 0:
            return self._origins[run] + index - self._starts[run]
        return self._origins[run]

    def end(self, index: int) -> int:
        """Where the source of character ``index`` ends (exclusive)."""
        run, index = self._run(index)
        if self._ends[run] < 0:
            return self._origins[run] + index - self._starts[run] + 1
        return self._ends[run]

    def bounds(self) -> tuple[int, int]:
        """Source offsets of the first and the last character (the text is not empty)."""
        last = self._origins[-1]
        if self._ends[-1] < 0:
            last += self._length - 1 - self._starts[-1]
        return self._origins[0], last

    def shifted(self, delta: int) -> "Offsets":
        """The same offsets ``delta`` characters further on."""
        if not delta or not self._length:
            return self
        return Offsets(
            self._starts,
            [origin + delta for origin in self._origins],
            [end + delta if end >= 0 else end for end in self._ends],
            self._length,
        )

    def is_verbatim(self, index: int) -> bool:
        """Whether character ``index`` was copied as is from the source."""
        return self._ends[self._run(index)[0]] < 0

    def _run(self, index: int) -> tuple[int, int]:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        return bisect_right(self._starts, index) - 1, index

    def runs(self) -> Iterator[tuple[int, int, int, int]]:
        """``(text_start, text_end, source_start, source_end)`` of every run."""
        bounds = self._starts[1:] + (self._length,)
        for start, stop, origin, end in zip(
            self._starts, bounds, self._origins, self._ends, strict=False
        ):
            yield start, stop, origin, origin + stop - start if end < 0 else end

    def __iter__(self) -> Iterator[int]:
        bounds = self._starts[1:] + (self._length,)
        for start, stop, origin, end in zip(
            self._starts, bounds, self._origins, self._ends, strict=False
        ):
            if end < 0:
                yield from range(origin, origin + stop - start)
            else:
                yield from (origin,) * (stop - start)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets | tuple | list):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Offsets({tuple(self)!r})"


class Link(NamedTuple):
    """A link in a block's prose: ``[start, end)`` is its text in ``Block.text``.

    For an autolink (``<https://…>`` or a bare URL) the text is the single
    U+FFFC that masks the URL. ``url`` is the destination, reference links
    resolved.
    """

    start: int
    end: int
    url: str


class FootnoteRef(NamedTuple):
    """A ``[^key]`` reference; ``at`` is where it stood in ``Block.text`` (zero width)."""

    at: int
    key: str  # as written; Document.footnotes is keyed by key.lower()


class Block:
    """One unit of prose: a paragraph, heading or table cell.

    ``offsets[i]`` is the offset in ``Document.text`` of ``text[i]``; for a
    character that is not copied from the source (U+FFFC, a line-break space,
    a decoded escape or entity) it is the start of what the character stands
    for. ``footnote`` is the key of the footnote definition the block is in,
    as written there.

    ``numberless`` says the block's source shows its text holds no number (it is
    False when the text may hold one). Claim extraction skips such a block, and its
    text, offsets and links are built when first read: most are never read at all
    (two in three blocks of a tldr page). It has no footnote refs.

    ``sentences`` are the (start, end) of each sentence of the text
    (`sentences.split_sentences`), split when first read, once for every reader.

    A block is not changed once made; `Document` shares it with every claim and part
    that refers to it.
    """

    __slots__ = (
        "index", "kind", "text", "offsets", "links", "footnote_refs", "row", "column",
        "header", "footnote", "numberless", "sentences", "_pending",
    )  # fmt: skip

    index: int
    kind: str  # "paragraph" | "heading" | "table_cell"
    text: str
    offsets: Offsets
    links: tuple[Link, ...]
    footnote_refs: tuple[FootnoteRef, ...]
    row: int | None
    column: int | None
    header: str | None
    footnote: str | None
    numberless: bool
    sentences: tuple[tuple[int, int], ...]
    _pending: "_Pending | None"

    def __init__(
        self,
        index: int,
        kind: str,
        text: str,
        offsets: Offsets,
        links: tuple[Link, ...] = (),
        footnote_refs: tuple[FootnoteRef, ...] = (),
        row: int | None = None,
        column: int | None = None,
        header: str | None = None,
        footnote: str | None = None,
    ) -> None:
        self.index, self.kind, self.text, self.offsets = index, kind, text, offsets
        self.links, self.footnote_refs, self.row, self.column = links, footnote_refs, row, column
        self.header, self.footnote, self.numberless, self._pending = header, footnote, False, None

    @classmethod
    def deferred(cls, index: int, kind: str, pending: "_Pending", footnote: str | None) -> "Block":
        """A numberless block whose text, offsets and links ``pending`` builds when first
        read (its source holds no footnote ref)."""
        block = cls.__new__(cls)
        block.index, block.kind, block.footnote, block.footnote_refs = index, kind, footnote, ()
        block.row = block.column = block.header = None
        block.numberless, block._pending = True, pending
        return block

    def __getattr__(self, name: str) -> Any:
        # Called only for a slot never set: the sentences, or a deferred block's inline fields.
        if name == "sentences":
            self.sentences = sentences = tuple(split_sentences(self.text))
            return sentences
        pending = self._pending
        if pending is None or name not in _INLINE_FIELDS:
            raise AttributeError(f"'Block' object has no attribute '{name}'")
        self.text, self.offsets, self.links, _ = pending.build()
        self._pending = None
        return getattr(self, name)

    def fields(self) -> tuple[Any, ...]:
        """index, kind, text, offsets, links, footnote_refs, row, column, header, footnote."""
        return (
            self.index, self.kind, self.text, self.offsets, self.links, self.footnote_refs,
            self.row, self.column, self.header, self.footnote,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        pairs = ", ".join(f"{n}={v!r}" for n, v in zip(_FIELD_NAMES, self.fields(), strict=True))
        return f"Block({pairs})"

    def __reduce__(self) -> "tuple[type[Block], tuple[Any, ...]]":
        return Block, self.fields()

    def renumbered(self, index: int, row: int | None) -> "Block":
        """This block at ``index`` in table row ``row`` (still deferred if it is)."""
        pending = self._pending
        if pending is not None:
            block = Block.deferred(index, self.kind, pending, self.footnote)
        else:
            block = Block(index, self.kind, self.text, self.offsets, self.links, self.footnote_refs)
            block.footnote = self.footnote
        block.row, block.column, block.header = row, self.column, self.header
        return block

    def moved(self, offset: int, index: int, row: int) -> "Block":
        """A part's block placed in the whole document: its source ``offset``
        characters on, its index and table row after those of earlier parts."""
        pending = self._pending
        if pending is not None:  # not a table cell: no row
            moved = pending._replace(shift=pending.shift + offset)
            return Block.deferred(self.index + index, self.kind, moved, self.footnote)
        return Block(
            self.index + index,
            self.kind,
            self.text,
            self.offsets.shifted(offset),
            self.links,
            self.footnote_refs,
            None if self.row is None else self.row + row,
            self.column,
            self.header,
            self.footnote,
        )


_FIELD_NAMES = (
    "index", "kind", "text", "offsets", "links", "footnote_refs", "row", "column", "header",
    "footnote",
)  # fmt: skip
_INLINE_FIELDS = frozenset({"text", "offsets", "links"})


@record(frozen=True, slots=True, eq=False)
class Document:
    """A parsed Markdown file: its prose blocks and how to locate them."""

    text: str
    blocks: tuple[Block, ...]
    footnotes: dict[str, str]
    front_matter_end: int
    prose_lines: frozenset[int]
    comments: tuple[tuple[int, str], ...]
    _line_starts: tuple[int, ...] = field(repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an original offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        """The Span of original offsets ``[start, end)``; the end is the last character."""
        line, column = self.position(start)
        end_line, end_column = self.position(end - 1) if end > start else (line, column)
        return Span(start, end, line, column, end_line, end_column)

    def block_span(self, block: Block, start: int, end: int) -> Span:
        """The Span in the original text of ``block.text[start:end]``.

        It runs from the source of the first character to the end of the source
        of the last one, so a trailing escape or entity is covered whole. A first
        character written as a backslash escape starts at itself, after the backslash
        (`\\$690 million` starts at the `$`), as one in emphasis starts after the `**`.
        """
        size = len(block.offsets)
        if not size:
            return self.span(0, 0)
        start = max(0, min(start, size - 1))
        first = block.offsets[start]
        if self.text[first] == "\\" and self.text[first + 1 : first + 2] == block.text[start]:
            first += 1
        last = block.offsets.end(max(start, min(end, size) - 1))
        return self.span(first, max(first, last))
