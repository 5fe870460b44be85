"""How messages and fixes write values and name sources."""

from __future__ import annotations

import re

from . import regexes
from .model import Claim, Fact, Source
from .numbers import (
    DIGITS_WRITTEN,
    digits_value,
    fraction_words,
    in_fraction_words,
    plain_spacing,
)


def counted(n: int, noun: str) -> str:
    """ "1 file", "2 files": a count with its noun in the right number."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


_CURRENCY_PREFIX = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$", "INR": "₹"}
_CURRENCY_WORD = {"CNY": "yuan"}
_UNIT_NAMES = {
    "percent": "percent", "pp": "percentage points", "count": "a plain count",
    "times": "a multiple", "CNY": "yuan (CNY)", "USD": "US dollars (USD)",
    "EUR": "euros (EUR)", "GBP": "pounds (GBP)", "JPY": "yen (JPY)",
    "HKD": "Hong Kong dollars (HKD)",
}  # fmt: skip
_MAGNITUDES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_QUALIFIER_WORDS = {">": "more than", ">=": "at least", "<": "less than", "<=": "up to",
                    "~": "about", "=": ""}  # fmt: skip
_QUALIFIER_CODES = {
    "more than": ">", "over": ">", "above": ">", ">": ">",
    "at least": ">=", ">=": ">=",
    "less than": "<", "under": "<", "below": "<", "<": "<",
    "up to": "<=", "<=": "<=",
    "about": "~", "around": "~", "roughly": "~", "approximately": "~", "~": "~",
    "nearly": "~", "almost": "~",
    "exactly": "=", "=": "=",
}  # fmt: skip
# Qualifiers that are the sentence's verb ("revenue surpassed 1.5 trillion"): a fix keeps
# them, as "more than" in their place would leave the sentence without one.
_VERBS = frozenset(
    """exceeding exceeded exceeds exceed topped tops topping top passed passing passes pass
    surpassed surpassing surpasses surpass crossed crossing crosses cross climbed climbs moved
    moves approaching""".split()
)
# The first word of a qualifier written after its number ("or more", "and above").
_AFTER = frozenset({"or", "and"})
# Whitespace but the no-break spaces, which are typography, not layout.
_LAYOUT_SPACE = regexes.compile(r"[^\S\u00a0\u2007\u202f]+")


def one_line(text: str) -> str:
    """`text` with each run of whitespace one space: a message quotes a claim written
    across a line break ("1.5\\ntrillion yuan") on one line. `text` itself when it
    already is."""
    # Nearly every message is printable (no whitespace but lone spaces): two quick
    # scans, where substituting would build every message anew.
    if text.isprintable() and "  " not in text:
        return text
    spaced = _LAYOUT_SPACE.sub(" ", text)
    return text if spaced == text else spaced


def credited_names(names: tuple[str, ...]) -> str:
    """The names a text credits that the table does not hold, for a message: a footnote
    naming no source is quoted whole, so each is one line and shortened."""
    return ", ".join(
        short if len(short := one_line(name).strip()) <= 60 else short[:59].rstrip() + "…"
        for name in names
    )


def number(value: float, commas: bool = True) -> str:
    """17.1, 41, 6,200: no trailing zeros, at most three decimals."""
    text = f"{value:,.3f}" if commas else f"{value:.3f}"
    return text.rstrip("0").rstrip(".")


def value(val: float, unit: str) -> str:
    """A value in its unit as prose writes it: 17.1%, $619 million, 1.2 trillion yuan."""
    if unit == "percent":
        return f"{number(val)}%"
    if unit == "pp":
        return f"{number(val)} percentage points"
    if unit == "times":
        return f"{number(val)}×"
    mantissa, magnitude = val, ""
    if unit == "count" or unit.isupper():
        for scale, word in _MAGNITUDES:
            if abs(val) >= scale:
                mantissa, magnitude = val / scale, f" {word}"
                break
    body = number(mantissa) + magnitude
    if unit in _CURRENCY_PREFIX:
        return _CURRENCY_PREFIX[unit] + body
    if unit in _CURRENCY_WORD:
        return f"{body} {_CURRENCY_WORD[unit]}"
    if unit.isupper():
        return f"{body} {unit}"
    return body if unit in {"count", "score", "ratio", "points"} else f"{body} {unit}"


def qualifier_code(words: str | None) -> str:
    """A fact qualifier's comparison: "more than" -> ">", "around" -> "~", None -> "="."""
    if not words:
        return "="
    return _QUALIFIER_CODES.get(" ".join(words.split()).lower(), "=")


