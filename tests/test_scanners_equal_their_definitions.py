"""The claim pipeline's scanners were rewritten to do less work (a pattern that starts
with the characters a match can start with, a search only where a match can start).
Each must find exactly what its plain definition, kept here, finds: on every block of
prose of the corpora at hand and on random texts built from the characters that matter.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint import document, sentences

ROOT = Path(__file__).resolve().parent
# The test fixtures always; the shared corpora and the bench's drafts when present.
CORPORA = [
    ROOT / "fixtures",
    Path("/work/shared/corpus/prose-large"),
    Path("/work/shared/eval/dev"),
    ROOT.parent / "bench" / "out" / "stats-dense",
    Path("/work/main/bench/out/stats-dense"),
]
RANDOM = settings(
    max_examples=2000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def corpus_blocks() -> tuple[str, ...]:
    """The prose of every block of every Markdown file of the corpora, once each."""
    texts: dict[str, None] = {}
    for folder in CORPORA:
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
            doc = document.parse(path.read_text(encoding="utf-8", errors="replace"))
            texts.update((block.text, None) for block in doc.blocks)
    return tuple(texts)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# -- sentences and clauses ----------------------------------------------------------------

# As first written: each starts with a look-behind, so `re` tries it at every position.
SENTENCE_END = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9¡¿\"“]|\s*$)|[\n]")
CLAUSE_BREAK = re.compile(
    r"(?<!\s)\s+(?:while|whereas|against|versus|vs\.?|compared (?:to|with)|but|although|though)\s+"
    r"|(?<!\s)\s+-{1,2}\s+|(?:(?<!\s)\s+)?[;:()—–]\s*|,\s+",
    re.IGNORECASE,
)
_SENTENCE_PIECES = list(" \t\n\u00a0.!?…\"”’')]([“‘;:—–,-aAeEtcgiUsSX1İſ") + [
    "while", "WHILE", "whereas", " vs", "vs.", "compared to", "compared with", "but", " -- ",
    "although", "though", "Though", "\n\n", "  ", "...", "?!", "Mr", "etc",
]  # fmt: skip
SENTENCE_TEXTS = st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join)


def test_sentence_ends_are_found_as_the_plain_pattern_finds_them_in_the_corpora():
    blocks = corpus_blocks()
    assert len(blocks) > 100
    for text in blocks:
        assert spans(sentences._END, text) == spans(SENTENCE_END, text)


def test_clause_breaks_are_found_as_the_plain_pattern_finds_them_in_the_corpora():
    for text in corpus_blocks():
        assert spans(sentences._CLAUSE_BREAK, text) == spans(CLAUSE_BREAK, text)


@RANDOM
@given(SENTENCE_TEXTS)
def test_sentence_ends_and_clause_breaks_are_found_as_the_plain_patterns_find_them(text):
    assert spans(sentences._END, text) == spans(SENTENCE_END, text)
    assert spans(sentences._CLAUSE_BREAK, text) == spans(CLAUSE_BREAK, text)


@pytest.mark.parametrize("text", ["", "a", " ", ".", "\n", "A. B", " ; ", "x , y", "x -- y"])
def test_scanners_agree_on_the_smallest_texts(text):
    assert spans(sentences._END, text) == spans(SENTENCE_END, text)
    assert spans(sentences._CLAUSE_BREAK, text) == spans(CLAUSE_BREAK, text)
