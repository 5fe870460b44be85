"""A sentence's parts and their credits: where a sentence splits into parts that each
credit their own source ("According to Similarweb, ChatGPT holds 68%; MIT found …"),
the cue names of each part with the names written onto them ("Hugging Face/MIT"), the
figure each name credits when "respectively" pairs them ("17.1% and 68%, per MIT and
Similarweb, respectively"), and which sources a run of names stands for."""

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import NamedTuple

from .. import regexes
from ..model import Attribution
from ..names import Mention, NameIndex
from ..numbers import find_numbers, plain_spacing, with_ranges
from .cues import _MEDIA_SAYS, _OWN_WORK, _POSSESSIVE, _UNKNOWN_NAME, _unknown_credit, is_credit

# What joins two names into one ("Hugging Face/MIT", "MIT-Hugging Face", "MIT & HF").
_WRITTEN_ONTO = regexes.compile(r"\s*(?:/|&|-|–)\s*|\s+and\s+")
# What keeps two adjacent names apart ("MIT, and Hugging Face"): they name two sources.
_SEPARATES = regexes.compile(r"[,;:()]|\band\b")


class _CuePart(NamedTuple):
    start: int  # where the part of the sentence starts
    cue: Attribution | None
    # "…, according to MIT and Similarweb respectively": where each figure of the part
    # starts, and what credits it (each name in turn), when the counts match.
    figures: tuple[int, ...] = ()
    respective: tuple[Attribution, ...] = ()


def _sentence_cues(text: str, names: NameIndex) -> tuple[_CuePart, ...]:
    """The parts of `text`, each with what its cue credits (one part, with no credit,
    when no name in it is a credit)."""
    mentions = names.mentions(text)
    cues = [m for m in mentions if is_credit(text, m)]
    if cues and len(cues) < len(mentions):
        cues = _with_joined(text, mentions, cues)
        cues = _with_listed(text, mentions, cues)
    if cues:
        if any(_RESPECTIVELY_AFTER.match(text, m.end) for m in cues):
            # the figures a list of names pairs with may stand on both sides of an "and"
            # or a bracket: only a semicolon or ", while" splits the sentence
            breaks = _hard_breaks(text)
        else:
            breaks = _part_breaks(text, cues)
        if not breaks:
            return (_cue_part(text, 0, len(text), cues),)
        by_part: dict[int, list[Mention]] = defaultdict(list)
        for m in cues:
            by_part[bisect_right(breaks, m.start)].append(m)
        return tuple(
            _cue_part(
                text,
                breaks[part - 1] + 1 if part else 0,
                breaks[part] if part < len(breaks) else len(text),
                found,
            )
            for part, found in by_part.items()
        )
    unknown = _UNKNOWN_NAME.search(text) or _OWN_WORK.search(text) or _MEDIA_SAYS.search(text)
    name = unknown.group("name").strip(" .,;:'’") if unknown else None
    name = name or _unknown_credit(text, mentions, names)
    if name:
        return (_CuePart(0, Attribution(frozenset(), "cue", (name,))),)
    return (_CuePart(0, None),)


# What after a list of names pairs them with the figures in order: "according to MIT and
# Similarweb respectively", "per MIT and Similarweb, respectively", "MIT's and Similarweb's
# data respectively".
_RESPECTIVELY_AFTER = regexes.compile(
    r"(?:['’]s?)?(?:\s+(?:data|figures|estimates|reports?|studies|analyses))?\s*,?\s+"
    r"respectively\b",
    re.IGNORECASE,
)


# What keeps apart the names of a list: "MIT, Hugging Face and Similarweb", "MIT, HF, and
# Similarweb".
_LISTED = regexes.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _with_listed(text: str, mentions: list[Mention], cues: list[Mention]) -> list[Mention]:
    """The cue names and the names listed after one when "respectively" ends the list
    ("according to MIT, Hugging Face and Similarweb respectively"): each credits its
    figure as the first does."""
    ids = {id(c) for c in cues}
    for i, first in enumerate(mentions):
        if id(first) not in ids:
            continue
        last = i
        while last + 1 < len(mentions) and _LISTED.fullmatch(
            text, mentions[last].end, mentions[last + 1].start
        ):
            last += 1
        if last > i and _RESPECTIVELY_AFTER.match(text, mentions[last].end):
            ids.update(id(m) for m in mentions[i + 1 : last + 1])
    return [m for m in mentions if id(m) in ids]


