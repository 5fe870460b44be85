"""Pathological text for the number and attribution parsers: time grows linearly.

Each case builds an input of size n and of size 4n and compares the best of a few
timings of CPU time (a busy machine delays a run but adds little CPU time to it):
linear work takes about 4 times as long, quadratic about 16. n is first
grown until the small input takes long enough to time reliably, so the ratio is
not timer noise. A ratio under 8 passes (a retry absorbs a busy machine).

The sentence and clause scanners were quadratic (a run of dots, of spaces or of
"etc." was rescanned from every position), as were claims in one long sentence
(each claim re-read its sentence for clauses, names, citations and cues), the
Pandoc-citation pattern in an unclosed bracket full of "@", and CL401, which
compared every claim with every earlier one; these cases pin the fixes.

So was a long paragraph, or a long line, of sentences with a claim each (one of
1.1 MB took 90 s and 22 GB): each claim's attribution listed the ends of all the
paragraph's sentences, and matching kept a copy of the paragraph's text before each
sentence. A claim's own work hid that until thousands of sentences, so those cases
start at a fixed size, and memory is compared too (tracemalloc's peak: no timer).
So were the SARIF report, which counted the line breaks before each fix, and the
choice of the fixes to apply, which compared each with every one kept.

Outside `citelint check`: the language server read each finding's line up to its
column to count UTF-16 or UTF-8 units (a 1 MB line with 40,000 findings took minutes
to publish), and `facts extract` walked a paragraph back from each claim without a
cue to the nearest sentence with one.
"""

from __future__ import annotations

import bisect
import gc
import re
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol.types import Position
from robusthelpers import PROPERTY_SETTINGS

from citelint import document, fixes, sentences, sourcedocs
from citelint import extract as extract_facts
from citelint.claims import extract
from citelint.engine import _TextBefore, lint
from citelint.extract.credits import _EarlierCues
from citelint.extract.figures import _AnyNumber
from citelint.indexing import indexes
from citelint.lsp import LineIndex
from citelint.model import Applicability, Diagnostic, Edit, Fix, Severity
from citelint.numbers import find_numbers
from citelint.packs import bundled_facts
from citelint.report import FileResult
from citelint.report.sarif import sarif_log
from citelint.sentences import clause_around, clause_breaks, split_sentences
from citelint.terms import terms

FACTS = bundled_facts()
FLOOR = 0.015  # seconds the small input must take before the ratio means anything
LIMIT = 8.0


def _lint(text: str) -> object:
    return lint(text, FACTS)


def _sentences_and_clauses(text: str) -> object:
    out = []
    for start, end in split_sentences(text):
        sentence = text[start:end]
        breaks = clause_breaks(sentence)
        out.append(clause_around(sentence, 0, min(1, len(sentence)), breaks))
    return out


