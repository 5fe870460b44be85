"""The fact index's shortcuts for large tables give exactly what their definitions say."""

from __future__ import annotations

import random

import pytest

from citelint.matching import FactIndex, Scored
from citelint.matching.related import Related
from citelint.matching.scoring import METRIC_MIN, _share
from citelint.model import Fact, FactTable, Source
from citelint.terms import terms

SUBJECTS = [None, None, "China", "Qwen", "DeepSeek", "Chinese firms", "Alibaba Qwen"]
# Few metrics and keywords, so that many facts share terms and scores tie.
METRICS = ["market share", "share of downloads", "revenue growth", "growth", "user share"]
KEYWORDS = [(), ("share",), ("downloads",), ("growth", "share"), ("revenue",), ("market share",)]
KEYWORDS += [("share of downloads", "growth")]  # keywords of several words: phrases
WORDS = sorted(
    {w for m in METRICS for w in terms(m)}
    | {w for s in SUBJECTS if s for w in terms(s)}
    | {w for k in KEYWORDS for x in k for w in terms(x)}
    | {"year", "report", "chinna"}  # "chinna": a near miss of "china"
)


@pytest.fixture(scope="module")
def index() -> FactIndex:
    rng = random.Random(7)
    facts = tuple(
        Fact(
            id=f"f{i}",
            source=f"s{i % 5}",
            value=float(rng.randrange(60)),
            unit=rng.choice(["percent", "percent", "pp", "USD"]),
            metric=rng.choice(METRICS),
            subject=rng.choice(SUBJECTS),
            keywords=rng.choice(KEYWORDS),
        )
        for i in range(600)
    )
    sources = tuple(Source(f"s{i}", f"Source {i}") for i in range(5))
    return FactIndex(FactTable(sources=sources, facts=facts))


def word_sets(seed: int, count: int) -> list[frozenset[str]]:
    rng = random.Random(seed)
    return [frozenset(rng.sample(WORDS, rng.randrange(0, 7))) for _ in range(count)]


def test_facts_about_the_subject_in_a_range(index):
    rng = random.Random(1)
    for scope in word_sets(2, 80):
        near = index.near_subjects(scope)
        for unit in ("percent", "pp", "USD", "EUR"):
            low = rng.choice([None, float(rng.randrange(60))])
            high = rng.choice([None, (low or 0.0) + rng.choice([0.0, 1.0, 5.0, 30.0])])
            expected = [f for f in index.in_range(unit, low, high) if index.subject_ok(f, scope)]
            ranked = index.in_range(unit, None, None)
            found = index.fitting_ranks(unit, low, high, scope, near)
            assert [ranked[rank] for rank in found] == expected


def test_subject_less_facts_best_first_then_first_shared_word_then_table_order(index):
    for context in word_sets(3, 120):
        near = index.near_weights(context)
        order = {word: i for i, word in enumerate(sorted(context))}
        for unit in ("percent", "pp", "USD"):
            ranked = []
            for place, fact in enumerate(index.table.facts):
                profile = index._profiles[fact.id]
                shared = {word for word, _ in profile.weights} & context
                if fact.unit != unit or profile.subject or not shared:
                    continue
                score = _share(profile.weights, profile.total, context, near)
                if score >= 0.15:
                    first = min(order[word] for word in shared)
                    ranked.append((-score, first, place, Scored(fact, score)))
            ranked.sort(key=lambda row: row[:3])
            expected = [scored for *_, scored in ranked]
            found, words, phrases = index._loose_scored(context, near, unit, 0.15)
            assert found == expected
            # Each fact's words and phrases, read from its group.
            assert words == [index._profiles[s.fact.id].words for s in found]
            assert phrases == [index._phrases.get(s.fact.id, ()) for s in found]


_TIED_SUBJECTS = """
from citelint.matching import FactIndex
from citelint.model import Fact, FactTable, Source
from citelint.terms import terms

names = ["Qwen", "DeepSeek", "Kimi", "Zhipu", "MiniMax", "Baidu", "Tencent", "Moonshot"]
metrics = ["apps", "chips", "cloud", "robots", "phones", "games", "ads", "cars"]
facts = tuple(
    Fact(id=f"f{i}", source="s", value=float(i), unit="percent", metric="market share",
         subject=name)
    for i, name in enumerate(names)
) + tuple(
    Fact(id=f"g{i}", source="s", value=float(i), unit="percent", metric=f"{metric} revenue")
    for i, metric in enumerate(metrics)
)
index = FactIndex(FactTable(sources=(Source("s", "S"),), facts=facts))
scope = terms(" ".join(reversed(names + metrics)) + " market share revenue")
related = index.related_scored(scope, scope, index.near_weights(scope), "percent", 0.15)
print(" ".join(s.fact.id for found in related for s in found))
"""


