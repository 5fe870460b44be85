"""mistune 3 set up for the block walk. Its block state and block parser tag every
block token with the parser's cursor and every child state (block quote, list item,
footnote) with the line of its parent where its first line comes from; the footnote
rule remembers where each definition is; the scanners are compiled through citelint's
program cache; and a prose block's inline tokens skip the parse when its source holds
no trigger character."""

from __future__ import annotations

import re
from typing import Any

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.inline_parser import InlineParser
from mistune.plugins.footnotes import REF_FOOTNOTE, parse_ref_footnote
from mistune.util import unikey

from .. import regexes
from . import tables

# GFM bare URLs are found in text runs (inline._BARE_URL) rather than by mistune's
# url plugin, which makes every "h" a trigger character.
_PLUGINS = (
    "table",
    "mistune.plugins.table.table_in_quote",
    "mistune.plugins.table.table_in_list",
    "footnotes",
    "strikethrough",
)
# A line with no text after its list marker (if it has one): blanks to its end.
_BLANK_ITEM_LINE = regexes.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])?[^\S\n]*(?:\n|\Z)")


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
    md.block.register("table", None, tables.parse_table)  # the same rules, as GitHub reads
    md.block.register("nptable", None, tables.parse_nptable)
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
