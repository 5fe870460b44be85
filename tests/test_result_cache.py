"""`citelint check` keeps each file's findings and reuses them while nothing they depend
on has changed (the file, its configuration, the fact tables, citelint's code). A kept
entry is doctored to tell where a finding came from: reported doctored, it came from the
cache; reported as found, the file was checked again."""

import json
import os
import pickle
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from clihelpers import citelint_exe

from citelint import resultcache, runner
from citelint.cli import main

FLAGSHIP = (
    "According to a study by MIT and Hugging Face, Chinese models hold 41% of global downloads.\n"
)
FACTS = Path(__file__).parent / "fixtures" / "eval-extra" / "facts.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, with the cache turned on (the suite turns it off)."""
    monkeypatch.delenv("CITELINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "citelint" / "results"


def check(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*/*.pickle"))


def doctor(entry: Path) -> None:
    """Rewrite the kept findings' messages, so that a report of them shows it."""
    path, digest, result = pickle.loads(entry.read_bytes())
    doctored = tuple(
        d.__class__(**{**_fields(d), "message": "FROM CACHE"}) for d in result.diagnostics
    )
    entry.write_bytes(pickle.dumps((path, digest, result._replace(diagnostics=doctored))))


def _fields(diagnostic) -> dict:
    return {name: getattr(diagnostic, name) for name in diagnostic.__dataclass_fields__}


def messages(findings: list[dict]) -> list[str]:
    return [f["message"] for f in findings]


def test_an_unchanged_file_is_reported_from_the_cache(cache, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    status, fresh = check(str(draft))
    [entry] = entries(cache)
    doctor(entry)
    again_status, again = check(str(draft))
    assert (status, again_status) == (1, 1)
    assert "17.1%" in fresh[0]["message"] and fresh[0]["code"] == "CL103"
    assert messages(again) == ["FROM CACHE"]
    assert [f["code"] for f in again] == ["CL103"]


def test_cached_findings_equal_fresh_ones_in_every_format(cache):
    examples = str(Path(__file__).parents[1] / "examples")
    for fmt in ("json", "sarif", "github", "text"):
        first = CliRunner().invoke(main, ["check", "--format", fmt, examples])
        second = CliRunner().invoke(main, ["check", "--format", fmt, "--jobs", "2", examples])
        uncached = CliRunner().invoke(main, ["check", "--format", fmt, "--no-cache", examples])
        assert first.stdout == second.stdout == uncached.stdout, fmt
    assert len(entries(cache)) == len(list(Path(examples).rglob("*.md")))


def test_parallel_workers_keep_the_findings_of_the_files_they_checked(cache, tmp_path):
    drafts = [tmp_path / f"draft-{n}.md" for n in range(3)]
    for n, draft in enumerate(drafts):
        draft.write_text("Intro.\n\n" * n + FLAGSHIP)
    _, fresh = check("--jobs", "2", *map(str, drafts))
    kept = entries(cache)
    assert len(kept) == 3
    for entry in kept:
        doctor(entry)
    _, again = check(*map(str, drafts))
    assert [(f["line"], f["code"]) for f in fresh] == [(1, "CL103"), (3, "CL103"), (5, "CL103")]
    assert [(f["line"], f["message"]) for f in again] == [
        (1, "FROM CACHE"),
        (3, "FROM CACHE"),
        (5, "FROM CACHE"),
    ]


def test_a_changed_text_is_checked_again(cache, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    check(str(draft))
    doctor(entries(cache)[0])
    draft.write_text("Intro.\n\n" + FLAGSHIP)
    _, findings = check(str(draft))
    assert [(f["line"], f["code"]) for f in findings] == [(3, "CL103")]
    assert "FROM CACHE" not in messages(findings)


def test_a_changed_fact_table_is_checked_again(cache, tmp_path):
    table = tmp_path / "facts.yaml"
    table.write_text(FACTS.read_text())
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    check("--facts", str(table), str(draft))
    doctor(entries(cache)[0])
    assert messages(check("--facts", str(table), str(draft))[1]) == ["FROM CACHE"]
    table.write_text(FACTS.read_text().replace("value: 17.1", "value: 18.5"))
    runner.load_table.cache_clear()  # this process remembers tables; a new run reads them
    [finding] = check("--facts", str(table), str(draft))[1]
    assert finding["code"] == "CL103" and "18.5%" in finding["message"]


def test_a_changed_configuration_is_checked_again(cache, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    plain, ignoring = tmp_path / "plain.toml", tmp_path / "ignoring.toml"
    plain.write_text('fail-on = "warning"\n')
    ignoring.write_text('[per-file-ignores]\n"draft.md" = ["CL103"]\n')
    check("--config", str(plain), str(draft))
    doctor(entries(cache)[0])
    assert messages(check("--config", str(plain), str(draft))[1]) == ["FROM CACHE"]
    assert check("--config", str(ignoring), str(draft)) == (0, [])


def test_no_cache_and_citelint_no_cache_check_every_file_and_keep_nothing(
    cache, tmp_path, monkeypatch
):
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    check("--no-cache", str(draft))
    assert not cache.exists()
    check(str(draft))
    doctor(entries(cache)[0])
    assert "FROM CACHE" not in messages(check("--no-cache", str(draft))[1])
    monkeypatch.setenv("CITELINT_NO_CACHE", "1")
    assert "FROM CACHE" not in messages(check(str(draft))[1])
    monkeypatch.setenv("CITELINT_NO_CACHE", "0")
    assert messages(check(str(draft))[1]) == ["FROM CACHE"]


def test_a_damaged_entry_is_checked_again_and_replaced(cache, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    _, fresh = check(str(draft))
    [entry] = entries(cache)
    entry.write_bytes(b"\x80\x05not a pickle")
    assert check(str(draft))[1] == fresh
    path, _, result = pickle.loads(entry.read_bytes())
    assert path == str(draft) and result.diagnostics[0].code == "CL103"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    monkeypatch.delenv("CITELINT_NO_CACHE", raising=False)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    first, second = check(str(draft)), check(str(draft))
    assert first == second and first[1][0]["code"] == "CL103"


def test_files_without_claims_stdin_and_html_reports_keep_nothing(cache, tmp_path):
    plain = tmp_path / "plain.md"
    plain.write_text("# Notes\n\nNothing to count here.\n")
    check(str(plain))
    CliRunner().invoke(main, ["check", "-"], input=FLAGSHIP)
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    report = tmp_path / "report.html"
    CliRunner().invoke(main, ["check", "--format", "html", "-o", str(report), str(draft)])
    assert report.exists()
    assert entries(cache) == []


def test_a_new_group_removes_the_least_recently_written_beyond_sixteen(cache, tmp_path):
    for number in range(20):
        old = cache / f"old-{number:02d}"
        old.mkdir(parents=True)
        os.utime(old, ns=(number * 10**9, number * 10**9))
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    check(str(draft))
    left = sorted(p.name for p in cache.iterdir())
    assert len(left) == 16
    assert [name for name in left if name.startswith("old-")] == [
        f"old-{n:02d}" for n in range(5, 20)
    ]


def test_another_build_of_citelint_has_its_own_group(cache, monkeypatch):
    job = runner.Job(runner.SourceFile("draft.md", FLAGSHIP), (), runner.Config())
    groups = []
    for stamp in ("build one", "build two"):
        monkeypatch.setattr(resultcache, "package_stamp", lambda stamp=stamp: stamp)
        groups.append(resultcache.ResultCache()._entry(job)[0])
    assert groups[0] != groups[1]


def test_the_installed_command_reuses_findings_between_runs(tmp_path):
    """What users run: two processes, the second reading what the first kept."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("CITELINT_NO_CACHE")
    draft = tmp_path / "draft.md"
    draft.write_text(FLAGSHIP)
    argv = [*citelint_exe(), "check", "--format", "json", str(draft)]
    first = subprocess.run(argv, capture_output=True, text=True, env=env)
    [entry] = sorted((tmp_path / "xdg" / "citelint" / "results").glob("*/*.pickle"))
    doctor(entry)
    second = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert (first.returncode, second.returncode) == (1, 1), first.stderr + second.stderr
    assert messages(json.loads(second.stdout)) == ["FROM CACHE"]


def test_fixes_apply_to_kept_findings_and_the_fixed_file_is_checked_again(cache, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("MIT and Hugging Face found Chinese models hold 18.3% of global downloads.\n")
    assert [f["code"] for f in check(str(draft))[1]] == ["CL102"]
    fixed = CliRunner().invoke(main, ["check", "--fix", str(draft)])
    assert fixed.exit_code == 0, fixed.output
    assert "17.1%" in draft.read_text()
    assert check(str(draft)) == (0, [])
