"""The document layer reads only prose, and maps every character of it back to
its exact place in the original file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citelint import document
from citelint.document import MASK, Document, Offsets, parse
from citelint.document.blocks import _parse
from citelint.document.markdown import _MD

SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus"
EXAMPLES = CORPUS / "commonmark" / "spec.json"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")


def assert_exact(doc: Document) -> None:
    """Every character copied from the source is at its offset; every other
    one (mask, line break, escape, entity) points at what it stands for.
    Blocks come in source order and never overlap."""
    previous = -1
    for block in doc.blocks:
        assert len(block.offsets) == len(block.text)
        for start, stop, origin, end in block.offsets.runs():
            piece = block.text[start:stop]
            if block.offsets.is_verbatim(start):
                assert doc.text[origin : origin + len(piece)] == piece, (block, start)
            elif piece == MASK:
                assert origin < end <= len(doc.text)
            elif piece == " " and doc.text[origin] in "\r\n":
                pass  # a line break
            elif piece == " " and re.match(r"<br\s*/?>", doc.text[origin:end], re.IGNORECASE):
                pass  # a <br> tag, which breaks the line too
            elif piece == " " and doc.text[origin] == "[":
                pass  # a numbered reference's bracket, glued to the text before it
            else:  # decoded from an escape or an entity
                assert doc.text[origin] in "\\&", (block, start, piece)
        for link in block.links:
            assert 0 <= link.start <= link.end <= len(block.text)
        for ref in block.footnote_refs:
            assert 0 <= ref.at <= len(block.text)
        if block.text:
            first, last = block.offsets.bounds()
            assert first > previous, f"block {block.index} overlaps the one before"
            previous = last


def variants(text: str) -> list[str]:
    """The same file with LF, CRLF and lone CR line endings."""
    return [text, text.replace("\n", "\r\n"), text.replace("\n", "\r")]


def texts(markdown: str) -> list[str]:
    return [block.text for block in parse(markdown).blocks]


def find(doc: Document, needle: str) -> tuple[int, int, int, int]:
    """Line and column of the first and last character of ``needle`` in the prose."""
    for block in doc.blocks:
        at = block.text.find(needle)
        if at >= 0:
            span = doc.block_span(block, at, at + len(needle))
            return span.line, span.column, span.end_line, span.end_column
    raise AssertionError(f"{needle!r} is not in the prose")


# --------------------------------------------------------------------------- invariant


def _examples() -> list[dict]:
    return json.loads(EXAMPLES.read_text(encoding="utf-8")) if EXAMPLES.is_file() else []


@pytest.mark.parametrize("example", _examples(), ids=lambda e: f"example-{e['example']}")
def test_positions_are_exact_on_every_commonmark_example(example):
    for text in variants(example["markdown"]):
        assert_exact(_parse(text))  # no safety net: a failure must show


def test_scanners_are_the_ones_mistune_compiles():
    """document compiles mistune's scanner patterns through the program cache: each must
    be the pattern mistune's own compile_sc builds, with the same flags."""
    from mistune.core import Parser

    examples = _examples()
    if not examples:
        pytest.skip("the CommonMark examples are not here")
    for example in examples:  # every kind of block and inline, so every scanner
        _parse(example["markdown"])
    for parser in (_MD.block, _MD.inline):
        assert len(parser._scanners) > (3 if parser is _MD.block else 0)
        for key, scanner in parser._scanners.items():
            rules = None if key == "$" else key.split("|")
            own = Parser.compile_sc(parser, rules)
            assert (scanner.pattern, scanner.flags) == (own.pattern, own.flags), key


def _corpus_files() -> list[Path]:
    files = sorted((CORPUS / "prose-large").glob("*.md"))
    files += sorted((SHARED / "eval" / "dev").glob("*.md"))
    return files


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_positions_are_exact_on_the_shared_corpora(path):
    text = path.read_text(encoding="utf-8")
    assert_exact(_parse(text))
    if len(text) < 100_000:
        for other in variants(text)[1:]:
            assert_exact(_parse(other))


