"""What a claim's sentence and clause say, as matching reads them: whether the
clause points back to a subject named before, speaks of a change or gives its size, and
whose a figure is."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .. import regexes
from ..model import Claim
from ..terms import terms

# A clause about a change: its figure is a growth rate, not the level a fact states.
_CHANGE = regexes.compile(
    r"\b(?:grew|grown|grows?|growth|rose|risen|rises|climbed|jumped|increased|increases?"
    r"|fell|fallen|falls|dropped|declined|gained|lost|surged|slipped|doubled|tripled)\b",
    re.IGNORECASE,
)


# A change's figure: right after its verb ("grew 68%") or "by"/"up"/"down" ("cut prices
# by 89%"), a qualifier between; "rose to 68%" is the level reached, and so is what
# "made up" or "took up" a whole, or what was "racked up" (a total).
_RATE_BEFORE = regexes.compile(
    r"\b(?:by|(?<!\bmake )(?<!\bmakes )(?<!\bmade )(?<!\bmaking )(?<!\btake )(?<!\btakes )"
    r"(?<!\btook )(?<!\bracked )(?<!\bracks )(?<!\bpiled )(?<!\bchalked )(?<!\bclocked )"
    r"(?<!\bnotched )up|down|grew|grown|grows?|rose|risen|rises|climbed|jumped|increased|increases?"
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
    words = claim.qualifier_words
    # (past a bound, a change verb names the level crossed: "has fallen below 10 percent")
    if words and words.lower() not in _BOUNDS and before.rstrip().endswith(words):
        before = before.rstrip()[: -len(words)]
    if claim.unit != "times" and _DIFFERENCE_AFTER.match(clause, at + len(claim.text)):
        return True  # the gap between two figures: "raised $61 million more than Zhipu"
    return _RATE_BEFORE.search(before) is not None


_BOUNDS = frozenset({"below", "under", "above", "over", "beyond", "past", "beneath"})


# After a number, what makes it a difference between two figures.
_DIFFERENCE_AFTER = regexes.compile(
    r"\s+(?:(?:points?|percentage\s+points?)\s+)?(?:more|less|fewer|higher|lower|bigger|"
    r"larger|smaller|greater)\s+than\b",
    re.IGNORECASE,
)


# A fact whose metric is itself a change ("MiniMax's intraday share-price gain"): the
# size of a change is the very figure it states.
_MEASURES_CHANGE = regexes.compile(
    r"\b(?:gains?|growth|rises?|increases?|jumps?|declines?|drops?|falls?|changes?)\b",
    re.IGNORECASE,
)


def _measures_change(metric: str) -> bool:
    """Whether a fact's metric is the size of a change (`_MEASURES_CHANGE`)."""
    return _MEASURES_CHANGE.search(metric) is not None


_RISE = regexes.compile(
    r"\b(?:gain(?:s|ed)?|growth|gr[eo]w(?:s|n)?|ris(?:es?|en)|rose|increase[sd]?|jump(?:s|ed)?"
    r"|up|surge[sd]?|climb(?:s|ed)?|soar(?:s|ed)?)\b",
    re.IGNORECASE,
)
_FALL = regexes.compile(
    r"\b(?:declin(?:es?|ed)|drop(?:s|ped)?|falls?|fell|fallen|down|slid|slump(?:s|ed)?"
    r"|plunge[sd]?|los[st]|losses|decrease[sd]?|shr[ai]nk|sank)\b",
    re.IGNORECASE,
)


def _against(metric: str, clause: str) -> bool:
    """Whether the clause tells a change the other way from the one a fact's metric
    measures ("shares fell 78%" is no 78% gain), or over another span: a day's move
    ("jumped 23.4% on Friday") is no gain since a listing, nor a gain since then a first
    day's."""
    if _SINCE.search(metric) and _ONE_DAY.search(clause):
        return True
    if _FIRST_DAY.search(metric) and _SINCE.search(clause):
        return True
    up, down = _RISE.search(metric) is not None, _FALL.search(metric) is not None
    if up == down:
        return False
    rises, falls = _RISE.search(clause) is not None, _FALL.search(clause) is not None
    return (falls and not rises) if up else (rises and not falls)