# (id, builder of an input of size n, function timed)
CASES: list[tuple[str, Callable[[int], str], Callable[[str], object]]] = [
    # -- the number parser
    ("digit-run", lambda n: "x " + "1" * n + "% of y\n", find_numbers),
    ("digit-run-lint", lambda n: "Share: " + "4" * n + "% of downloads.\n", _lint),
    ("comma-ones", lambda n: "x " + "1," * n + "1%\n", find_numbers),
    ("comma-groups", lambda n: "We count 1" + ",000" * n + " users.\n", _lint),
    ("decimal-run", lambda n: "x 1." + "5" * n + "%\n", find_numbers),
    ("qualifiers", lambda n: "more than " * n + "41% of downloads\n", _lint),
    ("mixed-qualifiers", lambda n: "about nearly up to " * n + "41%\n", _lint),
    ("dollar-run", lambda n: "$" * n + "41 billion\n", _lint),
    ("dollar-numbers", lambda n: "$1 " * n + "\n", _lint),
    ("plus-run", lambda n: "41" + "+" * n + " models\n", find_numbers),
    ("word-fractions", lambda n: "four in " * n + "ten\n", _lint),
    ("hyphen-words", lambda n: "forty-" * n + "one percent\n", _lint),
    ("percent-list", lambda n: " ".join(f"{i % 97}%" for i in range(n)) + "\n", _lint),
    ("distinct-numbers", lambda n: "Shares " + " ".join(f"{i}%" for i in range(n)) + "\n", _lint),
    ("numbers-and-words", lambda n: "four in ten and 5% " * n + "\n", find_numbers),
    ("colons", lambda n: "1:" * n + "41%\n", _lint),
    ("dates", lambda n: "2020-" * n + "41%\n", _lint),
    ("versions", lambda n: "v1." * n + "41%\n", _lint),
    # -- sentences and clauses
    ("dot-run", lambda n: "A" + "." * n + "x 41%\n", _sentences_and_clauses),
    ("dot-run-upper", lambda n: "A" + "." * n + "X 41%\n", _lint),
    ("abbreviations", lambda n: "Etc. " * n + "41%\n", _lint),
    ("space-run", lambda n: "a" + " " * n + "x 41% b\n", _sentences_and_clauses),
    ("space-run-lint", lambda n: "a" + " " * n + "41% b\n", _lint),
    ("tab-run", lambda n: "a\t" + "\t" * n + "41%\n", _lint),
    ("clause-words", lambda n: "but while " * n + "41%\n", _lint),
    ("one-sentence-many-claims", lambda n: "41% of models\n" * n, _lint),
    ("many-sentences", lambda n: "It holds 41%. " * n, _lint),
    ("crlf-lines", lambda n: "41% x\r\n" * n, _lint),
    # -- names and attribution
    ("aliases", lambda n: "Hugging Face MIT " * n + "found 41%\n", _lint),
    ("alias-like", lambda n: "Hugging " * n + "found 41%\n", _lint),
    ("capitalised-words", lambda n: "Abcdef " * n + "41%\n", _lint),
    ("according-to", lambda n: "according to " * n + "MIT 41%\n", _lint),
    ("pandoc-unclosed", lambda n: "[" + "@a " * n + "41%\n", _lint),
    ("pandoc-keys", lambda n: "[@a] " * n + "41%\n", _lint),
    ("footnote-refs", lambda n: "[^a]" * n + " 41%\n\n[^a]: MIT\n", _lint),
    ("links", lambda n: "[MIT](https://huggingface.co/blog/x) 41% " * n + "\n", _lint),
    ("same-report", lambda n: "The same report says 41%.\n\n" * n, _lint),
    ("source-column", lambda n: "| a | Source |\n|-|-|\n" + "| 41% | MIT |\n" * n, _lint),
    ("table-columns", lambda n: "|" + "a|" * n + "\n|" + "-|" * n + "\n|" + "41%|" * n, _lint),
    # -- Markdown syntax around numbers
    ("brackets", lambda n: "[" * n + "41%\n", _lint),
    ("brackets-closed", lambda n: "[" * n + "41%" + "]" * n + "\n", _lint),
    # After a letter: a line that starts with a run of stars is superlinear in mistune's
    # own block scanner (11x the time at 4n), which this test cannot tell from citelint's.
    ("stars", lambda n: "a" + "*" * n + "41%\n", _lint),
    ("star-words", lambda n: "*a " * n + "41%\n", _lint),
    ("comment-openers", lambda n: "<!--" * n + "41%\n", _lint),
    ("comment-blocks", lambda n: "<!-- x -->\n" * n + "41%\n", _lint),
    ("backticks", lambda n: "`" * n + "41%\n", _lint),
    ("entities", lambda n: "&amp;" * n + "41%\n", _lint),
    ("escapes", lambda n: "\\*" * n + "41%\n", _lint),
    ("math", lambda n: "$a$ " * n + "41%\n", _lint),
    ("display-math-openers", lambda n: "$$ " * n + "41%\n", _lint),
    ("inline-html", lambda n: "<b>" * n + "41%\n", _lint),
    ("front-matter-unclosed", lambda n: "---\n" + "a: 1\n" * n + "41%\n", _lint),
    ("nested-quotes", lambda n: ">" * n + " 41%\n", _lint),
    ("nested-lists", lambda n: "- " * n + "41%\n", _lint),
    ("footnote-definitions", lambda n: "".join(f"[^a{i}]: MIT 41%\n" for i in range(n)), _lint),
]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic collection meanwhile: its passes walk every live object, so their cost
    grows with the heap of the whole test session, not with the input measured."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _time(func: Callable[[str], object], text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func(text)
        best = min(best, time.process_time() - start)
    return best


