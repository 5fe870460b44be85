"""Candidate facts from source documents: the first draft of a fact table.

Every statistic in a source document (found by `claims.extract`, the same
reader that finds claims in drafts, plus bare counts with a qualifier such as
"over 100 releases") becomes a candidate fact: its value, unit and qualifier,
the sentence it is in as `quote`, and a suggested `metric`, `subject` and
`keywords` taken from that sentence. A figure the document itself credits to
someone else ("according to X", "X reported", "a study by X") is marked
`quoted_from: X`. The same figure stated several times in one document for
the same thing is one candidate.

The suggestions are heuristics for a reviewer to correct, not judgements:
the subject is the proper name nearest the number in its clause, the metric
is the phrase the number quantifies ("share of global downloads",
"cumulative downloads worldwide").
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .. import claims as claims_module
from .. import document, regexes
from ..facttable.values import is_qualifier, normalise_unit
from ..model import Claim, Fact, FactTable, Source
from ..sentences import clause_around
from ..sourcedocs import SourceDocument
from ..terms import STOPWORDS, terms
from ..wording import number, qualifier_code, unit_name

# -- candidates -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """One statistic a source document states, with suggestions for its fact entry."""

    value: float
    unit: str
    qualifier: str | None  # as a fact writes it: "more than", "about", ... or None
    text: str  # the number as written ("over 700 million" without "over": "700 million")
    sentence: str
    metric: str
    subject: str | None
    keywords: tuple[str, ...]
    quoted_from: str | None
    line: int
    as_of: str | None = None
    lines: tuple[int, ...] = ()  # every line the figure is stated on, after merging
    tolerance: float = 0.0

    @property
    def qualifier_code(self) -> str:
        return qualifier_code(self.qualifier)


_CODE_WORDS = {">": "more than", ">=": "at least", "<": "less than", "<=": "up to", "~": "about"}
_FILLERS = regexes.compile(r"(?:\s+(?:a|an|the|just|only|well|some))+$")
# A verb before a determiner compares with another figure: "surpassing the 15.8% share".
_COMPARISON = regexes.compile(
    r"^(?:exceeding|exceeded|exceeds|exceed|topped|tops|topping|passed|passing|surpassed|"
    r"surpassing|crossed|beyond|outpacing|overtaking|overtook|beating|beat)\s+(?:the|a|an|its|their)$"
)
_NEARLY = regexes.compile(r"^(?:nearly|almost|close to|just under|just shy of|approaching)$")


class _AnyNumber:
    """Stands in for a fact index in `claims.extract`: every bare number is a possible
    statistic. `candidates` keeps those with a qualifier and a noun ("over 100 releases")."""

    def statistic_unit(self, value: float, tolerance: float, sentence: frozenset[str]) -> str:
        return "count"


_NOUN_AFTER = regexes.compile(r"^\+?\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>[a-z][\w-]*)")
_TIME_NOUNS = frozenset(
    "year years month months week weeks day days hour hours minute minutes second seconds "
    "times time decade decades century centuries percent".split()
)


def candidates(doc: SourceDocument, known: FactTable | None = None) -> list[Candidate]:
    """Every statistic in the document, in order (not merged). `known` resolves the
    names a figure is credited to (`quoted_from`) to source ids where it can."""
    parsed = document.parse(doc.markdown)
    formal = {(c.block, c.text_range) for c in claims_module.extract(parsed)}
    found = claims_module.extract(parsed, _AnyNumber())  # type: ignore[arg-type]
    vocabulary = _lowercase_words(parsed)
    own_names = {n.lower() for n in (doc.title, doc.publisher, doc.meta.get("outlet")) if n}
    resolver = _Resolver(known)
    cue_cache: dict[tuple[int, tuple[int, int]], list[str]] = {}

    def cues(block_index: int, sentence: tuple[int, int]) -> list[str]:
        key = (block_index, sentence)
        if key not in cue_cache:
            text = parsed.blocks[block_index].text[sentence[0] : sentence[1]]
            cue_cache[key] = [n for n in cue_names(text) if n.lower() not in own_names]
        return cue_cache[key]

    earlier_cues = _EarlierCues(parsed, cues)

    out: list[Candidate] = []
    previous: Claim | None = None
    for claim in found:
        block = parsed.blocks[claim.block]
        if (claim.block, claim.text_range) not in formal and not _counted(claim, block.text):
            continue
        if normalise_unit(claim.unit) is None:
            continue  # a unit claims know but fact tables do not (yet)
        qualifier = _qualifier_words(parsed, claim)
        conversion = (
            previous is not None
            and out
            and previous.block == claim.block
            and previous.unit != claim.unit
            and re.fullmatch(r"\s*\(\s*", block.text[previous.text_range[1] : claim.text_range[0]])
        )
        if conversion and qualifier is None:
            # "more than 1.2 trillion yuan ($165 billion)": the conversion is qualified too.
            qualifier = _qualifier_words(parsed, previous)
        names = cues(claim.block, claim.sentence_range)
        if not names:
            names = earlier_cues(claim)
        sentence = " ".join(claim.sentence.split())
        suggestion = _suggest(claim, block.text, vocabulary, names)
        if conversion:
            # ... and it measures the same thing, in another unit.
            last = out[-1]
            suggestion = _Suggestion(
                f"{last.metric}, in {unit_name(claim.unit)}" if last.metric else "",
                last.subject,
                last.keywords,
                last.as_of,
            )
        out.append(
            Candidate(
                value=claim.value,
                unit=claim.unit,
                qualifier=qualifier,
                text=claim.text,
                sentence=sentence,
                metric=suggestion.metric,
                subject=suggestion.subject,
                keywords=suggestion.keywords,
                quoted_from=resolver.resolve(names[0]) if names else None,
                line=doc.source_line(claim.span.line),
                as_of=suggestion.as_of,
                lines=(doc.source_line(claim.span.line),),
                tolerance=claim.tolerance,
            )
        )
        previous = claim
    return _sibling_metrics(out)


def _counted(claim: Claim, text: str) -> bool:
    """A bare number not a statistic by its form, kept when qualified and counting a
    noun: "over 100 releases" yes, "team of 12" and "over 30 years" no."""
    if claim.unit != "count" or claim.qualifier == "=" or claim.value < 2:
        return False
    if claim.value >= 1000 and claim.value == int(claim.value):
        return True  # "has exceeded 6,200, while ..."
    match = _NOUN_AFTER.match(text[claim.text_range[1] :])
    return bool(match) and match.group("noun").lower() not in _TIME_NOUNS | STOPWORDS


def _qualifier_words(parsed: document.Document, claim: Claim) -> str | None:
    """The claim's qualifier as a fact writes it: the source's own word when it is one
    a fact table accepts ("over", "around", "nearly"), else the word for its comparison."""
    if claim.qualifier == "=":
        return None
    written = ""
    if claim.qualifier_span is not None:
        span = claim.qualifier_span
        written = " ".join(parsed.text[span.start : span.end].split()).lower()
        if _COMPARISON.match(written):
            return None
        written = _FILLERS.sub("", written).strip()
    if written and is_qualifier(written):
        return written
    if _NEARLY.match(written):
        return "nearly"
    return _CODE_WORDS.get(claim.qualifier, "about")


class _EarlierCues:
    """For a claim whose sentence credits no one: the names credited by the nearest
    earlier sentence of its paragraph that credits someone. The answer for each
    sentence is kept, so a long paragraph without a cue is walked back once, not once
    for each of its claims."""

    def __init__(
        self, parsed: document.Document, cues: Callable[[int, tuple[int, int]], list[str]]
    ) -> None:
        self.parsed = parsed
        self.cues = cues
        self._ends: dict[int, list[int]] = {}
        self._found: dict[tuple[int, int], list[str]] = {}  # (block, i): for its first i sentences

    def __call__(self, claim: Claim) -> list[str]:
        block = claim.block
        sentences = self.parsed.blocks[block].sentences
        if block not in self._ends:
            self._ends[block] = [end for _, end in sentences]
        i = bisect_right(self._ends[block], claim.sentence_range[0])  # the sentences before it
        walked: list[int] = []
        while i > 0 and (block, i) not in self._found:
            walked.append(i)
            names = self.cues(block, sentences[i - 1])
            if names:
                break
            i -= 1
        else:
            names = self._found.get((block, i), [])
        for j in walked:
            self._found[(block, j)] = names
        return names


class _Resolver:
    """Names to source ids through a known table's names, when one is given."""

    def __init__(self, known: FactTable | None):
        self.index = None
        if known is not None and known.sources:
            from ..names import NameIndex

            self.index = NameIndex(known)

    def resolve(self, name: str) -> str:
        if self.index is None:
            return name
        found: set[str] = set()
        for mention in self.index.mentions(name):
            found |= mention.sources
        return next(iter(found)) if len(found) == 1 else name


