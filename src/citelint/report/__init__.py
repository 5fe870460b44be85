"""Renderers: findings as text, JSON, SARIF, GitHub annotations or HTML.

Each renderer is a function `render(results, stream, **options)` where
`results` is a list of `FileResult` in the order the files were given.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from ..model import Diagnostic, FactTable, Source

if TYPE_CHECKING:
    from ..matching import Evidence


class FileResult(NamedTuple):
    """One checked file: its text (for excerpts) and its findings."""

    path: str
    text: str
    diagnostics: tuple[Diagnostic, ...]
    claims: int = 0
    # Every claim with the facts it was matched to, and the sources those facts and
    # the findings name: for reports that show verified claims too (--format html).
    evidence: "tuple[Evidence, ...]" = ()
    sources: tuple[Source, ...] = ()
    fixed: int = 0  # findings `--fix` fixed; `diagnostics` are what remains


def sources_for(
    table: FactTable, evidence: "Iterable[Evidence]", diagnostics: Iterable[Diagnostic]
) -> tuple[Source, ...]:
    """The sources of `table` that `evidence` and `diagnostics` refer to."""
    ids = {d.source for d in diagnostics if d.source}
    for ev in evidence:
        ids |= ev.attribution.sources | ev.attribution.link_sources
        for scored in (*ev.fits, *ev.metric, *ev.elsewhere, *ev.other_unit):
            ids.add(scored.fact.source)
    return tuple(s for s in table.sources if s.id in ids)
