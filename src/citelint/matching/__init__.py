"""Which facts a claim fits, and which facts measure the same thing.

The index narrows candidates cheaply first — by unit and value (bisect over a
sorted list) or by the subject and keyword terms the claim's sentence shares
with facts (postings) — and only then scores context, so the cost per claim
does not grow with the size of the table.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import NamedTuple, TypeVar

from .. import regexes
from ..model import Attribution, Claim, Fact, FactTable
from ..names import NearMisses, collection_paused
from ..sentences import coordinated_parts
from ..terms import stem, terms, tokens

T = TypeVar("T")

# Words too general to identify what a subject is ("Chinese models" is about China).
_GENERIC = terms(
    "model open source ai company system tool platform developer develop llm large language "
    "open-weight weight base firm lab"
)
FIT_MIN = 0.12  # context a fact needs when its value already fits
METRIC_MIN = 0.25  # context a fact needs to count as "the same metric"
RELATED_MIN = 0.15  # context for "the credited source's own figure" in messages
_FUZZY_MIN = 88
_SCAN_MAX = 16  # a value range with more facts than this is narrowed by subject first
# Subject ranks remembered for this many sentences (and this many tied groups' facts): the
# claims of a sentence are gathered one after another.
_SENTENCE_MEMO = 64
# Related facts, scores and subject ranks are also remembered per the table words of a
# sentence (its other words cannot change them), which recur across sentences and drafts:
# this many of each. An answer holds hundreds of facts in a large table.
_CONTEXT_MEMO = 2048


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


class Evidence(NamedTuple):
    """Everything the rules need to judge one claim."""

    claim: Claim
    attribution: Attribution
    fits: tuple[Scored, ...]  # facts the claim fits (value and context), best first
    related: tuple[Scored, ...]  # same-unit facts with the claim's subject and some metric words
    elsewhere: tuple[Scored, ...]  # facts of uncredited sources that have the claim's value
    other_unit: tuple[Scored, ...]  # facts of the same metric with the value in another unit

    @property
    def metric(self) -> tuple[Scored, ...]:
        """Same-unit facts for the claim's metric and subject, best first."""
        return tuple([s for s in self.related if s.score >= METRIC_MIN])

    @property
    def fit(self) -> Fact | None:
        return self.fits[0].fact if self.fits else None

    def credited(self, scored: tuple[Scored, ...]) -> tuple[Scored, ...]:
        sources = self.attribution.sources
        if not sources:
            return ()
        return tuple([s for s in scored if s.fact.source in sources])


def subject_terms(subject: str | None) -> frozenset[str]:
    if not subject:
        return frozenset()
    found = terms(subject)
    core = found - _GENERIC
    return core or found


