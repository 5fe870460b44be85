"""The suggestions for a figure's fact entry, taken from its sentence: the metric (the
phrase the number quantifies: "share of global downloads", "cumulative downloads
worldwide"), keywords from it and from the time window the sentence names, the year it
is as of, and its subject (`subject`). A figure with no words of its own measures what
the figure before it in the sentence measures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .. import regexes
from ..model import Claim
from ..sentences import clause_around
from ..terms import STOPWORDS, terms
from .subject import _subject

if TYPE_CHECKING:
    from .figures import Candidate


_WORD = regexes.compile(r"[A-Za-z0-9][\w.'’-]*[A-Za-z0-9%]|[A-Za-z0-9%$]")
_STOP_AFTER = frozenset(
    """and but while whereas which that who whom whose came come comes was were is are has
    have had compared versus vs than according as because since although though when
    making marking becoming bringing outstripping surpassing overtaking edging""".split()
)
_YEAR_IN = regexes.compile(r"\b(?:in|by|as of|during|for|through|throughout|since|end of)\s+"
                      r"(?:(?:early|mid|late|the end of)[- ]?\s*)?(?:[A-Z][a-z]+\s+)?"
                      r"((?:19|20)\d\d)\b")  # fmt: skip
_WINDOW = regexes.compile(
    r"\b(?:past|last|previous|preceding|next)\s+(?:(?:\d+|twelve|six|three|two)\s+)?"
    r"(?:year|years|months|quarter|quarters|decade)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Suggestion:
    metric: str
    subject: str | None
    keywords: tuple[str, ...]
    as_of: str | None


def _suggest(
    claim: Claim, block_text: str, vocabulary: frozenset[str], cue: Sequence[str]
) -> _Suggestion:
    s_start, s_end = claim.sentence_range
    sentence = block_text[s_start:s_end]
    n_start = claim.text_range[0] - s_start
    n_end = claim.text_range[1] - s_start
    # The qualifier's words are not part of what is measured.
    before_text = _strip_qualifier(sentence[:n_start])

    c_start, c_end = clause_around(sentence, n_start, n_end)
    clause_before = before_text[c_start:] if c_start <= len(before_text) else ""
    clause_after = sentence[n_end:c_end]
    excluded = {w.lower() for name in cue for w in re.findall(r"[\w’'.&-]+", name)}
    subject = _subject(sentence, before_text, n_end, c_start, c_end, vocabulary, excluded)
    metric = _metric(claim.unit, clause_before, clause_after, subject)
    keywords = _keywords(metric, subject, sentence)
    year = _YEAR_IN.search(sentence[c_start:c_end]) or _YEAR_IN.match(
        re.sub(r"^\s*\([^()]*\)", "", sentence[c_end:]).lstrip(" ,")
    )
    return _Suggestion(metric, subject, keywords, year.group(1) if year else None)


_QUALIFIER_TAIL = regexes.compile(
    r"(?:more than|over|above|upwards of|in excess of|exceeding|exceeded|exceeds|exceed|"
    r"topped|tops|topping|passed|passing|surpassed|surpassing|surpass|crossed|greater than|"
    r"higher than|at least|no less than|less than|fewer than|under|below|up to|at most|"
    r"no more than|as many as|as much as|nearly|almost|close to|just under|about|around|"
    r"roughly|approximately|some|an estimated|estimated|~)(?:\s+(?:a|an|the|just|only|well))*"
    r"\s*$",
    re.IGNORECASE,
)


def _strip_qualifier(before: str) -> str:
    """The text before a number without the qualifier's words (same length: blanked)."""
    match = _QUALIFIER_TAIL.search(before)
    if not match:
        return before
    return before[: match.start()] + " " * (len(before) - match.start())


def _content(words: list[str]) -> list[str]:
    """Words without leading and trailing stopwords."""
    while words and (words[0].lower() in STOPWORDS or words[0].lower() in _STOP_AFTER):
        words = words[1:]
    while words and (words[-1].lower() in STOPWORDS or words[-1].lower() in _STOP_AFTER):
        words = words[:-1]
    return words


_CONJUNCTIONS = frozenset(
    """and but while whereas which that compared versus vs than as because since although
    though when making marking becoming bringing outstripping surpassing overtaking edging
    accounting holding reaching hitting topping""".split()
)
_AUXILIARIES = frozenset("has have had is are was were been be being will would could can".split())
_PARTICLES = frozenset("out up down past ahead off".split())
_PREPOSITIONS = frozenset(
    """within across among between toward towards during through after before without per
    against beyond despite""".split()
)
_NUMERIC = regexes.compile(r"[$€£¥]?\d[\d,.]*%?|(?i:thousand|million|billion|trillion|bn|percent)")
_YEAR_WORD = regexes.compile(r"(?:19|20)\d\d")


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word).lower()


