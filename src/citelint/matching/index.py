"""The fact index: a table's facts by unit and value, subject and keyword postings, and the
memos of their scores.

It narrows candidates cheaply first — by unit and value (bisect over a sorted list) or by
the subject and keyword terms the claim's sentence shares with facts (postings) — and
only then scores context, so the cost per claim does not grow with the size of the table.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, groupby, repeat
from operator import attrgetter, eq, itemgetter, or_
from typing import Any, TypeVar

from .. import collection, regexes
from ..model import Fact, FactTable
from ..numbers import find_numbers
from ..sentences import coordinated_parts
from ..terms import stem, terms, tokens
from .context import _POSSESSIVE, _RESPECTIVELY, _VERBS_IN_S, _WHOSE, _names_someone
from .related import NONE, Related, related_order
from .scoring import (
    _FIRST,
    _GENERIC,
    FIT_MIN,
    METRIC_MIN,
    Profile,
    Scored,
    _extend,
    _LooseGroup,
    _NearWords,
    _new_scored,
    _Run,
    _Scores,
    _share,
    _subject_meets,
    _Weighting,
)

# A capitalised word just before a figure, maybe with "at" or "on" between.
_NAME_BEFORE = regexes.compile(r"(?<![\w'’])([A-Z][\w.-]*)[ \t]+(?:(?:at|on|with)[ \t]+)?$")
# A name, then the bracket a figure opens: "Belarus (56%)", "ChatGPT (68 percent)".
_NAME_BRACKETED = regexes.compile(r"([^(),;:]{1,60})\([ \t]*$")
# A name, then the comma that opens a figure's part: "…; Gemini, at 21%, is second".
_NAME_COMMA_BEFORE = regexes.compile(
    r"(?<![\w'’])((?:[A-Z][\w.-]*[ \t]+){0,2}[A-Z][\w.-]*),[ \t]*$"
)
# What opens such a part before its figure: "at", "with just" (not a list's next figure:
# "89% within China, 56% in Belarus").
_FIGURE_LEADS = regexes.compile(r"[ \t]*(?:at|on|with)[ \t]+(?:[a-z]+[ \t]+)?")
# A name's possessive right before a figure: "Zhipu AI's $619 million", "China's 17.1%".
_POSSESSOR_BEFORE = regexes.compile(
    r"(?<![\w'’])((?:[A-Z][\w.-]*[ \t]+){0,2}[A-Z][\w.-]*)['’]s[ \t]+(?:US|HK)?[$€£¥]?$"
)
# The words right after a figure, up to a verb's place: what it counts ("151,448
# Qwen-based derivatives").
_COUNTED_AFTER = regexes.compile(r"[ \t]+((?:[\w'’-]+[ \t]+){0,1}[\w'’-]+)")
# A sentence's leading place ("In Russia, DeepSeek holds 49% …"), and a part's own place.
_LEADING_PLACE = regexes.compile(
    r"[ \t]*(?:In|Across|Within)[ \t]+(?:the[ \t]+)?([A-Z][^,;:]{0,40}),"
)
_OWN_PLACE = regexes.compile(r"\b(?:in|across|within)[ \t]+(?:the[ \t]+)?[A-Z]")
# A figure as written, with its group separators: a value's digits (`told_otherwise`), the
# figures a keyword writes.
_FIGURE_WRITTEN = regexes.compile(r"\d[\d,.]*\d|\d")
# Words that say how a figure was told, not what it measures ("Hugging Face counted
# 161,448 Qwen derivatives"; a metric may name them: "by the Qwen team's count").
_TELLING = terms(
    "count counted counts tally tallied estimate estimated report reported record recorded logged "
    "found finds show shows showed claim claims claimed "
    # and the verbs of a share, which measure nothing of their own: "accounts for 25%"
    "account accounts accounted represent represents represented"
)
# What ends a list of subjects' names (`_subjects_listed`).
_PUNCTUATION = regexes.compile(r"[,;:()\[\]]")

T = TypeVar("T")
_FIRST_TWO = itemgetter(0, 1)
# Scores this close are alike: the words that tell the facts apart then say which is meant.
_ALIKE = 0.1
_FACT_ID = attrgetter("fact.id")
_WORDS = attrgetter("words")


_SCAN_MAX = 16  # a value range with more facts than this is narrowed by subject first
# Subject ranks remembered for this many sentences (and this many tied groups' facts): the
# claims of a sentence are gathered one after another.
_SENTENCE_MEMO = 64
# Related facts, scores and subject ranks are also remembered per the table words of a
# sentence (its other words cannot change them), which recur across sentences and drafts:
# this many of each. An answer holds hundreds of facts in a large table.
_CONTEXT_MEMO = 2048


def _metrics(facts: dict[str, Fact]) -> int:
    """How many metrics `facts` measure: a figure and the newer one that superseded it
    measure one ("more than 113,000" and then 151,448 Qwen derivatives)."""
    return len({f.metric.casefold() for f in facts.values() if f.superseded_by not in facts})


def _grouped(figure: Any) -> str:
    """A figure's digits without group separators, apart from its neighbours: "151,448"."""
    return f" {figure[0].replace(',', '')} "


def subject_terms(subject: str | None) -> frozenset[str]:
    if not subject:
        return frozenset()
    found = terms(subject)
    core = found - _GENERIC
    return core or found


# Nouns for a source's work, which say who gives a figure, not what it measures.
_WORKS = terms("report study analysis survey paper research filings tally data")
# Nouns a number is "in" or "at" that say nothing of what it counts ("in the 6–8 billion
# range", "at the 10 billion mark").
_VAGUE_MEASURES = frozenset(
    stem(w)
    for w in "range region ballpark neighbourhood neighborhood vicinity order level mark "
    "area total figure number amount sum tune rest whole same time period".split()
)


