"""One claim's evidence: the facts it fits, those measuring its metric, and near misses."""

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from .. import regexes
from ..model import Attribution, Claim, Fact
from ..terms import terms
from .context import (
    _OWN_SHARE,
    _against,
    _measures_change,
    _names_someone,
    _points_back,
    _tells_change,
    _tells_rate,
    _through,
    own_stretch,
)
from .index import FactIndex, _eps
from .related import NONE, Related
from .scoring import _GENERIC, _SCORE, FIT_MIN, METRIC_MIN, RELATED_MIN, Scored


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
        # (the clause names no subject but in what the number counts; read from the
        # vocabulary's side, as a clause may hold thousands of terms)
        and (clause_terms & vocabulary <= phrase or _OWN_SHARE.search(clause))
        and (
            _points_back(clause)
            or (not sentence_terms & vocabulary and _points_back(_through(sentence, clause)))
        )
    ):
        before, before_near = previous()
        owner = before if _OWN_SHARE.search(clause) else frozenset()
        scope = scope | before
        scope_near = index.near_subjects(scope) | before_near
    else:
        owner = frozenset()
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
    named = (phrase & index.metric_vocabulary) - _GENERIC - index.subject_vocabulary
    keyed = (
        index.named_phrases(phrase if measure else clause_terms)
        if named or not measure
        else frozenset()
    )
    if not measure and not keyed and clause_terms is not sentence_terms:
        # Nor its clause: the sentence's, whose clause before said it ("puts China's share
        # of downloads at 17.1%, while the MIT study puts it at 41%").
        keyed = index.named_phrases(sentence_terms)

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
    # while the number is no change ("grew 68%", "cut prices by 89%"); asked only when
    # a source is credited.
    rate = bool(credited) and _tells_rate(clause, claim)

    fit_low, fit_high = _plausible(claim, open_ended)
    if (
        credited
        and not clause_near
        and clause_terms.isdisjoint(vocabulary)
        # (a table cell's subject is its row's, or its column header's: "| China | …")
        and not (row and not sentence_terms.isdisjoint(vocabulary))
    ):
        # The claim's clause names no subject, nor its sentence anyone else ("According to
        # CGTN, there are more than 6,200 AI companies", or "The minister added that more
        # than 6,200 enterprises operate in the field, and that …" after a sentence
        # crediting him): when the credited source's figures for its metric are all about
        # one subject, and one of them fits, it is about that one; when the whole sentence
        # names no subject, the one subject of the figures that fit ("The correct
        # Similarweb figure is 68%"). Only to fit: a wrong value is no sign of what it is
        # about, but for the keyword case below.
        unnamed = not scope_near and scope.isdisjoint(vocabulary)
        implied = index.implied_subject(
            credited, claim.unit, scores, FIT_MIN, fit_low, fit_high, among_fitting=unnamed
        )
        if not implied and unnamed and not measure and index.named_phrases(sentence_terms):
            # When the whole sentence names no subject, and nothing next to the number says
            # what it counts, a keyword of several words the sentence names in full ("the
            # core AI industry at …, or $156 billion") says which figure it is, whatever
            # its value. (What the number counts may be another subject's: "The top 200
            # models take 49.6% of all LLM downloads".)
            implied = index.implied_subject(credited, claim.unit, scores, FIT_MIN, None, None)
        text = sentence if metric_text is None else metric_text
        if implied and not _names_someone(text, sentence, sentence, index.table_words):
            scope, clause_terms = scope | implied, clause_terms | implied
    fit_ranks: list[int] = []
    candidates = in_scope(claim.unit, fit_low, fit_high)
    fits = scored(claim.unit, candidates, FIT_MIN, True, fit_ranks)
    if rate and not fits:
        # "had been up 78% intraday, Reuters said": the size of a change is still the
        # credited source's figure when that figure measures a change (a share-price gain)
        # the context says something of; "revenue rose 78%" says nothing of it.
        ranks: list[int] = []
        trusted = index.scored_ranks(
            claim.unit, candidates, scores, FIT_MIN, (credited, low, high), ranks
        )
        for s, rank in zip(trusted, ranks, strict=True):
            metric = s.fact.metric
            if s.score > 0 and _measures_change(metric) and not _against(metric, clause):
                fits.append(s)
                fit_ranks.append(rank)
    # A change its clause's subject has a fact of, however the verb words it ("MiniMax
    # jumped 78% on its debut" and MiniMax's intraday gain): it fits, uncredited; credited
    # to a source without it, it is where the figure comes from (`elsewhere`).
    changed: list[Scored] = []
    if not fits and (rate or (not credited and _tells_rate(clause, claim))):
        ranks = []
        for s, rank in zip(
            index.scored_ranks(claim.unit, candidates, scores, 0.0, None, ranks), ranks, strict=True
        ):
            metric = s.fact.metric
            if (
                s.score > 0
                and _measures_change(metric)
                and not _against(metric, clause)
                and in_clause(s.fact)
                and s.fact.source not in credited
            ):
                if credited:
                    changed.append(s)
                else:
                    fits.append(s)
                    fit_ranks.append(rank)
    if (
        fits
        and measure
        and not named
        and not keyed
        and all(s.score < METRIC_MIN for s in fits)
        # (credited, the source's very number written is its figure all the same)
        and (
            not credited
            or not any(abs(s.fact.value - claim.value) <= claim.tolerance for s in fits)
        )
        and index.counts_unknown(measure)
    ):
        # What the number counts is nothing a fact speaks of ("60% of Chinese office
        # workers use an AI assistant", "a thread with some 480,000 views" crediting the
        # report it sums up): it fits no fact whose other words (AI, China) the sentence
        # happens to share, nor the credited source's figure of about that value.
        fits, fit_ranks = [], []
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
        values, sources = index.columns(claim.unit)  # read by rank: no Fact touched
        elsewhere = [
            s
            for s, rank in zip(fits, fit_ranks, strict=True)
            if point_low <= values[rank] <= point_high and sources[rank] not in credited
        ]
    else:
        elsewhere = [
            s
            for s in scored(claim.unit, in_scope(claim.unit, low, high), FIT_MIN)
            if s.fact.source not in credited
        ]
    if not elsewhere and changed:
        elsewhere = [s for s in changed if point_low <= s.fact.value <= point_high]
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
    if not (metric or fits or elsewhere) and keyed:
        # Its clause names a fact's subject and a keyword of several words in full ("China
        # holds roughly 25% of global downloads"): that fact's metric, however little else
        # of it the sentence says; the credited source's, when one is credited. (Or the
        # label before the clause: "read "China: 21% of global downloads"".)
        subjects = clause_terms
        if not clause_near and clause_terms.isdisjoint(vocabulary):
            label = _LABEL_BEFORE.search(sentence, 0, max(sentence.find(clause), 0))
            subjects = terms(label.group(1)) - away if label else subjects
        near = clause_near if subjects is clause_terms else index.near_subjects(subjects)
        about = index.keyed_about(claim.unit, subjects, near, keyed, context)
        if credited:
            about = tuple([s for s in about if s.fact.source in credited])
        metric = Related(about) if about else NONE
    if credited and not any(s.fact.source in credited for s in fits):
        # A figure credited to a source for a subject its clause (a row: its row) names.
        # (The sentence's, when the clause names none and points back: "…, while the MIT
        # study puts it at 41%"; or is the figure alone, in brackets after its subject's
        # name: "Gemini (4%) trails ChatGPT (68%)", less the subjects of the others.)
        if row or (clause_terms.isdisjoint(vocabulary) and _points_back(clause)):
            here = sentence_terms
        elif clause_terms <= terms(claim.text):
            here = scope
        else:
            here = clause_terms
        # "its share in China": also the owner named before.
        here -= terms(claim.qualifier_words)  # ("… LLMs Top 12 Billion": no subject "top")
        subjects = (here & vocabulary) | (scope_near if row else clause_near) | owner
        text = sentence if metric_text is None else metric_text
        # Not when the clause also names where or whom the figure is for, and the table
        # has no word for it: "puts DeepSeek at 56% in Belarus" is no figure for China.
        if subjects and not _names_someone(
            text, sentence, sentence if row else clause, index.table_words
        ):
            # Only what its clause says can name another metric: "… at about 15%, against
            # 15.8% for the US" is still the credited figure for the Chinese share. The
            # claim's own words name none ("US$691m" is no figure for the US).
            said = (context if row else context & clause_terms) - terms(claim.text)
            said -= terms(claim.qualifier_words)  # ("Chinese LLMs Top 12 Billion Downloads")
            if claim.unit == "count" and _TIMES_AFTER.match(
                clause, clause.find(claim.text) + len(claim.text)
            ):
                said -= _TIMES  # "downloaded 12 billion times" counts downloads, not times
            own = said if row else said & terms(own_stretch(clause, claim.text))
            quoted = index.quoted(metric, credited, claim.unit, subjects, said, text, own)
            if quoted is not metric and not fits and not elsewhere:
                ranks = in_scope(claim.unit, point_low, point_high)
                elsewhere = index.quoted_elsewhere(quoted, credited, claim.unit, ranks)
            metric = quoted
        elif not subjects and named:
            # Nor any subject: the credited source's figure for what the number counts.
            metric = index.counted_by(metric, credited, claim.unit, named, context)
    elif bare_subjects and not fits:
        text = sentence if metric_text is None else metric_text
        if not _names_someone(text, sentence, clause, index.table_words):
            metric = index.quoted(metric, None, claim.unit, bare_subjects, bare_context, text)
    if not fits and metric and (rate or (not credited and _tells_rate(clause, claim))):
        # The size of a change ("rose by 3%", "leads US models by 1.3%") measures no level
        # a fact states: no figure for its metric to differ from, but a fact that is itself
        # the size of a change the context speaks of ("gained nearly 400% since their
        # debut" and a share-price gain since the debut).
        # One whose subject and a keyword besides the clause names is its metric, however
        # the verb words the change ("Zhipu shares rose 31.2% on their first day" and the
        # gain in Zhipu's shares on its first day; not "MiniMax's revenue rose 78%").
        changes = tuple(
            s
            if s.score >= METRIC_MIN
            or not in_clause(s.fact)
            or (clause_terms & index.keyword_words(s.fact)) <= vocabulary
            or _against(s.fact.metric, sentence)  # ("On Friday, Zhipu shares jumped …")
            else Scored(s.fact, METRIC_MIN)
            for s in metric.facts()
            if _measures_change(s.fact.metric) and not _against(s.fact.metric, clause)
        )
        metric = Related(changes) if changes else NONE
    elif named:
        metric = index.measuring(metric, named, phrase)
    elif measure and (
        index.counts_unknown(measure)
        # ("230 million people", "about 2 million people": what no fact counts)
        or (measure.split()[0].lower() in _PEOPLE and _PEOPLE_TERMS.isdisjoint(index.table_words))
        # (a currency's unit is its ISO code, the only units in capitals)
        or (claim.unit == "percent" or claim.unit.isupper())
        and index.shares_unknown(measure)
    ):
        # "4.1 million AI servers": no fact of the table counts servers; "one-seventh of
        # the price": none is a share of prices; "MiniMax revenue of US$185m": no fact
        # is an amount of revenue.
        metric = NONE
    elif measure and phrase & _GENERIC:
        # It counts general things ("41% of Chinese open models ship under Apache 2.0"):
        # a fact measures its metric only when the claim's stretch of its clause (between
        # the figures either side) says more of it than those: "CCID counted more than
        # 6,200 AI companies, while the ministry put cumulative downloads at …" counts no
        # downloads, nor "approximately 4,000 open models and 180,000 derivatives" those.
        said = context & terms(own_stretch(clause, claim.text))
        head = terms(measure.rsplit(maxsplit=1)[-1])
        metric = index.telling(metric, said, index.near_weights(said), phrase, head)
    elif not measure:
        # Nothing next to the number says what it counts ("put China's share of global
        # downloads at 19.2%"): a keyword its clause names in full is as good.
        phrase = clause_terms
        metric = index.promoted(metric, phrase)

    if (
        fits
        and keyed
        and not any(point_low <= s.fact.value <= point_high for s in fits)
        and _keyed_elsewhere(index, fits, metric, keyed)
    ):
        # "Hugging Face hosts over 600,000 public datasets": the facts it fits only by its
        # open end, loosely (a dataset of 851,000 models), measure less of it than the one
        # whose keyword it names in full (Hugging Face's public datasets), which it does not.
        fits = []
        elsewhere = [
            s
            for s in scored(claim.unit, in_scope(claim.unit, low, high), FIT_MIN)
            if s.fact.source not in credited
        ]
    elif (
        fits
        and keyed
        and not credited
        and _GLOBAL <= phrase
        and not any(
            index.has_keyword(s.fact, keyed) or _GLOBAL <= index.words(s.fact) for s in fits
        )
        and _keyed_instead(index, fits, metric, keyed, claim)
    ):
        # Uncited, a global share ("41% of global downloads", "89% of the global chatbot
        # market") is the figure of the same subject whose keyword it names in full, which
        # it does not fit; not the narrower one that has its value (the LLM downloads on
        # Hugging Face over a year, the market within China).
        fits, elsewhere = [], []

    if sentence is claim.sentence:
        # Figures in a row for different places or years: each is asked about its own, and
        # fits no figure its words tell apart from the one they name.
        at = claim.text_range[0] - claim.sentence_range[0]
        if fits and index.told_otherwise(fits, metric, sentence, at):
            fits = []
        if not fits:
            metric = index.nearest_told(metric, sentence, at)
    if not fits and metric:
        years = _YEAR.findall(clause)
        if years:
            # A figure for a year years away from the facts' ("expects the industry to
            # reach 3 trillion yuan by 2030") measures no figure they give.
            metric = _of_years(metric, {int(y) for y in years})

    # A keyword named in full makes the metric in another unit too.
    phrases = index.named_phrases(phrase) if named or not measure else frozenset()
    other_unit = []
    for unit in index.comparable_units(claim.unit):
        if {unit, claim.unit} == _MULTIPLE_OR_PERCENT and not _tells_change(clause):
            continue  # a multiple is a change: "grew 5%" for "5×", not any 5% share
        if phrases:
            other_unit += [
                s
                for s in scored(unit, in_scope(unit, low, high), RELATED_MIN)
                if s.score >= METRIC_MIN or index.has_keyword(s.fact, phrases)
            ]
        else:
            # The very value of a figure about the subject named, in another unit, is a
            # unit slip with less of its metric said: "China's AI industry is worth ¥165
            # billion" (the $165 billion), "MiniMax's listing brought in 619 million yuan".
            other_unit += [
                s
                for s in scored(unit, in_scope(unit, low, high), RELATED_MIN)
                if s.score >= METRIC_MIN or index.has_subject(s.fact)
            ]
    other_unit.sort(key=_SCORE, reverse=True)
    related_facts = metric.facts()
    if related_facts and _OTHER_KIND.search(clause):
        # Its own words say what kind of amount it is, which a fact's do not: a valuation,
        # spending, an average or a figure per head is not the IPO's proceeds or the
        # industry's total ("Zhipu AI's IPO valued the company at $6.5 billion").
        stretch = own_stretch(clause, claim.text)
        kinds = {_kind(next(filter(None, m.groups()))) for m in _OTHER_KIND.finditer(stretch)}
        related_facts = tuple(s for s in related_facts if index.names_all(s.fact, kinds))
    if related_facts and claim.value in index.keyword_value_set:
        # A figure a fact's keyword gives ("0.01% of models" of the top 200 models' share
        # of downloads) is what the fact's sentence says besides its value, not a wrong
        # value of it: "the top 200 models, just 0.01% of all models, took 49.6%".
        related_facts = tuple(
            s for s in related_facts if claim.value not in index.keyword_values.get(s.fact.id, ())
        )
    return Evidence(
        claim, attribution, tuple(fits), related_facts, tuple(elsewhere), tuple(other_unit)
    )


