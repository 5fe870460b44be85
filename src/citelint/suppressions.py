"""Inline control comments: where the author switched findings off (SPEC §5).

As in markdownlint::

    <!-- citelint-disable CL101 CL102 -->      off from this line on
    <!-- citelint-enable CL101 -->             on again from this line on
    <!-- citelint-disable-next-line CL201 -->  off on the next line that holds prose
    <!-- citelint-disable-line -->             off on the comment's own line
    <!-- citelint-disable-file CL101 -->       off in the whole file

No code means every code. Codes are separated by spaces or commas, are
case-insensitive, and may be prefixes (``CL2`` is every CL2xx) or rule names
(``missing-citation``). A token that names no rule is passed over, as in
markdownlint: it silences nothing (the finding it meant stays visible), and a
comment of such tokens only is not taken for "every code". The comments come
from the document layer, which only reports what Markdown reads as HTML comments
(never text inside code), so nothing here scans raw Markdown.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from . import regexes
from .document import Document
from .selectors import resolve

__all__ = ["Suppressions"]

_DIRECTIVE = regexes.compile(
    r"citelint-(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*)",
    re.S | re.I,
)
_SEPARATORS = regexes.compile(r"[\s,]+")
_EVERY = frozenset({""})  # the empty pattern is a prefix of every code
_EMPTY: Mapping = {}  # shared by every default, so never written to


class _History(NamedTuple):
    """When disable/enable comments set one code pattern: their lines, their
    order among all such comments, and whether they switched it off."""

    lines: tuple[int, ...]
    orders: tuple[int, ...]
    off: tuple[bool, ...]


class Suppressions(NamedTuple):
    """Which codes are switched off on which lines of one document.

    Patterns are upper-cased code prefixes; ``""`` stands for every code.
    """

    file: frozenset[str] = frozenset()
    lines: Mapping[int, frozenset[str]] = _EMPTY
    switches: Mapping[str, _History] = _EMPTY

    @classmethod
    def from_document(cls, doc: Document) -> "Suppressions":
        """Read the document's citelint comments, in source order."""
        prose = sorted(doc.prose_lines)
        file: set[str] = set()
        lines: dict[int, set[str]] = {}
        history: dict[str, tuple[list[int], list[int], list[bool]]] = {}
        order = 0
        for line, comment in doc.comments:
            found = _directive(comment)
            if found is None:
                continue
            kind, patterns = found
            if kind == "disable-file":
                file |= patterns
            elif kind == "disable-line":
                lines.setdefault(line, set()).update(patterns)
            elif kind == "disable-next-line":
                after = bisect_right(prose, line)
                if after < len(prose):
                    lines.setdefault(prose[after], set()).update(patterns)
            else:
                order += 1
                for pattern in patterns:
                    at, orders, off = history.setdefault(pattern, ([], [], []))
                    at.append(line)
                    orders.append(order)
                    off.append(kind == "disable")
        return cls(
            frozenset(file),
            {line: frozenset(patterns) for line, patterns in lines.items()},
            {
                pattern: _History(tuple(at), tuple(orders), tuple(off))
                for pattern, (at, orders, off) in history.items()
            },
        )

    def is_suppressed(self, code: str, line: int) -> bool:
        """Whether a finding with ``code`` on 1-based ``line`` is off."""
        prefixes = set(_prefixes(code.upper()))
        if not prefixes.isdisjoint(self.file):
            return True
        if not prefixes.isdisjoint(self.lines.get(line, ())):
            return True
        latest, off = 0, False  # the last disable/enable at or before line that names code
        for prefix in prefixes:
            history = self.switches.get(prefix)
            if history is None:
                continue
            at = bisect_right(history.lines, line) - 1
            if at >= 0 and history.orders[at] > latest:
                latest, off = history.orders[at], history.off[at]
        return off


def _prefixes(key: str) -> Iterator[str]:
    return (key[:size] for size in range(len(key) + 1))


def _directive(comment: str) -> tuple[str, frozenset[str]] | None:
    """The directive and code patterns of a ``<!-- citelint-… -->`` comment, if it is one."""
    inner = comment[4:-3] if comment.endswith("-->") else comment[4:]
    m = _DIRECTIVE.match(inner.strip())
    if m is None:
        return None
    tokens = [token for token in _SEPARATORS.split(m.group(2)) if token]
    if not tokens:
        return m.group(1).lower(), _EVERY
    # A rule name stands for its code; an unknown token is kept as it is: no code starts
    # with it, so it silences nothing.
    return m.group(1).lower(), frozenset(resolve(t) or t.upper() for t in tokens)
