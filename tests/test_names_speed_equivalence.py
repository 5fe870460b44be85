"""NameIndex finds what the plain token-by-token reading did, and NearMisses what a full
rapidfuzz scan finds, for any cutoff: the faster paths must not change a single mention."""

from __future__ import annotations

import types

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from citelint.model import Source
from citelint.names import _TOKEN, NameIndex, NearMisses


def _norm(token: str) -> str:
    t = token.lower().replace("’", "'")
    return t[:-2] if t.endswith("'s") else t.rstrip("'")


def plain_mentions(index: NameIndex, text: str) -> list[tuple[int, int, frozenset[str], bool]]:
    """What NameIndex found before: every token tried in turn, every name of its first word."""
    toks = [(_norm(m.group()), m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    norms = [t[0] for t in toks]
    by_length = sorted(index._names, key=len, reverse=True)

    def exact(i: int) -> tuple[tuple[str, ...], int] | None:
        for key in by_length:
            n = len(key)
            if tuple(norms[i : i + n]) != key:
                continue
            written = "".join(t[3] for t in toks[i : i + n]).replace("'s", "").replace("’s", "")
            if key in index._exact_case and written != index._exact_case[key]:
                continue
            if key in index._capitalised and not toks[i + 1][3][:1].isupper():
                continue
            return key, i + n
        return None

    found = []
    i = 0
    while i < len(toks):
        match = exact(i)
        if match is None and toks[i][3][:1].isupper():
            for n in (3, 2, 1):
                compact = "".join(norms[i : i + n])
                if i + n > len(toks) or len(compact) < 5:
                    continue
                best = process.extractOne(
                    compact, list(index._compact), scorer=fuzz.ratio, score_cutoff=90
                )
                if best:
                    key = index._compact[best[0]]
                    # Not "The information" for "The Information".
                    lower = n > 1 and not toks[i + 1][3][:1].isupper()
                    if lower and key in index._capitalised:
                        break
                    # Not when it would swallow the start of an exact name.
                    if not any(exact(j) for j in range(i + 1, i + n)):
                        match = key, i + n
                    break
        if match is None:
            i += 1
            continue
        key, j = match
        found.append((toks[i][1], toks[j - 1][2], index._names[key], key in index._titles))
        i = j
    return found


SOURCES = [
    Source(id="mit", name="MIT Technology Review", publisher="MIT", aliases=("MIT study",)),
    Source(id="hf", name="Hugging Face's Spring 2026 report", publisher="Hugging Face"),
    Source(id="ob", name="O’Brien & Co's rock'n'roll survey", aliases=("AT&T", "HF")),
    Source(id="nine", name="9to5 Data", aliases=("the data ab9",)),
    Source(id="ti", name="The Information"),
]
INDEX = NameIndex(types.SimpleNamespace(sources=SOURCES, facts=()))
# Pieces of names and the characters that make tokenizing hard: apostrophes before
# letters and digits, &, /, +, capitals, names without spaces.
PIECES = st.sampled_from(
    "MIT mit Mit HF hf Hugging hugging Face face's Face’s HuggingFace Hugginface Spring 2026"
    " report Report Technology Review O’Brien o'brien & Co co's rock'n'roll Rock'n'Roll AT&T"
    " at&t 9to5 Data the ab9 ab'c9 ' ’ s 's / + x'y'z Study study é — MITs MIT's a"
    " The Information information TheInformation Informatoin".split()
)
SEPARATORS = st.sampled_from([" ", "", "  ", ", ", ".", "\n", "'", "’", "-", "&"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, SEPARATORS), max_size=14))
def test_the_same_mentions_as_reading_token_by_token(pieces):
    text = "".join(piece + sep for piece, sep in pieces)
    found = [tuple(m) for m in INDEX.mentions(text)]
    assert found == plain_mentions(INDEX, text), text


WORDS = st.text(alphabet="abcdeé1", min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    vocabulary=st.lists(WORDS, min_size=1, max_size=120),
    query=WORDS,
    cutoff=st.sampled_from([60, 70, 75, 85.5, 88, 90, 92.5, 97]),
)
def test_near_misses_for_any_cutoff_are_a_full_scan(vocabulary, query, cutoff):
    from unittest.mock import patch

    from citelint import names

    with patch.object(names, "_SCAN_ALL", 0):
        near = NearMisses(vocabulary, cutoff)
        found = process.extract(
            query, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        assert near.all(query) == frozenset(m[0] for m in found)
        best = process.extractOne(query, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
        assert near.best(query) == (best[0] if best else None)


def test_subject_words_are_the_tokens_of_every_subject_and_keyword():
    """Read per distinct text, they are what reading all of them joined gives."""
    from citelint.model import Fact, FactTable

    facts = tuple(
        Fact(f"f{i}", "s", float(i), "percent", "m", subject=subject, keywords=keywords)
        for i, (subject, keywords) in enumerate(
            [("DeepSeek’s models", ("Hong Kong", "IPO")), (None, ("AI/ML", "R&D")),
             ("DeepSeek’s models", ("Hong Kong",)), ("Qwen3", ())]
        )
    )  # fmt: skip
    index = NameIndex(FactTable(sources=(Source("s", "S"),), facts=facts))
    joined = " ".join(t for f in facts for t in (f.subject or "", *f.keywords))
    assert index.subject_words == {_norm(m.group()) for m in _TOKEN.finditer(joined)}
    assert index.subject_words >= {"deepseek", "hong", "kong", "ai", "/", "ml", "r", "&", "qwen3"}
