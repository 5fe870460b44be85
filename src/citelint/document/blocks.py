"""The document layer: Markdown prose with exact source positions.

mistune gives an AST without positions, so this module maps every piece of
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
"""

from __future__ import annotations

import math
import re
import string
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import field
from html import unescape
from html.entities import html5
from itertools import accumulate
from operator import add
from typing import Any, NamedTuple, overload

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.helpers import parse_link, parse_link_label
from mistune.inline_parser import InlineParser
from mistune.plugins.footnotes import REF_FOOTNOTE, parse_ref_footnote
from mistune.plugins.url import URL_LINK_PATTERN
from mistune.util import escape_url, unikey

from .. import regexes
from ..model import Span
from ..numbers import could_hold_number
from ..records import record
from ..sentences import split_sentences

__all__ = [
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

MASK = "\ufffc"
"""Stands in for one non-prose inline part (code span, HTML, autolink, image, math)."""

# GFM bare URLs are found in text runs (_BARE_URL) rather than by mistune's
# url plugin, which makes every "h" a trigger character.
_PLUGINS = (
    "table",
    "mistune.plugins.table.table_in_quote",
    "mistune.plugins.table.table_in_list",
    "footnotes",
    "strikethrough",
)
_PROSE_LEAVES = frozenset({"paragraph", "block_text", "heading"})
# Inline markup a block's source must not hold for its text to be built on demand:
# footnote refs ("[^"), links with no text ("[]"), images and, by their "!", HTML
# comments (which may switch rules off), escapes. Other links keep their text, and other
# inline HTML and autolinks are masked: a deferred block's text is never empty.
_MARKUP_KEPT = regexes.compile(r"[!\\]|\[[\]^]")
_EMPHASIS_DELIMITERS = "*_~"
_PUNCTUATION = frozenset(string.punctuation)
_WS = " \t\f\v"
_BREAK_WS = regexes.compile(r"\s*")
_DOLLAR = regexes.compile(r"\$")
# mistune's pattern for bare http(s) URLs, plus GFM's extended `www.` autolinks (after
# a space, "*", "_", "~" or "(", or at the start).
_BARE_URL = regexes.compile(
    URL_LINK_PATTERN.replace(r"https?:\/\/", r"(?:https?:\/\/|(?<![^\s*_~(])www\.(?=[\w-]))", 1)
)
_LINE_BREAK = regexes.compile(r"\r\n?|\n")
# A line with no text after its list marker (if it has one): blanks to its end.
_BLANK_ITEM_LINE = regexes.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])?[^\S\n]*(?:\n|\Z)")
_ENTITY = regexes.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]+;|[^\t\n\f <&#;]{1,32};)")
_FRONT_MATTER_OPEN = regexes.compile(r"(---|\+\+\+)[ \t]*(?:\r\n?|\n)")
_YAML_CLOSE = regexes.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|\Z)")
_TOML_CLOSE = regexes.compile(r"(?<=[\r\n])\+\+\+[ \t]*(?:\r\n?|\n|\Z)")


# --------------------------------------------------------------------------- records


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
    def verbatim(cls, origin: int, length: int) -> Offsets:
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

    def shifted(self, delta: int) -> Offsets:
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
    _pending: _Pending | None

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
    def deferred(cls, index: int, kind: str, pending: _Pending, footnote: str | None) -> Block:
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

    def __reduce__(self) -> tuple[type[Block], tuple[Any, ...]]:
        return Block, self.fields()

    def renumbered(self, index: int, row: int | None) -> Block:
        """This block at ``index`` in table row ``row`` (still deferred if it is)."""
        pending = self._pending
        if pending is not None:
            block = Block.deferred(index, self.kind, pending, self.footnote)
        else:
            block = Block(index, self.kind, self.text, self.offsets, self.links, self.footnote_refs)
            block.footnote = self.footnote
        block.row, block.column, block.header = row, self.column, self.header
        return block

    def moved(self, offset: int, index: int, row: int) -> Block:
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
        of the last one, so a trailing escape or entity is covered whole.
        """
        size = len(block.offsets)
        if not size:
            return self.span(0, 0)
        start = max(0, min(start, size - 1))
        first = block.offsets[start]
        last = block.offsets.end(max(start, min(end, size) - 1))
        return self.span(first, max(first, last))


# --------------------------------------------------------------------------- mistune


class _State(BlockState):
    """A block state that remembers where its tokens and children start.

    ``line0`` is the line of the parent's source that this state's line 0
    comes from; ``created_at`` is the parent's cursor when the child was made;
    ``kids`` are the child states in the order they were made. Defaults live on
    the class so that the many small states of a long list stay cheap.
    """

    line0: int | None = None
    root_line: int | None = None
    created_at = 0
    kids: list[_State] | tuple[()] = ()
    _counted = (0, 0)

    def child_state(self, src: str, lazy_line_starts: set[int] | None = None) -> _State:
        child = super().child_state(src, lazy_line_starts)
        child.created_at = self.cursor
        if self.kids:
            self.kids.append(child)
        else:
            self.kids = [child]
        return child

    def add_paragraph(self, text: str) -> None:
        tokens = self.tokens
        if tokens and tokens[-1]["type"] == "paragraph":
            tokens[-1]["text"] += text
        else:
            tokens.append({"type": "paragraph", "text": text, "_at": self.cursor})

    def append_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_at", self.cursor)
        self.tokens.append(token)

    def prepend_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_at", self.cursor)
        self.tokens.insert(len(self.tokens) - 1, token)

    def line_of(self, pos: int) -> int:
        """0-based line of ``pos`` in this state's source (incremental count)."""
        last, line = self._counted
        if pos >= last:
            line += self.src.count("\n", last, pos)
        else:
            line -= self.src.count("\n", pos, last)
        self._counted = (pos, line)
        return line


