"""Who the text credits for a claim (SPEC §2).

In order, first hit wins: a citation in the claim's sentence (footnote, link,
Pandoc key, a note marker such as "41%¹" whose note names a source); an
attribution cue in the sentence or table row ("according to X", "X found", "X's
report", a Source column); the nearest attribution earlier
in the same paragraph; a source line closing the paragraph, or right under its
table, list or paragraph ("Source: Similarweb"); and, for a sentence that
points back ("the same report", "this study", "these figures"), the most recent
attribution in an earlier paragraph of the same section (the section's heading
included; never across a heading), unless that paragraph credits other sources in
turn. "The former" / "the latter" opening a sentence is the first / last source the
nearest sentence before it credits by separate names. A source named only as a place or platform
("uploaded to Hugging Face") is not an attribution; one that owns a report
there ("in Microsoft's estimate") is.

Each module has one job: `cues` holds the words and patterns that make a name a
credit (`is_credit`) and finds the names no source has that a sentence credits;
`parts` splits a sentence into the parts that each credit their own source and
reads which sources a run of names stands for; `citations` reads what a
sentence's footnotes, links and Pandoc keys credit, and what a table's Source
cells and a source line credit; `notes` finds a sentence's note markers and the
numbered notes they point at; `layout` finds where a block stands (a list
item or table after its lead-in, a table, list or paragraph over its source
line, a quotation before its sign-off, a table row's text); `attributor` holds
the `Attributor`, which puts these together in the order above, remembering
each answer.
"""

from .attributor import Attributor
from .cues import is_credit

__all__ = ["Attributor", "is_credit"]