class FactIndex:
    """Facts bucketed by unit and sorted by value, plus term postings."""

    def __init__(self, table: FactTable):
        with collection_paused():
            self._build(table)

    def _build(self, table: FactTable) -> None:
        self.table = table
        by_unit: dict[str, list[Fact]] = defaultdict(list)
        for fact in table.facts:
            by_unit[fact.unit].append(fact)
        self._values: dict[str, list[float]] = {}
        self._facts: dict[str, list[Fact]] = {}
        for unit, facts in by_unit.items():
            facts.sort(key=lambda f: f.value)
            self._facts[unit] = facts
            # Bisected for every claim: new floats, made one after the other (so next to one
            # another in memory), not the facts' own, made all over the heap while loading.
            self._values[unit] = array("d", (f.value for f in facts)).tolist()
        # Facts repeat subjects, metrics and keywords: equal term sets, weights and profiles
        # are shared, not held once per fact.
        share = _sharing()
        raw = {
            f.id: (
                share(subject_terms(f.subject)),
                share(_keyword_terms(f)),
                share(terms(f.metric)),
            )
            for f in table.facts
        }
        df: dict[str, int] = defaultdict(int)
        for _, keywords, metric in raw.values():
            for word in keywords | metric:
                df[word] += 1
        n = max(1, len(table.facts))
        # Keywords of several words ("global downloads"), which a number's noun phrase
        # may name in full (`measuring`).
        self._phrases: dict[str, tuple[frozenset[str], ...]] = {}
        # Each phrase under its first word, to find those a text names without trying all.
        self._phrases_by_word: dict[str, set[frozenset[str]]] = defaultdict(set)
        for fact in table.facts:
            phrases = tuple(p for p in map(terms, fact.keywords) if len(p) >= 2)
            if phrases:
                self._phrases[fact.id] = share(tuple(map(share, phrases)))
                for phrase in self._phrases[fact.id]:
                    self._phrases_by_word[min(phrase)].add(phrase)
        self._named_phrases: dict[frozenset[str], frozenset[frozenset[str]]] = {}
        self._measured: dict[tuple, tuple[tuple[Scored, ...], tuple[Scored, ...]]] = {}
        self._profiles: dict[str, Profile] = {}
        self._by_subject: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in table.facts:
            subject, keywords, metric = raw[fact.id]
            # Keywords are what the table's author chose to match on: they count double.
            weights = share(
                tuple(
                    share((w, math.log(1 + n / df[w]) * (2.0 if w in keywords else 1.0)))
                    for w in sorted((keywords | metric) - subject)
                )
            )
            total = sum(w for _, w in weights) or 1.0
            words = share(frozenset(w for w, _ in weights))
            self._profiles[fact.id] = share(Profile(subject, weights, total, words))
            for word in subject:
                self._by_subject[fact.unit, word].append(fact)
        del raw
        self._build_columns()
        self.subject_vocabulary = frozenset(word for _, word in self._by_subject)
        self.units = tuple(self._facts)
        # For wide value ranges: the places (ranks) of the subject-less facts in their unit's
        # list; and which table words are near misses of a given word (what rapidfuzz
        # would accept).
        self._loose_ranks = {
            unit: array("l", (i for i, f in enumerate(facts) if not self._profiles[f.id].subject))
            for unit, facts in self._facts.items()
        }
        self._near_subject = _NearWords(self.subject_vocabulary, versions=True)
        self._build_loose_groups(table)
        self._build_naming()
        self._weight_words = frozenset(w for p in self._profiles.values() for w, _ in p.weights)
        # Words naming a metric: a fact's metric and keyword words, less any table subject's.
        self.metric_vocabulary = self._weight_words - self.subject_vocabulary
        self._table_words = self._weight_words | self.subject_vocabulary
        self._by_subject_source: dict[tuple[str, str], dict[str, list[Fact]]] = {}
        self._unknown_counts: dict[str, bool] = {}
        self._near_weight = _NearWords(self._weight_words)
        self._related: dict[tuple, list[Scored]] = {}
        self._loose: dict[tuple, tuple[Scored, ...]] = {}
        self._ordered: dict[tuple, tuple[list[Scored], tuple[Scored, ...], tuple]] = {}
        self._named: dict[tuple[str, frozenset[str], frozenset[str]], list[int]] = {}
        self._named_words: dict[tuple[str, frozenset[str]], list[int]] = {}
        self._comparable: dict[str, tuple[str, ...]] = {}
        self._interleavings: dict[tuple, tuple[Scored, ...]] = {}
        self._scores: dict[tuple[frozenset[str], frozenset[str]], dict[int, float]] = {}
        self._metric_words: dict[frozenset[str], frozenset[str]] = {}

    def _build_columns(self) -> None:
        """What matching reads of each fact, per unit in value order, one flat list per
        field: the candidates of a value range are neighbours there, where reading a
        field of each Fact or Profile would be a cache miss in a large table. Weights are
        numbered (facts share them, and so their scores)."""
        numbers: dict[int, int] = {}
        self._weightings: list[_Weighting] = []
        self._subjects: dict[str, list[frozenset[str]]] = {}
        self._weighting_numbers: dict[str, list[int]] = {}
        self._sources: dict[str, list[str]] = {}
        # Each fact's one-word keywords ("downloads"): the noun a number counts may name
        # one (`scored_ranks`' `counted`). Facts share them.
        share = _sharing()
        self._single_keywords: dict[str, list[frozenset[str]]] = {}
        for unit, facts in self._facts.items():
            self._single_keywords[unit] = [
                share(frozenset().union(*(t for t in map(terms, f.keywords) if len(t) == 1)))
                for f in facts
            ]
            profiles = [self._profiles[f.id] for f in facts]
            for profile in profiles:
                if id(profile.weights) not in numbers:
                    numbers[id(profile.weights)] = len(self._weightings)
                    self._weightings.append(_Weighting.of(profile))
            self._subjects[unit] = [p.subject for p in profiles]
            # the same int objects as in `numbers`, not one per fact
            self._weighting_numbers[unit] = [numbers[id(p.weights)] for p in profiles]
            self._sources[unit] = [f.source for f in facts]

    # -- candidates -------------------------------------------------------------

    def in_range(self, unit: str, low: float | None, high: float | None) -> list[Fact]:
        values = self._values.get(unit)
        if not values:
            return []
        lo = 0 if low is None else bisect_left(values, low - _eps(low))
        hi = len(values) if high is None else bisect_right(values, high + _eps(high))
        return self._facts[unit][lo:hi]

    def fitting_ranks(
        self,
        unit: str,
        low: float | None,
        high: float | None,
        scope: frozenset[str],
        near: frozenset[str],
    ) -> list[int]:
        """The ranks in `unit` of the facts of `in_range(unit, low, high)` whose subject
        meets `scope` (`near`: `near_subjects(scope)`), in order. A wide range
        in a large table holds thousands of facts, so the facts about the subject are then
        found through the per-unit subject postings of ranks (and the few subject-less ones
        likewise) and put in range order."""
        values = self._values.get(unit)
        if not values:
            return []
        lo = 0 if low is None else bisect_left(values, low - _eps(low))
        hi = len(values) if high is None else bisect_right(values, high + _eps(high))
        if hi - lo <= _SCAN_MAX:
            subjects = self._subjects[unit]
            return [r for r in range(lo, hi) if _subject_meets(subjects[r], scope, near)]
        named = self._named_ranks(unit, scope, near)
        loose = self._loose_ranks[unit]
        ranks = named[bisect_left(named, lo) : bisect_left(named, hi)]
        ranks += loose[bisect_left(loose, lo) : bisect_left(loose, hi)]
        ranks.sort()
        return ranks

    def scored_ranks(
        self,
        unit: str,
        ranks: list[int],
        scores: _Scores,
        minimum: float,
        trusted: tuple[frozenset[str], float, float] | None = None,
        kept: list[int] | None = None,
        counted: frozenset[str] = frozenset(),
        phrases: frozenset[frozenset[str]] = frozenset(),
    ) -> list[Scored]:
        """The facts of `ranks` in `unit` with their scores (`scores`: `_scores_for` the
        context) that reach `minimum`, in the order of `ranks`; with `trusted` (sources,
        low, high), also those of these sources with a value in [low, high]; with
        `counted` (the words of what the number counts), also those with one of them for
        a keyword of one word, and those with a keyword of several words among `phrases`
        (`named_phrases`). With `kept`, the rank of each fact returned is appended to it."""
        if not ranks:
            return []
        facts = self._facts[unit]
        numbers = self._weighting_numbers[unit]
        memo, context, near = scores
        sources, low, high = trusted or (frozenset(), 0.0, 0.0)
        singles = self._single_keywords[unit]
        out = []
        for rank in ranks:
            number = numbers[rank]
            score = memo.get(number)
            if score is None:
                score = memo[number] = self._weightings[number].share(context, near)
            if (
                score >= minimum
                or (
                    sources
                    and self._sources[unit][rank] in sources
                    and low <= self._values[unit][rank] <= high
                )
                or (counted and not counted.isdisjoint(singles[rank]))
                or (phrases and self.has_keyword(facts[rank], phrases))
            ):
                out.append(_new_scored((facts[rank], score)))
                if kept is not None:
                    kept.append(rank)
        return out

    def nearest_first(
        self,
        unit: str,
        fits: list[Scored],
        ranks: list[int],
        value: float,
        clause: frozenset[str],
        near: frozenset[str],
    ) -> list[Scored]:
        """`fits` (the facts of `ranks` in `unit`) nearest `value` first, then those whose
        subject meets `clause` (`near`: `near_subjects(clause)`), then best first; read
        from the unit's columns rather than from each fact."""
        if len(fits) < 2:
            return fits
        values = self._values[unit]
        subjects = self._subjects[unit]
        scale = max(abs(value), 1e-9)
        keys = [
            (
                abs(values[r] - value) / scale,
                not _subject_meets(subjects[r], clause, near),
                -s.score,
            )
            for s, r in zip(fits, ranks, strict=True)
        ]
        return [fits[i] for i in sorted(range(len(fits)), key=keys.__getitem__)]

    def _named_ranks(self, unit: str, scope: frozenset[str], near: frozenset[str]) -> list[int]:
        """The sorted ranks of the facts in `unit` whose subject meets `scope | near`.
        Remembered per arguments (the claims of a sentence ask about several ranges), and
        per the subject words of the table they hold (which recur across sentences)."""
        key = (unit, scope, near)
        ranks = self._named.get(key)
        if ranks is None:
            if len(self._named) >= _SENTENCE_MEMO:
                self._named.clear()
            words = (scope | near) & self.subject_vocabulary
            ranks = self._named[key] = self._named_by_words(unit, words)
        return ranks

    def _named_by_words(self, unit: str, words: frozenset[str]) -> list[int]:
        ranks = self._named_words.get((unit, words))
        if ranks is None:
            if len(self._named_words) >= _CONTEXT_MEMO:
                self._named_words.clear()
            found: set[int] = set()
            for word in words:
                postings = self._naming.get((unit, word))
                if postings:
                    found.update(postings)
            ranks = self._named_words[unit, words] = sorted(found)
        return ranks

    def comparable_units(self, unit: str) -> tuple[str, ...]:
        """The table's other units one could confuse with `unit`, in table order."""
        found = self._comparable.get(unit)
        if found is None:
            found = self._comparable[unit] = tuple(
                other for other in self.units if other != unit and _comparable(other, unit)
            )
        return found

    def near_subjects(self, words: frozenset[str]) -> frozenset[str]:
        """Subject words of the table that rapidfuzz takes for one of `words` (ratio ≥ 88)."""
        return self._near_subject.around(words)

    def paired_away(self, sentence: str, ranges: list[tuple[int, int]]) -> list[frozenset[str]]:
        """For figures of one unit at `ranges` of a sentence, the subject words each is not
        about: those a coordination pairs with the other figures ("Similarweb puts Gemini
        at 4% and DeepSeek at 18%": 4% is not DeepSeek's figure). A figure's own subject is
        the one named nearest before it in its part, else first after it ("4% for
        Gemini"). Nothing for any figure unless two of them have different subjects."""
        away = [frozenset[str]()] * len(ranges)
        parts = coordinated_parts(sentence, ranges)
        # A part about the share of something named before ("… and Microsoft puts its
        # share within China at 89%") is not about the subject it names.
        own = [
            frozenset()
            if part is None or _POSSESSIVE.search(sentence, *part)
            else self._subject_named(sentence[part[0] : a], last=True)
            or self._subject_for(sentence[b : part[1]])
            for part, (a, b) in zip(parts, ranges, strict=True)
        ]
        named = set(own) - {frozenset()}
        if len(named) < 2:
            return away
        return [
            frozenset().union(*(named - {mine})) - mine if mine else frozenset() for mine in own
        ]

    def _subject_for(self, text: str) -> frozenset[str]:
        """The table subject words of the name `text` (after a figure) starts with when it
        says whose the figure is: "for Gemini", "held by DeepSeek"."""
        named = _WHOSE.match(text)
        return self._subject_named(named.group(1), last=False) if named else frozenset()

    def _subject_named(self, text: str, last: bool) -> frozenset[str]:
        """The table subject words of the last (or first) word of `text` that names one."""
        words = tokens(text)
        for word in reversed(words) if last else words:
            if word in self.subject_vocabulary:
                return frozenset([word])
            near = self.near_subjects(frozenset([word]))
            if near:
                return near
        return frozenset()

    def near_weights(self, words: frozenset[str]) -> frozenset[str]:
        """Metric and keyword words of the table that rapidfuzz takes for one of `words`."""
        return self._near_weight.around(words)

    def related_scored(
        self,
        scope: frozenset[str],
        context: frozenset[str],
        near: frozenset[str],
        unit: str,
        minimum: float,
    ) -> tuple[list[Scored], tuple[Scored, ...]]:
        """The facts in `unit` whose subject is in scope, and the subject-less ones sharing a
        word with `context`, whose score (`near` = `near_weights(context)`) reaches
        `minimum`: those with a subject in the alphabetical order of their subject words
        (a fixed order: a set's changes from one process to the next), then the
        subject-less ones best first. Remembered (the claims of a sentence share them, and
        sentences share their table words); the lists must not be changed."""
        # Only the table's metric and keyword words of `context` count: sentences that
        # differ elsewhere share the answer. The subject-less facts do not depend on scope.
        context = context & self._weight_words
        key = (scope & self.subject_vocabulary, context, near, unit, minimum)
        with_subject = self._related.get(key)
        if with_subject is None:
            if len(self._related) >= _CONTEXT_MEMO:
                self._related.clear()
            with_subject = self._related[key] = self._subject_scored(
                scope, context, near, unit, minimum
            )
        return with_subject, self._loose_of(context, near, unit, minimum)

    def related_in_order(
        self, with_subject: list[Scored], loose: tuple[Scored, ...], inside: tuple[bool, ...]
    ) -> tuple[Scored, ...]:
        """The related facts as gather reports them, from `related_scored`'s answer and which
        of the facts with a subject have it in the claim's clause (`inside`): those best
        first, merged into the subject-less ones (equal scores: those with a subject first),
        then the others best first. Remembered (a sentence's claims, and sentences with the
        same words, share it): otherwise each claim would copy hundreds of facts."""
        if not with_subject:
            return loose
        key = (id(with_subject), id(loose), inside)
        found = self._ordered.get(key)
        # The entry holds both answers, so their ids are not reused while it is kept.
        if found is None or found[0] is not with_subject or found[1] is not loose:
            if len(self._ordered) >= _CONTEXT_MEMO:
                self._ordered.clear()
            ordered = _related_order(with_subject, loose, inside)
            found = self._ordered[key] = (with_subject, loose, ordered)
        return found[2]

    def _loose_of(
        self, context: frozenset[str], near: frozenset[str], unit: str, minimum: float
    ) -> tuple[Scored, ...]:
        """`_loose_scored`, remembered per the words of the unit's subject-less facts in
        `context` and `near`: no other word can change it."""
        words = self._loose_words.get(unit, frozenset())
        context, near = context & words, near & words
        key = (context, near, unit, minimum)
        loose = self._loose.get(key)
        if loose is None:
            if len(self._loose) >= _CONTEXT_MEMO:
                self._loose.clear()
            loose = self._loose[key] = tuple(self._loose_scored(context, near, unit, minimum))
        return loose

    def _subject_scored(
        self,
        scope: frozenset[str],
        context: frozenset[str],
        near: frozenset[str],
        unit: str,
        minimum: float,
    ) -> list[Scored]:
        seen: dict[str, Fact] = {}
        for word in sorted(scope & self.subject_vocabulary):
            for fact in self._by_subject.get((unit, word), ()):
                seen[fact.id] = fact
        found = []
        for fact in seen.values():
            score = self._score(fact, context, near)
            if score >= minimum:
                found.append(Scored(fact, score))
        return found

    def _loose_scored(
        self, context: frozenset[str], near: frozenset[str], unit: str, minimum: float
    ) -> list[Scored]:
        """Subject-less facts sharing a word with `context`, best first; equal scores in the
        alphabetical order of the first word of `context` they share, then in table order.
        In a large table many share a common word ("share") with any sentence: they are
        scored once per group of facts with the same terms, through postings of the words."""
        postings = self._loose_groups
        # `_share` of every group with a word in `context | near`, summed in the same
        # order (a group's weights are sorted by word).
        matched: dict[_LooseGroup, float] = {}
        for word in sorted(context | near):
            for group, weight in postings.get((unit, word), ()):
                matched[group] = matched.get(group, 0.0) + weight
        ranked: list[tuple[float, _LooseGroup]] = []
        for group, weight in matched.items():
            score = weight / group.total
            # (matching only near misses of the context's words: left out)
            if score >= minimum and not group.words.isdisjoint(context):
                ranked.append((score, group))
        ranked.sort(key=_FIRST, reverse=True)  # equal scores stay in the order found
        found: list[Scored] = []
        start = 0
        for score, count in Counter(map(_FIRST, ranked)).items():  # best first
            if count == 1:
                found += ranked[start][1].scored(score)
            else:  # a tie (all their words in the context, say): ordered further
                tied = [group for _, group in ranked[start : start + count]]
                found += self._tied(tied, score, context)
            start += count
        return found

    def _tied(
        self, groups: list[_LooseGroup], score: float, context: frozenset[str]
    ) -> list[Scored]:
        """The facts of groups with the same score: in the alphabetical order of the first
        word of `context` they share (a set's order changes from one process to the next),
        then (groups sharing the same first word) in table order."""
        order = {word: i for i, word in enumerate(sorted(context))}
        firsts = sorted(
            ((min(map(order.__getitem__, group.words & context)), group) for group in groups),
            key=_FIRST,
        )
        found: list[Scored] = []
        for _, same in groupby(firsts, key=_FIRST):
            interleaved = tuple(group for _, group in same)
            if len(interleaved) == 1:
                found += interleaved[0].scored(score)
            else:
                found += self._interleaved(interleaved, score)
        return found

    def _interleaved(self, groups: tuple[_LooseGroup, ...], score: float) -> tuple[Scored, ...]:
        """The facts of `groups` with this score, in table order. Remembered: the same few
        groups tie in sentence after sentence."""
        key = (score, groups)
        found = self._interleavings.get(key)
        if found is None:
            if len(self._interleavings) >= _SENTENCE_MEMO:
                self._interleavings.clear()
            pairs = [pair for g in groups for pair in zip(g.places, g.scored(score), strict=True)]
            pairs.sort(key=_FIRST)
            found = self._interleavings[key] = tuple([scored for _, scored in pairs])
        return found

    def _build_loose_groups(self, table: FactTable) -> None:
        """Subject-less facts grouped by unit and terms (so by score), with each fact's place
        in the table, and the groups by (unit, word) with the word's weight."""
        groups: dict[tuple[str, tuple], _LooseGroup] = {}
        for place, fact in enumerate(table.facts):
            profile = self._profiles[fact.id]
            if not profile.subject:
                group = groups.get((fact.unit, profile.weights))
                if group is None:
                    group = groups[fact.unit, profile.weights] = _LooseGroup(
                        profile.weights, profile.total
                    )
                group.places.append(place)
                group.facts.append(fact)
        self._loose_groups: dict[tuple[str, str], list[tuple[_LooseGroup, float]]] = defaultdict(
            list
        )
        words: dict[str, set[str]] = defaultdict(set)
        for (unit, weights), group in groups.items():
            for word, weight in weights:
                self._loose_groups[unit, word].append((group, weight))
                words[unit].add(word)
        self._loose_words = {unit: frozenset(found) for unit, found in words.items()}

    def statistic_unit(
        self, value: float, tolerance: float, sentence: frozenset[str]
    ) -> str | None:
        """The unit of a fact with this value whose subject or keywords the sentence names
        (a subject word in the sentence, or every term of one of its keywords)."""
        named: list[str | frozenset[str]] = [w for w in sentence if w in self.subject_vocabulary]
        for word in sentence:
            named += (k for k in self._keywords_by_word.get(word, ()) if k <= sentence)
        if not named:
            return None
        low, high = value - tolerance, value + tolerance
        for unit in self.units:
            values = self._values[unit]
            a = bisect_left(values, low - _eps(low))
            b = bisect_right(values, high + _eps(high))
            if a < b and any(_any_between(self._naming.get((unit, n)), a, b) for n in named):
                return unit
        return None

    def _build_naming(self) -> None:
        """For statistic_unit: per unit, the sorted ranks of the facts each subject word and
        each keyword's terms name, so that "does a fact in this value range name the
        sentence" is a bisect per named word, however many facts share a common keyword;
        and each keyword's terms under their first word, to find those the sentence holds."""
        naming: dict[tuple[str, str | frozenset[str]], array] = {}
        keywords: dict[str, set[frozenset[str]]] = defaultdict(set)
        for unit, facts in self._facts.items():
            for rank, fact in enumerate(facts):
                names: set[str | frozenset[str]] = set(self._profiles[fact.id].subject)
                for keyword in fact.keywords:
                    words = terms(keyword)
                    if words:
                        names.add(words)
                        keywords[min(words)].add(words)
                for name in names:
                    ranks = naming.get((unit, name))
                    if ranks is None:
                        ranks = naming[unit, name] = array("l")
                    ranks.append(rank)
        self._naming = naming
        self._keywords_by_word = {w: tuple(ks) for w, ks in keywords.items()}

    # -- scoring ----------------------------------------------------------------

    def measuring(
        self, scored: tuple[Scored, ...], words: frozenset[str], phrase: frozenset[str]
    ) -> tuple[Scored, ...]:
        """The facts of `scored` whose metric or keywords hold one of `words` (what the
        number measures, of its noun `phrase`), those holding more of them first, else in
        the order given. A fact with a keyword of several words that the phrase names in
        full ("18% of global downloads") measures the metric, however little else of its
        metric the sentence says."""
        key = ("measuring", id(scored), words)
        found = self._measured.get(key)
        # The entry holds `scored`, so its id is not reused while the entry is kept.
        if found is None or found[0] is not scored:
            if len(self._measured) >= _CONTEXT_MEMO:
                self._measured.clear()
            profiles = self._profiles
            # Facts share their words' sets (hundreds of facts, a few sets): count once.
            counts: dict[frozenset[str], int] = {}
            named = []
            for s in scored:
                own = profiles[s.fact.id].words
                count = counts.get(own)
                if count is None:
                    count = counts[own] = len(words.intersection(own))
                if count:
                    named.append((count, s))
            named.sort(key=_FIRST, reverse=True)  # stable: equal counts keep their order
            found = self._measured[key] = (scored, tuple([s for _, s in named]))
        return self.promoted(found[1], phrase)

    def quoted(
        self,
        metric: tuple[Scored, ...],
        sources: frozenset[str] | None,
        unit: str,
        named: frozenset[str],
        context: frozenset[str],
        text: str,
    ) -> tuple[Scored, ...]:
        """`metric` with the facts in `unit` of the credited `sources` (None: of any source,
        for a bare figure, `bare_fits`) about a subject
        `named` (table subject words of the claim's clause) put first at `METRIC_MIN`, when
        they all measure one metric: "Similarweb puts ChatGPT's share at 72%" quotes
        Similarweb's figure for ChatGPT, however little of its metric the sentence says.
        Not when the sources have figures for several metrics of the subject, when the
        context (its table words) names something those facts do not ("DeepSeek's
        global share" is not Microsoft's DeepSeek share within China) or its `text`
        counts things no fact speaks of ("ChatGPT's share of weekly users", `counts_unknown`),
        or when another source's fact about the subject already measures the claim's metric."""
        found: dict[str, Fact] = {}
        for word in sorted(named):
            by_source = self._subject_facts(unit, word)
            for source in sorted(by_source if sources is None else sources & by_source.keys()):
                for fact in by_source[source]:
                    found[fact.id] = fact
        if not found or len({f.metric.casefold() for f in found.values()}) > 1:
            return metric
        profiles = [self._profiles[i] for i in found]
        subject = frozenset().union(*(p.subject for p in profiles))
        words = frozenset().union(*(p.words for p in profiles))
        if (context & self._table_words) - words - subject - _GENERIC:
            return metric
        unknown = self._unknown_counts.get(text)
        if unknown is None:  # the claims of a sentence (or of a long row) ask in turn
            if len(self._unknown_counts) >= _SENTENCE_MEMO:
                self._unknown_counts.clear()
            unknown = self._unknown_counts[text] = self.counts_unknown(text)
        if unknown:
            return metric
        for s in metric:
            if s.score >= METRIC_MIN and not subject.isdisjoint(self._profiles[s.fact.id].subject):
                return metric  # the text's words already say which fact it is
        scores = {s.fact.id: s.score for s in metric}
        # The current figures first, then the one whose metric the sentence says most of,
        # then the newest.
        ordered = sorted(found.values(), key=lambda f: f.as_of or "", reverse=True)
        ordered.sort(key=lambda f: (f.superseded_by is not None, -scores.get(f.id, 0.0)))
        raised = [_new_scored((f, METRIC_MIN)) for f in ordered]
        return tuple(raised + [s for s in metric if s.fact.id not in found])

    def metric_words(self, context: frozenset[str]) -> frozenset[str]:
        """The words of `context` naming a metric (`metric_vocabulary`); remembered, as the
        claims of a sentence ask in turn."""
        found = self._metric_words.get(context)
        if found is None:
            if len(self._metric_words) >= _SENTENCE_MEMO:
                self._metric_words.clear()
            found = self._metric_words[context] = context & self.metric_vocabulary
        return found

    def bare_fits(
        self,
        unit: str,
        ranks: list[int],
        interval: tuple[float | None, float | None],
        context: frozenset[str],
        measured: frozenset[str],
        clause: tuple[frozenset[str], frozenset[str]],
        kept: list[int],
    ) -> list[Scored]:
        """The facts of `ranks` in `unit` with a value in the claim's `interval` (not
        closed at a plausible distance) about a subject the claim's `clause` names (its
        terms, and `near_subjects` of them), when the sentence's metric words `context`
        (`metric_words`) and the words of what the number counts (`measured`) are all the
        fact's own, raised to `FIT_MIN`: "Gemini has 18%." quotes Gemini's known 18%;
        "Gemini has 18% of app installs" does not. The rank of each fact returned is
        appended to `kept`."""
        if not ranks:
            return []  # (a unit the table has no facts in, too)
        named = context - _GENERIC
        low = -math.inf if interval[0] is None else interval[0] - _eps(interval[0])
        high = math.inf if interval[1] is None else interval[1] + _eps(interval[1])
        values = self._values[unit]
        facts = self._facts[unit]
        found = []
        for rank in ranks:
            profile = self._profiles[facts[rank].id]
            if (
                low <= values[rank] <= high
                and profile.subject
                and _subject_meets(profile.subject, *clause)
                and named <= profile.words
                and measured - profile.subject <= profile.words
            ):
                found.append(_new_scored((facts[rank], FIT_MIN)))
                kept.append(rank)
        return found

    def _subject_facts(self, unit: str, word: str) -> dict[str, list[Fact]]:
        """The facts in `unit` with subject word `word`, by source; built when first asked
        for (few claims ask: `quoted`)."""
        key = (unit, word)
        found = self._by_subject_source.get(key)
        if found is None:
            found = self._by_subject_source[key] = defaultdict(list)
            for fact in self._by_subject.get(key, ()):
                found[fact.source].append(fact)
        return found

    def counts_unknown(self, measure: str) -> bool:
        """Whether the noun phrase `measure` (`claims.measure_words`) counts things no fact
        of the table speaks of: a plural none of whose forms the table's metrics,
        keywords or subjects use ("AI servers", "US startups", "enterprise deployments")."""
        for word in measure.split():
            lower = word.lower()
            if (
                len(lower) > 3
                and lower.endswith("s")
                and not lower.endswith(("ss", "us", "is"))
                and lower not in _VERBS_IN_S
                and stem(lower) not in self._weight_words
                and stem(lower) not in self.subject_vocabulary
            ):
                return True
        return False

    def telling(
        self,
        scored: tuple[Scored, ...],
        context: frozenset[str],
        near: frozenset[str],
        phrase: frozenset[str],
    ) -> tuple[Scored, ...]:
        """The facts of `scored` whose metric or keywords `context` (or `near`) names by a
        word that is not general (`_GENERIC`), or that have a keyword of several words
        `phrase` names in full ("AI companies")."""
        phrases = self.named_phrases(phrase)
        said = (context | near) - _GENERIC
        hits: dict[frozenset[str], bool] = {}  # facts share their words' sets
        out = []
        for s in scored:
            own = self._profiles[s.fact.id].words
            hit = hits.get(own)
            if hit is None:
                hit = hits[own] = not own.isdisjoint(said)
            if hit or (phrases and self.has_keyword(s.fact, phrases)):
                out.append(s)
        return tuple(out)

    def promoted(self, scored: tuple[Scored, ...], phrase: frozenset[str]) -> tuple[Scored, ...]:
        """`scored` with the facts short of `METRIC_MIN` that have a keyword of several
        words `phrase` names in full raised to it."""
        phrases = self.named_phrases(phrase)
        if not phrases or not scored:
            return scored  # the usual case: the text names no keyword of several words
        key = ("promoted", id(scored), phrases)
        found = self._measured.get(key)
        if found is None or found[0] is not scored:
            if len(self._measured) >= _CONTEXT_MEMO:
                self._measured.clear()
            found = self._measured[key] = (scored, tuple(self._raised(scored, phrases)))
        return found[1]

    def _raised(self, scored: Sequence[Scored], phrases: frozenset[frozenset[str]]) -> list[Scored]:
        """`scored` with the facts short of `METRIC_MIN` that have one of `phrases` for a
        keyword raised to it (facts share their phrases' tuples: each is read once)."""
        named: dict[tuple[frozenset[str], ...], bool] = {}
        out = []
        for s in scored:
            if s.score < METRIC_MIN:
                own = self._phrases.get(s.fact.id, ())
                hit = named.get(own)
                if hit is None:
                    hit = named[own] = any(p in phrases for p in own)
                if hit:
                    s = _new_scored((s.fact, METRIC_MIN))
            out.append(s)
        return out

    def named_phrases(self, words: frozenset[str]) -> frozenset[frozenset[str]]:
        """The table's keywords of several words that `words` holds in full; remembered
        (the claims of a sentence, and sentences alike, ask with the same words)."""
        found = self._named_phrases.get(words)
        if found is None:
            if len(self._named_phrases) >= _CONTEXT_MEMO:
                self._named_phrases.clear()
            by_word = self._phrases_by_word
            found = self._named_phrases[words] = frozenset(
                [p for w in words if w in by_word for p in by_word[w] if p <= words]
            )
        return found

    def has_keyword(self, fact: Fact, phrases: frozenset[frozenset[str]]) -> bool:
        """Whether one of the fact's keywords of several words is among `phrases`
        (`named_phrases` of a text)."""
        return any(p in phrases for p in self._phrases.get(fact.id, ()))

    def subject_ok(self, fact: Fact, scope: frozenset[str]) -> bool:
        return self._subject_ok(fact, scope, self.near_subjects(scope))

    # `near` is the near misses of the words (near_subjects / near_weights): a word of
    # five letters or more matches when rapidfuzz finds it in them, a shorter one only as is.
    def _subject_ok(self, fact: Fact, scope: frozenset[str], near: frozenset[str]) -> bool:
        return _subject_meets(self._profiles[fact.id].subject, scope, near)

    def _score(self, fact: Fact, context: frozenset[str], near: frozenset[str]) -> float:
        profile = self._profiles[fact.id]
        return _share(profile.weights, profile.total, context, near)

    def _scores_for(self, context: frozenset[str], near: frozenset[str]) -> _Scores:
        """The scores for one context, remembered per weights (facts about different
        subjects share them; by their number in `_weightings`) and per the table words
        of the context (which recur across sentences): a wide value range holds hundreds of
        facts, which share a few weights. With the context's table words, and `near`."""
        context = context & self._weight_words  # the only words of it a score can count
        memo = self._scores.get((context, near))
        if memo is None:
            if len(self._scores) >= _CONTEXT_MEMO:
                self._scores.clear()
            memo = self._scores[context, near] = {}
        return memo, context, near