@needs_corpus
def test_positions_are_exact_on_the_small_file_corpus():
    for path in sorted((CORPUS / "tldr-small").glob("*.md"))[::3]:
        assert_exact(_parse(path.read_text(encoding="utf-8")))


@needs_corpus
def test_positions_are_exact_with_crlf_in_a_large_file():
    text = (CORPUS / "prose-large" / "rust-book.md").read_text(encoding="utf-8")[:200_000]
    assert_exact(_parse(text.replace("\n", "\r\n")))


# --------------------------------------------------------------------------- what is prose

PROSE = [
    ("paragraph", "Plain text.", ["Plain text."]),
    ("soft break is one space", "one\ntwo", ["one two"]),
    ("hard breaks are one space", "one  \ntwo\\\nthree", ["one two three"]),
    ("emphasis markers go", "a *b* **c** _d_ ~~e~~ ***f***", ["a b c d e f"]),
    ("backslash escapes decode", r"\*not em\* 41\%", ["*not em* 41%"]),
    ("entities decode", "AT&amp;T &copy; &#65;&#x42; &ampx; &nbsp;", ["AT&T © AB &ampx; \xa0"]),
    ("atx heading", "## Share of downloads ##", ["Share of downloads"]),
    ("setext heading", "Share of\ndownloads\n---", ["Share of downloads"]),
    ("block quote", "> quoted 41%\n> more", ["quoted 41% more"]),
    ("lazy continuation", "> quoted\nlazy", ["quoted lazy"]),
    ("nested lists", "- a\n  - b\n    1. c\n- d", ["a", "b", "c", "d"]),
    ("list item starting blank", "-\n  later", ["later"]),
    (
        "tabs in containers",
        ">\tquote\n\n-\titem\n\n\tmore\n\npara\n\n\tcode",
        ["quote", "item", "more", "para"],
    ),
    ("fenced code is not prose", "```\n41%\n```\nafter", ["after"]),
    ("indented code is not prose", "    41%\n\nafter", ["after"]),
    ("html block is not prose", "<div>\n41%\n</div>\n\nafter", ["after"]),
    ("html comment is not prose", "<!-- 41% -->\n\nafter", ["after"]),
    ("code span masked", "see `41%` here", [f"see {MASK} here"]),
    ("inline html masked", "a <b>bold</b> c", [f"a {MASK}bold{MASK} c"]),
    ("inline comment masked", "a <!-- 41% --> b", [f"a {MASK} b"]),
    ("link keeps text only", '[the report](https://x.org/41 "t 17%")', ["the report"]),
    ("reference link keeps text", "[MIT][m] and [m]\n\n[m]: https://mit.edu/17", ["MIT and m"]),
    ("autolink masked", "see <https://x.org/41>.", [f"see {MASK}."]),
    ("email autolink masked", "mail <a@b.org>.", [f"mail {MASK}."]),
    ("bare url masked", "see https://x.org/41-percent.", [f"see {MASK}."]),
    ("www url masked", "see www.x.org/41-percent.", [f"see {MASK}."]),
    ("image masked with its alt", "![chart 41%](c.png) shows", [f"{MASK} shows"]),
    ("footnote ref leaves no text", "Claim.[^mit] Done.\n\n[^mit]: MIT.", ["Claim. Done.", "MIT."]),
    ("unresolved footnote stays text", "Claim.[^none]", ["Claim.[^none]"]),
    ("display math masked", "Mass $$E = mc^2$$ here", [f"Mass {MASK} here"]),
    ("inline math masked", "Let $x^2 + 1$ be", [f"Let {MASK} be"]),
    ("currency is not math", "$165 billion and $558M", ["$165 billion and $558M"]),
    ("closing dollar before digit", "from $5 to $6 and $7", ["from $5 to $6 and $7"]),
    ("math closes at next dollar", "$a$5 and $b$", [f"$a$5 and {MASK}"]),
    ("escaped dollar never delimits", r"\$x$ and $y\$", ["$x$ and $y$"]),
    ("latex inline math masked", r"Math \(41\%\) here", [f"Math {MASK} here"]),
    ("latex display math masked", r"Math \[41\%\] here", [f"Math {MASK} here"]),
    ("latex display math over lines", "\\[\n41\\%\n\\]\n\nok", [MASK, "ok"]),
    ("latex math closes at its own bracket", r"\(a) 5\) 41% \[b\]", [f"{MASK} 41% {MASK}"]),
    ("unclosed latex opener is text", r"a \( 41% and 42%", ["a ( 41% and 42%"]),
    ("latex math inside dollar math", r"$a \(41\%\) b$ 41%", [f"{MASK} 41%"]),
    ("dollar inside latex math", r"$5 \(x$\) and $6", [f"$5 {MASK} and $6"]),
    ("entity bracket never delimits", r"&#40;41%\)", ["(41%)"]),
    ("table cells", "| a | b |\n|---|---|\n| 1 | 2 |", ["a", "b", "1", "2"]),
    ("escaped pipe in a cell", "| a \\| b | c |\n|---|---|\n| 1 | 2 |", ["a | b", "c", "1", "2"]),
    ("yaml front matter skipped", "---\nshare: 41%\n---\nBody.", ["Body."]),
    ("toml front matter skipped", "+++\nshare = 41\n+++\nBody.", ["Body."]),
    ("unclosed front matter is markdown", "---\nBody.", ["Body."]),
    ("non-ascii", "é 中文 😀 41%", ["é 中文 😀 41%"]),
]


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in PROSE], ids=[c[0] for c in PROSE]
)
def test_only_prose_is_read(markdown, expected):
    for text in variants(markdown):
        doc = parse(text)
        assert [block.text for block in doc.blocks] == expected
        assert_exact(doc)


