"""`citelint check --format sarif`: a SARIF 2.1.0 log that validates against the
official schema, with exact regions (code-point columns, exclusive end) and fixes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from citelint import __version__
from citelint.checks import RULES
from citelint.model import Applicability, Diagnostic, Edit, Fix, Severity
from citelint.report import FileResult
from citelint.report.sarif import sarif_log

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("CITELINT_SHARED", REPO.parent / "shared"))
SCHEMA_PATH = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    """A Draft-07 validator for the official schema that never fetches anything:
    the schema is registered under its own id and any other URI is refused."""
    if not SCHEMA_PATH.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA_PATH} (set CITELINT_SHARED)")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

    def refuse(uri: str):
        raise LookupError(f"the SARIF schema must resolve offline, not fetch {uri}")

    resource = Resource(contents=schema, specification=DRAFT7)
    registry = Registry(retrieve=refuse).with_resource(schema["id"], resource)
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft7Validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def test_cli_sarif_for_a_draft_with_findings(citelint, workdir: Path, validator) -> None:
    proc = citelint(
        "check", "--isolated", "--facts", "facts.yaml", "--format", "sarif",
        "-o", "citelint.sarif", "draft.md", "clean.md", cwd=workdir,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    log = json.loads((workdir / "citelint.sarif").read_text(encoding="utf-8"))
    assert_valid(validator, log)

    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.resolve().as_uri() + "/"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("citelint", __version__)
    assert driver["informationUri"].startswith("https://")

    found = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in run["results"]
    ]
    draft = {"uri": "draft.md", "uriBaseId": "%SRCROOT%"}
    assert found == [
        # "41%" at 7:83-85: SARIF's endColumn is one past the last character.
        ("CL103", "error", draft, region(7, 83, 7, 86)),
        # "86%" after "聊天机器人 🤖": 53 code points in (54 UTF-16 code units).
        ("CL102", "error", draft, region(9, 53, 9, 56)),
        ("CL201", "warning", draft, region(11, 32, 11, 36 + 1)),
    ]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]

    misattributed = by_rule["CL103"]
    assert "17.1%" in misattributed["message"]["text"]
    assert misattributed["properties"]["fact"] == "cn-llm-download-share-past-year"
    assert misattributed["properties"]["source"] == "hf-spring-2026"
    (fix,) = misattributed["fixes"]
    assert fix["properties"]["applicability"] == "unsafe"
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == draft
    assert change["replacements"] == [
        {"deletedRegion": region(7, 83, 7, 86), "insertedContent": {"text": "17.1%"}}
    ]

    (fix,) = by_rule["CL102"]["fixes"]
    assert fix["properties"]["applicability"] == "safe"
    assert fix["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": region(9, 53, 9, 56), "insertedContent": {"text": "68%"}}
    ]

    # A display-only fix is advice, never an edit a viewer could apply.
    uncited = by_rule["CL201"]
    assert "fixes" not in uncited
    assert uncited["properties"]["fixApplicability"] == "display-only"
    assert "CGTN" in uncited["properties"]["suggestion"]


def test_cli_sarif_for_a_clean_draft(citelint, workdir: Path, validator) -> None:
    proc = citelint(
        "check", "--isolated", "--facts", "facts.yaml", "--format", "sarif", "clean.md",
        cwd=workdir,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    log = json.loads(proc.stdout)
    assert_valid(validator, log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_driver_lists_every_rule(validator) -> None:
    log = sarif_log([])
    assert_valid(validator, log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for described, rule in zip(rules, RULES.values(), strict=True):
        assert described["name"] == rule.name
        assert described["shortDescription"]["text"] == rule.summary
        assert described["fullDescription"]["text"] == rule.doc
        assert "## What it does" in described["help"]["markdown"]
        assert described["helpUri"].startswith("https://")
        assert described["defaultConfiguration"]["level"] == levels[rule.severity.value]


def _diagnostic(path: str, line: int, column: int, end_line: int, end_column: int, **kw):
    fields = {"code": "CL102", "rule": "value-mismatch", "severity": Severity.ERROR}
    fields.update(kw)
    return Diagnostic(path, line, column, end_line, end_column, message="m", **fields)


def test_regions_paths_and_fix_offsets(tmp_path: Path, validator) -> None:
    text = "# Title\n\n🤖 About 41\n% of downloads.\n"
    start = text.index("41")
    fix = Fix("Replace with 17.1%", (Edit(start, start + 4, "17.1%"),), Applicability.SAFE)
    inside = str(tmp_path / "my drafts" / "a b.md")
    outside = str(tmp_path.parent / "elsewhere.md")
    results = [
        FileResult(inside, text, (_diagnostic(inside, 3, 9, 4, 1, fix=fix),)),
        FileResult(
            outside,
            "",
            (_diagnostic(outside, 1, 1, 1, 1, severity=Severity.INFO, code="CL101"),),
        ),
    ]
    log = sarif_log(results, cwd=str(tmp_path))
    assert_valid(validator, log)
    first, second = log["runs"][0]["results"]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "my%20drafts/a%20b.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == region(3, 9, 4, 2)
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    # Offsets become code-point lines and columns: "41\n%" spans two lines.
    assert replacement["deletedRegion"] == region(3, 9, 4, 2)
    assert second["level"] == "note"
    assert second["ruleId"] == "CL101"
    assert second["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": Path(outside).resolve().as_uri()
    }