def test_facts_with_equal_scores_come_in_the_same_order_in_every_process():
    """Facts whose subjects (or, without a subject, metrics) are all in the sentence tie:
    their order must not follow the hash order of the sentence's words, which changes
    from one process to the next."""
    import os
    import subprocess
    import sys

    orders = {
        subprocess.run(
            [sys.executable, "-c", _TIED_SUBJECTS],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in range(6)
    }  # fmt: skip
    assert len(orders) == 1, orders
    assert len(orders.pop().split()) == 16


def test_related_facts_are_those_of_the_whole_context_whatever_else_it_holds(index):
    """related_scored keeps only the table's words of the context, and remembers the
    subject-less facts apart from the scope: the same facts as from the whole context."""
    rng = random.Random(5)
    others = ["year", "report", "sharing", "grow", "revenu", "chinna", "market"]
    for scope, context in zip(word_sets(6, 150), word_sets(7, 150), strict=True):
        context |= frozenset(rng.sample(others, rng.randrange(0, 4)))
        near = index.near_weights(context)
        for unit in ("percent", "pp", "USD", "EUR"):
            expected = (
                index._subject_scored(scope, context, near, unit, 0.15),
                tuple(index._loose_scored(context, near, unit, 0.15)[0]),
            )
            assert index.related_scored(scope, context, near, unit, 0.15) == expected


def test_related_facts_in_order_are_the_clauses_merged_by_score_then_the_others(index):
    """related_in_order (remembered) against its definition: the facts with a subject in
    the clause best first, sorted in among the subject-less ones (before equal scores),
    then the other facts with a subject best first."""
    rng = random.Random(10)
    for scope, context in zip(word_sets(11, 120), word_sets(12, 120), strict=True):
        near = index.near_weights(context)
        for unit in ("percent", "pp", "USD", "EUR"):
            with_subject, loose = index.related_scored(scope, context, near, unit, 0.15)
            for _ in range(3):
                inside = tuple(rng.random() < 0.5 for _ in with_subject)
                here = [s for s, flag in zip(with_subject, inside, strict=True) if flag]
                others = [s for s, flag in zip(with_subject, inside, strict=True) if not flag]
                expected = sorted(
                    sorted(here, key=lambda s: s.score, reverse=True) + list(loose),
                    key=lambda s: s.score,
                    reverse=True,
                ) + sorted(others, key=lambda s: s.score, reverse=True)
                found = index.related_in_order(with_subject, loose, inside)
                assert found.facts() == tuple(expected)


def _related_lists(index: FactIndex, seed: int, count: int):
    """Related lists as gather makes them: a context's subject-less facts (remembered and
    shared) with some facts with a subject placed among them, and a scope of words."""
    rng = random.Random(seed)
    for scope, context in zip(word_sets(seed, count), word_sets(seed + 1, count), strict=True):
        near = index.near_weights(context)
        for unit in ("percent", "pp", "USD"):
            with_subject, loose = index.related_scored(scope, context, near, unit, 0.15)
            inside = tuple(rng.random() < 0.5 for _ in with_subject)
            yield index.related_in_order(with_subject, loose, inside), scope | context


def _words(index: FactIndex, s: Scored) -> frozenset[str]:
    return index._profiles[s.fact.id].words


def _raised(index: FactIndex, s: Scored, phrases) -> Scored:
    named = any(p in phrases for p in index._phrases.get(s.fact.id, ()))
    return Scored(s.fact, METRIC_MIN) if named and s.score < METRIC_MIN else s


def test_narrowing_related_facts_in_parts_gives_the_whole_lists_answer(index):
    """measuring, telling and promoted read a list's shared subject-less facts once (and
    remember them) and its placed facts per claim: against their definitions over the
    whole list, asked twice (the second time remembered)."""
    rng = random.Random(21)
    for related, words in _related_lists(index, 20, 150):
        whole = related.facts()
        for _ in range(2):
            named = frozenset(rng.sample(sorted(words), min(len(words), 2))) if words else words
            phrases = index.named_phrases(words)
            counted = [(len(named & _words(index, s)), s) for s in whole]
            expected = [s for n, s in sorted(counted, key=lambda c: -c[0]) if n]
            expected = [_raised(index, s, phrases) for s in expected]
            for _ in range(2):
                assert index.measuring(related, named, words).facts() == tuple(expected)
            said = words - {"market"}
            expected = [
                s
                for s in whole
                if not _words(index, s).isdisjoint(said)
                or any(p in phrases for p in index._phrases.get(s.fact.id, ()))
            ]
            assert index.telling(related, said, frozenset(), words).facts() == tuple(expected)
            expected = [_raised(index, s, phrases) for s in whole]
            assert index.promoted(related, words).facts() == tuple(expected)


def test_a_related_list_puts_its_placed_facts_before_the_shared_one_at_their_place():
    shared = tuple(Scored(f"s{i}", 0.5) for i in range(4))
    placed = ((0, Scored("a", 1.0)), (2, Scored("b", 0.5)), (2, Scored("c", 0.5)))
    found = Related(shared, placed).facts()
    assert [s.fact for s in found] == ["a", "s0", "s1", "b", "c", "s2", "s3"]
    assert not Related(()) and Related((), placed[:1])


def test_remembered_scores_are_each_facts_score(index):
    """scored_ranks: the facts of the ranks scored (through scores remembered per weights,
    across contexts with the same table words) that reach the minimum or are trusted."""
    rng = random.Random(8)
    others = ["year", "report", "sharing", "grow", "revenu"]
    for context in word_sets(9, 80):
        context |= frozenset(rng.sample(others, rng.randrange(0, 3)))
        near = index.near_weights(context)
        for unit in ("percent", "pp", "USD", "EUR"):
            facts = index._facts.get(unit, [])
            ranks = sorted(rng.sample(range(len(facts)), min(len(facts), 40)))
            minimum = rng.choice([0.0, 0.12, 0.25, 0.6])
            sources = frozenset(rng.sample(["s0", "s1", "s9"], rng.randrange(0, 3)))
            low = float(rng.randrange(60))
            high = low + rng.choice([0.0, 5.0])
            expected, expected_ranks = [], []
            for rank, fact in zip(ranks, map(facts.__getitem__, ranks), strict=True):
                score = index._score(fact, context, near)
                if score >= minimum or (fact.source in sources and low <= fact.value <= high):
                    expected.append(Scored(fact, score))
                    expected_ranks.append(rank)
            scores = index._scores_for(context, near)
            trust = (sources, low, high)
            kept: list[int] = []
            assert index.scored_ranks(unit, ranks, scores, minimum, trust, kept) == expected
            assert kept == expected_ranks


def test_columns_hold_each_facts_fields(index):
    """The per-unit columns scored_ranks and fitting_ranks read, against the facts."""
    for unit, facts in index._facts.items():
        assert list(index._values[unit]) == [f.value for f in facts]
        assert index._subjects[unit] == [index._profiles[f.id].subject for f in facts]
        assert index._sources[unit] == [f.source for f in facts]
        for fact, number in zip(facts, index._weighting_numbers[unit], strict=True):
            profile = index._profiles[fact.id]
            weighting = index._weightings[number]
            assert (weighting.weights, weighting.total) == (profile.weights, profile.total)


def test_a_weightings_share_is_the_weights_share(index):
    for context in word_sets(13, 80):
        near = index.near_weights(context)
        for weighting in index._weightings:
            expected = _share(weighting.weights, weighting.total, context, near)
            assert weighting.share(context, near) == expected


def test_fits_nearest_first_then_in_the_clause_then_best(index):
    """nearest_first, which reads the unit's columns, against the sort it stands for."""
    rng = random.Random(14)
    for clause in word_sets(16, 60):
        near = index.near_subjects(clause)
        for unit in ("percent", "pp", "USD"):
            facts = index._facts[unit]
            ranks = sorted(rng.sample(range(len(facts)), rng.randrange(0, 12)))
            fits = [Scored(facts[r], rng.choice([0.2, 0.5, 1.0])) for r in ranks]
            value = float(rng.randrange(60))
            scale = max(abs(value), 1e-9)
            expected = sorted(
                fits,
                key=lambda s: (
                    abs(s.fact.value - value) / scale,
                    not index._subject_ok(s.fact, clause, near),
                    -s.score,
                ),
            )
            assert index.nearest_first(unit, fits, ranks, value, clause, near) == expected