_GLOBAL = terms("global")
# A label a figure's clause follows: "China: 21% of global downloads".
_LABEL_BEFORE = regexes.compile(r"([A-Z][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,3})[ \t]*:[ \t]*\Z")

# Words that make an amount a kind of its own (`gather`): "valued at", "spend", "on
# average", "per resident", "downloaded … times", "in January alone", "the US market".
_OTHER_KIND = regexes.compile(
    r"\b(valued|valuation|valuing|spend|spending|spent|budget|average|averages|median|"
    r"capita)\b|\bper[ \t]+(resident|person|head|user|model|employee|derivative)\b"
    # and what was done so many times: "downloaded more than 25 million times"
    r"|\b(downloaded|viewed|installed|forked|starred|cited)\b(?=[^.;!?]{0,40}\btimes\b)"
    # a stretch of time alone: "80 million times in January alone"
    r"|\b(alone)\b"
    # another country's market: "Gemini's share of the US chatbot market"
    r"|\b(US|U\.S\.|American|European|British|Japanese|Korean|Indian)[ \t]+"
    r"(?:[\w-]+[ \t]+){0,2}?market\b",
    re.IGNORECASE,
)


def _kind(word: str) -> str:
    """The term a kind word stands for ("U.S." and "American" are "us")."""
    return next(iter(terms(word)), word.lower())


