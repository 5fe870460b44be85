"""Words as the matcher compares them: lower-cased, lightly stemmed, with the
few synonyms drafts use for the same entity ("Chinese" / "China")."""

from __future__ import annotations

from functools import lru_cache

from . import regexes

# "United States" is one word here: as two, "united" and "states" would each weigh as a
# distinctive term of a fact about US models that also lists "US" and "American". A
# currency's letters ("US$165bn", "HK$4.8 billion") are no word at all.
_TOKEN = regexes.compile(
    r"(?<![A-Za-z])[A-Z]{1,3}\$|U\.S\.(?:A\.)?|[Uu]nited\s+[Ss]tates|[A-Za-z0-9]+(?:['’][A-Za-z]+)?"
)

# Different words for one entity; the value is the canonical term.
SYNONYMS = {
    "chinese": "china", "prc": "china", "american": "us", "americans": "us", "usa": "us",
    "u.s.": "us", "u.s.a.": "us", "america": "us", "llm": "model", "llms": "model",
    "percentage": "shar", "proportion": "shar", "downloaded": "download",
    "worldwide": "global",  # "downloads worldwide" are global downloads
    "rmb": "yuan", "renminbi": "yuan", "cny": "yuan",  # one currency's names
    "visits": "traffic",  # a share of visits to websites is a share of their traffic
    "firms": "company", "firm": "company", "companie": "company", "startups": "startup",
    "businesses": "company",  # the plural only: a "business model" is no company
    "proceeds": "rais", "proceed": "rais",  # an IPO's proceeds are what it raised,
    "listing": "ipo",  # a listing (of shares) is the IPO
    "manufacturers": "manufactur", "manufacturer": "manufactur",  # as "manufacturing"
    "brought": "rais", "netted": "rais",  # what it "brought in" or "netted"
    # Irregular verbs of change, as their facts' metrics name them ("rose" is a "rise").
    "rose": "rise", "risen": "rise", "ris": "rise", "grew": "grow", "grown": "grow",
    "fell": "fall", "fallen": "fall",
}  # fmt: skip
# A country's adjective names the country: "the Cuban market" is Cuba's (stemmed below).
_DEMONYMS = {
    "russian": "russia", "belarusian": "belarus", "cuban": "cuba", "iranian": "iran",
    "syrian": "syria", "korean": "korea", "japanese": "japan", "indian": "india",
    "german": "germany", "french": "france", "british": "uk", "brazilian": "brazil",
    "canadian": "canada", "vietnamese": "vietnam", "indonesian": "indonesia",
    "taiwanese": "taiwan", "singaporean": "singapore", "australian": "australia",
    "italian": "italy", "spanish": "spain", "mexican": "mexico", "turkish": "turkey",
    "ukrainian": "ukraine", "venezuelan": "venezuela", "kazakh": "kazakhstan",
}  # fmt: skip

STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or as is are was were be been being that
    this these those it its their them his her our your they we he she has have had not no than
    then so such into onto over under about around per via up out new now just also more
    most less all any each every some which who whom whose what when where how why there
    here s t can could would should will may might do does did done one two percent
    said says say according""".split()
)
_NOT_TERMS = STOPWORDS | {None}  # None: _token's answer for the pronoun "us"


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, consistent stem: enough to equate 'downloads'/'downloaded'/'download'."""
    w = word.lower()
    if w in SYNONYMS:
        return SYNONYMS[w]
    for suffix in ("'s", "’s", "'", "’"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    if w in SYNONYMS:
        return SYNONYMS[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    suffixed = len(w) > 5 and w.endswith("ing") or len(w) > 4 and w.endswith("ed")
    if suffixed:
        w = w[: -3 if w.endswith("ing") else -2]
        if len(w) > 3 and w[-1] == w[-2] and w[-1] in _DOUBLED:
            w = w[:-1]  # "tagged", "shipping": "tag", "ship" ("added", "called" stay)
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return SYNONYMS.get(w, w)


# A consonant doubled before "-ed" or "-ing" ("tagged", "planned"), but not one the word
# ends with doubled ("called", "passed", "stuffed", "buzzing").
_DOUBLED = frozenset("bdgmnprt")

SYNONYMS.update({demonym: stem(country) for demonym, country in _DEMONYMS.items()})


def tokens(text: str) -> list[str]:
    """Stemmed tokens in order. 'US' and 'U.S.' are the country; 'us' is a pronoun."""
    return [t for t in map(_token, _TOKEN.findall(text)) if t is not None]


@lru_cache(maxsize=65536)  # per word, not per sentence: drafts reuse their words
def _token(raw: str) -> str | None:
    if raw[-1] == "$":
        return None  # "US$"
    if raw in {"US", "U.S.", "U.S.A."} or (len(raw) > 12 and raw[6].isspace()):
        return "us"  # the last: "United States", the only token with a space
    if raw.lower() == "us":
        return None  # the pronoun
    return stem(raw)


@lru_cache(maxsize=8192)  # the same sentence is read for each of its claims and as context
def terms(text: str) -> frozenset[str]:
    """The content words of a text, stemmed."""
    return frozenset(map(_token, _TOKEN.findall(text))).difference(_NOT_TERMS)


class TermsBefore:
    """The terms of ever longer beginnings of one text, the text scanned once, so that the
    beginning of a long paragraph before each of its sentences is read once rather than
    once per sentence: `until(end)` gives the terms of the words of `text[:end]` that
    earlier calls did not read, for an `end` no smaller than the last call's."""

    __slots__ = ("text", "end", "_words", "_word")

    def __init__(self, text: str):
        self.text = text
        self.end = 0
        self._words = _TOKEN.finditer(text)
        self._word = next(self._words, None)  # the first word not yet given

    def until(self, end: int) -> tuple[set[str], frozenset[str]]:
        """(terms of the words of `text[:end]` not read before, terms of the part of a
        word that `end` cuts): their union with the earlier calls' first sets is
        `terms(text[:end])`. The second set is this call's only ("U.S" of "U.S." reads
        as "u", the whole word as "us")."""
        found: set[str] = set()
        word = self._word
        while word is not None and word.end() <= end:
            found.add(_token(word.group()))  # type: ignore[arg-type]
            word = next(self._words, None)
        self._word = word
        self.end = end
        found.difference_update(_NOT_TERMS)
        if word is not None and word.start() < end:
            return found, terms(self.text[word.start() : end])
        return found, frozenset()
