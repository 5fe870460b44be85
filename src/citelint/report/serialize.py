"""Plain-data forms of claims and diagnostics, shared by the JSON-based formats."""

from __future__ import annotations

from ..model import Claim, Diagnostic, Fix


def number(value: float | None) -> float | int | None:
    """Integral values as ints, so 10bn prints as 10000000000."""
    if value is None:
        return None
    value = float(f"{value:.12g}")
    return int(value) if value.is_integer() and abs(value) < 2**63 else value


def claim_data(claim: Claim) -> dict:
    return {
        "text": claim.text,
        "value": number(claim.value),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "interval": [number(claim.low), number(claim.high)],
    }


def fix_data(fix: Fix | None, text: str | None = None) -> dict | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "replacement": fix.replacement,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits
        ],
    }


def diagnostic_data(d: Diagnostic) -> dict:
    # Line 0 marks a problem with a whole file (a fact table not found); JSON positions
    # are 1-based, so it is placed at line 1, as SARIF places it.
    return {
        "path": d.path,
        "line": max(1, d.line),
        "column": d.column,
        "end_line": max(1, d.end_line),
        "end_column": d.end_column,
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "claim": claim_data(d.claim) if d.claim else None,
        "fact": d.fact,
        "source": d.source,
        "fix": fix_data(d.fix),
    }
