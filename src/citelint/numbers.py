"""Find written numbers in prose and normalise them.

This module knows the *forms* numbers take (`41%`, `US$619m`, `forty-one
percent`, `four in ten`, `two-fifths`, `10 billion+`) and the forms that look
like numbers but are not quantities (years, dates, times, versions, phone
numbers, issue numbers). Whether a quantity is a *statistic* worth checking is
decided in `claims`, which also knows about qualifiers and fact tables.
"""

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
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
PREFIX_CURRENCIES = {
    "us$": "USD", "u.s.$": "USD", "usd": "USD", "hk$": "HKD", "hkd": "HKD", "a$": "AUD",
    "cn¥": "CNY", "jp¥": "JPY",
    "c$": "CAD", "s$": "SGD", "nt$": "TWD", "nz$": "NZD", "r$": "BRL", "rmb": "CNY",
    "cny": "CNY", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "rs.": "INR",
    "rs": "INR", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR", "₩": "KRW",
    "inr": "INR", "krw": "KRW",
}  # fmt: skip
# Currency or unit words written after the number (and magnitude).
SUFFIX_UNITS = {
    "%": "percent", "percent": "percent", "per cent": "percent", "per-cent": "percent",
    "pct": "percent", "‰": "permille",
    "percentage points": "pp", "percentage point": "pp", "percentage-point": "pp",
    "percentage-points": "pp", "pp": "pp",
    "p.p.": "pp", "basis points": "bp", "basis point": "bp", "basis-point": "bp", "bps": "bp",
    "bp": "bp", "pc": "percent",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "usd": "USD",
    "hong kong dollars": "HKD", "hkd": "HKD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY",
    "rupees": "INR", "won": "KRW", "swiss francs": "CHF", "chf": "CHF",
    "×": "times", "x": "times", "-fold": "times", "fold": "times",
}  # fmt: skip

# Digits grouped by commas, or by no-break spaces ("6 200", as typeset text groups them:
# `plain_spacing` makes the narrow and thin ones this one).
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\u00a0\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_WORD = regexes.alternation([*_ONES, *_TENS])
_DIGIT_WORDS = "|".join(k for k, v in _ONES.items() if 0 < v < 10)
_WORD_NUM = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_DIGIT_WORDS}))?|{_WORD})"
# One to 999 in words: "seven", "forty-one", "seven hundred", "a hundred and twenty".
_HUNDREDS = rf"(?:(?:{_WORD_NUM}|a)[ -]hundred(?:[ -](?:and[ -])?{_WORD_NUM})?|{_WORD_NUM})"
_PREFIX = regexes.alternation(PREFIX_CURRENCIES)
_SUFFIX = regexes.alternation(k for k in SUFFIX_UNITS if k not in {"x", "×"})
# A currency written after the number: not after one written before it, which makes it the
# next figure's ("USD 1.2 trillion RMB 1.2tn", a struck-out figure and its correction).
_CURRENCY_SUFFIX = regexes.alternation(k for k, u in SUFFIX_UNITS.items() if u.isupper())
_MAG = regexes.alternation(MAGNITUDES)

# A lower bound written after the number: "6,200+", "6,200-plus", "$165 billion-plus".
_PLUS = r"\+|-plus(?![\w-])"

# Kana, CJK ideographs and Hangul: scripts written without spaces, where a number right
# after a character ("下载量的17.1%") is not inside a word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"