class _CachedScanners:
    """mistune's scanners (one alternation of its rules' patterns, built on first use in
    each process) compiled through citelint's program cache: a one-file check spent
    more time compiling them than parsing the file. Same keys, patterns and flags as
    mistune's own `compile_sc`, forgotten as its are when a rule is registered."""

    specification: dict[str, str]
    rules: list[str]
    sc_flag: int

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._scanners: dict[str, re.Pattern[str]] = {}  # before mistune registers rules
        super().__init__(*args, **kwargs)

    def register(self, *args: Any, **kwargs: Any) -> None:
        self._scanners.clear()
        super().register(*args, **kwargs)  # type: ignore[misc]

    def compile_sc(self, rules: list[str] | None = None) -> re.Pattern[str]:
        key = "$" if rules is None else "|".join(rules)
        scanner = self._scanners.get(key)
        if scanner is None:
            spec, names = self.specification, self.rules if rules is None else rules
            regex = "|".join(rf"(?P<{name}>{spec[name]})" for name in names)
            scanner = self._scanners[key] = regexes.compile(regex, self.sc_flag)
        return scanner


class _BlockParser(_CachedScanners, BlockParser):
    """mistune's block parser, recording where container children start."""

    def parse_block_quote(self, m: re.Match[str], state: BlockState) -> int:
        assert isinstance(state, _State)
        line = state.line_of(state.cursor)
        end = super().parse_block_quote(m, state)
        # extract_block_quote may parse a following block first, but the
        # quote's own child is always the last one made on this state.
        state.kids[-1].line0 = line
        return end

    def parse_list(self, m: re.Match[str], state: BlockState) -> int:
        assert isinstance(state, _State)
        marker = state.cursor
        first = len(state.kids)
        end = super().parse_list(m, state)
        for kid in state.kids[first:]:
            if kid.line0 is not None:  # a block quote that ended the list
                continue
            # An item whose marker line has no text starts on the next line.
            blank = _BLANK_ITEM_LINE.match(state.src, marker) is not None
            kid.line0 = state.line_of(marker) + blank
            # The next item's marker line is the last line read for this one.
            marker = state.src.rfind("\n", 0, max(kid.created_at - 1, 0)) + 1
        return end

    def parse_raw_html(self, m: re.Match[str], state: BlockState) -> int | None:
        start, count = state.cursor, len(state.tokens)
        end = super().parse_raw_html(m, state)
        if end and len(state.tokens) > count and state.tokens[-1]["type"] == "block_html":
            state.tokens[-1]["_at"] = start
        return end


def _record_footnote(block: BlockParser, m: re.Match[str], state: BlockState) -> int:
    """Parse a footnote definition as mistune does, remembering where it is."""
    key = unikey(m.group("footnote_key"))
    seen = state.env.setdefault("_citelint_footnotes", {})
    if key not in seen:
        seen[key] = (m.group("footnote_key"), state, m.start("footnote_text"))
    return parse_ref_footnote(block, m, state)


class _InlineParser(_CachedScanners, InlineParser):
    """mistune's inline parser, keeping its trigger regex instead of re-sorting
    the trigger characters at every text run (same result, faster)."""

    def __init__(self) -> None:
        super().__init__()
        self._trigger_chars: set[str] | None = None

    def _get_fast_trigger_re(self, chars: set[str]) -> re.Pattern[str]:
        if self._fast_trigger_re is None or self._trigger_chars is not chars:
            self._trigger_chars = chars
            return super()._get_fast_trigger_re(chars)
        return self._fast_trigger_re


def _markdown() -> mistune.Markdown:
    md = mistune.Markdown(renderer=None, block=_BlockParser(), inline=_InlineParser())
    for name in _PLUGINS:
        md.use(mistune.plugins.import_plugin(name))
    md.block.register("ref_footnote", REF_FOOTNOTE, _record_footnote, before="ref_link")
    return md


_MD = _markdown()
# The characters that can start an inline token (mistune 3.4 keeps this set).
_TRIGGERS = getattr(_MD.inline, "_get_fast_trigger_chars", lambda: None)()
_PLAIN = regexes.compile("[" + re.escape("".join(sorted(_TRIGGERS))) + "]") if _TRIGGERS else None


def _inline_tokens(src: str, env: Any) -> list[dict[str, Any]]:
    """mistune's inline tokens for ``src``. Text without any of the inline
    parser's trigger characters is one text token, exactly what the parse
    would return, so the parse is skipped (most table cells, many list items)."""
    if _PLAIN is not None and _PLAIN.search(src) is None:
        return [{"type": "text", "raw": src}]
    return _MD.inline(src, env)


# --------------------------------------------------------------------------- parse


def parse(text: str) -> Document:
    """Parse Markdown into prose blocks with exact positions.

    Never raises: if mistune or the alignment fails on some input (e.g.
    pathological nesting), the document degrades to plain paragraphs.
    """
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a linter must survive any input
        lines = _Lines(text)
        return _Parser(text, lines, front_matter_end(text)).plain_document()


def _parse(text: str) -> Document:
    """Parse without the safety net, so tests see every failure."""
    return _Parser(text, _Lines(text), front_matter_end(text)).document()


# --------------------------------------------------------------------------- parts
#
# The language server re-parses only the part of a draft that changed. A part is
# parsed alone, with the document-wide definitions it cannot see fed in, and its
# blocks are moved to where the part starts (see incremental.py for where parts
# may be cut and why a part parsed alone equals its share of the whole parse).


class Outline(NamedTuple):
    """A block-level parse of one part: the definitions it makes, in order, and
    whether it ends between blocks (its last token is the blank lines it ends with,
    so nothing in it is left open for the text after it)."""

    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    footnotes: tuple[str, ...]
    closed: bool


def outline(text: str, first: bool) -> Outline:
    """The outline of a part; ``first`` when it starts the document (front matter)."""
    front = front_matter_end(text) if first else 0
    root = _Parser(text, _Lines(text), front).block_tree()
    tokens = root.tokens
    body = root.src
    trailing = len(body.rstrip(" \t\v\f\n"))
    trailing = body.find("\n", trailing) + 1 if trailing < len(body) else len(body)
    closed = bool(tokens) and tokens[-1]["type"] == "blank_line"
    closed = closed and tokens[-1].get("_at") == trailing
    links = tuple(
        (key, tuple(sorted(value.items()))) for key, value in root.env["ref_links"].items()
    )
    footnotes = tuple(root.env.get("ref_footnotes") or ())
    _release(root)
    return Outline(links, footnotes, closed)