# Scores remembered by number of weights, the context's table words, and the near misses.
_Scores = tuple[dict[int, float], frozenset[str], frozenset[str]]


class _Weighting(NamedTuple):
    """The weights of facts' terms (a Profile's), with their words as a set."""

    words: frozenset[str]
    weights: tuple[tuple[str, float], ...]
    total: float

    @classmethod
    def of(cls, profile: Profile) -> _Weighting:
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

    __slots__ = ("words", "total", "places", "facts", "_scored")

    def __init__(self, weights: tuple[tuple[str, float], ...], total: float):
        self.words = frozenset(word for word, _ in weights)
        self.total = total
        self.places: list[int] = []  # each fact's place in the table, in table order
        self.facts: list[Fact] = []
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


# A clause about a change: its figure is a growth rate, not the level a fact states.
_CHANGE = regexes.compile(
    r"\b(?:grew|grown|grows?|growth|rose|risen|rises|climbed|jumped|increased|increases?"
    r"|fell|fallen|falls|dropped|declined|gained|lost|surged|slipped|doubled|tripled)\b",
    re.IGNORECASE,
)


# A change's figure: right after its verb ("grew 68%") or "by"/"up"/"down" ("cut prices
# by 89%"), a qualifier between; "rose to 68%" is the level reached.
_RATE_BEFORE = regexes.compile(
    r"\b(?:by|up|down|grew|grown|grows?|rose|risen|rises|climbed|jumped|increased|increases?"
    r"|fell|fallen|falls|dropped|declined|gained|lost|surged|slipped|doubled|tripled|cut|cuts"
    r"|slashed|shrank|shrunk)\s+$",
    re.IGNORECASE,
)


