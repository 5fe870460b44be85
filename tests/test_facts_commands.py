"""`citelint facts extract | validate | list | show` and fact-table packs, end to end.

Most commands run in-process through click's test runner; the pack plug-in test
runs the installed `citelint` in a subprocess with a fake distribution on its path.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from clihelpers import citelint_exe

from citelint import runner
from citelint.cli import main
from citelint.facttable import load_table
from citelint.packs import ai_industry

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ARTICLES = FIXTURES / "articles"
TABLES = FIXTURES / "tables"
DRAFTS = FIXTURES / "drafts"
AIINASIA = str(ARTICLES / "aiinasia-outstrip-us.md")
CGTN = str(ARTICLES / "cgtn-10-billion-downloads.md")


@pytest.fixture(autouse=True)
def fresh_tables():
    """`runner.load_table` caches by path; tests rewrite files in place."""
    runner.load_table.cache_clear()
    yield
    runner.load_table.cache_clear()


def cli(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    runner.load_table.cache_clear()
    return result


# -- facts extract ----------------------------------------------------------------------------


def test_extract_the_five_articles_to_stdout_then_validate(tmp_path):
    result = cli("facts", "extract", *sorted(ARTICLES.glob("*.md")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Draft fact table written by `citelint facts extract`")
    assert "candidate fact(s) from 5 document(s)" in result.stderr
    data = yaml.safe_load(result.stdout)
    assert data["version"] == 1 and len(data["sources"]) == 5
    path = tmp_path / "draft.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    validated = cli("facts", "validate", path)
    assert validated.exit_code == 0, validated.stdout + validated.stderr
    assert validated.stdout.splitlines()[-1].startswith(f"ok: {len(data['facts'])} facts from 5")
    # Every fact has the figure's sentence and suggestions from it.
    for fact in data["facts"]:
        assert {"id", "source", "value", "unit", "metric", "quote", "status"} <= set(fact)


def test_extract_to_a_file_with_flags(tmp_path):
    out = tmp_path / "cgtn.yaml"
    result = cli(
        "facts", "extract", CGTN, "-o", out, "--source-id", "ccid-via-cgtn", "--name",
        "CCID figures", "--publisher", "CGTN", "--url", "https://news.cgtn.com/x", "--published",
        "2026-04-28",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    table = load_table(out)
    [source] = table.sources
    assert (source.id, source.name, source.url) == (
        "ccid-via-cgtn", "CCID figures", "https://news.cgtn.com/x"
    )  # fmt: skip
    values = {(f.value, f.unit, f.qualifier) for f in table.facts}
    assert {(1e10, "count", "more than"), (6200, "count", "more than"),
            (1.2e12, "CNY", "more than"), (165e9, "USD", "more than"),
            (60, "percent", "around"), (41, "percent", None)} == values  # fmt: skip
    assert all(f.id.startswith("ccid-via-cgtn-") for f in table.facts)


def test_extract_a_folder_of_mixed_formats(tmp_path):
    result = cli("facts", "extract", FIXTURES / "formats", "-o", tmp_path / "t.yaml")
    assert result.exit_code == 0, result.stderr
    table = load_table(tmp_path / "t.yaml")
    assert sorted(s.id for s in table.sources) == ["cgtn-plain", "hespress-page"]
    page = table.source("hespress-page")
    assert page.publisher == "Hespress English" and page.published == "2025-12-02"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--source-id", "x", AIINASIA, CGTN), "describe one document"),
        ((ARTICLES / "nowhere.md",), "does not exist"),
        ((AIINASIA, "--source-id", "x y"), "not a valid id"),
        ((AIINASIA, "--published", "last week"), "not a date"),
    ],
)
def test_extract_usage_errors(args, message):
    result = cli("facts", "extract", *args)
    assert result.exit_code == 2
    assert message in result.stderr + result.stdout


def test_merge_keeps_reviewed_entries_and_reports_conflicts(tmp_path):
    into = tmp_path / "reviewed.yaml"
    shutil.copy(TABLES / "reviewed.yaml", into)
    original = into.read_text(encoding="utf-8")
    before = load_table(into)
    result = cli("facts", "extract", AIINASIA, CGTN, "--merge", into)
    assert result.exit_code == 0, result.stderr
    merged_text = into.read_text(encoding="utf-8")
    # The reviewed text is all still there, in order, comments and custom fields included.
    lines = iter(merged_text.splitlines())
    assert all(any(line == kept for kept in lines) for line in original.splitlines())
    after = load_table(into)
    for fact in before.facts:
        assert after.fact(fact.id) == fact
    for source in before.sources:
        assert after.source(source.id) == source
    # The MiniMax figure is already there (same id): kept, not added again.
    assert [f.id for f in after.facts if f.value == 619e6] == [
        "aiinasia-outstrip-us-minimax-raised-hong-kong-619m-usd"
    ]
    # 89% disagrees with the reviewed 90% for the same metric and subject: reported.
    assert not [f for f in after.facts if f.value == 89]
    assert (
        "conflict: deepseek-china-share says 90% for 'market share within China'" in result.stderr
    )
    assert "now says 89%" in result.stderr and "1 conflict(s)" in result.stderr
    assert after.source("cgtn-10-billion-downloads") is not None
    assert len(after.facts) > len(before.facts) + 10
    # A second run adds nothing.
    again = cli("facts", "extract", AIINASIA, CGTN, "--merge", into)
    assert "added 0 fact(s) and 0 source(s)" in again.stderr
    assert into.read_text(encoding="utf-8") == merged_text
    assert cli("facts", "validate", into).exit_code == 0


def test_merge_with_output_leaves_the_table_alone(tmp_path):
    into = tmp_path / "reviewed.yaml"
    shutil.copy(TABLES / "reviewed.yaml", into)
    result = cli("facts", "extract", CGTN, "--merge", into, "-o", tmp_path / "new.yaml")
    assert result.exit_code == 0, result.stderr
    assert into.read_text(encoding="utf-8") == (TABLES / "reviewed.yaml").read_text(
        encoding="utf-8"
    )
    assert len(load_table(tmp_path / "new.yaml").sources) == 2


def test_merge_into_an_empty_flow_list_and_a_non_yaml_table(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("version: 1\nsources: []\nfacts: []  # nothing yet\n", encoding="utf-8")
    assert cli("facts", "extract", CGTN, "--merge", empty).exit_code == 0
    assert len(load_table(empty).facts) == 6
    as_json = tmp_path / "t.json"
    as_json.write_text('{"version": 1, "sources": [], "facts": []}', encoding="utf-8")
    result = cli("facts", "extract", CGTN, "--merge", as_json)
    assert result.exit_code == 2 and "YAML" in result.stderr


def test_merge_into_an_invalid_table_is_cl901(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsources: []\nfacts:\n  - id: x\n", encoding="utf-8")
    result = cli("facts", "extract", CGTN, "--merge", bad)
    assert result.exit_code == 2 and "CL901" in result.stderr


# -- facts validate ---------------------------------------------------------------------------


def test_validate_reports_conflicts_and_backwards_chains_as_errors():
    result = cli("facts", "validate", TABLES / "inconsistent.yaml")
    assert result.exit_code == 2
    out = result.stdout
    assert (
        "inconsistent.yaml:18: error: value: fact 'adoption-2025-typo' (61.3 percent) "
        "conflicts with 'adoption-2025' (16.3 percent, line 11)" in out
    )
    assert (
        "inconsistent.yaml:25: error: superseded_by: fact 'adoption-2025-q3' (as of "
        "2025-09) is superseded by 'adoption-2025-q4', which is older (as of 2025-06)" in out
    )
    # users-old -> users-new differ in value but one supersedes the other: no conflict.
    assert "users-" not in out
    assert out.splitlines()[-1].startswith("2 error(s), 1 warning(s)")


def test_validate_warns_about_shared_aliases_and_strict_fails_on_warnings():
    table = TABLES / "consistent.yaml"
    result = cli("facts", "validate", table)
    assert result.exit_code == 0
    assert "warning: aliases: 'Acme Research' names 2 sources (survey-a, survey-b)" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("(1 warning(s))")
    assert cli("facts", "validate", "--strict", table).exit_code == 1


def test_validate_unused_in_a_folder_of_drafts():
    result = cli("facts", "validate", "--unused-in", DRAFTS, "--format", "json",
                 TABLES / "consistent.yaml")  # fmt: skip
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    unused = [f for f in data["findings"] if f["kind"] == "unused"]
    assert [f["ids"] for f in unused] == [["users-2025"]]
    assert unused[0]["severity"] == "warning" and unused[0]["line"] == 19
    assert data["ok"] is True and data["errors"] == 0 and data["warnings"] == 2


def test_validate_json_errors():
    data = json.loads(
        cli("facts", "validate", "--format", "json", TABLES / "inconsistent.yaml").stdout
    )
    assert data["ok"] is False
    assert sorted(f["kind"] for f in data["findings"]) == [
        "conflict", "shared-alias", "superseded-backwards"
    ]  # fmt: skip


def test_validate_schema_errors_are_cl901_and_status_2(tmp_path):
    """They are reported like the consistency findings, on stdout: the report of
    `validate` (a check reports them on stderr, as CL901 lines)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsources: []\nfacts:\n  - id: x\n    source: nowhere\n", "utf-8")
    result = cli("facts", "validate", bad)
    assert (result.exit_code, result.stderr) == (2, "")
    assert result.stdout.splitlines()[3] == (
        f"{bad}:5: error: facts[0].source: unknown source 'nowhere' [invalid-fact-table]"
    )
    assert result.stdout.splitlines()[-1] == (
        f"4 error(s), 0 warning(s): the table in {bad} cannot be used (CL901); "
        "the consistency checks run once it loads"
    )


