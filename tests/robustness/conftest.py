"""Fixtures for the robustness tests: big inputs are generated once per session in
temporary folders (nothing binary is committed)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def big_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("big")
