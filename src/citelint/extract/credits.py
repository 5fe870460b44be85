"""Who a source document credits for a figure: the names its sentence's cues give
("according to X", "X reported", "X's study", "a report released by X", "(X, 2026)"),
else those of the nearest earlier sentence of its paragraph that credits someone; a
known table's names resolve them to source ids. The figure's `quoted_from` is the first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from .. import document, regexes
from ..model import Claim, FactTable

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
