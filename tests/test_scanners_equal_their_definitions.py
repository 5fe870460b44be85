"""The claim pipeline's scanners, and one of the document layer's, were rewritten to do
less work (a pattern that starts with the characters a match can start with, a search
only where a match can start). Each must find exactly what its plain definition, kept
here, finds: on every block of prose of the corpora at hand and on random texts built
from the characters that matter.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citelint import claims, document, numbers, sentences, terms, wording
from citelint.attribution.cues import (
    _ANAPHORA,
    _CUE_BEFORE_REVERSED,
    _PLATFORM_BEFORE_REVERSED,
    _PUBLISHED_NOUNS,
    _REPORT_NOUNS,
    _UNKNOWN_NAME,
)
from citelint.document.markdown import _BLANK_ITEM_LINE
from citelint.matching.context import _LATER_CLAUSE, _through
from citelint.pandoc import CITATION as _PANDOC

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
SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?:\[(?:\^[^\[\]\s]{1,40}|\d{1,3})\])*(?:[ \t]*\ufffc)*"
    rf"(?=\s+{sentences._SENTENCE_START}|\s*$)|[\n]"
)
CLAUSE_BREAK = re.compile(
    r"(?<!\s)\s+(?:while|whereas|against|versus|vs\.?|compared (?:to|with)|but|although|though)\s+"
    r"|(?<!\s)\s+-{1,2}\s+|(?:(?<!\s)\s+)?[;:()—–]\s*|,\s+",
    re.IGNORECASE,
)
_SENTENCE_PIECES = list(" \t\n\u00a0.!?…\"”’')]([“‘;:—–,-aAeEtcgiUsSX1İſ$€😀✅^") + [
    "[^n]", "[2]", "[^", "\ufffc",
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


# -- numbers --------------------------------------------------------------------------------

_MONTHS = numbers._MONTHS
DATE_BEFORE = re.compile(rf"(?:\b(?:{_MONTHS})\.?\s+|\d[./-])$", re.IGNORECASE)
LABEL_BEFORE = re.compile(
    r"\b(?:page|pages|p\.|pp\.|slide|slides|chapter|ch\.|chap\.|section|sec\.|para\.|figure|"
    r"fig\.|table|step|item|no\.|number|"
    r"version|v|release|episode|part|volume|vol\.|issue|rule|line|lines|room|route|level|"
    r"tier|grade|phase|stage|season|round|article|clause|paragraph|listing|opus|sonnet|haiku|gpt|llama|"
    r"gemini|claude|iphone|windows|python|rfc|iso|ieee|iec|ecma|id|code|ticket|isbn|"
    r"extension|ext\.|ext|tel\.|tel|phone|fax|suite|gate|flight|draft|revision|rev\.|"
    r"myth|lesson|takeaway|exhibit|question|reason|tip|trend|example|finding|chart|appendix|"
    r"annex|exercise|exercises|activity|task|problem|quiz|module|unit|worksheet|brief|memo|"
    r"port|issues|rooms|floor|building|box|exit|highway|build|builds|form|thread|message|job|"
    r"alert|error|incident|order|runner|hall|booth|row|rows|footnote|footnotes|option|options|"
    r"proposal|proposals|schedule|regulation|objective|principle|recommendation|"
    r"recommendations|para|paras|paragraphs|sections|chapters|questions|items|steps)\s*$",
    re.IGNORECASE,
)
MODEL_BEFORE = re.compile(
    r"\b(?:llama|codellama|qwen|mistral|mixtral|gemma|phi|falcon|deepseek|kimi|glm|yi|olmo|"
    r"grok|gpt|claude|gemini|bloom|vicuna|ernie|baichuan|internlm|minimax|nemotron|granite|"
    r"starcoder|hunyuan|doubao|pangu|ascend|kunlun|spark)(?:[ -]?[a-z]?\d{1,2}(?:\.\d+)*)?[ -]$",
    re.IGNORECASE,
)
PHONE = re.compile(r"\+?\d{1,3}[ .-]?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){1,3}")
NUMBER_WORD = re.compile(
    "(?<![a-z])(?:"
    + "|".join(sorted(numbers._NUMBER_WORDS, key=lambda w: (-len(w), w)))
    + ")(?![a-z])"
)
_NUMBER_PIECES = [
    "one", "two", "forty", "-", " ", "a", "third", "thirds", "in", "ten", "out of", "percent",
    "million", "bn", "m", "$", "US$", "usd ", "Rs.", "€", "%", "x", "+", "1", "41", "6,200", "0.5",
    ".", ",", "/", "K", "İ", "ſ", "Ten", "ONE", "(", "\n", "\u00a0", "2026", "often", "someone",
    "March", "Sept.", "sept", "jan.", "page", "p.", "No.", "GPT", "fig.", "v", "Version", "+1",
    "555", "0100", "(20)", "2024-", "_", "U.S.$", "u.s.$ ",
    "hundred", "a hundred", "per-cent", "‰", "T", "B", "3.5", "RFC", "id", "Llama", "Qwen2.5",
    "V3", "3.1", "yi",
]  # fmt: skip
NUMBER_TEXTS = st.lists(st.sampled_from(_NUMBER_PIECES), max_size=30).map("".join)


def _runs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in numbers._DIGITS.finditer(text)]


def _number_scans_agree(text: str) -> None:
    lowered = numbers._lowered(text)
    runs = _runs(text)
    assert runs == [m.span() for m in re.finditer(r"\d+", text)]
    numeric = [m.span() for m in numbers._numeric_matches(text, lowered, runs)]
    assert numeric == spans(numbers._NUMERIC, text)
    wordy = [m.span() for m in numbers._wordy_matches(text, lowered, runs)]
    assert wordy == spans(numbers._WORDY, text)
    low = text.lower()
    words = [(m.start(), m.group()) for m in NUMBER_WORD.finditer(low)]
    assert list(numbers._number_word_starts(low)) == words
    assert spans(numbers._PHONE, text) == spans(PHONE, text)


def _before_agrees(before: str) -> None:
    backwards = before[::-1]
    assert bool(numbers._DATE_BEFORE_REVERSED.match(backwards)) == bool(DATE_BEFORE.search(before))
    assert bool(numbers._LABEL_BEFORE_REVERSED.match(backwards)) == bool(
        LABEL_BEFORE.search(before)
    )
    assert bool(numbers._MODEL_BEFORE_REVERSED.match(backwards)) == bool(
        MODEL_BEFORE.search(before)
    ), before


def test_numbers_are_found_where_the_full_scans_find_them_in_the_corpora():
    for text in corpus_blocks():
        _number_scans_agree(text)


def test_dates_and_labels_before_numbers_are_read_as_the_plain_patterns_read_them():
    for text in corpus_blocks():
        for run in numbers._DIGITS.finditer(text):
            _before_agrees(text[max(0, run.start() - 24) : run.start()])


@RANDOM
@given(NUMBER_TEXTS)
def test_numbers_are_found_where_the_full_scans_find_them(text):
    _number_scans_agree(text)
    _before_agrees(text)


# -- attribution ----------------------------------------------------------------------------

_NOUNS = _REPORT_NOUNS
CUE_BEFORE = re.compile(
    r"(?:\baccording\s+to\s+(?:[\w'’&/.-]+\s+){0,5}"
    r"|\bper\s+(?:the\s+same\s+|the\s+|a\s+)?"
    r"(?:(?:(?-i:[A-Z])[\w.]*\s+)?[\w.'’]+-(?:based|listed|headquartered|backed|owned|run|"
    r"government)\s+|independent\s+|nonprofit\s+|non-profit\s+)?"
    r"(?:(?-i:[A-Z])[\w.]*['’]s\s+)?"
    r"|\b(?:citing|quoting)\s+(?:the\s+same\s+|the\s+|a\s+)?"
    r"|\b(?:cited|reported|published|compiled|estimated|released|conducted|produced|"
    r"commissioned|written|authored|led|collected|tracked|measured|calculated|announced|"
    r"disclosed|issued|prepared|gathered|provided|analy[sz]ed|noted|shown|found|given|"
    r"documented|highlighted|quoted|stated|revealed|confirmed|counted|tallied|recorded|"
    r"computed|supplied)\s+by\s+(?:the\s+same\s+|the\s+|a\s+)?"
    rf"|\b(?:{_NOUNS})(?:\s+[\w'’-]+){{0,2}}\s+(?:by|from|of|at)\s+(?:the\s+same\s+|the\s+|a\s+)?"
    rf"|\b(?:{_PUBLISHED_NOUNS})\s+(?:(?:published|appearing)\s+)?in\s+(?:the\s+same\s+|the\s+|a\s+)?"
    r"|\btold\s+(?:the\s+)?"
    r"|\b(?:writing\s+in|speaking\s+(?:to|with)|interview\s+with|sourced\s+from)\s+(?:the\s+)?"
    r"|\b(?:said|says|reported|reports|wrote|writes|noted|notes|estimated|estimates|added|adds)"
    r"\s+(?:the\s+)?"
    r"|\btitled\s+[\"“‘']?"
    r"|\bsources?:\s*"
    r"|(?:^|\s)(?:—|–|--|―)\s*"
    r"|(?:^|\s)(?:—|–|--|―)\s*(?:(?-i:[A-Z])[\w.'’-]*\s*){1,4},\s*"
    r"|\b(?:said|says|reported|reports|wrote|writes|noted|notes|estimated|estimates|added|adds)"
    r"\s+(?:(?-i:[A-Z])[\w.'’-]*\s+){1,4}of\s+"
    r"|,\s*via\s+(?:the\s+)?"
    r"|[(\[]\s*(?:see\s+|via\s+|e\.g\.,?\s*|cf\.?\s+)?"
    r"|[(\[]\s*(?:e\.g\.,?\s*)?[^()\[\];\n]{1,60}?,\s*(?:19|20)\d\d[a-z]?"
    r"(?:\s*;\s*[^()\[\];\n]{1,60}?,\s*(?:19|20)\d\d[a-z]?){0,4}\s*;\s*"
    r"|[(\[]\s*(?:US\$|HK\$|[$€£¥])?\d[\d.,]*(?:\s*(?:%|percent|million|billion|trillion|bn|m))?"
    r"\s*[,;]\s*"
    r")$",
    re.IGNORECASE,
)
PLATFORM_BEFORE = re.compile(
    r"\b(?:on|onto|to|into|at|across|in|within|inside|throughout|via|from|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PANDOC = re.compile(r"\[(?=[^\[\]]*@\w)[^\[\]]*\]|(?<![\w@])@[A-Za-z][\w:.-]*")
UNKNOWN_NAME = re.compile(
    r"\b(?i:according\s+to\s+(?:the\s+|a\s+|an\s+)?)"
    r"(?P<name>(?:[A-Z](?:[\w&'’-]|\.(?!\d))*\s*){1,5})"
)
ANAPHORA = re.compile(
    r"\b(?:the\s+same|(?<!in\s)this|that|these)\s+(?:same\s+)?"
    r"(?:new\s+|latest\s+|(?-i:[A-Z][a-z]+)\s+)?"
    r"(?:report|study|analysis|survey|paper|data|research|figures|source|filings|tally)\b",
    re.IGNORECASE,
)
_CUE_PIECES = [
    " ", "  ", "\n", "according", "According", " to ", "per", "Per ", "citing", "quoting",
    "the ", "The ",
    "a ", "an ", "cited", " by ", "reported", "analysed", "analyzed", "report", "filing",
    "filings", "analysts", "of ", "from ", "at ", "told", "titled", "“", '"', "source", "sources",
    ":", "—", "–", "--", "―", "(", "see ", "on", "onto", "into", "via", "with", "MIT", "Hugging",
    "Face", "x", "A", "@", "@key", "[", "]", "[@", "Smith", "2026", "same", "new ", "study",
    "that", "these", "this", "Th", "t", "ſ", "İ", "’", "'", "-", ".", "/", "&", "_", "\t",
    "(see ", "according to ", "a report by the ", "data from ", "the same report",
    "said ", "says", "reported ", "notes", "adds ", ", via ", "(via ", "noted by ", ",",
    "68", "%", "1.2", "$", "US$", " million", "bn", "m", ";", "percent",
    "writing in ", "speaking", "speaking to ", " with ", "interview", "sourced from ", "in ",
    "a study in ", "published ", "appearing ", "paper", "stories",
    "-based ", "Boston-based ", "New York-listed ", "independent ", "e.g.", "e.g., ", "cf. ",
    "2026a", ", 2026; ", "Smith, 2026; ", "[2]", ".2", "in this report", "In This paper",
    "within this study", "in the same report",
]  # fmt: skip
CUE_EXAMPLES = [
    "according to a b c d e MIT", "according to a b c d e f MIT", "(see MIT", "( MIT",
    "per the MIT", "a report by the MIT", "report x y by MIT", "report x y z by MIT",
    "titled “MIT", "Sources: MIT",
    "x — MIT", "—MIT", "data from MIT", "analysts at MIT", "told the MIT", "cited by a MIT",
    "analysed by MIT", "uploaded to the MIT", "on MIT", "onto  the\nMIT", "per\nMIT\n",
    "x, said MIT", "says the MIT", "unsaid MIT", "reported\nMIT", "x, via the MIT", "(via MIT",
    "[MIT", "[ see MIT", "noted by MIT", "x,via MIT", "trivia MIT",
    "Writing in MIT", "speaking with the MIT", "an interview with MIT", "sourced from MIT",
    "rewriting in MIT", "a report in MIT", "a study published in the MIT", "storied in MIT",
    "papers appearing in MIT", "a report\nin a MIT",
    "(68%, MIT", "[17.1 percent; MIT", "(US$619 million, MIT", "( 4 % ,MIT", "x68%, MIT",
    "(6,200+, MIT", "(1,2, MIT",
    "Per the Boston-based MIT", "per New York-listed MIT", "per the independent MIT",
    "(e.g., MIT", "(e.g. MIT", "(cf. MIT", "(Smith, 2026; MIT",
    "(e.g., Smith, 2026a; Lee, 2025; MIT",
    "(Smith; MIT", "(Smith, 2026, MIT",
]  # fmt: skip
CUE_TEXTS = st.lists(st.sampled_from(_CUE_PIECES), max_size=25).map("".join)


def _cues_agree(text: str, ends: list[int] | None = None) -> None:
    for end in range(len(text) + 1) if ends is None else ends:
        before = text[max(0, end - 80) : end]
        backwards = before[::-1]
        assert bool(_CUE_BEFORE_REVERSED.match(backwards)) == bool(CUE_BEFORE.search(before)), (
            before
        )
        assert bool(_PLATFORM_BEFORE_REVERSED.match(backwards)) == bool(
            PLATFORM_BEFORE.search(before)
        ), before


def _sentence_patterns_agree(text: str) -> None:
    assert spans(_PANDOC, text) == spans(PANDOC, text)
    unknown, expected = _UNKNOWN_NAME.search(text), UNKNOWN_NAME.search(text)
    assert (unknown and unknown.span("name")) == (expected and expected.span("name"))
    assert spans(_ANAPHORA, text) == spans(ANAPHORA, text)


def test_cues_before_names_are_read_as_the_plain_patterns_read_them_in_the_corpora():
    for text in corpus_blocks():  # where a capitalised word starts: where most names do
        _cues_agree(text, [m.start() for m in re.finditer(r"\b[A-Z]", text)])


def test_citation_keys_unknown_names_and_anaphora_are_found_as_before_in_the_corpora():
    for text in corpus_blocks():
        _sentence_patterns_agree(text)


@pytest.mark.parametrize("text", CUE_EXAMPLES)
def test_cue_examples_are_read_as_the_plain_patterns_read_them(text):
    _cues_agree(text)


@RANDOM
@given(CUE_TEXTS)
def test_attribution_patterns_read_as_the_plain_patterns_read(text):
    _cues_agree(text)
    _sentence_patterns_agree(text)


# -- claims ---------------------------------------------------------------------------------

_QUALIFIER_PIECES = [
    " ", "  ", "\n", "(", "~", "≈", "more than", "More Than", "over", "in excess of", "exceeds",
    "at least", "less than", "up to", "nearly", "just under", "about", "approx", "approx.", "ca.",
    "an estimated", "in the region of", "or so", "some", "a", "an", "the", "well", "roughly",
    "x", "-", "ſome", "İ", "over-", "moreover", "$", "5",
]  # fmt: skip
QUALIFIER_TEXTS = st.lists(st.sampled_from(_QUALIFIER_PIECES), max_size=12).map("".join)


def _qualifier_found_alike(before: str) -> None:
    found = claims._QUALIFIER_TAIL_REVERSED.match(before[::-1])
    assert bool(found) == bool(claims._QUALIFIER_TAIL.search(before)), before


def test_qualifiers_before_numbers_are_found_as_the_search_finds_them_in_the_corpora():
    for text in corpus_blocks():
        for run in numbers._DIGITS.finditer(text):
            _qualifier_found_alike(text[max(0, run.start() - 40) : run.start()])


@RANDOM
@given(QUALIFIER_TEXTS)
def test_qualifiers_are_found_as_the_search_finds_them(text):
    for end in range(len(text) + 1):
        _qualifier_found_alike(text[max(0, end - 40) : end])


# -- terms ----------------------------------------------------------------------------------

_TERM_PIECES = [
    "U", "U.S.", "U.S.A.", "US", "us", "Us", "U.S", "USA", ".", "S", "A", "'", "’", "s", "’s",
    " ", "the", "Chinese", "downloads", "MIT", "9", "41%", "-", "é", "\n", "of", "and",
]  # fmt: skip


def _plain_terms(text: str) -> frozenset[str]:
    """terms() as first written: the stemmed tokens that are not stopwords."""
    return frozenset(t for t in terms.tokens(text) if t not in terms.STOPWORDS)


def test_terms_are_the_plain_definition_in_the_corpora():
    for text in corpus_blocks():
        assert terms.terms.__wrapped__(text) == _plain_terms(text)


@RANDOM
@given(st.lists(st.sampled_from(_TERM_PIECES), max_size=20).map("".join))
def test_terms_are_the_plain_definition(text):
    assert terms.terms.__wrapped__(text) == _plain_terms(text)


# --------------------------------------------------------------------------- list items

_MARKER = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)])")
_ITEM_PIECES = [" ", "\t", "-", "*", "+", "1", "12", ".", ")", "x", "\n", "\xa0", "\u2028", "\x0b"]


def _marker_line_is_blank(src: str, marker: int) -> bool:
    """The plain definition: the marker line without its list marker is blank."""
    line_end = src.find("\n", marker)
    rest = _MARKER.sub("", src[marker : line_end if line_end >= 0 else None], count=1)
    return not rest.strip()


@RANDOM
@given(st.lists(st.sampled_from(_ITEM_PIECES)).map("".join), st.integers(0, 40))
def test_a_blank_list_marker_line_is_found_as_the_plain_definition_finds_it(src, marker):
    marker = min(marker, len(src))
    found = _BLANK_ITEM_LINE.match(src, marker) is not None
    assert found == _marker_line_is_blank(src, marker)


# -- wording.one_line: the look before substituting -------------------------------------


@RANDOM
@given(st.text(alphabet=st.sampled_from("a1. \t\n\r\u00a0\u2007\u202f\u2028\x0b“”"), max_size=30))
def test_one_line_changes_what_the_plain_substitution_changes(text):
    plain = re.sub(r"[^\S\u00a0\u2007\u202f]+", " ", text)
    assert wording.one_line(text) == plain
    if plain == text:
        assert wording.one_line(text) is text  # no new message built


def _plain_through(sentence: str, clause: str) -> str:
    """matching.context._through as first written: one search from the clause's end."""
    at = sentence.find(clause) if clause else -1
    if at < 0:
        return sentence
    later = _LATER_CLAUSE.search(sentence, at + len(clause))
    return sentence if later is None else sentence[: later.start()]


@given(
    st.text(alphabet=" ,;ab", max_size=40).map(
        lambda t: t.replace("a", " and ").replace("b", " but ")
    ),
    st.integers(0, 40),
    st.integers(0, 12),
)
@RANDOM
def test_a_claims_clause_runs_through_as_one_search_from_its_end_finds(sentence, start, size):
    """`_through` finds the sentence's later clauses once and bisects; a clause may end
    anywhere, inside a break (", and ") too."""
    clause = sentence[start : start + size]
    assert _through(sentence, clause) == _plain_through(sentence, clause)