# -- who a sentence credits -------------------------------------------------------------------

_CAP = r"(?:[A-Z][A-Za-z0-9&’'.-]*[A-Za-z0-9]|[A-Z])"
_NAME = (
    rf"{_CAP}(?:\s+(?:of\s+|for\s+|de\s+|&\s+)?{_CAP})*(?:\s+\([A-Z][A-Za-z.]*\))?"
    rf"(?:\s+(?:and|&)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?"
)
_REPORT = (
    r"report|reports|study|studies|analysis|data|dataset|survey|research|paper|figures|"
    r"estimates?|statistics|tracker|index|filings?|release|announcement|article|blog"
)
_VERBS = (
    r"said|says|reported|reports|found|finds|estimates|estimated|shows|showed|published|"
    r"released|revealed|reveals|announced|announces|notes|noted|stated|states|confirms|"
    r"confirmed|puts|counted|calculated|tallied|disclosed|disclosing|told"
)
_CUES = (
    regexes.compile(
        r"\baccording\s+to\s+(?:(?:the|a|an|new|recent|latest|its|their)\s+)*"
        rf"(?:(?:[a-z][\w-]*\s+){{0,3}}?(?:by|from|of|at)\s+(?:the\s+)?)?(?P<name>{_NAME})",
        re.IGNORECASE,
    ),
    regexes.compile(
        r"\b(?:reported|published|released|compiled|conducted|cited|estimated|produced|issued|"
        rf"commissioned|calculated|announced)\s+by\s+(?:the\s+)?(?P<name>{_NAME})"
    ),
    regexes.compile(rf"(?P<name>{_NAME})(?:['’]s?)?\s+(?:[a-z][\w-]*\s+)?(?:{_REPORT})\b"),
    regexes.compile(
        rf"(?P<name>{_NAME})(?:,[^,]{{1,80}},)?\s+(?:(?:recently|also|has|have|had|just|"
        rf"officially|previously|separately|earlier)\s+)*(?:{_VERBS})\b"
    ),
    regexes.compile(rf"\((?P<name>{_NAME}),?\s+(?:19|20)\d\d\)"),
)
# Words that start a capitalised run without being part of a name.
_OPENERS = frozenset(
    """a an the this that these those its their our his her in on at as by for from with
    according while when where since after before although though however meanwhile
    recently also and but or if so yet still even only just now today then there here
    what which who how why first second third last finally overall""".split()
)
# Capitalised words that are never the name of a source or subject on their own.
_GENERIC_NAMES = frozenset(
    """ai llm llms genai ml api apis ceo cto ipo ipos gdp global open source report study
    data i""".split()
)
# Places and nationalities: subjects, but not who a figure is credited to.
_PLACES = frozenset("us u.s. usa uk eu china chinese american america europe".split())
_NATIONALITY = {
    "chinese": "China", "american": "US", "u.s.": "US", "us": "US", "usa": "US",
    "british": "UK", "european": "Europe", "japanese": "Japan", "korean": "South Korea",
    "indian": "India", "french": "France", "german": "Germany",
}  # fmt: skip


