"""Fact tables: good tables in every format, every kind of bad table, packs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from citelint import packs
from citelint.facttable import UNITS, load_facts, load_table, normalise_unit, parse_value, readers
from citelint.model import FactTable, FactTableError, Location

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
EVAL_FACTS = Path("/work/shared/eval/facts.yaml")

UNIT_HINT = (
    "(expected percent, pp, count, score, ratio, points, times or an ISO currency code such as USD)"
)
VALUE_HINT = "(write e.g. 17.1, 6,200, 10 billion, 619m or 17.1%)"
DATE_HINT = "expected a date such as 2025, 2026-01 or 2026-04-28"
ID_HINT = "(use letters, digits, '.', '_', ':' and '-', starting with a letter or digit)"
QUALIFIER_HINT = (
    "(expected more than, over, above, at least, less than, under, below, up to, about, "
    "around, roughly, approximately, nearly, almost, exactly, =, ~, >, <, >= or <=)"
)
LIBYAML = pytest.mark.skipif(not yaml.__with_libyaml__, reason="libyaml words its errors")

# File in tests/fixtures/facts/bad -> every problem as (line, field, message), in order.
# "{here}" stands for the file's own path.
BAD_TABLES = [
    # The top level.
    ("missing-version.yaml", [(1, "version", "required field is missing")]),
    ("wrong-version.yaml", [(1, "version", "unsupported version 2 (expected 1)")]),
    (
        "top-level-list.yaml",
        [(1, "", "expected a mapping with version, sources and facts, not a list")],
    ),
    (
        "empty.yaml",
        [(1, "", "the file is empty (expected a mapping with version, sources and facts)")],
    ),
    ("unknown-top-field.yaml", [(2, "sauces", "unknown field (did you mean 'sources'?)")]),
    (
        "missing-sources.yaml",
        [
            (1, "sources", "required field is missing"),
            (4, "facts[0].source", "unknown source 'src'"),
        ],
    ),
    ("facts-not-list.yaml", [(5, "facts", "must be a list of mappings, not a mapping")]),
    ("item-not-mapping.yaml", [(6, "facts[0]", "must be a mapping, not a string")]),
    # Sources.
    ("source-missing-id.yaml", [(3, "sources[0].id", "required field is missing")]),
    ("source-missing-name.yaml", [(3, "sources[0].name", "required field is missing")]),
    ("source-bad-id.yaml", [(5, "sources[1].id", f"invalid id '-other source' {ID_HINT}")]),
    (
        "aliases-not-list.yaml",
        [(5, "sources[0].aliases", "must be a list of strings, not a string")],
    ),
    ("keys-item-not-string.yaml", [(5, "sources[0].keys[1]", "must be a string, not a list")]),
    ("source-bad-published.yaml", [(5, "sources[0].published", f"{DATE_HINT}, not 'last spring'")]),
    (
        "duplicate-source.yaml",
        [(5, "sources[1].id", "duplicate source id 'src' (first defined at {here}:3)")],
    ),
    (
        "unknown-source-field.yaml",
        [(5, "sources[0].website", "unknown field (custom fields must start with 'x-')")],
    ),
    # Facts.
    (
        "fact-missing-fields.yaml",
        [
            (6, "facts[0].value", "required field is missing"),
            (6, "facts[0].unit", "required field is missing"),
            (6, "facts[0].metric", "required field is missing"),
        ],
    ),
    ("fact-empty-metric.yaml", [(10, "facts[0].metric", "must not be empty")]),
    ("fact-bad-id.yaml", [(6, "facts[0].id", f"invalid id 'f 1' {ID_HINT}")]),
    ("value-list.yaml", [(8, "facts[0].value", "must be a number, not a list")]),
    ("value-not-number.yaml", [(8, "facts[0].value", f"not a number: 'seventeen' {VALUE_HINT}")]),
    ("value-boolean.yaml", [(8, "facts[0].value", f"not a number: 'true' {VALUE_HINT}")]),
    ("value-nan.yaml", [(8, "facts[0].value", f"not a number: '.nan' {VALUE_HINT}")]),
    (
        "value-percent-unit.yaml",
        [(8, "facts[0].value", "'17.1%' is a percentage but the unit is 'USD'")],
    ),
    ("unknown-unit.yaml", [(9, "facts[0].unit", f"unknown unit 'furlongs' {UNIT_HINT}")]),
    ("unit-not-string.yaml", [(9, "facts[0].unit", "must be a string, not a mapping")]),
    (
        "unknown-qualifier.yaml",
        [(11, "facts[0].qualifier", f"unknown qualifier 'circa' {QUALIFIER_HINT}")],
    ),
    ("bad-as-of.yaml", [(11, "facts[0].as_of", f"{DATE_HINT}, not '2026-13'")]),
    (
        "keywords-not-list.yaml",
        [(11, "facts[0].keywords", "must be a list of strings, not a string")],
    ),
    (
        "quoted-in-item-not-string.yaml",
        [(13, "facts[0].quoted_in[1]", "must be a string, not a mapping")],
    ),
    (
        "text-field-wrong-type.yaml",
        [
            (11, "facts[0].subject", "must be a string, not a list"),
            (12, "facts[0].notes", "must be a string, not a mapping"),
        ],
    ),
    (
        "unknown-fact-field.yaml",
        [
            (11, "facts[0].keyword", "unknown field (did you mean 'keywords'?)"),
            (12, "facts[0].colour", "unknown field (custom fields must start with 'x-')"),
        ],
    ),
    (
        "duplicate-fact.yaml",
        [(11, "facts[1].id", "duplicate fact id 'f1' (first defined at {here}:6)")],
    ),
    ("unknown-source.yaml", [(7, "facts[0].source", "unknown source 'sr' (did you mean 'src'?)")]),
    ("superseded-unknown.yaml", [(11, "facts[0].superseded_by", "unknown fact 'f9'")]),
    ("superseded-self.yaml", [(11, "facts[0].superseded_by", "a fact cannot supersede itself")]),
    (
        "superseded-cycle.yaml",
        [(17, "facts[1].superseded_by", "superseded_by forms a cycle: f2 -> f3 -> f2")],
    ),
    (
        "omitted-bad.yaml",
        [
            (12, "omitted[0].reason", "required field is missing"),
            (13, "omitted[0].quoted_in", "must be a list of strings, not a string"),
            (14, "omitted[1].statistic", "required field is missing"),
            (15, "omitted[1].why", "unknown field (custom fields must start with 'x-')"),
        ],
    ),
    (
        "many-problems.yaml",
        [
            (1, "version", "unsupported version 3 (expected 1)"),
            (4, "sources[0].name", "must be a string, not a list"),
            (7, "facts[0].source", "unknown source 'nowhere'"),
            (9, "facts[0].unit", f"unknown unit 'furlongs' {UNIT_HINT}"),
        ],
    ),
    # The file itself, and YAML's own hazards.
    (
        "unknown-extension.txt",
        [(0, "", "unknown fact-table format '.txt' (expected .yaml, .yml, .json, .toml or .csv)")],
    ),
    ("not-utf8.yaml", [(4, "", "not valid UTF-8 (byte 0xe9)")]),
    pytest.param(
        "yaml-syntax.yaml",
        [(9, "", "invalid YAML: mapping values are not allowed in this context")],
        marks=LIBYAML,
    ),
    ("yaml-duplicate-key.yaml", [(11, "facts[0].unit", "duplicate key (first on line 9)")]),
    ("yaml-python-tag.yaml", [(8, "", "unsupported YAML tag '!!python/object/apply:os.system'")]),
    ("yaml-two-documents.yaml", [(11, "", "expected a single YAML document, found more")]),
    ("yaml-recursive-alias.yaml", [(11, "", "recursive YAML alias 'loop'")]),
    ("yaml-deep.yaml", [(11, "", "YAML nested deeper than 100 levels")]),
    (
        "yaml-bad-merge.yaml",
        [(6, "", "a '<<' merge key must name a mapping or a list of mappings")],
    ),
    (
        "yaml-bomb.yaml",
        [(10, "", "YAML aliases expand to more than 2,000,000 nodes (a YAML bomb?)")],
    ),
    # JSON.
    (
        "json-syntax.json",
        [(5, "", "invalid JSON: Expecting property name enclosed in double quotes (column 17)")],
    ),
    (
        "json-trailing-comma.json",
        [(5, "", "invalid JSON: Expecting property name enclosed in double quotes (column 1)")],
    ),
    (
        "violations.json",
        [
            (4, "sources[0].aliases", "must be a list of strings, not a string"),
            (10, "facts[0].value", "must be a number, not a boolean"),
            (11, "facts[0].unit", f"unknown unit 'furlongs' {UNIT_HINT}"),
            (12, "facts[0].metric", "duplicate key"),
            (15, "facts[1].metric", "required field is missing"),
            (16, "facts[1].id", "duplicate fact id 'f1' (first defined at {here}:7)"),
            (17, "facts[1].source", "unknown source 'nowhere'"),
        ],
    ),
    # TOML.
    ("toml-syntax.toml", [(5, "", "invalid TOML: Invalid value (column 8)")]),
    (
        "violations.toml",
        [
            (6, "sources[0].published", "must be a date such as 2026-01, not a time"),
            (11, "facts[0].value", f"not a number: 'ten' {VALUE_HINT}"),
            (12, "facts[0].unit", f"unknown unit 'furlongs' {UNIT_HINT}"),
            (15, "facts[1].value", "required field is missing"),
            (20, "facts[1].colour", "unknown field (custom fields must start with 'x-')"),
        ],
    ),
    # CSV: messages name the column, lines are rows.
    ("csv-syntax.csv", [(2, "", "invalid CSV: ',' expected after '\"'")]),
    ("csv-empty.csv", [(1, "", "the file is empty (expected a header row naming the columns)")]),
    (
        "csv-header.csv",
        [
            (1, "metric", "duplicate column"),
            (1, "colour", "unknown column (custom columns must start with 'x-')"),
            (1, "unit", "required column is missing"),
        ],
    ),
    (
        "violations.csv",
        [
            (2, "source_published", f"{DATE_HINT}, not 'spring'"),
            (2, "unit", f"unknown unit 'furlongs' {UNIT_HINT}"),
            (3, "value", f"not a number: 'ten' {VALUE_HINT}"),
            (4, "metric", "required field is missing"),
            (4, "id", "duplicate fact id 'f2' (first defined at {here}:3)"),
            (5, "", "row has 8 cells but the header has 7 columns"),
        ],
    ),
]


def problems_of(*paths: Path) -> list[tuple[str, int, str, str]]:
    with pytest.raises(FactTableError) as raised:
        load_facts(paths)
    return [(p.path, p.line, p.field, p.message) for p in raised.value.problems]


@pytest.mark.parametrize(("name", "expected"), BAD_TABLES)
def test_bad_table(name: str, expected: list[tuple[int, str, str]]) -> None:
    path = BAD / name
    assert problems_of(path) == [
        (str(path), line, field, message.replace("{here}", str(path)))
        for line, field, message in expected
    ]


def test_every_bad_fixture_is_in_the_table() -> None:
    listed = {case.values[0] if hasattr(case, "values") else case[0] for case in BAD_TABLES}
    assert listed == {path.name for path in BAD.iterdir()}


def test_error_message_names_file_line_and_field() -> None:
    with pytest.raises(FactTableError) as raised:
        load_table(BAD / "unknown-unit.yaml")
    assert (
        str(raised.value)
        == f"{BAD / 'unknown-unit.yaml'}:9: facts[0].unit: unknown unit 'furlongs' {UNIT_HINT}"
    )


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [
        (str(tmp_path / "nope.yaml"), 0, "", "file not found")
    ]
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert problems_of(folder) == [(str(folder), 0, "", "is a directory, not a fact-table file")]


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_BYTES", 2**20)
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * 2**20)
    assert problems_of(path) == [(str(path), 0, "", "file is larger than 1 MB")]


def test_yaml_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    problems_of(BAD / "yaml-bomb.yaml")
    assert time.perf_counter() - start < 1.0


def test_problems_of_all_files_are_reported_together() -> None:
    first, second = BAD / "unknown-unit.yaml", BAD / "violations.csv"
    problems = problems_of(first, second)
    assert [(Path(path).name, line, field) for path, line, field, _ in problems] == [
        ("unknown-unit.yaml", 9, "facts[0].unit"),
        ("violations.csv", 2, "source_published"),
        ("violations.csv", 2, "unit"),
        ("violations.csv", 2, "source"),
        ("violations.csv", 2, "id"),
        ("violations.csv", 3, "value"),
        ("violations.csv", 4, "metric"),
        ("violations.csv", 4, "id"),
        ("violations.csv", 5, ""),
    ]
    assert problems[3][3] == f"duplicate source id 'src' (first defined at {first}:3)"


# Good tables.

FORMATS = ["yaml", "json", "toml", "csv"]


@pytest.fixture(scope="module")
def yaml_table() -> FactTable:
    return load_table(GOOD / "table.yaml")


@pytest.mark.parametrize("ext", FORMATS[1:])
def test_every_format_loads_the_same_table(ext: str, yaml_table: FactTable) -> None:
    table = load_table(GOOD / f"table.{ext}")
    assert table.sources == yaml_table.sources
    assert table.facts == yaml_table.facts
    assert table.paths == (str(GOOD / f"table.{ext}"),)


def test_good_table_values(yaml_table: FactTable) -> None:
    facts = {fact.id: fact for fact in yaml_table.facts}
    assert {k: (f.value, f.unit) for k, f in facts.items()} == {
        "cn-share": (17.1, "percent"),
        "cn-downloads": (10_000_000_000, "count"),
        "cn-downloads-2": (1_200_000_000_000, "CNY"),
        "companies": (6200, "count"),
        "minimax": (619_000_000, "USD"),
        "us-share": (15.8, "percent"),
    }
    share = facts["cn-share"]
    assert share.keywords == ("global downloads", "share", "2025")
    assert share.quoted_in == ("article-1", "article-2")
    assert (share.as_of, share.status, share.primary_url) == (
        "2026-01",
        "verified",
        "https://huggingface.co/blog/deepseek",
    )
    assert facts["cn-downloads"].qualifier == "more than"
    assert facts["cn-downloads"].superseded_by == "cn-downloads-2"
    assert facts["minimax"].as_of == "2026-01-09"
    assert share.origin == Location(str(GOOD / "table.yaml"), 27)
    source = yaml_table.source("hf-mit")
    assert source is not None
    assert (source.aliases, source.keys, source.published) == (
        ("MIT", "MIT/HF"),
        ("hfmit2026",),
        "2026-01",
    )
    assert [s.published for s in yaml_table.sources] == ["2026-01", "2026-04-28", "2026"]


@pytest.mark.parametrize(
    ("ext", "fact_lines", "source_lines"),
    [
        ("yaml", [27, 42, 50, 57, 64, 71], [9, 17, 22]),
        ("json", [25, 41, 50, 58, 66, 74], [7, 16, 22]),
        ("toml", [27, 43, 52, 60, 68, 76], [7, 16, 22]),
        ("csv", [2, 3, 4, 5, 6, 7], [2, 3, 6]),
    ],
)
def test_origins(ext: str, fact_lines: list[int], source_lines: list[int]) -> None:
    table = load_table(GOOD / f"table.{ext}")
    assert [f.origin.line for f in table.facts if f.origin] == fact_lines
    assert [s.origin.line for s in table.sources if s.origin] == source_lines


def test_omitted_and_merge_keys(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(
        "version: 1\n"
        "sources: [{id: s, name: S}]\n"
        "x-defaults: &defaults {source: s, unit: percent, metric: share}\n"
        "facts:\n"
        "  - {<<: *defaults, id: a, value: 1}\n"
        "  - {<<: *defaults, id: b, value: 2, unit: pp}\n"
        "omitted:\n"
        "  - statistic: 41% of global downloads\n"
        "    reason: no primary source\n"
        "    quoted_in: [article-3]\n"
    )
    table = load_table(path)
    assert [(f.id, f.unit, f.source) for f in table.facts] == [
        ("a", "percent", "s"),
        ("b", "pp", "s"),
    ]
    (omission,) = table.omitted
    assert (omission.statistic, omission.reason, omission.quoted_in) == (
        "41% of global downloads",
        "no primary source",
        ("article-3",),
    )


def test_eval_table_loads() -> None:
    if not EVAL_FACTS.exists():
        pytest.skip("shared evaluation table not available")
    table = load_table(EVAL_FACTS)
    assert (len(table.facts), len(table.sources)) == (18, 7)
    assert table.fact("cn-core-ai-industry-cny").value == 1_200_000_000_000
    assert table.source("cn-official-2026-04").published == "2026-04-28"


# Several files.

SPLIT = FIXTURES / "split"


@pytest.mark.parametrize(
    "names",
    [
        ["sources.yaml", "facts.csv", "more-facts.json"],
        ["facts.csv", "more-facts.json", "sources.yaml"],
    ],
)
def test_files_refer_to_each_other(names: list[str]) -> None:
    table = load_facts([SPLIT / name for name in names])
    (source,) = table.sources
    assert source.publisher == "Hugging Face and MIT"  # the YAML definition, not the CSV's id
    assert [(f.id, f.value, f.superseded_by) for f in table.facts] == [
        ("qwen-2025", 600_000_000, "qwen-2026"),
        ("qwen-2026", 700_000_000, None),
    ]


def test_duplicate_ids_across_files_name_both_places() -> None:
    yaml_path, json_path = GOOD / "table.yaml", GOOD / "table.json"
    problems = problems_of(yaml_path, json_path)
    assert problems[0] == (
        str(json_path),
        8,
        "sources[0].id",
        f"duplicate source id 'hf-mit' (first defined at {yaml_path}:9)",
    )
    assert problems[-1] == (
        str(json_path),
        75,
        "facts[5].id",
        f"duplicate fact id 'us-share' (first defined at {yaml_path}:71)",
    )
    assert len(problems) == 9


def test_no_paths_is_an_empty_table() -> None:
    assert load_facts([]) == FactTable()


# Values and units.


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (17.1, 17.1),
        (6200, 6200.0),
        ("17.1", 17.1),
        ("6,200", 6200.0),
        ("1,234,567.5", 1234567.5),
        ("10 billion", 1e10),
        ("10bn", 1e10),
        ("10B", 1e10),
        ("1.2 trillion", 1.2e12),
        ("1.2tn", 1.2e12),
        ("619m", 619e6),
        ("0.7 billion", 7e8),
        ("5k", 5000.0),
        ("17.1%", 17.1),
        ("41 percent", 41.0),
        ("-3.5", -3.5),
        ("1e10", 1e10),
        (".5", 0.5),
    ],
)
def test_parse_value(raw: object, value: float) -> None:
    assert parse_value(raw) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (True, "must be a number, not a boolean"),
        ([1], "must be a number, not a list"),
        (None, "must be a number, not a null"),
        ("ten", f"not a number: 'ten' {VALUE_HINT}"),
        ("1,2", f"not a number: '1,2' {VALUE_HINT}"),
        ("10 furlongs", f"not a number: '10 furlongs' {VALUE_HINT}"),
        ("nan", "must be a finite number, not 'nan'"),
        (float("inf"), "must be a finite number, not inf"),
        (10**400, "must be a finite number, not " + str(10**400)),
    ],
)
def test_parse_value_rejects(raw: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_value(raw)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("percent", "percent"),
        ("%", "percent"),
        ("Per  Cent", "percent"),
        ("percentage points", "pp"),
        ("pp", "pp"),
        ("count", "count"),
        ("x", "times"),
        ("yuan", "CNY"),
        ("RMB", "CNY"),
        ("cny", "CNY"),
        ("dollars", "USD"),
        ("$", "USD"),
        ("euros", "EUR"),
        ("€", "EUR"),
        ("jpy", "JPY"),
        ("furlongs", None),
        ("", None),
    ],
)
def test_normalise_unit(text: str, unit: str | None) -> None:
    assert normalise_unit(text) == unit
    assert unit is None or unit in UNITS


# Packs.


def test_bundled_pack_path() -> None:
    path = packs.ai_industry()
    assert path.name == "ai-industry.yaml"
    assert path.parent.name == "rules"


def test_bundled_facts_is_cached(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packs, "ai_industry", lambda: GOOD / "table.yaml")
    packs.bundled_facts.cache_clear()
    try:
        table = packs.bundled_facts()
        assert len(table.facts) == 6
        assert packs.bundled_facts() is table
    finally:
        packs.bundled_facts.cache_clear()


def test_real_bundled_pack_loads() -> None:
    if not packs.ai_industry().exists():
        pytest.skip("rules/ai-industry.yaml not written yet")
    assert packs.bundled_facts().facts


def test_resolve_paths_and_folders(tmp_path: Path) -> None:
    assert packs.resolve("pack:ai-industry") == [packs.ai_industry()]
    assert packs.resolve(str(GOOD / "table.yaml")) == [GOOD / "table.yaml"]
    assert packs.resolve(str(SPLIT)) == [
        SPLIT / n for n in ("facts.csv", "more-facts.json", "sources.yaml")
    ]


class _EntryPoint:
    def __init__(self, name: str, target: object):
        self.name = name
        self._target = target

    def load(self) -> object:
        return self._target


def test_resolve_entry_point_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    def broken() -> Path:
        raise RuntimeError("no data")

    points = [_EntryPoint("extra", lambda: SPLIT), _EntryPoint("broken", broken)]

    def entry_points(group: str, name: str | None = None) -> list[_EntryPoint]:
        assert group == "citelint.packs"
        return [p for p in points if name is None or p.name == name]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    assert packs.resolve("pack:extra") == packs.resolve(str(SPLIT))
    with pytest.raises(FactTableError) as raised:
        packs.resolve("pack:nope")
    assert (
        str(raised.value)
        == "pack:nope: unknown pack 'nope' (installed packs: ai-industry, broken, extra)"
    )
    with pytest.raises(FactTableError) as raised:
        packs.resolve("pack:broken")
    assert str(raised.value) == "pack:broken: pack 'broken' cannot be loaded: no data"
