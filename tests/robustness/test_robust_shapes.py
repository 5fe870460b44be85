"""Inputs of every size and shape: a 50 MB file, a 1 MB line, 10,000-deep nesting,
100,000 numbers in a paragraph, unterminated fences, HTML-heavy Markdown. No
exception, claims found where they are, positions exact, nothing read from code or
HTML. The big inputs are generated once per session in a temporary folder."""

from __future__ import annotations

import re
import resource
from pathlib import Path

import pytest
from robusthelpers import check_positions, cli

from citelint.document.blocks import _parse
from citelint.engine import analyse
from citelint.packs import bundled_facts

FACTS = bundled_facts()
CLAIM = "MIT found that 41% of downloads came from China."


def _analyse(text: str):
    analysis = analyse(text, FACTS)
    check_positions(text, analysis)
    return analysis


def _strict(text: str) -> None:
    """The exact parser (not the plain-paragraph fallback) handles the input."""
    _parse(text)


# -- size --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def fifty_mb(big_dir: Path) -> tuple[Path, list[int]]:
    """A 50 MB draft: front matter, then blocks of fenced code, prose and HTML, each
    block with one claim; returns the file and the lines of the claims."""
    code = "```text\n" + "let x = 41; // 41% of the value, $5bn\n" * 2000 + "```\n\n"
    sentence = "The quick brown fox jumps over the lazy dog near the river bank. "
    prose = (sentence * 12 + "\n\n") * 100
    html = "<div>\n" + "<p>41% of models</p>\n" * 1000 + "</div>\n\n"
    unit = code + prose + CLAIM + "\n\n" + html
    head = "---\ntitle: big\n---\n# Report\n\n"
    count = 50_000_000 // len(unit) + 1
    text = head + unit * count
    offset = head.count("\n") + (code + prose).count("\n") + 1
    lines = [offset + k * unit.count("\n") for k in range(count)]
    path = big_dir / "fifty.md"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    return path, lines


def test_fifty_megabyte_file(fifty_mb: tuple[Path, list[int]]) -> None:
    path, lines = fifty_mb
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    run = cli("check", "--format", "json", "--isolated", path.name, cwd=path.parent, timeout=300)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert run.code == 1, run.stderr[-2000:]
    found = run.json()
    assert [d["line"] for d in found] == lines  # nothing from the code or the HTML
    assert {(d["column"], d["claim"]["text"]) for d in found} == {(16, "41%")}
    if peak > before:  # this run set a new high-water mark: it is this run's peak
        assert peak < 3 * 1024 * 1024, f"peak RSS {peak // 1024} MB for a 50 MB file"


