"""Every statistic a source document states, as a `Candidate`: the figures
`claims.extract` finds, plus bare counts with a qualifier ("over 100 releases"), each
with its qualifier as a fact writes it, the sentence it is in, who the document credits
for it (`credits`) and a suggested metric, subject and keywords (`suggest`). A figure
given again in another unit ("1.2 trillion yuan ($165 billion)") measures the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import claims as claims_module
from .. import document, regexes
from ..facttable.values import is_qualifier, normalise_unit
from ..model import Claim, FactTable
from ..sourcedocs import SourceDocument
from ..terms import STOPWORDS
from ..wording import qualifier_code, unit_name
from .credits import _EarlierCues, _Resolver, cue_names
from .subject import _lowercase_words
from .suggest import _sibling_metrics, _suggest, _Suggestion


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