def growth(make: Callable[[int], str], func: Callable[[str], object]) -> tuple[int, float]:
    """(n, time(4n) / time(n)) with n grown until time(n) >= FLOOR."""
    n = 64
    func(make(n))  # warm up lazy imports and caches
    while _time(func, make(n), repeat=1) < FLOOR and n < 2_000_000:
        n *= 2
    return n, _time(func, make(4 * n)) / max(_time(func, make(n)), 1e-9)


@pytest.mark.parametrize("make,func", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_time_grows_linearly(make: Callable[[int], str], func: Callable[[str], object]) -> None:
    # Without the cyclic collector, whose passes walk the whole test session's heap: in
    # the full suite they pushed linear cases (a table of 2,048 rows) to 8.5-9.3.
    with _collector_paused():
        n, ratio = growth(make, func)
        if ratio >= LIMIT:  # one retry: a busy machine can slow a single measurement
            n, ratio = growth(make, func)
    assert ratio < LIMIT, f"time at 4n / time at n = {ratio:.1f} (n={n}): superlinear"


# -- long paragraphs and many fixes ------------------------------------------------------

# Twenty short sentences between two claims: the claims' own work is a small part of
# the whole, so a cost per claim that grows with the paragraph shows at a few hundred.
LONG_PARAGRAPHS = [
    ("one-line", lambda n: ("Yes. " * 20 + "It holds 41%. ") * n),
    ("one-paragraph", lambda n: ("Yes.\n" * 20 + "It holds 41%.\n") * n),
]


@pytest.mark.parametrize(
    "make", [c[1] for c in LONG_PARAGRAPHS], ids=[c[0] for c in LONG_PARAGRAPHS]
)
def test_time_grows_linearly_in_a_long_paragraph(make: Callable[[int], str]) -> None:
    _lint(make(10))
    n = 500  # about 0.2 s; the quadratic cost was already 3 times the linear one
    # Without the cyclic collector: in the full suite's large heap its passes alone
    # pushed the ratio of this linear lint past 8 (5 in a process of its own).
    with _collector_paused():
        ratio = _time(_lint, make(4 * n)) / _time(_lint, make(n))
        if ratio >= LIMIT:
            ratio = _time(_lint, make(4 * n)) / _time(_lint, make(n))
    assert ratio < LIMIT, f"time at 4n / time at n = {ratio:.1f} (n={n}): superlinear"


def _peak_memory(text: str) -> int:
    tracemalloc.start()
    try:
        _lint(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_linearly_in_a_long_paragraph() -> None:
    def make(n: int) -> str:
        return ("It holds 41% of " + "downloads " * 50 + "in it. ") * n

    _lint(make(10))
    n = 100  # the copies of the text before each sentence were 13 times larger at 4n
    ratio = _peak_memory(make(4 * n)) / _peak_memory(make(n))
    assert ratio < LIMIT, f"peak memory at 4n / at n = {ratio:.1f} (n={n}): superlinear"


def _fixed_lines(n: int) -> list[FileResult]:
    """n lines of 1,000 characters, each with a finding whose fix replaces its number."""
    line = "Share was 41% of downloads. " + "x" * 971 + "\n"
    diagnostics = []
    for i in range(n):
        start = i * len(line) + 10
        fix = Fix("f", (Edit(start, start + 3, "17.1%"),), Applicability.UNSAFE)
        diagnostics.append(
            Diagnostic("draft.md", i + 1, 11, i + 1, 13, "CL103", "misattributed-statistic",
                       Severity.ERROR, "m", fix=fix, start=start, end=start + 3)
        )  # fmt: skip
    return [FileResult("draft.md", line * n, tuple(diagnostics))]


REPORTS: list[tuple[str, Callable[[list[FileResult]], object]]] = [
    ("sarif-fixes", lambda results: sarif_log(results, "/")),
    ("applicable-fixes", lambda results: fixes.applicable(list(results[0].diagnostics), True)),
]


@pytest.mark.parametrize("func", [c[1] for c in REPORTS], ids=[c[0] for c in REPORTS])
def test_fixes_time_grows_linearly(func: Callable[[list[FileResult]], object]) -> None:
    # Without the cyclic garbage collector: the SARIF log is a tree of dicts, one per
    # finding, and the collector's passes over all live objects made the ratio ~7.
    with _collector_paused():
        n, ratio = growth(_fixed_lines, func)  # type: ignore[arg-type]
        if ratio >= LIMIT:
            n, ratio = growth(_fixed_lines, func)  # type: ignore[arg-type]
    assert ratio < LIMIT, f"time at 4n / time at n = {ratio:.1f} (n={n}): superlinear"


# -- outside `citelint check`: the language server's positions, `facts extract` ----------

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _lsp_positions(encoding: str) -> Callable[[str], object]:
    """The positions of every "41%" of a text, as the server publishes its findings."""

    def convert(text: str) -> object:
        index = LineIndex(text)
        return [index.line_character(m.start(), encoding) for m in re.finditer("41%", text)]

    return convert


# One line, a finding in every sentence: wide characters before each one.
POSITIONS = [
    ("utf-16-astral", lambda n: "It holds 41% of 😀 downloads. " * n, _lsp_positions(UTF16)),
    ("utf-8-accents", lambda n: "Il détient 41% des téléchargements. " * n, _lsp_positions(UTF8)),
]


@pytest.mark.parametrize("make,func", [c[1:] for c in POSITIONS], ids=[c[0] for c in POSITIONS])
def test_lsp_positions_time_grows_linearly_on_a_long_line(
    make: Callable[[int], str], func: Callable[[str], object]
) -> None:
    n, ratio = growth(make, func)
    if ratio >= LIMIT:
        n, ratio = growth(make, func)
    assert ratio < LIMIT, f"time at 4n / time at n = {ratio:.1f} (n={n}): superlinear"


def _extract(text: str) -> object:
    return extract_facts.candidates(sourcedocs.from_text(text, "source.md"))


def test_facts_extract_time_grows_linearly_in_a_long_paragraph_without_cues() -> None:
    """Every claim after the first is credited, by the paragraph's first sentence, to MIT."""

    def make(n: int) -> str:
        return "According to MIT, it holds 5% of models. " + ("Yes. " * 20 + "It holds 41%. ") * n

    assert {c.quoted_from for c in _extract(make(3))} == {"MIT"}
    n = 400  # about 0.1 s; the walks back were already 5 times the rest
    ratio = _time(_extract, make(4 * n)) / _time(_extract, make(n))
    if ratio >= LIMIT:
        ratio = _time(_extract, make(4 * n)) / _time(_extract, make(n))
    assert ratio < LIMIT, f"time at 4n / time at n = {ratio:.1f} (n={n}): superlinear"


# -- the rewritten scanners give the same answers as the straightforward ones -------------

_OLD_END = re.compile(rf"[.!?…]+[\"”’')\]]*(?=\s+{sentences._SENTENCE_START}|\s*$)|[\n]")
_OLD_CLAUSE = re.compile(
    r"\s*[;:()—–]\s*|,\s+|\s+-{1,2}\s+|\s+(?:while|whereas|against|versus|vs\.?|"
    r"compared (?:to|with)|but|although|though)\s+",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(
    "u.s mr mrs ms dr prof inc ltd co corp no vs etc e.g i.e approx jan feb mar apr jun jul aug "
    "sep sept oct nov dec fig st est al".split()
)


def _reference_sentences(text: str) -> list[tuple[int, int]]:
    """split_sentences as first written (quadratic on runs of dots and abbreviations)."""
    spans, start = [], 0
    for m in _OLD_END.finditer(text):
        end = m.end()
        if m.group() != "\n":
            word = re.search(r"([\w.]+)\.$", text[start : m.start() + 1])
            if word and word.group(1).lower() in _ABBREVIATIONS and m.group() == ".":
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _reference_clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = 0, len(text)
    for m in _OLD_CLAUSE.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


_PIECES = list(" \t\n.!?…\"”’')]([“‘;:—–,-aAeEtcgiUsSX1$😀") + [
    "etc", "e.g", "Etc", "vs", " while ", " but ", "u.s", "approx", "Sept", " -- ", "Mr",
    "abcdefghij.", "...",
]  # fmt: skip


def test_scanners_agree_with_reference() -> None:
    @PROPERTY_SETTINGS
    @given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join), st.data())
    def check(text: str, data: st.DataObject) -> None:
        assert split_sentences(text) == _reference_sentences(text)
        if text:
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            assert clause_around(text, start, end) == _reference_clause(text, start, end)

    check()


_BEFORE_PIECES = [
    "U.S. ", "U.S", "U.", ".", " ", "\n", "\n\n", "It ", "it's ", "these ", "Chinese ",
    "models ", "China ", "downloads", "Hugging Face ", "41% ", "17.1% ", "of ", ". ", "A. ",
    "the same report ", "- ", "| a | b |\n|-|-|\n| 41% | x |\n", "[^1]", "\n\n[^1]: MIT\n",
    "United", "United ", "States ", "# United\n", "\nStates",
]  # fmt: skip


def _check_text_before(text: str) -> None:
    fact_index = indexes(FACTS)[0]
    doc = document.parse(text)
    before = _TextBefore(doc, fact_index)
    for claim in extract(doc, fact_index):
        whole = doc.blocks[claim.block].text[: claim.sentence_range[0]]
        if claim.block > 0:
            whole = doc.blocks[claim.block - 1].text + " " + whole
        words = terms(whole)
        expected = (words & fact_index.subject_vocabulary, fact_index.near_subjects(words))
        assert before.words(claim.block, claim.sentence_range[0]) == expected


def test_text_before_a_sentence_reads_as_the_whole_text_before_did() -> None:
    """What matching reads of the text before a claim's sentence (read once per block)
    is what it read of that text copied whole: its subject words and their near misses."""
    # "United" ending a block and "States" starting the next: one word, "us".
    _check_text_before("# The United\n\nStates hold 41%. It has 20%.\n")

    @PROPERTY_SETTINGS
    @given(st.lists(st.sampled_from(_BEFORE_PIECES), max_size=40).map("".join))
    def check(text: str) -> None:
        _check_text_before(text)

    check()


def _reference_applicable(edits: list[Edit]) -> list[Edit]:
    """fixes.applicable's choice as first written: each edit compared with every kept one."""
    kept: list[Edit] = []
    for edit in edits:
        if all(edit.end <= e.start or edit.start >= e.end for e in kept):
            kept.append(edit)
    return sorted(kept, key=lambda e: e.start)


def _applicable(edits: list[Edit]) -> list[Edit]:
    diagnostics = [
        Diagnostic("d.md", 1, 1, 1, 1, "CL103", "x", Severity.ERROR, "m",
                   fix=Fix("f", (edit,), Applicability.SAFE))
        for edit in edits
    ]  # fmt: skip
    return fixes.applicable(diagnostics, False)


def test_fixes_kept_are_those_overlapping_no_earlier_kept_one() -> None:
    @PROPERTY_SETTINGS
    @given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4)), max_size=30))
    def check(ranges: list[tuple[int, int]]) -> None:
        edits = [Edit(start, start + size, str(i)) for i, (start, size) in enumerate(ranges)]
        assert _applicable(edits) == _reference_applicable(edits)

    check()
    # An insertion inside a replaced range is dropped; at its edges, and twice at one
    # place, it is kept.
    edits = [Edit(2, 5, "a"), Edit(3, 3, "b"), Edit(5, 5, "c"), Edit(5, 5, "d"), Edit(2, 2, "e"),
             Edit(4, 6, "f")]  # fmt: skip
    assert [e.replacement for e in _applicable(edits)] == ["a", "e", "c", "d"]


