"""Join checked files into one table and check what refers across them.

Ids must be unique over all files; every fact's source must exist; every
`superseded_by` must name another fact, and following them must not loop.
All of it is linear in the number of records.
"""

from __future__ import annotations

from ..model import Fact, FactTable, Source
from .schema import Checked


def merge(parts: list[Checked]) -> FactTable:
    """One FactTable of all parts; problems go to each part's document."""
    sources: dict[str, tuple[Source, bool]] = {}  # id -> (source, only named by a CSV row)
    for part in parts:
        for index, source in part.sources:
            implicit = index in part.doc.implicit_sources
            first = sources.get(source.id)
            if first is None or (first[1] and not implicit):
                sources[source.id] = (source, implicit)
            elif not implicit and source.id:
                part.report(
                    ("sources", index, "id"),
                    f"duplicate source id {source.id!r} (first defined at {first[0].origin})",
                )
    facts: dict[str, Fact] = {}
    places: dict[str, tuple[Checked, int]] = {}  # where each id is first defined
    for part in parts:
        for index, fact in part.facts:
            first = facts.setdefault(fact.id, fact)
            if first is fact:
                places[fact.id] = (part, index)
            elif fact.id:
                part.report(
                    ("facts", index, "id"),
                    f"duplicate fact id {fact.id!r} (first defined at {first.origin})",
                )
    _check_references(parts, sources, facts, places)
    return FactTable(
        sources=tuple(source for source, _ in sources.values()),
        facts=tuple(fact for part in parts for _, fact in part.facts),
        omitted=tuple(omission for part in parts for omission in part.omitted),
        paths=tuple(part.doc.path for part in parts),
    )


def _check_references(
    parts: list[Checked],
    sources: dict[str, tuple[Source, bool]],
    facts: dict[str, Fact],
    places: dict[str, tuple[Checked, int]],
) -> None:
    done: set[str] = set()
    for part in parts:
        for index, fact in part.facts:
            if fact.source and fact.source not in sources:
                part.report(("facts", index, "source"), _unknown_source(fact.source, sources))
            successor = fact.superseded_by
            if successor is None:
                continue
            if successor == fact.id:
                part.report(("facts", index, "superseded_by"), "a fact cannot supersede itself")
            elif successor not in facts:
                part.report(("facts", index, "superseded_by"), f"unknown fact {successor!r}")
            elif fact.id not in done:
                cycle = _cycle(fact.id, facts, done)
                if cycle:
                    owner, at = places[cycle[0]]
                    owner.report(
                        ("facts", at, "superseded_by"),
                        "superseded_by forms a cycle: " + " -> ".join(cycle),
                    )


def _cycle(start: str, facts: dict[str, Fact], done: set[str]) -> list[str] | None:
    """Follow `superseded_by` from `start`: the loop it runs into, if any (`a -> b -> a`).

    Every fact is followed once over the whole table (`done`), so the check is linear;
    a fact superseding itself is reported elsewhere, not as a loop.
    """
    path: list[str] = []
    on_path: set[str] = set()
    current: str | None = start
    while current is not None and current in facts and current not in done:
        if current in on_path:
            loop = path[path.index(current) :] + [current]
            done.update(path)
            return loop if len(loop) > 2 else None
        path.append(current)
        on_path.add(current)
        current = facts[current].superseded_by
    done.update(path)
    return None


def _unknown_source(source: str, sources: dict[str, tuple[Source, bool]]) -> str:
    """The message for a fact naming a source no file defines, with a close id if any."""
    if len(sources) > 1000:  # keep a table full of bad references linear
        return f"unknown source {source!r}"
    import difflib

    close = difflib.get_close_matches(source, list(sources), n=1, cutoff=0.7)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown source {source!r}{hint}"