def is_verb(qualifier_words: str) -> bool:
    """Whether a claim's qualifier, as written, is a verb ("surpassed", "topped"), or
    words after the number ("or more"), which a fix of the number keeps as well."""
    first = qualifier_words.split(maxsplit=1)[:1]
    return bool(first) and first[0].lower() in _VERBS | _AFTER


# Qualifiers written as a sign, right before the number: "~17%", "≥15%".
_SYMBOLS = frozenset({"~", "≈", ">", "<", "≥", "≤", ">=", "<="})


def stated(claim: Claim) -> str:
    """The claim as the draft states it, with its qualifier: "more than 45%", "17% or
    more"; a qualifier that is the sentence's verb by what it means ("topped 10 billion":
    "more than 10 billion"). The claim's text alone when it has none."""
    words = claim.qualifier_words
    if not words:
        return claim.text
    first = words.split(maxsplit=1)[0].lower()
    if first in _AFTER:
        return f"{claim.text} {words}"
    if first in _VERBS:
        return f"{qualifier_words(claim.qualifier)} {claim.text}".lstrip()
    return f"{words}{'' if words in _SYMBOLS else ' '}{claim.text}"


def qualifier_words(qualifier: str | None) -> str:
    """A fact's qualifier as prose: ">" -> "more than"; words stay as written."""
    if not qualifier:
        return ""
    return _QUALIFIER_WORDS.get(qualifier, qualifier)


def fact_value(fact: Fact) -> str:
    """The fact's value with the source's own qualifier: "more than 6,200"."""
    written = value(fact.value, fact.unit)
    qualifier = qualifier_words(fact.qualifier)
    return f"{qualifier} {written}" if qualifier else written


def unit_name(unit: str) -> str:
    return _UNIT_NAMES.get(unit, unit)


def source_ref(source: Source | None, fallback: str = "an unknown source") -> str:
    """Publisher and title: 'Hugging Face, “State of Open Source on Hugging Face: Spring 2026”'."""
    if source is None:
        return fallback
    if source.publisher and source.publisher.lower() not in source.name.lower():
        return f"{source.publisher}, “{source.name}”"
    return f"“{source.name}”"


def as_of(fact: Fact) -> str:
    return f" (as of {fact.as_of})" if fact.as_of else ""


# A ratio in words standing before its noun as a determiner ("nine in ten startups") and
# the start of a noun after it (not "of", which a share written in digits needs).
_RATIO_IN_WORDS = regexes.compile(
    r"[A-Za-z]+(?:[ -]+[A-Za-z]+)*[ -]+(?:in|out[ -]+of|of[ -]+every)(?:[ -]+every)?[ -]+"
    r"[A-Za-z]+"
)
_NOUN_NEXT = regexes.compile(r"[ \t\n]+(?!of\b)[A-Za-z]")


def with_of(claim: Claim, text: str) -> str:
    """`text`, a figure in digits written over the claim, with the "of" its noun then
    needs: "nine in ten startups" becomes "80% of startups", not "80% startups"."""
    if not _RATIO_IN_WORDS.fullmatch(claim.text) or not text[:1].isdigit():
        return text
    at = claim.sentence.find(claim.text)
    if at < 0 or not _NOUN_NEXT.match(claim.sentence, at + len(claim.text)):
        return text
    return text + " of"


_ARTICLE = regexes.compile(r"an?[ -]", re.IGNORECASE)


def replacement(claim: Claim, val: float, unit: str) -> str:
    """The claim's text with its number changed to `val`, keeping how it was written
    ("$690 million" -> "$619 million"); spelled-out forms are rewritten whole."""
    plain = plain_spacing(claim.text)  # the same length: its offsets are the text's
    numbers = DIGITS_WRITTEN.findall(plain)
    if not numbers and unit == claim.unit == "percent" and in_fraction_words(claim.text):
        words = fraction_words(val)  # "one-third" -> "one-seventh", not "14.29%"
        if words:
            article = _ARTICLE.match(claim.text)
            if article and words.startswith("one-"):
                ordinal = words[4:]
                return f"{'an' if ordinal.startswith('eighth') else 'a'} {ordinal}"
            return words
    if unit != claim.unit or len(numbers) != 1:  # a range ("15–20%") is rewritten whole
        return value(val, unit)
    match = DIGITS_WRITTEN.search(plain)
    written = digits_value(match.group())
    if written == 0:
        return value(val, unit)
    scale = claim.value / written
    if abs(val / scale) < 1:
        return value(val, unit)  # not "0.006 million" for 6,200: the figure as the fact has it
    space = match.group().find("\u00a0")
    new = number(val / scale, commas="," in match.group() or space >= 0)
    if space >= 0:  # grouped as written: "6 200" stays "6 500", not "6,500"
        new = new.replace(",", claim.text[match.start() + space])
    return claim.text[: match.start()] + new + claim.text[match.end() :]
