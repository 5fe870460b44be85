"""`citelint check --format github`: one workflow command per finding, escaped the way
the Actions toolkit escapes them, and a summary line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from citelint.model import Diagnostic, Severity
from citelint.report import FileResult, github


def test_cli_github_annotations(citelint, workdir: Path) -> None:
    proc = citelint(
        "check", "--isolated", "--facts", "facts.yaml", "--format", "github",
        "draft.md", "clean.md", cwd=workdir,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split("::")[1] for line in lines[:-1]] == [
        "error file=draft.md,line=7,col=83,endLine=7,endColumn=85,title=CL103 misattribution",
        "error file=draft.md,line=9,col=53,endLine=9,endColumn=55,title=CL102 value-mismatch",
        "warning file=draft.md,line=11,col=32,endLine=11,endColumn=36,title=CL201 missing-citation",
    ]
    for line in lines[:-1]:
        assert line.startswith("::")
        message = line.split("::", 2)[2]
        assert message and "\n" not in message
    assert "41%25 is credited to" in lines[0].split("::", 2)[2]
    assert lines[-1] == (
        "citelint: found 3 problems (2 errors, 1 warning) in 1 of 2 files; 4 claims checked."
    )


def test_cli_github_clean(citelint, workdir: Path) -> None:
    proc = citelint(
        "check", "--isolated", "--facts", "facts.yaml", "--format", "github", "clean.md",
        cwd=workdir,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "citelint: all checks passed: 1 file, 1 claim checked.\n"


def _diagnostic(**kw) -> Diagnostic:
    fields = dict(
        path="drafts/a.md", line=3, column=5, end_line=3, end_column=7, code="CL103",
        rule="misattribution", severity=Severity.ERROR, message="41% is wrong",
    )  # fmt: skip
    fields.update(kw)
    return Diagnostic(**fields)


def _render(results: list[FileResult], monkeypatch, cwd: Path) -> list[str]:
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    out = io.StringIO()
    github.render(results, out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("severity", "command"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_severity_commands(severity, command, monkeypatch, tmp_path: Path) -> None:
    d = _diagnostic(severity=severity)
    lines = _render([FileResult("drafts/a.md", "", (d,), claims=1)], monkeypatch, tmp_path)
    assert lines[0] == (
        f"::{command} file=drafts/a.md,line=3,col=5,endLine=3,endColumn=7,"
        "title=CL103 misattribution::41%25 is wrong"
    )


def test_escaping(monkeypatch, tmp_path: Path) -> None:
    d = _diagnostic(
        path="notes: 50%, final.md",
        message="100% of 2:1 odds, say\r\nso: yes, 50%",
        rule="a,b:c",
    )
    lines = _render([FileResult(d.path, "", (d,))], monkeypatch, tmp_path)
    assert lines[0] == (
        "::error file=notes%3A 50%25%2C final.md,line=3,col=5,endLine=3,endColumn=7,"
        "title=CL103 a%2Cb%3Ac::100%25 of 2:1 odds, say%0D%0Aso: yes, 50%25"
    )
    assert github.escape_data("a%0Ab\n") == "a%250Ab%0A"
    assert github.escape_property("x:1,y\r") == "x%3A1%2Cy%0D"


def test_multiline_finding_has_no_columns(monkeypatch, tmp_path: Path) -> None:
    d = _diagnostic(line=4, column=70, end_line=5, end_column=2, severity=Severity.WARNING)
    lines = _render([FileResult(d.path, "", (d,))], monkeypatch, tmp_path)
    assert (
        lines[0]
        == "::warning file=drafts/a.md,line=4,endLine=5,title=CL103 misattribution::41%25 is wrong"
    )


def test_paths_relative_to_workspace(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    absolute = str(tmp_path / "docs" / "a.md")
    results = [FileResult(absolute, "", (_diagnostic(path=absolute),)), FileResult("b.md", "", ())]
    # An absolute path inside the current folder is made relative to it...
    assert _render(results, monkeypatch, tmp_path)[0].startswith("::error file=docs/a.md,")
    # ...and to $GITHUB_WORKSPACE when the step runs in a subfolder of the checkout.
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    out = io.StringIO()
    github.render(results, out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("::error file=docs/a.md,line=3,")
    assert lines[-1] == ("citelint: found 1 problem (1 error) in 1 of 2 files; 0 claims checked.")


def test_example_workflow() -> None:
    """docs/github-workflow-example.yml is valid YAML and does what docs/ci.md says."""
    import yaml

    path = Path(__file__).resolve().parents[2] / "docs" / "github-workflow-example.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    steps = {name: job["steps"] for name, job in workflow["jobs"].items()}
    runs = {name: "\n".join(s.get("run", "") for s in job) for name, job in steps.items()}
    uses = {name: [s.get("uses", "") for s in job] for name, job in steps.items()}
    assert "citelint check --format sarif -o citelint.sarif" in runs["code-scanning"]
    upload = next(s for s in steps["code-scanning"] if "upload-sarif" in s.get("uses", ""))
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "citelint.sarif"
    assert workflow["jobs"]["code-scanning"]["permissions"]["security-events"] == "write"
    assert "citelint check --format github" in runs["annotations"]
    assert all(u.startswith("actions/") for u in uses["annotations"] if u)
