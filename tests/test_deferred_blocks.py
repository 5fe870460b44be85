"""A block whose source shows it holds no number builds its text when first read:
the document is the same as one built at once, and claim extraction, which skips
such blocks, misses no number in them."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citelint import document
from citelint.document import blocks
from citelint.numbers import could_hold_number, find_numbers
from citelint.sentences import split_sentences

SHARED = Path("/work/shared")
ROOT = Path(__file__).resolve().parents[1]


def _corpus_texts() -> list[str]:
    paths = sorted((SHARED / "eval" / "dev").glob("*.md")) + sorted(ROOT.glob("examples/**/*.md"))
    paths += sorted((SHARED / "corpus" / "prose-large").glob("*.md"))
    paths += sorted((SHARED / "corpus" / "tldr-small").glob("*.md"))[::10]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    spec = SHARED / "corpus" / "commonmark" / "spec.json"
    if spec.is_file():
        texts += [example["markdown"] for example in json.loads(spec.read_text("utf-8"))]
    return texts


TRICKY = [
    "t*w*o of them",  # emphasis delimiters join a number word
    "T*w*o million users",
    "T**W**O percent",
    "tw~~o~~ and *o*ne",
    "The ſix",  # re.IGNORECASE reads ſ as s
    "a &#50; here, &amp; there",
    "١٢ items",  # digits of another script
    "someone, often, alone",  # number words inside words
    "`code two` and plain",
    "plain text\nover two\nlines",
    "# A heading\n\nPlain paragraph.\n\n- item\n- another *item*\n\n> quoted `x`\n",
    "Setext heading\n==============\n\nText  \nwith a hard break.",
    "[^a] and [link](http://example.com) <!-- citelint-disable -->",
    "Plain <b>bold</b> and <https://example.com> here",
    "Plain words <!-- citelint-disable-next-line -->\nmore words",
    "<span></span>",
    "List [a]ll files, see [the docs](https://example.com/docs)",
    "[](https://example.com)",
    "[ ](https://example.com) and [x][ref]\n\n[ref]: https://example.com/ref",
    "Text[^note] here\n\n[^note]: The source.",
    "\\*escaped\\* text",
    "Math $x$ here",
    "Bare https://example.com/path here",
    "\ttabbed\n    indented code\n\nafter",
    "line one\r\nline two\r\n\r\nthird\rfourth",
]

markdown_texts = st.lists(
    st.sampled_from(
        ["t", "w", "o", "ne", "half", "x", " ", "\n", "\n\n", "*", "**", "_", "~~", "`", "#", "- ",
         "> ", "1", "&", "<", "[", "]", "(", ")", "\\", "$", "ſ", "é", "\t", "|", "---\n"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


def _built_at_once(text: str, monkeypatch: pytest.MonkeyPatch) -> document.Document:
    with monkeypatch.context() as patch:
        patch.setattr(blocks, "could_hold_number", lambda source: True)
        return document.parse(text)


def _same(deferred: document.Document, at_once: document.Document) -> None:
    assert not any(block.numberless for block in at_once.blocks)
    assert deferred.blocks == at_once.blocks
    assert deferred.prose_lines == at_once.prose_lines
    assert deferred.comments == at_once.comments
    assert deferred.footnotes == at_once.footnotes


def _no_number_skipped(doc: document.Document) -> None:
    for block in doc.blocks:
        if block.numberless:
            assert find_numbers(block.text) == [], block


def test_deferred_documents_equal_documents_built_at_once(monkeypatch):
    texts = _corpus_texts() + TRICKY
    deferred = 0
    for text in texts:
        doc = document.parse(text)
        deferred += sum(block.numberless for block in doc.blocks)
        _same(doc, _built_at_once(text, monkeypatch))
    assert deferred > 1000  # most tldr and prose blocks are deferred


def test_numberless_blocks_hold_no_number():
    for text in _corpus_texts() + TRICKY:
        _no_number_skipped(document.parse(text))


@settings(max_examples=300, deadline=None)
@given(markdown_texts)
def test_deferral_changes_nothing_on_generated_markdown(text):
    with pytest.MonkeyPatch.context() as monkeypatch:
        doc = document.parse(text)
        _same(doc, _built_at_once(text, monkeypatch))
    _no_number_skipped(doc)


@pytest.mark.parametrize(
    "source, could",
    [
        ("Convert a file to PDF:", False),
        ("List `files` in *bold*", False),
        ("t*w*o", True),
        ("someone", True),  # "one" inside a word: kept, to be safe
        ("41%", True),
        ("&#52;1", True),
        ("&amp;", True),
        ("ſix", True),
        ("٣", True),
        ("Überall", False),
    ],
)
def test_could_hold_number(source, could):
    assert could_hold_number(source) is could


def test_a_deferred_block_builds_its_text_when_first_read():
    doc = document.parse("Convert a file:\n\n`cmd {{path}}`\n\nThe 41% figure.\n")
    plain, code, figure = doc.blocks
    assert (plain.numberless, code.numberless, figure.numberless) == (True, True, False)
    assert plain._pending is not None
    assert plain.text == "Convert a file:"
    assert plain._pending is None
    assert plain.offsets[0] == 0 and code.text == document.MASK


def test_a_renumbered_block_stays_deferred_and_a_pickled_one_is_built():
    block = document.parse("Convert a file:\n").blocks[0]
    moved = block.renumbered(3, None)
    assert moved.numberless and moved._pending is block._pending and moved.index == 3
    copy = pickle.loads(pickle.dumps(block))
    assert copy == block and not copy.numberless and copy._pending is None
    with pytest.raises(AttributeError):
        block.no_such_field  # noqa: B018 - a missing attribute is still an error


def test_a_moved_block_stays_deferred_and_builds_its_offsets_moved(monkeypatch):
    text = "Convert a file\nto PDF:\n"
    block = document.parse(text).blocks[0]
    moved = block.moved(10, 2, 0).moved(5, 1, 0)
    assert moved.numberless and moved._pending is not None and moved.footnote_refs == ()
    eager = _built_at_once(text, monkeypatch).blocks[0].moved(10, 2, 0).moved(5, 1, 0)
    assert moved == eager
    assert (moved.index, moved.offsets[0]) == (3, 15)


def test_a_block_splits_its_sentences_once_when_first_read():
    block = document.parse("It rose. Then 41% of them fell, e.g. here. Done\n").blocks[0]
    sentences = block.sentences
    assert list(sentences) == split_sentences(block.text) == [(0, 8), (9, 42), (43, 47)]
    assert block.sentences is sentences