_SINCE = regexes.compile(r"\bsince\b", re.IGNORECASE)
_ONE_DAY = regexes.compile(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|"
    r"yesterday)\b",
    re.IGNORECASE,
)
_FIRST_DAY = regexes.compile(r"\b(?:first(?:\s+trading)?\s+day|intraday)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _tells_change(clause: str) -> bool:
    """Whether the clause speaks of a change (`_CHANGE`); memoised like `_points_back`."""
    return _CHANGE.search(clause) is not None


# "That share", "the company", not the "that" of "estimates that 34% of enterprises" or
# "found that the market …", which opens a clause rather than pointing back; "the same industry",
# not "the same (Similarweb) snapshot" or "the same month", which point back to a source or a
# time, not a subject; not "this month" either. "They"
# saying what the share counted says ("30% said they run") is those counted, not anyone
# named before ("Microsoft now says it holds 79%" still speaks of DeepSeek).
_ANAPHORA = regexes.compile(
    r"\b(?:the\s+same(?!\s+(?:\w+\s+)?(?:report|analysis|study|survey|snapshot|data|dataset"
    r"|figures|filings?|tally|count|research|paper|update|estimates?|panel|poll|tracker"
    r"|ranking|chart|table|slide|deck|talk|keynote|presentation|article|post|thread|source"
    r"|sample|period|window|month|year|quarter|week|day|time)s?\b)"
    r"|the\s+(?:country|nation|company|firm|start-?up|lab|chatbot|family|group|app)|its|their"
    r"|it|(?<!%\ssaid\s)(?<!%\ssay\s)(?<!cent\ssaid\s)(?<!cent\ssay\s)they"
    # ("this month", "these days": a time, not anything named before)
    r"|(?:this|these)(?!\s+(?:month|year|week|quarter|morning|afternoon|evening|spring|summer"
    r"|autumn|fall|winter|time|season|decade|days?|months|years|weeks)\b)"
    # "the tracker's figure", "the correct number": the figure given before, of its subject
    r"|the\s+(?:[\w-]+['’]s\s+)?(?:(?:correct|actual|real|right|true|original|latest|new)\s+)?"
    r"(?:(?-i:[A-Z])[\w-]*\s+)?(?:figure|number)s?"
    r"|that(?!\s+(?:the|a|an|more|over|about|around|nearly|almost|roughly|some|just|less|under)\b"
    r"|\s+[\d$€£¥]))\b",
    re.IGNORECASE,
)


# Whose a figure is, said right after it, or after what it counts: "4% for Gemini", "held
# by DeepSeek", "16% of global downloads for China", "41% of LLM downloads over the past
# year came from Chinese models", "… were of Chinese models", "two-fifths of new models
# are Qwen derivatives" (the name, of a word or two); not "32% to Hugging Face", "by
# Similarweb's count", which credit it.
_WHOSE = regexes.compile(
    r"(?:\s+(?:of\s+)?(?:[\w-]+\s+){0,5}?[\w-]+)?"
    r"\s+(?:for|held\s+by|(?:came|come|comes|were|was)\s+(?:from|of)|went\s+to"
    r"|(?:are|were)(?=\s+(?-i:[A-Z])))\s+(?:the\s+)?"
    r"([\w.’'-]+(?:\s+[A-Z][\w.’'-]*)?)"
)
# Figures paired in order with the subjects listed before them.
_RESPECTIVELY = regexes.compile(r"\brespectively\b", re.IGNORECASE)
# What points back to the owner of a figure: "its share", "their revenue".
_POSSESSIVE = regexes.compile(r"\b(?:its|their)\b", re.IGNORECASE)
# An owner's share pointed back to ("its share in China", "their combined market share"):
# the owner was named before, whatever place the clause names.
_OWN_SHARE = regexes.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}?shares?\b", re.IGNORECASE)


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
    if clause == sentence:  # one clause: no later one (and no search through it per claim)
        return sentence
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


# A capitalised word: a name, unless the table uses it ("AI") or it only opens the
# sentence ("According to CGTN, …", "The …"; but "Llama derivatives make up …").
_CAPITALISED = regexes.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*")
_NOT_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday "
    # Words that open sentences and name no one
    "according there officials overall meanwhile however today now last globally worldwide "
    "since total together still analysts researchers data figures recent latest roughly "
    "nearly almost fewer only already even these those while after before during investors "
    "experts observers both many several another other separately similarly likewise yet "
    "later earlier again instead thus "
    # The writer, and an interview's speaker labels ("Q:", "A:")
    "i q a "
    # Currency codes
    "rmb cny usd hkd eur gbp jpy".split()
)


@lru_cache(maxsize=4096)  # the claims of a sentence ask in turn, with the same strings
@lru_cache(maxsize=256)
def _title_cased(text: str) -> bool:
    """Whether `text` is written in title case, as headlines are: its words of four
    letters or more (five at least) all capitalised. Memoised: the claims of a sentence
    ask in turn."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 5 and all(w[0].isupper() for w in words)


# A word of four letters or more (`_title_cased`).
_LONG_WORD = regexes.compile(r"(?<![\w'’])[A-Za-z][a-z]{3,}")


def _names_someone(text: str, sentence: str, clause: str, table_words: frozenset[str]) -> bool:
    """Whether the part of `text` (`sentence` with its source names blanked, the same
    length) where `clause` lies in `sentence` names someone or somewhere the table has no
    word for: "According to CGTN, Japan has 6,200 AI companies" is not about CGTN's China."""
    if clause is not sentence:
        at = sentence.find(clause)
        if at >= 0:
            text = text[at : at + len(clause)]
    if _title_cased(sentence):
        return False  # a headline's capitals name no one: "Chinese Open LLMs Top 12 Billion"
    first = len(text) - len(text.lstrip(" \t\n*_\"“'‘(["))
    for m in _CAPITALISED.finditer(text):
        word = m.group().rstrip("'’.-")
        found = terms(word)
        if word.lower() in _NOT_NAMES or found <= table_words or any(map(str.isdigit, word)):
            continue  # (with a digit: a quarter, a version, "Q3", "H1")
        if m.start() == first and not found:  # an opening "The", "In", "There"
            continue
        return True
    return False


def own_stretch(clause: str, number: str) -> str:
    """The part of `clause` between the figures either side of the claim's `number`."""
    at = clause.find(number)
    if at < 0:
        return clause
    end = at + len(number)
    before = _FIGURE.findall(clause, 0, at)
    start = clause.rfind(before[-1], 0, at) + len(before[-1]) if before else 0
    after = _FIGURE.search(clause, end)
    return clause[start : after.start() if after else len(clause)]


# A figure's digits, for where the next or the last one stands in a clause.
_FIGURE = regexes.compile(r"\d[\d,.]*")
