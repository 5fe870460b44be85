"""Fact ids: `<source-id>-<subject and metric words>-<value>`, made from the candidate
alone so that extracting a document again gives the same ids.
"""

from __future__ import annotations

import re

from ..terms import STOPWORDS
from ..wording import number
from .figures import Candidate

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
