"""Which pyproject.toml files configure citelint: only those with a citelint table,
however TOML spells it; a project that merely depends on citelint does not."""

import sys

import pytest

from citelint.config import find_config, forget_locations, load_config

CONFIGURES = [
    '[tool.citelint]\nignore = ["CL201"]\n',
    '[tool.citelint.per-file-ignores]\n"a.md" = ["CL201"]\n',
    '[ tool . "citelint" ]\nignore = ["CL201"]\n',
    'tool.citelint.ignore = ["CL201"]\n',
    '[tool]\ncitelint = { ignore = ["CL201"] }\n',
    "[tool]\ncitelint.ignore = ['CL201']\n",
]
DOES_NOT = [
    '[project]\nname = "citelint"\ndependencies = ["citelint>=0.1"]\n',
    '[project.scripts]\ncitelint = "citelint.cli:main"\n',
    '[tool.citelintx]\nignore = ["CL201"]\n',
    "[tool.ruff]\nline-length = 100\n",
    '[tool]\nruff = {}\n[tool.ruff]\ncitelint = "not ours"\n',
    "# [tool.citelint]\n[tool.ruff]\nline-length = 100\n",
]


@pytest.fixture
def project(tmp_path):
    def make(pyproject: str):
        forget_locations()
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
        (tmp_path / "docs").mkdir(exist_ok=True)
        return tmp_path / "docs" / "a.md"

    yield make
    forget_locations()


@pytest.mark.parametrize("pyproject", CONFIGURES)
def test_pyproject_with_a_citelint_table_is_the_configuration(project, pyproject):
    found = find_config(project(pyproject))
    assert found is not None and found.name == "pyproject.toml"
    assert load_config(found).ignore == ("CL201",) or load_config(found).per_file_ignores


@pytest.mark.parametrize("pyproject", DOES_NOT)
def test_pyproject_without_a_citelint_table_is_passed_over_unparsed(
    project, monkeypatch, pyproject
):
    monkeypatch.setitem(sys.modules, "tomllib", None)  # importing it fails: not parsed
    found = find_config(project(pyproject))
    assert found is None or found.name != "pyproject.toml"