KINDS = [
    ("# H\n\npara\n\n| c |\n|---|\n| d |", ["heading", "paragraph", "table_cell", "table_cell"]),
    ("- tight item\n- other", ["paragraph", "paragraph"]),
    ("Setext\n===", ["heading"]),
]


@pytest.mark.parametrize(("markdown", "kinds"), KINDS)
def test_blocks_have_kinds(markdown, kinds):
    assert [block.kind for block in parse(markdown).blocks] == kinds


# --------------------------------------------------------------------------- positions

POSITIONS = [
    ("first line", "MIT found 17.1% of downloads.", "17.1%", (1, 11, 1, 15)),
    ("inside emphasis", "A **17.1%** share", "17.1%", (1, 5, 1, 9)),
    ("after a link", "[MIT](https://mit.edu) found 17.1%", "17.1%", (1, 30, 1, 34)),
    ("second line", "first\nsecond 41%", "41%", (2, 8, 2, 10)),
    ("crlf", "first\r\nsecond 41%\r\n", "41%", (2, 8, 2, 10)),
    ("lone cr", "first\rsecond 41%", "41%", (2, 8, 2, 10)),
    ("across a soft break", "ten\nbillion", "ten billion", (1, 1, 2, 7)),
    ("non-ascii columns", "é 中文 😀 41%", "41%", (1, 8, 1, 10)),
    ("tab before", "a\tb 41%", "41%", (1, 5, 1, 7)),
    ("block quote", "> > nested 41%", "41%", (1, 12, 1, 14)),
    ("list item", "1. item\n   continued 41%", "41%", (2, 14, 2, 16)),
    ("quote in a list", "- > quoted\n  > 41%", "41%", (2, 5, 2, 7)),
    ("setext heading", "Share 41%\n=========", "41%", (1, 7, 1, 9)),
    ("atx heading closed", "## Share 41% ##", "41%", (1, 10, 1, 12)),
    ("table cell", "| a | b |\n|---|---|\n| x | 17.1% |", "17.1%", (3, 7, 3, 11)),
    ("after yaml front matter", "---\na: 1\n---\n\nText 41%", "41%", (5, 6, 5, 8)),
    ("after toml front matter", "+++\na = 1\n+++\nText 41%", "41%", (4, 6, 4, 8)),
    ("escape ends the span", r"up 41\%", "41%", (1, 4, 1, 7)),
    ("entity ends the span", "AT&amp;T", "AT&T", (1, 1, 1, 8)),
    ("footnote definition", "x[^a]\n\n[^a]: Source 41%.", "41%", (3, 14, 3, 16)),
    ("indented footnote body", "x[^a]\n\n[^a]: First.\n\n    Second 41%.", "41%", (5, 12, 5, 14)),
    ("footnote in the middle", "x[^a]\n\n[^a]: Note 17%.\n\nAfter 41%.", "41%", (5, 7, 5, 9)),
]


