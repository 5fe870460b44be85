"""Bad fact tables through the real CLI: every schema violation is CL901 with file,
line and field, exit status 2 and nothing checked; hostile YAML, JSON and TOML (a
"billion laughs" bomb, thousands of nesting levels) are refused quickly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from robusthelpers import cli

DRAFT = "MIT found that 41% of downloads came from China.\n"

HEAD = """version: 1
sources:
  - id: src
    name: A source
facts:
"""
GOOD_FACT = """  - id: good
    source: src
    value: 17.1
    unit: percent
    metric: share of downloads
"""

# (id, YAML after HEAD + GOOD_FACT, line, field, words of the message)
VIOLATIONS = [
    (
        "missing-field",
        "  - id: f\n    source: src\n    value: 1\n    unit: percent\n",
        11,
        "facts[1].metric",
        "required field is missing",
    ),
    (
        "wrong-type",
        "  - id: f\n    source: src\n    value: 1\n    unit: percent\n    metric: [a, b]\n",
        15,
        "facts[1].metric",
        "must be a string, not a list",
    ),
    (
        "unknown-unit",
        "  - id: f\n    source: src\n    value: 1\n    unit: parsecs\n    metric: m\n",
        14,
        "facts[1].unit",
        "unknown unit 'parsecs'",
    ),
    (
        "duplicate-id",
        GOOD_FACT,
        11,
        "facts[1].id",
        "duplicate fact id 'good' (first defined at {path}:6)",
    ),
    (
        "unknown-source",
        "  - id: f\n    source: nowhere\n    value: 1\n    unit: percent\n    metric: m\n",
        12,
        "facts[1].source",
        "unknown source 'nowhere'",
    ),
    (
        "value-not-a-number",
        "  - id: f\n    source: src\n    value: lots\n    unit: percent\n    metric: m\n",
        13,
        "facts[1].value",
        "not a number: 'lots'",
    ),
    (
        "value-boolean",
        "  - id: f\n    source: src\n    value: true\n    unit: percent\n    metric: m\n",
        13,
        "facts[1].value",
        "",
    ),
    (
        "superseded-cycle",
        "  - id: a\n    source: src\n    value: 1\n    unit: percent\n    metric: m\n"
        "    superseded_by: b\n"
        "  - id: b\n    source: src\n    value: 2\n    unit: percent\n    metric: m\n"
        "    superseded_by: a\n",
        16,
        "facts[1].superseded_by",
        "superseded_by forms a cycle: a -> b -> a",
    ),
    (
        "superseded-unknown",
        "  - id: a\n    source: src\n    value: 1\n    unit: percent\n    metric: m\n"
        "    superseded_by: zzz\n",
        16,
        "facts[1].superseded_by",
        "unknown fact 'zzz'",
    ),
    (
        "unknown-field",
        "  - id: f\n    source: src\n    value: 1\n    unit: percent\n    metric: m\n"
        "    colour: red\n",
        16,
        "facts[1].colour",
        "unknown field",
    ),
]


@pytest.mark.parametrize(
    "tail,line,field,message", [v[1:] for v in VIOLATIONS], ids=[v[0] for v in VIOLATIONS]
)
def test_schema_violation_is_cl901_with_file_line_and_field(
    tmp_path: Path, tail: str, line: int, field: str, message: str
) -> None:
    (tmp_path / "facts.yaml").write_text(HEAD + GOOD_FACT + tail, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--facts", "facts.yaml", "draft.md", cwd=tmp_path)
    assert run.code == 2, run.stderr
    assert run.stdout == ""  # no partial checking
    expected = f"facts.yaml:{line}: CL901 [error] {field}: {message.format(path='facts.yaml')}"
    assert expected in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_cl901_as_json(tmp_path: Path) -> None:
    tail = "  - id: f\n    source: src\n    value: lots\n    unit: parsecs\n    metric: m\n"
    (tmp_path / "facts.yaml").write_text(HEAD + GOOD_FACT + tail, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--format", "json", "--facts", "facts.yaml", "draft.md", cwd=tmp_path)
    assert run.code == 2
    found = [(d["path"], d["line"], d["code"], d["message"].split(" ")[0]) for d in run.json()]
    assert found == [  # file, line and field in the message too (SPEC §3)
        ("facts.yaml", 13, "CL901", "facts.yaml:13:"),
        ("facts.yaml", 14, "CL901", "facts.yaml:14:"),
    ]
    assert [d["message"].split(": ")[:2] for d in run.json()] == [
        ["facts.yaml:13", "facts[1].value"],
        ["facts.yaml:14", "facts[1].unit"],
    ]


def test_cl901_as_sarif_results_located_in_the_table(tmp_path: Path) -> None:
    tail = "  - id: f\n    source: src\n    value: 1\n    unit: parsecs\n    metric: m\n"
    (tmp_path / "facts.yaml").write_text(HEAD + GOOD_FACT + tail, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--format", "sarif", "--facts", "facts.yaml", "draft.md", cwd=tmp_path)
    assert run.code == 2
    [sarif_run] = json.loads(run.stdout)["runs"]
    assert sarif_run["invocations"] == [{"executionSuccessful": False}]
    [result] = sarif_run["results"]
    assert (result["ruleId"], result["level"]) == ("CL901", "error")
    assert result["message"]["text"].startswith("facts.yaml:14: facts[1].unit: unknown unit")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "facts.yaml", "uriBaseId": "%SRCROOT%"}
    assert (location["region"]["startLine"], location["region"]["endLine"]) == (14, 14)


def test_cl901_as_github_error_annotations(tmp_path: Path) -> None:
    tail = "  - id: f\n    source: src\n    value: 1\n    unit: parsecs\n    metric: m\n"
    (tmp_path / "facts.yaml").write_text(HEAD + GOOD_FACT + tail, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--format", "github", "--facts", "facts.yaml", "draft.md", cwd=tmp_path)
    assert run.code == 2
    assert run.stdout.startswith(
        "::error file=facts.yaml,line=14,col=1,endLine=14,endColumn=1,"
        "title=CL901 invalid-fact-table::facts.yaml:14: facts[1].unit: unknown unit 'parsecs'"
    )
    assert run.stdout.count("\n") == 1  # that annotation only: no summary of a check not run
    unreadable = cli("check", "--format", "github", "--facts", "nope.yaml", "draft.md",
                     cwd=tmp_path)  # fmt: skip
    assert (unreadable.code, unreadable.stdout) == (
        2,
        "::error file=nope.yaml,title=CL901 invalid-fact-table::nope.yaml: file not found\n",
    )  # no line: about the whole file


@pytest.mark.parametrize(
    "name,text,line,field",
    [
        (
            "facts.json",
            json.dumps(
                {
                    "version": 1,
                    "sources": [{"id": "src", "name": "S"}],
                    "facts": [
                        {"id": "f", "source": "src", "value": "x", "unit": "percent", "metric": "m"}
                    ],
                },
                indent=1,
            ),
            13,
            "facts[0].value",
        ),
        (
            "facts.toml",
            'version = 1\n[[sources]]\nid = "src"\nname = "S"\n[[facts]]\nid = "f"\n'
            'source = "src"\nvalue = 1\nunit = "furlongs"\nmetric = "m"\n',
            9,
            "facts[0].unit",
        ),
        (
            "facts.csv",
            "id,source,value,unit,metric\nf,src,1,percent,m\ng,src,abc,percent,m\n",
            3,
            "value",
        ),
    ],
    ids=["json", "toml", "csv"],
)
def test_other_formats_report_line_and_field(
    tmp_path: Path, name: str, text: str, line: int, field: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--facts", name, "draft.md", cwd=tmp_path)
    assert run.code == 2
    assert f"{name}:{line}: CL901 [error] {field}: " in run.stderr, run.stderr


def _bomb(levels: int = 9) -> str:
    lines = ["version: 1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\nsources: []\nfacts: []\n"


HOSTILE = {
    "yaml-bomb": ("bomb.yaml", _bomb(), "YAML aliases expand to more than"),
    "yaml-deep-flow": ("deep.yaml", "a: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested deeper"),
    "yaml-deep-block": (
        "deepmap.yaml",
        "".join("  " * i + f"k{i}:\n" for i in range(2_000)),
        "nested deeper",
    ),
    "yaml-recursive-alias": ("rec.yaml", "a: &a [*a]\n", "alias"),
    "yaml-python-tag": ("tag.yaml", "a: !!python/object/apply:os.system [echo hi]\n", "tag"),
    "json-deep": ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "json-deep-objects": ("deepobj.json", '{"a":' * 50_000 + "1" + "}" * 50_000, "nested too"),
    "toml-deep": ("deep.toml", "a = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply"),
    "not-utf8": ("latin.yaml", "version: 1\nname: caf\xe9\n", "not valid UTF-8"),
}


@pytest.mark.parametrize("name,text,words", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_tables_are_refused_safely(
    tmp_path: Path, name: str, text: str, words: str
) -> None:
    data = text.encode("latin-1") if name == "latin.yaml" else text.encode("utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--facts", name, "draft.md", cwd=tmp_path, timeout=60)
    assert run.code == 2
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert f"{name}" in run.stderr and "CL901 [error]" in run.stderr
    assert words in run.stderr, run.stderr


def test_facts_validate_reports_the_same(tmp_path: Path) -> None:
    tail = "  - id: f\n    source: nowhere\n    value: 1\n    unit: percent\n    metric: m\n"
    (tmp_path / "facts.yaml").write_text(HEAD + GOOD_FACT + tail, encoding="utf-8")
    run = cli("facts", "validate", "facts.yaml", cwd=tmp_path)
    assert (run.code, run.stderr) == (2, "")
    # On stdout, as `validate` writes its findings (kind: the name of CL901).
    assert (
        "facts.yaml:12: error: facts[1].source: unknown source 'nowhere' [invalid-fact-table]"
    ) in run.stdout