def _reference_units(text: str, encoding: str) -> int:
    """The length of `text` in units of `encoding`, counted as LineIndex first did."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _reference_line_character(index: LineIndex, offset: int, encoding: str) -> tuple[int, int]:
    """LineIndex.line_character as first written: the line read up to the offset."""
    offset = min(max(offset, 0), len(index.text))
    line = bisect.bisect_right(index.starts, offset) - 1
    return line, _reference_units(index.text[index.starts[line] : offset], encoding)


def _reference_offset(index: LineIndex, line: int, character: int, encoding: str) -> int:
    """LineIndex.offset as first written: the line read up to the client's column."""
    if line >= len(index.starts):
        return len(index.text)
    start, end = index.starts[line], index.line_end(line)
    units = 0
    for i, char in enumerate(index.text[start:end]):
        if units >= character:
            return start + i
        units += _reference_units(char, encoding)
    return end


# Wide characters of each width: é (2 UTF-8 bytes), 中 (3), 😀 (4, two UTF-16 units) and
# a lone surrogate (3 bytes as the server encodes it), between LSP's three line breaks.
_POSITION_PIECES = ["a", "41% ", "é", "中", "😀", "\ud83d", "\n", "\r", "\r\n", "\n\n"]


def test_lsp_positions_are_those_counted_by_reading_the_line() -> None:
    """Positions from each line's list of wide characters are the units counted by reading
    the line up to the offset, both ways, in UTF-8, UTF-16 and UTF-32."""

    @PROPERTY_SETTINGS
    @given(st.lists(st.sampled_from(_POSITION_PIECES), max_size=30).map("".join), st.data())
    def check(text: str, data: st.DataObject) -> None:
        index = LineIndex(text)
        for encoding in (UTF8, UTF16, UTF32):
            for offset in range(-1, len(text) + 2):
                expected = _reference_line_character(index, offset, encoding)
                assert index.line_character(offset, encoding) == expected
            line = data.draw(st.integers(0, len(index.starts)))
            for character in range(0, 4 * len(text) + 2):
                expected = _reference_offset(index, line, character, encoding)
                assert index.offset(Position(line, character), encoding) == expected

    check()