def parse_part(
    text: str,
    first: bool,
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...],
    foreign: frozenset[str],
) -> Document:
    """Parse one part of a document, positions relative to the part.

    ``links`` are the document's link reference definitions (first wins) and
    ``foreign`` the footnote keys defined outside this part or earlier in the
    document: references to them resolve, definitions of them are not this
    part's to parse. Raises when mistune or the alignment fails.
    """
    parser = _Parser(text, _Lines(text), front_matter_end(text) if first else 0)
    parser.links = {key: dict(value) for key, value in links}
    parser.foreign = foreign
    return parser.document()


class _Lines:
    """Line starts and ends of the original text (CRLF, CR, LF each one break)."""

    __slots__ = ("text", "starts", "ends", "last")

    def __init__(self, text: str) -> None:
        if "\r" in text:
            starts = [0]
            starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
            ends = [s - 2 if text.startswith("\r\n", s - 2) else s - 1 for s in starts[1:]]
            ends.append(len(text))
        else:  # the usual case, in C loops: each line ends where its length says
            lengths = list(map(len, text.split("\n")))
            starts = list(accumulate(map((1).__add__, lengths[:-1]), initial=0))
            ends = list(map(add, starts, lengths))
        self.text = text
        self.starts = tuple(starts)
        self.ends = tuple(ends)
        self.last = len(starts) - 1

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


def front_matter_end(text: str) -> int:
    """Offset where the body starts after YAML ``---`` or TOML ``+++`` front matter."""
    opener = _FRONT_MATTER_OPEN.match(text)
    if not opener:
        return 0
    close = (_YAML_CLOSE if opener.group(1) == "---" else _TOML_CLOSE).search(text, opener.end())
    return close.end() if close else 0


def _release(root: _State) -> None:
    """Unlink a state tree once read. A child points to its parent and the parent to its
    kids, and the tree's env to the states footnotes were defined in, so the tree and
    its tokens waited for the cyclic collector (~100 objects per file) where reference
    counting now frees them at once."""
    root.env.pop("_citelint_footnotes", None)
    stack = [root]
    while stack:
        state = stack.pop()
        if state.kids:
            stack.extend(state.kids)
            del state.kids


