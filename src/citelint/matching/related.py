"""A claim's related facts in two parts, so that a large table costs a claim no walk over
hundreds of facts.

In a table of 100,000 facts a claim shares its words with a few hundred facts that have
no subject, the same for every claim of a context, and has a few facts with a subject of
its own. The steps that narrow or reorder the list (`FactIndex.measuring`, `telling`,
`promoted`, `quoted`) read the shared part once per context (remembered by the index) and
the claim's own facts per claim; the whole list is written out once, for the rules.
"""

from __future__ import annotations

from bisect import bisect_left

from .scoring import _SCORE, Scored, _negative_score

Placed = tuple[tuple[int, Scored], ...]


class Related:
    """`shared`: subject-less facts in order, a tuple the index remembers and the claims of
    a context share; `placed`: the claim's facts with a subject, in order, each with the
    place in `shared` it stands before (a place never decreases along `placed`)."""

    __slots__ = ("shared", "placed")

    def __init__(self, shared: tuple[Scored, ...], placed: Placed = ()):
        self.shared = shared
        self.placed = placed

    def __bool__(self) -> bool:
        return bool(self.shared or self.placed)

    def facts(self) -> tuple[Scored, ...]:
        """The related facts in order: `placed` put in place among `shared`."""
        if not self.placed:
            return self.shared
        shared = self.shared
        out: list[Scored] = []
        start = 0
        for place, scored in self.placed:
            out += shared[start:place]
            out.append(scored)
            start = place
        out += shared[start:]
        return tuple(out)


def related_order(
    with_subject: list[Scored], loose: tuple[Scored, ...], inside: tuple[bool, ...]
) -> Related:
    """Facts with a subject in the clause (`inside`) best first, placed among `loose`
    (after the facts with a higher score, before those with the same), then the other
    facts with a subject best first."""
    here = [s for s, flag in zip(with_subject, inside, strict=True) if flag]
    here.sort(key=_SCORE, reverse=True)
    placed = []
    start = 0
    for s in here:
        start = bisect_left(loose, -s.score, start, key=_negative_score)
        placed.append((start, s))
    end = len(loose)
    elsewhere = [s for s, flag in zip(with_subject, inside, strict=True) if not flag]
    elsewhere.sort(key=_SCORE, reverse=True)
    placed += [(end, s) for s in elsewhere]
    return Related(loose, tuple(placed))


NONE = Related(())