def test_validate_json_reports_schema_errors_in_the_same_object(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nsources: []\nfacts:\n  - id: x\n    source: nowhere\n", "utf-8")
    result = cli("facts", "validate", "--format", "json", bad)
    assert (result.exit_code, result.stderr) == (2, "")
    data = json.loads(result.stdout)
    assert {k: v for k, v in data.items() if k != "findings"} == {
        "ok": False, "paths": [str(bad)], "sources": None, "facts": None, "errors": 4,
        "warnings": 0,
    }  # fmt: skip
    assert data["findings"][3] == {
        "severity": "error", "kind": "invalid-fact-table", "path": str(bad), "line": 5,
        "field": "facts[0].source", "message": "unknown source 'nowhere'", "ids": [],
    }  # fmt: skip


def test_the_bundled_pack_validates_with_warnings_only():
    result = cli("facts", "validate")
    assert result.exit_code == 0
    assert "error:" not in result.stdout
    assert "'Hugging Face' names 4 sources" in result.stdout


def test_quoted_from_is_a_fact_field_and_unknown_fields_still_fail(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(textwrap.dedent("""\
        version: 1
        sources: [{id: a, name: A}]
        facts:
          - {id: f, source: a, value: 1%, unit: percent, metric: m, quoted_from: Similarweb}
    """), encoding="utf-8")  # fmt: skip
    assert load_table(good).fact("f").quoted_from == "Similarweb"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text("utf-8").replace("quoted_from", "quoted_frm"), "utf-8")
    result = cli("facts", "validate", bad)
    assert result.exit_code == 2 and "did you mean 'quoted_from'?" in result.stdout


# -- facts list -------------------------------------------------------------------------------


def test_list_is_a_readable_table():
    result = cli("facts", "list", "--source", "miit-li-lecheng-npc-2026-03")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SOURCE", "ID", "VALUE", "UNIT", "AS", "OF", "METRIC"]
    row = next(line for line in lines if "cn-core-ai-industry-2025-cny" in line)
    assert "more than 1.2 trillion  CNY" in row and "2025" in row
    assert lines[-1].endswith("of 79 facts")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--source", "similarweb-via-malay-mail-2026-01"),
         {"chatgpt-chatbot-traffic-share-malay-mail", "gemini-chatbot-traffic-share-malay-mail",
          "deepseek-chatbot-traffic-share-malay-mail"}),
        (("--subject", "minimax", "--grep", "proceeds"),
         {"minimax-ipo-proceeds-usd", "minimax-ipo-proceeds-hkd",
          "minimax-ipo-proceeds-usd-reuters"}),
        (("--grep", "plurality"), {"cn-download-share-past-year"}),
    ],
)  # fmt: skip
def test_list_filters(args, expected):
    data = json.loads(cli("facts", "list", *args, "--format", "json").stdout)
    assert {row["id"] for row in data} == expected