# Words without an "s" that count people, and their terms.
_PEOPLE = frozenset({"people", "persons", "staff"})
_PEOPLE_TERMS = terms(" ".join(_PEOPLE))


def _keyed_elsewhere(
    index: FactIndex, fits: list[Scored], metric: Related, keyed: frozenset[frozenset[str]]
) -> bool:
    """Whether every fit is loose (under `METRIC_MIN`, no keyword of several words the
    claim names in full) while a fact measuring the claim's metric has one."""
    if any(s.score >= METRIC_MIN or index.has_keyword(s.fact, keyed) for s in fits):
        return False
    return any(s.score >= METRIC_MIN and index.has_keyword(s.fact, keyed) for s in metric.facts())


def _keyed_instead(
    index: FactIndex,
    fits: list[Scored],
    metric: Related,
    keyed: frozenset[frozenset[str]],
    claim: Claim,
) -> bool:
    """Whether the global figures measuring the claim's metric, with a keyword of several
    words it names in full, are all about a subject of the fits, and none has its value."""
    subjects = {s.fact.subject for s in fits if s.fact.subject}
    instead = [
        s
        for s in metric.facts()
        if s.score >= METRIC_MIN
        and index.has_keyword(s.fact, keyed)
        and _GLOBAL <= index.words(s.fact)
    ]
    return bool(instead) and all(
        s.fact.subject in subjects and not claim.contains(s.fact.value) for s in instead
    )


def _of_years(related: Related, years: set[int]) -> Related:
    """`related` less the facts all of whose years (their as-of date's, or those their
    metric names) lie two years or more from each of `years`."""
    kept = []
    for s in related.facts():
        own = _years_of(s.fact.as_of or "", s.fact.metric)
        if not own or any(abs(y - o) < 2 for y in years for o in own):
            kept.append(s)
    if len(kept) == len(related.facts()):
        return related
    return Related((), tuple([(0, s) for s in kept]))


@lru_cache(maxsize=8192)
def _years_of(as_of: str, metric: str) -> frozenset[int]:
    """The years a fact's as-of date and metric name (facts recur from claim to claim)."""
    return frozenset(int(y) for y in _YEAR.findall(f"{as_of} {metric}"))


# A year: "2025", "by 2030".
_YEAR = regexes.compile(r"(?<![\d.,$€£¥-])(?:19|20)\d\d(?![\d%])")


_MULTIPLE_OR_PERCENT = frozenset({"times", "percent"})
# "Times" right after a count: how often something happened ("downloaded 12 billion times").
_TIMES_AFTER = regexes.compile(r"[ \t]+times\b", re.IGNORECASE)
_TIMES = terms("times")


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