class _Parser:
    """One parse of one document: walks mistune's block tree into Blocks."""

    def __init__(self, text: str, lines: _Lines, front: int) -> None:
        self.text = text
        self.lines = lines
        self.front = front
        self.blocks: list[Block] = []
        self.anchors: list[int] = []  # source offset of each block, for ordering
        self.prose: set[int] = set()
        self.comments: list[tuple[int, int, str]] = []  # line, offset, text
        self.rows = 0
        # Definitions made elsewhere in the document, when this is one part of it.
        self.links: dict[str, dict[str, str]] = {}
        self.foreign: frozenset[str] = frozenset()

    def block_tree(self) -> _State:
        body = self.text[self.front :].replace("\r\n", "\n").replace("\r", "\n")
        if not body.endswith("\n"):
            body += "\n"
        root = _State()
        root.env["ref_links"].update(self.links)
        if self.foreign:
            root.env["ref_footnotes"] = dict.fromkeys(self.foreign, "")
        root.process(body)
        root.root_line = self.lines.line(self.front)
        _MD.block.parse(root)
        return root

    def document(self) -> Document:
        root = self.block_tree()
        self._walk(root.tokens, root, None)
        self._footnotes(root)
        _release(root)
        return self._finish()

    def plain_document(self) -> Document:
        """Fallback: every run of non-blank lines is a paragraph, copied verbatim."""
        builder: _Builder | None = None
        starts, ends = self.lines.starts, self.lines.ends
        for line in range(self.lines.line(self.front), len(starts)):
            if not self.text[starts[line] : ends[line]].strip():
                if builder:
                    self._add(builder, "paragraph")
                builder = None
                continue
            if builder is None:
                builder = _Builder(self.text, self.lines)
                builder.anchor, builder.first_line = starts[line], line
            else:
                builder.line_break(line - 1)
            builder.verbatim_source(starts[line], ends[line])
            builder.last_line = line
        if builder:
            self._add(builder, "paragraph")
        return self._finish()

    # -- block tree

    def _walk(self, tokens: list[dict[str, Any]], state: _State, footnote: str | None) -> None:
        kids = {id(kid.tokens): kid for kid in state.kids} if state.kids else {}
        for token in tokens:
            kind = token["type"]
            if kind in _PROSE_LEAVES:
                line = self._root_line(state, token.get("_at", 0))
                atx = kind == "heading" and token.get("style") == "atx"
                self._leaf(token.get("text", ""), line, state.env, footnote, kind, atx)
            elif kind == "table":
                self._table(token, state, footnote)
            elif kind == "block_html":
                line = self._root_line(state, token.get("_at", 0))
                raw = token.get("raw", "")
                for start, comment in _comments(raw):
                    number = min(line + raw.count("\n", 0, start), self.lines.last)
                    column = start - raw.rfind("\n", 0, start) - 1
                    self.comments.append((number + 1, self.lines.starts[number] + column, comment))
            elif kind == "list":
                for item in token.get("children", ()):
                    self._container(item.get("children", []), kids, state, token, footnote)
            elif kind == "block_quote":
                self._container(token.get("children", []), kids, state, token, footnote)

    def _container(
        self,
        children: list[dict[str, Any]],
        kids: dict[int, _State],
        state: _State,
        token: dict[str, Any],
        footnote: str | None,
    ) -> None:
        child = kids.get(id(children))
        if child is None:  # unknown origin: keep the prose, approximate lines
            child = _State(state)
            child.root_line = self._root_line(state, token.get("_at", 0))
        self._walk(children, child, footnote)

    def _root_line(self, state: _State, pos: int) -> int:
        line = _state_root_line(state) + state.line_of(pos)
        return line if line <= self.lines.last else self.lines.last

    def _leaf(
        self, text: str, line: int, env: Any, footnote: str | None, kind: str, atx: bool
    ) -> None:
        src = text.strip(" \r\n\t\f")
        if text[:1] in " \r\n\t\f":  # leading blank lines move the start down
            line += text.count("\n", 0, text.find(src[:1]) if src else len(text))
        kind = "heading" if kind == "heading" else "paragraph"
        pending = _Pending(self.text, self.lines, src, line, atx, env)
        if footnote is None and src and not _MARKUP_KEPT.search(src) and not could_hold_number(src):
            self._defer(pending, kind)
        else:
            self._add(pending.builder(), kind, footnote)

    def _table(self, token: dict[str, Any], state: _State, footnote: str | None) -> None:
        """One block per cell; rows are consecutive lines, the delimiter row skipped."""
        at = token.get("_at", 0)
        first = self._root_line(state, at)
        head, body = token["children"][0], token["children"][1]
        rows = [head["children"]] + [row["children"] for row in body["children"]]
        headers: list[str] = []
        pos = at  # where the row starts in the table's own state
        for number, cells in enumerate(rows):
            line = min(first + (number + 1 if number else 0), self.lines.last)
            self.rows += 1
            cursor, pos = self._row_start(state, pos, line)
            if not number:  # the delimiter row
                pos = state.src.find("\n", pos) + 1
            line_end = self.lines.ends[line]
            for column, cell in enumerate(cells):
                raw = cell.get("text", "").strip(" \r\n\t\f")
                found = self.text.find(raw, cursor, line_end) if raw else -1
                start = found if found >= 0 else cursor
                builder = _Builder(self.text, self.lines)
                builder.map_single(raw, start, line)
                if raw:
                    builder.inline(_inline_tokens(raw, state.env))
                header = None
                if number:
                    header = headers[column] if column < len(headers) else None
                block = self._add(builder, "table_cell", footnote, self.rows, column, header)
                if not number:
                    headers.append(block.text)
                if found >= 0:
                    cursor = start + len(raw)

    def _row_start(self, state: _State, pos: int, line: int) -> tuple[int, int]:
        """Where the row at ``state.src[pos]`` starts in the original ``line``,
        after any container prefix; and where the next line starts in the state."""
        stop = state.src.find("\n", pos)
        stop = len(state.src) if stop < 0 else stop
        row = state.src[pos:stop].strip(_WS)
        start = self.lines.starts[line]
        end = _content_end(self.text, start, self.lines.ends[line])
        if end - len(row) >= start and self.text.startswith(row, end - len(row)):
            start = end - len(row)
        return start, stop + 1

    def _add(
        self,
        builder: _Builder,
        kind: str,
        footnote: str | None = None,
        row: int | None = None,
        column: int | None = None,
        header: str | None = None,
    ) -> Block:
        text, offsets, links, refs = builder.finish()
        if builder.comments:
            self.comments.extend(builder.comments)
        if text:
            self._prose(builder.first_line, builder.last_line)
        block = Block(
            len(self.blocks), kind, text, offsets, links, refs, row, column, header, footnote
        )
        self.blocks.append(block)
        self.anchors.append(builder.anchor)
        return block

    def _defer(self, pending: _Pending, kind: str) -> None:
        """Add a numberless block, its text built when first read. Its source has text
        (so the text is not empty: every line is prose) and none of `_MARKUP_KEPT`,
        so it adds no comment."""
        line = pending.line
        self._prose(line, min(line + pending.src.count("\n"), self.lines.last))
        self.blocks.append(Block.deferred(len(self.blocks), kind, pending, None))
        self.anchors.append(self.lines.starts[line])

    def _prose(self, first: int, last: int) -> None:
        """Lines `first` to `last` (0-based) hold prose."""
        if first == last:
            self.prose.add(first + 1)
        else:
            self.prose.update(range(first + 1, last + 2))

    # -- footnotes

    def _footnotes(self, root: _State) -> None:
        """Parse every footnote definition (mistune only renders referenced ones)."""
        defined: dict[str, str] = root.env.get("ref_footnotes") or {}
        where = root.env.get("_citelint_footnotes", {})
        for key, text in defined.items():
            if key in self.foreign:
                continue
            written, state, pos = where[key]
            line = self._root_line(state, pos)
            lines = text.splitlines()
            second = next((x for x in lines[1:] if x), None)
            if second:
                indent = len(second) - len(second.lstrip())
                body = re.sub(r"^ {" + str(indent) + r",}", "", text, flags=re.M)
                child = root.child_state(body.strip() + "\n")
                child.root_line = line + body.count("\n", 0, len(body) - len(body.lstrip()))
                _MD.block.parse(child)
                self._walk(child.tokens, child, written)
            else:
                self._leaf(text, line, root.env, written, "paragraph", False)

    # -- result

    def _finish(self) -> Document:
        blocks, anchors = self.blocks, self.anchors
        if any(a > b for a, b in zip(anchors, anchors[1:], strict=False)):
            # Footnote definitions were parsed last: put every block at its place,
            # and number table rows in that order (so parts number them alike).
            order = sorted(range(len(blocks)), key=anchors.__getitem__)
            rows: dict[int, int] = {}
            for old in order:
                if blocks[old].row is not None:
                    rows.setdefault(blocks[old].row, len(rows) + 1)
            blocks = [
                _placed(blocks[old], new, rows.get(blocks[old].row))
                for new, old in enumerate(order)
            ]
        return Document(
            text=self.text,
            blocks=tuple(blocks),
            footnotes=_footnote_texts(blocks),
            front_matter_end=self.front,
            prose_lines=frozenset(self.prose),
            comments=tuple((line, text) for line, _, text in sorted(self.comments)),
            _line_starts=self.lines.starts,
        )


def _placed(block: Block, index: int, row: int | None) -> Block:
    """`block` at `index`, in table row `row`: a copy only when either changes
    (`replace` costs microseconds, and a long draft has tens of thousands of blocks)."""
    if block.index == index and block.row == row:
        return block
    return block.renumbered(index, row)


def _footnote_texts(blocks: Sequence[Block]) -> dict[str, str]:
    notes: dict[str, list[str]] = {}
    for block in blocks:
        if block.footnote is not None:
            notes.setdefault(block.footnote.lower(), []).append(block.text)
    return {key: "\n".join(parts) for key, parts in notes.items()}


def assemble(
    text: str,
    front_matter_end: int,
    blocks: tuple[Block, ...],
    prose_lines: frozenset[int],
    comments: tuple[tuple[int, str], ...],
) -> Document:
    """The document made of parts parsed apart, their blocks, lines and comments
    already moved to where each part starts."""
    return Document(
        text=text,
        blocks=blocks,
        footnotes=_footnote_texts(blocks),
        front_matter_end=front_matter_end,
        prose_lines=prose_lines,
        comments=comments,
        _line_starts=_Lines(text).starts,
    )


def _content_end(text: str, start: int, end: int) -> int:
    """End of ``text[start:end]`` without trailing blanks."""
    while end > start and text[end - 1] in _WS:
        end -= 1
    return end


def _comments(html: str) -> Iterator[tuple[int, str]]:
    """Every complete ``<!-- … -->`` in an HTML block, with its start (linear scan)."""
    start = html.find("<!--")
    while start >= 0:
        if html.startswith(("<!-->", "<!--->"), start):
            end = html.find(">", start + 4) + 1
        else:
            end = html.find("-->", start + 4) + 3
            if end < 3:
                return
        yield start, html[start:end]
        start = html.find("<!--", end)


def _state_root_line(state: _State) -> int:
    """The original line of ``state``'s line 0, through its chain of parents."""
    chain = []
    while state.root_line is None:
        chain.append(state)
        state = state.parent
    line = state.root_line
    for child in reversed(chain):
        parent = child.parent
        if child.line0 is None:  # a child mistune made some other way
            child.line0 = parent.line_of(child.created_at)
        line = parent.root_line + child.line0
        child.root_line = line
    return line


# --------------------------------------------------------------------------- inline


class _Pending(NamedTuple):
    """What a prose block's text, offsets, links and footnote refs are built from:
    the document, the ``src`` mistune's inline parser reads, the line it starts on."""

    text: str
    lines: _Lines
    src: str
    line: int
    atx: bool  # an ATX heading, whose text follows its "#" run
    env: Any  # the block parser's: reference links and footnotes
    shift: int = 0  # where ``text`` starts in the document (a part's place in it)

    def builder(self) -> _Builder:
        builder = _Builder(self.text, self.lines)
        if self.atx:
            builder.map_heading(self.src, self.line)
        else:
            builder.map_lines(self.src, self.line)
        if self.src:
            builder.inline(_inline_tokens(self.src, self.env))
        return builder

    def build(self) -> tuple[str, Offsets, tuple[Link, ...], tuple[FootnoteRef, ...]]:
        text, offsets, links, refs = self.builder().finish()
        return text, offsets.shifted(self.shift) if self.shift else offsets, links, refs