def test_list_and_validate_take_the_table_as_facts_option_as_check_does():
    table = TABLES / "consistent.yaml"
    by_path = cli("facts", "list", table, "--format", "json").stdout
    assert cli("facts", "list", "--facts", table, "--format", "json").stdout == by_path
    assert "users-2025" in by_path and "similarweb" not in by_path
    validated = cli("facts", "validate", "--facts", table)
    assert validated.exit_code == 0
    assert f"from 2 sources in {table}" in validated.stdout.splitlines()[-1]


def test_list_csv():
    result = cli("facts", "list", "--subject", "Zhipu", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(row["subject"].startswith("Zhipu") for row in rows)
    assert list(rows[0]) == [
        "source",
        "id",
        "value",
        "unit",
        "qualifier",
        "metric",
        "subject",
        "as_of",
    ]


# -- facts show -------------------------------------------------------------------------------


def test_show_a_fact_with_its_source_and_provenance():
    result = cli("facts", "show", "cn-download-share-year-to-aug-2025")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("cn-download-share-year-to-aug-2025\n")
    for expected in (
        "value:", "17.1%",
        "source:", "economies-of-open-intelligence: Data Provenance Initiative, “Economies of Open",
        "quoted in:", "aiinasia-outstrip-us, hespress-surpasses-us",
        "status:", "secondary",
        "primary url:", "notes:", "defined at:",
    ):  # fmt: skip
        assert expected in out


def test_show_lists_the_drafts_that_cite_it(tmp_path):
    (tmp_path / "a.md").write_text(
        "According to a study by MIT and Hugging Face, Chinese open models now account for "
        "17.1% of global downloads.\n\nIt rained 12 days in May.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "Hugging Face's Spring 2026 report says 41% of downloads in the past year came from "
        "Chinese models.\n",
        encoding="utf-8",
    )
    result = cli("facts", "show", "cn-download-share-year-to-aug-2025", "--drafts", tmp_path)
    assert "claims in" in result.stdout and "fit it best: 1" in result.stdout
    assert "a.md:1:" in result.stdout and "b.md" not in result.stdout
    data = json.loads(
        cli("facts", "show", "cn-download-share-past-year", "--drafts", tmp_path, "--format",
            "json").stdout
    )  # fmt: skip
    assert data["id"] == "cn-download-share-past-year"
    assert data["source"]["id"] == "hf-state-of-os-spring-2026"
    assert data["quote"].startswith("In the past year")
    assert [(Path(d["path"]).name, d["text"], d["codes"]) for d in data["drafts"]] == [
        ("b.md", "41%", [])
    ]


def test_show_an_extracted_fact_with_quoted_from(tmp_path):
    cli("facts", "extract", AIINASIA, "-o", tmp_path / "t.yaml")
    table = load_table(tmp_path / "t.yaml")
    fact = next(f for f in table.facts if f.value == 89)
    result = cli("facts", "show", fact.id, tmp_path / "t.yaml")
    assert "quoted from:" in result.stdout and "Microsoft" in result.stdout
    assert "“A Microsoft research report estimates DeepSeek holds" in result.stdout


def test_show_an_unknown_fact_suggests_close_ids():
    result = cli("facts", "show", "cn-download-share-past-yr")
    assert result.exit_code == 2
    assert "did you mean cn-download-share-past-year" in result.stderr


# -- packs from other packages ----------------------------------------------------------------


def test_the_bundled_pack_is_registered_as_an_entry_point():
    from importlib.metadata import entry_points

    [bundled] = [ep for ep in entry_points(group="citelint.packs") if ep.name == "ai-industry"]
    assert bundled.value == "citelint.packs:ai_industry"
    assert Path(bundled.load()()) == ai_industry()


def test_a_pack_from_another_package_plugs_in(tmp_path):
    """A fake installed distribution: a dist-info with an entry point on the path."""
    site = tmp_path / "site"
    package = site / "demo_facts"
    package.mkdir(parents=True)
    shutil.copy(TABLES / "consistent.yaml", package / "pack.yaml")
    (package / "__init__.py").write_text(
        "from pathlib import Path\n\n\ndef pack_path():\n"
        "    return Path(__file__).with_name('pack.yaml')\n",
        encoding="utf-8",
    )
    dist = site / "demo_facts-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: demo-facts\nVersion: 1.0\n", "utf-8"
    )
    (dist / "entry_points.txt").write_text(
        "[citelint.packs]\ndemo = demo_facts:pack_path\n", "utf-8"
    )
    draft = tmp_path / "draft.md"
    draft.write_text(
        "According to Survey A, 61.3% of the world's adults use generative AI.\n", "utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}

    def run(*args):
        return subprocess.run([*citelint_exe(), *args], capture_output=True, text=True, env=env,
                              timeout=120)  # fmt: skip

    listing = run("facts", "list", "pack:demo", "--format", "json")
    assert listing.returncode == 0, listing.stderr
    assert {row["id"] for row in json.loads(listing.stdout)} == {"adoption-2025", "users-2025"}
    checked = run("check", "--facts", "pack:demo", "--format", "json", str(draft))
    assert [f["code"] for f in json.loads(checked.stdout)] == ["CL102"]
    unknown = run("check", "--facts", "pack:nope", str(draft))
    assert unknown.returncode == 2
    assert "installed packs: ai-industry, demo" in unknown.stderr