class FactIndex:
    """Facts bucketed by unit and sorted by value, plus term postings."""

    def __init__(self, table: FactTable):
        with collection.paused():
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
        # The figures a fact's keywords write ("0.01% of models"), by fact.
        self.keyword_values: dict[str, frozenset[float]] = {}
        for fact in table.facts:
            written = {
                m.value for k in fact.keywords if _FIGURE_WRITTEN.search(k) for m in find_numbers(k)
            }
            written.discard(fact.value)
            if written:
                self.keyword_values[fact.id] = frozenset(written)
        self.keyword_value_set = frozenset().union(*self.keyword_values.values())
        # And the words of each fact's keywords of one word ("companies"); facts share them.
        share_words = _sharing()
        self._single_words: dict[str, frozenset[str]] = {}
        for fact in table.facts:
            singles = [t for t in map(terms, fact.keywords) if len(t) == 1]
            if singles:
                self._single_words[fact.id] = share_words(frozenset().union(*singles))
        self._measured: dict[tuple, tuple] = {}  # keyed by kind, shared list's id, words
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
        self._table_words = self.table_words = self._weight_words | self.subject_vocabulary
        self._by_subject_source: dict[tuple[str, str], dict[str, list[Fact]]] = {}
        self._by_source_unit: dict[tuple[str, str], list[Fact]] = {}
        self._implied: dict[tuple, tuple[tuple[frozenset[str], float], ...]] = {}
        self._named_in: dict[frozenset[str], list[str | frozenset[str]]] = {}
        self._unknown_counts: dict[str, bool] = {}
        self._near_weight = _NearWords(self._weight_words)
        self._related: dict[tuple, list[Scored]] = {}
        self._ordered: dict[tuple, tuple[list[Scored], tuple[Scored, ...], Related]] = {}
        self._loose: dict[tuple, tuple[Scored, ...]] = {}
        self._named: dict[tuple[str, frozenset[str], frozenset[str]], list[int]] = {}
        self._named_words: dict[tuple[str, frozenset[str]], list[int]] = {}
        self._comparable: dict[str, tuple[str, ...]] = {}
        self._interleavings: dict[tuple, _Run] = {}
        # By the id of a remembered list of subject-less facts: the list, and the words and
        # phrases of its facts, read from their groups rather than fact by fact.
        self._described: dict[int, tuple[tuple[Scored, ...], Sequence, Sequence]] = {}
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
        # Each fact's one-word keywords ("downloads"), by unit and rank: the noun a number
        # counts may name one (`scored_ranks`' `counted`).
        self._single_keywords: dict[str, list[frozenset[str]]] = {}
        # And its keywords of several words (`has_keyword`), the tuples `_phrases` holds.
        self._keyword_phrases: dict[str, list[tuple[frozenset[str], ...]]] = {}
        for unit, facts in self._facts.items():
            self._single_keywords[unit] = [self._single_words.get(f.id, _NO_WORDS) for f in facts]
            self._keyword_phrases[unit] = [self._phrases.get(f.id, ()) for f in facts]
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

    def columns(self, unit: str) -> tuple[Sequence[float], Sequence[str]]:
        """The values and the sources of the facts in `unit`, by rank."""
        return self._values.get(unit, ()), self._sources.get(unit, ())

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
        # The unit's columns, read by rank: the Fact itself only for those kept.
        source_of, value_of = self._sources[unit], self._values[unit]
        singles, multiples = self._single_keywords[unit], self._keyword_phrases[unit]
        out = []
        for rank in ranks:
            number = numbers[rank]
            score = memo.get(number)
            if score is None:
                score = memo[number] = self._weightings[number].share(context, near)
            if (
                score >= minimum
                or (sources and source_of[rank] in sources and low <= value_of[rank] <= high)
                or (counted and not counted.isdisjoint(singles[rank]))
                or (phrases and not phrases.isdisjoint(multiples[rank]))
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
        # (`not _subject_meets(...)` written out: a large table's range holds hundreds)
        keys = [
            (
                abs(values[r] - value) / scale,
                bool(subject := subjects[r])
                and subject.isdisjoint(clause)
                and subject.isdisjoint(near),
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
        # share within China at 89%") is not about the subject it names; an "its" or
        # "their" after the figure ("Zhipu AI $585 million in their IPOs") is.
        own = [
            frozenset()
            if part is None or _POSSESSIVE.search(sentence, part[0], a)
            else self._subject_named(sentence[part[0] : a], last=True)
            or self._subject_for(sentence[b : part[1]])
            for part, (a, b) in zip(parts, ranges, strict=True)
        ]
        # A figure right after a name the table has no word for ("… and Claude 3%",
        # "Claude at 3%") is that one's: a subject of its own, which no fact has.
        own = [
            frozenset([f"\0{a}"])
            if not mine
            and part is not None
            and (name := _NAME_BEFORE.search(sentence, part[0], a))
            and _names_someone(name[1], name[1], name[1], self.table_words)
            else mine
            for mine, part, (a, _) in zip(own, parts, ranges, strict=True)
        ]
        # A figure in brackets is the name's right before them: "Belarus (56%), Cuba (49%)";
        # so is a part set off by commas right after a name: "Gemini, at 21%, is second".
        own = [
            self._subject_named(name[1], last=True) or mine
            if (name := _NAME_BRACKETED.search(sentence, max(0, a - 60), a))
            else self._subject_named(name[1], last=True) or mine
            if not mine
            and part is not None
            and _FIGURE_LEADS.fullmatch(sentence, part[0], a)
            and (name := _NAME_COMMA_BEFORE.search(sentence, max(0, part[0] - 60), part[0]))
            else mine
            for mine, part, (a, _) in zip(own, parts, ranges, strict=True)
        ]
        # A sentence's leading place is the place of each figure whose part names a subject
        # but no place of its own: "In Russia, DeepSeek holds 49%, while in Cuba it holds
        # 43%" (49% is Russia's, 43% Cuba's; "… and ChatGPT 30%" would be Russia's too).
        lead = _LEADING_PLACE.match(sentence)
        place = self._subject_named(lead[1], last=True) if lead else frozenset()
        if place and parts[0] is not None and lead.end() <= parts[0][0]:
            own = [
                mine | place
                if mine and part is not None and not _OWN_PLACE.search(sentence, part[0], a)
                else mine
                for mine, part, (a, _) in zip(own, parts, ranges, strict=True)
            ]
        named = set(own) - {frozenset()}
        if len(named) < 2:
            # "ChatGPT and Gemini hold 18% and 68% …, respectively": the last as many
            # subjects named before the first figure as figures, paired in order ("DeepSeek's
            # share in Cuba and Russia is 43% and 49% respectively").
            if not _RESPECTIVELY.search(sentence):
                return away
            listed = self._subjects_listed(sentence[: ranges[0][0]])[-len(ranges) :]
            if len(listed) != len(ranges) or len(set(listed)) != len(listed):
                return away
            own = listed
            named = set(listed)
            shared = frozenset()
            before = [frozenset()] * len(ranges)
        else:
            # A subject every part names before its figure is none's alone: "DeepSeek's
            # share … fell to 3.3%, while Microsoft put DeepSeek's share of the market
            # within China at 89%" (89% is China's, and DeepSeek's too); nor is one a
            # figure's own part names before it ("Microsoft puts DeepSeek's share within
            # China at 89%, while Similarweb gives DeepSeek only 4% …").
            before = [
                frozenset().union(*self._subjects_listed(sentence[part[0] : a]))
                if part is not None
                else frozenset()
                for part, (a, _) in zip(parts, ranges, strict=True)
            ]
            listing = [b for b, part in zip(before, parts, strict=True) if part is not None]
            shared = frozenset.intersection(*listing) if listing else frozenset()
        return [
            frozenset().union(*(named - {mine})) - mine - shared - mine_before
            if mine
            else frozenset()
            for mine, mine_before in zip(own, before, strict=True)
        ]

    def possessor_away(self, sentence: str, start: int, end: int) -> frozenset[str]:
        """For a figure at `start:end` of a sentence, owned by a subject's possessive right
        before it ("Zhipu AI's $619 million IPO was bigger than MiniMax's"), the other
        subjects the sentence names: the figure is not theirs."""
        owner = _POSSESSOR_BEFORE.search(sentence, max(0, start - 80), start)
        if owner is None:
            return frozenset()
        own = self._subject_named(owner[1], last=True)
        if not own:
            return frozenset()
        named = frozenset().union(*self._subjects_listed(sentence))
        # (Nor the sentence's leading place, where the owner's figure is: "In Belarus,
        # DeepSeek's 56% share is second only to its 89% in China"; nor what the figure
        # counts: "Hugging Face's 151,448 Qwen-based derivatives" are Qwen's, on its Hub.)
        lead = _LEADING_PLACE.match(sentence)
        place = self._subject_named(lead[1], last=True) if lead and lead.end() <= start else None
        counted = _COUNTED_AFTER.match(sentence, end)
        counted_subjects = (
            frozenset().union(*self._subjects_listed(counted[1])) if counted else frozenset()
        )
        return named - own - (place or frozenset()) - counted_subjects

    def _subjects_listed(self, text: str) -> list[frozenset[str]]:
        """The subjects `text` names, in order: each run of words that are (or are near)
        the table's subject words ("Zhipu AI", "US"), within a part between punctuation."""
        runs: list[frozenset[str]] = []
        for part in _PUNCTUATION.split(text):
            run: set[str] = set()
            for word in tokens(part):
                found = (
                    {word}
                    if word in self.subject_vocabulary
                    else self.near_subjects(frozenset([word]))
                )
                if found:
                    run |= found
                elif run:
                    runs.append(frozenset(run))
                    run = set()
            if run:
                runs.append(frozenset(run))
        return runs

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
    ) -> Related:
        """The related facts as gather reports them, from `related_scored`'s answer and which
        of the facts with a subject have it in the claim's clause (`inside`): those best
        first, merged into the subject-less ones (equal scores: those with a subject first),
        then the others best first. Remembered (a sentence's claims, and sentences with the
        same words, share it)."""
        if not with_subject:
            return Related(loose) if loose else NONE
        key = (id(with_subject), id(loose), inside)
        found = self._ordered.get(key)
        # The entry holds both answers, so their ids are not reused while it is kept.
        if found is None or found[0] is not with_subject or found[1] is not loose:
            if len(self._ordered) >= _CONTEXT_MEMO:
                self._ordered.clear()
            ordered = related_order(with_subject, loose, inside)
            found = self._ordered[key] = (with_subject, loose, ordered)
        return found[2]

    def keyed_about(
        self,
        unit: str,
        subjects: frozenset[str],
        near: frozenset[str],
        keyed: frozenset[frozenset[str]],
        context: frozenset[str],
    ) -> tuple[Scored, ...]:
        """The facts in `unit` about a subject that `subjects` (with `near`, their near
        misses) names and with a keyword of several words among `keyed`, best first: "China
        holds roughly 25% of global downloads" speaks of China's share of global downloads,
        however many other words that fact's metric has (their score is raised to
        `METRIC_MIN`, as `promoted` does), those the context speaks more of first."""
        context = context & self._weight_words
        found = [
            s
            for s in self._subject_scored(subjects, context, self.near_weights(context), unit, 0.0)
            if self.has_keyword(s.fact, keyed) and self._subject_ok(s.fact, subjects, near)
        ]
        found.sort(key=attrgetter("score"), reverse=True)
        return tuple(self._raised(found, keyed))

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
            found, words_of, phrases_of = self._loose_scored(context, near, unit, minimum)
            loose = self._loose[key] = tuple(found)
            self._describe(loose, words_of, phrases_of)
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
    ) -> _Run:
        """Subject-less facts sharing a word with `context`, best first; equal scores in the
        alphabetical order of the first word of `context` they share, then in table order
        (with their words and phrases, `_describe`). In a large table many share a common
        word ("share") with any sentence: they are scored once per group of facts with the
        same terms, through postings of the words."""
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
        found: _Run = ([], [], [])
        start = 0
        for score, count in Counter(map(_FIRST, ranked)).items():  # best first
            if count == 1:
                _extend(found, ranked[start][1].run(score))
            else:  # a tie (all their words in the context, say): ordered further
                tied = [group for _, group in ranked[start : start + count]]
                _extend(found, self._tied(tied, score, context))
            start += count
        return found

    def _tied(self, groups: list[_LooseGroup], score: float, context: frozenset[str]) -> _Run:
        """The facts of groups with the same score: in the alphabetical order of the first
        word of `context` they share (a set's order changes from one process to the next),
        then (groups sharing the same first word) in table order."""
        order = {word: i for i, word in enumerate(sorted(context))}
        firsts = sorted(
            ((min(map(order.__getitem__, group.words & context)), group) for group in groups),
            key=_FIRST,
        )
        found: _Run = ([], [], [])
        for _, same in groupby(firsts, key=_FIRST):
            interleaved = tuple(group for _, group in same)
            if len(interleaved) == 1:
                _extend(found, interleaved[0].run(score))
            else:
                _extend(found, self._interleaved(interleaved, score))
        return found

    def _interleaved(self, groups: tuple[_LooseGroup, ...], score: float) -> _Run:
        """The facts of `groups` with this score, in table order. Remembered: the same few
        groups tie in sentence after sentence."""
        key = (score, groups)
        found = self._interleavings.get(key)
        if found is None:
            if len(self._interleavings) >= _SENTENCE_MEMO:
                self._interleavings.clear()
            rows = [
                (place, scored, g.words, phrases)
                for g in groups
                for place, scored, phrases in zip(g.places, g.scored(score), g.phrases, strict=True)
            ]
            rows.sort(key=_FIRST)
            _, scored, words, phrases = zip(*rows, strict=True)
            found = self._interleavings[key] = (scored, words, phrases)
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
                group.phrases.append(self._phrases.get(fact.id, ()))
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
        named = self._names_in(sentence)
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

    def names_a_fact(self, unit: str, sentence: frozenset[str]) -> bool:
        """Whether the sentence names the subject or keywords of a fact in `unit`, of any
        value."""
        return any((unit, n) in self._naming for n in self._names_in(sentence))

    def _names_in(self, sentence: frozenset[str]) -> list[str | frozenset[str]]:
        """The subject words and keywords (their terms) of the table that `sentence`
        names; remembered, as each number of a sentence asks (one of thousands of numbers
        would otherwise read them all, again)."""
        named = self._named_in.get(sentence)
        if named is None:
            if len(self._named_in) >= _SENTENCE_MEMO:
                self._named_in.clear()
            named = [w for w in sentence if w in self.subject_vocabulary]
            for word in sentence:
                named += (k for k in self._keywords_by_word.get(word, ()) if k <= sentence)
            self._named_in[sentence] = named
        return named

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

    def measuring(self, related: Related, words: frozenset[str], phrase: frozenset[str]) -> Related:
        """The facts of `related` whose metric or keywords hold one of `words` (what the
        number measures, of its noun `phrase`), those holding more of them first, else in
        the order given. A fact with a keyword of several words that the phrase names in
        full ("18% of global downloads") measures the metric, however little else of its
        metric the sentence says."""
        found = self._remembered("measuring", related, words, self._measuring)
        return self.promoted(found, phrase)

    def _measuring(self, related: Related, words: frozenset[str]) -> Related:
        narrowed, levels = (
            self._remembered("measuring shared", related.shared, words, self._measuring_shared)
            if related.shared
            else (related, ())  # a small table: none to share
        )
        if not related.placed:
            return narrowed
        placed = []
        own = related.placed
        for (place, s), count in zip(own, self._counts([s for _, s in own], words), strict=True):
            if count:
                placed.append((_place_among(levels, count, place), -count, s))
        placed.sort(key=_FIRST_TWO)  # stable: the same place and count keep their order
        return Related(narrowed.shared, tuple([(p, s) for p, _, s in placed]))

    def _measuring_shared(self, shared: tuple[Scored, ...], words: frozenset[str]) -> tuple:
        """`measuring` of shared facts: the answer, and the places of the facts kept by
        count, most first."""
        counts = self._counts(shared, words)
        levels = sorted(set(counts) - {0}, reverse=True)
        places = [list(compress(range(len(counts)), map(eq, counts, repeat(n)))) for n in levels]
        narrowed = self._narrowed(shared, [i for level in places for i in level])
        return Related(narrowed), tuple(zip(levels, places, strict=True))

    def _remembered(self, kind: str, of: object, words: frozenset, compute: Callable) -> Any:
        """`compute(of, words)`, remembered per `kind`, `words` and the object `of` by
        identity: the claims of a context share their related facts, so the same lists
        are narrowed again and again. The entry holds `of`, so its id is not reused while
        the entry is kept."""
        key = (kind, id(of), words)
        found = self._measured.get(key)
        if found is None or found[0] is not of:
            if len(self._measured) >= _CONTEXT_MEMO:
                self._measured.clear()
            found = self._measured[key] = (of, compute(of, words))
        return found[1]

    def _counts(self, scored: Sequence[Scored], words: frozenset[str]) -> list[int]:
        """How many of `words` the metric and keywords of each fact of `scored` hold (facts
        share their words' sets: hundreds of facts, a few sets, each counted once)."""
        own = self._words_of(scored)
        known = {each: len(words.intersection(each)) for each in set(own)}
        return list(map(known.__getitem__, own))

    def words(self, fact: Fact) -> frozenset[str]:
        """The words of a fact's metric and keywords that are not its subject's."""
        return self._profiles[fact.id].words

    def names_all(self, fact: Fact, words: Iterable[str]) -> bool:
        """Whether the fact's subject, metric or keywords name each of `words`."""
        profile = self._profiles[fact.id]
        return all(w in profile.words or w in profile.subject for w in words)

    def _words_of(self, scored: Sequence[Scored]) -> Sequence[frozenset[str]]:
        """The words of each fact's metric and keywords: of a remembered tuple of
        subject-less facts as `_describe`d (read from their groups: in a large table each
        fact read is a cache miss), else of a claim's few facts, read fact by fact."""
        if type(scored) is tuple:
            found = self._described.get(id(scored))
            if found is not None and found[0] is scored:
                return found[1]
        return list(map(_WORDS, map(self._profiles.__getitem__, map(_FACT_ID, scored))))

    def _phrases_of(self, scored: Sequence[Scored]) -> Sequence[tuple[frozenset[str], ...]]:
        """Each fact's keywords of several words, as `_words_of` reads them."""
        if type(scored) is tuple:
            found = self._described.get(id(scored))
            if found is not None and found[0] is scored:
                return found[2]
        return list(map(self._phrases.get, map(_FACT_ID, scored), repeat(())))

    def _describe(self, shared: tuple[Scored, ...], words: Sequence, phrases: Sequence) -> None:
        if len(self._described) >= _CONTEXT_MEMO * 2:
            self._described.clear()
        self._described[id(shared)] = (shared, words, phrases)

    def _narrowed(self, shared: tuple[Scored, ...], places: list[int]) -> tuple[Scored, ...]:
        """The facts of `shared` at `places`, described like it."""
        words, phrases = self._words_of(shared), self._phrases_of(shared)
        narrowed = tuple(map(shared.__getitem__, places))
        self._describe(
            narrowed, list(map(words.__getitem__, places)), list(map(phrases.__getitem__, places))
        )
        return narrowed

    def quoted(
        self,
        metric: Related,
        sources: frozenset[str] | None,
        unit: str,
        named: frozenset[str],
        context: frozenset[str],
        text: str,
        own: frozenset[str] = frozenset(),
    ) -> Related:
        """`metric` with the facts in `unit` of the credited `sources` (None: of any source,
        for a bare figure, `bare_fits`) about a subject
        `named` (table subject words of the claim's clause) put first at `METRIC_MIN`, when
        they all measure one metric: "Similarweb puts ChatGPT's share at 72%" quotes
        Similarweb's figure for ChatGPT, however little of its metric the sentence says.
        Not when the sources have figures for several metrics of the subject (unless the
        claim's `own` words, those of its stretch of the clause, name a word of just one
        of them), when the context (its table words) names something those facts do not ("DeepSeek's
        global share" is not Microsoft's DeepSeek share within China) or its `text`
        counts things no fact speaks of ("ChatGPT's share of weekly users", `counts_unknown`),
        or when another source's fact about the subject already measures the claim's metric."""
        found: dict[str, Fact] = {}
        for word in sorted(named):
            by_source = self._subject_facts(unit, word)
            for source in sorted(by_source if sources is None else sources & by_source.keys()):
                for fact in by_source[source]:
                    found[fact.id] = fact
        if _metrics(found) > 1:
            # Figures for several metrics: the one metric of those the number's own words
            # (`own`) name a word of, but for the subject's ("CGTN reports 12 billion
            # downloads of Chinese models": not CGTN's count of Chinese AI companies).
            subjects = frozenset().union(*(self._profiles[i].subject for i in found))
            telling = own - subjects - _GENERIC - _DATES - _TELLING
            found = {
                i: f for i, f in found.items() if not telling.isdisjoint(self._profiles[i].words)
            }
            if _metrics(found) > 1:
                # ... as one of its keywords, when more metrics have them in their words
                # ("140,000 Qwen derivatives": not the models that tag Qwen, derivatives
                # included).
                found = {
                    i: f for i, f in found.items() if not telling.isdisjoint(self.keyword_words(f))
                }
            if _metrics(found) > 1:
                return metric
        if not found:
            return metric
        profiles = [self._profiles[i] for i in found]
        subject = frozenset().union(*(p.subject for p in profiles))
        words = frozenset().union(*(p.words for p in profiles))
        extra = (context & self._table_words) - words - subject - _GENERIC - _DATES - _TELLING
        # ("over the same period" names no metric, nor does "the same analysis")
        extra -= _VAGUE_MEASURES | _WORKS
        if not context.isdisjoint(_SPAN_UNITS):
            extra -= _SPAN_WORDS
        if any(not w.isdigit() for w in extra):  # (numbers, years too, name no metric)
            return metric
        unknown = self._unknown_counts.get(text)
        if unknown is None:  # the claims of a sentence (or of a long row) ask in turn
            if len(self._unknown_counts) >= _SENTENCE_MEMO:
                self._unknown_counts.clear()
            unknown = self._unknown_counts[text] = self.counts_unknown(text)
        if unknown:
            return metric
        # (The facts of `found` have a subject: none is among the shared subject-less ones.)
        for _, s in metric.placed:
            if s.score >= METRIC_MIN and not subject.isdisjoint(self._profiles[s.fact.id].subject):
                return metric  # the text's words already say which fact it is
        scores = {s.fact.id: s.score for _, s in metric.placed}
        # The current figures first, then the one whose metric the sentence says most of,
        # then the newest.
        ordered = sorted(found.values(), key=lambda f: f.as_of or "", reverse=True)
        ordered.sort(key=lambda f: (f.superseded_by is not None, -scores.get(f.id, 0.0)))
        raised = [(0, _new_scored((f, METRIC_MIN))) for f in ordered]
        kept = [(place, s) for place, s in metric.placed if s.fact.id not in found]
        return Related(metric.shared, tuple(raised + kept))

    def quoted_elsewhere(
        self, metric: Related, sources: frozenset[str], unit: str, ranks: list[int]
    ) -> list[Scored]:
        """The facts of other sources among `ranks` (those with the claim's value) that
        measure, for the same subject, the metric of the credited `sources`' figures
        `quoted` put first (`metric` is what it returned, having raised some): where a
        figure quoted as the source's comes from ("ChatGPT's
        share stood at 68% in the tracker's January 2 edition", when the tracker gives
        64.5% and Malay Mail's Similarweb figure is 68%)."""
        facts = self._facts[unit]
        others = [facts[rank] for rank in ranks if facts[rank].source not in sources]
        if not others:
            return []
        meant = set()
        for place, s in metric.placed:  # `quoted` puts those it raised first
            if place or s.score != METRIC_MIN or s.fact.source not in sources:
                break
            meant.add((s.fact.metric.casefold(), s.fact.subject))
        return [
            _new_scored((fact, METRIC_MIN))
            for fact in others
            if (fact.metric.casefold(), fact.subject) in meant
        ]

    def counted_by(
        self,
        metric: Related,
        sources: frozenset[str],
        unit: str,
        named: frozenset[str],
        context: frozenset[str] = frozenset(),
    ) -> Related:
        """`metric` (related facts, each scored at least `RELATED_MIN`) with the
        subject-less facts in `unit` of the credited `sources` whose metric or keywords hold
        one of `named` (what the number counts) put first at `METRIC_MIN`, when they all
        measure one metric and are related, or the `context` names another word of their
        keywords:
        "According to the Economies of Open Intelligence paper, its dataset covers 22
        billion downloads" (or "Longpre et al. report 2.5 billion downloads in their
        dataset") quotes the paper's figure for the downloads its dataset covers. Not "… at
        9 billion downloads", which says nothing of the dataset."""
        found = [
            fact
            for source in sorted(sources)
            for fact in self._source_facts(source, unit)
            if not fact.subject and not named.isdisjoint(self._profiles[fact.id].words)
        ]
        if not found or len({f.metric.casefold() for f in found}) > 1:
            return metric
        ids = {f.id for f in found}
        scores = [s.score for s in metric.facts() if s.fact.id in ids]
        if scores and max(scores) >= METRIC_MIN:
            return metric  # the text's words already say which it is
        said = context - named - _WORKS - _TELLING  # (who gives it and how: no keyword)
        if len(scores) < len(ids) and any(said.isdisjoint(self.keyword_words(f)) for f in found):
            return metric  # not all related, nor naming more of each's keywords than it counts
        raised = [_new_scored((f, METRIC_MIN)) for f in found]
        rest = [s for s in metric.facts() if s.fact.id not in ids]
        return Related((), tuple([(0, s) for s in raised + rest]))

    def nearest_told(self, related: Related, text: str, at: int) -> Related:
        """`related` with its leading facts that score alike (within `_ALIKE` of the first)
        ordered by the words that only one of them holds (its place, its year), read in the
        stretch of `text` that belongs to the number at `at`: up to it from the figure
        before when such words come before a sentence's first figure ("in Belarus (56%),
        Cuba (49%) and Russia (34%)": 34% is Russia's), else from it to the next figure
        ("56% in Belarus, 49% in Cuba", "from 17% before 2022 to 29% in 2025"). Those it
        names first, nearest first; the others keep their order."""
        facts = related.facts()
        alike, nearest = self._told(facts, text, at)
        if all(n is None for n in nearest):
            return related
        told = sorted(((n, place) for place, n in enumerate(nearest) if n is not None), key=_FIRST)
        order = [alike[place] for _, place in told]
        order += [s for s, n in zip(alike, nearest, strict=True) if n is None]
        return Related((), tuple([(0, s) for s in order + list(facts[len(alike) :])]))

    def told_otherwise(self, fits: Sequence[Scored], related: Related, text: str, at: int) -> bool:
        """Whether the number at `at` of `text` and another of its figures are swapped: the
        number fits facts that its stretch (as for `nearest_told`) tells apart from an alike
        fact of the same source and subject, naming only that one, whose value the other
        figure gives: "4.7 times Meta's total footprint and 2.6 times the Llama
        repositories" where Meta's is 2.6 and Llama's 4.7. (Else the words told apart are
        too weak a sign: figures of other sources or subjects side by side, the words after
        one may be the next one's; "in the fourth quarter" is no figure for the quarter
        before, which a fact's words call "the previous quarter".)"""
        # (What needs no reading of the sentence's words first: most claims stop here.)
        facts = related.facts()
        if len(facts) < 2 or facts[1].score < facts[0].score - _ALIKE:
            return False
        top = facts[0].score - _ALIKE
        alike = [s for s in facts if s.score >= top]
        if len({s.fact.source for s in alike} | {s.fact.source for s in fits}) != 1:
            return False
        if len({self._profiles[s.fact.id].subject for s in alike}) != 1:
            return False
        fitting = {s.fact.id for s in fits}
        if not fitting <= {s.fact.id for s in alike}:
            return False
        others = _FIGURE_WRITTEN.sub(_grouped, text[:at] + " " + text[at:].split(" ", 1)[-1])
        written = set(others.split())
        if not any(f"{s.fact.value:g}" in written for s in alike if s.fact.id not in fitting):
            return False
        alike, nearest = self._told(facts, text, at)
        told = [s.fact for s, n in zip(alike, nearest, strict=True) if n is not None]
        if not told or not fitting.isdisjoint(f.id for f in told):
            return False
        return all(f"{f.value:g}" in written for f in told)

    def _told(
        self, facts: tuple[Scored, ...], text: str, at: int
    ) -> tuple[list[Scored], list[int | None]]:
        """The leading facts that score alike, and for each the distance from the number at
        `at` to the nearest word its stretch names that only that fact holds (or None)."""
        if len(facts) < 2 or facts[1].score < facts[0].score - _ALIKE:
            return [], []
        alike = [s for s in facts if s.score >= facts[0].score - _ALIKE]
        profiles = [self._profiles[s.fact.id] for s in alike]
        words = [p.words | p.subject for p in profiles]
        common = frozenset.intersection(*words)
        own = [w - common for w in words]
        telling = frozenset().union(*own)
        said = tokens(text)
        where = len(tokens(text[:at]))
        # (A figure's digits after its first are its own: "17.1", "6,200".)
        figures = [
            i
            for i, w in enumerate(said)
            if w.isdigit() and w not in telling and not (i and said[i - 1].isdigit())
        ]
        if where not in figures:
            return [], []
        k = figures.index(where)
        first_told = next((i for i, w in enumerate(said) if w in telling), len(said))
        if first_told < figures[0]:
            stretch = range(figures[k - 1] + 1 if k else 0, where)
        else:
            stretch = range(where + 1, figures[k + 1] if k + 1 < len(figures) else len(said))
        gaps: dict[str, int] = {}
        for i in stretch:
            gaps[said[i]] = min(gaps.get(said[i], len(said)), abs(i - where))
        return alike, [min((gaps[w] for w in mine if w in gaps), default=None) for mine in own]

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
        # ("over the year", "since 2025" name no other metric: numbers, years too, none)
        named = frozenset([w for w in context - _GENERIC - _DATES if not w.isdigit()])
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

    def implied_subject(
        self,
        sources: frozenset[str],
        unit: str,
        scores: _Scores,
        minimum: float,
        low: float | None,
        high: float | None,
        among_fitting: bool = False,
    ) -> frozenset[str]:
        """The subject words of the one subject that every fact in `unit` of `sources`
        whose metric the context matches (`scores`, `_scores_for` it) at `minimum` is
        about, when one of them has a value in [`low`, `high`]; with `among_fitting`, the
        one subject of those with such a value. What a sentence that names no subject
        speaks of when it credits a source ("According to CGTN, there are more than 6,200
        AI companies": CGTN counts China's; "The correct Similarweb figure is 68%":
        ChatGPT's). Empty when those facts are about several subjects, or none, or none
        has such a value."""
        _, context, near = scores
        key = (sources, unit, context, near, minimum)
        found = self._implied.get(key)
        if found is None:  # the claims of a sentence, and sentences alike, share it
            if len(self._implied) >= _CONTEXT_MEMO:
                self._implied.clear()
            found = self._implied[key] = self._subjects_valued(
                sources, unit, context, near, minimum
            )
        low = -math.inf if low is None else low - _eps(low)
        high = math.inf if high is None else high + _eps(high)
        fitting = {subject for subject, value in found if low <= value <= high}
        if not fitting:
            return frozenset()
        subjects = fitting if among_fitting else {subject for subject, _ in found}
        return subjects.pop() if len(subjects) == 1 else frozenset()

    def _subjects_valued(
        self,
        sources: frozenset[str],
        unit: str,
        context: frozenset[str],
        near: frozenset[str],
        minimum: float,
    ) -> tuple[tuple[frozenset[str], float], ...]:
        """The subject and value of each fact in `unit` of `sources` whose metric
        `context` matches at `minimum`."""
        return tuple(
            (self._profiles[fact.id].subject, fact.value)
            for source in sources
            for fact in self._source_facts(source, unit)
            if self._score(fact, context, near) >= minimum
        )

    def _source_facts(self, source: str, unit: str) -> list[Fact]:
        """The facts of `source` in `unit`, in value order; found when first asked for (few
        claims ask: `implied_subject`), from the unit's column of sources."""
        found = self._by_source_unit.get((source, unit))
        if found is None:
            facts = self._facts.get(unit, ())
            sources = self._sources.get(unit, ())
            found = self._by_source_unit[source, unit] = [
                fact for fact, its in zip(facts, sources, strict=True) if its == source
            ]
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
                and not lower.endswith(("ss", "us", "is", "'s", "’s"))  # (a possessive)
                and lower not in _VERBS_IN_S
                and lower not in _SOURCE_PLURALS
                and stem(lower) not in self._weight_words
                and stem(lower) not in self.subject_vocabulary
            ):
                return True
        return False

    def shares_unknown(self, measure: str) -> bool:
        """Whether a share of the noun phrase `measure` is of something no fact of the
        table speaks of: none of its words is the table's ("one-seventh of the price")."""
        words = terms(measure) - _VAGUE_MEASURES - self.subject_vocabulary
        return bool(words) and words.isdisjoint(self._table_words)

    def telling(
        self,
        related: Related,
        context: frozenset[str],
        near: frozenset[str],
        phrase: frozenset[str],
        head: frozenset[str] = frozenset(),
    ) -> Related:
        """The facts of `related` whose metric or keywords `context` (or `near`) names by a
        word that is not general (`_GENERIC`), or that have a keyword of several words
        `phrase` names in full ("AI companies"), or one that is its `head` noun
        ("companies": "has more than 6,900 companies", not "Chinese" in "41% of Chinese
        open models")."""
        phrases = self.named_phrases(phrase) | {head}
        said = (context | near) - _GENERIC
        shared = related.shared
        kept, places = self._remembered(
            "telling shared", shared, (said, phrases), self._telling_shared
        )
        own = [s for _, s in related.placed]
        placed = [related.placed[i] for i in self._telling(own, said, phrases)]
        return Related(kept, tuple([(bisect_left(places, p), s) for p, s in placed]))

    def _telling_shared(self, shared: tuple[Scored, ...], words: tuple) -> tuple:
        places = self._telling(shared, *words)
        return self._narrowed(shared, places), places

    def _telling(
        self, scored: Sequence[Scored], said: frozenset[str], phrases: frozenset[frozenset[str]]
    ) -> list[int]:
        """The places in `scored` of the facts `telling` keeps (facts share their words'
        sets and phrases' tuples: each is read once)."""
        own = self._words_of(scored)
        hits = {each: not each.isdisjoint(said) for each in set(own)}
        kept = list(map(hits.__getitem__, own))
        if phrases:
            keys = self._phrases_of(scored)
            named = {each: any(p in phrases for p in each) for each in set(keys)}
            kept = list(map(or_, kept, map(named.__getitem__, keys)))
            one_word = frozenset().union(*(p for p in phrases if len(p) == 1))
            if one_word:
                singles = map(self._single_words.get, map(_FACT_ID, scored), repeat(_NO_WORDS))
                kept = [
                    k or not one_word.isdisjoint(words)
                    for k, words in zip(kept, singles, strict=True)
                ]
        return list(compress(range(len(kept)), kept))

    def promoted(self, related: Related, phrase: frozenset[str]) -> Related:
        """`related` with the facts short of `METRIC_MIN` that have a keyword of several
        words `phrase` names in full raised to it."""
        phrases = self.named_phrases(phrase)
        if not phrases or not related:
            return related  # the usual case: the text names no keyword of several words
        return self._remembered("promoted", related, phrases, self._promoted)

    def _promoted(self, related: Related, phrases: frozenset[frozenset[str]]) -> Related:
        shared = (
            self._remembered("promoted shared", related.shared, phrases, self._promoted_shared)
            if related.shared
            else related
        )
        if not related.placed:
            return shared
        own = self._raised([s for _, s in related.placed], phrases)
        placed = tuple([(place, s) for (place, _), s in zip(related.placed, own, strict=True)])
        return Related(shared.shared, placed)

    def _promoted_shared(
        self, shared: tuple[Scored, ...], phrases: frozenset[frozenset[str]]
    ) -> Related:
        raised = tuple(self._raised(shared, phrases))
        if raised != shared:
            self._describe(raised, self._words_of(shared), self._phrases_of(shared))
        return Related(raised)

    def _raised(self, scored: Sequence[Scored], phrases: frozenset[frozenset[str]]) -> list[Scored]:
        """`scored` with the facts short of `METRIC_MIN` that have one of `phrases` for a
        keyword raised to it (facts share their phrases' tuples: each is read once)."""
        keys = self._phrases_of(scored)
        named = {each: any(p in phrases for p in each) for each in set(keys)}
        out = list(scored)
        for place in compress(range(len(keys)), map(named.__getitem__, keys)):
            s = out[place]
            if s.score < METRIC_MIN:
                out[place] = _new_scored((s.fact, METRIC_MIN))
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

    def keyword_words(self, fact: Fact) -> frozenset[str]:
        """The words of a fact's keywords: of one word, and of several."""
        return self._single_words.get(fact.id, _NO_WORDS).union(*self._phrases.get(fact.id, ()))

    def has_subject(self, fact: Fact) -> bool:
        """Whether the fact is about a subject (whose words a claim must name)."""
        return bool(self._profiles[fact.id].subject)

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


