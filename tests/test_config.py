"""Which pyproject.toml files configure citelint: only those with a citelint table,
however TOML spells it; a project that merely depends on citelint does not."""

import sys

import pytest

from citelint.config import (
    Config,
    ConfigError,
    find_config,
    forget_locations,
    load_config,
    read_config,
)

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


# --------------------------------------------------------------------------- errors


def config_error(tmp_path, name: str, text: str) -> ConfigError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    return caught.value


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "detail"),
    [
        ("citelint.toml", 'facts = ["f.yaml"]\nselect = [\n', 2, 11, "invalid TOML: Invalid value"),
        ("citelint.toml", 'select = ["CL1"]\nfail-on = warning\n', 2, 11,
         "invalid TOML: Invalid value"),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.citelint]\nselect = ["CL1"\n', 5, 16,
         "invalid TOML: Unclosed array"),
    ],
)  # fmt: skip
def test_toml_syntax_error_gives_line_and_column(tmp_path, name, text, line, column, detail):
    err = config_error(tmp_path, name, text)
    assert (err.line, err.column, err.detail) == (line, column, detail)
    assert str(err) == f"{tmp_path / name}:{line}:{column}: {detail}"


def test_broken_pyproject_with_a_citelint_table_is_found_not_passed_over(project):
    draft = project('[tool.citelint]\nselect = ["CL1"\n')
    assert find_config(draft) == draft.parent.parent / "pyproject.toml"


@pytest.mark.parametrize(
    ("name", "text", "detail"),
    [
        ("citelint.toml", 'selekt = ["CL1"]\n', "unknown key 'selekt' (expected one of"),
        ("pyproject.toml", "[tool.citelint]\nselect = 3\n",
         "[tool.citelint]: 'select' must be a list of strings"),
        ("citelint.toml", 'select = ["CL999"]\n',
         "'select': unknown rule code or name 'CL999' (did you mean CL901?"),
        ("citelint.toml", 'ignore = ["missing-citations"]\n',
         "'ignore': unknown rule code or name 'missing-citations' (did you mean missing-citation?"),
        ("citelint.toml", '[per-file-ignores]\n"*.md" = ["XYZ"]\n',
         "'per-file-ignores.*.md': unknown rule code or name 'XYZ' (`citelint rule` lists them)"),
        ("citelint.toml", '[severity]\nCL1O1 = "error"\n',
         "'severity': unknown rule code or name 'CL1O1' (did you mean CL101?"),
        ("citelint.toml", "[tolerance]\naprox = 0.1\n",
         "unknown key 'tolerance.aprox' (expected one of approximate, nearly, open-ended)"),
        ("citelint.toml", "[tolerance]\napproximate = -0.05\n",
         "'tolerance.approximate' must be a finite number of 0 or more, not -0.05"),
        ("citelint.toml", "[tolerance]\nnearly = nan\n",
         "'tolerance.nearly' must be a finite number of 0 or more, not nan"),
        ("citelint.toml", "[tolerance]\nopen-ended = true\n",
         "'tolerance.open-ended' must be a number, not True"),
        ("citelint.toml", 'tolerance = "5%"\n', "'tolerance' must be a table of NAME = fraction"),
    ],
)  # fmt: skip
def test_invalid_values_name_the_key(tmp_path, name, text, detail):
    err = config_error(tmp_path, name, text)
    assert err.detail.startswith(detail), err.detail
    assert str(err).startswith(f"{tmp_path / name}: ")


def test_rule_names_and_prefixes_select_like_codes(tmp_path):
    path = tmp_path / "citelint.toml"
    path.write_text(
        'select = ["cl1", "missing-citation"]\nignore = ["Unit-Mismatch"]\n'
        '[per-file-ignores]\n"notes/*.md" = ["stale-statistic", "cl4"]\n'
        '[severity]\nCL2 = "info"\ncitation-link-mismatch = "error"\n'
        'unsupported-statistic = "error"\n',
        encoding="utf-8",
    )
    config = read_config(path)
    assert (config.select, config.ignore) == (("CL1", "CL201"), ("CL104",))
    assert config.per_file_ignores == {"notes/*.md": ("CL301", "CL4")}
    # The longer prefix wins, whatever the order: CL202 is an error, CL201 info.
    assert config.severity == {"CL101": "error", "CL201": "info", "CL202": "error"}


@pytest.mark.parametrize(
    ("select", "ignore", "enabled"),
    [
        ((), ("CL1",), False),
        (("CL1",), ("CL101",), False),
        (("CL101",), ("CL1",), True),  # the more specific selector wins, as in ruff
        (("CL1",), ("CL1",), False),  # at equal length, ignore does
        (("CL2",), (), False),
    ],
)
def test_the_more_specific_of_select_and_ignore_wins(select, ignore, enabled):
    assert Config(select=select, ignore=ignore).enabled("CL101") is enabled


def test_per_file_ignores_match_the_file_name_in_any_folder(tmp_path):
    path = tmp_path / "citelint.toml"
    path.write_text('[per-file-ignores]\n"notes.md" = ["CL201"]\n', encoding="utf-8")
    config = read_config(path)
    assert not config.enabled("CL201", str(tmp_path / "a" / "b" / "notes.md"))
    assert config.enabled("CL201", str(tmp_path / "a" / "other.md"))


def test_a_renamed_pyproject_given_by_path_is_read_from_its_tool_table(tmp_path):
    path = tmp_path / "ci-citelint.toml"
    path.write_text('[tool.citelint]\nselect = ["CL102"]\n', encoding="utf-8")
    assert read_config(path).select == ("CL102",)
    path.write_text('[tool.citelint]\nselekt = ["CL102"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool.citelint\]: unknown key 'selekt'"):
        read_config(path)


@pytest.mark.parametrize("text", ["tool.citelint = 3\n", '[tool]\ncitelint = "x"\n'])
def test_a_citelint_entry_that_is_not_a_table_is_a_config_error(tmp_path, text):
    err = config_error(tmp_path, "pyproject.toml", text)
    assert err.detail == "'tool.citelint' must be a table"