@pytest.mark.parametrize(
    ("markdown", "needle", "expected"), [c[1:] for c in POSITIONS], ids=[c[0] for c in POSITIONS]
)
def test_spans_point_at_the_original_text(markdown, needle, expected):
    doc = parse(markdown)
    assert find(doc, needle) == expected
    assert_exact(doc)


def test_block_span_covers_the_source_of_the_text():
    doc = parse("A **17.1%** share")
    block = doc.blocks[0]
    at = block.text.index("17.1%")
    span = doc.block_span(block, at, at + 5)
    assert doc.text[span.start : span.end] == "17.1%"


def test_position_counts_crlf_as_one_break_and_code_points_as_columns():
    doc = parse("a\r\n😀b\rc\nd")
    assert [doc.position(i) for i in (0, 3, 4, 6, 8)] == [(1, 1), (2, 1), (2, 2), (3, 1), (4, 1)]
    span = doc.span(3, 5)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 2, 2)


# --------------------------------------------------------------------------- links, notes, tables

LINKS = [
    (
        "inline",
        "See [the MIT study](https://mit.edu/s) now.",
        [("the MIT study", "https://mit.edu/s")],
    ),
    ("reference", "See [MIT][m].\n\n[m]: https://mit.edu/r", [("MIT", "https://mit.edu/r")]),
    ("collapsed", "See [MIT][].\n\n[MIT]: https://mit.edu/c", [("MIT", "https://mit.edu/c")]),
    ("shortcut", "See [MIT].\n\n[mit]: https://mit.edu/s", [("MIT", "https://mit.edu/s")]),
    ("autolink", "See <https://hf.co/blog/x>.", [(MASK, "https://hf.co/blog/x")]),
    ("bare url", "See https://hf.co/blog/x.", [(MASK, "https://hf.co/blog/x")]),
    ("www autolink", "See www.hf.co/blog/x.", [(MASK, "www.hf.co/blog/x")]),
    ("www autolink in parentheses", "(see www.hf.co/x)", [(MASK, "www.hf.co/x")]),
    ("www inside a word is no link", "awww.hf.co/x", []),
    ("emphasis inside", "[**CGTN** said](https://cgtn.com)", [("CGTN said", "https://cgtn.com")]),
    ("url in link text", "[https://a.org](https://b.org)", [(MASK, "https://b.org")]),
    ("not a link", "[no ref] here", []),
]


