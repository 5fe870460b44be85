"""Sentences and clauses of a block of prose, as ranges of its text."""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "u.s mr mrs ms dr prof inc ltd co corp no vs etc e.g i.e approx jan feb mar apr jun jul aug "
    "sep sept oct nov dec fig st est al".split()
)
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9¡¿\"“]|\s*$)|[\n]")
_CLAUSE_BREAK = re.compile(
    r"\s*[;:()—–]\s*|,\s+|\s+-{1,2}\s+|\s+(?:while|whereas|against|versus|vs\.?|"
    r"compared (?:to|with)|but|although|though)\s+",
    re.IGNORECASE,
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; `end` is just past its closing punctuation."""
    spans = []
    start = 0
    for m in _END.finditer(text):
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


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` (a sentence) holding the range [start, end)."""
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi
