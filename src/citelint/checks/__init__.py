"""The rule registry: every code citelint reports, in the order claims are judged.

Each claim gets at most one claim finding: the first of `CLAIM_RULES` that
applies (SPEC §3). `EXTRA_RULES` report in addition, about a claim's link;
`DOCUMENT_RULES` look at all claims of a document together. Codes and names
are stable public ids, independent of module paths.
"""

from __future__ import annotations

from . import (
    cl101_unsupported_statistic,
    cl102_value_mismatch,
    cl103_misattribution,
    cl104_unit_mismatch,
    cl201_missing_citation,
    cl202_citation_link_mismatch,
    cl301_stale_statistic,
    cl401_inconsistent_statistic,
    cl901_invalid_fact_table,
)
from .base import Finding, Rule

CLAIM_RULES = tuple(
    Rule.from_module(m)
    for m in (
        cl104_unit_mismatch,
        cl103_misattribution,
        cl102_value_mismatch,
        cl301_stale_statistic,
        cl201_missing_citation,
        cl101_unsupported_statistic,
    )
)
EXTRA_RULES = (Rule.from_module(cl202_citation_link_mismatch),)
DOCUMENT_RULES = (Rule.from_module(cl401_inconsistent_statistic),)
TABLE_RULES = (Rule.from_module(cl901_invalid_fact_table),)
DOCUMENT_CHECKS = {cl401_inconsistent_statistic.CODE: cl401_inconsistent_statistic.check_document}

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted(
        CLAIM_RULES + EXTRA_RULES + DOCUMENT_RULES + TABLE_RULES, key=lambda r: r.code
    )
}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES.values()}

__all__ = ["RULES", "BY_NAME", "CLAIM_RULES", "EXTRA_RULES", "DOCUMENT_RULES", "Finding", "Rule"]
