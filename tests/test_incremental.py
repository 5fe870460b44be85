"""The language server's incremental re-analysis equals a whole-document lint
after every edit (incremental.Reanalyser vs engine.analyse)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint import engine
from citelint.config import Config
from citelint.incremental import Reanalyser
from citelint.packs import bundled_facts

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted(
    [
        ROOT / "examples" / "draft.md",
        *(ROOT / "tests" / "fixtures" / "rules").glob("*.md"),
        *Path("/work/shared/eval/dev").glob("*.md"),
    ]
)
EDGE_CASES = {
    "list across blank lines": "- one 41%\n\n- two 17%\n\nAfter the list, 29% of people.\n",
    "list item continued": "1. first 41%\n\n   still the item 12%\n\nNext 29% here.\n",
    "fence with blank lines": "Before 41%.\n\n```\ncode 17%\n\nmore 29%\n```\n\nAfter 12%.\n",
    "tilde fence unclosed": "Text 41%.\n\n~~~\ncode\n\nParagraph 29%.\n",
    "html comment": "A 41% claim.\n\n<!--\nhidden 17%\n\nstill hidden 29%\n-->\n\nB 12%.\n",
    "html block types": "<script>\nx\n\ny 41%\n</script>\n\n<pre>\n\nz 17%\n</pre>\n\n"
    "<?php\n\n?>\n\n<!DOCTYPE html>\n\n<![CDATA[\n\n]]>\n\nEnd 29%.\n",
    "footnotes": "MIT found 41% of downloads.[^1]\n\nThe same report says 17%.\n\n"
    "[^1]: Hugging Face, Spring 2026 report.\n\n    A second paragraph of the note.\n\n"
    "Later 29% of models.[^1]\n\n[^1]: A duplicate definition, ignored.\n",
    "reference links": "See [the report][hf]: 41% of downloads.\n\n[hf]: https://huggingface.co\n\n"
    "Again [Hugging Face][hf] says 17%.\n\n[hf]: https://example.com\n",
    "front matter": "---\ntitle: x\n\nempty: 41%\n---\n\nBody 41% of downloads.\n",
    "suppressions": "<!-- citelint-disable CL201 -->\n\nUncited 41% of downloads.\n\n"
    "<!-- citelint-enable -->\n\nAnother 17% of models.\n\n"
    "<!-- citelint-disable-next-line -->\n\nThird 29% of them.\n",
    "table": "| Model | Share |\n|---|---|\n| DeepSeek | 41% |\n\n| Source |\n|---|\n| MIT |\n",
    "quote": "> Quoted 41%\n\n> Another 17%\n\nPlain 29%.\n",
    "crlf": "First 41% of downloads.\r\n\r\nSecond 17% of models.\r\n\r\n- item 29%\r\n",
}
SNIPPETS = [
    "x", "\n", "\n\n", "- ", "1. ", "> ", "    ", "\t", "#", "*", "|", "```", "```\n", "~~~\n",
    "<!--", "-->", "<script>", "</script>", "<pre>", "<?", "?>", "<!X", "<![CDATA[", "]]>",
    "[^1]", "[^1]: A note 41%.\n", "[^2]: MIT report\n", "[hf]: https://huggingface.co\n",
    "[link][hf]", "---\n", "===\n", "41%", " 17.5% ", "$619 million", "According to MIT, ",
    "The same report says 29%. ", "Hugging Face found ", "<!-- citelint-disable CL201 -->\n",
    "<!-- citelint-enable -->\n", "<!-- citelint-disable-next-line -->\n", "\r\n",
    "| a | b |\n|---|---|\n| 1 | 41% |\n",
]  # fmt: skip


@pytest.fixture(scope="module")
def facts():
    return bundled_facts()


def texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in DRAFTS] + list(EDGE_CASES.values())


def assert_same(reanalyser: Reanalyser, text: str, facts, config: Config) -> None:
    # The private entry point: the public one falls back to a full lint on failure.
    got = reanalyser._analyse(text, facts, config, "draft.md")
    want = engine.analyse(text, facts, config, "draft.md")
    assert got.diagnostics == want.diagnostics
    assert got.evidence == want.evidence
    a, b = got.document, want.document
    assert a.text == b.text
    assert a.blocks == b.blocks
    assert a.footnotes == b.footnotes
    assert a.front_matter_end == b.front_matter_end
    assert a.prose_lines == b.prose_lines
    assert a.comments == b.comments


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_edge_cases_equal_a_full_lint(name, facts):
    assert_same(Reanalyser(), EDGE_CASES[name], facts, Config())


@pytest.mark.parametrize("path", DRAFTS, ids=lambda p: p.name)
def test_typing_at_every_line_start_equals_a_full_lint(path, facts):
    reanalyser = Reanalyser()
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number in range(0, len(lines), 3):
        lines[number] = "x" + lines[number]
        assert_same(reanalyser, "".join(lines), facts, Config())


def test_drafts_with_footnotes_take_the_incremental_path(facts):
    text = (ROOT / "examples" / "draft.md").read_text(encoding="utf-8")
    text += "\n" + EDGE_CASES["footnotes"]
    reanalyser = Reanalyser()
    assert_same(reanalyser, text, facts, Config())
    assert reanalyser.parts > 5


def test_changing_the_source_an_unchanged_part_carries_over_is_seen(facts):
    # "The same report" in the last part is credited to whatever the first part names.
    reanalyser = Reanalyser()
    tail = "\n\nUnrelated 12% of firms.\n\nThe same report says 17.1% of downloads.\n"
    first = "A study by MIT and Hugging Face found 41% of downloads." + tail
    second = "Hugging Face's Spring 2026 report found 41% of downloads." + tail
    assert_same(reanalyser, first, facts, Config())
    assert reanalyser.parts > 2
    assert_same(reanalyser, second, facts, Config())
    assert_same(reanalyser, first, facts, Config())


def test_a_new_table_or_configuration_starts_afresh(facts):
    reanalyser = Reanalyser()
    text = EDGE_CASES["footnotes"]
    assert_same(reanalyser, text, facts, Config())
    assert_same(reanalyser, text, facts, Config(ignore=("CL201",)))


edits = st.lists(
    st.tuples(
        st.floats(0, 1),  # where
        st.integers(0, 12),  # how many characters to delete
        st.sampled_from(SNIPPETS) | st.text(max_size=4),  # what to insert
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(range(len(texts()))), edits=edits)
def test_random_edits_equal_a_full_lint(start, edits, facts):
    text = texts()[start]
    reanalyser = Reanalyser()
    assert_same(reanalyser, text, facts, Config())
    for where, delete, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + delete :]
        assert_same(reanalyser, text, facts, Config())
