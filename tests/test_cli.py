"""The command line end to end, through the installed `citelint` entry point."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from clihelpers import citelint_exe

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
FACTS = str(FIXTURES / "facts.yaml")
FLAGSHIP = (
    "According to a study by MIT and Hugging Face, Chinese open models now account for "
    "41% of global downloads.\n"
)


def run(*args, cwd=None, stdin=None):
    return subprocess.run(
        [*citelint_exe(), *args], capture_output=True, text=True, cwd=cwd, input=stdin,
        env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )  # fmt: skip


@pytest.fixture
def draft(tmp_path):
    def write(text, name="draft.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_flagship_with_bundled_pack_is_cl103_at_the_exact_columns(draft):
    result = run("check", "--format", "json", str(draft(FLAGSHIP)))
    assert result.returncode == 1, result.stderr
    [finding] = [d for d in json.loads(result.stdout) if d["code"] == "CL103"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 83, 85)
    assert finding["claim"]["text"] == "41%"
    assert "17.1%" in finding["message"] and "Spring 2026" in finding["message"]


def test_json_findings_have_the_documented_fields(draft):
    result = run("check", "--facts", FACTS, "--format", "json", str(draft(FLAGSHIP)))
    [finding] = json.loads(result.stdout)
    assert set(finding) >= {
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
        "message", "claim", "fact", "source", "fix",
    }  # fmt: skip
    assert finding["rule"] == "misattribution" and finding["severity"] == "error"
    assert finding["claim"] == {"text": "41%", "value": 41, "unit": "percent", "qualifier": "=",
                                "interval": [40.5, 41.5]}  # fmt: skip
    assert finding["fact"] == "cn-llm-download-share-past-year"
    assert finding["source"] == "hf-spring-2026"


def test_text_output_underlines_the_claim_and_summarises(draft):
    result = run("check", "--facts", FACTS, str(draft(FLAGSHIP)))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("draft.md:1:83: CL103 [error] " + lines[0].split("[error] ", 1)[1])
    caret_line = next(line for line in lines if "^" in line)
    assert caret_line.index("^") - caret_line.index("|") - 2 == 82
    assert caret_line.count("^") == 3
    assert "Found 1 problem (1 error)" in result.stdout


def test_clean_file_exits_zero(draft):
    text = "Similarweb puts ChatGPT at 68% of the global chatbot market.\n"
    result = run("check", "--facts", FACTS, str(draft(text)))
    assert result.returncode == 0, result.stdout
    assert "All checks passed" in result.stdout


def test_select_ignore_and_fail_on(draft):
    path = str(draft("ChatGPT holds 68% of the global chatbot market.\n"))
    assert run("check", "--facts", FACTS, path).returncode == 1
    assert run("check", "--facts", FACTS, "--ignore", "CL201", path).returncode == 0
    assert run("check", "--facts", FACTS, "--select", "CL1", path).returncode == 0
    assert run("check", "--facts", FACTS, "--fail-on", "error", path).returncode == 0


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("--select", "CL999", "'CL999' (did you mean CL901? "),
        ("--select", "XYZ", "'XYZ' (`citelint rule` lists them)"),
        ("--ignore", "CL201,unsuported-statistic",
         "'unsuported-statistic' (did you mean unsupported-statistic? "),
    ],
)  # fmt: skip
def test_unknown_selector_is_a_usage_error_naming_the_closest(draft, option, value, hint):
    result = run("check", "--facts", FACTS, option, value, str(draft(FLAGSHIP)))
    assert result.returncode == 2 and result.stdout == ""
    assert f"Invalid value for '{option}': unknown rule code or name {hint}" in result.stderr


def test_rule_names_select_and_ignore_like_codes(draft):
    path = str(draft("ChatGPT holds 68% of the global chatbot market.\n"))  # CL201
    codes = lambda *args: [d["code"] for d in json.loads(  # noqa: E731
        run("check", "--facts", FACTS, "--format", "json", *args, path).stdout)]  # fmt: skip
    assert codes("--select", "missing-citation") == ["CL201"]
    assert codes("--select", "Unsupported-Statistic,CL1") == []
    assert codes("--ignore", "missing-citation") == []
    assert codes("--select", "cl2") == ["CL201"]


def test_missing_file_is_reported_and_other_files_still_checked(draft, tmp_path):
    good = draft("ChatGPT holds 68% of the global chatbot market.\n")
    result = run(
        "check", "--facts", FACTS, "--format", "json", str(tmp_path / "nope.md"), str(good)
    )
    assert result.returncode == 2
    assert "nope.md: no such file or directory" in result.stderr
    assert [d["code"] for d in json.loads(result.stdout)] == ["CL201"]


def test_a_run_that_could_not_read_everything_never_says_all_checks_passed(draft, tmp_path):
    clean = draft("Similarweb puts ChatGPT at 68% of the global chatbot market.\n")
    result = run("check", "--facts", FACTS, str(tmp_path / "nope.md"), str(clean))
    assert result.returncode == 2
    assert "All checks passed" not in result.stdout
    assert result.stdout.endswith(
        "No problems found in 1 file (1 claim checked), but some input could not be checked.\n"
    )
    sarif = run("check", "--facts", FACTS, "--format", "sarif", str(tmp_path / "nope.md"))
    assert json.loads(sarif.stdout)["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_invalid_fact_table_is_cl901_with_file_line_field(draft, tmp_path):
    table = tmp_path / "bad.yaml"
    table.write_text(
        "version: 1\nsources:\n  - id: s\n    name: S\nfacts:\n  - id: f\n    source: s\n"
        "    value: 1\n    unit: furlongs\n    metric: m\n",
        encoding="utf-8",
    )
    result = run("check", "--facts", str(table), str(draft(FLAGSHIP)))
    assert result.returncode == 2
    assert "bad.yaml:9" in result.stderr and "CL901" in result.stderr and "unit" in result.stderr
    assert "invalid fact table (1 problem); nothing was checked" in result.stderr
    assert result.stdout == ""


def test_a_facts_folder_with_no_table_is_cl901_at_line_1(draft, tmp_path):
    (tmp_path / "tables").mkdir()
    result = run("check", "--facts", str(tmp_path / "tables"), "--format", "json",
                 str(draft(FLAGSHIP)))  # fmt: skip
    assert result.returncode == 2
    # Not an empty table, which would make every figure CL101; positions stay 1-based.
    [finding] = json.loads(result.stdout)
    assert (finding["code"], finding["line"], finding["column"]) == ("CL901", 1, 1)
    assert "no fact table in this folder" in finding["message"]


def test_files_found_in_the_current_folder_are_named_without_dot_slash(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "a.md").write_text(FLAGSHIP, encoding="utf-8")
    (tmp_path / "docs" / "b.markdown").write_text(FLAGSHIP, encoding="utf-8")
    result = run("check", "--facts", FACTS, "--format", "json", ".", cwd=tmp_path)
    assert [d["path"] for d in json.loads(result.stdout)] == ["a.md", "docs/b.markdown"]


def test_stdin_with_filename(draft):
    result = run("check", "--facts", FACTS, "--format", "json", "--stdin-filename", "x.md", "-",
                 stdin=FLAGSHIP)  # fmt: skip
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["path"] == "x.md"


@pytest.mark.parametrize("command", ["check", "claims"])
def test_stdin_filename_alone_reads_stdin(tmp_path, command):
    (tmp_path / "other.md").write_text(FLAGSHIP, encoding="utf-8")  # not read
    result = run(command, "--facts", FACTS, "--format", "json", "--stdin-filename", "x.md",
                 cwd=tmp_path, stdin=FLAGSHIP)  # fmt: skip
    assert result.returncode == (1 if command == "check" else 0), result.stderr
    assert [(d["path"], d["line"], d["column"]) for d in json.loads(result.stdout)] == [
        ("x.md", 1, 83)
    ]


@pytest.mark.parametrize("command", ["check", "claims"])
def test_stdin_filename_with_paths_but_no_dash_is_a_usage_error(draft, command):
    path = str(draft(FLAGSHIP))
    result = run(command, "--stdin-filename", "x.md", path, stdin=FLAGSHIP)
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        "Error: --stdin-filename names the document read from stdin: add '-' to the paths "
        f"({path}) or drop them\n"
    ) in result.stderr
    both = run(command, "--format", "json", "--stdin-filename", "x.md", "-", path, stdin=FLAGSHIP)
    assert sorted({d["path"] for d in json.loads(both.stdout)}) == sorted(["x.md", path])


def test_inline_disable_comment_silences_the_next_line(draft):
    text = "<!-- citelint-disable-next-line CL103 -->\n" + FLAGSHIP
    assert run("check", "--facts", FACTS, str(draft(text))).returncode == 0


def test_configuration_in_pyproject_is_found_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.citelint]\nfacts = ["{FACTS}"]\nignore = ["CL201"]\n', encoding="utf-8"
    )
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "a.md"
    path.write_text("ChatGPT holds 68% of the global chatbot market.\n", encoding="utf-8")
    assert run("check", str(path)).returncode == 0
    assert run("check", "--isolated", "--facts", FACTS, str(path)).returncode == 1


def test_select_on_the_command_line_overrides_the_configured_ignore(tmp_path):
    (tmp_path / "citelint.toml").write_text(
        f'facts = ["{FACTS}"]\nignore = ["CL201"]\n', encoding="utf-8"
    )
    path = tmp_path / "a.md"
    path.write_text("ChatGPT holds 68% of the global chatbot market.\n", encoding="utf-8")
    assert run("check", str(path)).returncode == 0
    # As in ruff, a --select on the command line starts the selection afresh.
    assert run("check", "--select", "CL201", str(path)).returncode == 1
    assert run("check", "--select", "CL2", "--ignore", "CL201", str(path)).returncode == 0


def test_configured_tolerance_decides_whether_an_approximate_figure_fits(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "According to Similarweb, DeepSeek holds about 5% of the global chatbot market.\n",
        encoding="utf-8",
    )
    config = tmp_path / "citelint.toml"
    config.write_text(f'facts = ["{FACTS}"]\n', encoding="utf-8")
    # "about 5%" is 4.25% to 5.75%: not Similarweb's 4%
    assert "CL102" in run("check", str(path)).stdout
    config.write_text(f'facts = ["{FACTS}"]\n[tolerance]\napproximate = 0.2\n', encoding="utf-8")
    assert run("check", str(path)).returncode == 0
    [claim] = json.loads(run("claims", "--format", "json", str(path)).stdout)
    assert claim["interval"] == [4, 6]


def test_bad_configuration_exits_2_naming_file_and_key(tmp_path):
    (tmp_path / "citelint.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Nothing.\n", encoding="utf-8")
    result = run("check", str(tmp_path / "a.md"))
    assert result.returncode == 2
    assert "citelint.toml" in result.stderr and "fail-on" in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("citelint.toml", 'facts = ["facts.yaml"]\nselect = [\n',
         "citelint.toml:2:11: invalid TOML: Invalid value"),
        ("pyproject.toml", '[tool.citelint]\nselect = ["CL1"\nignore = []\n',
         "pyproject.toml:3:1: invalid TOML: Unclosed array"),
        ("pyproject.toml", '[tool.citelint]\nselect = 3\n',
         "pyproject.toml: [tool.citelint]: 'select' must be a list of strings"),
        ("citelint.toml", 'selekt = ["CL201"]\n',
         "citelint.toml: unknown key 'selekt' (expected one of exclude, extend-exclude, facts, "
         "fail-on, ignore, per-file-ignores, select, severity, tolerance)"),
    ],
)  # fmt: skip
def test_bad_configuration_skips_its_files_and_the_others_are_still_checked(
    tmp_path, name, text, message
):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / name).write_text(text, encoding="utf-8")
    for draft_name in ("a.md", "b.md"):
        (tmp_path / "bad" / draft_name).write_text(FLAGSHIP, encoding="utf-8")
    (tmp_path / "good.md").write_text("ChatGPT holds 68% of the global chatbot market.\n")
    result = run("check", "--format", "json", "--facts", FACTS,
                 "bad/a.md", "good.md", "bad/b.md", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert [(d["path"], d["code"]) for d in json.loads(result.stdout)] == [("good.md", "CL201")]
    where = tmp_path / "bad" / message
    assert result.stderr == f"citelint: {where}; the 2 files it configures were not checked\n"


def test_fix_applies_safe_value_fix_atomically_and_idempotently(draft):
    path = draft("According to Similarweb, ChatGPT commands 72% of the global chatbot market.\r\n")
    result = run("check", "--facts", FACTS, "--fix", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == (
        b"According to Similarweb, ChatGPT commands 68% of the global chatbot market.\r\n"
    )
    run("check", "--facts", FACTS, "--fix", str(path))
    assert path.read_bytes().count(b"68%") == 1


SAFE_FIX = "According to Similarweb, ChatGPT commands 72% of the global chatbot market.\n"


def test_fix_reports_only_what_remains_and_says_what_it_fixed(draft):
    path = draft(SAFE_FIX + "\n" + FLAGSHIP)  # CL102: a safe fix; CL103: an unsafe one
    result = run("check", "--facts", FACTS, "--fix", str(path))
    assert result.returncode == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines() if ": CL" in line] == [
        "CL103 [error] 41% is credited to MIT and Hugging Face (Hugging Face and MIT, “The "
        "One-Year Anniversary of the DeepSeek Moment”), whose figure for this metric is 17.1%; 41%"
        " comes from Hugging Face, “Global Open-Source AI Ecosystem Report (Spring 2026)” and "
        "measures share of LLM downloads on Hugging Face over the past year that came from models"
        " developed in China (as of 2026-04)"
    ]  # fmt: skip
    assert result.stdout.splitlines()[-1] == (
        "Fixed 1 finding in 1 file; 1 problem remains (1 error) in 1 of 1 file; 2 claims checked."
    )
    github = run("check", "--facts", FACTS, "--fix", "--unsafe-fixes", "--format", "github",
                 str(path))  # fmt: skip
    assert (github.returncode, github.stdout) == (
        0, "citelint: fixed 1 finding in 1 file; all checks passed: 1 file, 2 claims checked.\n"
    )  # fmt: skip


def test_fix_on_stdin_writes_only_the_fixed_text_and_reports_what_remains_on_stderr():
    result = run("check", "--facts", FACTS, "--fix", "-", stdin=SAFE_FIX)
    assert (result.returncode, result.stdout) == (0, SAFE_FIX.replace("72%", "68%"))
    assert (
        result.stderr == "Fixed 1 finding in 1 file; all checks passed: 1 file, 1 claim checked.\n"
    )
    text = SAFE_FIX + "\n" + FLAGSHIP
    result = run("check", "--facts", FACTS, "--fix", "--format", "json", "-", stdin=text)
    assert (result.returncode, result.stdout) == (1, text.replace("72%", "68%"))
    assert [(d["line"], d["code"]) for d in json.loads(result.stderr)] == [(3, "CL103")]


def test_fix_on_stdin_with_nothing_to_fix_prints_the_text_unchanged(tmp_path):
    result = run("check", "--facts", FACTS, "--fix", "--format", "json", "-o",
                 str(tmp_path / "report.json"), "-", stdin=FLAGSHIP)  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (1, FLAGSHIP, "")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [(d["line"], d["code"]) for d in report] == [(1, "CL103")]


def test_diff_prints_only_the_diff_on_stdout_and_writes_nothing(draft, tmp_path):
    text = (
        "According to Similarweb, ChatGPT commands 72% of the global chatbot market.\n\n"
        + FLAGSHIP  # CL103: an unsafe fix
        + "\nChatGPT holds 68% of the global chatbot market.\n"  # CL201 and CL401: no fix
    )
    path = draft(text)
    result = run("check", "--facts", FACTS, "--diff", "draft.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "--- a/draft.md\n+++ b/draft.md\n@@ -1,4 +1,4 @@\n"
        "-According to Similarweb, ChatGPT commands 72% of the global chatbot market.\n"
        "+According to Similarweb, ChatGPT commands 68% of the global chatbot market.\n"
        " \n " + FLAGSHIP + " \n"
    )
    assert result.stderr == (
        "citelint: would fix 1 finding in 1 file (1 more with --unsafe-fixes); "
        "3 other findings: run without --diff to see them\n"
    )
    assert path.read_text(encoding="utf-8") == text
    if shutil.which("patch") is None:
        return
    patched = subprocess.run(["patch", "-p1", "--dry-run"], input=result.stdout, cwd=tmp_path,
                             capture_output=True, text=True)  # fmt: skip
    assert patched.returncode == 0, patched.stdout + patched.stderr


def test_diff_with_nothing_to_fix_exits_zero_even_with_findings(draft, tmp_path):
    draft("ChatGPT holds 68% of the global chatbot market.\n")  # CL201: no fix
    result = run("check", "--facts", FACTS, "--diff", "draft.md", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "citelint: nothing to fix; 1 other finding: run without --diff to see them\n"
    )
    quiet = run("check", "--facts", FACTS, "--diff", "-q", "draft.md", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_unsafe_fix_needs_the_flag(draft):
    path = draft(FLAGSHIP)
    run("check", "--facts", FACTS, "--fix", str(path))
    assert "41%" in path.read_text(encoding="utf-8")
    run("check", "--facts", FACTS, "--fix", "--unsafe-fixes", str(path))
    assert "17.1%" in path.read_text(encoding="utf-8")


def test_claims_json_lists_value_unit_interval_sources_and_fact(draft):
    text = "Chinese open models hold more than four in ten LLM downloads, Hugging Face says.\n"
    result = run("claims", "--facts", FACTS, "--format", "json", str(draft(text)))
    assert result.returncode == 0, result.stderr
    [claim] = json.loads(result.stdout)
    assert claim["text"] == "four in ten" and claim["value"] == 40 and claim["unit"] == "percent"
    assert claim["qualifier"] == ">" and claim["interval"] == [40, None]
    assert claim["sources"] == ["hf-mit-deepseek-moment", "hf-spring-2026"]
    assert claim["fact"] == "cn-llm-download-share-past-year"


def test_claims_text_writes_open_bounds_as_infinite_and_each_claim_on_one_line():
    text = (
        "Chinese open models hold more than four in ten LLM downloads, Hugging Face says.\n\n"
        "Similarweb says ChatGPT holds under 70\npercent of the global chatbot market.\n"
    )
    result = run("claims", "--facts", FACTS, "--stdin-filename", "d.md", stdin=text)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "d.md:1:36: four in ten  = 40 percent > [40, ∞)  credited: hf-mit-deepseek-moment, "
        "hf-spring-2026  fact: cn-llm-download-share-past-year\n"
        "d.md:3:37: 70 percent  = 70 percent < (-∞, 70]  credited: similarweb-2026-01  "
        "fact: chatgpt-global-chatbot-share\n"
    )


def test_rule_explains_a_code_and_lists_all():
    result = run("rule", "CL103")
    assert result.returncode == 0
    assert result.stdout.startswith("# CL103 misattribution (error)")
    assert "## Why is this bad?" in result.stdout
    listing = run("rule").stdout
    assert all(code in listing for code in ("CL101", "CL202", "CL401", "CL901"))
    assert run("rule", "CL999").returncode == 2


def test_facts_validate_and_list():
    assert run("facts", "validate", FACTS).returncode == 0
    listing = run("facts", "list", FACTS, "--source", "similarweb-2026-01", "--format", "json")
    assert {f["id"] for f in json.loads(listing.stdout)} == {
        "deepseek-global-chatbot-share", "chatgpt-global-chatbot-share",
        "gemini-global-chatbot-share",
    }  # fmt: skip


def test_facts_list_of_an_unknown_source_is_a_usage_error_naming_the_closest():
    result = run("facts", "list", FACTS, "--source", "similarweb-2026")
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        f"Error: Invalid value for '--source': no source 'similarweb-2026' in {FACTS} "
        "(did you mean similarweb-2026-01, mit-tr-2026-02?)\n"
    ) in result.stderr


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "citelint", "rule", "CL101"],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0 and "unsupported-statistic" in result.stdout


def test_the_console_script_turns_collection_off_runs_main_then_freezes_what_is_left(
    monkeypatch,
):
    """The console script is `__main__.main`: automatic collection off before anything
    is imported, the exit status main's, and the objects left frozen (kept from CPython's
    last collection) only once main is done, whatever the exit."""
    import gc

    from citelint import __main__, cli

    events = []
    monkeypatch.setattr(gc, "disable", lambda: events.append("disable"))
    monkeypatch.setattr(gc, "freeze", lambda: events.append("freeze"))

    def main():
        events.append("main")
        raise SystemExit(3)

    monkeypatch.setattr(cli, "main", main)
    with pytest.raises(SystemExit) as exited:
        __main__.main()
    assert exited.value.code == 3 and events == ["disable", "main", "freeze"]
    scripts = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'citelint = "citelint.__main__:main"' in scripts


def test_importing_the_package_imports_none_of_its_modules_until_a_type_is_asked_for():
    code = (
        "import sys, citelint\n"
        "print(sorted(m for m in sys.modules if m.startswith('citelint')))\n"
        "print(citelint.Diagnostic.__module__, citelint.Config.__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == ["['citelint']", "citelint.model citelint.config"]


def test_run_freezes_the_loaded_tables_only_while_checking(draft, monkeypatch):
    """In-process callers (an editor plugin, these tests) get their collector back as it
    was, after a check and after a failed one; a freeze of their own is left alone."""
    import gc
    import io

    from citelint import runner

    frozen_while_checking = []
    check_all = runner._check_all

    def watched(jobs, processes, cache=None):
        frozen_while_checking.append(gc.get_freeze_count() > 0)
        return check_all(jobs, processes, cache)

    monkeypatch.setattr(runner, "_check_all", watched)
    before = gc.get_freeze_count()
    options = runner.Options(paths=[str(draft(FLAGSHIP))], isolated=True)
    assert runner.run(options, "text", io.StringIO()) == 1
    assert frozen_while_checking == [True] and gc.get_freeze_count() == before
    monkeypatch.setattr(runner, "_check_all", lambda jobs, processes, cache=None: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        runner.run(options, "text", io.StringIO())
    assert gc.get_freeze_count() == before
    monkeypatch.setattr(runner, "_check_all", check_all)
    gc.freeze()  # a caller that froze first keeps its freeze
    try:
        runner.run(options, "text", io.StringIO())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_help_lists_every_command_and_check_imports_no_other():
    listed = run("--help").stdout.split("Commands:")[1].splitlines()[1:]
    assert [line.split()[0] for line in listed] == ["check", "claims", "facts", "rule", "server"]
    code = (
        "import sys\n"
        "from citelint.cli import main\n"
        "sys.argv = ['citelint', 'check', '-']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    print('citelint.commands' in sys.modules)\n"
    )
    checked = subprocess.run(
        [sys.executable, "-c", code], input="No figures.\n", capture_output=True, text=True
    )
    assert checked.stdout.splitlines()[-1] == "False"


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_jobs_2_reports_exactly_what_one_process_reports(tmp_path, fmt):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    examples = Path(__file__).parents[1] / "examples"
    for path in [examples / "draft.md", *sorted((examples / "articles").glob("*.md"))]:
        (drafts / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    one = run("check", "--format", fmt, "--jobs", "1", str(drafts))
    two = run("check", "--format", fmt, "--jobs", "2", str(drafts))
    assert one.returncode == two.returncode == 1, two.stderr
    assert one.stdout.count("CL") > 3
    assert two.stdout == one.stdout


def test_jobs_2_applies_fixes_to_every_file(tmp_path):
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(FLAGSHIP, encoding="utf-8")
    result = run("check", "--fix", "--unsafe-fixes", "--jobs", "2", str(tmp_path))
    assert result.returncode in (0, 1), result.stderr
    for name in ("a.md", "b.md", "c.md"):
        assert "17.1%" in (tmp_path / name).read_text(encoding="utf-8")


def test_jobs_2_checks_in_this_process_what_a_dead_worker_took(tmp_path, monkeypatch):
    """A worker that dies sends nothing back: the files it took are checked here, and
    none is reported as a worker's."""
    import os

    from citelint import runner

    def dies(jobs, ends, send, cache):
        with ends.get_lock():
            ends[1] -= 2  # takes two files from the back, then is gone
        os._exit(1)

    monkeypatch.setattr(runner, "_check_from_back", dies)
    paths = []
    for n in range(4):
        paths.append(tmp_path / f"{n}.md")
        paths[-1].write_text("Intro.\n\n" * n + FLAGSHIP, encoding="utf-8")
    options = runner.Options(paths=[str(p) for p in paths], isolated=True, jobs=2)
    jobs = runner._plan(options, [])
    for job in jobs:
        runner.load_table(job.specs)
    results, by_worker = runner._check_all(jobs, 2)
    assert by_worker == [False] * 4
    assert [r.path for r in results] == [str(p) for p in paths]
    assert [[d.line for d in r.diagnostics] for r in results] == [[1], [3], [5], [7]]


def test_text_excerpt_keeps_tabs_so_the_marks_line_up(draft):
    result = run("check", str(draft(FLAGSHIP.replace("According to", "According\tto"))))
    assert result.returncode == 1, result.stderr
    line = FLAGSHIP.replace("According to", "According\tto").rstrip("\n")
    column = line.index("41%")
    assert f"1 | {line}\n  | {' ' * 9}\t{' ' * (column - 10)}^^^\n" in result.stdout
