"""Inline control comments, as in markdownlint (SPEC §5).

    <!-- citelint-disable CL101 CL102 -->   ... <!-- citelint-enable CL101 -->
    <!-- citelint-disable-next-line CL201 -->   (the next line that holds prose)
    <!-- citelint-disable-line -->              (the comment's own line)
    <!-- citelint-disable-file CL101 -->

No codes means all codes; codes may be separated by spaces or commas and may be
prefixes (`CL1`). Only real HTML comments count: the document layer collects
them, so a directive inside a code block is text, not a directive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document

_DIRECTIVE = re.compile(
    r"<!--\s*citelint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?P<codes>(?:[\s,]+[A-Za-z]+[0-9]*)*)\s*-->",
    re.IGNORECASE,
)
ALL = "*"


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Which codes are silenced on which lines of one document."""

    file_codes: frozenset[str] = frozenset()
    line_codes: dict[int, frozenset[str]] = field(default_factory=dict)
    # Ranges switched by disable/enable: (line, codes disabled from that line on).
    _switch_lines: tuple[int, ...] = ()
    _switch_states: tuple[frozenset[str], ...] = ()

    @classmethod
    def from_document(cls, doc: Document) -> Suppressions:
        file_codes: set[str] = set()
        line_codes: dict[int, set[str]] = {}
        prose = sorted(doc.prose_lines)
        switch_lines: list[int] = []
        switch_states: list[frozenset[str]] = []
        disabled: set[str] = set()
        for line, comment in doc.comments:
            m = _DIRECTIVE.fullmatch(comment.strip())
            if not m:
                continue
            kind = m.group("kind").lower()
            codes = {c.upper() for c in re.split(r"[\s,]+", m.group("codes")) if c} or {ALL}
            if kind == "disable-file":
                file_codes |= codes
            elif kind == "disable-line":
                line_codes.setdefault(line, set()).update(codes)
            elif kind == "disable-next-line":
                after = bisect_right(prose, line)
                if after < len(prose):
                    line_codes.setdefault(prose[after], set()).update(codes)
            else:
                if kind == "disable":
                    disabled |= codes
                elif ALL in codes:
                    disabled = set()
                else:
                    disabled -= codes
                switch_lines.append(line)
                switch_states.append(frozenset(disabled))
        return cls(
            frozenset(file_codes),
            {k: frozenset(v) for k, v in line_codes.items()},
            tuple(switch_lines),
            tuple(switch_states),
        )

    def is_suppressed(self, code: str, line: int) -> bool:
        if _matches(code, self.file_codes) or _matches(code, self.line_codes.get(line, ())):
            return True
        at = bisect_right(self._switch_lines, line) - 1
        # A disable comment on the claim's own line counts from that line on.
        return at >= 0 and _matches(code, self._switch_states[at])


def _matches(code: str, codes) -> bool:
    return any(c == ALL or code.startswith(c) for c in codes)