# A magnitude letter is never glued to a digit (the T of 2026-04-28T13:02 is no trillion),
# and a unit may be hyphenated to its number as an adjective ("a 41-percent share"). A
# currency code may be glued to it ("RMB1.2 trillion", as "US$619m" is): with a
# magnitude only (`_numeric_mention`), as "RS256" and "USD1" are names. A number
# after a word and a hyphen is part of a name, but for the end of "5-to-10 percent".
_NUMERIC = regexes.compile(
    rf"""
    (?P<prefix>(?<![A-Za-z])(?:{_PREFIX})\s?)?
    (?P<sign>(?:(?<=^)|(?<=[\s(]))[-−])?
    (?P<num>(?<![^\W{_CJK}]|[.,#/$€£¥₹])(?<![A-Za-z]-){_NUM}|(?<=[$€£¥₹]){_NUM}|(?<=\d-to-){_NUM}
      |(?(prefix)(?<=[A-Za-z])(?=\d){_NUM}|(?!)))
    (?P<plus1>{_PLUS})?
    (?:(?:[ \u00a0]|-(?=[A-Za-z]{{2}}))?(?P<mag>(?:{_MAG}))(?![A-Za-z0-9]))?
    (?P<plus2>{_PLUS})?
    (?:(?P<times>[x×](?![A-Za-z0-9]))
      |[ \u00a0-]?(?(prefix)(?!(?:{_CURRENCY_SUFFIX})(?![A-Za-z])))
       (?P<suffix>(?:{_SUFFIX}))(?![A-Za-z]))?
    (?P<plus3>{_PLUS})?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# The noun a share in words may name between its numbers ("one download in six", "one
# Hugging Face download in every six"): up to three words, none a number, a magnitude or
# a little word that would make it a phrase of its own ("one of ...", "two is in ...").
_SHARED_NOUN = (
    r"(?!(?:in|out|of|every|and|or|the|a|an|per|percent|is|was|are|were|to|from|at|on|for|"
    rf"by|with|than|point|hundred|{_MAG}|{_WORD}|{'|'.join(_DENOMINATORS)})(?![A-Za-z'’-]))"
    r"[A-Za-z][A-Za-z'’-]*"
)
# After "one download in six", a noun of time or place says how often or where, not a
# share: "one release in six weeks", "two labs in 20 countries".
_NOT_A_SHARE_AFTER = (
    r"\ (?:[A-Za-z]+\ )?(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|"
    r"decades?|countries|regions|markets|cities|states|languages|categories)\b"
)
# A fraction in words is a share of what follows "of", when that is a noun phrase and not
# a stretch of time: "a third of downloads", not "a quarter of 2026" or "half of the year".
_NOT_A_SHARE_OF = (
    r"(?:(?:the|this|that|next|last|a|an)\ )?(?:year|decade|century|month|week|day|hour|"
    r"quarter|season|period)s?\b"
)
# Currencies written in words after a number in words ("six hundred million dollars").
_WORD_CURRENCIES = "|".join(
    re.escape(k).replace("\\ ", "[ ]")
    for k, v in sorted(SUFFIX_UNITS.items(), key=lambda kv: -len(kv[0]))
    if len(v) == 3 and v.isupper() and k.replace(" ", "").isalpha() and k.islower() and len(k) > 3
)
# "k in n" ("k in every n", "k out of every n", "k of every n") never starts inside a
# decimal: "3.5 out of 5" is a rating of 3.5, not 5 in 5. A noun between is read only
# after a k in words.
_WORDY = regexes.compile(
    rf"""
    (?<![\w-])
    (?:
      (?P<num>{_WORD_NUM}(?P<point>\ point(?:\ (?:zero|{_DIGIT_WORDS}))+)?|(?:one|a)[ -]hundred)
      [ -](?P<suffix>percentage[\ -]points?|percent|per[\ -]cent)(?![A-Za-z])
    | (?<!\d[.,])(?P<k>{_WORD_NUM}|\d+)
      (?:(?<=[A-Za-z])\ (?P<shared>{_SHARED_NOUN}(?:\ {_SHARED_NOUN}){{0,2}}))?
      \ (?:in|out\ of|of\ every)(?:(?<!every)\ every)?
      \ (?P<n>{_WORD_NUM}|\d+)(?![\w-]|[.,]\d)(?(shared)(?!{_NOT_A_SHARE_AFTER}))
    | (?:(?P<fnum>{_WORD_NUM}|a)(?P<fsep>[ -]))?(?P<fden>{"|".join(_DENOMINATORS)})
      (?=(?P<fof>\ of\ (?!{_NOT_A_SHARE_OF})[^\W\d_]|\ the\b))?(?![\w-])
    | (?P<wnum>{_HUNDREDS})[ -](?P<wmag>thousand|million|billion|trillion)
      (?:(?<=thousand)[ -](?:and[ -])?(?P<wrest>{_HUNDREDS}))?(?![\w-])
      (?:\ (?P<wcur>{_WORD_CURRENCIES})(?![\w-]))?
    | (?P<hundreds>(?:{_WORD_NUM}|a)[ -]hundred(?:[ -](?:and[ -])?{_WORD_NUM})?)(?![\w-])
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# What a lower-case "m" or "b" counts when it is no currency's: "times", "people", or a
# plural ("downloads"), not a verb in "s".
_COUNTED_AFTER = regexes.compile(
    r"\s(?:times|people|(?!(?:was|has|does|goes|is|as|us)\b)[a-z]{2,}(?<!s)s)\b"
)
_YEAR = regexes.compile(r"(1[89]|2[01])\d\d")
_CLOCK_AFTER = regexes.compile(r"[ \t]?(?:[ap]\.?m\b\.?|o['’]clock\b)", re.IGNORECASE)


# Whether the text before a number ends with a month ("March ", "Sept. ") or a date's
# "5/", or with a label ("page ", "version "): the patterns (given in the comments) end
# at the end of that text, so they are matched once at the start of it reversed
# (regexes.backwards) rather than tried at every position.
# rf"(?:\b(?:{_MONTHS})\.?\s+|\d[./-])$"
_DATE_BEFORE_REVERSED = regexes.compile(
    rf"\n?(?:\s+\.?(?:{regexes.backwards(_MONTHS)})\b|[./-]\d)", re.IGNORECASE
)
_DATE_AFTER = regexes.compile(
    rf"^(?:(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|[./-]\d)", re.IGNORECASE
)
_LABELS = (
    r"page|pages|p\.|pp\.|slide|slides|chapter|ch\.|chap\.|section|sec\.|para\.|figure|fig\.|"
    r"table|step|item|no\.|"
    r"number|"
    r"version|v|release|episode|part|volume|vol\.|issue|rule|line|lines|room|route|level|"
    r"tier|grade|phase|stage|season|round|article|clause|paragraph|listing|opus|sonnet|haiku|gpt|"
    r"llama|"
    r"gemini|claude|iphone|windows|python|rfc|iso|ieee|iec|ecma|id|code|ticket|isbn|"
    r"extension|ext\.|ext|tel\.|tel|phone|fax|suite|gate|flight|draft|revision|rev\.|"
    r"myth|lesson|takeaway|exhibit|question|reason|tip|trend|example|finding|chart|appendix|"
    r"annex|exercise|exercises|activity|task|problem|quiz|module|unit|worksheet|brief|memo|"
    r"port|issues|rooms|floor|building|box|exit|highway|build|builds|form|thread|message|job|"
    r"alert|error|incident|order|runner|hall|booth|row|rows|footnote|footnotes|option|options|"
    r"proposal|proposals|schedule|regulation|objective|principle|recommendation|"
    r"recommendations|para|paras|paragraphs|sections|chapters|questions|items|steps"
)
# rf"\b(?:{_LABELS})\s*$"
_LABEL_BEFORE_REVERSED = regexes.compile(rf"\s*(?:{regexes.backwards(_LABELS)})\b", re.IGNORECASE)
# The next number of a label's list: "pages 1,024 and 1,025", "rooms 1201 or 1202".
# rf"\b(?:{_LABELS})\s*#?\d[\d,]*\d?\s*(?:and|or|&|,|/)\s*$", reversed
_LISTED_AFTER_LABEL_REVERSED = regexes.compile(
    rf"\s*(?:dna|ro|&|,|/)\s*[\d,]*\d#?\s*(?:{regexes.backwards(_LABELS)})\b", re.IGNORECASE
)
# A street address's number: "2200 Century Avenue", "1201 Nathan Road".
_STREET_AFTER = regexes.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Avenue|Ave|Road|Rd|Street|St|Boulevard|Blvd|Lane|Drive"
    r"|Way|Place|Square|Plaza|Highway|Parkway|Pkwy|Circle|Court|Ct|Terrace|Trail|Crescent)\b"
)
# Model families whose names are followed by a size in parameters ("Llama 3.1 405B").
_MODELS = (
    r"llama|codellama|qwen|mistral|mixtral|gemma|phi|falcon|deepseek|kimi|glm|yi|olmo|grok|"
    r"gpt|claude|gemini|bloom|vicuna|ernie|baichuan|internlm|minimax|nemotron|granite|starcoder|"
    r"hunyuan|doubao|pangu|ascend|kunlun|spark"
)
# rf"\b(?:{_MODELS})(?:[ -]?[a-z]?\d{{1,2}}(?:\.\d+)*)?[ -]$": a name, maybe a version.
_MODEL_BEFORE_REVERSED = regexes.compile(
    rf"\n?[ -](?:(?:\d+\.)*\d{{1,2}}[a-z]?[ -]?)?(?:{regexes.backwards(_MODELS)})\b",
    re.IGNORECASE,
)
# A version number, as written after a model family's name: not a count like "180,000".
_VERSION = regexes.compile(r"\d{1,2}(?:\.\d{1,2})?")
# A size in parameters used as an adjective, just after "7B" ("a 7B model", "a
# 70B-parameter rival", "the 14B and 32B variants", "a 7B distilled model", "a 70B
# open-weight model", "a 70B Llama fine-tune", "a 7B Qwen"); "has 1T parameters" counts
# them, and is a claim, and so do "10B downloads across models" and "10B Qwen downloads":
# the words between are adjectives, not a noun or a preposition.
_SIZE_AFTER = regexes.compile(
    r"(?:(?:,\s*|\s+(?:and|or)\s+|/)\d+(?:\.\d+)?[BT])*"
    r"(?:-param(?:eter)?|(?:[ -](?!(?:downloads?|parameters?|params|tokens?|users?|of|in|on|"
    r"for|from|to|and|or|by|across|per|with|at|than)\b)[A-Za-z][\w-]*){0,2}?"
    r"[ -](?:models?|variants?|checkpoints?|dense|MoE|fine-?tunes?|distills?"
    rf"|(?:{_MODELS})(?![ -](?:models?[ -])?downloads)))\b(?![ -]downloads)",
    re.IGNORECASE,
)
# r"\b[A-Z]{2,} $": an acronym just before a bare number names a product line or a
# standard ("RTX 4090 GPUs", "ISO 27001"); unless the text goes on in capitals ("CHINA HAS
# 6200 AI COMPANIES"), which is shouting, not a name.
_ACRONYM_BEFORE_REVERSED = regexes.compile(r" [A-Z]{2,}(?!\w)")
_CAPITALS_AFTER = regexes.compile(r"\s+[A-Z]{2,}\b")
# r"\+?\d{1,3}[ .-]?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){1,3}", written to start with a class:
# the "+" or the first digit, then the rest of the up to three digits.
_PHONE = regexes.compile(
    r"[+\d](?:(?<=\+)\d{1,3}|(?<=\d)\d{0,2})[ .-]?\(?\d{2,4}\)?(?:[ .-]\d{2,4}){1,3}"
)

# r"/n?(?!\S)": after a number that opens a block, a thread's post number ("4/ ", "4/n");
# "1/3 of" may be a fraction and is left alone.
_THREAD_NUMBER = regexes.compile(r"/n?(?!\S)")
# An exchange's code written onto a ticker's number: "2513.HK", "0700.HK", "600519.SS".
_TICKER_AFTER = regexes.compile(r"\.[A-Z]{1,2}\b")


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
    fraction: bool = False  # a ratio or fraction in words ("four in ten", "one-seventh")
    low: float | None = None  # a range's first value ("15–20%": 15), in the value's scale
    # A statistic only when a fact has its value and its sentence names the fact (SPEC §1):
    # a lower-case letter for its magnitude with no currency or counted noun after
    # ("passed 600m."), hundreds in words ("more than one hundred releases").
    needs_fact: bool = False


# Most prose has no number at all, and the two big patterns above cost as much as
# parsing the Markdown when run over every character. So they are only tried where a
# match can start (see _wordy_matches and _numeric_matches, which give what finditer
# gives). The scans that find those places start with a character class, which lets
# `re` skip ahead to the characters they can start with (a pattern that starts with a
# look-behind or a repeat is tried at every position).
_NUMBER_WORDS = frozenset({*_ONES, *_TENS, *_DENOMINATORS, "hundred"})
# Words a match may start two characters before: "a third", "a hundred percent".
_AFTER_A = frozenset({*_DENOMINATORS, "hundred"})


def _any_word(words: frozenset[str], whole: bool = True) -> str:
    """A pattern for one of `words` (up to the end of a run of lower-case letters when
    `whole`), one alternative per first letter. Sorted fully, not by length alone: a
    set's order changes with the hash seed, and a pattern's text is its key in the cache."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-len(w), w)):
        by_letter.setdefault(word[0], []).append(word[1:])
    alternatives = (f"{letter}(?:{'|'.join(rest)})" for letter, rest in sorted(by_letter.items()))
    return f"(?:{'|'.join(alternatives)})" + ("(?![a-z])" if whole else "")


# A whole number word of the lowered text: at its start, or after a character that is
# not a letter (one in five characters, where most letters start a number word).
_NUMBER_WORD_FIRST = regexes.compile(_any_word(_NUMBER_WORDS))
_NUMBER_WORD = regexes.compile("[^a-z]" + _any_word(_NUMBER_WORDS))
# Letters that re.IGNORECASE equates with ASCII ones but str.lower() does not map to them.
_TRAP_LETTERS = "\u0130\u0131\u017f\u212a"
_CASE_TRAPS = regexes.compile(f"[{_TRAP_LETTERS}]")
_DIGITS = regexes.compile(r"\d\d*")  # not \d+, which is tried at every position
# A digit, or the "&" of an entity, which may stand for one; in any text, a case trap
# too. (An ASCII class is a bitmap; \d looks up each character's category.)
_ASCII_DIGIT_OR_ENTITY = regexes.compile(r"[0-9&]")
_DIGIT_ENTITY_OR_TRAP = regexes.compile(rf"[\d&{_TRAP_LETTERS}]")
# A number word anywhere, whole or not: in a lowered source whose emphasis delimiters
# were dropped, as `could_hold_number` reads it.
_NUMBER_WORD_INSIDE = regexes.compile(_any_word(_NUMBER_WORDS, whole=False))
_EMPHASIS_DELIMITERS = str.maketrans("", "", "*_~")
# What follows the digits of "4 in 10" and "1 out of 5" (in the lowered text).
_IN_OUT = (" in", " out of")
# How far before its first digit a _NUMERIC match can start: a currency prefix, a
# space, a sign and a "." (with room to spare; a larger reach only costs a little time).
_NUMERIC_REACH = max(map(len, PREFIX_CURRENCIES)) + 8
# Where a _NUMERIC match can start: the first character of a currency prefix (with the
# prefix's own look-behind and flags, so every case variant is included), a sign, or a
# number's first character.
_NUMERIC_START = regexes.compile(
    "(?<![A-Za-z])[" + "".join(sorted({re.escape(k[0]) for k in PREFIX_CURRENCIES})) + r"]|[-−\d.]",
    re.IGNORECASE,
)
_PREFIX_LENGTHS = sorted({len(k) for k in PREFIX_CURRENCIES})
# The named groups of _NUMERIC, read in one call.
_GROUPS = ("prefix", "sign", "num", "plus1", "mag", "plus2", "times", "suffix", "plus3")
# What a hyphenated name such as `Qwen3.5-397B` is made of.
_NAME_CHARACTERS = "0123456789.-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _lowered(text: str) -> str | None:
    """`text.lower()` when its offsets are the text's and lower-case letters match
    just where re.IGNORECASE matches the text's (no letter becomes two, no trap)."""
    lowered = text.lower()
    if len(lowered) != len(text) or (not text.isascii() and _CASE_TRAPS.search(text)):
        return None
    return lowered


def could_hold_number(source: str) -> bool:
    """Whether `find_numbers` may find a quantity in prose read from the Markdown
    `source`, if that prose is `source` with emphasis delimiters (`*_~`) dropped, spans
    masked and line breaks made spaces. False only when it cannot: `source` has no digit,
    no entity, no letter re.IGNORECASE equates with an ASCII one (a case trap), and no
    number word, even inside a longer word or across dropped delimiters ("t*w*o")."""
    sign = _ASCII_DIGIT_OR_ENTITY if source.isascii() else _DIGIT_ENTITY_OR_TRAP
    if sign.search(source):
        return True
    lowered = source.lower()
    if "*" in lowered or "_" in lowered or "~" in lowered:
        lowered = lowered.translate(_EMPHASIS_DELIMITERS)
    return _NUMBER_WORD_INSIDE.search(lowered) is not None


def _number_word_starts(lowered: str) -> Iterator[tuple[int, str]]:
    """(start, word) of each whole number word of a lowered text, in order."""
    first = _NUMBER_WORD_FIRST.match(lowered)
    if first:
        yield 0, first.group()
    for m in _NUMBER_WORD.finditer(lowered):
        yield m.start() + 1, m.group()[1:]


def _wordy_matches(
    text: str, lowered: str | None, runs: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """`_WORDY.finditer(text)`, trying the pattern only where a match can start.

    Every alternative of _WORDY starts, after `(?<![\\w-])`, with a run of digits
    followed by " in" or " out of", a number word that is a whole word (it is followed
    by a space or hyphen), or "a" two characters before a whole denominator word or
    "hundred" ("a third", "a-third", "a hundred percent"). `lowered` is
    `_lowered(text)`; `runs` are the text's runs of digits.
    """
    if lowered is None:
        yield from _WORDY.finditer(text)  # offsets of the lowered text would not line up
        return
    starts = {start for start, end in runs if lowered.startswith(_IN_OUT, end)}
    for start, word in _number_word_starts(lowered):
        starts.add(start)
        if word in _AFTER_A:
            starts.add(start - 2)
    pos = 0
    for start in sorted(starts):
        if start >= pos:
            match = _WORDY.match(text, start)
            if match:
                yield match
                pos = match.end()


def _numeric_matches(
    text: str, lowered: str | None, runs: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """`_NUMERIC.finditer(text)`, trying the pattern only where a match can start.

    A match's number starts a run of digits (or the "." before one), at most
    _NUMERIC_REACH characters after the match's start; and the match starts with a
    currency prefix (at a word start), a sign or the number (_NUMERIC_START). So the
    pattern is tried at those positions only, in order, each at most once; and only
    at the digits when what comes before them cannot be a prefix, a sign or a ".".
    """
    pos = 0
    tried = 0  # every position before this one was tried
    for start, end in runs:
        if end <= pos:
            continue
        low = max(pos, tried, start - _NUMERIC_REACH)
        tried = start + 1
        if start < low:
            continue
        if not _may_lead(text, lowered, start, low):
            match = _NUMERIC.match(text, start)
            if match:
                yield match
                pos = match.end()
            continue
        for candidate in _NUMERIC_START.finditer(text, low, tried):
            match = _NUMERIC.match(text, candidate.start())
            if match:
                yield match
                pos = match.end()
                break


def _may_lead(text: str, lowered: str | None, start: int, low: int) -> bool:
    """Whether a _NUMERIC match may start in [low, start) for the digits at `start`:
    after a currency prefix (and its space), a sign or the "." of ".5"."""
    if start == low:
        return False
    before = text[start - 1]
    if lowered is None:
        return True  # not worth the trouble: rare
    if before.isspace():
        return _prefix_ends(lowered, start - 1, low)
    if before in "-−":  # a sign comes after a space, "(" or nothing
        return start == 1 or text[start - 2].isspace() or text[start - 2] == "("
    if before == ".":  # ".5" never comes after a letter or digit, nor "Rs." before digits
        return start == 1 or not (text[start - 2].isalnum() or text[start - 2] == "_")
    return _prefix_ends(lowered, start, low)


def _prefix_ends(lowered: str, end: int, low: int) -> bool:
    """Whether a currency prefix that starts at or after `low`, and not after a letter,
    ends at `end` of the lowered text."""
    for length in _PREFIX_LENGTHS:
        begin = end - length
        if begin < low:
            break
        if lowered[begin:end] in PREFIX_CURRENCIES and not (
            begin and "a" <= lowered[begin - 1] <= "z"
        ):
            return True
    return False


# Spaces and hyphens of typeset text, read as the ones the patterns know, one character
# for one (offsets stay the text's): narrow, thin and other fixed-width spaces are
# no-break spaces; non-breaking and soft hyphens are hyphens ("forty‑one", "one‑seventh").
_TYPESET = str.maketrans(
    {
        **{chr(c): "\u00a0" for c in range(0x2002, 0x200B)},
        "\u202f": "\u00a0",
        "\u2010": "-",
        "\u2011": "-",
        "\u00ad": "-",
    }
)


_TYPESET_CHARACTER = regexes.compile("[\u00ad\u2002-\u200a\u2010\u2011\u202f]")


def plain_spacing(text: str) -> str:
    """`text` with the spaces and hyphens of typeset text made plain ones (`_TYPESET`),
    the same length: what the number patterns read."""
    if text.isascii() or _TYPESET_CHARACTER.search(text) is None:
        return text  # most text, curly quotes and all, has none
    return text.translate(_TYPESET)


def find_numbers(text: str) -> list[NumberMention]:
    """Every quantity in `text`, in order, without the look-alikes (years, dates, versions...)."""
    found: list[NumberMention] = []
    taken: list[tuple[int, int]] = []
    runs = [m.span() for m in _DIGITS.finditer(text)]
    lowered = _lowered(text)
    for m in _wordy_matches(text, lowered, runs):
        mention = _word_mention(text, m)
        if mention:
            found.append(mention)
            taken.append((m.start(), m.end()))
    taken_starts = [start for start, _ in taken]
    for m in _numeric_matches(text, lowered, runs):
        at = bisect_right(taken_starts, m.start("num")) - 1  # word forms do not overlap
        if at >= 0 and m.start("num") < taken[at][1]:
            continue
        mention = _numeric_mention(text, m)
        if mention:
            found.append(mention)
    found.sort(key=lambda n: n.start)
    return found


def _numeric_mention(text: str, m: re.Match) -> NumberMention | None:
    prefix, sign, num, plus1, written_mag, plus2, times, suffix, plus3 = m.group(*_GROUPS)
    start, end = m.start(), m.end()
    if prefix:
        currency = PREFIX_CURRENCIES.get(prefix.strip().lower())
    else:
        currency = None
    mag = (written_mag or "").lower()
    suffix = (suffix or "").lower()
    plus = bool(plus1 or plus2 or plus3)
    # Single-letter magnitudes are ambiguous ("5m" is also five metres): read them
    # only with a currency, as an upper-case B/M/T/K, or counting ("700m times",
    # "700m downloads"); otherwise as `needs_fact`.
    needs_fact = (
        mag in {"m", "b", "t"}
        and not currency
        and written_mag not in {"B", "M", "T"}
        and not (mag != "t" and _COUNTED_AFTER.match(text, m.end()))
    )
    if prefix and prefix[-1].isalpha() and not (written_mag and len(prefix) >= 3):
        return None  # "RS256", "USD1": a name; a code glued to money has a magnitude
    unit = "count"
    if suffix:
        unit = SUFFIX_UNITS[suffix]
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
    if unit == "count" and written_mag and m.end("num") == m.start("mag"):
        before = text[max(0, start - 40) : start][::-1]
        if _MODEL_BEFORE_REVERSED.match(before):
            return None  # a model's size: "Llama 3.1 405B", "Qwen 72B"
        if len(written_mag) == 1 and _LABEL_BEFORE_REVERSED.match(before):
            return None  # a label's number and letter: "Room 4B", "Gate 12M"
        if written_mag in {"B", "T"} and _SIZE_AFTER.match(text, m.end("mag")):
            return None  # a model's size too: "a 7B model", "its 1T-parameter sibling"
    if not (mag or suffix or currency or times):
        end = m.end("num") + len(plus1 or "")
    value, tolerance = _parse_decimal(num, scaled=unit not in {"percent", "pp", "permille"})
    if not math.isfinite(value * MAGNITUDES.get(mag, 1.0)):
        return None  # hundreds of digits: not a quantity anyone writes
    if unit == "permille":  # 41‰ is 4.1%: checked against the table's percentages
        value, tolerance, unit = value / 10, tolerance / 10, "percent"
    if sign and unit in {"percent", "pp", "bp"}:
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
        needs_fact=needs_fact,
    )


# A range is one quantity: "15–20%", "6-8 billion", "$600–650 million", "between 20%
# and 25%", "between 6,000 and 6,500 companies", "5 to 10 percent", "$1 to $2 billion".
# Its first number takes the second's unit and magnitude. Bare counts make one only from
# 1,000 up at both ends, where each can be a claim itself: smaller ones are labels and
# small counts ("pages 4-7", "between 2 and 3 weeks", "any number between 1 and 1,000").
_RANGE_DASH = regexes.compile(r"\s?[–-]\s?")
_RANGE_AND = regexes.compile(r"\s+and\s+")
# "5-to-10 percent" is the same range, hyphenated as an adjective.
_RANGE_TO = regexes.compile(r"\s+to\s+|-to-")
_BETWEEN_BEFORE_REVERSED = regexes.compile(r"\s+neewteb\b", re.IGNORECASE)
# "To" joins a change's two figures as often as a range's ends: "rose from 15% to 18%",
# "grew 15% to 18%", "went from 5 to 10 percent". Only a "from" after a word that says
# range ("anywhere from 5 to 10 percent", "estimates ranging from …") opens one.
_RANGES = r"anywhere|somewhere|ranges?|ranged|ranging|vary|varies|varied|varying"
_CHANGES = (
    r"from|rose|rises?|risen|rising|grew|grows?|grown|growing|fell|falls?|falling|climbs?|"
    r"climbed|jumps?|jumped|increased?|decreased?|drops?|dropped|declined?|slips?|slipped|"
    r"surged?|gained?|lost|up|down|set|went|moved|shifted"
)
# rf"\b(?:(?P<range>{_RANGES})\s+)?(?P<change>{_CHANGES})\s+$" before the first number
# (a qualifier may stand between: "grew from more than 600 million to 700 million")
_QUALIFIERS_BEFORE = "more than|over|about|around|nearly|almost|roughly|at least|less than|under"
_CHANGE_BEFORE_REVERSED = regexes.compile(
    rf"(?:\s+(?:{regexes.backwards(_QUALIFIERS_BEFORE)}))?"
    rf"\s+(?P<change>{regexes.backwards(_CHANGES)})\b"
    rf"(?:\s+(?P<range>{regexes.backwards(_RANGES)})\b)?",
    re.IGNORECASE,
)
# Ends far apart ("sink 1 to 75%", "from 0 to 100%") are a setting or a scale, not the
# bounds of one figure.
_TO_RANGE_WIDTH = 10
# The first number of "15-20%", which reads as part of a name ("R1-0528") on its own.
_RANGE_START_BEFORE = regexes.compile(r"(?<![\w.,$€£¥₹-])(?P<num>\d{1,3}(?:\.\d+)?)\s?[–-]\s?$")
# A number's digits as written, grouped by commas or no-break spaces (`plain_spacing`).
DIGITS_WRITTEN = regexes.compile(r"\d(?:[\d,]|\u00a0(?=\d{3}))*(?:\.\d+)?|\.\d+")


def digits_value(digits: str) -> float:
    """The value of `DIGITS_WRITTEN` digits: "6,200" and "6 200" are 6200."""
    return float(digits.replace(",", "").replace("\u00a0", ""))


def fraction_words(percent: float) -> str | None:
    """The simple fraction a percentage is, to its two decimals, in words ("one-seventh"
    for 14.29, "two-fifths" for 40), when there is one with a denominator up to ten."""
    for denominator in range(2, 11):
        numerator = round(percent * denominator / 100)
        if 0 < numerator < denominator and abs(100 * numerator / denominator - percent) < 0.0051:
            if denominator == 2:
                return "half"
            ordinal = _ORDINALS[denominator]
            return f"{_NUMERATORS[numerator]}-{ordinal}{'s' if numerator > 1 else ''}"
    return None


def in_fraction_words(text: str) -> bool:
    """Whether `text` (a claim's) is written with a fraction's word ("one-third", "a
    quarter", "two-fifths")."""
    return any(word in _DENOMINATORS for word in _LETTERS.findall(text.lower()))


_LETTERS = regexes.compile(r"[a-z]+")
_NUMERATORS = {value: word for word, value in _ONES.items() if 0 < value < 10}
_ORDINALS = {value: word for word, value in _DENOMINATORS.items() if not word.endswith("s")}
_ORDINALS[4] = "quarter"


def with_ranges(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """`mentions` with each range's two numbers made one mention, from the first number
    (or "between") to the end of the second, holding the second's value and unit and the
    first's value as `low`. "Rose from 15% to 20%" is a change, not a range."""
    out: list[NumberMention] = []
    for b in mentions:
        a = out[-1] if out else None
        bare = b.unit == "count" and not b.has_magnitude
        merged = _range(text, a, b) if not bare or b.value >= 1000 else None
        if bare and merged is not None and (merged.low or 0) < 1000:
            merged = None
        if merged is not None:
            if a is not None and merged.start <= a.start:
                out.pop()
            out.append(merged)
        else:
            out.append(b)
    return out


def _range(text: str, a: NumberMention | None, b: NumberMention) -> NumberMention | None:
    if b.word_form or b.low is not None:
        return None
    start = low = None
    if a is not None and not a.word_form and a.low is None and not a.plus:
        gap = text[a.end : b.start]
        between = _BETWEEN_BEFORE_REVERSED.match(text[max(0, a.start - 12) : a.start][::-1])
        if _RANGE_DASH.fullmatch(gap):
            start = a.start
        elif between and _RANGE_AND.fullmatch(gap):
            start = a.start - between.end()
        elif _RANGE_TO.fullmatch(gap) and _to_range(text, a, b):
            start = a.start
        if start is not None:
            if a.unit not in {b.unit, "count"} and not (b.unit == "count" and a.unit.isupper()):
                return None
            low = a.value * (1.0 if a.has_magnitude else _scale(text, b))
    if start is None:
        before = text[max(0, b.start - 2) : b.start]
        if "-" not in before and "–" not in before:
            return None  # the usual case: no dash just before the number
        m = _RANGE_START_BEFORE.search(text, max(0, b.start - 12), b.start)
        label = m and _LABEL_BEFORE_REVERSED.match(text[max(0, m.start() - 24) : m.start()][::-1])
        if m is None or label:
            return None  # none, or a label: "Listing 2-4 won't"
        start, low = m.start(), float(m.group("num")) * _scale(text, b)
    if not low < b.value:
        return None
    unit = a.unit if a is not None and b.unit == "count" and start == a.start else b.unit
    return b._replace(start=start, unit=unit, low=low, plus=False)


def _to_range(text: str, a: NumberMention, b: NumberMention) -> bool:
    """Whether "`a` to `b`" gives the ends of one figure, not a change or a setting."""
    m = _CHANGE_BEFORE_REVERSED.match(text[max(0, a.start - 30) : a.start][::-1])
    if m and not (m["range"] and m["change"].lower() == "morf"):
        return False
    low = a.value * (1.0 if a.has_magnitude else _scale(text, b))
    return 0 < low and b.value <= _TO_RANGE_WIDTH * low


def _scale(text: str, mention: NumberMention) -> float:
    """The magnitude a mention's written number is multiplied by ("8 billion": 1e9)."""
    m = DIGITS_WRITTEN.search(text, mention.start, mention.end)
    written = digits_value(m.group()) if m else 0.0
    return mention.value / written if written else 1.0


def _parse_decimal(num: str, scaled: bool) -> tuple[float, float]:
    """Value and half-step of written precision. For whole counts, trailing zeros
    are read as rounding, but never coarser than two significant figures."""
    digits = num.replace(",", "").replace("\u00a0", "")
    value = float(digits)
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return value, 0.5 * 10**-decimals
    step = 1.0
    if scaled and value >= 100:
        zeros = len(digits) - len(digits.rstrip("0"))
        step = 10.0 ** max(0, min(zeros, len(digits.lstrip("0")) - 2, 300))
    return value, step / 2


_HYPHENED_TO = regexes.compile(r"-to-\d")
_HYPHENED_TO_BEFORE = regexes.compile(r"(?<![\w.,-])\d[\d,]*(?:\.\d+)?-to-$")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Part of a hyphenated name such as `Qwen3.5-397B-A17B` or `R1-0528`; not an end
    of a hyphenated range ("5-to-10 percent")."""
    if text.find("-to-", max(0, start - 24), end + 4) != -1 and (
        _HYPHENED_TO.match(text, end) or _HYPHENED_TO_BEFORE.search(text, max(0, start - 24), start)
    ):
        return False
    if start and text[start - 1] == "-":
        head = text[max(0, start - 40) : start]
        word = head[len(head.rstrip(_NAME_CHARACTERS)) :]
        if any(c.isalpha() for c in word):
            return True
    tail = text[end - 1 : end + 2]
    return tail[:1].isalnum() and tail[1:2] == "-" and tail[2:3].isalnum()


def _is_lookalike(text: str, start: int, end: int, num: str, has_unit: bool) -> bool:
    """Years, dates, times, versions, phone numbers and labels are not quantities."""
    before = text[max(0, start - 24) : start]
    after = text[end : end + 24]
    if after[:1] == ":" and after[1:2].isdigit() or before[-1:] == ":" and before[-2:-1].isdigit():
        return True  # 13:02
    if after[:1] == "\u20e3" or after[:2] == "\ufe0f\u20e3":
        return True  # a keycap emoji numbering a list: "5️⃣ Qwen has …"
    if not has_unit and _CLOCK_AFTER.match(after):
        return True  # a time: "moved to 4 pm", "at 4 p.m. HKT", "at 4 o'clock"
    if (
        after[:1] == "."
        and (after[1:2].isdecimal() or _TICKER_AFTER.match(after))
        or (after[:1].isalpha() and not has_unit and after[:2] != "x ")
    ):
        return True  # 1.2.3, 3D, 2nd, the ticker 2513.HK
    if has_unit:
        return False
    if _YEAR.fullmatch(num):
        return True
    backwards = before[::-1]
    if _DATE_BEFORE_REVERSED.match(backwards) or _DATE_AFTER.match(after):
        return True
    label = _LABEL_BEFORE_REVERSED.match(backwards)
    if label and ("," not in num or label.group().strip().lower() != "rebmun"):
        return True  # (a grouped count is none: "derivatives now number 151,448")
    if _LISTED_AFTER_LABEL_REVERSED.match(backwards) or _STREET_AFTER.match(after):
        return True  # "pages 1,024 and 1,025", "2200 Century Avenue"
    if _VERSION.fullmatch(num) and _MODEL_BEFORE_REVERSED.match(backwards):
        return True  # a model's version: "Qwen 3.5", "DeepSeek 4", "Llama 3.1"
    if "," not in num and _ACRONYM_BEFORE_REVERSED.match(backwards):
        if not _CAPITALS_AFTER.match(after):
            return True  # "RTX 4090 GPUs"
    if not before.strip() and (after[:1] == ")" or _THREAD_NUMBER.match(after)):
        return True  # "1)" list numbering, "4/" or "4/12" numbering a post in a thread
    phone = _PHONE.search(text[max(0, start - 6) : end + 12])
    return phone is not None and sum(c.isdigit() for c in phone.group()) >= 7


def _word_value(word: str) -> float | None:
    """The value of a number in words up to 999 ("a", "forty-one", "a hundred and
    twenty", "seven hundred"), as the patterns above write them."""
    value = None
    for token in re.split(r"[- ]", word.lower()):
        if token == "a" and value is None:
            value = 1
        elif token == "hundred":
            value = (value or 1) * 100
        elif token in _ONES or token in _TENS:
            value = (value or 0) + _ONES.get(token, _TENS.get(token, 0))
        elif token != "and":
            return None
    return None if value is None else float(value)


def _number_or_word(token: str) -> float | None:
    return float(token) if token.isdigit() else _word_value(token)


@cache
def _fraction_tolerance(k: int, n: int) -> float:
    """Half the gap, in percent, from k/n to the nearest other fraction whose denominator
    is at most n (at least 5). A named fraction stands for what is nearer to it than to
    any fraction as simple: "one-seventh" (14.3%) is 13.1% to 15.5%; 17% is nearer
    one-sixth. Fifths are always that simple: "a third" is 30% to 36.7% (40% is two
    fifths), not anything nearer a third than a half."""
    most = max(n, 5)
    gap = min(
        abs(k / n - j / d) for d in range(1, most + 1) for j in range(d + 1) if j * n != k * d
    )
    return 50 * gap


def _word_mention(text: str, m: re.Match) -> NumberMention | None:
    if m.group("suffix"):
        unit = "pp" if "point" in m.group("suffix").lower() else "percent"
        point = m.group("point")
        if point:  # "seventeen point one percent" is 17.1, as precise as its digits
            whole = m.group("num")[: -len(point)]
            digits = "".join(str(_ONES[w]) for w in point.lower().split()[1:])
            value = float(f"{_word_value(whole):.0f}.{digits}")
            return NumberMention(
                m.start(), m.end(), value, unit, 0.5 * 10 ** -len(digits), word_form=True
            )
        value = _word_value(m.group("num"))
        return NumberMention(m.start(), m.end(), value, unit, 0.5, word_form=True)
    if m.group("k"):
        k, n = _number_or_word(m.group("k")), _number_or_word(m.group("n"))
        if not k or not n or k > n or n < 2 or n > 100:
            return None
        if k == n and m.group("shared"):
            return None  # "three answers in three sources": no share of anything
        if m.group("k")[0].isdigit() and (
            text[max(0, m.start() - 1) : m.start()] == "#"
            or _LABEL_BEFORE_REVERSED.match(text[max(0, m.start() - 24) : m.start()][::-1])
        ):
            return None  # a rank or a label: "No. 1 in 40 countries", "#1 in 40 markets"
        # "four in ten" can stand for anything that rounds to four tenths; "one in six"
        # is one-sixth, a named fraction (not anything from 8% to 25%).
        tolerance = 50 / n if n in (10, 100) else _fraction_tolerance(int(k), int(n))
        return NumberMention(
            m.start(), m.end(), 100 * k / n, "percent", tolerance, word_form=True, fraction=True
        )
    if m.group("fden"):
        n = _DENOMINATORS[m.group("fden").lower()]
        if n == 2:
            return _half(m)
        k = _word_value(m.group("fnum") or "")
        spaced = m.group("fsep") == " "
        if not k or k >= n or (spaced and not m.group("fof")):
            return None
        return NumberMention(
            m.start(),
            m.end(),
            100 * k / n,
            "percent",
            _fraction_tolerance(int(k), n),
            word_form=True,
            fraction=True,
        )
    if m.group("hundreds"):
        value = _word_value(m.group("hundreds"))
        return NumberMention(
            m.start(), m.end(), value, "count", 0.5, word_form=True, needs_fact=True
        )
    if m.group("wmag"):
        scale = MAGNITUDES[m.group("wmag").lower()]
        head = _word_value(m.group("wnum"))
        # Read as its digits are: "seven hundred million" is as precise as "700 million",
        # "two thousand five hundred" as "2,500".
        if m.group("wrest"):
            value = head * scale + _word_value(m.group("wrest"))
            step = _parse_decimal(f"{value:.0f}", True)[1]
        else:
            value = head * scale
            step = _parse_decimal(f"{head:g}", True)[1] * scale
        currency = m.group("wcur")
        unit = SUFFIX_UNITS[currency.lower()] if currency else "count"
        return NumberMention(m.start(), m.end(), value, unit, step, True, word_form=True)
    return None


# "Half" is a share only as "half of" a noun phrase ("half of all downloads", "one half
# of"), and not as a part of a stretch or a count ("the second half of 2025", "a year and
# a half of work", "half the time").
_NOT_A_SHARE_BEFORE = regexes.compile(
    r"\b(?:the|first|second|latter|former|other|back|front|top|bottom|upper|lower|and)\s+$",
    re.IGNORECASE,
)


def _half(m: re.Match) -> NumberMention | None:
    fnum = m.group("fnum")
    if (
        m.group("fden").lower() != "half"  # "halves", "two halves"
        or (fnum and _word_value(fnum) != 1)
        or not (m.group("fof") or "").startswith(" of")
        or _NOT_A_SHARE_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    ):
        return None
    return NumberMention(
        m.start(),
        m.end(),
        50.0,
        "percent",
        _fraction_tolerance(1, 2),
        word_form=True,
        fraction=True,
    )