def _tells_rate(clause: str, claim: Claim) -> bool:
    """Whether the claim's number in its `clause` is the size of a change (`_RATE_BEFORE`)."""
    at = clause.find(claim.text)
    if at < 0:
        return False
    before = clause[max(0, at - 60) : at]
    if claim.qualifier_words and before.rstrip().endswith(claim.qualifier_words):
        before = before.rstrip()[: -len(claim.qualifier_words)]
    return _RATE_BEFORE.search(before) is not None


@lru_cache(maxsize=256)
def _tells_change(clause: str) -> bool:
    """Whether the clause speaks of a change (`_CHANGE`); memoised like `_points_back`."""
    return _CHANGE.search(clause) is not None


# A name with a version number run into it: "qwen3", "gpt4o" (tokens stop at "." and "-").
_VERSIONED = regexes.compile(r"([a-z]{3,})\d+[a-z]?")


def _sharing() -> Callable[[T], T]:
    """A function that returns the first value it was given equal to its argument."""
    seen: dict = {}
    return lambda value: seen.setdefault(value, value)


def _keyword_terms(fact: Fact) -> frozenset[str]:
    words: set[str] = set()
    for keyword in fact.keywords:
        words |= terms(keyword)
    return frozenset(words)


def _any_between(ranks: array | None, a: int, b: int) -> bool:
    """Whether the sorted `ranks` hold one in [a, b)."""
    if not ranks:
        return False
    i = bisect_left(ranks, a)
    return i < len(ranks) and ranks[i] < b