def cue_names(sentence: str) -> list[str]:
    """Names a sentence credits for what it states, in order: "according to X",
    "X reported", "X's study", "a report released by X", "(X, 2026)"."""
    found: list[tuple[int, str]] = []
    for cue in _CUES:
        for match in cue.finditer(sentence):
            name = _clean_name(match.group("name"))
            if name:
                found.append((match.start("name"), name))
    found.sort()
    return list(dict.fromkeys(name for _, name in found))


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0].lower().strip("’'") in _OPENERS:
        words.pop(0)
    while words and words[-1].lower() in {"and", "&", "of", "for", "de"}:
        words.pop()
    cleaned = re.sub(r"['’]s$", "", " ".join(words)).strip(" ,.;:")
    generic = _GENERIC_NAMES | _PLACES
    if not cleaned or all(w.lower().strip("()'’") in generic for w in cleaned.split()):
        return None
    return cleaned


# -- suggestions: subject, metric, keywords ---------------------------------------------------

_NAME_TOKEN = regexes.compile(
    r"U\.S\.|[A-Z][A-Za-z0-9]*(?:[-.&][A-Z0-9][A-Za-z0-9]*)*(?:['’]s)?(?![\w-])"
)
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


def _lowercase_words(parsed: document.Document) -> frozenset[str]:
    """Words the document writes in lower case somewhere: not proper names."""
    words: set[str] = set()
    for block in parsed.blocks:
        words.update(re.findall(r"\b[a-z][a-z0-9-]*\b", block.text))
    return frozenset(words)


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