def test_a_numbered_reference_glued_to_a_number_is_not_part_of_it():
    block = parse("More than 300[1] models.\n\n[1]: https://ecns.cn/a").blocks[0]
    assert block.text == "More than 300 1 models."
    assert [(block.text[x.start : x.end], x.url) for x in block.links] == [
        ("1", "https://ecns.cn/a")
    ]
    # So is one glued to a magnitude letter: "US$619m[1]" is US$619m.
    assert parse("It raised US$619m[1].\n\n[1]: https://x.org").blocks[0].text == (
        "It raised US$619m 1."
    )
    # After a full stop the reference keeps its brackets, as a note marker written as
    # text does: it ends its sentence there, and the next one is not its.
    block = parse("It rose.[4] Then it fell.\n\n[4]: https://x.org").blocks[0]
    assert block.text == "It rose.[4] Then it fell."
    assert [block.text[x.start : x.end] for x in block.links] == ["4"]
    assert [block.text[a:b] for a, b in block.sentences] == ["It rose.[4]", "Then it fell."]


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in LINKS], ids=[c[0] for c in LINKS]
)
def test_links_keep_their_text_range_and_destination(markdown, expected):
    block = parse(markdown).blocks[0]
    assert [(block.text[x.start : x.end], x.url) for x in block.links] == expected


def test_footnotes_are_read_at_their_place_and_indexed_by_key():
    doc = parse(
        "Share 17.1%.[^MIT] And 41%.[^hf]\n\n"
        "[^mit]: MIT and Hugging Face, January 2026.\n\n"
        "Between.\n\n"
        "[^hf]: Hugging Face report.\n\n"
        "    Second paragraph.\n\n"
        "[^unused]: Never cited 9%.\n"
    )
    assert [(b.text, b.footnote) for b in doc.blocks] == [
        ("Share 17.1%. And 41%.", None),
        ("MIT and Hugging Face, January 2026.", "mit"),
        ("Between.", None),
        ("Hugging Face report.", "hf"),
        ("Second paragraph.", "hf"),
        ("Never cited 9%.", "unused"),
    ]
    assert [block.index for block in doc.blocks] == list(range(6))
    refs = doc.blocks[0].footnote_refs
    assert [(r.key, doc.blocks[0].text[: r.at]) for r in refs] == [
        ("MIT", "Share 17.1%."),
        ("hf", "Share 17.1%. And 41%."),
    ]
    assert doc.footnotes == {
        "mit": "MIT and Hugging Face, January 2026.",
        "hf": "Hugging Face report.\nSecond paragraph.",
        "unused": "Never cited 9%.",
    }
    assert_exact(doc)


def test_table_cells_know_their_row_column_and_header():
    doc = parse(
        "| Metric | Value | Source |\n"
        "| --- | ---: | --- |\n"
        "| Chinese share | 17.1% | [MIT](https://mit.edu) |\n"
        "| US share | 15.8% | MIT <!-- expect: CL103 --> |\n"
    )
    cells = [(b.text, b.row, b.column, b.header) for b in doc.blocks]
    assert cells == [
        ("Metric", 1, 0, None),
        ("Value", 1, 1, None),
        ("Source", 1, 2, None),
        ("Chinese share", 2, 0, "Metric"),
        ("17.1%", 2, 1, "Value"),
        ("MIT", 2, 2, "Source"),
        ("US share", 3, 0, "Metric"),
        ("15.8%", 3, 1, "Value"),
        (f"MIT {MASK}", 3, 2, "Source"),
    ]
    assert doc.blocks[5].links[0].url == "https://mit.edu"
    assert doc.comments == ((4, "<!-- expect: CL103 -->"),)
    assert_exact(doc)


@pytest.mark.parametrize(
    "markdown",
    [
        "> | Chatbot | Share |\n> | --- | --- |\n> | ChatGPT | 68% |\n",
        ">| Chatbot | Share |\n>|---|---|\n>| ChatGPT | 68% |\n",
        "> > Chatbot | Share\n> > --- | ---\n> > ChatGPT | 68%\n",
        "- Shares:\n\n  | Chatbot | Share |\n  | --- | --- |\n  | ChatGPT | 68% |\n",
        "> 1. Shares:\n>\n>    | Chatbot | Share |\n>    | --- | --- |\n>    | ChatGPT | 68% |\n",
    ],
)
def test_a_table_in_a_block_quote_or_list_item_is_a_table(markdown):
    # GFM renders these as tables: their cells have headers (and a row's Source column
    # credits it) as at the top level.
    for text in variants(markdown):
        doc = parse(text)
        cells = [(b.text, b.header) for b in doc.blocks if b.kind == "table_cell"]
        assert cells == [
            ("Chatbot", None),
            ("Share", None),
            ("ChatGPT", "Chatbot"),
            ("68%", "Share"),
        ]
        assert_exact(doc)