def _eps(value: float | None) -> float:
    return 1e-9 * max(1.0, abs(value or 0.0))


# "That share", "the company", not the "that" of "estimates that 34% of enterprises" or
# "found that the market …", which opens a clause rather than pointing back; "the same industry",
# not "the same (Similarweb) snapshot", which points back to a source, not a subject.
_ANAPHORA = regexes.compile(
    r"\b(?:the\s+same(?!\s+(?:\w+\s+)?(?:report|analysis|study|survey|snapshot|data|dataset"
    r"|figures|filings?|tally|count|research|paper|update|estimates?)\b)"
    r"|the\s+(?:country|nation|company|firm|start-?up|lab|chatbot)|its|their|it|they|this|these"
    r"|that(?!\s+(?:the|a|an|more|over|about|around|nearly|almost|roughly|some|just|less|under)\b"
    r"|\s+[\d$€£¥]))\b",
    re.IGNORECASE,
)


# Whose a figure is, said right after it: "4% for Gemini", "held by DeepSeek" (the name,
# of a word or two); not "32% to Hugging Face", "by Similarweb's count", which credit it.
_WHOSE = regexes.compile(r"\s+(?:for|held\s+by)\s+(?:the\s+)?([\w.’'-]+(?:\s+[A-Z][\w.’'-]*)?)")
# What points back to the owner of a figure: "its share", "their revenue".
_POSSESSIVE = regexes.compile(r"\b(?:its|their)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _points_back(text: str) -> bool:
    """Whether `text` refers to something earlier ("it", "these", "the same …"); memoised
    because every claim of a sentence asks about the same sentence."""
    return _ANAPHORA.search(text) is not None


# Where a later clause of its own starts: "…, but they were the largest listings".
_LATER_CLAUSE = regexes.compile(
    r";|,?\s+(?:but|and|while|whereas|although|though|yet)\s+(?=\w+\s)", re.IGNORECASE
)


def _through(sentence: str, clause: str) -> str:
    """The sentence up to the end of the claim's clause and of what goes on with it: "it"
    or "they" after ", but" speaks of its own clause, not of the claim ("… the $40
    billion round, but they were the largest listings"); "At 17.1%, their share …" does."""
    at = sentence.find(clause) if clause else -1
    if at < 0:
        return sentence
    after = at + len(clause)
    starts, ends = _later_clauses(sentence)
    i = bisect_left(starts, after)
    if i and ends[i - 1] > after:  # inside a clause break: a match may start within it
        later = _LATER_CLAUSE.search(sentence, after)
        return sentence if later is None else sentence[: later.start()]
    return sentence if i == len(starts) else sentence[: starts[i]]


@lru_cache(maxsize=256)
def _later_clauses(sentence: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where `_LATER_CLAUSE` matches in the sentence (starts, ends): found once per
    sentence, not searched again from each of its claims (a table row of thousands of
    cells is one sentence)."""
    found = [m.span() for m in _LATER_CLAUSE.finditer(sentence)]
    return tuple(a for a, _ in found), tuple(b for _, b in found)


# Verbs that may follow a number and look like plurals ("41% comes from …").
_VERBS_IN_S = frozenset(
    "comes goes remains stands holds belongs means includes represents accounts makes sits "
    "rises falls grows stays leads trails lags tops beats equals reflects shows puts gives "
    "covers counts reaches hits exceeds surpasses passes "
    # and those that credit a figure ("…, Similarweb says")
    "says finds reports estimates notes writes adds states tells".split()
)


_SCORE = attrgetter("score")
_FIRST = itemgetter(0)


def _negative_score(scored: Scored) -> float:
    return -scored.score


# Units a figure may have been written in by mistake for one another.
_UNIT_FAMILIES = (frozenset({"percent", "pp"}),)


def gather(
    index: FactIndex,
    claim: Claim,
    attribution: Attribution,
    sentence: str,
    clause: str,
    previous: Callable[[], tuple[frozenset[str], frozenset[str]]] | None = None,
    metric_text: str | None = None,
    open_ended: float = 0.5,
    measure: str = "",
    row: bool = False,
    away: frozenset[str] = frozenset(),
) -> Evidence:
    """Find the facts a claim fits, those measuring its metric, and near misses.

    The subject is looked for in the clause, else the sentence, else (for "the same
    industry", "it") the text before; metric words in `metric_text` (the sentence
    without source names) and the clause. `previous`, called only when the text before
    is read, gives its terms that are subject words of the table and the subject words
    near its terms (`near_subjects`): all that matching reads of a scope. `measure`, the
    words naming what the number measures (`claims.measure_words`), rules out the facts
    of other metrics the sentence also names: "11 million users" is not about datasets.
    `row`: the claim is a table cell and `sentence` its row, which is then its clause for
    the subject a credited source's figure is about (`FactIndex.quoted`). `away`: subject
    words its sentence names that the claim is not about (`FactIndex.paired_away`)."""
    sentence_terms = terms(sentence)
    clause_terms = terms(clause)
    phrase = terms(measure) if measure else frozenset()
    vocabulary = index.subject_vocabulary
    # The subject may be anywhere in the sentence; when the claim's clause points back
    # ("these models", "the same industry") and names no subject, in the text before.
    if clause_terms is sentence_terms or clause_terms <= sentence_terms:
        scope = sentence_terms  # the same object for every claim of the sentence
    else:
        scope = sentence_terms | clause_terms
    if away:  # "Gemini at 4% and DeepSeek at 18%": 4% is read for Gemini only
        scope, clause_terms = scope - away, clause_terms - away
    # Near misses of the text's words, found once per claim rather than once per fact. A
    # subject word in what the number counts is not the clause's subject: "it holds 89%
    # of the Chinese market" speaks of the company named before.
    if (
        previous is not None
        and not (clause_terms - phrase) & vocabulary
        and (
            _points_back(clause)
            or (not sentence_terms & vocabulary and _points_back(_through(sentence, clause)))
        )
    ):
        before, before_near = previous()
        scope = scope | before
        scope_near = index.near_subjects(scope) | before_near
    else:
        scope_near = index.near_subjects(scope)
    scope_near -= away
    context = terms(metric_text) if metric_text is not None else sentence_terms

    credited = attribution.sources
    low, high = _point(claim)
    clause_near = index.near_subjects(clause_terms) - away
    context_near = index.near_weights(context)

    def in_scope(unit: str, low: float | None, high: float | None) -> list[int]:
        return index.fitting_ranks(unit, low, high, scope, scope_near)

    def in_clause(fact: Fact) -> bool:
        return index._subject_ok(fact, clause_terms, clause_near)

    scores = index._scores_for(context, context_near)

    # What the number counts ("41% of downloads"): a fact with that for a keyword of one
    # word, or with a keyword of several words named in full ("share of downloads", in
    # the clause when nothing next to the number says what it counts), and the value,
    # fits however little else of its metric the sentence says.
    # Generic words ("AI", "companies") name no metric of their own: "AI servers" is not
    # about AI companies.
    named = (phrase & index.metric_vocabulary) - _GENERIC
    keyed = (
        index.named_phrases(phrase if measure else clause_terms)
        if named or not measure
        else frozenset()
    )

    def scored(
        unit: str, ranks: list[int], minimum: float, trust_credited: bool = False, kept=None
    ):
        """Facts (whose subject is in scope) whose metric the context matches well enough;
        with `trust_credited`, a credited source's fact with the very number written
        needs only its subject, and so does one keyed on what the number counts."""
        if not trust_credited:
            return index.scored_ranks(unit, ranks, scores, minimum, None, kept)
        trust = (credited, low, high) if credited and not rate else None
        return index.scored_ranks(unit, ranks, scores, minimum, trust, kept, named, keyed)

    # A credited source's figure with the number written is trusted for the subject only
    # while the number is no change ("grew 68%", "cut prices by 89%").
    rate = _tells_rate(clause, claim)

    fit_low, fit_high = _plausible(claim, open_ended)
    fit_ranks: list[int] = []
    candidates = in_scope(claim.unit, fit_low, fit_high)
    fits = scored(claim.unit, candidates, FIT_MIN, True, fit_ranks)
    # A bare figure ("Gemini has 18%."): nothing credited, the claim's clause names a
    # subject and no change ("grew 18%" is a growth rate), and the sentence names no
    # other metric. The subject's fact in the claim's interval is then the one meant;
    # a wrong value is judged against the subject's figure only when all its figures in
    # the unit measure one metric (`quoted`).
    bare_subjects: frozenset[str] = frozenset()
    if not fits and not attribution.cited:
        bare_subjects = (clause_terms & vocabulary) | clause_near
        if bare_subjects and _tells_change(clause):
            bare_subjects = frozenset()
    if bare_subjects:
        # Its metric words, less the claim's own ("million"): a sentence's claims share
        # the first (a sentence of thousands of claims is not read once per claim).
        bare_context = index.metric_words(context) - terms(claim.text)
        fits = index.bare_fits(
            claim.unit,
            candidates,
            (claim.low, claim.high),
            bare_context,
            terms(measure),
            (clause_terms, clause_near),
            fit_ranks,
        )
    # "Has the value": the number as written, without the qualifier's open end. When that
    # range lies inside the fits' range, its facts are among the fits (in the same order,
    # scored the same): taken from there rather than looked up and scored again.
    point_low, point_high = low - _eps(low), high + _eps(high)
    if (fit_low is None or fit_low - _eps(fit_low) <= point_low) and (
        fit_high is None or point_high <= fit_high + _eps(fit_high)
    ):
        elsewhere = [
            s
            for s in fits
            if point_low <= s.fact.value <= point_high and s.fact.source not in credited
        ]
    else:
        elsewhere = [
            s
            for s in scored(claim.unit, in_scope(claim.unit, low, high), FIT_MIN)
            if s.fact.source not in credited
        ]
    elsewhere.sort(key=_SCORE, reverse=True)

    fits = index.nearest_first(claim.unit, fits, fit_ranks, claim.value, clause_terms, clause_near)

    # Every related fact has its subject in scope (or none). A subject named in the claim's
    # own clause beats one named elsewhere in the sentence; then best first, equal scores
    # in candidate order (facts with a subject first).
    with_subject, loose = index.related_scored(
        scope, context, context_near, claim.unit, RELATED_MIN
    )
    inside = tuple([in_clause(s.fact) for s in with_subject])
    metric = index.related_in_order(with_subject, loose, inside)
    if credited and attribution.explicit and not any(s.fact.source in credited for s in fits):
        # A figure credited to a source for a subject its clause (a row: its row) names.
        here = sentence_terms if row else clause_terms
        subjects = (here & vocabulary) | (scope_near if row else clause_near)
        if subjects:
            text = sentence if metric_text is None else metric_text
            # Only what its clause says can name another metric: "… at about 15%, against
            # 15.8% for the US" is still the credited figure for the Chinese share.
            said = context if row else context & clause_terms
            metric = index.quoted(metric, credited, claim.unit, subjects, said, text)
    elif bare_subjects and not fits:
        text = sentence if metric_text is None else metric_text
        metric = index.quoted(metric, None, claim.unit, bare_subjects, bare_context, text)
    if named:
        metric = index.measuring(metric, named, phrase)
    elif measure and index.counts_unknown(measure):
        metric = ()  # "4.1 million AI servers": no fact of the table counts servers
    elif measure and phrase & _GENERIC:
        # It counts general things ("41% of Chinese open models ship under Apache 2.0"):
        # a fact measures its metric only when the sentence says more of it than those.
        metric = index.telling(metric, context, context_near, phrase)
    elif not measure:
        # Nothing next to the number says what it counts ("put China's share of global
        # downloads at 19.2%"): a keyword its clause names in full is as good.
        phrase = clause_terms
        metric = index.promoted(metric, phrase)

    # A keyword named in full makes the metric in another unit too.
    phrases = index.named_phrases(phrase) if named or not measure else frozenset()
    other_unit = []
    for unit in index.comparable_units(claim.unit):
        if phrases:
            other_unit += [
                s
                for s in scored(unit, in_scope(unit, low, high), RELATED_MIN)
                if s.score >= METRIC_MIN or index.has_keyword(s.fact, phrases)
            ]
        else:
            other_unit += scored(unit, in_scope(unit, low, high), METRIC_MIN)
    other_unit.sort(key=_SCORE, reverse=True)
    return Evidence(
        claim, attribution, tuple(fits), tuple(metric), tuple(elsewhere), tuple(other_unit)
    )


def _related_order(
    with_subject: list[Scored], loose: tuple[Scored, ...], inside: tuple[bool, ...]
) -> tuple[Scored, ...]:
    """Facts with a subject in the clause (`inside`) best first, merged into `loose`, then
    the other facts with a subject best first."""
    here = [s for s, flag in zip(with_subject, inside, strict=True) if flag]
    elsewhere = [s for s, flag in zip(with_subject, inside, strict=True) if not flag]
    metric = _merged(sorted(here, key=_SCORE, reverse=True), loose)
    metric += sorted(elsewhere, key=_SCORE, reverse=True)
    return tuple(metric)


def _merged(best_first: list[Scored], loose: Sequence[Scored]) -> list[Scored]:
    """`sorted(best_first + loose, key=_SCORE, reverse=True)` for two lists already in that
    order: the few facts of the first are put in place among the hundreds of the second
    (by bisection) rather than all sorted again."""
    merged: list[Scored] = []
    start = 0
    for s in best_first:
        # after the loose facts with a higher score, before those with the same
        place = bisect_left(loose, -s.score, start, key=_negative_score)
        merged += loose[start:place]
        merged.append(s)
        start = place
    merged += loose[start:]
    return merged


def _plausible(claim: Claim, open_ended: float) -> tuple[float | None, float | None]:
    """The claim's interval with open ends closed at a plausible distance."""
    low, high = claim.low, claim.high
    if high is None and low is not None:
        high = low + abs(low) * open_ended + claim.tolerance
    if low is None and high is not None:
        low = high - abs(high) * open_ended / (1 + open_ended) - claim.tolerance
    return low, high


def _point(claim: Claim) -> tuple[float, float]:
    if claim.qualifier in {"=", "~"} and claim.low is not None and claim.high is not None:
        return claim.low, claim.high
    return claim.value - claim.tolerance, claim.value + claim.tolerance


def _comparable(a: str, b: str) -> bool:
    """Units one could confuse: two currencies, percent and points, a count and a currency."""
    if any(a in family and b in family for family in _UNIT_FAMILIES):
        return True
    money = {a.isupper(), b.isupper()}
    return money == {True} or (money == {True, False} and "count" in {a, b})
