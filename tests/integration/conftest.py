"""Shared helpers for the CI-integration tests: the fixtures folder, and running the
real `citelint` command line in a folder of one's choosing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "precommit: runs the real pre-commit tool, which builds a virtualenv and "
        "pip-installs citelint (slow, needs PyPI); run alone with `pytest -m precommit`",
    )


def run_citelint(*args: str, cwd: Path, env: dict[str, str] | None = None):
    """`python -m citelint ARGS` in `cwd`; returns the CompletedProcess (text)."""
    return subprocess.run(
        [sys.executable, "-m", "citelint", *args],
        cwd=cwd,
        env=env if env is not None else _clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_WORKSPACE"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def citelint():
    """The real command line: `citelint(*args, cwd=folder)` -> CompletedProcess."""
    return run_citelint


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A fresh folder holding copies of the fixture drafts and fact table."""
    for name in ("facts.yaml", "draft.md", "clean.md"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path
