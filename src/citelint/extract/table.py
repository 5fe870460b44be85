"""The draft table: a `Source` entry for each document (command-line fields first, then
its front matter) and an unreviewed `Fact` record for each of its figures, duplicates
merged, with an id from `ids`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Fact, FactTable, Source
from ..sourcedocs import SourceDocument
from .duplicates import merge_duplicates
from .figures import candidates
from .ids import fact_id


@dataclass(frozen=True, slots=True)
class SourceFields:
    """Source metadata given on the command line; None fields come from the document."""

    id: str | None = None
    name: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Draft:
    """A draft fact table: sources and facts, in document order."""

    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    documents: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    def table(self) -> FactTable:
        return FactTable(sources=self.sources, facts=self.facts)


def source_for(doc: SourceDocument, given: SourceFields = SourceFields()) -> Source:
    """The curated-table Source entry for a document: flags first, then front matter."""
    aliases = [a for a in doc.meta.get("aliases", "").split("\n") if a.strip()]
    publisher = given.publisher or doc.publisher
    outlet = doc.meta.get("outlet")
    if outlet and outlet != publisher:
        aliases.append(outlet)
    return Source(
        id=given.id or doc.id,
        name=given.name or doc.title or doc.stem,
        publisher=publisher,
        aliases=tuple(dict.fromkeys(aliases)),
        url=given.url or doc.url,
        published=given.published or doc.published,
        notes=f"Extracted by citelint facts extract from {doc.path}.",
    )


def facts_for(
    doc: SourceDocument,
    source: Source,
    known: FactTable | None = None,
    taken: set[str] | None = None,
) -> list[Fact]:
    """The candidate facts of one document, duplicates merged, as Fact records."""
    taken = set() if taken is None else taken
    out = []
    for candidate in merge_duplicates(candidates(doc, known)):
        lines = ", ".join(str(n) for n in candidate.lines)
        where = f"line {lines}" if len(candidate.lines) == 1 else f"lines {lines}"
        out.append(
            Fact(
                id=fact_id(source.id, candidate, taken),
                source=source.id,
                value=candidate.value,
                unit=candidate.unit,
                metric=candidate.metric or candidate.sentence,
                qualifier=candidate.qualifier,
                subject=candidate.subject,
                keywords=candidate.keywords,
                as_of=candidate.as_of,
                quote=candidate.sentence,
                quoted_from=candidate.quoted_from,
                status="unreviewed",
                notes=f"{doc.path}, {where}: “{candidate.text}”",
            )
        )
    return out


def draft(
    docs: Sequence[SourceDocument],
    given: SourceFields = SourceFields(),
    known: FactTable | None = None,
) -> Draft:
    """A draft table of the documents: one source each, one fact per figure."""
    sources = [source_for(doc, given) for doc in docs]
    names = FactTable(sources=tuple(sources) + (known.sources if known else ()))
    taken: set[str] = set()  # ids do not depend on the table merged into: reruns match
    facts: list[Fact] = []
    for doc, source in zip(docs, sources, strict=True):
        facts += facts_for(doc, source, names, taken)
    return Draft(tuple(sources), tuple(facts), tuple(d.path for d in docs))
