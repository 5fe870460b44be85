"""Sentences and clauses of a block of prose, as ranges of its text.

Both scans are linear in the text: no pattern may start inside a run of the
characters it repeats (a run of dots or of spaces is tried once, at its start),
and an abbreviation is looked for only in the few characters before a full stop.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from . import regexes

_ABBREVIATIONS = frozenset(
    "u.s mr mrs ms dr prof inc ltd co corp no vs etc e.g i.e approx jan feb mar apr jun jul aug "
    "sep sept oct nov dec fig st est al dept govt gov univ assn jr sr rep sen cf n.d p pp vol "
    "ch sec para".split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
# What a sentence can start with, after the quote or bracket that may open it: a capital,
# a digit, a currency sign, or a symbol or emoji ("😀 MIT found …", "✅ 41% of …").
_SENTENCE_START = (
    r"[\"“‘'(\[]?[A-Z0-9¡¿\"“$\u00a2-\u00a5\u20a0-\u20cf"
    r"\u00a9\u00ae\u2122\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf"
    r"\u2900-\u297f\u2b00-\u2bff\U0001f000-\U0001faff]"
)
# Each scanner starts with a character class, so that `re` skips ahead to the
# characters a match can start with (a pattern that starts with a look-behind is
# tried at every position); the look-behinds come after that first character.
# A sentence's end may carry a note marker: a footnote reference left as text (one with
# no definition, "….[^mit] According to …") or a numbered one ("….[3] The …"); and
# inline HTML that stands as U+FFFC ("… downloads. <!-- a comment --> Similarweb …").
_END = regexes.compile(
    r"[.!?…\n](?:(?<=[.!?…])(?<![.!?…]{2})[.!?…]*[\"”’')\]]*(?:\[(?:\^[^\[\]\s]{1,40}|\d{1,3})\])*"
    rf"(?:[ \t]*\ufffc)*(?=\s+{_SENTENCE_START}|\s*$)|(?<=\n))"
)
_WORD_BEFORE_DOT = regexes.compile(r"([\w.]+)\.$")
_WORD_CHAR = regexes.compile(r"[\w.]")
# A break is a run of spaces (not inside a longer one) before a word cue, a dash or
# a punctuation mark; that mark alone; or a comma before spaces. After the spaces the
# next character decides which, so at most one alternative can match at a position.
_CLAUSE_BREAK = regexes.compile(
    r"[\s;:()—–,](?:(?<=\s)(?<!\s\s)\s*(?:(?:while|whereas|against|versus|vs\.?|"
    r"compared (?:to|with)|but|although|though)\s+|-{1,2}\s+|[;:()—–]\s*)"
    r"|(?<=[;:()—–])\s*|(?<=,)\s+)",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; `end` is just past its closing punctuation."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group() == "." and _abbreviation_before(text, start, m.start()):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _abbreviation_before(text: str, start: int, dot: int) -> bool:
    """Whether the word that `text[dot]` (a full stop) ends is a known abbreviation.

    The word is the run of word characters and dots before the full stop, within
    the sentence that starts at `start`; only a window as long as the longest
    abbreviation is read, so a sentence full of "etc." stays linear.
    """
    low = max(start, dot - _LONGEST_ABBREVIATION - 1)
    word = _WORD_BEFORE_DOT.search(text, low, dot + 1)
    if word is None:
        return False
    if word.start() == low and low > start and _WORD_CHAR.match(text, low - 1):
        return False  # the word goes on before the window: longer than any abbreviation
    return word.group(1).lower() in _ABBREVIATIONS


def clause_breaks(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause breaks of `text` (a sentence), in order."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _CLAUSE_BREAK.finditer(text):
        if text[m.start()] == "," and (
            _ASIDE_AFTER.match(text, m.end())
            or _ASIDE_BEFORE.search(text, max(0, m.start() - 20), m.start() + 1)
        ):
            continue  # "Zhipu AI, meanwhile, pulled in …": one clause, its subject and verb
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends


# An adverb set off by commas between a subject and its verb ("Zhipu AI, meanwhile,
# pulled in $619 million"): no clause of its own.
_ASIDES = r"meanwhile|however|too|also|likewise|similarly|in turn|for its part|by contrast"
_ASIDE_AFTER = regexes.compile(rf"(?:{_ASIDES}),\s", re.IGNORECASE)
_ASIDE_BEFORE = regexes.compile(rf",\s+(?:{_ASIDES}),$", re.IGNORECASE)


def clause_around(
    text: str, start: int, end: int, breaks: tuple[list[int], list[int]] | None = None
) -> tuple[int, int]:
    """The clause of `text` (a sentence) holding the range [start, end).

    Pass `breaks` (from `clause_breaks(text)`) when asking about several ranges of
    one sentence, so that it is scanned once.
    """
    starts, ends = breaks if breaks is not None else clause_breaks(text)
    before = bisect_right(ends, start)  # breaks that end at or before the range
    after = bisect_left(starts, end)  # the first break that starts at or after its end
    lo = ends[before - 1] if before else 0
    hi = starts[after] if after < len(starts) else len(text)
    return lo, hi


# What joins the parts of a coordination of figures: "Gemini at 4% and DeepSeek at 18%".
_COORDINATION = regexes.compile(
    r"[,;]|\b(?:and|while|whereas|but|against|versus|vs)\b", re.IGNORECASE
)
# The end of a sentence the sentence scan ran over: "… 89%.[^ms] While DeepSeek holds 4% …".
_RUN_ON = regexes.compile(r"[.!?][\"”’')\]]*(?:\[\^[^\]\s]*\])?\s")


def coordinated_parts(
    text: str, ranges: list[tuple[int, int]], breaks: tuple[list[int], list[int]] | None = None
) -> list[tuple[int, int] | None]:
    """The part of `text` (a sentence) each figure at `ranges` (in order) has in a
    coordination with its neighbours ("Gemini at 4% and DeepSeek at 18%", "4% for
    Gemini, 18% for DeepSeek"): a part ends where the first joining word or mark after its
    figure starts, and the next begins after it; no part reaches out of its figure's
    clause. None for a figure joined so to neither neighbour ("from 87% to 68%")."""
    breaks = breaks if breaks is not None else clause_breaks(text)
    cuts: list[tuple[int, int] | None] = []
    for (_, after), (before, _) in zip(ranges, ranges[1:], strict=False):
        joint = _COORDINATION.search(text, after, before)
        cuts.append(None if joint is None or _RUN_ON.search(text, after, before) else joint.span())
    parts: list[tuple[int, int] | None] = []
    for i, (a, b) in enumerate(ranges):
        joined = cuts[i - 1] if i else None
        joins = cuts[i] if i < len(cuts) else None
        if joined is None and joins is None:
            parts.append(None)
            continue
        lo, hi = clause_around(text, a, b, breaks)
        start = max(lo, joined[1]) if joined else lo
        end = min(hi, joins[0]) if joins else hi
        parts.append((start, end))
    return parts
