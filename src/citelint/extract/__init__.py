"""Candidate facts from source documents: the first draft of a fact table.

Every statistic in a source document (found by `claims.extract`, the same
reader that finds claims in drafts, plus bare counts with a qualifier such as
"over 100 releases") becomes a candidate fact: its value, unit and qualifier,
the sentence it is in as `quote`, and a suggested `metric`, `subject` and
`keywords` taken from that sentence. A figure the document itself credits to
someone else ("according to X", "X reported", "a study by X") is marked
`quoted_from: X`. The same figure stated several times in one document for
the same thing is one candidate.

The suggestions are heuristics for a reviewer to correct, not judgements:
the subject is the proper name nearest the number in its clause, the metric
is the phrase the number quantifies ("share of global downloads",
"cumulative downloads worldwide").

Each module has one job: `figures` finds the statistics of a document as candidates;
`credits` finds who a sentence credits for them; `subject` and `suggest` suggest their
subject, metric, keywords and date; `duplicates` merges a figure stated several times;
`ids` makes fact ids; `table` builds the draft table of sources and facts; `yaml_out`
writes it as YAML; `merging` adds it to a reviewed table.
"""

from ..wording import qualifier_code
from .credits import cue_names
from .duplicates import merge_duplicates
from .figures import Candidate, candidates
from .ids import fact_id, value_slug
from .merging import MergeResult, merge
from .table import Draft, SourceFields, draft, facts_for, source_for
from .yaml_out import fact_yaml, render, scalar, source_yaml

__all__ = [
    "Candidate",
    "Draft",
    "MergeResult",
    "SourceFields",
    "candidates",
    "cue_names",
    "draft",
    "fact_id",
    "fact_yaml",
    "facts_for",
    "merge",
    "merge_duplicates",
    "qualifier_code",
    "render",
    "scalar",
    "source_for",
    "source_yaml",
    "value_slug",
]