def _reference_earlier_cues(parsed: document.Document, claim, cues) -> list[str]:
    """The names of the nearest earlier sentence with a cue, as first found: each claim
    read its paragraph's sentences back from the end."""
    block = parsed.blocks[claim.block]
    for sentence in reversed(block.sentences):
        if sentence[1] <= claim.sentence_range[0]:
            names = cues(claim.block, sentence)
            if names:
                return names
    return []


_CUE_PIECES = [
    "According to MIT, ", "IDC reported that ", "Gartner's study says ", "It holds 41%. ",
    "Yes. ", "It rose 17.1% and 5%. ", "\n", "\n\n", "(Omdia, 2026) ", "it has 6,200 users. ",
]  # fmt: skip


def test_earlier_cues_are_those_found_by_reading_the_paragraph_back() -> None:
    """The names kept for each sentence are those the walk back from each claim found,
    whatever order the claims are asked in."""

    @PROPERTY_SETTINGS
    @given(st.lists(st.sampled_from(_CUE_PIECES), max_size=30).map("".join), st.randoms())
    def check(text: str, random) -> None:
        parsed = document.parse(text)

        def cues(block: int, sentence: tuple[int, int]) -> list[str]:
            return extract_facts.cue_names(parsed.blocks[block].text[sentence[0] : sentence[1]])

        found = extract(parsed, _AnyNumber())  # type: ignore[arg-type]
        expected = [_reference_earlier_cues(parsed, claim, cues) for claim in found]
        earlier = _EarlierCues(parsed, cues)
        assert [earlier(claim) for claim in found] == expected
        shuffled = list(range(len(found)))
        random.shuffle(shuffled)
        earlier = _EarlierCues(parsed, cues)
        assert [earlier(found[i]) for i in shuffled] == [expected[i] for i in shuffled]

    check()