def _metric(unit: str, before: str, after: str, subject: str | None) -> str:
    """The phrase the number quantifies: "share of ..." for a percentage of something,
    the noun phrase after the number ("cumulative downloads worldwide"), or the noun
    phrase before its verb ("the core AI industry was valued at")."""
    subject_words = {_bare(w) for w in (subject or "").split()}
    after_words: list[str] = []
    for word in _WORD.findall(after.split("(")[0]):
        if word.lower() in _STOP_AFTER or _YEAR_WORD.fullmatch(word) or _NUMERIC.fullmatch(word):
            break
        after_words.append(word)
        if len(after_words) >= 8:
            break
    while after_words and after_words[-1].lower() in STOPWORDS | _PREPOSITIONS:
        after_words.pop()
    leading = after_words[0].lower() if after_words else ""
    if unit == "percent" and leading == "of" and len(after_words) > 1:
        rest = after_words[1:]
        while rest and rest[0].lower() in {"all", "the", "a", "an"}:
            rest = rest[1:]
        phrase = " ".join(rest)
        return phrase if "share" in phrase.lower() else f"share of {phrase}"
    if after_words and leading not in STOPWORDS | _PREPOSITIONS and leading != "times":
        return " ".join(after_words)
    # The words before the number, after the last conjunction or other number.
    words = _WORD.findall(before)
    cut = max(
        (i + 1 for i, w in enumerate(words) if w.lower() in _CONJUNCTIONS or _NUMERIC.fullmatch(w)),
        default=0,
    )
    words = words[cut:]
    while words and words[0].lower() in _PARTICLES:
        words = words[1:]
    aux = next((i for i, w in enumerate(words) if w.lower() in _AUXILIARIES), None)
    noun_phrase, verb = (words[:aux], words[aux + 1 :]) if aux is not None else (words, [])
    noun_phrase = [w for w in noun_phrase if _bare(w) not in subject_words]
    noun_phrase = _content(noun_phrase)[:10]
    verb = _content([w for w in verb if w.lower() not in _AUXILIARIES])
    if leading == "times":
        head = verb or noun_phrase
    else:
        head = noun_phrase if terms(" ".join(noun_phrase)) else verb
    return " ".join(head + (after_words if head else _content(after_words))).strip()


def _keywords(metric: str, subject: str | None, sentence: str) -> tuple[str, ...]:
    """Up to four short phrases from the metric (runs of content words), and a time
    window the sentence names ("past year")."""
    runs: list[str] = []
    current: list[str] = []
    subject_terms = terms(subject or "")
    for word in _WORD.findall(metric):
        if word.lower() in STOPWORDS | _STOP_AFTER | _PREPOSITIONS:
            if current:
                runs.append(" ".join(current))
            current = []
        else:
            current.append(word)
    if current:
        runs.append(" ".join(current))
    keywords = []
    for run in runs:
        words = run.split()[-3:]
        phrase = " ".join(words)
        if terms(phrase) and not terms(phrase) <= subject_terms:
            keywords.append(phrase)
    window = _WINDOW.search(sentence)
    if window:
        keywords.append(" ".join(window.group().lower().split()))
    return tuple(dict.fromkeys(keywords))[:4]


_SHARE = terms("share")


def _sibling_metrics(found: list[Candidate]) -> list[Candidate]:
    """A figure with no words of its own ("ChatGPT's 68% and Gemini's 18%") measures
    what the figure before it in the sentence measures."""
    out: list[Candidate] = []
    for candidate in found:
        if not terms(candidate.metric) - terms(candidate.subject or "") - _SHARE:
            sibling = next(
                (
                    c
                    for c in reversed(out)
                    if c.sentence == candidate.sentence and c.unit == candidate.unit and c.metric
                ),
                None,
            )
            if sibling is not None:
                candidate = replace(candidate, metric=sibling.metric, keywords=sibling.keywords)
            elif not terms(candidate.metric):
                candidate = replace(candidate, metric=_fallback_metric(candidate))
        out.append(candidate)
    return out


def _fallback_metric(candidate: Candidate) -> str:
    """The sentence's words without the figure, when nothing better is found."""
    sentence = candidate.sentence.replace(candidate.text, " ")
    words = [w for w in _WORD.findall(sentence) if not _NUMERIC.fullmatch(w)][:12]
    return " ".join(words) or candidate.sentence
