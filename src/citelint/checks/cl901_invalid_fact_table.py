"""The fact table cannot be read or fails the schema.

## What it does
Reports every problem of a fact table — a missing or mistyped field, an
unknown unit or source, a duplicate id, a `superseded_by` cycle, a syntax
error — with the file, line and field. Nothing is checked against a bad
table: citelint exits with status 2.

The problems go to stderr as `facts.yaml:7: CL901 [error] facts[0].unit: …`.
With `--format json`, `sarif` or `github` they are also the report on stdout:
findings (results, `::error` annotations) located in the table, whose message
starts with the file, line and field (`facts.yaml:7: facts[0].unit: unknown
unit …`). `citelint facts validate` reports them on stdout like its other
findings, kind `invalid-fact-table` (`facts.yaml:7: error: facts[0].unit: …
[invalid-fact-table]`, or in its `--format json` object).

## Why is this bad?
Checking drafts against a table that is partly wrong would report wrong
findings with confidence.

## Example
```yaml
facts:
  - id: cn-share
    source: hf-mit        # no source has this id
    value: "seventeen"    # not a number
    unit: furlongs        # not a unit
```

## Fix safety
There is no fix: correct the table; `citelint facts validate` lists every
problem.
"""

from __future__ import annotations

from ..model import Severity

CODE = "CL901"
NAME = "invalid-fact-table"
SEVERITY = Severity.ERROR
