"""The real corpora in shared/corpus: tldr-small (4,613 small pages) and prose-large
(five 1 MB books and RFC collections). No exception, exact positions, and no claim
inside fenced code or a code span, judged by a scanner independent of mistune."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from robusthelpers import CORPUS, check_positions

from citelint.engine import analyse
from citelint.packs import bundled_facts

FACTS = bundled_facts()
TLDR = sorted((CORPUS / "tldr-small").glob("*.md"))
LARGE = sorted((CORPUS / "prose-large").glob("*.md"))
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})(.*)$")
_TICKS = re.compile(r"`+")


def code_lines(text: str) -> set[int]:
    """1-based lines inside fenced code blocks (fence lines included)."""
    inside: tuple[str, int] | None = None
    lines: set[int] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        m = _FENCE.match(line)
        if inside is None:
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                inside = (m.group(1)[0], len(m.group(1)))
                lines.add(number)
        else:
            lines.add(number)
            if m and m.group(1)[0] == inside[0] and len(m.group(1)) >= inside[1]:
                if not m.group(2).strip():
                    inside = None
    return lines


def code_spans(line: str) -> list[tuple[int, int]]:
    """0-based [start, end) of the code spans of one line (backtick runs paired)."""
    spans, runs = [], list(_TICKS.finditer(line))
    i = 0
    while i < len(runs):
        opener = runs[i]
        if opener.start() > 0 and line[opener.start() - 1] == "\\":
            i += 1
            continue
        size = len(opener.group())
        closer = next((j for j in range(i + 1, len(runs)) if len(runs[j].group()) == size), None)
        if closer is None:
            i += 1
            continue
        spans.append((opener.start(), runs[closer].end()))
        i = closer + 1
    return spans


def check_file(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    analysis = analyse(text, FACTS, path=str(path))
    check_positions(text, analysis)
    fenced = code_lines(text)
    lines = text.splitlines()
    for claim in analysis.claims:
        assert claim.span.line not in fenced, (path.name, claim.span.line, claim.text)
        column = claim.span.column - 1
        for start, end in code_spans(lines[claim.span.line - 1]):
            assert not start <= column < end, (path.name, claim.span.line, claim.text)
    return len(analysis.claims)


@pytest.mark.skipif(not TLDR, reason="tldr-small corpus not available")
def test_tldr_small() -> None:
    assert len(TLDR) > 4000
    claims = sum(check_file(path) for path in TLDR)
    assert claims > 0


@pytest.mark.skipif(not LARGE, reason="prose-large corpus not available")
@pytest.mark.parametrize("path", LARGE, ids=[p.name for p in LARGE])
def test_prose_large(path: Path) -> None:
    assert check_file(path) > 0


def test_scanner_itself() -> None:
    text = "a\n```js\n41%\n```\nb 41% `c 41%` ``d ` 41%``\n"
    assert code_lines(text) == {2, 3, 4}
    assert code_spans("b 41% `c 41%` ``d ` 41%``") == [(6, 13), (14, 25)]
