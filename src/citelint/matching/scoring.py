"""How well a fact's metric and keyword terms meet a claim's context.

The weights of a fact's terms and the share of them a context holds, the near misses of
a text's words that count as its words, groups of subject-less facts that score alike,
and the order of scored facts.
"""

from collections.abc import Iterable, Sequence
from functools import partial
from operator import attrgetter, itemgetter
from typing import NamedTuple

from .. import regexes
from ..model import Fact
from ..names import NearMisses
from ..terms import terms

# Words too general to identify what a subject is ("Chinese models" is about China).
_GENERIC = terms(
    "model open source ai company system tool platform developer develop llm large language "
    "open-weight weight base firm lab"
)
FIT_MIN = 0.12  # context a fact needs when its value already fits
METRIC_MIN = 0.25  # context a fact needs to count as "the same metric"
RELATED_MIN = 0.15  # context for "the credited source's own figure" in messages
_FUZZY_MIN = 88


class Profile(NamedTuple):
    """What a fact's text says, pre-digested for matching."""

    subject: frozenset[str]
    weights: tuple[tuple[str, float], ...]  # distinctive terms of metric and keywords
    total: float
    words: frozenset[str]  # the words of `weights`


class Scored(NamedTuple):
    fact: Fact
    score: float


# `_new_scored((fact, score))` is `Scored(fact, score)` without a named tuple's Python-level
# `__new__`: a claim makes hundreds in a large table.
_new_scored = partial(tuple.__new__, Scored)


# Scores remembered by number of weights, the context's table words, and the near misses.
_Scores = tuple[dict[int, float], frozenset[str], frozenset[str]]


class _Weighting(NamedTuple):
    """The weights of facts' terms (a Profile's), with their words as a set."""

    words: frozenset[str]
    weights: tuple[tuple[str, float], ...]
    total: float

    @classmethod
    def of(cls, profile: Profile) -> "_Weighting":
        return cls(frozenset(w for w, _ in profile.weights), profile.weights, profile.total)

    def share(self, context: frozenset[str], near: frozenset[str]) -> float:
        """`_share` of the weights: most share no word with a given context, which the
        set says in C."""
        if self.words.isdisjoint(context) and self.words.isdisjoint(near):
            return 0.0
        return _share(self.weights, self.total, context, near)


def _subject_meets(subject: frozenset[str], scope: frozenset[str], near: frozenset[str]) -> bool:
    return not subject or not subject.isdisjoint(scope) or not subject.isdisjoint(near)


class _LooseGroup:
    """Subject-less facts of one unit with the same terms and weights, so the same score."""

    __slots__ = ("words", "total", "places", "facts", "phrases", "_scored")

    def __init__(self, weights: tuple[tuple[str, float], ...], total: float):
        self.words = frozenset(word for word, _ in weights)
        self.total = total
        self.places: list[int] = []  # each fact's place in the table, in table order
        self.facts: list[Fact] = []
        self.phrases: list[tuple[frozenset[str], ...]] = []  # each fact's keywords of several words
        self._scored: dict[float, tuple[Scored, ...]] = {}

    def scored(self, score: float) -> tuple[Scored, ...]:
        """The facts with this score. Remembered: a few scores recur in sentence after
        sentence, and building hundreds of Scored per claim is what a large table costs."""
        found = self._scored.get(score)
        if found is None:
            if len(self._scored) >= 16:
                self._scored.clear()
            found = self._scored[score] = tuple([_new_scored((f, score)) for f in self.facts])
        return found

    def run(self, score: float) -> "_Run":
        """The facts with this score, with their words and phrases."""
        return self.scored(score), [self.words] * len(self.facts), self.phrases


# Facts in order, with the words of each one's metric and keywords and its keywords of
# several words: the lists a large table's subject-less facts are narrowed through.
_Run = tuple[Sequence[Scored], Sequence[frozenset[str]], Sequence[tuple[frozenset[str], ...]]]


def _extend(run: _Run, more: _Run) -> None:
    for mine, theirs in zip(run, more, strict=True):
        mine += theirs


def _share(
    weights: tuple[tuple[str, float], ...],
    total: float,
    context: frozenset[str],
    near: frozenset[str],
) -> float:
    """The weighted share of `weights` whose words are in `context` or `near`."""
    matched = 0.0
    for word, weight in weights:
        if word in context or word in near:
            matched += weight
    return matched / total


class _NearWords:
    """Which words of a vocabulary rapidfuzz takes for a given word, remembered per word.

    `word in around(words)` is `len(word) >= 5 and process.extractOne(word, words,
    scorer=fuzz.ratio, score_cutoff=88)`: ratio is symmetric, so each word of a text is
    looked up once in the vocabulary (`NearMisses`) instead of each fact's words compared
    with each text. A text's words recur across drafts.
    """

    def __init__(self, vocabulary: Iterable[str], versions: bool = False):
        vocabulary = frozenset(vocabulary)
        self._near = NearMisses(sorted(w for w in vocabulary if len(w) >= 5), _FUZZY_MIN)
        # With `versions`, a model's versioned name ("Qwen3", "Llama4") names the word it
        # starts with ("qwen"): the family the table's subject is.
        self._versioned = vocabulary if versions else frozenset()
        self._near.prepare()  # with the index: it depends on the table only
        self._memo: dict[str, frozenset[str]] = {}
        self._sets: dict[frozenset[str], frozenset[str]] = {}

    def around(self, words: frozenset[str]) -> frozenset[str]:
        # Every claim of a sentence asks about the same words: answer once per set.
        known = self._sets.get(words)
        if known is not None:
            return known
        if len(self._sets) >= 4096:
            self._sets.clear()
        known = self._sets[words] = self._around(words)
        return known

    def _around(self, words: frozenset[str]) -> frozenset[str]:
        found: set[str] = set()
        for word in words:
            near = self._memo.get(word)
            if near is None:
                near = self._near_of(word)
            if near:
                found |= near
        return frozenset(found)

    def _near_of(self, word: str) -> frozenset[str]:
        if len(self._memo) >= 200_000:
            self._memo.clear()
        near = self._near.all(word)
        if self._versioned:
            version = _VERSIONED.fullmatch(word)
            if version and version.group(1) in self._versioned:
                near |= {version.group(1)}
        self._memo[word] = near
        return near


# A name with a version number run into it: "qwen3", "gpt4o" (tokens stop at "." and "-").
_VERSIONED = regexes.compile(r"([a-z]{3,})\d+[a-z]?")


_SCORE = attrgetter("score")
_FIRST = itemgetter(0)


def _negative_score(scored: Scored) -> float:
    return -scored.score