def _cue_part(text: str, start: int, end: int, cues: list[Mention]) -> _CuePart:
    """The part of `text` from `start` to `end`, credited by `cues`; when "respectively"
    follows its names and it has as many figures as separate names, each figure is
    credited to its own name, in order. Otherwise every figure is credited to them all."""
    cue = _cue_attribution(text, cues)
    if not _RESPECTIVELY_AFTER.match(text, cues[-1].end):
        return _CuePart(start, cue)
    groups = _groups(text, cues)
    piece = plain_spacing(text[start:end])
    figures = tuple(
        start + n.start
        for n in with_ranges(piece, find_numbers(piece))
        # a bare small count ("two chatbots") is no statistic: not one of the figures
        if n.unit != "count" or n.has_magnitude or n.value >= 1000
    )
    if len(groups) < 2 or len(figures) != len(groups):
        return _CuePart(start, cue)
    respective = tuple(_cue_attribution(text, group) for group in groups)
    return _CuePart(start, cue, figures, respective)


# Where a sentence's parts end, each of which may credit its own source: "According to
# Similarweb, ChatGPT holds 68%; MIT found Chinese models hold 17.1%", "Similarweb puts
# ChatGPT at 68%, while Microsoft says DeepSeek holds 89%".
_PART_BREAK = regexes.compile(r";|,\s+(?:while|whereas|but)\b", re.IGNORECASE)
# What may join two clauses that each credit their own source: "and", "while" without its
# comma, or a bare comma before a clause whose verb is left out ("MIT's analysis puts the
# share at 17.1%, Hugging Face's report at 41%").
_AND = regexes.compile(r",?\s+(?:and|while|whereas)\b|,", re.IGNORECASE)
# How far after "and" the next part's cue may start: "and, according to Microsoft, …".
_AND_CUE_WITHIN = 30
# After a name, its say verb and the comma that closes its clause before the next one.
_CLOSING_CREDIT = regexes.compile(
    r"(?:['’]s)?(?:\s+(?:also\s+)?(?:said|says|found|finds|reported|reports|estimated|"
    r"estimates|noted|notes|wrote|writes|added|adds))?\s*(,)\s*(?:and|but|while|whereas)\b",
    re.IGNORECASE,
)


def _part_breaks(text: str, cues: list[Mention]) -> list[int]:
    """Where the sentence's parts end: at `_PART_BREAK`; at an "and" (a "while", a comma)
    between two clauses with a figure each, the second led by a cue ("Similarweb puts
    ChatGPT at 68%, and Microsoft says DeepSeek holds 89%"), not at one joining names
    ("Similarweb and Microsoft say") or figures ("68% and 18%, Similarweb says"); and
    after a bracketed credit that follows a figure or holds it, when another figure comes
    after it ("18% of the chatbot market (Microsoft) and 89% of the market in China
    (Similarweb)", "Gemini's share (18%, Microsoft) trails ChatGPT's (68%, Similarweb)").
    """
    breaks = _hard_breaks(text)
    starts = [m.start for m in cues]
    found = []
    for m in _AND.finditer(text):
        after = bisect_left(starts, m.end())
        if after == len(starts) or starts[after] - m.end() > _AND_CUE_WITHIN:
            continue
        if m.group() == ",":
            # A comma's clause opens with its cue and gives its figure before the next
            # comma: not "…, or about $165 billion. MIT …", nor a credit closing the
            # clause before it ("… 600 million times, MIT found, down from 2024").
            if _in_bracket(text, m.start()):
                continue
            # (past the cue's own name: "per the Spring 2026 report" gives no figure)
            cue_end = cues[after].end
            comma = text.find(",", cue_end)
            if _has_digit(text, m.end(), starts[after]) or not _has_digit(
                text, cue_end, len(text) if comma == -1 else comma
            ):
                continue
        found.append((m.start(), m.end(), m.start()))
    for cue in cues:
        # A credit closing its clause before ", and" another: "Gemini holds 18% …,
        # Microsoft found, and ChatGPT holds 68% of it, according to Similarweb".
        closing = _CLOSING_CREDIT.match(text, cue.end)
        if closing:
            found.append((closing.start(1), closing.end(1), cue.start))
        opened = text.rfind("(", 0, cue.start)
        closed = text.find(")", cue.end)
        if opened != -1 and closed != -1 and ")" not in text[opened : cue.start]:
            # the figure may stand in the bracket itself: "(18%, Microsoft)"
            found.append((opened, closed + 1, cue.start))
    for at, end, figure_end in found:
        before = max([b for b in breaks if b < at], default=0)
        until = min([b for b in breaks if b > at], default=len(text))
        if _has_digit(text, before, figure_end) and _has_digit(text, end, until):
            # a bracketed credit belongs to the figure before it: the part ends after it
            breaks.append(end - 1 if text[at] == "(" else at)
    return sorted(set(breaks))


