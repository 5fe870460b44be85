"""The JSON loader checks section items one at a time, decoded again from the text, and
reports every problem with the same file, line, field and message as when the whole
document was kept: the items kept as lists (as before) must give the same result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citelint.facttable import json_format, load_facts
from citelint.facttable.document import LazyItems
from citelint.model import FactTableError

FIXTURES = Path(__file__).parent / "fixtures" / "facts"

SOURCE = {"id": "src", "name": "A Report", "publisher": "Pub", "aliases": ["Pub report"]}
FACT = {"id": "f1", "source": "src", "value": 12.5, "unit": "percent", "metric": "share"}

# Tables as JSON text: good, and wrong in the ways the schema reports item by item.
TABLES = {
    "good": {"version": 1, "sources": [SOURCE], "facts": [FACT, {**FACT, "id": "f2"}]},
    "bad items": {
        "version": 1,
        "sources": [SOURCE, {"id": "-bad", "nmae": "x"}, "not a mapping"],
        "facts": [
            FACT,
            {**FACT, "id": "f2", "value": "lots", "unit": "furlongs", "colour": 1},
            {**FACT, "id": "f1", "source": "nowhere", "keywords": ["a", None]},
            {**FACT, "id": "f3", "superseded_by": "f4"},
            {**FACT, "id": "f4", "superseded_by": "f3", "as_of": "sometime"},
            7,
        ],
        "omitted": [{"statistic": "x"}],
    },
    "sections first": {
        "facts": [{**FACT, "unit": None}],
        "omitted": [{"reason": ""}],
        "sources": [{**SOURCE, "url": 5}],
        "version": 2,
        "extra": True,
    },
    "sections not lists": {"version": 1, "sources": {"id": "src"}, "facts": "none"},
}


def layouts(table: dict) -> dict[str, str]:
    return {
        "indented": json.dumps(table, indent=2),
        "one line": json.dumps(table),
        "compact": json.dumps(table, separators=(",", ":")),
    }


def cases() -> list[tuple[str, str]]:
    out = [
        (f"{name}, {layout}", text)
        for name, table in TABLES.items()
        for layout, text in layouts(table).items()
    ]
    # Duplicate keys (inside an item and a section given twice), which `json` alone hides.
    out.append(("duplicate item key", '{"version": 1, "sources": [{"id": "a", "id": "b"}]}'))
    dup = json.dumps(TABLES["good"], indent=1)
    out.append(("section twice", dup[:-1] + ', "facts": [{"id": "only"}]\n}'))
    # Shapes the walk leaves to `json` (fallback) and syntax errors.
    out.append(("top-level list", "[1, 2]"))
    out.append(("trailing comma", '{"version": 1, "sources": [],}'))
    out.append(("syntax", '{"version": 1,\n "facts": [{"id": 1,,}]}'))
    for path in sorted((FIXTURES / "bad").glob("*.json")) + sorted(FIXTURES.glob("*/*.json")):
        out.append((path.name, path.read_text(encoding="utf-8")))
    return out


def load(path: Path) -> tuple[object, list[tuple[str, int, str, str]]]:
    try:
        return load_facts([path]), []
    except FactTableError as error:
        return None, [(p.path, p.line, p.field, p.message) for p in error.problems]


def kept_whole(make, starts):
    """The items as the loader kept them before: all decoded at once, in a list."""
    return [make(start) for start in starts]


@pytest.mark.parametrize(("name", "text"), cases(), ids=[name for name, _ in cases()])
def test_streamed_items_report_as_items_kept_whole(name, text, tmp_path, monkeypatch):
    path = tmp_path / "table.json"
    path.write_text(text, encoding="utf-8")
    streamed = load(path)
    monkeypatch.setattr(json_format, "LazyItems", kept_whole)
    assert streamed == load(path)


# What the loader reported for "bad items", indented, before items were streamed.
BAD_ITEMS = [
    (12, "sources[1].name", "required field is missing"),
    (
        13,
        "sources[1].id",
        "invalid id '-bad' (use letters, digits, '.', '_', ':' and '-', "
        "starting with a letter or digit)",
    ),
    (14, "sources[1].nmae", "unknown field (did you mean 'name'?)"),
    (16, "sources[2]", "must be a mapping, not a string"),
    (
        29,
        "facts[1].value",
        "not a number: 'lots' (write e.g. 17.1, 6,200, 10 billion, 619m or 17.1%)",
    ),
    (
        30,
        "facts[1].unit",
        "unknown unit 'furlongs' (expected percent, pp, count, score, ratio, points, times "
        "or an ISO currency code such as USD)",
    ),
    (32, "facts[1].colour", "unknown field (custom fields must start with 'x-')"),
    (35, "facts[2].id", "duplicate fact id 'f1' (first defined at {here}:19)"),
    (36, "facts[2].source", "unknown source 'nowhere'"),
    (40, "facts[2].keywords[1]", "must be a string, not a null"),
    (51, "facts[3].superseded_by", "superseded_by forms a cycle: f3 -> f4 -> f3"),
    (60, "facts[4].as_of", "expected a date such as 2025, 2026-01 or 2026-04-28, not 'sometime'"),
    (62, "facts[5]", "must be a mapping, not a number"),
    (65, "omitted[0].reason", "required field is missing"),
]


def test_bad_items_are_reported_at_their_lines(tmp_path):
    path = tmp_path / "table.json"
    path.write_text(layouts(TABLES["bad items"])["indented"], encoding="utf-8")
    _, problems = load(path)
    expected = [(str(path), line, field, m.format(here=path)) for line, field, m in BAD_ITEMS]
    assert problems == expected


def test_items_are_not_kept_by_the_parsed_document():
    text = json.dumps(TABLES["good"])
    doc = json_format.parse("t.json", text)
    facts = doc.data["facts"]
    assert isinstance(facts, LazyItems)
    assert list(facts) == TABLES["good"]["facts"]
    assert facts[1] is not facts[1]  # decoded on each read, never stored