def test_one_megabyte_line() -> None:
    sentence = "MIT found that 41% of downloads came from China, about $1.2 billion; "
    text = "Intro.\n\n" + sentence * (1_000_000 // len(sentence)) + "\n\nEnd 17.1% share.\n"
    analysis = _analyse(text)
    assert len(analysis.claims) == 2 * (1_000_000 // len(sentence)) + 1
    last = analysis.claims[-1]
    assert (last.span.line, last.span.column, last.text) == (5, 5, "17.1%")


def test_one_megabyte_line_without_spaces() -> None:
    text = "x" * 1_000_000 + " 41%\n\n" + "4" * 1_000_000 + "\n"
    analysis = _analyse(text)
    assert [(c.span.line, c.text) for c in analysis.claims] == [(1, "41%")]


# -- nesting -----------------------------------------------------------------------------

DEPTH = 10_000
NESTED = {
    "quotes": ">" * DEPTH + " " + CLAIM + "\n",
    "quotes-spaced": "> " * DEPTH + CLAIM + "\n",
    "bullets": "- " * DEPTH + CLAIM + "\n",
    "ordered": "1. " * DEPTH + CLAIM + "\n",
    "mixed": "> - 1. * " * (DEPTH // 4) + CLAIM + "\n",
    "quotes-lazy": ">" * DEPTH + " " + CLAIM + "\n" + (CLAIM + "\n") * 50,
    "quote-staircase": "".join(">" * i + " " + CLAIM + "\n" for i in range(1, 1001)),
    "list-staircase": "".join("  " * i + "- " + CLAIM + "\n" for i in range(0, 1001)),
    "emphasis": "*" * DEPTH + CLAIM + "*" * DEPTH + "\n",
    "links": "[" * DEPTH + CLAIM + "](x)" * DEPTH + "\n",
    "footnote-in-quote": ">" * 500 + " [^a]: " + CLAIM + "\n\n" + "See [^a].\n",
    "html": "<div>" * DEPTH + "\n\n" + CLAIM + "\n",
}


@pytest.mark.parametrize("text", NESTED.values(), ids=NESTED.keys())
def test_deep_nesting(text: str) -> None:
    _strict(text)
    analysis = _analyse(text)
    assert analysis.claims, "the claim in the innermost block is found"
    assert all(c.text == "41%" for c in analysis.claims)


# -- many numbers ------------------------------------------------------------------------


def test_a_hundred_thousand_numbers_in_one_paragraph() -> None:
    numbers = [f"{i}%" for i in range(100_000)]  # all different: nothing is shared
    text = "# Shares\n\nThe shares were " + " ".join(numbers) + ".\n"
    analysis = _analyse(text)
    assert [c.text for c in analysis.claims] == numbers
    assert {c.span.line for c in analysis.claims} == {3}


def test_thirty_thousand_counts_in_a_credited_sentence_naming_what_they_count() -> None:
    # Each bare count asks which facts the sentence names: once per sentence, not once per
    # count (it took 38 s for 12,000 counts, growing with their square).
    counts = [str(6000 + i) for i in range(30_000)]
    text = "According to CGTN, there are " + ", ".join(counts) + " AI companies.\n"
    analysis = _analyse(text)
    # The first (after "there are"), the one a fact has (CGTN's 6,200 AI companies) and
    # the last (before "AI companies"); the others are no statistics (SPEC §1).
    assert [c.text for c in analysis.claims] == ["6000", "6200", "35999"]


# -- code and HTML -----------------------------------------------------------------------

NO_CLAIMS = {
    "fence-unterminated": "```\n41% of downloads\n\nMore 17.1% text\n",
    "tilde-unterminated": "~~~python\n41% of downloads\n",
    "fence-in-quote": "> ```\n> 41% of downloads\n",
    "fence-in-list": "- ```\n  41% of downloads\n",
    "fence-longer-close": "````\n41%\n```\n17.1%\n",
    "indented-code": "    41% of downloads\n    $5 billion\n",
    "code-span": "Run `echo 41%` and ``a ` 41% ``.\n",
    "code-span-multiline": "Run `echo\n41%` now.\n",
    "html-block": "<div>\n41% of downloads\n</div>\n",
    "html-comment": "<!--\n41% of downloads\n-->\n",
    "html-comment-unterminated": "<!-- 41% of downloads\n\n17.1%\n",
    "script": "<script>\nvar x = '41%';\n\n$5 billion\n</script>\n",
    "pre": "<pre>\n41%\n\n17.1%\n</pre>\n",
    "inline-html-attribute": 'Look <img alt="41%" src="x"> here.\n',
    "autolink": "<https://example.com/41%25> and https://example.com/41%\n",
    "link-url": "[here](https://example.com/?share=41%)\n",
    "math": "$$\n41\\%\n$$\n\nand $x = 41\\%$ there\n",
    "front-matter": "---\nshare: 41%\n---\n",
    "toml-front-matter": "+++\nshare = '41%'\n+++\n",
}


@pytest.mark.parametrize("text", NO_CLAIMS.values(), ids=NO_CLAIMS.keys())
def test_no_claim_from_code_html_or_urls(text: str) -> None:
    _strict(text)
    assert _analyse(text).claims == ()


def test_html_heavy_markdown() -> None:
    block = (
        "<table>\n<tr><td>41%</td><td>$5bn</td></tr>\n</table>\n\n"
        "Prose <b>with</b> <span class='x'>markup</span>: MIT found <em>41%</em> of downloads."
        "<br/>\n<!-- 17.1% hidden -->\n\n"
        "<details><summary>99%</summary>\n\n88% in Markdown inside HTML.\n\n</details>\n\n"
    )
    text = block * 300
    analysis = _analyse(text)
    assert [c.text for c in analysis.claims] == ["41%", "88%"] * 300
    lines = [c.span.line for c in analysis.claims]
    per_block = block.count("\n")
    assert lines[:2] == [5, 10] and lines[-1] == 10 + 299 * per_block


def test_control_and_odd_characters() -> None:
    odd = "\x0b\x0c\x1b\x7f\u200b\u2028\u2029\ufeff\ufffc\ufffd\U0001f600\u0301"
    text = f"{odd} MIT found that{odd} 41% of downloads.{odd}\n\r\n\r{odd}41%\r"
    analysis = _analyse(text)
    assert [c.text for c in analysis.claims] == ["41%", "41%"]


def test_null_characters_in_text() -> None:
    text = "MIT found\x00 that 41% of downloads.\x00\n"  # a str may hold NUL; a file may not
    assert [c.text for c in _analyse(text).claims] == ["41%"]


def test_line_separators() -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["# T", "", "Intro.", "", CLAIM, ""])
        claim = _analyse(text).claims[0]
        assert (claim.span.line, claim.span.column) == (5, 16), repr(newline)


@pytest.mark.parametrize("n", [1, 2, 10])
def test_many_short_blocks(n: int) -> None:
    text = "".join(f"# {i}\n\n{CLAIM}\n\n- {CLAIM}\n\n> {CLAIM}\n\n" for i in range(n * 100))
    analysis = _analyse(text)
    assert len(analysis.claims) == 3 * n * 100
    assert [c.span.line for c in analysis.claims[:3]] == [3, 5, 7]


def test_positions_beyond_the_basic_plane() -> None:
    text = "\U0001f600 " * 10 + CLAIM + "\n"
    claim = _analyse(text).claims[0]
    assert claim.span.column == 21 + 15  # code points, not UTF-16 units or bytes
    assert re.fullmatch(r"41%", claim.text)