def _hard_breaks(text: str) -> list[int]:
    """Where `_PART_BREAK` ends a part: not inside a bracket ("(4%; Microsoft)" is one
    credit)."""
    return [m.start() for m in _PART_BREAK.finditer(text) if not _in_bracket(text, m.start())]


def _in_bracket(text: str, at: int) -> bool:
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def _has_digit(text: str, start: int, end: int) -> bool:
    return any(c.isdigit() for c in text[start:end])


def _cue_attribution(text: str, cues: list[Mention]) -> Attribution:
    written = tuple(dict.fromkeys(_written(text, cues)))
    return Attribution(_combine(text, cues), "cue", written=written)


def _with_joined(text: str, mentions: list[Mention], cues: list[Mention]) -> list[Mention]:
    """The cue names and those written onto them ("according to Hugging Face/MIT",
    "an MIT-Hugging Face study"): one name for one source, which `_combine` narrows."""
    ids = {id(c) for c in cues}
    chosen = [id(m) in ids for m in mentions]
    joined = [
        _WRITTEN_ONTO.fullmatch(text, a.end, b.start) is not None
        for a, b in zip(mentions, mentions[1:], strict=False)
    ]
    for i, onto in enumerate(joined):  # forwards, then backwards: a chain spreads once
        chosen[i + 1] = chosen[i + 1] or (onto and chosen[i])
    for i in reversed(range(len(joined))):
        chosen[i] = chosen[i] or (joined[i] and chosen[i + 1])
    return [m for m, keep in zip(mentions, chosen, strict=True) if keep]


def _combine(text: str, mentions: list[Mention]) -> frozenset[str]:
    """Union over separate names, but adjacent names narrow each other:
    "Hugging Face's Spring 2026 report" is the report, not every HF source."""
    return frozenset().union(*_named_groups(text, mentions))


def _reference(text: str, mentions: list[Mention]) -> frozenset[str]:
    """What a reference (a footnote's text, a Source cell) credits: as `_combine`, but
    names a comma or semicolon keeps apart narrow each other too when they share a
    source, as a reference writes publisher and title ("Hugging Face, Spring 2026
    report"; "MIT, Hugging Face"); names with nothing in common stay separate works."""
    groups = _named_groups(text, mentions)
    if len(groups) > 1:
        common = frozenset.intersection(*groups)
        if common:
            return common
    return frozenset().union(*groups)


def _named_groups(text: str, mentions: list[Mention]) -> list[frozenset[str]]:
    """The sources of each run of adjacent names (one name, or names that narrow each
    other, such as "Hugging Face's Spring 2026 report")."""
    found = []
    for group in _groups(text, mentions):
        common = frozenset.intersection(*(m.sources for m in group))
        found.append(common or frozenset(_union(group)))
    return found


def _groups(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    """The runs of adjacent names: those no comma, semicolon, bracket or "and" keeps
    apart name one work together."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            gap = text[groups[-1][-1].end : m.start]
            if len(gap) <= 30 and not _SEPARATES.search(gap):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def _written(text: str, mentions: list[Mention]) -> list[str]:
    """Names as the draft writes them, possessives dropped."""
    return [_POSSESSIVE.sub("", text[m.start : m.end]) for m in mentions]


def _union(mentions: list[Mention]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= m.sources
    return out
