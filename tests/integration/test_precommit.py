"""The pre-commit hook, run by the real pre-commit tool on a temporary project.

pre-commit clones the hook repository at a committed revision, builds a virtualenv
and pip-installs citelint into it (needs PyPI; slow the first time), so these tests
are marked `precommit`: run them alone with `pytest -m precommit`, skip them with
`-m "not precommit"`. PRE_COMMIT_HOME is one temporary folder per test session, so
the `pre-commit run` calls share one environment (`try-repo` always builds its own).

The hook repository is this checkout when its work tree is clean (as in CI); when it
has uncommitted or untracked files (someone is working in it), the tests commit a
snapshot of the work tree to a temporary repository and use that, so they always
test the code on disk.

The `--force-exclude` tests at the end run the CLI directly and are fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = FIXTURES / "project"
PRECOMMIT_TIMEOUT = 1200  # seconds: building the environment pip-installs from PyPI

BAD_LINE = (
    "According to a study by MIT and Hugging Face, Chinese open models now account "
    "for 41% of global downloads."
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@dataclass(frozen=True)
class PreCommit:
    env: dict[str, str]
    repo: str  # the hook repository: a path pre-commit can clone
    rev: str  # a commit of it that has .pre-commit-hooks.yaml

    def __call__(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=PRECOMMIT_TIMEOUT,
        )


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def _env(home: Path) -> dict[str, str]:
    """The environment without the caller's git or pre-commit settings, with a
    PRE_COMMIT_HOME of our own and a fixed git identity."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    gitconfig = home / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="citelint tests",
        GIT_AUTHOR_EMAIL="tests@citelint.invalid",
        GIT_COMMITTER_NAME="citelint tests",
        GIT_COMMITTER_EMAIL="tests@citelint.invalid",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONIOENCODING="utf-8",
    )
    env.pop("GITHUB_WORKSPACE", None)
    return env


def _hook_repo(scratch: Path, env: dict[str, str]) -> tuple[str, str]:
    """(path, rev): this checkout at HEAD when clean, else a committed snapshot."""
    if (REPO / ".git").exists():
        status = git("status", "--porcelain", "--untracked-files=all", cwd=REPO, env=env)
        has_hooks = subprocess.run(
            ["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"],
            cwd=REPO,
            env=env,
            capture_output=True,
        )
        if not status.strip() and has_hooks.returncode == 0:
            return str(REPO), git("rev-parse", "HEAD", cwd=REPO, env=env).strip()
        listed = git(
            "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO, env=env
        )
        files = [name for name in listed.split("\0") if name and (REPO / name).is_file()]
    else:
        skip = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".pytest_cache"}
        files = [
            p.relative_to(REPO).as_posix()
            for p in REPO.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(REPO).parts)
        ]
    snapshot = scratch / "citelint-snapshot"
    for name in files:
        target = snapshot / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    git("init", "-q", cwd=snapshot, env=env)
    git("add", "-A", cwd=snapshot, env=env)
    git("commit", "-q", "-m", "snapshot of the citelint work tree", cwd=snapshot, env=env)
    return str(snapshot), git("rev-parse", "HEAD", cwd=snapshot, env=env).strip()


@pytest.fixture(scope="session")
def precommit(tmp_path_factory: pytest.TempPathFactory) -> PreCommit:
    scratch = tmp_path_factory.mktemp("precommit")
    env = _env(scratch)
    repo, rev = _hook_repo(scratch, env)
    return PreCommit(env, repo, rev)


def _project(root: Path, env: dict[str, str]) -> Path:
    """A user's repository: config, fact table, a bad, a good and an archived draft."""
    shutil.copytree(PROJECT, root)
    shutil.copy(FIXTURES / "facts.yaml", root / "facts.yaml")
    git("init", "-q", cwd=root, env=env)
    git("add", "-A", cwd=root, env=env)
    git("commit", "-q", "-m", "drafts", cwd=root, env=env)
    return root


def _fix_bad_draft(project: Path, env: dict[str, str]) -> None:
    bad = project / "drafts" / "bad.md"
    text = bad.read_text(encoding="utf-8")
    assert BAD_LINE in text
    bad.write_text(text.replace("for 41% of", "for 17.1% of"), encoding="utf-8")
    git("add", "-A", cwd=project, env=env)


def _assert_failed_on_bad_draft(proc: subprocess.CompletedProcess[str]) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "citelint" in out and "Failed" in out, out
    assert "drafts/bad.md:3:83: CL103 [error]" in out, out
    assert "drafts/good.md" not in out, out
    # pre-commit passes the archived draft explicitly; --force-exclude skips it.
    assert "drafts/archive" not in out, out


def _assert_passed(proc: subprocess.CompletedProcess[str]) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Passed" in out and "CL1" not in out, out


@needs_git
@pytest.mark.precommit
def test_try_repo(precommit: PreCommit, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", precommit.env)
    proc = precommit("try-repo", precommit.repo, "citelint", "--all-files", cwd=project)
    _assert_failed_on_bad_draft(proc)

    _fix_bad_draft(project, precommit.env)
    proc = precommit("try-repo", precommit.repo, "citelint", "--all-files", cwd=project)
    _assert_passed(proc)


@needs_git
@pytest.mark.precommit
def test_run_with_config(precommit: PreCommit, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", precommit.env)
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {precommit.repo}\n"
        f"    rev: {precommit.rev}\n"
        "    hooks:\n"
        "      - id: citelint\n",
        encoding="utf-8",
    )
    git("add", "-A", cwd=project, env=precommit.env)
    proc = precommit("run", "--all-files", cwd=project)
    _assert_failed_on_bad_draft(proc)

    _fix_bad_draft(project, precommit.env)
    proc = precommit("run", "--all-files", cwd=project)
    _assert_passed(proc)

    # Only the changed file is passed on a commit-time run; an untouched clean file passes.
    proc = precommit("run", "--files", "drafts/good.md", cwd=project)
    _assert_passed(proc)


# -- the manifest and --force-exclude, without pre-commit's environments ---------------


def test_manifest_is_valid() -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "citelint"
    assert hook["entry"] == "citelint check --force-exclude"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["require_serial"] is True


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    shutil.copy(FIXTURES / "facts.yaml", root / "facts.yaml")
    return root


def test_explicit_path_is_checked_without_force_exclude(citelint, project: Path) -> None:
    proc = citelint("check", "drafts/archive/old.md", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "drafts/archive/old.md:3:" in proc.stdout
    assert "CL103" in proc.stdout


def test_force_exclude_skips_explicit_paths(citelint, project: Path) -> None:
    proc = citelint(
        "check", "--force-exclude", "drafts/archive/old.md", "drafts/good.md", cwd=project
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "drafts/archive" not in proc.stdout + proc.stderr


def test_folder_walk_honours_exclude(citelint, project: Path) -> None:
    proc = citelint("check", "drafts", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "drafts/bad.md:3:83: CL103" in proc.stdout
    assert "drafts/archive" not in proc.stdout


def test_force_exclude_with_only_excluded_paths_passes(citelint, project: Path) -> None:
    """A commit that touches only excluded files must not fail the hook (ruff exits 0
    when --force-exclude leaves nothing to check)."""
    proc = citelint("check", "--force-exclude", "drafts/archive/old.md", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "CL103" not in proc.stdout
