"""Near misses through the q-gram index are exactly what a full rapidfuzz scan finds."""

from __future__ import annotations

import random
import subprocess
import sys
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from citelint import names
from citelint.matching.scoring import _NearWords
from citelint.names import NearMisses

# A small alphabet makes near misses common; lengths cover queries too short to be cut
# into q-grams (every word of a length is then scored) as well as long names.
WORDS = st.text(alphabet="abcdeé1", min_size=1, max_size=24)
VOCABULARIES = st.lists(WORDS, min_size=1, max_size=60)
CUTOFFS = st.sampled_from([80, 85, 88, 90, 95])


def scan_all(query: str, vocabulary: list[str], cutoff: float) -> frozenset[str]:
    """What citelint did before the index: rapidfuzz over every word."""
    found = process.extract(query, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    return frozenset(m[0] for m in found)


def scan_best(query: str, vocabulary: list[str], cutoff: float) -> str | None:
    best = process.extractOne(query, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
    return best[0] if best else None


def near_variants(word: str, rng: random.Random) -> list[str]:
    """The word with a letter dropped, added, changed or two swapped."""
    i = rng.randrange(len(word))
    letter = rng.choice("aeiouxz")
    swapped = word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :]
    return [
        word[:i] + word[i + 1 :],
        word[:i] + letter + word[i:],
        word[:i] + letter + word[i + 1 :],
        swapped,
    ]


@settings(max_examples=300, deadline=None)
@given(
    vocabulary=VOCABULARIES,
    query=WORDS,
    cutoff=CUTOFFS,
    index_every_bucket=st.booleans(),
    prepared=st.booleans(),
)
def test_same_near_misses_as_a_full_scan(vocabulary, query, cutoff, index_every_bucket, prepared):
    # With `_SCAN_ALL` at 0 every bucket goes through its q-gram index, however small;
    # `prepare` makes every look-up beforehand rather than on first use.
    with patch.object(names, "_SCAN_ALL", 0 if index_every_bucket else names._SCAN_ALL):
        near = NearMisses(vocabulary, cutoff)
        if prepared:
            near.prepare()
        assert near.all(query) == scan_all(query, vocabulary, cutoff)
        assert near.best(query) == scan_best(query, vocabulary, cutoff)


@settings(max_examples=100, deadline=None)
@given(vocabulary=VOCABULARIES, cutoff=CUTOFFS, seed=st.integers(0, 1000))
def test_edited_vocabulary_words_found_as_by_a_full_scan(vocabulary, cutoff, seed):
    rng = random.Random(seed)
    queries = [v for word in vocabulary[:5] if len(word) > 1 for v in near_variants(word, rng)]
    with patch.object(names, "_SCAN_ALL", 0):
        near = NearMisses(vocabulary, cutoff)
        for query in queries:
            assert near.all(query) == scan_all(query, vocabulary, cutoff)
            assert near.best(query) == scan_best(query, vocabulary, cutoff)


def syllable_names(rng: random.Random, count: int) -> list[str]:
    """Made-up names like the benchmark's synthetic subjects and sources."""
    syllables = ["or", "zen", "wen", "fa", "bel", "ku", "di", "ri", "lox", "if", "in", "vex"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 6))) for _ in range(count)]


def test_a_large_vocabulary_with_typos():
    rng = random.Random(7)
    vocabulary = syllable_names(rng, 3000)
    queries = [v for word in rng.sample(vocabulary, 150) for v in near_variants(word, rng)]
    queries += ["download", "shares", "revenue", "orzenwenfa", "kudiri", "x", ""]
    for cutoff in (88, 90):
        near = NearMisses(vocabulary, cutoff)
        for query in queries:
            assert near.all(query) == scan_all(query, vocabulary, cutoff), query
            assert near.best(query) == scan_best(query, vocabulary, cutoff), query


def test_ties_go_to_the_first_word():
    vocabulary = ["abcdefgx", "abcdefgy", "abcdefgz"]
    with patch.object(names, "_SCAN_ALL", 0):
        assert NearMisses(vocabulary, 80).best("abcdefgh") == "abcdefgx"
        assert NearMisses(vocabulary[::-1], 80).best("abcdefgh") == "abcdefgz"


def test_matching_near_words_are_those_rapidfuzz_accepts():
    rng = random.Random(3)
    vocabulary = set(syllable_names(rng, 2000)) | {"share", "model", "gpu"}
    words = frozenset(["shares", "modle", "gpus", *rng.sample(sorted(vocabulary), 40)])
    kept = sorted(w for w in vocabulary if len(w) >= 5)
    expected = {m for word in words for m in scan_all(word, kept, 88)}
    assert _NearWords(vocabulary).around(words) == expected


def test_rapidfuzz_is_imported_only_for_a_near_miss_search():
    code = (
        "import sys\n"
        "from citelint import cli, engine, names\n"
        "print('rapidfuzz' in sys.modules)\n"
        "names.NearMisses(['abcdefg'], 90).best('abcdefh')\n"
        "print('rapidfuzz' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]