def test_a_row_with_more_or_fewer_cells_than_the_header_keeps_its_table():
    # GFM: missing cells are empty, extra ones ignored; the table (and its Source column)
    # stays a table rather than turning into a paragraph.
    for text in variants(
        "| Chatbot | Share | Source |\n| --- | --- | --- |\n"
        "| Gemini | 5.7% | Similarweb | superseded |\n| ChatGPT | 64.5% |\n"
    ):
        doc = parse(text)
        cells = [(b.text, b.header) for b in doc.blocks if b.kind == "table_cell"]
        assert cells == [
            ("Chatbot", None),
            ("Share", None),
            ("Source", None),
            ("Gemini", "Chatbot"),
            ("5.7%", "Share"),
            ("Similarweb", "Source"),
            ("ChatGPT", "Chatbot"),
            ("64.5%", "Share"),
            ("", "Source"),
        ]
        assert_exact(doc)


def test_rows_of_different_tables_have_different_ids():
    doc = parse("| a |\n|---|\n| b |\n\ntext\n\n| c |\n|---|\n| d |")
    rows = [block.row for block in doc.blocks if block.kind == "table_cell"]
    assert rows == [1, 2, 3, 4]


# --------------------------------------------------------------------------- comments, prose lines

COMMENTS = [
    ("block comment", "<!-- citelint-disable -->\n\ntext", [(1, "<!-- citelint-disable -->")]),
    ("inline comment", "text <!-- a -->", [(1, "<!-- a -->")]),
    (
        "two on one line keep their order",
        "t <!-- z --> <!-- a -->",
        [(1, "<!-- z -->"), (1, "<!-- a -->")],
    ),
    ("multi-line comment", "text\n\n<!--\nnote\n-->\n", [(3, "<!--\nnote\n-->")]),
    ("comments inside an html block", "<div>\n<!-- a -->\n</div>", [(2, "<!-- a -->")]),
    ("in a block quote", "> q\n>\n> <!-- a -->", [(3, "<!-- a -->")]),
    ("not inside fenced code", "```\n<!-- a -->\n```", []),
    ("not inside a code span", "`<!-- a -->`", []),
    ("not inside indented code", "    <!-- a -->", []),
    ("not in front matter", "---\nx: <!-- a -->\n---\nbody", []),
    ("crlf lines", "a\r\n\r\n<!-- a -->\r\n", [(3, "<!-- a -->")]),
]


@pytest.mark.parametrize(
    ("markdown", "expected"), [c[1:] for c in COMMENTS], ids=[c[0] for c in COMMENTS]
)
def test_html_comments_are_collected_with_their_line(markdown, expected):
    assert list(parse(markdown).comments) == expected


def test_prose_lines_are_the_lines_that_hold_prose():
    doc = parse(
        "---\nt: 1\n---\n# Head\n\n```\ncode\n```\n\npara\ngraph\n\n<!-- c -->\n| a |\n|---|\n| b |"
    )
    assert sorted(doc.prose_lines) == [4, 10, 11, 14, 16]


def test_front_matter_end_is_where_the_body_starts():
    assert parse("---\na: 1\n...\nbody").front_matter_end == len("---\na: 1\n...\n")
    assert parse("+++\r\na = 1\r\n+++\r\nbody").front_matter_end == len("+++\r\na = 1\r\n+++\r\n")
    assert parse(" ---\na: 1\n---\nbody").front_matter_end == 0
    assert parse("text\n---\na\n---\n").front_matter_end == 0