# -- merging duplicates -----------------------------------------------------------------------


def merge_duplicates(found: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per figure: the same value and unit stated again for the same
    thing (subjects agree, metrics share a content word) is merged into the first
    statement, preferring a qualified one ("surpassed 10 billion" over "10 billion")."""
    merged: list[Candidate] = []
    for candidate in found:
        for index, kept in enumerate(merged):
            if _same_figure(kept, candidate):
                merged[index] = _merge(kept, candidate)
                break
        else:
            merged.append(candidate)
    return merged


def _metric_terms(candidate: Candidate) -> frozenset[str]:
    found = terms(candidate.metric) - terms(candidate.subject or "") - _SHARE
    return frozenset(t for t in found if not t.replace(".", "").isdigit())


def _same_figure(a: Candidate, b: Candidate) -> bool:
    if a.unit != b.unit or abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value)):
        return False
    if a.subject and b.subject and terms(a.subject).isdisjoint(terms(b.subject)):
        return False
    ta, tb = _metric_terms(a), _metric_terms(b)
    return not ta or not tb or bool(ta & tb)


def _merge(kept: Candidate, other: Candidate) -> Candidate:
    lines = tuple(sorted(set(kept.lines + other.lines)))
    best = kept
    if kept.qualifier is None and other.qualifier is not None:
        best = other
    return replace(
        best,
        subject=best.subject or kept.subject or other.subject,
        quoted_from=best.quoted_from or kept.quoted_from or other.quoted_from,
        as_of=best.as_of or kept.as_of or other.as_of,
        lines=lines,
    )


# -- ids --------------------------------------------------------------------------------------

_SLUG_SKIP = STOPWORDS | {"share"}
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def value_slug(value: float, unit: str) -> str:
    """The value in an id: 41pct, 15.8pp, 10bn, 6200, 619m-usd, 1.2tn-cny, 3.4x."""
    if unit == "percent":
        return f"{number(value, commas=False)}pct"
    if unit == "pp":
        return f"{number(value, commas=False)}pp"
    if unit == "times":
        return f"{number(value, commas=False)}x"
    body = number(value, commas=False)
    for scale, suffix in _SCALES:
        if abs(value) >= scale and abs(value / scale - round(value / scale, 3)) < 1e-9:
            body = number(value / scale, commas=False) + suffix
            break
    if unit == "count":
        return body
    return f"{body}-{unit.lower()}"


def _slug_words(text: str) -> list[str]:
    return [
        w
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", ""))
        if w not in _SLUG_SKIP and not w.isdigit()
    ]


def fact_id(source_id: str, candidate: Candidate, taken: set[str]) -> str:
    """`<source-id>-<subject and metric words>-<value>`, unique within `taken` (updated)."""
    words = _slug_words(candidate.subject or "")[:3]
    for word in _slug_words(candidate.metric):
        if word not in words:
            words.append(word)
        if len(words) >= 4:
            break
    base = "-".join([source_id, *words, value_slug(candidate.value, candidate.unit)])
    fid = base
    n = 2
    while fid in taken:
        fid = f"{base}-{n}"
        n += 1
    taken.add(fid)
    return fid


# -- the draft table --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceFields:
    """Source metadata given on the command line; None fields come from the document."""

    id: str | None = None
    name: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Draft:
    """A draft fact table: sources and facts, in document order."""

    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    documents: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    def table(self) -> FactTable:
        return FactTable(sources=self.sources, facts=self.facts)


def source_for(doc: SourceDocument, given: SourceFields = SourceFields()) -> Source:
    """The curated-table Source entry for a document: flags first, then front matter."""
    aliases = [a for a in doc.meta.get("aliases", "").split("\n") if a.strip()]
    publisher = given.publisher or doc.publisher
    outlet = doc.meta.get("outlet")
    if outlet and outlet != publisher:
        aliases.append(outlet)
    return Source(
        id=given.id or doc.id,
        name=given.name or doc.title or doc.stem,
        publisher=publisher,
        aliases=tuple(dict.fromkeys(aliases)),
        url=given.url or doc.url,
        published=given.published or doc.published,
        notes=f"Extracted by citelint facts extract from {doc.path}.",
    )


def facts_for(
    doc: SourceDocument,
    source: Source,
    known: FactTable | None = None,
    taken: set[str] | None = None,
) -> list[Fact]:
    """The candidate facts of one document, duplicates merged, as Fact records."""
    taken = set() if taken is None else taken
    out = []
    for candidate in merge_duplicates(candidates(doc, known)):
        lines = ", ".join(str(n) for n in candidate.lines)
        where = f"line {lines}" if len(candidate.lines) == 1 else f"lines {lines}"
        out.append(
            Fact(
                id=fact_id(source.id, candidate, taken),
                source=source.id,
                value=candidate.value,
                unit=candidate.unit,
                metric=candidate.metric or candidate.sentence,
                qualifier=candidate.qualifier,
                subject=candidate.subject,
                keywords=candidate.keywords,
                as_of=candidate.as_of,
                quote=candidate.sentence,
                quoted_from=candidate.quoted_from,
                status="unreviewed",
                notes=f"{doc.path}, {where}: “{candidate.text}”",
            )
        )
    return out


def draft(
    docs: Sequence[SourceDocument],
    given: SourceFields = SourceFields(),
    known: FactTable | None = None,
) -> Draft:
    """A draft table of the documents: one source each, one fact per figure."""
    sources = [source_for(doc, given) for doc in docs]
    names = FactTable(sources=tuple(sources) + (known.sources if known else ()))
    taken: set[str] = set()  # ids do not depend on the table merged into: reruns match
    facts: list[Fact] = []
    for doc, source in zip(docs, sources, strict=True):
        facts += facts_for(doc, source, names, taken)
    return Draft(tuple(sources), tuple(facts), tuple(d.path for d in docs))


# -- YAML -------------------------------------------------------------------------------------

_PLAIN = regexes.compile(r"[A-Za-z][\w .,’'()/&%+-]*[\w.)%’']|[A-Za-z]")
_RESERVED = frozenset("yes no true false on off null y n ~".split())
_DATE_TEXT = regexes.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def scalar(value: object, flow: bool = False) -> str:
    """A YAML scalar: plain when that reads back as the same text, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    text = str(value)
    if _DATE_TEXT.fullmatch(text) and not flow:
        return text
    plain = (
        _PLAIN.fullmatch(text)
        and text.lower() not in _RESERVED
        and ": " not in text
        and " #" not in text
        and not (flow and re.search(r"[,\[\]{}]", text))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _value_comment(fact: Fact) -> str:
    from ..wording import value as written

    if fact.unit in {"percent", "pp", "times"} or abs(fact.value) < 1e6:
        return ""
    return f"  # {written(fact.value, fact.unit)}"


def source_yaml(source: Source, indent: str = "  ") -> str:
    lines = [f"{indent}- id: {scalar(source.id)}", f"{indent}  name: {scalar(source.name)}"]
    if source.publisher:
        lines.append(f"{indent}  publisher: {scalar(source.publisher)}")
    if source.aliases:
        items = ", ".join(scalar(a, flow=True) for a in source.aliases)
        lines.append(f"{indent}  aliases: [{items}]")
    if source.keys:
        lines.append(f"{indent}  keys: [{', '.join(scalar(k, flow=True) for k in source.keys)}]")
    for name in ("url", "published", "notes"):
        value = getattr(source, name)
        if value:
            lines.append(f"{indent}  {name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def fact_yaml(fact: Fact, indent: str = "  ") -> str:
    lines = [
        f"{indent}- id: {scalar(fact.id)}",
        f"{indent}  source: {scalar(fact.source)}",
        f"{indent}  value: {scalar(fact.value)}{_value_comment(fact)}",
        f"{indent}  unit: {scalar(fact.unit)}",
    ]
    if fact.qualifier:
        lines.append(f"{indent}  qualifier: {scalar(fact.qualifier)}")
    lines.append(f"{indent}  metric: {scalar(fact.metric)}")
    if fact.subject:
        lines.append(f"{indent}  subject: {scalar(fact.subject)}")
    if fact.keywords:
        lines.append(
            f"{indent}  keywords: [{', '.join(scalar(k, flow=True) for k in fact.keywords)}]"
        )
    for name in ("as_of", "superseded_by", "quote", "quoted_from"):
        value = getattr(fact, name)
        if value:
            lines.append(f"{indent}  {name}: {scalar(value)}")
    if fact.quoted_in:
        lines.append(
            f"{indent}  quoted_in: [{', '.join(scalar(q, flow=True) for q in fact.quoted_in)}]"
        )
    for name in ("primary_url", "status", "notes"):
        value = getattr(fact, name)
        if value:
            lines.append(f"{indent}  {name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def render(result: Draft) -> str:
    """The draft as a version-1 YAML fact table."""
    header = [
        "# Draft fact table written by `citelint facts extract` from:",
        *(f"#   {path}" for path in result.documents),
        "# Every fact is a suggestion (status: unreviewed): check the value against the",
        "# source, correct metric, subject and keywords, and trace `quoted_from` figures",
        "# to the publication that first states them.",
        "version: 1",
        "",
        "sources:" if result.sources else "sources: []",
    ]
    body = "\n".join(header) + "\n"
    body += "".join(source_yaml(s) for s in result.sources)
    body += "\nfacts:" + ("\n" if result.facts else " []\n")
    for fact in result.facts:
        body += fact_yaml(fact) + "\n"
    return body.rstrip("\n") + "\n"


# -- merging into a reviewed table ------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    text: str
    added_sources: tuple[Source, ...]
    added_facts: tuple[Fact, ...]
    kept: tuple[tuple[Fact, Fact], ...]  # (candidate, the entry already in the table)
    conflicts: tuple[tuple[Fact, Fact], ...]  # (candidate, the entry it disagrees with)


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def merge(into_text: str, into: FactTable, result: Draft) -> MergeResult:
    """Add the draft's new sources and facts to a reviewed YAML table's text.

    Entries already in the table are never changed: a source whose id is there is
    kept as it is; a candidate that is already there (same id, or same source — or a
    fact that lists the document in `quoted_in` — with the same value and unit and the
    same metric, quote or subject) is skipped; a candidate with
    the metric and subject of a fact in the table but another value is a
    conflict, reported and not added. The file's text, comments and order are kept;
    new entries are appended to its `sources` and `facts` lists."""
    known_sources = {s.id for s in into.sources}
    new_sources = tuple(s for s in result.sources if s.id not in known_sources)
    added: list[Fact] = []
    kept: list[tuple[Fact, Fact]] = []
    conflicts: list[tuple[Fact, Fact]] = []
    by_metric: dict[tuple[str, str], list[Fact]] = {}
    for fact in into.facts:
        by_metric.setdefault((_norm(fact.metric), _norm(fact.subject)), []).append(fact)
    for fact in result.facts:
        existing = into.fact(fact.id) or next(
            (
                f
                for f in into.facts
                if (f.source == fact.source or fact.source in f.quoted_in)
                and f.unit == fact.unit
                and _same(f.value, fact.value)
                and (
                    _norm(f.metric) == _norm(fact.metric)
                    or (f.quote and _norm(f.quote) == _norm(fact.quote))
                    or (f.subject and _norm(f.subject) == _norm(fact.subject))
                )
            ),
            None,
        )
        if existing is not None:
            kept.append((fact, existing))
            continue
        clash = next(
            (
                f
                for f in by_metric.get((_norm(fact.metric), _norm(fact.subject)), ())
                if f.unit == fact.unit and not _same(f.value, fact.value)
            ),
            None,
        )
        if clash is not None:
            conflicts.append((fact, clash))
            continue
        added.append(fact)
    text = into_text
    text = _append(text, "facts", "".join("\n" + fact_yaml(f, "{indent}") for f in added))
    text = _append(text, "sources", "".join(source_yaml(s, "{indent}") for s in new_sources))
    return MergeResult(text, new_sources, tuple(added), tuple(kept), tuple(conflicts))


def _append(text: str, section: str, items: str) -> str:
    """`text` with `items` (YAML list items, `{indent}` for their indentation) appended
    to the top-level block list `section`, or a new section at the end."""
    if not items:
        return text
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        root = None
    node = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == section:
                node = value
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        indent = " " * node.start_mark.column  # the column of the items' "-"
        block = items.replace("{indent}", indent)
        end = _last_scalar_end(node.value[-1])
        at = text.find("\n", end)
        at = len(text) if at < 0 else at + 1
        if text[end - 1 : end] == "\n":
            at = end
        prefix = text[:at] if text[:at].endswith("\n") or not text[:at] else text[:at] + "\n"
        return prefix + block + text[at:]
    block = items.replace("{indent}", "  ")
    if node is not None and isinstance(root, yaml.MappingNode):
        # An empty or flow-style list: replace it by a block list with the new items.
        start, end = node.start_mark.index, node.end_mark.index
        existing = ""
        if isinstance(node, yaml.SequenceNode) and node.value:
            existing = "".join(
                f"  - {text[item.start_mark.index : item.end_mark.index]}\n" for item in node.value
            )
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        return text[:start].rstrip(" ") + "\n" + existing + block + text[line_end + 1 :]
    separator = "" if text.endswith("\n") or not text else "\n"
    return text + separator + f"{section}:\n" + block


def _last_scalar_end(node) -> int:
    """Where the text of the last scalar inside a node ends (its last character)."""
    import yaml

    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node.end_mark.index
