"""TeX math in a block's text, masked once its inline text is built: ``\\(…\\)``,
``\\[…\\]`` and ``$`` math each become one U+FFFC, the block's links and footnote refs
moved to match."""

from __future__ import annotations

from bisect import bisect_right
from math import inf

from .. import regexes
from .nodes import MASK, FootnoteRef, Link, Offsets

_DOLLAR = regexes.compile(r"\$")


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
    k = bisect_right(spans, (index, inf)) - 1
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