# --------------------------------------------------------------------------- robustness

HOSTILE = [
    ("deep block quotes", ">" * 10_000 + " deep 41%\n"),
    ("deep spaced block quotes", "> " * 10_000 + "deep\n"),
    ("deep list markers", "- " * 10_000 + "x\n"),
    ("deep quote and list", "> - " * 5_000 + "x\n"),
    ("deep emphasis", "*" * 10_000 + "a" + "*" * 10_000),
    ("deep links", "[" * 10_000 + "a" + "](u)" * 10_000),
    ("many unclosed comments", "a <!--" * 20_000),
    ("many unclosed code spans", "`" * 5_000 + " " + "``" * 5_000),
    ("many dollars", "$a " * 30_000 + "$$ " * 10_000),
    ("many entities and escapes", "&amp;\\*" * 10_000),
    ("many angle brackets", "<" * 50_000),
    ("control and separator characters", "\x00\x01\u2028\u2029\x85\x0b\x0c\ufffc" * 5_000),
    ("lone surrogates", "\ud800 a \udfff"),
    ("only front matter", "---\n---"),
    ("empty", ""),
    ("blank lines", "\n\r\n\r" * 10_000),
    ("long table", "|a|b|\n|-|-|\n" + "|1|2|\n" * 5_000),
    ("many footnotes", "".join(f"[^{i}]: n{i}\n" for i in range(3_000)) + "x[^1]"),
]


@pytest.mark.parametrize("text", [c[1] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_input_parses_without_raising(text):
    doc = parse(text)
    assert_exact(doc)
    assert _parse(text).blocks == doc.blocks  # not the fallback


def test_a_parser_failure_degrades_to_plain_paragraphs(monkeypatch):
    def fail(*args, **kwargs):
        raise RecursionError("too deep")

    monkeypatch.setattr(_MD.block, "parse", fail)
    doc = parse("---\na: 1\n---\nFirst *41%*\nline\r\n\r\nSecond")
    assert [block.text for block in doc.blocks] == ["First *41%* line", "Second"]
    assert find(doc, "41%") == (4, 8, 4, 10)
    assert_exact(doc)


# --------------------------------------------------------------------------- offsets


def test_offsets_behave_like_a_tuple_of_ints():
    offsets = Offsets((0, 3, 4), (10, 20, 30), (-1, 22, -1), 6)
    assert tuple(offsets) == (10, 11, 12, 20, 30, 31)
    assert offsets == (10, 11, 12, 20, 30, 31)
    assert offsets[3] == 20 and offsets[-1] == 31
    assert offsets[1:4] == (11, 12, 20)
    assert len(offsets) == 6
    assert offsets.end(2) == 13 and offsets.end(3) == 22
    assert offsets.bounds() == (10, 31)
    assert not offsets.is_verbatim(3)
    with pytest.raises(IndexError):
        offsets[6]
    assert Offsets.verbatim(5, 3) == (5, 6, 7)
    assert hash(Offsets.verbatim(5, 3)) == hash(Offsets.verbatim(5, 3))


def test_an_analysed_document_is_freed_by_reference_counting_alone():
    """No cycles are left for the collector: parse trees, their footnote states and the
    attributor's memo used to be (~100 objects a file, a sixth of a check's time)."""
    import gc

    from citelint import engine
    from citelint.packs import bundled_facts

    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "dev").glob("*.md"))]
    texts.append(
        "A list:\n\n- one 41%[^a]\n  > quoted 17.1%\n\n"
        "| a | b |\n|---|---|\n| 3% | x |\n\n[^a]: Note.\n"
    )
    table = bundled_facts()
    engine.analyse(texts[-1], table)  # indexes and memos built before counting
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for text in texts:
            engine.analyse(text, table)
            document.outline(text, True)
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert left == []
