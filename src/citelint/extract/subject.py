"""The subject suggested for a figure: the proper name nearest the number in its clause
(else the first after it, else the sentence's first), with possessives split off, words
the document also writes in lower case, generic words and the names it credits left out.
"""

from __future__ import annotations

import re

from .. import document, regexes
from .credits import _GENERIC_NAMES, _NATIONALITY, _OPENERS

_NAME_TOKEN = regexes.compile(
    r"U\.S\.|[A-Z][A-Za-z0-9]*(?:[-.&][A-Z0-9][A-Za-z0-9]*)*(?:['’]s)?(?![\w-])"
)


# Word forms that start sentences rather than names ("Cumulative", "Standing", "Global").
_COMMON_FORM = regexes.compile(
    r"[A-Z][a-z]+(?:ing|ed|ly|ive|al|ous|ful|tion|sion|ment|ness|ity|ance|ence|ies|ers|able)"
)


def _name_phrases(text: str, offset: int, vocabulary: frozenset[str], sentence_start: bool,
                  title_case: bool, excluded: set[str]) -> list[tuple[int, str]]:  # fmt: skip
    """Proper-name phrases in `text` as (position, name), possessives split off
    ("Alibaba Cloud's Qwen" -> "Qwen"), generic words and credited names left out."""
    phrases: list[tuple[int, str]] = []
    tokens = list(_NAME_TOKEN.finditer(text))
    run: list[re.Match] = []

    def flush() -> None:
        if not run:
            return
        parts: list[list[str]] = [[]]
        for token in run:
            word = token.group()
            possessive = bool(re.search(r"['’]s$", word))
            parts[-1].append(re.sub(r"['’]s$", "", word))
            if possessive:
                parts.append([])
        words = [p for p in parts if p][-1] if any(parts) else []
        while words and words[-1].lower() in _GENERIC_NAMES and len(words) > 1:
            words.pop()
        name = " ".join(words)
        if name and name.lower() not in excluded and not all(w.lower() in excluded for w in words):
            lowered = name.lower()
            if lowered in _NATIONALITY:
                phrases.append((offset + run[0].start(), _NATIONALITY[lowered]))
            elif not all(w.lower() in _GENERIC_NAMES for w in words):
                phrases.append((offset + run[0].start(), name))
        run.clear()

    last_end = -1
    for token in tokens:
        word = token.group()
        start = token.start()
        base = re.sub(r"['’]s$", "", word)
        is_first = sentence_start and not text[:start].strip()
        common = base.lower() in vocabulary and base.lower() not in _NATIONALITY
        if (
            is_first
            and _COMMON_FORM.fullmatch(base)
            and not re.match(r"\s+[A-Z]", text[token.end() :])
        ):
            common = True  # "Standing at ...", "Cumulative downloads ...", "Recently, ..."
        if base.lower() in _OPENERS or ((is_first or title_case) and common):
            flush()
            last_end = token.end()
            continue
        if run and not re.fullmatch(r"\s", text[last_end:start]):
            flush()
        run.append(token)
        last_end = token.end()
    flush()
    return phrases


def _subject(
    sentence: str,
    before_text: str,
    n_end: int,
    c_start: int,
    c_end: int,
    vocabulary: frozenset[str],
    excluded: set[str],
) -> str | None:
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    capitals = sum(1 for w in words if w[0].isupper())
    title_case = len(words) >= 4 and capitals >= 0.6 * len(words)

    def names(lo: int, hi: int, source: str = sentence) -> list[tuple[int, str]]:
        return _name_phrases(source[lo:hi], lo, vocabulary, lo == 0, title_case, excluded)

    clause_before = names(c_start, len(before_text), before_text)
    if clause_before:
        return clause_before[-1][1]  # nearest before the number in its clause
    after = sentence[n_end:c_end]
    window = re.split(r"\s+(?:and|but|while|which|that|to)\s+|[,;:]", after, maxsplit=1)[0]
    window = " ".join(window.split()[:8])
    nearby = names(n_end, n_end + len(window)) if window else []
    if nearby:
        return nearby[0][1]
    sentence_before = names(0, c_start, before_text[:c_start] if c_start else "")
    if sentence_before:
        return sentence_before[0][1]  # the sentence's first name
    later = names(n_end, c_end)
    return later[0][1] if later else None


def _lowercase_words(parsed: document.Document) -> frozenset[str]:
    """Words the document writes in lower case somewhere: not proper names."""
    words: set[str] = set()
    for block in parsed.blocks:
        words.update(re.findall(r"\b[a-z][a-z0-9-]*\b", block.text))
    return frozenset(words)