class _Builder:
    """Builds one block's text, offsets, links and footnote refs from its inline tokens.

    ``src`` is the exact string mistune's inline parser read. In the usual
    case it is one verbatim slice of the original (``_single``) and
    ``src[i]`` is at ``i + _delta``; otherwise ``_deltas[k]`` maps line ``k``.
    ``first_line`` and ``last_line`` are the original lines (0-based) it spans.
    """

    __slots__ = (
        "text", "lines", "src", "cur", "anchor", "first_line", "last_line", "_single",
        "_delta", "_line_starts", "_deltas", "_root_lines", "parts", "length", "starts",
        "origins", "ends", "links", "refs", "comments", "emit", "in_link",
    )  # fmt: skip

    def __init__(self, text: str, lines: _Lines) -> None:
        self.text = text
        self.lines = lines
        self.src = ""
        self.cur = self.anchor = self.first_line = self.last_line = self.length = 0
        self._single, self._delta = True, 0
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.ends: list[int] = []
        self.links: list[Link] = []
        self.refs: list[FootnoteRef] = []
        self.comments: list[tuple[int, int, str]] = []  # line, offset, text
        self.emit = True
        self.in_link = False

    # -- mapping src to the original text

    def map_single(self, src: str, origin: int, line: int) -> None:
        """``src`` is copied verbatim from ``origin`` (on ``line``) on, newlines included."""
        self.src, self.anchor, self._delta = src, origin, origin
        self.first_line = line
        self.last_line = line + src.count("\n") if "\n" in src else line

    def map_heading(self, src: str, line: int) -> None:
        """An ATX heading: its text follows the opening ``#`` run on ``line``."""
        start, end = self.lines.starts[line], self.lines.ends[line]
        hashes = self.text.find("#", start, end)
        if hashes >= 0 and "\n" not in src:
            while hashes < end and self.text[hashes] == "#":
                hashes += 1
            found = self.text.find(src, hashes, end) if src else hashes
            if found >= 0:
                self.map_single(src, found, line)
                self.anchor = start
                return
        self.map_lines(src, line)

    def map_lines(self, src: str, line: int) -> None:
        """Map each line of ``src`` to the original line it is a suffix of.

        mistune only strips container prefixes and expands leading tabs, so
        without leading and trailing blanks a line of ``src`` ends where its
        source line ends. Usually the whole block is one verbatim slice.
        """
        text, lines = self.text, self.lines
        line_start = lines.starts[line]
        end = lines.ends[line]
        if end > line_start and text[end - 1] in _WS:
            end = _content_end(text, line_start, end)
        newline = src.find("\n")
        origin = end - (len(src) if newline < 0 else len(src[:newline].rstrip(_WS)))
        if origin >= line_start and text.startswith(src, origin):
            self.map_single(src, origin, line)
            self.anchor = line_start
            return
        self.src, self.anchor, self._single = src, line_start, False
        starts = [0]
        while newline >= 0:
            starts.append(newline + 1)
            newline = src.find("\n", newline + 1)
        deltas, roots = [], []
        for k, begin in enumerate(starts):
            stop = starts[k + 1] - 1 if k + 1 < len(starts) else len(src)
            root = min(line + k, lines.last)
            line_start = lines.starts[root]
            end = _content_end(text, line_start, lines.ends[root])
            piece = src[begin:stop]
            core = piece.strip(_WS)
            lead = len(piece) - len(piece.lstrip(_WS))
            origin = end - len(core)
            if origin < line_start or not text.startswith(core, origin):
                found = text.find(core, line_start, end) if core else -1
                origin = found if found >= 0 else line_start
            deltas.append(origin - begin - lead)
            roots.append(root)
        self._line_starts, self._deltas, self._root_lines = starts, deltas, roots
        self.first_line, self.last_line = line, roots[-1]

    def origin(self, index: int) -> int:
        """Original offset of ``src[index]``."""
        if self._single:
            return index + self._delta
        return index + self._deltas[bisect_right(self._line_starts, index) - 1]

    def _break_at(self, newline: int) -> None:
        """One space for the line break at ``src[newline]``."""
        if self._single:
            origin = newline + self._delta
            self._put_atom(" ", origin, origin + 1)
        else:
            self.line_break(self._root_lines[bisect_right(self._line_starts, newline) - 1])

    # -- output

    def _put_verbatim(self, piece: str, origin: int) -> None:
        ends = self.ends
        if not (
            ends and ends[-1] < 0 and self.origins[-1] + self.length - self.starts[-1] == origin
        ):
            self.starts.append(self.length)
            self.origins.append(origin)
            ends.append(-1)
        self.parts.append(piece)
        self.length += len(piece)

    def _put_atom(self, piece: str, origin: int, end: int) -> None:
        self.starts.append(self.length)
        self.origins.append(origin)
        self.ends.append(max(end, origin + 1))
        self.parts.append(piece)
        self.length += len(piece)

    def verbatim_source(self, start: int, end: int) -> None:
        """Copy ``text[start:end]`` (one line) as is; used by the fallback."""
        if end > start:
            self._put_verbatim(self.text[start:end], start)

    def line_break(self, root_line: int) -> None:
        """One space standing for the line break that ends ``root_line``."""
        end = self.lines.ends[root_line]
        after = self.lines.starts[root_line + 1] if root_line < self.lines.last else end + 1
        self._put_atom(" ", end, after)

    def _copy(self, start: int, end: int) -> None:
        """Copy ``src[start:end]``: entities decoded, bare URLs masked, newlines as spaces."""
        src = self.src
        while start < end:
            newline = src.find("\n", start, end)
            stop = end if newline < 0 else newline
            if src.find("http", start, stop) >= 0 or src.find("www.", start, stop) >= 0:
                self._copy_urls(start, stop)
            elif src.find("&", start, stop) >= 0:
                self._copy_entities(start, stop)
            else:
                self._put_verbatim(src[start:stop], self.origin(start))
            if newline < 0:
                return
            self._break_at(newline)
            start = newline + 1

    def _copy_urls(self, start: int, end: int) -> None:
        """Mask bare ``http(s)://`` URLs as mistune's url plugin reads them, and ``www.``
        ones (GFM autolinks)."""
        for m in _BARE_URL.finditer(self.src, start, end):
            self._copy_entities(start, m.start())
            if self.emit and not self.in_link:
                self.links.append(Link(self.length, self.length + 1, escape_url(m.group())))
            self._mask(m.start(), m.end())
            start = m.end()
        self._copy_entities(start, end)

    def _copy_entities(self, start: int, end: int) -> None:
        if start >= end:
            return
        for m in _ENTITY.finditer(self.src, start, end):
            decoded = _decode_entity(m.group())
            if decoded is None:
                continue
            if m.start() > start:
                self._put_verbatim(self.src[start : m.start()], self.origin(start))
            origin = self.origin(m.start())
            self._put_atom(decoded, origin, self.origin(m.end() - 1) + 1)
            start = m.end()
        if end > start:
            self._put_verbatim(self.src[start:end], self.origin(start))

    def _mask(self, start: int, end: int) -> None:
        """One U+FFFC for the non-prose ``src[start:end]``."""
        origin = self.origin(start)
        self._put_atom(MASK, origin, self.origin(max(end - 1, start)) + 1)

    # -- token walk

    def inline(self, tokens: list[dict[str, Any]]) -> None:
        self._walk(tokens)

    def _walk(self, tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            kind = token["type"]
            if kind == "text":
                self._text(token["raw"])
            elif kind == "link":
                self._link(token)
            elif kind == "image":
                self._image(token)
            elif kind == "codespan":
                self._codespan()
            elif kind in ("softbreak", "linebreak"):
                self._break()
            elif kind == "inline_html":
                self._html(token["raw"])
            elif kind == "footnote_ref":
                self._footnote_ref()
            elif "children" in token:  # emphasis, strong, strikethrough
                self._walk(token["children"])

    def _skip_delimiters(self, pos: int) -> int:
        src, size = self.src, len(self.src)
        while pos < size and src[pos] in _EMPHASIS_DELIMITERS:
            pos += 1
        return pos

    def _text(self, raw: str) -> None:
        src, cur = self.src, self.cur
        if not raw:
            return
        start = -1
        if "\\" not in raw:  # a backslash in the text may be an escaped one
            if src.startswith(raw, cur):
                start = cur
            else:  # emphasis delimiters may stand before the text
                for pos in range(cur + 1, self._skip_delimiters(cur) + 1):
                    if src.startswith(raw, pos):
                        start = pos
                        break
        if start < 0:
            self._text_escaped(raw)
            return
        end = start + len(raw)
        if self.emit:
            if (
                self._single
                and "\n" not in raw
                and "&" not in raw
                and "http" not in raw
                and "www." not in raw
            ):
                self._put_verbatim(raw, start + self._delta)  # the common case, inlined
            else:
                self._copy(start, end)
        self.cur = end

    def _text_escaped(self, raw: str) -> None:
        """Align text whose source has backslash escapes (or skipped delimiters).

        In inline source a backslash before ASCII punctuation is always an
        escape, so it is read as one before trying a literal match.
        """
        src, pos, size = self.src, self.cur, len(self.src)
        i = 0
        while i < len(raw):
            char = raw[i]
            if pos + 1 < size and src[pos] == "\\" and src[pos + 1] in _PUNCTUATION:
                if src[pos + 1] == char:
                    if self.emit:
                        self._put_atom(char, self.origin(pos), self.origin(pos + 1) + 1)
                    i += 1
                pos += 2  # an escape the text does not hold: step over it
            elif pos < size and src[pos] == char:
                run = pos + 1
                i += 1
                while i < len(raw) and run < size and src[run] == raw[i] != "\\":
                    run += 1
                    i += 1
                if self.emit:
                    self._copy(pos, run)
                pos = run
            elif pos < size and src[pos] in _EMPHASIS_DELIMITERS:
                pos += 1
            else:  # cannot align: keep the text, pinned to the cursor
                if self.emit:
                    origin = self.origin(min(pos, max(size - 1, 0)))
                    self._put_atom(raw[i:], origin, origin + 1)
                break
        self.cur = pos

    def _break(self) -> None:
        newline = self.src.find("\n", self.cur)
        if newline < 0:
            return
        if self.emit:
            self._break_at(newline)
        self.cur = _BREAK_WS.match(self.src, newline + 1).end()

    def _codespan(self) -> None:
        src = self.src
        start = src.find("`", self.cur)
        if start < 0:
            return
        stop = start
        while stop < len(src) and src[stop] == "`":
            stop += 1
        size = stop - start
        close = _closing_backticks(size).search(src, stop)
        end = close.end() if close else stop
        if self.emit:
            self._mask(start, end)
        self.cur = end

    def _html(self, raw: str) -> None:
        start = self.src.find(raw, self.cur) if raw else -1
        if start < 0:
            return
        end = start + len(raw)
        if self.emit:
            self._mask(start, end)
            if raw.startswith("<!--"):
                origin = self.origin(start)
                self.comments.append((self.lines.line(origin) + 1, origin, raw))
        self.cur = end

    def _footnote_ref(self) -> None:
        start = self.src.find("[^", self.cur)
        close = self.src.find("]", start + 2) if start >= 0 else -1
        if close < 0:
            return
        if self.emit:
            self.refs.append(FootnoteRef(self.length, self.src[start + 2 : close]))
        self.cur = close + 1

    def _link(self, token: dict[str, Any]) -> None:
        src = self.src
        url = token.get("attrs", {}).get("url", "")
        start = self._skip_delimiters(self.cur)
        if src.startswith("<", start):  # <https://…> or <a@b.c>: the URL is not prose
            end = src.find(">", start) + 1 or start + 1
            if self.emit:
                self.links.append(Link(self.length, self.length + 1, url))
                self._mask(start, end)
            self.cur = end
            return
        first = self.length
        self.cur = src.find("[", self.cur) + 1 or self.cur
        self.in_link = True
        self._walk(token.get("children", []))
        self.in_link = False
        self.cur = self._link_tail(token)
        if self.emit:
            self.links.append(Link(first, self.length, url))

    def _image(self, token: dict[str, Any]) -> None:
        start = self.src.find("![", self.cur)
        if start < 0:
            return
        emit, self.emit = self.emit, False
        self.cur = start + 2
        self._walk(token.get("children", []))
        self.cur = self._link_tail(token)
        self.emit = emit
        if emit:
            self._mask(start, self.cur)

    def _link_tail(self, token: dict[str, Any]) -> int:
        """Step over ``](dest "title")``, ``][label]``, ``][]`` or ``]``."""
        src = self.src
        close = src.find("]", self.cur)
        if close < 0:
            return self.cur
        end = close + 1
        if "ref" in token:
            if src.startswith("[", end):
                label, after = parse_link_label(src, end + 1)
                if label is not None and after is not None:
                    end = after
        elif src.startswith("(", end):
            _, after = parse_link(src, end + 1)
            if after is not None:
                end = after
        return end

    # -- result

    def finish(self) -> tuple[str, Offsets, tuple[Link, ...], tuple[FootnoteRef, ...]]:
        text = "".join(self.parts)
        offsets = Offsets(self.starts, self.origins, self.ends, self.length)
        links = tuple(self.links) if self.links else ()
        refs = tuple(self.refs) if self.refs else ()
        brackets = "\\(" in self.src or "\\[" in self.src
        if "$" in text or brackets:
            return _mask_math(text, offsets, self.text, links, refs, brackets)
        return text, offsets, links, refs


_BACKTICK_RUNS: dict[int, re.Pattern[str]] = {}


def _closing_backticks(size: int) -> re.Pattern[str]:
    pattern = _BACKTICK_RUNS.get(size)
    if pattern is None:
        pattern = _BACKTICK_RUNS[size] = regexes.compile(f"(?<!`)`{{{size}}}(?!`)")
    return pattern


def _decode_entity(entity: str) -> str | None:
    """The character(s) of an HTML entity, or None when CommonMark keeps it literal."""
    if entity[1] == "#":
        return unescape(entity)
    return html5.get(entity[1:])


# --------------------------------------------------------------------------- math


def _mask_math(
    text: str,
    offsets: Offsets,
    source: str,
    links: tuple[Link, ...],
    refs: tuple[FootnoteRef, ...],
    brackets: bool = False,
) -> tuple[str, Offsets, tuple[Link, ...], tuple[FootnoteRef, ...]]:
    """Replace TeX math by one U+FFFC: ``\\(…\\)`` and ``\\[…\\]`` (when ``brackets``:
    the block's source holds such an escape), then ``$`` math by Pandoc's rule.

    ``$$…$$`` is display math. ``$…$`` is inline math when the opening ``$``
    has a non-space on its right and the next ``$`` closes it: a non-space on
    its left and no digit on its right. So ``$165 billion and $558M`` stays
    prose. A ``$`` that came from an escape or entity never delimits.
    """
    spans = _bracket_math(text, offsets, source) if brackets else []
    dollars = [
        m.start()
        for m in _DOLLAR.finditer(text)
        if offsets.is_verbatim(m.start())
        and source[offsets[m.start()]] == "$"
        and not _inside(spans, m.start())
    ]
    if spans:
        dollar_spans = _dollar_math(text, dollars)
        spans = _disjoint(sorted(spans + dollar_spans)) if dollar_spans else spans
    else:
        spans = _dollar_math(text, dollars)
    if not spans:
        return text, offsets, links, refs
    return _apply_masks(text, offsets, spans, links, refs)


# The escaped brackets that open LaTeX math (\( inline, \[ display), with their closers.
_MATH_CLOSERS = {"(": ")", "[": "]"}
_MATH_OPENER = regexes.compile(r"[(\[]")


def _bracket_math(text: str, offsets: Offsets, source: str) -> list[tuple[int, int]]:
    """The spans of ``\\(…\\)`` and ``\\[…\\]``: math in many Markdown flavours
    (CommonMark reads the escapes as plain brackets). An opener with no closer is text."""
    spans: list[tuple[int, int]] = []
    end = 0
    unclosed: set[str] = set()  # openers with no escaped closer after them
    for m in _MATH_OPENER.finditer(text):
        start, opener = m.start(), m.group()
        if start < end or opener in unclosed or not _escaped(text, offsets, source, start):
            continue
        close = text.find(_MATH_CLOSERS[opener], start + 1)
        while close >= 0 and not _escaped(text, offsets, source, close):
            close = text.find(_MATH_CLOSERS[opener], close + 1)
        if close < 0:
            unclosed.add(opener)
            continue
        spans.append((start, close + 1))
        end = close + 1
    return spans


def _escaped(text: str, offsets: Offsets, source: str, index: int) -> bool:
    """Whether character ``index`` of the text was written as a backslash escape."""
    if offsets.is_verbatim(index):
        return False
    at = offsets[index]
    return source[at] == "\\" and source[at + 1 : at + 2] == text[index]


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether ``index`` falls in one of ``spans`` (sorted, disjoint)."""
    k = bisect_right(spans, (index, math.inf)) - 1
    return k >= 0 and index < spans[k][1]


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without those that start inside an earlier one ($…$ around \\(…\\))."""
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _dollar_math(text: str, dollars: list[int]) -> list[tuple[int, int]]:
    """The spans of ``$$…$$`` and ``$…$`` math, given the ``$`` that may delimit."""
    spans: list[tuple[int, int]] = []
    pairs = True  # whether a later $$ may still close display math
    i = 0
    while i + 1 < len(dollars):
        start, after = dollars[i], dollars[i + 1]
        if after == start + 1:  # $$ display math $$
            j = i + 2
            while pairs and j + 1 < len(dollars) and dollars[j + 1] != dollars[j] + 1:
                j += 1
            if pairs and j + 1 < len(dollars):
                spans.append((start, dollars[j + 1] + 1))
                i = j + 2
            else:
                pairs = False
                i += 2
            continue
        # The first $ after the opener closes the math, or there is none.
        if (
            not text[start + 1].isspace()
            and after > start + 1
            and not text[after - 1].isspace()
            and not text[after + 1 : after + 2].isdigit()
        ):
            spans.append((start, after + 1))
            i += 2
            continue
        i += 1
    return spans


def _apply_masks(
    text: str,
    offsets: Offsets,
    spans: list[tuple[int, int]],
    links: tuple[Link, ...],
    refs: tuple[FootnoteRef, ...],
) -> tuple[str, Offsets, tuple[Link, ...], tuple[FootnoteRef, ...]]:
    """Collapse each ``text[a:b]`` of ``spans`` (sorted, disjoint) to one U+FFFC."""
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    ends: list[int] = []
    kept: list[tuple[int, int]] = []  # text ranges that stay, between the masks
    previous = 0
    for a, b in spans:
        kept.append((previous, a))
        previous = b
    kept.append((previous, len(text)))
    length = run = 0
    runs = list(offsets.runs())
    for number, (a, b) in enumerate(kept):
        while run < len(runs) and runs[run][1] <= a:
            run += 1
        scan = run
        while scan < len(runs) and runs[scan][0] < b:
            run_start, run_stop, origin, end = runs[scan]
            lo, hi = max(a, run_start), min(b, run_stop)
            verbatim = offsets.is_verbatim(lo)
            starts.append(length)
            origins.append(origin + lo - run_start if verbatim else origin)
            ends.append(-1 if verbatim else end)
            pieces.append(text[lo:hi])
            length += hi - lo
            scan += 1
        if number < len(spans):
            a, b = spans[number]
            starts.append(length)
            origins.append(offsets[a])
            ends.append(offsets.end(b - 1))
            pieces.append(MASK)
            length += 1
    bounds = [a for a, _ in spans]
    shifts = [0]
    for a, b in spans:
        shifts.append(shifts[-1] + b - a - 1)

    def moved(index: int) -> int:
        k = bisect_right(bounds, index - 1)  # masks that start before index
        if k and index < spans[k - 1][1]:
            return spans[k - 1][0] - shifts[k - 1]
        return index - shifts[k]

    new_links = tuple(
        Link(moved(link.start), moved(link.end), link.url)
        for link in links
        if moved(link.start) < moved(link.end) or link.start == link.end
    )
    new_refs = tuple(FootnoteRef(moved(ref.at), ref.key) for ref in refs)
    return "".join(pieces), Offsets(starts, origins, ends, length), new_links, new_refs
