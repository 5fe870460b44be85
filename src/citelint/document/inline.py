"""One prose block's text, offsets, links and footnote refs, built from its inline
tokens aligned against the exact string mistune's inline parser read and mapped to the
lines of the original text (see the package docstring); for a numberless block, when
first read, from what `_Pending` keeps."""

import re
import string
from bisect import bisect_right
from html import unescape
from html.entities import html5
from itertools import accumulate
from operator import add
from typing import Any, NamedTuple

from mistune.helpers import parse_link, parse_link_label
from mistune.plugins.url import URL_LINK_PATTERN
from mistune.util import escape_url

from .. import regexes
from .markdown import _inline_tokens
from .math import _mask_math
from .nodes import MASK, FootnoteRef, Link, Offsets

_EMPHASIS_DELIMITERS = "*_~"
_PUNCTUATION = frozenset(string.punctuation)
_BREAK_WS = regexes.compile(r"\s*")
_LINE_BREAK_TAG = regexes.compile(r"<br\s*/?>", re.IGNORECASE)
# A numbered reference's text: "[1]", "[23]".
_NUMBERED = regexes.compile(r"\d{1,3}\]")
_SENTENCE_ENDS = frozenset(".!?")
# Where a figure ends, right before a numbered reference's "[": its digits, or a magnitude
# letter or two written onto them ("300", "US$619m", "$10bn").
_FIGURE_END = regexes.compile(r"\d[A-Za-z]{0,2}$")
# mistune's pattern for bare http(s) URLs, plus GFM's extended `www.` autolinks (after
# a space, "*", "_", "~" or "(", or at the start).
_BARE_URL = regexes.compile(
    URL_LINK_PATTERN.replace(r"https?:\/\/", r"(?:https?:\/\/|(?<![^\s*_~(])www\.(?=[\w-]))", 1)
)
_ENTITY = regexes.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]+;|[^\t\n\f <&#;]{1,32};)")


_WS = " \t\f\v"
_LINE_BREAK = regexes.compile(r"\r\n?|\n")


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


def _content_end(text: str, start: int, end: int) -> int:
    """End of ``text[start:end]`` without trailing blanks."""
    while end > start and text[end - 1] in _WS:
        end -= 1
    return end


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

    def builder(self) -> "_Builder":
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
        if self.emit and _LINE_BREAK_TAG.fullmatch(raw):
            # "<br>" breaks the line as a hard break does: a space, so that a sentence
            # ending before it ends ("… downloads.<br>US models …").
            self._put_atom(" ", self.origin(start), self.origin(end - 1) + 1)
        elif self.emit:
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
        bracket = src.find("[", self.cur)
        self.cur = bracket + 1 or self.cur
        numbered = self.emit and bracket >= 0 and _NUMBERED.match(src, self.cur) is not None
        marker = numbered and self.parts and self.parts[-1][-1:] in _SENTENCE_ENDS
        if marker:
            # A numbered reference after a sentence's end keeps its brackets, as a note
            # marker written as text does: "… of trading.[1] Reuters said …" ends there.
            self._put_verbatim("[", self.origin(bracket))
        elif numbered and self.parts and _FIGURE_END.search(self.parts[-1][-4:]):
            # A space for the "[" of a numbered reference glued to the text before it:
            # "more than 300[1]" is 300 and the reference, not 3001; "US$619m[1]" is
            # US$619m, not US$619 and "m1".
            self._put_atom(" ", self.origin(bracket), self.origin(bracket) + 1)
        first = self.length
        self.in_link = True
        self._walk(token.get("children", []))
        self.in_link = False
        last = self.length
        close = src.find("]", self.cur)
        if marker and close >= 0:
            self._put_verbatim("]", self.origin(close))
        self.cur = self._link_tail(token)
        if self.emit:
            self.links.append(Link(first, last, url))

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