_NO_WORDS: frozenset[str] = frozenset()
# Plurals that name where figures are written, not what they count: "HKEX filings show
# MiniMax raised $640 million", "their numbers", "in my notes" (`counts_unknown`).
_SOURCE_PLURALS = frozenset(
    "filings figures numbers estimates notes statistics stats records documents reports "
    "studies papers results sources slides charts tables minutes transcripts".split()
)


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


def _place_among(levels: tuple[tuple[int, list[int]], ...], count: int, place: int) -> int:
    """Where a fact that stood before shared fact `place` and holds `count` words stands
    among the shared facts `measuring` kept: `levels` are their places by count, most
    first."""
    start = 0
    for level, places in levels:
        if level < count:
            break
        if level == count:
            return start + bisect_left(places, place)
        start += len(places)
    return start


def _eps(value: float | None) -> float:
    return 1e-9 * max(1.0, abs(value or 0.0))


# When a figure was given says nothing of what it measures ("on January 2", "12 months
# to August 2025").
_DATES = terms(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec day days week weeks month months "
    "quarter quarters year years"
)
# Words of a stretch of months or years ("over the first seven months of 2026", "the past
# two years"), which name no metric when such a stretch is named (not "the first day").
_SPAN_WORDS = terms(
    "first last past next half one two three four five six seven eight nine ten eleven twelve"
)
_SPAN_UNITS = terms("week month quarter year")  # (as terms, plurals too)

# Units a figure may have been written in by mistake for one another.
_UNIT_FAMILIES = (frozenset({"percent", "pp"}), frozenset({"percent", "times"}))


def _comparable(a: str, b: str) -> bool:
    """Units one could confuse: two currencies, percent and points, a count and a currency."""
    if any(a in family and b in family for family in _UNIT_FAMILIES):
        return True
    money = {a.isupper(), b.isupper()}
    return money == {True} or (money == {True, False} and "count" in {a, b})
