"""Find written numbers in prose and normalise them.

This module knows the *forms* numbers take (`41%`, `US$619m`, `forty-one
percent`, `four in ten`, `two-fifths`, `10 billion+`) and the forms that look
like numbers but are not quantities (years, dates, times, versions, phone
numbers, issue numbers). Whether a quantity is a *statistic* worth checking is
decided in `claims`, which also knows about qualifiers and fact tables.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from . import regexes

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
MAGNITUDES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12, "t": 1e12, "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)

# Currency written before the number, longest first; the group value is the ISO code.
_PREFIX_CURRENCIES = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "hk$": "HKD", "hkd": "HKD", "a$": "AUD",
    "c$": "CAD", "s$": "SGD", "nt$": "TWD", "nz$": "NZD", "r$": "BRL", "rmb": "CNY",
    "cny": "CNY", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "rs.": "INR",
    "rs": "INR", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR", "₩": "KRW",
    "inr": "INR", "krw": "KRW",
}  # fmt: skip
# Currency or unit words written after the number (and magnitude).
_SUFFIX_UNITS = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage points": "pp", "percentage point": "pp", "pp": "pp", "p.p.": "pp",
    "basis points": "bp", "basis point": "bp", "bps": "bp", "bp": "bp", "pc": "percent",
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "usd": "USD",
    "hong kong dollars": "HKD", "hkd": "HKD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
    "rupees": "INR", "won": "KRW", "swiss francs": "CHF", "chf": "CHF",
    "×": "times", "x": "times", "-fold": "times", "fold": "times",
}  # fmt: skip

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_WORD = "|".join(sorted(list(_ONES) + list(_TENS), key=len, reverse=True))
_DIGIT_WORDS = "|".join(k for k, v in _ONES.items() if 0 < v < 10)
_WORD_NUM = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_DIGIT_WORDS}))?|{_WORD})"
_PREFIX = "|".join(re.escape(k) for k in sorted(_PREFIX_CURRENCIES, key=len, reverse=True))
_SUFFIX = "|".join(
    re.escape(k) for k in sorted(_SUFFIX_UNITS, key=len, reverse=True) if k not in {"x", "×"}
)
_MAG = "|".join(sorted(MAGNITUDES, key=len, reverse=True))

_NUMERIC = regexes.compile(
    rf"""
    (?P<prefix>(?<![A-Za-z])(?:{_PREFIX})\s?)?
    (?P<sign>(?:(?<=^)|(?<=[\s(]))[-−])?
    (?P<num>(?<![\w.,#/$€£¥₹])(?<![A-Za-z]-){_NUM}|(?<=[$€£¥₹]){_NUM})
    (?P<plus1>\+)?
    (?:[ \u00a0-]?(?P<mag>(?:{_MAG}))(?![A-Za-z]))?
    (?P<plus2>\+)?
    (?:(?P<times>[x×](?![A-Za-z0-9]))|[ \u00a0]?(?P<suffix>(?:{_SUFFIX}))(?![A-Za-z]))?
    (?P<plus3>\+)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_WORDY = regexes.compile(
    rf"""
    (?<![\w-])
    (?:
      (?P<num>{_WORD_NUM})[ -](?P<suffix>percent|per\ cent|percentage\ points?)
    | (?P<k>{_WORD_NUM}|\d+)\ (?:in|out\ of)\ (?P<n>{_WORD_NUM}|\d+)(?![\w-])
    | (?P<fnum>{_WORD_NUM}|a)(?P<fsep>[ -])(?P<fden>{"|".join(_DENOMINATORS)})
      (?=(?P<fof>\ (?:of|the)\b))?(?![\w-])
    | (?P<wnum>{_WORD_NUM})[ -](?P<wmag>thousand|million|billion|trillion)(?![\w-])
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

_YEAR = regexes.compile(r"(1[89]|2[01])\d\d")
_DATE_BEFORE = regexes.compile(rf"(?:\b(?:{_MONTHS})\.?\s+|\d[./-])$", re.IGNORECASE)
_DATE_AFTER = regexes.compile(
    rf"^(?:(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|[./-]\d)", re.IGNORECASE
)
_LABEL_BEFORE = regexes.compile(
    r"\b(?:page|pages|p\.|pp\.|chapter|section|sec\.|figure|fig\.|table|step|item|no\.|number|"
    r"version|v|release|episode|part|volume|vol\.|issue|rule|line|lines|room|route|level|"
    r"tier|grade|phase|stage|season|round|article|clause|paragraph|opus|sonnet|haiku|gpt|llama|"
    r"gemini|claude|iphone|windows|python)\s*$",
    re.IGNORECASE,
)
_PHONE = regexes.compile(r"\+?\d{1,3}[ .-]?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){1,3}")


class NumberMention(NamedTuple):
    """A quantity written in text: where it is and what it denotes."""

    start: int
    end: int
    value: float  # the number with its magnitude applied (10bn -> 1e10; four in ten -> 40)
    unit: str  # percent | pp | count | times | an ISO currency code
    tolerance: float  # half the step of the written precision, in the value's scale
    has_magnitude: bool = False
    plus: bool = False  # a trailing "+", as in "6,200+"
    word_form: bool = False  # spelled out ("forty-one percent", "four in ten")


# Most prose has no number at all, and the two big patterns above cost as much as
# parsing the Markdown when run over every character. So texts with neither a digit
# nor a number word skip them, and otherwise they are only tried where a match can
# start (see _wordy_matches and _numeric_matches, which give what finditer gives).
_NUMBER_WORDS = frozenset({*_ONES, *_TENS, *_DENOMINATORS})
_WORDY_HINT = regexes.compile(
    "|".join(sorted(w for w in _NUMBER_WORDS if not any(o != w and o in w for o in _NUMBER_WORDS)))
)
# A whole run of lower-case letters that is a number word (the text is lowered first).
# Sorted fully, not by length alone: a set's order changes with the hash seed, and the
# pattern's text is its key in the compiled-pattern cache.
_NUMBER_WORD = regexes.compile(
    "(?<![a-z])(?:" + "|".join(sorted(_NUMBER_WORDS, key=lambda w: (-len(w), w))) + ")(?![a-z])"
)
_DIGIT = regexes.compile(r"\d")
_DIGITS = regexes.compile(r"\d+")
# Letters that re.IGNORECASE equates with ASCII ones but str.lower() does not map to them.
_CASE_TRAPS = regexes.compile("[\u0130\u0131\u017f\u212a]")
# How far before its first digit a _NUMERIC match can start: a currency prefix, a
# space, a sign and a "." (with room to spare; a larger reach only costs a little time).
_NUMERIC_REACH = max(map(len, _PREFIX_CURRENCIES)) + 8


def _wordy_matches(text: str, digits: bool) -> Iterator[re.Match[str]]:
    """`_WORDY.finditer(text)`, trying the pattern only where a match can start.

    Every alternative of _WORDY starts, after `(?<![\\w-])`, with a run of digits, a
    number word that is a whole word (it is followed by a space or hyphen), or "a"
    two characters before a whole denominator word ("a third", "a-third").
    """
    lowered = text.lower()
    if len(lowered) != len(text) or (not text.isascii() and _CASE_TRAPS.search(text)):
        yield from _WORDY.finditer(text)  # offsets of the lowered text would not line up
        return
    if not digits and not _WORDY_HINT.search(lowered):
        return
    starts = {m.start() for m in _DIGITS.finditer(text)}
    for m in _NUMBER_WORD.finditer(lowered):
        starts.add(m.start())
        if m.group() in _DENOMINATORS:
            starts.add(m.start() - 2)
    pos = 0
    for start in sorted(starts):
        if start >= pos:
            match = _WORDY.match(text, start)
            if match:
                yield match
                pos = match.end()


def _numeric_matches(text: str) -> Iterator[re.Match[str]]:
    """`_NUMERIC.finditer(text)`, searching only from just before each run of digits.

    A match holds a digit at most _NUMERIC_REACH characters after its start, so no
    match starts between the end of the last one and that far before the next digit.
    """
    pos = 0
    for run in _DIGITS.finditer(text):
        if run.end() <= pos:
            continue
        match = _NUMERIC.search(text, max(pos, run.start() - _NUMERIC_REACH))
        if match is None:
            return
        yield match
        pos = match.end()


def find_numbers(text: str) -> list[NumberMention]:
    """Every quantity in `text`, in order, without the look-alikes (years, dates, versions...)."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    digits = _DIGIT.search(text) is not None
    for m in _wordy_matches(text, digits):
        mention = _word_mention(m)
        if mention:
            found.append(mention)
            taken.append((m.start(), m.end()))
    taken_starts = [start for start, _ in taken]
    for m in _numeric_matches(text) if digits else ():
        at = bisect_right(taken_starts, m.start("num")) - 1  # word forms do not overlap
        if at >= 0 and m.start("num") < taken[at][1]:
            continue
        mention = _numeric_mention(text, m)
        if mention:
            found.append(mention)
    found.sort(key=lambda n: n.start)
    return found


def _numeric_mention(text: str, m: re.Match) -> NumberMention | None:
    num = m.group("num")
    start, end = m.start(), m.end()
    if m.group("prefix"):
        currency = _PREFIX_CURRENCIES.get(m.group("prefix").strip().lower())
    else:
        currency = None
    mag = (m.group("mag") or "").lower()
    suffix = (m.group("suffix") or "").lower()
    times = m.group("times")
    plus = bool(m.group("plus1") or m.group("plus2") or m.group("plus3"))
    # Single-letter magnitudes are ambiguous ("5m" is also five metres): accept
    # them only with a currency, or as an upper-case B/M/T/K.
    if mag in {"m", "b", "t"} and not currency and m.group("mag") not in {"B", "M", "T"}:
        return _numeric_mention(text, _NUMERIC.match(text, m.start(), m.end("num")))
    unit = "count"
    if suffix:
        unit = _SUFFIX_UNITS[suffix]
        if unit in {"percent", "pp", "times"} and currency:
            currency = None
    elif times:
        unit = "times"
    if currency:
        unit = currency
    if _in_a_name(text, m.start(), m.end()) or _is_lookalike(
        text, m.start("num"), m.end("num"), num, bool(mag or suffix or currency or times)
    ):
        return None
    if not (mag or suffix or currency or times):
        end = m.end("num") + (1 if m.group("plus1") else 0)
    value, tolerance = _parse_decimal(num, scaled=unit not in {"percent", "pp"})
    if not math.isfinite(value * MAGNITUDES.get(mag, 1.0)):
        return None  # hundreds of digits: not a quantity anyone writes
    if m.group("sign") and unit in {"percent", "pp", "bp"}:
        value, start = -value, m.start("sign")
    scale = MAGNITUDES.get(mag, 1.0)
    return NumberMention(
        start=start,
        end=end,
        value=float(f"{value * scale:.12g}"),
        unit=unit,
        tolerance=tolerance * scale,
        has_magnitude=bool(mag),
        plus=plus,
    )


def _parse_decimal(num: str, scaled: bool) -> tuple[float, float]:
    """Value and half-step of written precision. For whole counts, trailing zeros
    are read as rounding, but never coarser than two significant figures."""
    digits = num.replace(",", "")
    value = float(digits)
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return value, 0.5 * 10**-decimals
    step = 1.0
    if scaled and value >= 100:
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0 ** max(0, min(zeros, len(digits.lstrip("0")) - 2, 300))
    return value, step / 2


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Part of a hyphenated name such as `Qwen3.5-397B-A17B` or `R1-0528`."""
    head = text[max(0, start - 40) : start]
    word = (
        head[
            len(head.rstrip("0123456789.-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) :
        ]
        if head[-1:] == "-"
        else ""
    )
    tail = text[end - 1 : end + 2]
    return any(c.isalpha() for c in word) or (
        tail[:1].isalnum() and tail[1:2] == "-" and tail[2:3].isalnum()
    )


def _is_lookalike(text: str, start: int, end: int, num: str, has_unit: bool) -> bool:
    """Years, dates, times, versions, phone numbers and labels are not quantities."""
    before = text[max(0, start - 24) : start]
    after = text[end : end + 24]
    if after[:1] == ":" and after[1:2].isdigit() or before[-1:] == ":" and before[-2:-1].isdigit():
        return True  # 13:02
    if after[:1] == "." and after[1:2].isdecimal() or (
        after[:1].isalpha() and not has_unit and after[:2] != "x "
    ):
        return True  # 1.2.3, 3D, 2nd
    if has_unit:
        return False
    if _YEAR.fullmatch(num):
        return True
    if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after):
        return True
    if _LABEL_BEFORE.search(before):
        return True
    if after[:1] == ")" and not before.strip():
        return True  # "1)" list numbering
    window = text[max(0, start - 6) : end + 12]
    return (
        bool(_PHONE.search(window)) and sum(c.isdigit() for c in _PHONE.search(window).group()) >= 7
    )


def _word_value(word: str) -> float | None:
    word = word.lower()
    if word == "a":
        return 1.0
    if word in _ONES:
        return float(_ONES[word])
    if word in _TENS:
        return float(_TENS[word])
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        return float(_TENS[parts[0]] + _ONES[parts[1]])
    return None


def _number_or_word(token: str) -> float | None:
    return float(token) if token.isdigit() else _word_value(token)


def _word_mention(m: re.Match) -> NumberMention | None:
    if m.group("suffix"):
        value = _word_value(m.group("num"))
        unit = "pp" if "point" in m.group("suffix").lower() else "percent"
        return NumberMention(m.start(), m.end(), value, unit, 0.5, word_form=True)
    if m.group("k"):
        k, n = _number_or_word(m.group("k")), _number_or_word(m.group("n"))
        if not k or not n or k > n or n < 2 or n > 100:
            return None
        # "four in ten" can stand for anything that rounds to four tenths.
        return NumberMention(m.start(), m.end(), 100 * k / n, "percent", 50 / n, word_form=True)
    if m.group("fden"):
        k = _word_value(m.group("fnum"))
        n = _DENOMINATORS[m.group("fden").lower()]
        spaced = m.group("fsep") == " "
        if not k or k >= n or (spaced and not m.group("fof")) or n == 2:
            return None
        return NumberMention(m.start(), m.end(), 100 * k / n, "percent", 50 / n, word_form=True)
    if m.group("wmag"):
        value = _word_value(m.group("wnum"))
        scale = MAGNITUDES[m.group("wmag").lower()]
        return NumberMention(
            m.start(), m.end(), value * scale, "count", 0.5 * scale, True, word_form=True
        )
    return None
