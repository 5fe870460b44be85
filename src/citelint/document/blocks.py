"""The block walk: one parse of a document, or of one part of it, walks mistune's
block tree (paragraphs, headings, tables, lists, block quotes, footnote definitions)
into `Block`s in source order, with the lines that hold prose and the HTML comments
that may switch rules off. Front matter is skipped; a parse that fails degrades to
plain paragraphs; parts parsed apart are assembled into the document."""

import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from .. import regexes
from ..numbers import could_hold_number
from .inline import _WS, _Builder, _content_end, _Lines, _Pending
from .markdown import _MD, _inline_tokens, _State
from .nodes import Block, Document

_PROSE_LEAVES = frozenset({"paragraph", "block_text", "heading"})
# Inline markup a block's source must not hold for its text to be built on demand:
# footnote refs ("[^"), links with no text ("[]"), images and, by their "!", HTML
# comments (which may switch rules off), escapes. Other links keep their text, and other
# inline HTML and autolinks are masked: a deferred block's text is never empty.
_MARKUP_KEPT = regexes.compile(r"[!\\]|\[[\]^]")
_FRONT_MATTER_OPEN = regexes.compile(r"(---|\+\+\+)[ \t]*(?:\r\n?|\n)")
_YAML_CLOSE = regexes.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|\Z)")
_TOML_CLOSE = regexes.compile(r"(?<=[\r\n])\+\+\+[ \t]*(?:\r\n?|\n|\Z)")


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
                if found < 0 and "<!--" in raw:
                    # A comment past the header's cells, joined to the last cell
                    # (`tables`): the cell starts where its own text does.
                    own = raw[: raw.index("<!--")].rstrip()
                    found = self.text.find(own, cursor, line_end) if own else -1
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
